#include "rutile/equipment/device.h"

#include <sodium.h>

#include <charconv>

namespace rutile::equipment {
namespace {

constexpr std::string_view kKeyPrefix = "rdk_";
constexpr std::size_t kKeyRandomBytes = 20;

std::string Hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

}  // namespace

std::string GenerateDeviceKey() {
  unsigned char bytes[kKeyRandomBytes];
  randombytes_buf(bytes, sizeof bytes);
  return std::string(kKeyPrefix) + Hex(bytes, sizeof bytes);
}

std::string HashDeviceKey(std::string_view key) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(key.data()),
                     key.size(), nullptr, 0);
  return Hex(digest, sizeof digest);
}

bool LooksLikeDeviceKey(std::string_view key) {
  if (key.size() != kKeyPrefix.size() + 2 * kKeyRandomBytes || key.substr(0, 4) != kKeyPrefix)
    return false;
  for (char ch : key.substr(kKeyPrefix.size()))
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}

std::string DeviceReadingsTopic(std::int64_t org_id, std::string_view key) {
  return std::string(kMqttTopicRoot) + "/" + std::to_string(org_id) + "/" + std::string(key) +
         "/readings";
}

std::string DeviceAcksTopic(std::int64_t org_id, std::string_view key) {
  return std::string(kMqttTopicRoot) + "/" + std::to_string(org_id) + "/" + std::string(key) +
         "/acks";
}

bool ParseDeviceReadingsTopic(std::string_view topic, DeviceTopic& out) {
  const std::string root = std::string(kMqttTopicRoot) + "/";
  constexpr std::string_view kTail = "/readings";
  if (topic.size() <= root.size() + kTail.size() || topic.substr(0, root.size()) != root ||
      topic.substr(topic.size() - kTail.size()) != kTail)
    return false;
  std::string_view middle = topic.substr(root.size(), topic.size() - root.size() - kTail.size());
  std::size_t slash = middle.find('/');
  if (slash == std::string_view::npos || middle.find('/', slash + 1) != std::string_view::npos)
    return false;
  std::string_view org = middle.substr(0, slash);
  std::int64_t org_id = 0;
  auto [end, ec] = std::from_chars(org.data(), org.data() + org.size(), org_id);
  if (org.empty() || ec != std::errc() || end != org.data() + org.size() || org_id <= 0)
    return false;
  out.org_id = org_id;
  out.key = std::string(middle.substr(slash + 1));
  return true;
}

}  // namespace rutile::equipment
