#include "validation.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "rutile/core/utf8.h"

namespace rutile::identity {
namespace {

constexpr std::array<std::string_view, 6> kLanguages = {"en", "zh", "es", "fr", "pt", "ar"};

}  // namespace

std::string NormalizeEmail(const std::string& email) {
  std::size_t b = email.find_first_not_of(" \t\r\n");
  std::size_t e = email.find_last_not_of(" \t\r\n");
  std::string out = b == std::string::npos ? std::string() : email.substr(b, e - b + 1);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void CheckEmail(const std::string& field, const std::string& email,
                std::vector<FieldError>& errors) {
  std::size_t at = email.find('@');
  bool ok = !email.empty() && email.size() <= 254 && at != std::string::npos && at > 0 &&
            email.find('@', at + 1) == std::string::npos &&
            email.find('.', at + 2) != std::string::npos && email.back() != '.' &&
            std::none_of(email.begin(), email.end(),
                         [](unsigned char c) { return c <= ' ' || c == 0x7F; });
  if (!ok) errors.push_back({field, "must be an e-mail address such as name@example.com"});
}

void CheckPassword(const std::string& field, const std::string& password,
                   std::vector<FieldError>& errors) {
  std::size_t n = utf8::CountCodePoints(password);
  if (n < 10) errors.push_back({field, "must be at least 10 characters long"});
  if (password.size() > 256) errors.push_back({field, "must be at most 256 bytes long"});
}

void CheckText(const std::string& field, const std::string& text, std::size_t max_chars,
               std::vector<FieldError>& errors) {
  bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) {
    errors.push_back({field, "must not be empty"});
  } else if (utf8::CountCodePoints(text) > max_chars) {
    errors.push_back({field, "must be at most " + std::to_string(max_chars) + " characters"});
  }
}

void CheckLanguage(const std::string& field, const std::string& language,
                   std::vector<FieldError>& errors) {
  if (std::find(kLanguages.begin(), kLanguages.end(), language) == kLanguages.end())
    errors.push_back({field, "must be one of en, zh, es, fr, pt, ar"});
}

}  // namespace rutile::identity
