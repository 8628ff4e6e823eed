// QualityRules: the data-quality thresholds for wall-thickness readings and the default
// operating-window margins, loaded from knowledge/equipment/quality_rules.json (each value
// carries its source there). Plain value type.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "rutile/core/result.h"

namespace rutile::equipment {

struct QualityRules {
  double growth_warning_mm = 0;  // thickness rise over the previous reading that is suspicious
  double growth_error_mm = 0;    // rise that can only be a measurement error (reading excluded)
  int min_pair_days = 0;         // readings closer than this are not paired for a rate
  // Target window = critical limit moved inward by this margin, per reading type; a fraction
  // margin is relative to the critical limit's magnitude.
  struct Margin {
    double value = 0;
    bool fraction = false;
  };
  std::map<std::string, Margin, std::less<>> target_margin;

  // The embedded file.
  static QualityRules Default();
  static Result<QualityRules> Parse(std::string_view json);
};

}  // namespace rutile::equipment
