// ISO 9223:2012 atmospheric corrosivity (first-year dose-response estimates and categories
// C1..CX) and ISO 9224 long-term extrapolation. Coefficients come from the KnowledgeBase's
// AtmosphereModel. Pure functions; thread-safe.
//
//   r_corr = A*Pd^a*exp(b*RH + f(T)) + C*Sd^c*exp(d*RH + e*T)
//   f(T) = ft_low*(T - pivot) when T <= pivot, else ft_high*(T - pivot)
//   ISO 9224: D(t) = r*t^b for t <= 20 a, else r*(20^b + b*20^(b-1)*(t - 20))
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/engine/knowledge_base.h"

namespace rutile::engine {

struct AtmosphereInput {
  double temperature_c = 0;     // annual mean
  double rh_pct = 0;            // annual mean relative humidity
  double so2_mg_m2_d = 0;       // SO2 deposition Pd
  double cl_mg_m2_d = 0;        // chloride deposition Sd
  std::optional<double> years;  // when set, ISO 9224 long-term losses are computed
};

struct MetalCorrosivity {
  std::string_view metal;                      // carbon_steel, zinc, copper, aluminium
  std::string_view unit;                       // um_per_a or g_m2_a (aluminium)
  double rate = 0;                             // first-year corrosion rate in `unit`
  std::string_view category;                   // C1..CX
  std::optional<double> long_term_loss;        // ISO 9224 with b1 (same length unit x years)
  std::optional<double> long_term_loss_upper;  // ISO 9224 with b2
  Confidence confidence = Confidence::kUncertain;
};

struct AtmosphereResult {
  std::vector<MetalCorrosivity> metals;  // knowledge-base order
  std::vector<std::string> warnings;     // inputs outside the ISO 9223 validity intervals
};

// kInvalidArgument for negative depositions, RH outside 0..100 or non-finite inputs.
Result<AtmosphereResult> AssessAtmosphere(const AtmosphereModel& model,
                                          const AtmosphereInput& input);

// First-year rate of one metal (no validation).
double DoseResponseRate(const AtmosphereMetal& metal, const AtmosphereInput& input);

// Category name for a first-year rate: the first category whose inclusive upper bound holds it.
std::string_view CorrosivityCategory(const AtmosphereModel& model, const AtmosphereMetal& metal,
                                     double rate);

// ISO 9224 loss after `years` for first-year rate `rate` and time exponent `b`.
double LongTermLoss(double rate, double b, double years, double break_years);

}  // namespace rutile::engine
