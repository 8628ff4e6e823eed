// API RP 581-style risk matrix: probability category 1..5 x consequence category A..E -> risk
// level. The cell mapping and category bounds are configuration (RiskMatrixConfig, loaded from
// knowledge/engine/risk_matrix.json). Pure functions; thread-safe.
#pragma once

#include <string_view>

#include "rutile/core/result.h"
#include "rutile/engine/knowledge_base.h"

namespace rutile::engine {

// 1..5 from a probability of failure per year (upper bounds inclusive).
int ProbabilityCategory(const RiskMatrixConfig& config, double pof_per_year);
// "A".."E" from the affected area (m2) or the financial consequence (USD).
std::string_view ConsequenceCategoryByArea(const RiskMatrixConfig& config, double area_m2);
std::string_view ConsequenceCategoryByCost(const RiskMatrixConfig& config, double cost_usd);

// Risk level name; kInvalidArgument for a probability outside 1..5 or an unknown category.
Result<std::string_view> RiskLevel(const RiskMatrixConfig& config, int probability_category,
                                   std::string_view consequence_category);

}  // namespace rutile::engine
