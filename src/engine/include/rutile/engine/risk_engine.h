// The corrosion risk engine: (material, medium, features) -> four-level grade with the
// triggered mechanisms, their reasons, limits and sources, operating limits, mitigations and
// ranked alternatives. Pure function of its inputs and the KnowledgeBase; no I/O, no clock.
// Thread-safe: Assess only reads the KnowledgeBase. Results hold string_views into the
// KnowledgeBase, which must outlive them.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/engine/knowledge_base.h"

namespace rutile::engine {

enum class Aeration { kUnspecified, kAerated, kDeaerated };

struct Medium {
  std::string preset;                     // optional preset id or alias; "" = none
  std::vector<ComponentSpec> components;  // added to (or replacing) the preset's components
  std::optional<double> temperature_c;    // required
  bool boiling = false;
  std::optional<double> ph;
  Aeration aeration = Aeration::kUnspecified;
  std::optional<Phase> phase;  // default: the preset's phase, else liquid
};

struct Features {
  std::optional<bool> crevices;  // unset: a condition of the answer (see Condition)
  std::string galvanic_couple;   // material id of the coupled metal; "" = none
  std::optional<double> potential_v_sce;
  bool cathodic_protection = false;
  std::optional<double> anodic_polarization_v;
  bool residual_stress = false;
  std::optional<double> velocity_m_s;
};

struct AssessmentRequest {
  std::string material;
  Medium medium;
  Features features;
};

// One crossed (or approached) limit: "temperature_c > 70 (observed 85)".
struct Limit {
  std::string_view parameter;   // temperature_c, ph, free_fluoride_mg_l, ...
  std::string_view comparison;  // ">", "<", ">=", "<="
  double limit = 0;
  double observed = 0;
};

// One phrase of an explanation for people: a message code of the web catalogue (kb.json,
// "phrase.<code>") and its parameters. Numbers stay numbers, so each reader's locale formats
// them; parameters named material, group, species or oxidizer hold knowledge-base ids (species
// lists comma-separated), which the reader sees by name. The English `reason` and `warnings`
// texts say the same for API clients and logs.
struct Phrase {
  using Value = std::variant<double, std::string>;
  std::string_view code;
  std::vector<std::pair<std::string_view, Value>> params;
};

struct SourceRef {
  std::string_view source;
  Confidence confidence = Confidence::kUncertain;
};

struct MechanismResult {
  std::string_view id;
  int grade = 1;
  int priority = 0;  // position in the knowledge base's mechanism list (ties: lower first)
  std::string reason;
  std::vector<Phrase> reason_phrases;  // the reason, phrase by phrase
  std::vector<Limit> limits;
  std::vector<SourceRef> sources;
};

// An operating limit for this material in this medium.
struct OperatingLimit {
  std::string_view parameter;  // temperature_c, free_fluoride_mg_l, water_pct, ...
  std::string_view bound;      // "max" or "min"
  double value = 0;
  std::string_view mechanism;
  SourceRef source;
};

// A condition the request left unstated that changes the grade, with the grade under each answer.
// The headline grade counts what was stated, except that a crevice trigger (which a design can
// remove) counts as "moderate" until the user says crevices are present (facts sheet §0).
struct Condition {
  struct Answer {
    std::string_view value;  // "false" / "true" for a yes-no field, else the field's value
    int grade = 1;
    std::string_view verdict;  // from the knowledge base
  };
  std::string_view id;            // "crevices", "aeration"
  std::string_view field;         // the request field that answers it: "features.crevices", ...
  std::array<Answer, 2> answers;  // the benign answer first
};

struct Alternative {
  std::string_view material;
  int grade = 1;
};

struct Assessment {
  std::string_view material;
  int grade = 1;             // 1 low, 2 moderate, 3 high, 4 prohibited
  std::string_view verdict;  // from the knowledge base
  std::string_view governing_mechanism;
  std::vector<MechanismResult> mechanisms;  // governing first, then by grade, then KB order
  std::optional<double> general_rate_mm_per_y;
  std::vector<OperatingLimit> operating_limits;
  std::vector<std::string_view> mitigations;
  std::vector<Condition> conditions;      // unstated conditions that change the grade
  std::vector<Alternative> alternatives;  // best first
  std::vector<std::string> warnings;
  std::vector<Phrase> warning_phrases;  // one per warning, in the same order
  std::string_view knowledge_version;
};

// The bath's totals as the engine reads them (after presets, unit conversion and complexation).
struct BathTotals {
  double chloride_mg_l = 0;
  double fluoride_mg_l = 0;       // total fluoride
  double free_fluoride_mg_l = 0;  // after complexation
  double ph = 7;                  // as given, else estimated
  bool ph_given = false;
};

// Same validation as Assess.
Result<BathTotals> Totals(const KnowledgeBase& kb, const AssessmentRequest& request);

// Assesses one request. Invalid input (unknown material or species, missing temperature,
// contradictory values) -> kInvalidArgument with FieldError paths such as "material",
// "medium.components[2].species", "medium.temperature_c".
Result<Assessment> Assess(const KnowledgeBase& kb, const AssessmentRequest& request);

// The grade alone, without building texts (used to rank alternatives, and by callers that only
// need the level). Same validation as Assess.
Result<int> AssessGrade(const KnowledgeBase& kb, const AssessmentRequest& request);

}  // namespace rutile::engine
