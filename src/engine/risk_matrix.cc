#include "rutile/engine/risk_matrix.h"

#include <string>

namespace rutile::engine {

int ProbabilityCategory(const RiskMatrixConfig& config, double pof_per_year) {
  for (std::size_t i = 0; i < 4; ++i) {
    if (pof_per_year <= config.pof_upper_bounds_per_year[i]) return static_cast<int>(i) + 1;
  }
  return 5;
}

namespace {
std::string_view ByBounds(const RiskMatrixConfig& config, const std::array<double, 4>& bounds,
                          double value) {
  for (std::size_t i = 0; i < 4; ++i) {
    if (value <= bounds[i]) return config.consequence_categories[i];
  }
  return config.consequence_categories[4];
}
}  // namespace

std::string_view ConsequenceCategoryByArea(const RiskMatrixConfig& config, double area_m2) {
  return ByBounds(config, config.cof_area_upper_bounds_m2, area_m2);
}

std::string_view ConsequenceCategoryByCost(const RiskMatrixConfig& config, double cost_usd) {
  return ByBounds(config, config.cof_financial_upper_bounds_usd, cost_usd);
}

Result<std::string_view> RiskLevel(const RiskMatrixConfig& config, int probability_category,
                                   std::string_view consequence_category) {
  if (probability_category < 1 || probability_category > 5) {
    return InvalidArgument("invalid risk matrix request",
                           {{"probability_category", "must be 1..5"}});
  }
  for (std::size_t c = 0; c < 5; ++c) {
    if (config.consequence_categories[c] == consequence_category) {
      const int level = config.cells[static_cast<std::size_t>(probability_category - 1)][c];
      return std::string_view(config.levels[static_cast<std::size_t>(level)]);
    }
  }
  return InvalidArgument(
      "invalid risk matrix request",
      {{"consequence_category", "unknown category '" + std::string(consequence_category) + "'"}});
}

}  // namespace rutile::engine
