#include "rutile/engine/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace rutile::engine {
namespace {

// The grade with one quantity set to `x`; nullopt where the engine rejects that value (outside
// its input range, or a pH that contradicts the composition).
using GradeAt = std::function<std::optional<int>(double)>;

// Walks from `from` towards `to` in `steps` equal steps (geometric when `geometric`) and returns
// the last value still at `grade` before the first one above it, refined by bisection to
// `resolution`; nullopt when the grade never rises on the way.
std::optional<std::pair<double, int>> FirstRise(const GradeAt& grade_at, int grade, double from,
                                                double to, int steps, bool geometric,
                                                double resolution) {
  double safe = from;
  for (int i = 1; i <= steps; ++i) {
    const double f = static_cast<double>(i) / steps;
    const double x = geometric ? from * std::pow(to / from, f) : from + (to - from) * f;
    const std::optional<int> g = grade_at(x);
    if (!g) return std::nullopt;  // the engine's range ends before the grade rises
    if (*g <= grade) {
      safe = x;
      continue;
    }
    // Bisect between the last safe value and the first higher one.
    double risen = x;
    int risen_grade = *g;
    while (std::fabs(risen - safe) > resolution) {
      const double mid = (safe + risen) / 2;
      const std::optional<int> gm = grade_at(mid);
      if (!gm) break;
      if (*gm <= grade) {
        safe = mid;
      } else {
        risen = mid;
        risen_grade = *gm;
      }
    }
    return std::make_pair(safe, risen_grade);
  }
  return std::nullopt;
}

// Whether the bath names `species` itself (request or preset), so that adding it would replace
// an amount rather than add to it.
bool NamesSpecies(const KnowledgeBase& kb, const AssessmentRequest& r, std::string_view species) {
  for (const auto& c : r.medium.components)
    if (c.species == species) return true;
  if (!r.medium.preset.empty()) {
    if (const Preset* p = kb.FindPreset(r.medium.preset)) {
      for (const auto& c : p->components)
        if (c.species == species) return true;
    }
  }
  return false;
}

std::optional<int> GradeOf(const KnowledgeBase& kb, const AssessmentRequest& r) {
  auto g = AssessGrade(kb, r);
  if (!g.has_value()) return std::nullopt;
  return *g;
}

}  // namespace

Result<std::vector<Threshold>> Sensitivity(const KnowledgeBase& kb,
                                           const AssessmentRequest& request) {
  RUTILE_ASSIGN_OR_RETURN(int grade, AssessGrade(kb, request));
  RUTILE_ASSIGN_OR_RETURN(BathTotals totals, Totals(kb, request));
  std::vector<Threshold> out;
  if (grade >= 4) return out;  // nothing to rise to

  // Bath temperature: up to 200 °C above the request, in 1 °C steps.
  const double t0 = request.medium.temperature_c.value_or(20);
  const double t_top = std::min(kb.input.temperature_max_c, t0 + 200);
  GradeAt at_temperature = [&](double t) {
    AssessmentRequest r = request;
    r.medium.temperature_c = t;
    return GradeOf(kb, r);
  };
  if (auto rise = FirstRise(at_temperature, grade, t0, t_top,
                            static_cast<int>(std::ceil(t_top - t0)), false, 0.1)) {
    out.push_back({"temperature_c", "max", std::floor(rise->first * 10) / 10, grade, rise->second});
  }

  // pH: down to -1 in 0.1 steps, from the pH the engine reads.
  GradeAt at_ph = [&](double ph) {
    AssessmentRequest r = request;
    r.medium.ph = ph;
    return GradeOf(kb, r);
  };
  if (totals.ph > -1) {
    if (auto rise = FirstRise(at_ph, grade, totals.ph, -1,
                              static_cast<int>(std::ceil((totals.ph + 1) * 10)), false, 0.05)) {
      out.push_back({"ph", "min", std::ceil(rise->first * 100) / 100, grade, rise->second});
    }
  }

  // Chloride and fluoride: totals, adding the ion up to 200 g/L on a geometric scale.
  auto ion = [&](std::string_view parameter, std::string_view species, double present) {
    if (NamesSpecies(kb, request, species)) return;
    GradeAt at_total = [&](double total) -> std::optional<int> {
      if (total <= present) return grade;
      AssessmentRequest r = request;
      r.medium.components.push_back(
          {std::string(species), ConcentrationUnit::kMgPerL, total - present});
      // Keep the pH the engine read: with a component added, a preset's pH no longer applies.
      if (!r.medium.ph) r.medium.ph = totals.ph;
      return GradeOf(kb, r);
    };
    const double from = std::max(present, 0.01);
    const double to = std::max(from * 2, 200000.0);
    if (auto rise = FirstRise(at_total, grade, from, to, 200, true, from * 0.01)) {
      out.push_back({parameter, "max", rise->first, grade, rise->second});
    }
  };
  ion("chloride_mg_l", "Cl-", totals.chloride_mg_l);
  ion("fluoride_mg_l", "F-", totals.fluoride_mg_l);
  return out;
}

}  // namespace rutile::engine
