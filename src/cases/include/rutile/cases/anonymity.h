// Generalization of quasi-identifiers (dates, headcount, capacities, service time) and the
// k-anonymity check applied to what a public case reveals about its source organization.
// Pure functions over values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rutile::cases {

inline constexpr int kDefaultK = 5;

// "2024-05-17" -> "2024-Q2"; empty when the date is not YYYY-MM-DD.
std::string QuarterOf(std::string_view iso_date);
// "2024-05-17" -> "2024"; empty when invalid.
std::string YearOf(std::string_view iso_date);
// Headcount -> "1-19", "20-99", "100-299", "300-999", "1000+".
std::string HeadcountBand(std::int64_t headcount);
// Vessel or tank volume -> "<1", "1-5", "5-20", "20-100", "100+" (cubic metres).
std::string CapacityRange(double volume_m3);
// Months in service -> "<1y", "1-3y", "3-5y", "5-10y", "10y+".
std::string ServiceTimeBand(std::int64_t months);
// Rounds a measurement to `step` (temperature 5 °C, pH 0.5) so exact set points do not
// single out one plant.
double RoundTo(double value, double step);
// The region's parent in the catalog's code scheme ("cn-east" -> "cn").
std::string ParentRegion(std::string_view region);

// What a public case says about the organization behind it.
struct QuasiIdentifiers {
  std::string region;
  std::string industry;
  std::string scale;  // scale class or band
  bool operator==(const QuasiIdentifiers&) const = default;
};

// The published combination after generalization: level 0 keeps all three; 1 drops scale;
// 2 widens region to its parent; 3 keeps industry only; 4 suppresses all. Empty = suppressed.
struct Generalized {
  QuasiIdentifiers published;
  int level = 0;
  std::size_t class_size = 0;  // organizations in the population sharing `published`
};

QuasiIdentifiers GeneralizeTo(const QuasiIdentifiers& q, int level);

// The least generalization whose equivalence class in `population` (every organization that
// could have reported the case, including its source) holds at least k members.
Generalized GeneralizeForK(const QuasiIdentifiers& candidate,
                           const std::vector<QuasiIdentifiers>& population, int k);

// Indices of rows whose exact combination occurs fewer than k times in `rows` (the rows a
// release would have to suppress or generalize further).
std::vector<std::size_t> SmallClasses(const std::vector<std::vector<std::string>>& rows, int k);

}  // namespace rutile::cases
