#include "rutile/http/language.h"

#include <algorithm>
#include <cctype>

namespace rutile::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// True for a weight of zero ("0", "0.0", "0.000"): the language is refused.
bool Refused(std::string_view item) {
  const auto q = item.find(";q=");
  if (q == std::string_view::npos) return false;
  const std::string_view weight = Trim(item.substr(q + 3));
  return !weight.empty() && weight.find_first_not_of("0.") == std::string_view::npos;
}

}  // namespace

std::optional<std::string> SupportedLanguage(std::string_view tag) {
  tag = Trim(tag);
  std::string primary(tag.substr(0, tag.find_first_of("-_;")));
  for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::find(std::begin(kLanguages), std::end(kLanguages), primary) == std::end(kLanguages))
    return std::nullopt;
  return primary;
}

std::optional<std::string> AcceptedLanguage(std::string_view header) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    const std::string_view item = header.substr(0, comma);
    if (!Refused(item))
      if (auto lang = SupportedLanguage(item.substr(0, item.find(';')))) return lang;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return std::nullopt;
}

Result<std::string> ReaderLanguage(const Request& request) {
  if (auto asked = request.Query("lang")) {
    if (auto lang = SupportedLanguage(*asked)) return *lang;
    return InvalidArgument(
        "the language is not supported",
        {{"lang", "must be one of en, zh, es, fr, pt, ar", "field.unknown_value"}});
  }
  if (auto header = request.Header("accept-language"))
    if (auto lang = AcceptedLanguage(*header)) return *lang;
  return std::string("en");
}

}  // namespace rutile::http
