// Wall-thickness analysis: API 510 / API 570 corrosion rates (long and short term, governing),
// remaining life and next inspection interval, and the required thickness from ASME VIII
// Div. 1 UG-27 (cylindrical shell) or ASME B31.3 304.1.2 (straight pipe). Interval limits come
// from the KnowledgeBase's InspectionRules. Pure functions; dates are inputs; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/engine/knowledge_base.h"

namespace rutile::engine {

// Proleptic Gregorian calendar date.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  bool operator==(const Date&) const = default;
};

// "YYYY-MM-DD" -> Date; kInvalidArgument otherwise (including 2023-02-30).
Result<Date> ParseDate(std::string_view text);
std::string FormatDate(const Date& date);
long long DaysFromCivil(const Date& date);
Date CivilFromDays(long long days);

enum class EquipmentKind { kVessel, kPiping };

struct ThicknessReading {
  Date date;
  double thickness_mm = 0;
};

// ASME VIII Div. 1 UG-27 cylindrical shell, inside radius R:
//   circumferential stress: t = P*R / (S*E - 0.6*P)    (valid for P <= 0.385*S*E)
//   longitudinal stress:    t = P*R / (2*S*E + 0.4*P)  (valid for P <= 1.25*S*E)
// Required thickness = the larger; corrosion allowance is not included.
struct ShellDesign {
  double pressure_mpa = 0;
  double inside_radius_mm = 0;
  double allowable_stress_mpa = 0;
  double joint_efficiency = 1;
};

// ASME B31.3 304.1.2 eq. (3a): t = P*D / (2*(S*E*W + P*Y)); t_m = t + c.
struct PipeDesign {
  double pressure_mpa = 0;
  double outside_diameter_mm = 0;
  double allowable_stress_mpa = 0;
  double joint_quality_factor = 1;      // E
  double weld_strength_factor = 1;      // W
  std::optional<double> y_coefficient;  // default from the knowledge base (0.4)
  double allowance_mm = 0;              // c: mechanical + corrosion + erosion allowances
};

struct DesignThickness {
  double t_required_mm = 0;
  std::vector<std::string> flags;  // validity notes ("ug27_outside_thin_wall_range", ...)
};

Result<DesignThickness> ShellRequiredThickness(const InspectionRules& rules,
                                               const ShellDesign& design);
Result<DesignThickness> PipeRequiredThickness(const InspectionRules& rules,
                                              const PipeDesign& design);

struct ThicknessRequest {
  EquipmentKind kind = EquipmentKind::kVessel;
  std::optional<int> piping_class;          // 1..4, required for piping
  std::vector<ThicknessReading> readings;   // at least two, any order, distinct dates
  std::optional<double> t_required_mm;      // either this ...
  std::optional<ShellDesign> shell_design;  // ... or a vessel design ...
  std::optional<PipeDesign> pipe_design;    // ... or a piping design
  Date as_of;
};

struct ThicknessResult {
  double cr_long_term_mm_per_a = 0;
  double cr_short_term_mm_per_a = 0;
  double governing_rate_mm_per_a = 0;      // the greater of the two
  std::optional<double> remaining_life_a;  // unset when no measurable corrosion
  double next_inspection_interval_a = 0;
  Date next_inspection_date;
  double t_required_mm = 0;
  std::vector<std::string> flags;
};

// Readings are sorted by date: t_initial = first, t_previous = second last, t_actual = last.
//   CR_LT = (t_initial - t_actual) / years, CR_ST = (t_previous - t_actual) / years,
//   RL = (t_actual - t_required) / max(CR_LT, CR_ST), years = days / 365.25.
// Vessel interval: min(0.5*RL, 10 a), or min(RL, 2 a) when RL < 4 a (API 510).
// Piping interval: min(0.5*RL, API 570 Table 2 value for the class).
Result<ThicknessResult> AnalyzeThickness(const InspectionRules& rules,
                                         const ThicknessRequest& request);

}  // namespace rutile::engine
