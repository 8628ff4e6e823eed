#include "rutile/engine/thickness.h"

#include <algorithm>
#include <cmath>

#include "rutile/engine/number_format.h"

namespace rutile::engine {
namespace {

constexpr double kDaysPerYear = 365.25;

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

double Round(double v, double scale) { return std::round(v * scale) / scale; }

}  // namespace

Result<Date> ParseDate(std::string_view s) {
  auto digits = [&](std::size_t from, std::size_t n, int* out) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
  };
  Date d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(0, 4, &d.year) ||
      !digits(5, 2, &d.month) || !digits(8, 2, &d.day) || d.month < 1 || d.month > 12 ||
      d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    return InvalidArgument("invalid date '" + std::string(s) + "'",
                           {{"date", "expected YYYY-MM-DD"}});
  }
  return d;
}

std::string FormatDate(const Date& d) {
  std::string out;
  auto pad = [&](int v, int width) {
    std::string s = std::to_string(v);
    while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
    out += s;
  };
  pad(d.year, 4);
  out.push_back('-');
  pad(d.month, 2);
  out.push_back('-');
  pad(d.day, 2);
  return out;
}

// Howard Hinnant's days_from_civil / civil_from_days.
long long DaysFromCivil(const Date& date) {
  long long y = date.year;
  const unsigned m = static_cast<unsigned>(date.month);
  const unsigned d = static_cast<unsigned>(date.day);
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

Date CivilFromDays(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

Result<DesignThickness> ShellRequiredThickness(const InspectionRules& rules, const ShellDesign& d) {
  std::vector<FieldError> errors;
  if (!(d.pressure_mpa > 0)) errors.push_back({"design.pressure_mpa", "must be positive"});
  if (!(d.inside_radius_mm > 0)) errors.push_back({"design.inside_radius_mm", "must be positive"});
  if (!(d.allowable_stress_mpa > 0)) {
    errors.push_back({"design.allowable_stress_mpa", "must be positive"});
  }
  if (!(d.joint_efficiency > 0 && d.joint_efficiency <= 1)) {
    errors.push_back({"design.joint_efficiency", "must be in (0, 1]"});
  }
  if (!errors.empty()) return InvalidArgument("invalid vessel design", std::move(errors));
  const double se = d.allowable_stress_mpa * d.joint_efficiency;
  const double p = d.pressure_mpa;
  DesignThickness out;
  if (se - 0.6 * p <= 0) {
    return InvalidArgument("invalid vessel design",
                           {{"design.pressure_mpa", "too high for the allowable stress"}});
  }
  const double t_circ = p * d.inside_radius_mm / (se - 0.6 * p);
  const double t_long = p * d.inside_radius_mm / (2 * se + 0.4 * p);
  out.t_required_mm = std::max(t_circ, t_long);
  if (p > rules.ug27_circ_p_ratio_max.value * se || t_circ > d.inside_radius_mm / 2) {
    out.flags.push_back("ug27_outside_thin_wall_range");
  }
  if (p > rules.ug27_long_p_ratio_max.value * se) out.flags.push_back("ug27_long_outside_range");
  return out;
}

Result<DesignThickness> PipeRequiredThickness(const InspectionRules& rules, const PipeDesign& d) {
  std::vector<FieldError> errors;
  if (!(d.pressure_mpa > 0)) errors.push_back({"design.pressure_mpa", "must be positive"});
  if (!(d.outside_diameter_mm > 0)) {
    errors.push_back({"design.outside_diameter_mm", "must be positive"});
  }
  if (!(d.allowable_stress_mpa > 0)) {
    errors.push_back({"design.allowable_stress_mpa", "must be positive"});
  }
  if (!(d.joint_quality_factor > 0 && d.joint_quality_factor <= 1)) {
    errors.push_back({"design.joint_quality_factor", "must be in (0, 1]"});
  }
  if (!(d.weld_strength_factor > 0 && d.weld_strength_factor <= 1)) {
    errors.push_back({"design.weld_strength_factor", "must be in (0, 1]"});
  }
  const double y = d.y_coefficient ? *d.y_coefficient : rules.b31_3_y_default.value;
  if (y < 0 || y > 1) errors.push_back({"design.y_coefficient", "must be in [0, 1]"});
  if (d.allowance_mm < 0) errors.push_back({"design.allowance_mm", "must be zero or positive"});
  if (!errors.empty()) return InvalidArgument("invalid piping design", std::move(errors));
  const double sew = d.allowable_stress_mpa * d.joint_quality_factor * d.weld_strength_factor;
  const double t = d.pressure_mpa * d.outside_diameter_mm / (2 * (sew + d.pressure_mpa * y));
  DesignThickness out;
  out.t_required_mm = t + d.allowance_mm;
  if (t >= d.outside_diameter_mm / 6 ||
      d.pressure_mpa / (d.allowable_stress_mpa * d.joint_quality_factor) >
          rules.b31_3_p_ratio_max.value) {
    out.flags.push_back("b31_3_special_consideration");
  }
  return out;
}

Result<ThicknessResult> AnalyzeThickness(const InspectionRules& rules,
                                         const ThicknessRequest& req) {
  std::vector<FieldError> errors;
  if (req.readings.size() < 2) errors.push_back({"readings", "needs at least two readings"});
  for (std::size_t i = 0; i < req.readings.size(); ++i) {
    const double t = req.readings[i].thickness_mm;
    if (!std::isfinite(t) || t <= 0) {
      errors.push_back({"readings[" + std::to_string(i) + "].thickness_mm", "must be positive"});
    }
  }
  const int given =
      (req.t_required_mm ? 1 : 0) + (req.shell_design ? 1 : 0) + (req.pipe_design ? 1 : 0);
  if (given != 1) {
    errors.push_back({"t_required_mm", "give exactly one of t_required_mm or design"});
  }
  if (req.t_required_mm && !(*req.t_required_mm > 0)) {
    errors.push_back({"t_required_mm", "must be positive"});
  }
  const PipingClassRule* piping = nullptr;
  if (req.kind == EquipmentKind::kPiping) {
    if (!req.piping_class) {
      errors.push_back({"piping_class", "required for piping (1..4)"});
    } else if (*req.piping_class < 1 || *req.piping_class > 4) {
      errors.push_back({"piping_class", "must be 1..4"});
    } else {
      for (const auto& c : rules.piping_classes) {
        if (c.piping_class == *req.piping_class) piping = &c;
      }
    }
  } else if (req.piping_class) {
    errors.push_back({"piping_class", "only for kind 'piping'"});
  }
  if (!errors.empty()) return InvalidArgument("invalid thickness request", std::move(errors));

  std::vector<ThicknessReading> readings = req.readings;
  std::stable_sort(readings.begin(), readings.end(),
                   [](const ThicknessReading& a, const ThicknessReading& b) {
                     return DaysFromCivil(a.date) < DaysFromCivil(b.date);
                   });
  for (std::size_t i = 1; i < readings.size(); ++i) {
    if (readings[i].date == readings[i - 1].date) {
      return InvalidArgument("invalid thickness request",
                             {{"readings", "two readings on " + FormatDate(readings[i].date)}});
    }
  }
  const auto& first = readings.front();
  const auto& previous = readings[readings.size() - 2];
  const auto& last = readings.back();
  const long long as_of = DaysFromCivil(req.as_of);
  if (as_of < DaysFromCivil(last.date)) {
    return InvalidArgument(
        "invalid thickness request",
        {{"as_of", "is before the last reading (" + FormatDate(last.date) + ")"}});
  }

  ThicknessResult out;
  if (req.t_required_mm) {
    out.t_required_mm = *req.t_required_mm;
  } else {
    Result<DesignThickness> design = req.shell_design
                                         ? ShellRequiredThickness(rules, *req.shell_design)
                                         : PipeRequiredThickness(rules, *req.pipe_design);
    if (!design.has_value()) return design.error();
    out.t_required_mm = design->t_required_mm;
    out.flags = design->flags;
  }
  const double years_long = (DaysFromCivil(last.date) - DaysFromCivil(first.date)) / kDaysPerYear;
  const double years_short =
      (DaysFromCivil(last.date) - DaysFromCivil(previous.date)) / kDaysPerYear;
  out.cr_long_term_mm_per_a = (first.thickness_mm - last.thickness_mm) / years_long;
  out.cr_short_term_mm_per_a = (previous.thickness_mm - last.thickness_mm) / years_short;
  out.governing_rate_mm_per_a = std::max(out.cr_long_term_mm_per_a, out.cr_short_term_mm_per_a);
  if (out.cr_long_term_mm_per_a < 0 || out.cr_short_term_mm_per_a < 0) {
    out.flags.push_back("thickness_increase_check_readings");
  }

  const double margin = last.thickness_mm - out.t_required_mm;
  double interval = 0;
  const Fact& max_interval =
      req.kind == EquipmentKind::kVessel
          ? rules.vessel_max_interval_a
          : (piping ? piping->thickness_interval_a : rules.vessel_max_interval_a);
  if (margin <= 0) {
    out.remaining_life_a = 0;
    out.flags.push_back("below_required_thickness");
    interval = 0;
  } else if (out.governing_rate_mm_per_a <= 0) {
    out.flags.push_back("no_measurable_corrosion");
    interval = req.kind == EquipmentKind::kPiping && piping == nullptr ? 0 : max_interval.value;
  } else {
    const double rl = margin / out.governing_rate_mm_per_a;
    out.remaining_life_a = Round(rl, 1000.0);
    if (req.kind == EquipmentKind::kVessel) {
      if (rl < rules.vessel_short_life_threshold_a.value) {
        interval = std::min(rl, rules.vessel_short_life_max_interval_a.value);
        out.flags.push_back("remaining_life_below_4_years");
      } else {
        interval = std::min(rl * rules.vessel_half_life_fraction.value, max_interval.value);
      }
    } else {
      interval = rl * rules.piping_half_life_fraction.value;
      if (piping != nullptr) interval = std::min(interval, max_interval.value);
    }
  }
  if (req.kind == EquipmentKind::kPiping && piping == nullptr) {
    out.flags.push_back("class_4_interval_optional");
  }
  out.cr_long_term_mm_per_a = Round(out.cr_long_term_mm_per_a, 1e6);
  out.cr_short_term_mm_per_a = Round(out.cr_short_term_mm_per_a, 1e6);
  out.governing_rate_mm_per_a = Round(out.governing_rate_mm_per_a, 1e6);
  out.next_inspection_interval_a = Round(interval, 1000.0);
  const auto days =
      static_cast<long long>(std::floor(out.next_inspection_interval_a * kDaysPerYear));
  out.next_inspection_date = CivilFromDays(DaysFromCivil(last.date) + days);
  if (DaysFromCivil(out.next_inspection_date) < as_of) out.flags.push_back("inspection_overdue");
  return out;
}

}  // namespace rutile::engine
