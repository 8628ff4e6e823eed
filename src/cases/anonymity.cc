#include "rutile/cases/anonymity.h"

#include <cmath>
#include <map>

namespace rutile::cases {
namespace {

std::optional<int> ParseInt(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool ParseDate(std::string_view d, int& year, int& month) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  auto y = ParseInt(d.substr(0, 4));
  auto m = ParseInt(d.substr(5, 2));
  auto day = ParseInt(d.substr(8, 2));
  if (!y || !m || !day || *m < 1 || *m > 12 || *day < 1 || *day > 31) return false;
  year = *y;
  month = *m;
  return true;
}

}  // namespace

std::string QuarterOf(std::string_view iso_date) {
  int y = 0, m = 0;
  if (!ParseDate(iso_date, y, m)) return "";
  return std::to_string(y) + "-Q" + std::to_string((m - 1) / 3 + 1);
}

std::string YearOf(std::string_view iso_date) {
  int y = 0, m = 0;
  if (!ParseDate(iso_date, y, m)) return "";
  return std::to_string(y);
}

std::string HeadcountBand(std::int64_t headcount) {
  if (headcount < 20) return "1-19";
  if (headcount < 100) return "20-99";
  if (headcount < 300) return "100-299";
  if (headcount < 1000) return "300-999";
  return "1000+";
}

std::string CapacityRange(double v) {
  if (v < 1) return "<1";
  if (v < 5) return "1-5";
  if (v < 20) return "5-20";
  if (v < 100) return "20-100";
  return "100+";
}

std::string ServiceTimeBand(std::int64_t months) {
  if (months < 12) return "<1y";
  if (months < 36) return "1-3y";
  if (months < 60) return "3-5y";
  if (months < 120) return "5-10y";
  return "10y+";
}

double RoundTo(double value, double step) { return std::round(value / step) * step; }

std::string ParentRegion(std::string_view region) {
  const auto dash = region.find('-');
  return std::string(dash == std::string_view::npos ? region : region.substr(0, dash));
}

QuasiIdentifiers GeneralizeTo(const QuasiIdentifiers& q, int level) {
  switch (level) {
    case 0:
      return q;
    case 1:
      return {q.region, q.industry, ""};
    case 2:
      return {ParentRegion(q.region), q.industry, ""};
    case 3:
      return {"", q.industry, ""};
    default:
      return {"", "", ""};
  }
}

Generalized GeneralizeForK(const QuasiIdentifiers& candidate,
                           const std::vector<QuasiIdentifiers>& population, int k) {
  for (int level = 0; level <= 4; ++level) {
    const QuasiIdentifiers target = GeneralizeTo(candidate, level);
    std::size_t n = 0;
    for (const auto& p : population)
      if (GeneralizeTo(p, level) == target) ++n;
    if (n >= static_cast<std::size_t>(k) || level == 4) return {target, level, n};
  }
  return {};
}

std::vector<std::size_t> SmallClasses(const std::vector<std::vector<std::string>>& rows, int k) {
  std::map<std::vector<std::string>, std::size_t> counts;
  for (const auto& r : rows) ++counts[r];
  std::vector<std::size_t> small;
  for (std::size_t i = 0; i < rows.size(); ++i)
    if (counts[rows[i]] < static_cast<std::size_t>(k)) small.push_back(i);
  return small;
}

}  // namespace rutile::cases
