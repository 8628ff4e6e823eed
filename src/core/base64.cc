#include "rutile/core/base64.h"

#include <array>

namespace rutile::base64 {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<signed char, 256> ReverseTable() {
  std::array<signed char, 256> table{};
  table.fill(-1);
  for (std::size_t i = 0; i < kAlphabet.size(); ++i)
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
  return table;
}
constexpr auto kReverse = ReverseTable();

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::string Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  auto byte = [&](std::size_t k) {
    return static_cast<unsigned>(static_cast<unsigned char>(bytes[k]));
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63],
            kAlphabet[v & 63]};
  }
  if (bytes.size() - i == 1) {
    const unsigned v = byte(i) << 16;
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (bytes.size() - i == 2) {
    const unsigned v = byte(i) << 16 | byte(i + 1) << 8;
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

Result<std::string> Decode(std::string_view text, Whitespace whitespace) {
  std::string compact;
  if (whitespace == Whitespace::kSkip) {
    compact.reserve(text.size());
    for (char c : text)
      if (!IsSpace(c)) compact.push_back(c);
    text = compact;
  }
  if (text.size() % 4 != 0) return Fail(InvalidArgument("base64 length is not a multiple of 4"));
  std::size_t pad = 0;
  if (!text.empty() && text.back() == '=')
    pad = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    unsigned v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = text[i + k];
      const bool padding = last && k >= 4 - pad;
      if (padding) {
        if (c != '=') return Fail(InvalidArgument("invalid base64"));
        v <<= 6;
        continue;
      }
      const int d = kReverse[static_cast<unsigned char>(c)];
      if (d < 0) return Fail(InvalidArgument("invalid base64 character"));
      v = v << 6 | static_cast<unsigned>(d);
    }
    const std::size_t bytes = last ? 3 - pad : 3;
    // Canonical: the bits below the last byte are zero.
    if (last && pad > 0 && (v & ((1u << (8 * pad)) - 1)) != 0)
      return Fail(InvalidArgument("non-canonical base64"));
    for (std::size_t k = 0; k < bytes; ++k)
      out.push_back(static_cast<char>((v >> (16 - 8 * k)) & 0xFF));
  }
  return out;
}

}  // namespace rutile::base64
