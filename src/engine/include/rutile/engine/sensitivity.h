// How far a bath is from a higher grade: for each quantity a plant monitors (bath temperature,
// pH, chloride, fluoride), the value beyond which the engine's grade would rise. Equipment
// windows default to these values, so a reading raises an alert before the damage. Pure function
// of the request and the KnowledgeBase, like Assess.
#pragma once

#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/engine/knowledge_base.h"
#include "rutile/engine/risk_engine.h"

namespace rutile::engine {

// One quantity's threshold: keep `parameter` at or below (`max`) / at or above (`min`) `value`;
// beyond it the grade is `grade_beyond` (> `grade`, the grade as the request stands).
struct Threshold {
  std::string_view parameter;  // "temperature_c", "ph", "chloride_mg_l", "fluoride_mg_l"
  std::string_view bound;      // "max" or "min"
  double value = 0;
  int grade = 1;
  int grade_beyond = 1;
};

// Thresholds for the quantities whose rise (or, for pH, fall) within the engine's input range
// raises the grade; a quantity that cannot raise it has none. Resolution: 0.1 °C, 0.05 pH, and
// 1 % of the value for the ions. Chloride and fluoride are totals in mg/L (what a bath analysis
// reports), found by adding the ion to the bath.
Result<std::vector<Threshold>> Sensitivity(const KnowledgeBase& kb,
                                           const AssessmentRequest& request);

}  // namespace rutile::engine
