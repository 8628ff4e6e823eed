// KnowledgeBase: the engine's cited data (materials, species, presets, corrosion-rate grids,
// mechanism thresholds, ISO 9223 coefficients, inspection rules, risk matrix). Plain value type,
// immutable after loading (see rutile/engine/wire/knowledge_loader.h); safe to share across
// threads for reading. Every threshold carries a Citation; the engine never hard-codes one.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rutile::engine {

// Capacity limits the loader enforces, so the engine keeps per-request state on the stack.
inline constexpr std::size_t kMaxIons = 32;       // distinct ions provided by all species
inline constexpr std::size_t kMaxOxidizers = 16;  // OxidizerRules::oxidizers
inline constexpr std::size_t kMaxComplexers = 8;  // FluorideRules::complexers

// [V] / [S] / [U] tags of the reference notes.
enum class Confidence { kVerified, kSecondary, kUncertain };
std::string_view ConfidenceName(Confidence c);

struct Citation {
  std::string source;  // human-readable citation (resolved from knowledge/engine/sources.json)
  Confidence confidence = Confidence::kUncertain;
};

// One numeric fact with its citation.
struct Fact {
  double value = 0;
  Citation citation;
};

struct Material {
  std::string id;  // "Ti-Gr2"
  std::string name_en;
  std::string name_zh;
  std::vector<std::string> aliases;
  std::string family;         // titanium, stainless, nickel, polymer, quartz, steel, zinc...
  std::string rate_group;     // key into the corrosion-rate grids
  std::string rate_fallback;  // grids used when rate_group has none for a species ("" = none)
  std::string crevice_class;  // key into CreviceClass ("none" = not susceptible)
  std::string galvanic;       // "active" / "noble" relative to titanium; "" when not stated
  bool pd_grade = false;
  bool assessable = false;  // false: only usable as a galvanic-couple partner
  int cost_rank = 0;        // lower = cheaper; orders alternatives with equal grades
  std::optional<Fact> max_service_temperature_c;
  Citation citation;
};

struct IonShare {
  std::string ion;  // "F-", "Cl-", "Cu2+", "Cr(VI)"
  double mass_fraction = 0;
};

struct Species {
  std::string id;  // chemical formula or ion, "HCl", "F-"
  std::string name_en;
  std::string name_zh;
  std::vector<std::string> aliases;
  std::string kind;  // acid, base, salt, ion, gas, solvent
  double molar_mass_g_mol = 0;
  double strong_acid_protons = 0;
  std::optional<double> pka;
  double strong_base_hydroxides = 0;
  std::optional<double> pkb;
  bool reducing_acid = false;
  bool oxidizer = false;
  std::vector<IonShare> provides;
  Citation citation;
};

// A component as written in a request or preset: exactly one concentration unit.
enum class ConcentrationUnit { kWtPct, kMgPerL, kGPerL, kVolPct };
struct ComponentSpec {
  std::string species;
  ConcentrationUnit unit = ConcentrationUnit::kWtPct;
  double value = 0;
};

enum class Phase { kLiquid, kGas };

struct Preset {
  std::string id;
  std::string name_en;
  std::string name_zh;
  std::vector<std::string> aliases;
  std::vector<ComponentSpec> components;
  std::optional<double> ph;
  std::optional<double> typical_temperature_c;
  Phase phase = Phase::kLiquid;
  Citation citation;
};

// General corrosion rate over wt% x temperature, bilinear interpolation inside the grid.
struct RateGrid {
  std::string rate_group;
  std::string species;
  std::vector<double> wt_pct;          // ascending
  std::vector<double> temperature_c;   // ascending
  std::vector<double> rate_mm_per_y;   // row-major [wt_pct index][temperature index]
  std::vector<Confidence> confidence;  // same shape as rate_mm_per_y
  Citation citation;
  std::string note;
};

// Species with no general-corrosion concern (or handled by a dedicated mechanism) for a family.
struct InertList {
  std::string family;
  std::vector<std::string> species;  // "*" = every species
  Citation citation;
};

struct MechanismInfo {
  std::string id;
  std::string name;
  std::vector<std::string> mitigations;
};

struct Grading {
  std::array<std::string, 4> verdicts;  // grade 1..4
  Fact rate_grade1_max_mm_per_y;
  Fact rate_grade2_max_mm_per_y;
  Fact rate_grade3_max_mm_per_y;
};

struct GeneralCorrosionRules {
  Fact out_of_range_grade_step;
  Fact deaerated_reducing_acid_grade_step;
  Fact boiling_grid_temperature_c;
  Fact data_gap_grade;
};

struct CreviceClass {
  std::string id;
  Fact chloride_min_mg_l;
  Fact temperature_above_c;
  Fact ph_below;
  Fact temperature_max_c;
  int grade_with_crevices = 3;
  int grade_crevice_free = 2;
};

struct CreviceRules {
  std::vector<CreviceClass> classes;
  // The crevice mechanism's grade while the request does not say whether crevices are present:
  // a trigger a design can remove is "limited" until confirmed (facts sheet §0, a proposal).
  int grade_crevices_unstated = 2;
};

struct FluorideFamilyRule {
  std::string family;
  Fact trace_mg_l;
  Fact threshold_mg_l;
  Fact prohibit_mg_l;
  Fact acid_ph_below;
  int grade_trace_acid = 2;
  int grade_acid = 3;
  int grade_neutral = 2;
  int grade_prohibit = 4;
  std::vector<std::string> prohibit_species;
};

struct FluorideComplexer {
  std::string ion;
  double molar_mass_g_mol = 0;
  Fact fluoride_per_ion;
};

struct FluorideRules {
  std::vector<FluorideFamilyRule> families;
  std::vector<FluorideComplexer> complexers;
  double fluoride_molar_mass_g_mol = 18.998;
  // Complexation with a margin: full credit only when the complexers could bind this multiple
  // of the fluoride, and then a residual fraction stays free; below it, this share of what
  // stoichiometry would bind.
  Fact complexation_full_ratio;
  Fact complexed_residual_fraction;
  Fact partial_complexation;
};

struct HydrogenRules {
  Fact temperature_above_c;
  Fact ph_below;
  Fact ph_above;
  Fact potential_below_v_sce;
  Fact potential_prohibit_below_v_sce;
  Fact h2_gas_min_water_pct;
  int grade = 3;
  int grade_prohibit = 4;
  int grade_cool = 2;
};

struct AlkalineRules {
  Fact ph_at_least;
  Fact temperature_above_c;
  int grade = 2;
};

struct WaterPoint {
  double temperature_c = 0;
  Fact water_pct;
};

struct IgnitionRules {
  std::vector<WaterPoint> dry_chlorine_min_water_pct;  // ascending temperature
  Fact fuming_nitric_min_hno3_wt_pct;
  Fact fuming_nitric_min_water_wt_pct;
  Fact fuming_nitric_max_no2_wt_pct;
  Fact fuming_nitric_high_hno3_wt_pct;
  Fact oxygen_min_vol_pct;
  int grade = 4;
  int grade_fuming_wet = 3;
};

struct MethanolRules {
  Fact methanol_min_wt_pct;
  Fact min_water_with_acid_pct;
  Fact min_water_pct;
  int grade_with_acid = 3;
  int grade = 2;
};

struct NormalityPoint {
  double normality = 0;
  Fact mg_l;
};

// A passivating oxidizer, identified by an ion total ("Cu2+") or a species ("HNO3").
struct Oxidizer {
  std::string ion;
  std::string species;
  std::string parameter;  // operating-limit parameter id ("cu2_mg_l")
  std::vector<NormalityPoint> min_mg_l_by_hcl_normality;  // ascending normality
};

struct OxidizerRules {
  std::vector<Oxidizer> oxidizers;
  Fact passive_rate_mm_per_y;
  int subthreshold_grade_step = 1;
  // Full passivation credit from this multiple of the threshold; between the threshold and it,
  // the grade drops by `marginal_grade_credit` levels at most and never below 2.
  Fact full_credit_ratio;
  int marginal_grade_credit = 1;
};

struct AnodicRules {
  Fact breakdown_v;
  Fact breakdown_halide_v;
  Fact halide_min_mg_l;
  int grade = 3;
};

struct ErosionRules {
  Fact max_velocity_m_s;
  int grade = 2;
};

struct InputRules {
  Fact density_kg_per_l;
  Fact ph_contradiction_tolerance;
  double temperature_min_c = -60;
  double temperature_max_c = 1200;
};

// ISO 9223 dose-response function of one metal (see atmosphere.h for the formula).
struct AtmosphereMetal {
  std::string id;    // carbon_steel, zinc, copper, aluminium
  std::string unit;  // um_per_a or g_m2_a
  double so2_coeff = 0, so2_exp = 0, so2_rh = 0;
  double cl_coeff = 0, cl_exp = 0, cl_rh = 0, cl_t = 0;
  double ft_low = 0, ft_high = 0, ft_pivot_c = 10;
  std::array<double, 6> category_bounds{};  // inclusive upper bounds of C1..CX
  double iso9224_b1 = 0, iso9224_b2 = 0;
  Citation citation;
  Citation bounds_citation;
};

struct AtmosphereModel {
  std::vector<AtmosphereMetal> metals;
  std::array<std::string, 6> categories;
  std::array<double, 2> temperature_c{}, rh_pct{}, so2_mg_m2_d{}, cl_mg_m2_d{};
  Citation validity_citation;
  double iso9224_break_years = 20;
};

struct PipingClassRule {
  int piping_class = 0;
  Fact thickness_interval_a;
  Fact external_interval_a;
};

struct InspectionRules {
  Fact vessel_half_life_fraction;
  Fact vessel_max_interval_a;
  Fact vessel_short_life_threshold_a;
  Fact vessel_short_life_max_interval_a;
  Fact vessel_external_max_interval_a;
  Fact piping_half_life_fraction;
  std::vector<PipingClassRule> piping_classes;
  Fact b31_3_y_default;
  Fact ug27_circ_p_ratio_max;
  Fact ug27_long_p_ratio_max;
  Fact b31_3_p_ratio_max;
};

struct RiskMatrixConfig {
  std::vector<std::string> levels;                    // ascending severity
  std::array<std::string, 5> consequence_categories;  // A..E
  std::array<std::array<int, 5>, 5> cells{};          // [pof 1..5 - 1][cof A..E] -> level index
  std::array<double, 4> pof_upper_bounds_per_year{};
  std::array<double, 4> cof_area_upper_bounds_m2{};
  std::array<double, 4> cof_financial_upper_bounds_usd{};
  Citation citation;
};

// Per-material lookups derived once by KnowledgeBase::BuildIndex (indices, so copies stay valid).
struct SpeciesPlan {
  int grid = -1;           // index into KnowledgeBase::grids for the material's rate group
  int fallback_grid = -1;  // index for its rate_fallback group
  bool inert = false;      // listed as inert (or rule-covered) for the material's family
};

struct MaterialPlan {
  int crevice_class = -1;  // index into CreviceRules::classes
  int fluoride_rule = -1;  // index into FluorideRules::families
  bool titanium = false;
  bool metal = false;   // not polymer, not quartz
  int equivalent = -1;  // first material whose rule inputs are identical (itself if first)
  std::vector<SpeciesPlan> species;  // indexed like KnowledgeBase::species
};

struct KnowledgeBase {
  std::string version;  // short hash of the source bytes
  std::vector<Material> materials;
  std::vector<Species> species;
  std::vector<Preset> presets;
  std::vector<RateGrid> grids;
  std::vector<InertList> inert;
  std::vector<MechanismInfo> mechanisms;  // order = tie-break priority (first wins)
  Grading grading;
  GeneralCorrosionRules general;
  CreviceRules crevice;
  FluorideRules fluoride;
  HydrogenRules hydrogen;
  AlkalineRules alkaline;
  IgnitionRules ignition;
  MethanolRules methanol;
  OxidizerRules oxidizer;
  AnodicRules anodic;
  ErosionRules erosion;
  int temperature_limit_grade = 4;
  InputRules input;
  AtmosphereModel atmosphere;
  InspectionRules inspection;
  RiskMatrixConfig risk_matrix;

  // Lookups; nullptr when absent. Material and species accept the id or an alias (aliases
  // compared ASCII-case-insensitively); ids are case-sensitive.
  const Material* FindMaterial(std::string_view id_or_alias) const;
  const Species* FindSpecies(std::string_view id_or_alias) const;
  const Preset* FindPreset(std::string_view id_or_alias) const;
  const MechanismInfo* FindMechanism(std::string_view id) const;
  const CreviceClass* FindCreviceClass(std::string_view id) const;

  // Up to `limit` closest ids by edit distance (case-insensitive), for "did you mean" messages,
  // formatted "HCl (hydrochloric acid)".
  std::vector<std::string> SuggestSpecies(std::string_view text, std::size_t limit = 3) const;
  std::vector<std::string> SuggestMaterials(std::string_view text, std::size_t limit = 3) const;
  std::vector<std::string> SuggestPresets(std::string_view text, std::size_t limit = 3) const;

  // Builds the lookup indexes and plans; the loader calls it once after filling the vectors.
  void BuildIndex();

  std::vector<MaterialPlan> plans;  // indexed like materials, filled by BuildIndex
  std::size_t MaterialIndex(const Material& m) const {
    return static_cast<std::size_t>(&m - materials.data());
  }
  std::size_t SpeciesIndex(const Species& s) const {
    return static_cast<std::size_t>(&s - species.data());
  }

 private:
  std::unordered_map<std::string, std::size_t> material_index_;
  std::unordered_map<std::string, std::size_t> species_index_;
  std::unordered_map<std::string, std::size_t> preset_index_;
};

}  // namespace rutile::engine
