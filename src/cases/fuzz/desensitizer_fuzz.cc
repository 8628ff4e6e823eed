// libFuzzer target: Desensitizer::Scrub on arbitrary bytes must not crash, must return valid
// UTF-8 whose findings lie inside the (repaired) text, and must not let through an e-mail
// address or a mobile number planted into the fuzzed text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rutile/cases/desensitizer.h"

namespace {

bool ValidUtf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t n = b0 < 0x80                  ? 1
                    : b0 >= 0xC2 && b0 <= 0xDF ? 2
                    : b0 >= 0xE0 && b0 <= 0xEF ? 3
                    : b0 >= 0xF0 && b0 <= 0xF4 ? 4
                                               : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

const rutile::cases::Desensitizer& Scrubber() {
  static const rutile::cases::Desensitizer d({{"王建国", "Carlos Mendes", "أحمد الفارسي"},
                                              {"Acme Titanium Heaters Ltd."},
                                              {"吴中经济开发区"}});
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  rutile::cases::PlaceholderMap map;
  const auto out = Scrubber().Scrub(in, map);
  if (!ValidUtf8(out.text)) std::abort();
  std::size_t last_end = 0;
  for (const auto& f : out.findings) {
    if (f.offset < last_end || f.length == 0) std::abort();  // ordered, disjoint, non-empty
    last_end = f.offset + f.length;
  }
  // Plant an e-mail address and a mobile number between fuzzed halves, each set off by spaces.
  const std::string email = "zq.planted@leak-check.example";
  const std::string mobile = "13987654321";
  const std::string planted = std::string(in.substr(0, size / 2)) + " " + email + " , " + mobile +
                              " " + std::string(in.substr(size / 2));
  const std::string scrubbed = Scrubber().ScrubText(planted);
  if (scrubbed.find(email) != std::string::npos) std::abort();
  if (scrubbed.find(mobile) != std::string::npos) std::abort();
  return 0;
}
