#include "rutile/engine/risk_engine.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>

#include "rutile/engine/number_format.h"

namespace rutile::engine {
namespace {

constexpr std::size_t kMaxComponents = 64;

std::string Num(double v) { return FormatNumber(v); }

// A field error with the message code a person reads (web labels.json, "field.<code>").
FieldError Bad(std::string field, std::string message, std::string code,
               MessageParams params = {}) {
  return {std::move(field), std::move(message), "field." + code, std::move(params)};
}

// A knowledge-base id as a phrase parameter.
std::string Id(std::string_view id) { return std::string(id); }

// A phrase of an explanation (see Phrase in risk_engine.h).
Phrase Say(std::string_view code,
           std::vector<std::pair<std::string_view, Phrase::Value>> params = {}) {
  return {code, std::move(params)};
}

Confidence Worse(Confidence a, Confidence b) {
  return static_cast<int>(a) > static_cast<int>(b) ? a : b;
}

// One resolved component: concentration as wt% (liquid) or vol% (gas) and mg/L.
struct Component {
  const Species* species = nullptr;
  bool from_request = false;
  double pct = 0;   // wt% in a liquid, vol% in a gas
  double mg_l = 0;  // liquid only
};

// The medium after validation: independent of the material.
struct Prepared {
  const Material* material = nullptr;
  const Material* couple = nullptr;
  std::vector<Component> components;
  double temperature_c = 0;
  double grid_temperature_c = 0;
  bool boiling = false;
  Phase phase = Phase::kLiquid;
  Aeration aeration = Aeration::kUnspecified;
  double ph = 7;
  bool ph_estimated = false;
  double water_pct = 0;
  bool water_explicit = false;
  // Ion totals, mg/L.
  double chloride_mg_l = 0;
  double bromide_mg_l = 0;
  double fluoride_mg_l = 0;
  double free_fluoride_mg_l = 0;
  std::array<std::pair<std::string_view, double>, kMaxIons> ions{};
  std::size_t ion_count = 0;
  double reducing_acid_normality = 0;
  bool strong_acid_present = false;
  // Amounts of species some rules look for (wt% in a liquid, vol% in a gas).
  bool cl2_present = false;
  bool active_couple = false;
  double hno3_pct = 0, no2_pct = 0, o2_pct = 0, h2_pct = 0, ch3oh_pct = 0;
  double fe3_mg_l = 0, cu2_mg_l = 0;
  std::array<double, kMaxOxidizers> oxidizer_mg_l{};  // indexed like OxidizerRules::oxidizers
  const Features* features = nullptr;
  bool aeration_matters = false;  // a reducing acid without an oxidizer, aeration unstated
  std::vector<std::string> warnings;
  std::vector<Phrase> warning_phrases;  // one per warning
  std::array<SourceRef, kMaxComplexers> complexer_sources{};

  void Warn(std::string text, Phrase phrase) {
    warnings.push_back(std::move(text));
    warning_phrases.push_back(std::move(phrase));
  }
  std::size_t complexer_count = 0;

  double Ion(std::string_view ion) const {
    for (std::size_t i = 0; i < ion_count; ++i) {
      if (ions[i].first == ion) return ions[i].second;
    }
    return 0;
  }
  const Component* Find(std::string_view species_id) const {
    for (const auto& c : components) {
      if (c.species->id == species_id) return &c;
    }
    return nullptr;
  }
  double Pct(std::string_view species_id) const {
    const Component* c = Find(species_id);
    return c == nullptr ? 0 : c->pct;
  }
  double MgL(std::string_view species_id) const {
    const Component* c = Find(species_id);
    return c == nullptr ? 0 : c->mg_l;
  }
};

SourceRef Ref(const Fact& f) { return SourceRef{f.citation.source, f.citation.confidence}; }
SourceRef Ref(const Citation& c) { return SourceRef{c.source, c.confidence}; }

std::string UnknownMessage(std::string_view what, std::string_view text,
                           const std::vector<std::string>& suggestions) {
  std::string m = "unknown ";
  m += what;
  m += " '";
  m += text;
  m += "'";
  if (!suggestions.empty()) {
    m += "; did you mean ";
    for (std::size_t i = 0; i < suggestions.size(); ++i) {
      if (i > 0) m += i + 1 == suggestions.size() ? " or " : ", ";
      m += suggestions[i];
    }
    m += "?";
  }
  return m;
}

double EstimatePh(const std::vector<Component>& components, double* strong_only,
                  bool* strong_present) {
  double h = 0, oh = 0, ka_c = 0, kb_c = 0;
  for (const auto& c : components) {
    const Species& s = *c.species;
    if (s.molar_mass_g_mol <= 0) continue;
    const double molar = c.mg_l / 1000.0 / s.molar_mass_g_mol;
    if (s.strong_acid_protons > 0) h += molar * s.strong_acid_protons;
    if (s.strong_base_hydroxides > 0) oh += molar * s.strong_base_hydroxides;
    if (s.pka) ka_c += std::pow(10.0, -*s.pka) * molar;
    if (s.pkb) kb_c += std::pow(10.0, -*s.pkb) * molar;
  }
  *strong_present = h > 0 || oh > 0;
  auto clamp = [](double p) { return std::clamp(std::round(p * 100.0) / 100.0, -1.0, 15.0); };
  const double net = h - oh;
  if (net > 1e-7) {
    *strong_only = clamp(-std::log10(net));
    return clamp(-std::log10(net + std::sqrt(ka_c)));
  }
  if (net < -1e-7) {
    *strong_only = clamp(14.0 + std::log10(-net));
    return clamp(14.0 + std::log10(-net + std::sqrt(kb_c)));
  }
  *strong_only = 7;
  if (ka_c > kb_c && ka_c > 1e-14) return clamp(std::min(7.0, -std::log10(std::sqrt(ka_c))));
  if (kb_c > 1e-14) return clamp(std::max(7.0, 14.0 + std::log10(std::sqrt(kb_c))));
  return 7;
}

Result<Prepared> Prepare(const KnowledgeBase& kb, const AssessmentRequest& request) {
  Prepared p;
  std::vector<FieldError> errors;
  p.features = &request.features;

  p.material = kb.FindMaterial(request.material);
  if (request.material.empty()) {
    errors.push_back(Bad("material", "required", "required"));
  } else if (p.material == nullptr) {
    errors.push_back(
        Bad("material",
            UnknownMessage("material", request.material, kb.SuggestMaterials(request.material)),
            "unknown_value"));
  } else if (!p.material->assessable) {
    errors.push_back(
        Bad("material",
            "material '" + request.material + "' is known only as a galvanic-couple partner",
            "couple_only"));
  }

  const Medium& medium = request.medium;
  const Preset* preset = nullptr;
  if (!medium.preset.empty()) {
    preset = kb.FindPreset(medium.preset);
    if (preset == nullptr) {
      errors.push_back(
          Bad("medium.preset",
              UnknownMessage("preset", medium.preset, kb.SuggestPresets(medium.preset)),
              "unknown_value"));
    }
  }
  p.phase = medium.phase ? *medium.phase : (preset ? preset->phase : Phase::kLiquid);
  if (preset != nullptr && medium.phase && *medium.phase != preset->phase) {
    errors.push_back(
        Bad("medium.phase", "contradicts the preset '" + preset->id + "'", "contradicts_preset"));
  }

  if (medium.components.size() > kMaxComponents) {
    errors.push_back(Bad("medium.components",
                         "at most " + std::to_string(kMaxComponents) + " components", "too_many",
                         {{"max", std::to_string(kMaxComponents)}}));
    return InvalidArgument("invalid assessment request", std::move(errors));
  }
  if (!medium.temperature_c) {
    errors.push_back(Bad("medium.temperature_c", "required (°C)", "required"));
  } else if (!std::isfinite(*medium.temperature_c) ||
             *medium.temperature_c < kb.input.temperature_min_c ||
             *medium.temperature_c > kb.input.temperature_max_c) {
    errors.push_back(
        Bad("medium.temperature_c",
            "must be between " + Num(kb.input.temperature_min_c) + " and " +
                Num(kb.input.temperature_max_c) + " °C",
            "out_of_range",
            {{"min", Num(kb.input.temperature_min_c)}, {"max", Num(kb.input.temperature_max_c)}}));
  }
  p.boiling = medium.boiling;
  if (p.boiling && p.phase == Phase::kGas) {
    errors.push_back(Bad("medium.boiling", "contradicts phase 'gas'", "contradicts_gas"));
  }
  if (medium.ph && (!std::isfinite(*medium.ph) || *medium.ph < -1 || *medium.ph > 15)) {
    errors.push_back(Bad("medium.ph", "must be between -1 and 15", "out_of_range",
                         {{"min", "-1"}, {"max", "15"}}));
  }
  const auto& f = request.features;
  if (f.galvanic_couple.size() > 0) {
    p.couple = kb.FindMaterial(f.galvanic_couple);
    if (p.couple == nullptr) {
      errors.push_back(
          Bad("features.galvanic_couple",
              UnknownMessage("material", f.galvanic_couple, kb.SuggestMaterials(f.galvanic_couple)),
              "unknown_value"));
    }
  }
  if (f.cathodic_protection && f.anodic_polarization_v && *f.anodic_polarization_v > 0) {
    errors.push_back(Bad("features.anodic_polarization_v", "contradicts cathodic_protection: true",
                         "contradicts_cathodic_protection"));
  }
  if (f.potential_v_sce &&
      (!std::isfinite(*f.potential_v_sce) || std::fabs(*f.potential_v_sce) > 10)) {
    errors.push_back(Bad("features.potential_v_sce", "must be between -10 and 10 V", "out_of_range",
                         {{"min", "-10"}, {"max", "10"}}));
  }
  if (f.anodic_polarization_v &&
      (!std::isfinite(*f.anodic_polarization_v) || *f.anodic_polarization_v < 0)) {
    errors.push_back(
        Bad("features.anodic_polarization_v", "must be zero or positive (V)", "not_negative"));
  }
  if (f.velocity_m_s && (!std::isfinite(*f.velocity_m_s) || *f.velocity_m_s < 0)) {
    errors.push_back(Bad("features.velocity_m_s", "must be zero or positive", "not_negative"));
  }

  // Components: the preset's, then the request's (a request entry replaces the same species).
  const double density = kb.input.density_kg_per_l.value;
  bool vol_in_liquid = false;
  p.components.reserve((preset ? preset->components.size() : 0) + medium.components.size());
  auto field = [](int request_index) {
    return request_index < 0 ? std::string("medium.preset")
                             : "medium.components[" + std::to_string(request_index) + "]";
  };
  auto add = [&](const ComponentSpec& spec, int request_index) {
    const Species* s = kb.FindSpecies(spec.species);
    if (s == nullptr) {
      errors.push_back(Bad(field(request_index) + ".species",
                           UnknownMessage("species", spec.species, kb.SuggestSpecies(spec.species)),
                           "unknown_value"));
      return;
    }
    if (!std::isfinite(spec.value) || spec.value < 0) {
      errors.push_back(
          Bad(field(request_index) + ".concentration", "must be zero or positive", "not_negative"));
      return;
    }
    Component c;
    c.species = s;
    c.from_request = request_index >= 0;
    if (p.phase == Phase::kGas) {
      if (spec.unit != ConcentrationUnit::kVolPct) {
        errors.push_back(Bad(field(request_index) + ".vol_pct", "gas-phase components take vol_pct",
                             "gas_takes_vol_pct"));
        return;
      }
      c.pct = spec.value;
      c.mg_l = 0;
    } else {
      switch (spec.unit) {
        case ConcentrationUnit::kWtPct:
          c.pct = spec.value;
          break;
        case ConcentrationUnit::kMgPerL:
          c.pct = spec.value / (10000.0 * density);
          break;
        case ConcentrationUnit::kGPerL:
          c.pct = spec.value / (10.0 * density);
          break;
        case ConcentrationUnit::kVolPct:
          c.pct = spec.value;
          vol_in_liquid = true;
          break;
      }
      c.mg_l = c.pct * 10000.0 * density;
    }
    for (auto& existing : p.components) {
      if (existing.species != s) continue;
      if (request_index < 0 || existing.from_request) {
        errors.push_back(Bad(field(request_index) + ".species", "duplicate species '" + s->id + "'",
                             "duplicate_species", {{"species", s->id}}));
      } else {
        existing = c;
      }
      return;
    }
    p.components.push_back(c);
  };
  if (preset != nullptr) {
    for (const auto& c : preset->components) add(c, -1);
  }
  for (std::size_t i = 0; i < medium.components.size(); ++i) {
    add(medium.components[i], static_cast<int>(i));
  }
  if (!errors.empty()) return InvalidArgument("invalid assessment request", std::move(errors));

  double total = 0;
  for (const auto& c : p.components) total += c.pct;
  if (total > 100.5) {
    errors.push_back(Bad("medium.components",
                         "concentrations add up to " + Num(total) +
                             (p.phase == Phase::kGas ? " vol%" : " wt%") + ", more than 100",
                         "total_over_100", {{"total", Num(total)}}));
  }
  p.temperature_c = *medium.temperature_c;
  p.grid_temperature_c = p.temperature_c;
  if (p.boiling) {
    p.grid_temperature_c = std::max(p.temperature_c, kb.general.boiling_grid_temperature_c.value);
  }
  p.aeration = medium.aeration;

  if (const Component* w = p.Find("H2O")) {
    p.water_pct = w->pct;
    p.water_explicit = true;
  } else {
    p.water_pct = p.phase == Phase::kGas ? 0 : std::max(0.0, 100.0 - total);
  }

  // Ion totals.
  for (const auto& c : p.components) {
    for (const auto& share : c.species->provides) {
      const double mg = (p.phase == Phase::kGas ? c.pct * 10000.0 : c.mg_l) * share.mass_fraction;
      bool found = false;
      for (std::size_t i = 0; i < p.ion_count && !found; ++i) {
        if (p.ions[i].first == share.ion) {
          p.ions[i].second += mg;
          found = true;
        }
      }
      if (!found) {
        RUTILE_CHECK(p.ion_count < kMaxIons, "more ions than the loader allows");
        p.ions[p.ion_count++] = {share.ion, mg};
      }
    }
    if (c.species->reducing_acid && p.phase == Phase::kLiquid) {
      const double eq = std::max(1.0, c.species->strong_acid_protons);
      p.reducing_acid_normality += c.mg_l / 1000.0 / c.species->molar_mass_g_mol * eq;
    }
  }
  p.chloride_mg_l = p.Ion("Cl-");
  p.bromide_mg_l = p.Ion("Br-");
  p.fluoride_mg_l = p.Ion("F-");
  // Complexing cations bind fluoride, but only partly: the stoichiometric capacity is an upper
  // bound, so below `complexation_full_ratio` times the fluoride only `partial_complexation` of
  // it counts as bound; in excess a residual stays free, shrinking as the excess grows (mass
  // action): `complexed_residual_fraction` at the full ratio, half of that at twice it.
  double capacity = 0;
  for (const auto& cx : kb.fluoride.complexers) {
    const double mg = p.Ion(cx.ion);
    if (mg <= 0) continue;
    capacity += mg / cx.molar_mass_g_mol * cx.fluoride_per_ion.value *
                kb.fluoride.fluoride_molar_mass_g_mol;
    RUTILE_CHECK(p.complexer_count < kMaxComplexers, "more complexers than the loader allows");
    p.complexer_sources[p.complexer_count++] = Ref(cx.fluoride_per_ion);
  }
  double complexed = 0;
  if (p.fluoride_mg_l > 0 && capacity > 0) {
    const auto& rules = kb.fluoride;
    const double ratio = capacity / p.fluoride_mg_l;
    const double full = rules.complexation_full_ratio.value;
    complexed = ratio >= full
                    ? p.fluoride_mg_l * (1 - rules.complexed_residual_fraction.value * full / ratio)
                    : std::min(capacity, p.fluoride_mg_l) * rules.partial_complexation.value;
  }
  p.free_fluoride_mg_l = std::max(0.0, p.fluoride_mg_l - complexed);
  p.cl2_present = p.Find("Cl2") != nullptr;
  p.active_couple = p.couple != nullptr && p.couple->galvanic == "active";
  p.hno3_pct = p.Pct("HNO3");
  p.no2_pct = p.Pct("NO2");
  p.o2_pct = p.Pct("O2");
  p.h2_pct = p.Pct("H2");
  p.ch3oh_pct = p.Pct("CH3OH");
  p.fe3_mg_l = p.Ion("Fe3+");
  p.cu2_mg_l = p.Ion("Cu2+");
  RUTILE_CHECK(kb.oxidizer.oxidizers.size() <= kMaxOxidizers, "more oxidizers than allowed");
  for (std::size_t i = 0; i < kb.oxidizer.oxidizers.size(); ++i) {
    const Oxidizer& ox = kb.oxidizer.oxidizers[i];
    p.oxidizer_mg_l[i] = ox.ion.empty() ? p.MgL(ox.species) : p.Ion(ox.ion);
  }

  // pH.
  if (p.phase == Phase::kGas) {
    p.ph = medium.ph ? *medium.ph : 7.0;
  } else {
    double strong_only = 7;
    bool strong_present = false;
    const double estimate = EstimatePh(p.components, &strong_only, &strong_present);
    if (medium.ph) {
      p.ph = *medium.ph;
      if (strong_present &&
          std::fabs(strong_only - p.ph) > kb.input.ph_contradiction_tolerance.value) {
        errors.push_back(Bad("medium.ph",
                             "ph " + Num(p.ph) + " contradicts the composition (about " +
                                 Num(strong_only) + " from its strong acids/bases)",
                             "ph_contradicts",
                             {{"ph", Num(p.ph)}, {"estimate", Num(strong_only)}}));
      }
    } else if (preset != nullptr && preset->ph && medium.components.empty()) {
      p.ph = *preset->ph;
    } else {
      p.ph = estimate;
      p.ph_estimated = true;
      p.Warn("ph not given; estimated " + Num(estimate) +
                 " from the composition (ideal solution, 25 °C)",
             Say("ph_estimated", {{"ph", estimate}}));
    }
    p.strong_acid_present = strong_present && p.ph < 7;
  }
  if (!errors.empty()) return InvalidArgument("invalid assessment request", std::move(errors));

  if (vol_in_liquid) p.Warn("vol_pct in a liquid is treated as wt%", Say("vol_pct_as_wt_pct"));
  if (f.cathodic_protection && !f.potential_v_sce) {
    p.Warn("cathodic_protection without potential_v_sce: hydrogen charging assumed possible",
           Say("cathodic_without_potential"));
  }
  bool reducing = false, oxidizer = false;
  for (const auto& c : p.components) {
    reducing = reducing || c.species->reducing_acid;
    oxidizer = oxidizer || (c.species->oxidizer && c.pct > 0);
  }
  // Unstated aeration: graded as air-saturated (what the data are for); the answer under
  // de-aeration is given as a condition when it differs.
  p.aeration_matters =
      reducing && !oxidizer && p.aeration == Aeration::kUnspecified && p.phase == Phase::kLiquid;
  if (p.boiling) {
    p.Warn("boiling: corrosion-rate grids read at their boiling column (" +
               Num(kb.general.boiling_grid_temperature_c.value) + " °C) or above",
           Say("boiling_grid", {{"temperature", kb.general.boiling_grid_temperature_c.value}}));
  }
  return p;
}

struct AxisPos {
  std::size_t i0 = 0, i1 = 0;
  double t = 0;
  bool above = false;
};

AxisPos Locate(const std::vector<double>& axis, double v) {
  AxisPos p;
  const std::size_t n = axis.size();
  if (v <= axis.front()) return p;
  if (v >= axis.back()) {
    p.i0 = p.i1 = n - 1;
    p.above = v > axis.back();
    return p;
  }
  std::size_t hi = 1;
  while (axis[hi] < v) ++hi;
  p.i0 = hi - 1;
  p.i1 = hi;
  p.t = (v - axis[p.i0]) / (axis[p.i1] - axis[p.i0]);
  return p;
}

struct Sample {
  double rate = 0;
  Confidence confidence = Confidence::kVerified;
  bool conc_above = false;
  bool temp_above = false;
};

Sample SampleGrid(const RateGrid& g, double pct, double temperature_c) {
  const AxisPos c = Locate(g.wt_pct, pct);
  const AxisPos t = Locate(g.temperature_c, temperature_c);
  const std::size_t nt = g.temperature_c.size();
  auto at = [&](std::size_t ci, std::size_t ti) { return g.rate_mm_per_y[ci * nt + ti]; };
  const double r0 = at(c.i0, t.i0) + (at(c.i0, t.i1) - at(c.i0, t.i0)) * t.t;
  const double r1 = at(c.i1, t.i0) + (at(c.i1, t.i1) - at(c.i1, t.i0)) * t.t;
  Sample s;
  s.rate = r0 + (r1 - r0) * c.t;
  for (std::size_t ci : {c.i0, c.i1}) {
    for (std::size_t ti : {t.i0, t.i1}) {
      s.confidence = Worse(s.confidence, g.confidence[ci * nt + ti]);
    }
  }
  s.conc_above = c.above;
  s.temp_above = t.above;
  return s;
}

// Highest temperature at concentration `pct` where the interpolated rate stays <= limit.
// Returns false when even the lowest grid temperature exceeds the limit.
bool MaxTemperatureFor(const RateGrid& g, double pct, double limit, double* out) {
  const std::size_t nt = g.temperature_c.size();
  auto rate_at = [&](std::size_t ti) { return SampleGrid(g, pct, g.temperature_c[ti]).rate; };
  if (rate_at(0) > limit) return false;
  for (std::size_t ti = 1; ti < nt; ++ti) {
    const double r0 = rate_at(ti - 1), r1 = rate_at(ti);
    if (r1 > limit) {
      const double t0 = g.temperature_c[ti - 1], t1 = g.temperature_c[ti];
      *out = t0 + (t1 - t0) * (limit - r0) / (r1 - r0);
      *out = std::round(*out * 10.0) / 10.0;
      return true;
    }
  }
  *out = g.temperature_c.back();
  return true;
}

int GradeForRate(const Grading& g, double rate) {
  if (rate <= g.rate_grade1_max_mm_per_y.value) return 1;
  if (rate <= g.rate_grade2_max_mm_per_y.value) return 2;
  if (rate <= g.rate_grade3_max_mm_per_y.value) return 3;
  return 4;
}

double InterpolateWater(const std::vector<WaterPoint>& pts, double t, const Citation** cite) {
  if (pts.empty()) return 0;
  if (t <= pts.front().temperature_c) {
    *cite = &pts.front().water_pct.citation;
    return pts.front().water_pct.value;
  }
  for (std::size_t i = 1; i < pts.size(); ++i) {
    if (t <= pts[i].temperature_c) {
      const double f =
          (t - pts[i - 1].temperature_c) / (pts[i].temperature_c - pts[i - 1].temperature_c);
      *cite = &pts[i].water_pct.citation;
      return pts[i - 1].water_pct.value + (pts[i].water_pct.value - pts[i - 1].water_pct.value) * f;
    }
  }
  *cite = &pts.back().water_pct.citation;
  return pts.back().water_pct.value;
}

double OxidizerThreshold(const Oxidizer& ox, double normality, const Citation** cite) {
  const auto& pts = ox.min_mg_l_by_hcl_normality;
  if (normality <= pts.front().normality || pts.size() == 1) {
    *cite = &pts.front().mg_l.citation;
    return pts.front().mg_l.value;
  }
  for (std::size_t i = 1; i < pts.size(); ++i) {
    if (normality <= pts[i].normality) {
      // Log-linear between points: the published limits span decades.
      const double f =
          (normality - pts[i - 1].normality) / (pts[i].normality - pts[i - 1].normality);
      const double l0 = std::log(pts[i - 1].mg_l.value), l1 = std::log(pts[i].mg_l.value);
      *cite = &pts[i].mg_l.citation;
      return std::round(std::exp(l0 + (l1 - l0) * f) * 1000.0) / 1000.0;
    }
  }
  *cite = &pts.back().mg_l.citation;
  return pts.back().mg_l.value;
}

int MechanismRank(const KnowledgeBase& kb, std::string_view id) {
  for (std::size_t i = 0; i < kb.mechanisms.size(); ++i) {
    if (kb.mechanisms[i].id == id) return static_cast<int>(i);
  }
  return static_cast<int>(kb.mechanisms.size());
}

// The answers to the conditions a request may leave open; an evaluation can be run under other
// answers than the request's to say what the grade would be.
struct Answers {
  std::optional<bool> crevices;
  Aeration aeration = Aeration::kUnspecified;
};

Answers AnswersOf(const Prepared& p) { return {p.features->crevices, p.aeration}; }

// Evaluates one material against a prepared medium. In detail mode it fills `out`; otherwise it
// only computes the grade.
class Evaluator {
 public:
  Evaluator(const KnowledgeBase& kb, const Prepared& p, const Material& m, Assessment* out)
      : Evaluator(kb, p, m, out, AnswersOf(p)) {}
  Evaluator(const KnowledgeBase& kb, const Prepared& p, const Material& m, Assessment* out,
            Answers answers)
      : kb_(kb), p_(p), m_(m), plan_(kb.plans[kb.MaterialIndex(m)]), out_(out), answers_(answers) {}

  // Whether the crevice trigger fired with crevices unstated (the grade depends on the answer).
  bool crevices_open() const { return crevices_open_; }

  int Run() {
    TemperatureLimit();
    const bool ti = plan_.titanium;
    if (ti) Ignition();
    Fluoride();
    if (ti) {
      Hydrogen();
      Methanol();
      Alkaline();
      Anodic();
      Erosion();
    }
    Crevice();
    General();
    return worst_;
  }

 private:
  bool detail() const { return out_ != nullptr; }

  template <typename Build>
  void Add(std::string_view id, int grade, Build&& build) {
    worst_ = std::max(worst_, grade);
    if (!detail()) return;
    MechanismResult r;
    r.id = id;
    r.grade = grade;
    r.priority = MechanismRank(kb_, id);
    build(r);
    out_->mechanisms.push_back(std::move(r));
  }

  void Limit_(std::string_view parameter, std::string_view bound, double value,
              std::string_view mechanism, SourceRef source) {
    if (!detail()) return;
    for (const auto& l : out_->operating_limits) {
      if (l.parameter == parameter && l.bound == bound && l.mechanism == mechanism) return;
    }
    out_->operating_limits.push_back({parameter, bound, value, mechanism, source});
  }

  void Warn(std::string text, Phrase phrase) {
    if (!detail()) return;
    out_->warnings.push_back(std::move(text));
    out_->warning_phrases.push_back(std::move(phrase));
  }

  void TemperatureLimit() {
    if (!m_.max_service_temperature_c) return;
    const Fact& f = *m_.max_service_temperature_c;
    Limit_("temperature_c", "max", f.value, "temperature_limit", Ref(f));
    if (p_.temperature_c <= f.value) return;
    Add("temperature_limit", kb_.temperature_limit_grade, [&](MechanismResult& r) {
      r.reason = "temperature " + Num(p_.temperature_c) + " °C above the " + Num(f.value) +
                 " °C service limit of " + m_.id;
      r.reason_phrases.push_back(
          Say("temperature_above_limit",
              {{"temperature", p_.temperature_c}, {"limit", f.value}, {"material", Id(m_.id)}}));
      r.limits.push_back({"temperature_c", ">", f.value, p_.temperature_c});
      r.sources.push_back(Ref(f));
    });
  }

  void Ignition() {
    const auto& rules = kb_.ignition;
    if (p_.phase == Phase::kGas && p_.cl2_present) {
      static const Citation kNone;
      const Citation* cite = &kNone;
      const double min_water =
          InterpolateWater(rules.dry_chlorine_min_water_pct, p_.temperature_c, &cite);
      Limit_("water_pct", "min", min_water, "ignition", Ref(*cite));
      if (!p_.water_explicit) {
        Warn("chlorine gas without an H2O component is treated as dry", Say("chlorine_gas_dry"));
      }
      if (p_.water_pct < min_water) {
        Add("ignition", rules.grade, [&](MechanismResult& r) {
          r.reason = "dry chlorine: " + Num(p_.water_pct) + " vol% water is below the " +
                     Num(min_water) + " % needed to keep titanium passive at " +
                     Num(p_.temperature_c) + " °C; titanium can ignite";
          r.reason_phrases.push_back(Say("dry_chlorine", {{"water", p_.water_pct},
                                                          {"min_water", min_water},
                                                          {"temperature", p_.temperature_c}}));
          r.limits.push_back({"water_pct", "<", min_water, p_.water_pct});
          r.sources.push_back(Ref(*cite));
        });
      }
    }
    const double hno3 = p_.phase == Phase::kLiquid ? p_.hno3_pct : 0;
    if (hno3 >= rules.fuming_nitric_min_hno3_wt_pct.value) {
      const double no2 = p_.no2_pct;
      const double min_water = rules.fuming_nitric_min_water_wt_pct.value;
      const double max_no2 = rules.fuming_nitric_max_no2_wt_pct.value;
      Limit_("water_pct", "min", min_water, "ignition", Ref(rules.fuming_nitric_min_water_wt_pct));
      Limit_("no2_wt_pct", "max", max_no2, "ignition", Ref(rules.fuming_nitric_max_no2_wt_pct));
      if (!p_.water_explicit) {
        Warn("water content of the nitric acid taken as the remainder",
             Say("nitric_water_remainder"));
      }
      if (p_.water_pct < min_water || no2 > max_no2) {
        Add("ignition", rules.grade, [&](MechanismResult& r) {
          r.reason = "fuming nitric acid (" + Num(hno3) + " wt% HNO3, " + Num(p_.water_pct) +
                     " % water, " + Num(no2) +
                     " % NO2): pyrophoric reaction with titanium possible";
          r.reason_phrases.push_back(
              Say("fuming_nitric", {{"hno3", hno3}, {"water", p_.water_pct}, {"no2", no2}}));
          if (p_.water_pct < min_water)
            r.limits.push_back({"water_pct", "<", min_water, p_.water_pct});
          if (no2 > max_no2) r.limits.push_back({"no2_wt_pct", ">", max_no2, no2});
          r.sources.push_back(Ref(rules.fuming_nitric_min_water_wt_pct));
          r.sources.push_back(Ref(rules.fuming_nitric_min_hno3_wt_pct));
        });
      } else if (hno3 > rules.fuming_nitric_high_hno3_wt_pct.value) {
        Add("ignition", rules.grade_fuming_wet, [&](MechanismResult& r) {
          r.reason = Num(hno3) + " wt% HNO3 is above the " +
                     Num(rules.fuming_nitric_high_hno3_wt_pct.value) +
                     " % range where titanium is recommended; fuming acid behaves differently";
          r.reason_phrases.push_back(
              Say("nitric_above_range",
                  {{"hno3", hno3}, {"limit", rules.fuming_nitric_high_hno3_wt_pct.value}}));
          r.limits.push_back(
              {"hno3_wt_pct", ">", rules.fuming_nitric_high_hno3_wt_pct.value, hno3});
          r.sources.push_back(Ref(rules.fuming_nitric_high_hno3_wt_pct));
        });
      }
    }
    if (p_.phase == Phase::kGas) {
      const double o2 = p_.o2_pct;
      if (o2 > 0) {
        Limit_("o2_vol_pct", "max", rules.oxygen_min_vol_pct.value, "ignition",
               Ref(rules.oxygen_min_vol_pct));
      }
      if (o2 >= rules.oxygen_min_vol_pct.value) {
        Add("ignition", rules.grade, [&](MechanismResult& r) {
          r.reason = "oxygen-enriched gas (" + Num(o2) + " vol% O2): titanium can ignite";
          r.reason_phrases.push_back(Say("oxygen_enriched", {{"o2", o2}}));
          r.limits.push_back({"o2_vol_pct", ">=", rules.oxygen_min_vol_pct.value, o2});
          r.sources.push_back(Ref(rules.oxygen_min_vol_pct));
        });
      }
    }
  }

  void Fluoride() {
    if (plan_.fluoride_rule < 0 || p_.phase == Phase::kGas) return;
    const FluorideFamilyRule* rule =
        &kb_.fluoride.families[static_cast<std::size_t>(plan_.fluoride_rule)];
    const double free = p_.free_fluoride_mg_l;
    const bool acid = p_.ph < rule->acid_ph_below.value;
    // Stated for every liquid service, fluoride or not: in plating and pickling shops fluoride
    // arrives by contamination (drag-in, fluoride-bearing cleaners, catalysts), so equipment
    // watches it from the first day.
    Limit_("free_fluoride_mg_l", "max", acid ? rule->trace_mg_l.value : rule->threshold_mg_l.value,
           "fluoride_attack", Ref(acid ? rule->trace_mg_l : rule->threshold_mg_l));
    if (free <= 0) return;
    std::string_view prohibited_species;
    for (const auto& id : rule->prohibit_species) {
      if (p_.Pct(id) > 0) prohibited_species = id;
    }
    int grade = 1;
    const Fact* crossed = nullptr;
    if (!prohibited_species.empty() && free >= rule->threshold_mg_l.value) {
      grade = rule->grade_prohibit;
      crossed = &rule->threshold_mg_l;
    } else if (acid && free >= rule->prohibit_mg_l.value) {
      grade = rule->grade_prohibit;
      crossed = &rule->prohibit_mg_l;
    } else if (acid && free >= rule->threshold_mg_l.value) {
      grade = rule->grade_acid;
      crossed = &rule->threshold_mg_l;
    } else if (acid && free >= rule->trace_mg_l.value) {
      grade = rule->grade_trace_acid;
      crossed = &rule->trace_mg_l;
    } else if (!acid && free >= rule->threshold_mg_l.value) {
      grade = rule->grade_neutral;
      crossed = &rule->threshold_mg_l;
    }
    if (crossed == nullptr) return;
    Add("fluoride_attack", grade, [&](MechanismResult& r) {
      r.reason = Num(free) + " mg/L free fluoride";
      r.reason_phrases.push_back(Say("fluoride_free", {{"free", free}}));
      if (p_.fluoride_mg_l > free) {
        r.reason += " (" + Num(p_.fluoride_mg_l) + " mg/L total, part complexed by Al3+/Fe3+)";
        r.reason_phrases.push_back(Say("fluoride_complexed", {{"total", p_.fluoride_mg_l}}));
      }
      r.reason += acid ? " in acid (pH " + Num(p_.ph) + ")" : " at pH " + Num(p_.ph);
      r.reason_phrases.push_back(
          Say(acid ? "fluoride_in_acid" : "fluoride_at_ph", {{"ph", p_.ph}}));
      if (!prohibited_species.empty()) {
        r.reason += "; " + std::string(prohibited_species) + " dissolves the passive film";
        r.reason_phrases.push_back(
            Say("species_dissolves_film", {{"species", Id(prohibited_species)}}));
      }
      r.reason += " — at or above " + Num(crossed->value) + " mg/L";
      r.reason_phrases.push_back(Say("at_or_above_mg_l", {{"limit", crossed->value}}));
      r.limits.push_back({"free_fluoride_mg_l", ">=", crossed->value, free});
      if (acid) r.limits.push_back({"ph", "<", rule->acid_ph_below.value, p_.ph});
      r.sources.push_back(Ref(*crossed));
      if (crossed != &rule->threshold_mg_l) r.sources.push_back(Ref(rule->threshold_mg_l));
      for (std::size_t i = 0; i < p_.complexer_count; ++i) {
        r.sources.push_back(p_.complexer_sources[i]);
      }
    });
  }

  void Hydrogen() {
    const auto& h = kb_.hydrogen;
    const Features& f = *p_.features;
    const bool active_couple = p_.active_couple;
    const bool low_potential =
        f.potential_v_sce && *f.potential_v_sce < h.potential_below_v_sce.value;
    const bool generation = f.cathodic_protection || active_couple || low_potential;
    const bool ph_extreme = p_.ph < h.ph_below.value || p_.ph > h.ph_above.value;
    const bool hot = p_.temperature_c > h.temperature_above_c.value;
    if (generation) {
      Limit_("temperature_c", "max", h.temperature_above_c.value, "hydrogen_embrittlement",
             Ref(h.temperature_above_c));
      Limit_("potential_v_sce", "min", h.potential_below_v_sce.value, "hydrogen_embrittlement",
             Ref(h.potential_below_v_sce));
      std::string source_text = f.cathodic_protection ? "cathodic protection"
                                : active_couple       ? "galvanic couple with " + p_.couple->id
                                                      : "impressed potential";
      const bool prohibit =
          f.potential_v_sce && *f.potential_v_sce < h.potential_prohibit_below_v_sce.value;
      int grade = h.grade_cool;
      if (hot && (ph_extreme || low_potential)) grade = prohibit ? h.grade_prohibit : h.grade;
      Add("hydrogen_embrittlement", grade, [&](MechanismResult& r) {
        r.reason = source_text + " generates hydrogen on titanium";
        r.reason_phrases.push_back(
            f.cathodic_protection ? Say("hydrogen_from_cathodic_protection")
            : active_couple       ? Say("hydrogen_from_couple", {{"material", Id(p_.couple->id)}})
                                  : Say("hydrogen_from_potential"));
        if (hot && (ph_extreme || low_potential)) {
          r.reason += " at " + Num(p_.temperature_c) + " °C (above " +
                      Num(h.temperature_above_c.value) + " °C) with ";
          r.reason += low_potential ? "potential " + Num(*f.potential_v_sce) + " V SCE"
                                    : "pH " + Num(p_.ph);
          r.reason += ": hydriding and embrittlement";
          r.reason_phrases.push_back(
              low_potential
                  ? Say("hydriding_hot_potential", {{"temperature", p_.temperature_c},
                                                    {"limit", h.temperature_above_c.value},
                                                    {"potential", *f.potential_v_sce}})
                  : Say("hydriding_hot_ph", {{"temperature", p_.temperature_c},
                                             {"limit", h.temperature_above_c.value},
                                             {"ph", p_.ph}}));
          r.limits.push_back({"temperature_c", ">", h.temperature_above_c.value, p_.temperature_c});
        } else {
          r.reason += "; below the hydriding conditions only surface hydride films are expected";
          r.reason_phrases.push_back(Say("hydride_surface_only"));
        }
        if (low_potential) {
          r.limits.push_back(
              {"potential_v_sce", "<", h.potential_below_v_sce.value, *f.potential_v_sce});
        } else if (ph_extreme) {
          if (p_.ph < h.ph_below.value) {
            r.limits.push_back({"ph", "<", h.ph_below.value, p_.ph});
          } else {
            r.limits.push_back({"ph", ">", h.ph_above.value, p_.ph});
          }
        }
        if (prohibit) {
          r.limits.push_back(
              {"potential_v_sce", "<", h.potential_prohibit_below_v_sce.value, *f.potential_v_sce});
          r.sources.push_back(Ref(h.potential_prohibit_below_v_sce));
        }
        r.sources.push_back(Ref(h.temperature_above_c));
        r.sources.push_back(Ref(h.potential_below_v_sce));
      });
    }
    if (p_.phase == Phase::kGas && p_.h2_pct > 0) {
      Limit_("water_pct", "min", h.h2_gas_min_water_pct.value, "hydrogen_embrittlement",
             Ref(h.h2_gas_min_water_pct));
      if (p_.water_pct < h.h2_gas_min_water_pct.value && hot) {
        Add("hydrogen_embrittlement", h.grade, [&](MechanismResult& r) {
          r.reason = "dry hydrogen gas (" + Num(p_.water_pct) + " vol% water, below " +
                     Num(h.h2_gas_min_water_pct.value) + " %) at " + Num(p_.temperature_c) +
                     " °C: hydriding where the oxide film is damaged";
          r.reason_phrases.push_back(
              Say("dry_hydrogen", {{"water", p_.water_pct},
                                   {"min_water", h.h2_gas_min_water_pct.value},
                                   {"temperature", p_.temperature_c}}));
          r.limits.push_back({"water_pct", "<", h.h2_gas_min_water_pct.value, p_.water_pct});
          r.limits.push_back({"temperature_c", ">", h.temperature_above_c.value, p_.temperature_c});
          r.sources.push_back(Ref(h.h2_gas_min_water_pct));
        });
      }
    }
  }

  void Methanol() {
    const auto& rules = kb_.methanol;
    const double methanol = p_.phase == Phase::kLiquid ? p_.ch3oh_pct : 0;
    if (methanol < rules.methanol_min_wt_pct.value) return;
    Limit_("water_pct", "min", rules.min_water_pct.value, "scc_methanol", Ref(rules.min_water_pct));
    if (!p_.water_explicit) {
      Warn("water content of the methanol taken as the remainder", Say("methanol_water_remainder"));
    }
    const bool acid = p_.chloride_mg_l > 0 || p_.bromide_mg_l > 0 || p_.strong_acid_present;
    int grade = 1;
    const Fact* crossed = nullptr;
    if (acid && p_.water_pct < rules.min_water_with_acid_pct.value) {
      grade = rules.grade_with_acid;
      crossed = &rules.min_water_with_acid_pct;
    } else if (p_.water_pct < rules.min_water_pct.value) {
      grade = rules.grade;
      crossed = &rules.min_water_pct;
    }
    if (crossed == nullptr) return;
    Add("scc_methanol", grade, [&](MechanismResult& r) {
      r.reason = Num(methanol) + " wt% methanol with " + Num(p_.water_pct) + " % water";
      if (acid) r.reason += " and halide/acid";
      r.reason += ": stress-corrosion cracking of titanium";
      r.reason_phrases.push_back(Say(acid ? "methanol_scc_acid" : "methanol_scc",
                                     {{"methanol", methanol}, {"water", p_.water_pct}}));
      if (p_.fe3_mg_l > 0 || p_.cu2_mg_l > 0) {
        r.reason += " (Fe3+/Cu2+ increase the susceptibility in methanol)";
        r.reason_phrases.push_back(Say("methanol_fe_cu"));
      }
      if (p_.features->residual_stress) {
        r.reason += "; residual stress present";
        r.reason_phrases.push_back(Say("residual_stress_present"));
      }
      r.limits.push_back({"water_pct", "<", crossed->value, p_.water_pct});
      r.sources.push_back(Ref(*crossed));
    });
  }

  void Alkaline() {
    const auto& a = kb_.alkaline;
    if (p_.phase != Phase::kLiquid || p_.ph < a.ph_at_least.value) return;
    Limit_("temperature_c", "max", a.temperature_above_c.value, "alkaline_hydrogen_pickup",
           Ref(a.temperature_above_c));
    if (p_.temperature_c <= a.temperature_above_c.value) return;
    Add("alkaline_hydrogen_pickup", a.grade, [&](MechanismResult& r) {
      r.reason = "pH " + Num(p_.ph) + " at " + Num(p_.temperature_c) + " °C (above " +
                 Num(a.temperature_above_c.value) +
                 " °C): hydrogen pickup and possible embrittlement";
      r.reason_phrases.push_back(
          Say("alkaline_hydrogen", {{"ph", p_.ph},
                                    {"temperature", p_.temperature_c},
                                    {"limit", a.temperature_above_c.value}}));
      r.limits.push_back({"ph", ">=", a.ph_at_least.value, p_.ph});
      r.limits.push_back({"temperature_c", ">", a.temperature_above_c.value, p_.temperature_c});
      r.sources.push_back(Ref(a.temperature_above_c));
    });
  }

  void Anodic() {
    const auto& a = kb_.anodic;
    const auto& v = p_.features->anodic_polarization_v;
    if (!v) return;
    const bool halide = p_.chloride_mg_l + p_.bromide_mg_l >= a.halide_min_mg_l.value;
    const Fact& limit = halide ? a.breakdown_halide_v : a.breakdown_v;
    Limit_("anodic_polarization_v", "max", limit.value, "anodic_breakdown", Ref(limit));
    if (*v <= limit.value) return;
    Add("anodic_breakdown", a.grade, [&](MechanismResult& r) {
      r.reason = "anodic polarization " + Num(*v) + " V above the " + Num(limit.value) +
                 " V breakdown of the oxide" + (halide ? " in halide solution" : "");
      r.reason_phrases.push_back(Say(halide ? "anodic_breakdown_halide" : "anodic_breakdown",
                                     {{"potential", *v}, {"limit", limit.value}}));
      r.limits.push_back({"anodic_polarization_v", ">", limit.value, *v});
      r.sources.push_back(Ref(limit));
      if (halide) r.sources.push_back(Ref(a.halide_min_mg_l));
    });
  }

  void Erosion() {
    const auto& e = kb_.erosion;
    const auto& v = p_.features->velocity_m_s;
    if (!v) return;
    Limit_("velocity_m_s", "max", e.max_velocity_m_s.value, "erosion", Ref(e.max_velocity_m_s));
    if (*v <= e.max_velocity_m_s.value) return;
    Add("erosion", e.grade, [&](MechanismResult& r) {
      r.reason = "velocity " + Num(*v) + " m/s above " + Num(e.max_velocity_m_s.value) + " m/s";
      r.reason_phrases.push_back(
          Say("velocity_above", {{"velocity", *v}, {"limit", e.max_velocity_m_s.value}}));
      r.limits.push_back({"velocity_m_s", ">", e.max_velocity_m_s.value, *v});
      r.sources.push_back(Ref(e.max_velocity_m_s));
    });
  }

  void Crevice() {
    if (plan_.crevice_class < 0) return;
    const CreviceClass* c = &kb_.crevice.classes[static_cast<std::size_t>(plan_.crevice_class)];
    if (p_.chloride_mg_l < c->chloride_min_mg_l.value) return;
    const double t = p_.temperature_c;
    if (p_.ph < c->ph_below.value) {
      Limit_("temperature_c", "max", c->temperature_above_c.value, "crevice_corrosion",
             Ref(c->temperature_above_c));
    } else {
      Limit_("temperature_c", "max", c->temperature_max_c.value, "crevice_corrosion",
             Ref(c->temperature_max_c));
    }
    if (t > c->temperature_above_c.value && t <= c->temperature_max_c.value) {
      Limit_("ph", "min", c->ph_below.value, "crevice_corrosion", Ref(c->ph_below));
    }
    const bool acid_side = p_.ph < c->ph_below.value;
    const bool too_hot = t > c->temperature_max_c.value;
    if (!(t > c->temperature_above_c.value && (acid_side || too_hot))) return;
    const std::optional<bool> crevices = answers_.crevices;
    int grade = c->grade_crevice_free;
    if (crevices.value_or(false)) {
      grade = c->grade_with_crevices;
    } else if (!crevices) {
      grade = std::max(c->grade_crevice_free,
                       std::min(c->grade_with_crevices, kb_.crevice.grade_crevices_unstated));
      crevices_open_ = c->grade_with_crevices != c->grade_crevice_free;
    }
    Add("crevice_corrosion", grade, [&](MechanismResult& r) {
      r.reason = Num(p_.chloride_mg_l) + " mg/L chloride at " + Num(t) + " °C";
      r.reason += too_hot ? " (beyond the " + Num(c->temperature_max_c.value) + " °C data limit)"
                          : " and pH " + Num(p_.ph) + " (below " + Num(c->ph_below.value) + ")";
      r.reason += !crevices ? ": crevice corrosion of " + m_.id +
                                  " if the design has crevices (gaskets, threads, deposits)"
                  : *crevices ? ": crevice corrosion of " + m_.id
                              : ": crevice corrosion of " + m_.id +
                                    " wherever a crevice forms (crevice-free design stated)";
      r.reason_phrases.push_back(
          Say("chloride_at_temperature", {{"chloride", p_.chloride_mg_l}, {"temperature", t}}));
      r.reason_phrases.push_back(
          too_hot ? Say("beyond_data_limit", {{"limit", c->temperature_max_c.value}})
                  : Say("ph_below", {{"ph", p_.ph}, {"limit", c->ph_below.value}}));
      r.reason_phrases.push_back(Say(!crevices   ? "crevice_if_present"
                                     : *crevices ? "crevice_corrosion_of"
                                                 : "crevice_where_one_forms",
                                     {{"material", Id(m_.id)}}));
      r.limits.push_back({"temperature_c", ">", c->temperature_above_c.value, t});
      if (too_hot) {
        r.limits.push_back({"temperature_c", ">", c->temperature_max_c.value, t});
      } else {
        r.limits.push_back({"ph", "<", c->ph_below.value, p_.ph});
      }
      r.limits.push_back({"chloride_mg_l", ">=", c->chloride_min_mg_l.value, p_.chloride_mg_l});
      r.sources.push_back(Ref(c->temperature_above_c));
      r.sources.push_back(Ref(c->ph_below));
      r.sources.push_back(Ref(c->chloride_min_mg_l));
    });
  }

  void General() {
    const auto& rules = kb_.general;
    const bool metal = plan_.metal;
    int general_grade = 1;
    double worst_rate = -1;
    const RateGrid* worst_grid = nullptr;
    const Component* worst_component = nullptr;
    Sample worst_sample;
    bool worst_fallback = false, worst_passivated = false, worst_out_of_range = false,
         worst_deaerated = false;
    // The oxidizer that earned credit for the worst component, and the level to keep it above.
    const Oxidizer* worst_oxidizer = nullptr;
    double worst_oxidizer_present = 0, worst_oxidizer_need = 0, worst_oxidizer_full = 0;
    bool worst_marginal = false;
    int worst_partial_grade = 0;
    SourceRef worst_oxidizer_source{};
    std::string gaps;
    std::vector<SourceRef> gap_sources;
    int subthreshold_grade = 0;
    std::string subthreshold_reason;
    Phrase subthreshold_phrase;
    SourceRef subthreshold_source{};

    for (const auto& comp : p_.components) {
      const Species& s = *comp.species;
      if (comp.pct <= 0) continue;
      const SpeciesPlan& sp = plan_.species[kb_.SpeciesIndex(s)];
      if (sp.inert) continue;
      const bool deaerated_pd =
          m_.pd_grade && answers_.aeration == Aeration::kDeaerated && s.reducing_acid;
      const RateGrid* g =
          (deaerated_pd || sp.grid < 0) ? nullptr : &kb_.grids[static_cast<std::size_t>(sp.grid)];
      bool fallback = false;
      if (g == nullptr && sp.fallback_grid >= 0) {
        g = &kb_.grids[static_cast<std::size_t>(sp.fallback_grid)];
        fallback = true;
      }
      if (g == nullptr) {
        if (!gaps.empty()) gaps += ", ";
        gaps += s.id;
        gap_sources.push_back(Ref(rules.data_gap_grade));
        continue;
      }
      Sample smp = SampleGrid(*g, comp.pct, p_.grid_temperature_c);
      double rate = smp.rate;
      bool passivated = false;
      bool marginal = false;  // above the threshold but short of full credit
      const Oxidizer* credited = nullptr;
      double credited_present = 0, credited_need = 0;
      SourceRef credited_source{};
      // Oxidizers widen passivity of titanium in reducing acid (not against fluoride).
      if (plan_.titanium && s.reducing_acid && GradeForRate(kb_.grading, rate) >= 2) {
        const bool fluoride_blocks =
            plan_.fluoride_rule >= 0 &&
            p_.free_fluoride_mg_l >=
                kb_.fluoride.families[static_cast<std::size_t>(plan_.fluoride_rule)]
                    .trace_mg_l.value;
        for (std::size_t oi = 0; oi < kb_.oxidizer.oxidizers.size(); ++oi) {
          const Oxidizer& ox = kb_.oxidizer.oxidizers[oi];
          const double present = p_.oxidizer_mg_l[oi];
          if (present <= 0) continue;
          const Citation* cite = nullptr;
          const double need = OxidizerThreshold(ox, p_.reducing_acid_normality, &cite);
          const double full = need * kb_.oxidizer.full_credit_ratio.value;
          if (present >= need && !fluoride_blocks) {
            // Credit with a margin: full passivation only well above the threshold.
            const bool full_credit = present >= full;
            if (credited == nullptr || (full_credit && !passivated) ||
                present / need > credited_present / credited_need) {
              credited = &ox;
              credited_present = present;
              credited_need = need;
              credited_source = Ref(*cite);
            }
            if (full_credit) {
              passivated = true;
              rate = std::min(rate, kb_.oxidizer.passive_rate_mm_per_y.value);
            } else {
              marginal = true;
            }
          } else if (present < need) {
            const int g2 = std::min(
                4, GradeForRate(kb_.grading, smp.rate) + kb_.oxidizer.subthreshold_grade_step);
            if (g2 > subthreshold_grade) {
              subthreshold_grade = g2;
              if (detail()) {
                subthreshold_reason =
                    Num(present) + " mg/L " + (ox.ion.empty() ? ox.species : ox.ion) +
                    " is below the " + Num(need) + " mg/L needed to passivate " + m_.id + " in " +
                    Num(p_.reducing_acid_normality) + " N reducing acid: it accelerates the attack";
                subthreshold_phrase = Say("oxidizer_below_passivating",
                                          {{"present", present},
                                           {"oxidizer", Id(ox.ion.empty() ? ox.species : ox.ion)},
                                           {"need", need},
                                           {"material", Id(m_.id)},
                                           {"normality", p_.reducing_acid_normality}});
                subthreshold_source = Ref(*cite);
              }
            }
          }
        }
      }
      if (passivated) marginal = false;
      if (passivated || marginal) subthreshold_grade = 0;
      int grade = GradeForRate(kb_.grading, rate);
      const bool deaerated = metal && s.reducing_acid && answers_.aeration == Aeration::kDeaerated;
      if (deaerated && !passivated) {
        grade =
            std::min(4, grade + static_cast<int>(rules.deaerated_reducing_acid_grade_step.value));
      }
      // The grade with partial credit (an oxidizer above its threshold but short of the full-
      // credit margin): at most `marginal_grade_credit` levels lower, never below 2.
      const int uninhibited = GradeForRate(kb_.grading, smp.rate);
      const int partial =
          std::max(std::min(2, uninhibited), uninhibited - kb_.oxidizer.marginal_grade_credit);
      if (marginal) grade = std::min(grade, partial);
      const bool out_of_range = smp.conc_above || smp.temp_above;
      if (out_of_range) {
        grade = std::min(4, grade + static_cast<int>(rules.out_of_range_grade_step.value));
      }
      if (detail() && out_of_range) {
        Warn(std::string(s.id) + " at " + Num(comp.pct) + " % and " + Num(p_.grid_temperature_c) +
                 " °C is outside the " + m_.id + " data (" + Num(g->wt_pct.back()) + " %, " +
                 Num(g->temperature_c.back()) + " °C); the grade is raised one level",
             Say("outside_data_raised", {{"species", Id(s.id)},
                                         {"pct", comp.pct},
                                         {"temperature", p_.grid_temperature_c},
                                         {"material", Id(m_.id)},
                                         {"max_pct", g->wt_pct.back()},
                                         {"max_temperature", g->temperature_c.back()}}));
      }
      if (detail() && fallback) {
        Warn(std::string(s.id) + ": no " + m_.id + " data; " + g->rate_group + " data used instead",
             Say("fallback_data",
                 {{"species", Id(s.id)}, {"material", Id(m_.id)}, {"group", Id(g->rate_group)}}));
      }
      if (rate > worst_rate || grade > general_grade) {
        worst_rate = std::max(worst_rate, rate);
      }
      if (grade > general_grade || worst_grid == nullptr ||
          (grade == general_grade && rate > worst_sample.rate)) {
        general_grade = std::max(general_grade, grade);
        worst_grid = g;
        worst_component = &comp;
        worst_sample = smp;
        worst_sample.rate = rate;
        worst_fallback = fallback;
        worst_passivated = passivated;
        worst_out_of_range = out_of_range;
        worst_deaerated = deaerated && !passivated;
        worst_oxidizer = credited;
        worst_oxidizer_present = credited_present;
        worst_oxidizer_need = credited_need;
        worst_oxidizer_full = credited_need * kb_.oxidizer.full_credit_ratio.value;
        worst_marginal = marginal;
        worst_partial_grade = partial;
        worst_oxidizer_source = credited_source;
      }
    }

    if (subthreshold_grade > general_grade) {
      Add("oxidizer_subthreshold", subthreshold_grade, [&](MechanismResult& r) {
        r.reason = subthreshold_reason;
        r.reason_phrases.push_back(subthreshold_phrase);
        r.sources.push_back(subthreshold_source);
      });
    }

    if (detail() && worst_rate >= 0) out_->general_rate_mm_per_y = worst_rate;
    // An oxidizer the grade relies on is a condition to maintain: its full-credit level.
    if (worst_oxidizer != nullptr) {
      Limit_(worst_oxidizer->parameter, "min", worst_oxidizer_full, "general_corrosion",
             worst_oxidizer_source);
    }
    if (detail() && worst_grid != nullptr && !worst_passivated) {
      double tmax = 0;
      if (MaxTemperatureFor(*worst_grid, worst_component->pct,
                            kb_.grading.rate_grade1_max_mm_per_y.value, &tmax)) {
        Limit_("temperature_c", "max", tmax, "general_corrosion", Ref(worst_grid->citation));
      }
    }
    Add("general_corrosion", general_grade, [&](MechanismResult& r) {
      if (worst_grid == nullptr) {
        r.reason = gaps.empty() ? "no component with a general-corrosion concern for " + m_.id
                                : "no general-corrosion data for the components";
        r.reason_phrases.push_back(gaps.empty()
                                       ? Say("no_general_concern", {{"material", Id(m_.id)}})
                                       : Say("no_general_data"));
        return;
      }
      const Component& c = *worst_component;
      r.reason = Num(c.pct) + " wt% " + c.species->id + " at " + Num(p_.grid_temperature_c) +
                 " °C: " + Num(worst_sample.rate) + " mm/y";
      r.reason_phrases.push_back(Say("general_rate", {{"pct", c.pct},
                                                      {"species", Id(c.species->id)},
                                                      {"temperature", p_.grid_temperature_c},
                                                      {"rate", worst_sample.rate}}));
      if (worst_passivated) {
        r.reason += " (oxidizer present above its passivating level)";
        r.reason_phrases.push_back(Say("oxidizer_passivates"));
      }
      if (worst_oxidizer != nullptr) {
        const std::string_view ox =
            worst_oxidizer->ion.empty() ? worst_oxidizer->species : worst_oxidizer->ion;
        if (worst_marginal) {
          r.reason += "; " + Num(worst_oxidizer_present) + " mg/L " + std::string(ox) +
                      " is above the " + Num(worst_oxidizer_need) +
                      " mg/L that passivates but below " + Num(worst_oxidizer_full) +
                      " mg/L: partial credit only";
          r.reason_phrases.push_back(Say("oxidizer_marginal", {{"present", worst_oxidizer_present},
                                                               {"oxidizer", Id(ox)},
                                                               {"need", worst_oxidizer_need},
                                                               {"full", worst_oxidizer_full}}));
        } else {
          r.reason += "; keep " + std::string(ox) + " at or above " + Num(worst_oxidizer_full) +
                      " mg/L: below it the grade is " + std::to_string(worst_partial_grade);
          r.reason_phrases.push_back(
              Say("oxidizer_keep_above", {{"oxidizer", Id(ox)},
                                          {"full", worst_oxidizer_full},
                                          {"grade", static_cast<double>(worst_partial_grade)}}));
        }
        r.sources.push_back(worst_oxidizer_source);
        r.sources.push_back(Ref(kb_.oxidizer.full_credit_ratio));
      }
      if (worst_fallback) {
        r.reason += " (" + worst_grid->rate_group + " data)";
        r.reason_phrases.push_back(Say("other_data_used", {{"group", Id(worst_grid->rate_group)}}));
      }
      if (worst_deaerated) {
        r.reason += "; de-aerated reducing acid, raised one level";
        r.reason_phrases.push_back(Say("deaerated_raised"));
      }
      if (worst_out_of_range) {
        r.reason += "; outside the data range, raised one level";
        r.reason_phrases.push_back(Say("out_of_range_raised"));
      }
      const double bound = general_grade <= 1   ? kb_.grading.rate_grade1_max_mm_per_y.value
                           : general_grade == 2 ? kb_.grading.rate_grade1_max_mm_per_y.value
                           : general_grade == 3 ? kb_.grading.rate_grade2_max_mm_per_y.value
                                                : kb_.grading.rate_grade3_max_mm_per_y.value;
      r.limits.push_back(
          {"rate_mm_per_y", general_grade <= 1 ? "<=" : ">", bound, worst_sample.rate});
      r.sources.push_back({worst_grid->citation.source, worst_sample.confidence});
      if (general_grade >= 2) {
        const Fact& f = general_grade == 2   ? kb_.grading.rate_grade1_max_mm_per_y
                        : general_grade == 3 ? kb_.grading.rate_grade2_max_mm_per_y
                                             : kb_.grading.rate_grade3_max_mm_per_y;
        r.sources.push_back(Ref(f));
      }
      if (worst_deaerated) r.sources.push_back(Ref(rules.deaerated_reducing_acid_grade_step));
    });

    if (!gaps.empty()) {
      const int grade = static_cast<int>(rules.data_gap_grade.value);
      Warn("no " + m_.id + " corrosion data for " + gaps + "; graded conservatively",
           Say("no_data_conservative", {{"material", Id(m_.id)}, {"species", gaps}}));
      Add("data_gap", grade, [&](MechanismResult& r) {
        r.reason = "no corrosion data for " + gaps + " on " + m_.id;
        r.reason_phrases.push_back(
            Say("no_data_for", {{"species", gaps}, {"material", Id(m_.id)}}));
        r.sources.push_back(Ref(rules.data_gap_grade));
      });
    }
  }

  const KnowledgeBase& kb_;
  const Prepared& p_;
  const Material& m_;
  const MaterialPlan& plan_;
  Assessment* out_;
  Answers answers_;
  int worst_ = 1;
  bool crevices_open_ = false;
};

// The conditions the request left open that change this material's grade, each with the grade
// under both answers (other open conditions keep their default).
void AddConditions(const KnowledgeBase& kb, const Prepared& p, bool crevices_open, Assessment& a) {
  const Material& m = *p.material;
  auto answer = [&](std::string_view value, auto&& change) {
    Answers answers = AnswersOf(p);
    change(answers);
    const int grade = Evaluator(kb, p, m, nullptr, answers).Run();
    return Condition::Answer{value, grade,
                             kb.grading.verdicts[static_cast<std::size_t>(grade - 1)]};
  };
  auto add = [&](std::string_view id, std::string_view field, Condition::Answer benign,
                 Condition::Answer adverse) {
    if (benign.grade != adverse.grade) a.conditions.push_back({id, field, {benign, adverse}});
  };
  if (crevices_open) {
    add("crevices", "features.crevices", answer("false", [](Answers& x) { x.crevices = false; }),
        answer("true", [](Answers& x) { x.crevices = true; }));
  }
  if (p.aeration_matters) {
    add("aeration", "medium.aeration",
        answer("aerated", [](Answers& x) { x.aeration = Aeration::kAerated; }),
        answer("deaerated", [](Answers& x) { x.aeration = Aeration::kDeaerated; }));
  }
}

}  // namespace

Result<BathTotals> Totals(const KnowledgeBase& kb, const AssessmentRequest& request) {
  RUTILE_ASSIGN_OR_RETURN(Prepared p, Prepare(kb, request));
  return BathTotals{p.chloride_mg_l, p.fluoride_mg_l, p.free_fluoride_mg_l, p.ph, !p.ph_estimated};
}

Result<int> AssessGrade(const KnowledgeBase& kb, const AssessmentRequest& request) {
  RUTILE_ASSIGN_OR_RETURN(Prepared p, Prepare(kb, request));
  return Evaluator(kb, p, *p.material, nullptr).Run();
}

Result<Assessment> Assess(const KnowledgeBase& kb, const AssessmentRequest& request) {
  RUTILE_ASSIGN_OR_RETURN(Prepared p, Prepare(kb, request));
  Assessment a;
  a.mechanisms.reserve(4);
  a.operating_limits.reserve(8);
  a.mitigations.reserve(8);
  a.alternatives.reserve(5);
  a.material = p.material->id;
  a.knowledge_version = kb.version;
  a.warnings = std::move(p.warnings);
  a.warning_phrases = std::move(p.warning_phrases);
  Evaluator evaluator(kb, p, *p.material, &a);
  a.grade = evaluator.Run();
  AddConditions(kb, p, evaluator.crevices_open(), a);
  a.verdict = kb.grading.verdicts[static_cast<std::size_t>(a.grade - 1)];

  // Mechanisms: highest grade first, ties by knowledge-base order.
  std::stable_sort(a.mechanisms.begin(), a.mechanisms.end(),
                   [&](const MechanismResult& x, const MechanismResult& y) {
                     if (x.grade != y.grade) return x.grade > y.grade;
                     return x.priority < y.priority;
                   });
  // Same mechanism reported twice (e.g. two ignition routes): keep the first (worst).
  std::size_t kept = 0;
  for (std::size_t i = 0; i < a.mechanisms.size(); ++i) {
    bool seen = false;
    for (std::size_t j = 0; j < kept; ++j)
      seen = seen || a.mechanisms[j].priority == a.mechanisms[i].priority;
    if (seen) continue;
    if (kept != i) a.mechanisms[kept] = std::move(a.mechanisms[i]);
    ++kept;
  }
  a.mechanisms.resize(kept);
  a.governing_mechanism = a.mechanisms.front().id;

  for (const auto& m : a.mechanisms) {
    if (m.grade < 2 || static_cast<std::size_t>(m.priority) >= kb.mechanisms.size()) continue;
    const MechanismInfo& info = kb.mechanisms[static_cast<std::size_t>(m.priority)];
    for (const auto& text : info.mitigations) {
      bool seen = false;
      for (const auto& existing : a.mitigations) seen = seen || existing.data() == text.data();
      if (!seen) a.mitigations.push_back(text);
    }
  }

  // Alternatives: every other assessable material, by grade then cost rank; at most five.
  struct Candidate {
    const Material* material;
    int grade;
  };
  std::vector<Candidate> candidates;
  candidates.reserve(kb.materials.size());
  std::vector<int> grade_by_class(kb.materials.size(), 0);
  grade_by_class[static_cast<std::size_t>(kb.plans[kb.MaterialIndex(*p.material)].equivalent)] =
      a.grade;
  for (const auto& m : kb.materials) {
    if (!m.assessable || &m == p.material) continue;
    int& grade = grade_by_class[static_cast<std::size_t>(kb.plans[kb.MaterialIndex(m)].equivalent)];
    if (grade == 0) grade = Evaluator(kb, p, m, nullptr).Run();
    candidates.push_back({&m, grade});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) {
                     if (x.grade != y.grade) return x.grade < y.grade;
                     return x.material->cost_rank < y.material->cost_rank;
                   });
  for (std::size_t i = 0; i < candidates.size() && i < 5; ++i) {
    a.alternatives.push_back({candidates[i].material->id, candidates[i].grade});
  }
  return a;
}

}  // namespace rutile::engine
