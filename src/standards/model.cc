#include "rutile/standards/model.h"

#include <cctype>

namespace rutile::standards {
namespace {

struct KindName {
  StandardKind kind;
  std::string_view name;
};
constexpr KindName kKinds[] = {
    {StandardKind::kNationalRecommended, "national_recommended"},
    {StandardKind::kIndustry, "industry"},
    {StandardKind::kPark, "park"},
    {StandardKind::kEnterprise, "enterprise"},
    {StandardKind::kInternationalHarmonizedBaseline, "international_harmonized_baseline"},
};

}  // namespace

std::string_view StandardKindName(StandardKind k) {
  for (const auto& n : kKinds)
    if (n.kind == k) return n.name;
  return "unknown";
}
std::optional<StandardKind> ParseStandardKind(std::string_view name) {
  for (const auto& n : kKinds)
    if (n.name == name) return n.kind;
  return std::nullopt;
}

std::string_view ClauseKindName(ClauseKind k) {
  return k == ClauseKind::kMandatory ? "mandatory" : "recommended";
}
std::optional<ClauseKind> ParseClauseKind(std::string_view name) {
  if (name == "mandatory") return ClauseKind::kMandatory;
  if (name == "recommended") return ClauseKind::kRecommended;
  return std::nullopt;
}

std::string InLanguage(const LocalizedText& text, std::string_view lang) {
  if (auto it = text.find(std::string(lang)); it != text.end() && !it->second.empty())
    return it->second;
  if (auto it = text.find("en"); it != text.end()) return it->second;
  return text.empty() ? std::string() : text.begin()->second;
}

bool ClauseNumberLess(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      unsigned long long x = 0, y = 0;
      while (i < a.size() && std::isdigit(static_cast<unsigned char>(a[i])))
        x = x * 10 + static_cast<unsigned>(a[i++] - '0');
      while (j < b.size() && std::isdigit(static_cast<unsigned char>(b[j])))
        y = y * 10 + static_cast<unsigned>(b[j++] - '0');
      if (x != y) return x < y;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

}  // namespace rutile::standards
