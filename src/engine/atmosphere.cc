#include "rutile/engine/atmosphere.h"

#include <cmath>

#include "rutile/engine/number_format.h"

namespace rutile::engine {

double DoseResponseRate(const AtmosphereMetal& m, const AtmosphereInput& in) {
  const double t = in.temperature_c;
  const double ft =
      t <= m.ft_pivot_c ? m.ft_low * (t - m.ft_pivot_c) : m.ft_high * (t - m.ft_pivot_c);
  const double so2_term =
      m.so2_coeff * std::pow(in.so2_mg_m2_d, m.so2_exp) * std::exp(m.so2_rh * in.rh_pct + ft);
  const double cl_term =
      m.cl_coeff * std::pow(in.cl_mg_m2_d, m.cl_exp) * std::exp(m.cl_rh * in.rh_pct + m.cl_t * t);
  return so2_term + cl_term;
}

std::string_view CorrosivityCategory(const AtmosphereModel& model, const AtmosphereMetal& m,
                                     double rate) {
  for (std::size_t i = 0; i < 6; ++i) {
    if (rate <= m.category_bounds[i]) return model.categories[i];
  }
  return model.categories[5];
}

double LongTermLoss(double rate, double b, double years, double break_years) {
  if (years <= break_years) return rate * std::pow(years, b);
  return rate *
         (std::pow(break_years, b) + b * std::pow(break_years, b - 1) * (years - break_years));
}

Result<AtmosphereResult> AssessAtmosphere(const AtmosphereModel& model, const AtmosphereInput& in) {
  std::vector<FieldError> errors;
  auto finite = [&](double v, const char* field) {
    if (!std::isfinite(v)) errors.push_back({field, "must be a finite number"});
  };
  finite(in.temperature_c, "temperature_c");
  finite(in.rh_pct, "rh_pct");
  finite(in.so2_mg_m2_d, "so2_mg_m2_d");
  finite(in.cl_mg_m2_d, "cl_mg_m2_d");
  if (in.rh_pct < 0 || in.rh_pct > 100) errors.push_back({"rh_pct", "must be between 0 and 100"});
  if (in.so2_mg_m2_d < 0) errors.push_back({"so2_mg_m2_d", "must be zero or positive"});
  if (in.cl_mg_m2_d < 0) errors.push_back({"cl_mg_m2_d", "must be zero or positive"});
  if (in.temperature_c < -60 || in.temperature_c > 60) {
    errors.push_back({"temperature_c", "must be between -60 and 60 °C (annual mean)"});
  }
  if (in.years && (*in.years <= 0 || *in.years > 200)) {
    errors.push_back({"years", "must be above 0 and at most 200"});
  }
  if (!errors.empty()) return InvalidArgument("invalid atmosphere request", std::move(errors));

  AtmosphereResult out;
  auto check = [&](double v, const std::array<double, 2>& range, const char* name,
                   const char* unit) {
    if (v < range[0] || v > range[1]) {
      out.warnings.push_back(std::string(name) + " " + FormatNumber(v) + " " + unit +
                             " is outside the ISO 9223 dose-response validity interval " +
                             FormatNumber(range[0]) + ".." + FormatNumber(range[1]) +
                             "; the result is an extrapolation");
    }
  };
  check(in.temperature_c, model.temperature_c, "temperature_c", "°C");
  check(in.rh_pct, model.rh_pct, "rh_pct", "%");
  check(in.so2_mg_m2_d, model.so2_mg_m2_d, "so2_mg_m2_d", "mg/(m²·d)");
  check(in.cl_mg_m2_d, model.cl_mg_m2_d, "cl_mg_m2_d", "mg/(m²·d)");
  out.warnings.push_back(
      "ISO 9223 dose-response results are estimates; classification by exposure of specimens is "
      "the reference method");
  for (const auto& m : model.metals) {
    MetalCorrosivity r;
    r.metal = m.id;
    r.unit = m.unit;
    r.rate = DoseResponseRate(m, in);
    r.category = CorrosivityCategory(model, m, r.rate);
    r.confidence = m.citation.confidence;
    if (m.bounds_citation.confidence == Confidence::kUncertain) {
      r.confidence = Confidence::kUncertain;
    }
    if (in.years) {
      r.long_term_loss = LongTermLoss(r.rate, m.iso9224_b1, *in.years, model.iso9224_break_years);
      r.long_term_loss_upper =
          LongTermLoss(r.rate, m.iso9224_b2, *in.years, model.iso9224_break_years);
    }
    out.metals.push_back(r);
  }
  return out;
}

}  // namespace rutile::engine
