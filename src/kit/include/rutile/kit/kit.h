// The free basic kit for micro workshops: the compliant material positive list (computed by the
// risk engine over the bath presets, the materials and a temperature grid), the forbidden reagent
// blacklist and the operating guides (steps as codes). Plain values, built once by LoadKit and
// then only read, so one Kit may be shared by every thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/engine/knowledge_base.h"

namespace rutile::kit {

// A publication of knowledge/engine/sources.json.
struct SourceCitation {
  std::string id;
  std::string citation;
};

// A clause of the clause library that rests on a bath (its conditions name the preset).
struct ClauseLink {
  std::string id;      // "rtb-2.11"
  std::string number;  // "RT-2.11"
};

// The engine grades `material` in bath `preset` at `grade` (1 low, 2 moderate) at every grid
// temperature from temperature_min_c to temperature_max_c (inclusive, grid points).
struct PositiveRow {
  std::string preset;
  std::string material;
  int grade = 1;
  double temperature_min_c = 0;
  double temperature_max_c = 0;
  std::vector<ClauseLink> clauses;
};

// The composition a bath preset is graded with: the condition, besides temperature, under which
// the positive list holds.
struct BathComponent {
  std::string species;
  std::string unit;  // wt_pct, g_per_l, mg_per_l, vol_pct (as in the engine's wire format)
  double value = 0;
};
struct Bath {
  std::string preset;
  std::vector<BathComponent> components;
  std::optional<double> ph;
};

struct PositiveListConfig {
  std::vector<double> temperatures_c;  // ascending
  int max_grade = 2;
};

struct Reagent {
  std::string code;       // message code: kit:blacklist.<code>.name / .reason
  std::string mechanism;  // engine mechanism id
  std::vector<std::string> species;
  std::vector<SourceCitation> sources;  // at least one
  std::string confidence;               // verified, secondary, uncertain
};

enum class StepKind { kAction, kDecision };

struct GuideStep {
  std::string code;  // message code: kit:guide.<guide>.<code>
  StepKind kind = StepKind::kAction;
  std::string next;  // action: the following step ("" = the next in the list, or the end)
  std::string yes;   // decision: step when the answer is yes
  std::string no;    // decision: step when the answer is no
  std::vector<SourceCitation> sources;
};

struct Guide {
  std::string code;
  bool flowchart = false;
  std::vector<GuideStep> steps;
};

struct Kit {
  PositiveListConfig config;
  std::vector<PositiveRow> positive_list;
  std::vector<Bath> baths;  // every preset with a row, in the knowledge base's order
  std::vector<Reagent> blacklist;
  std::vector<Guide> guides;
  std::string knowledge_version;
};

// The bath presets that have clauses: preset id -> clauses, with the material families each
// clause is limited to (empty = every family).
struct ClauseCondition {
  ClauseLink clause;
  std::vector<std::string> media;
  std::vector<std::string> material_families;
};

// The positive list: every preset x every assessable material x every grid temperature, graded
// by the engine; runs of equal grade <= max_grade become rows. Engine errors are returned.
Result<std::vector<PositiveRow>> BuildPositiveList(const engine::KnowledgeBase& kb,
                                                   const PositiveListConfig& config,
                                                   const std::vector<ClauseCondition>& clauses);

// Parses the data files (knowledge/kit/*.json and knowledge/engine/sources.json) and builds the
// kit. kInvalidArgument with FieldError{"<file>:<path>", message} for every problem: unknown
// mechanism, species or source id, a reagent without a source, a decision without both answers,
// a jump to an unknown or earlier step.
struct KitFiles {
  std::string_view blacklist_json;
  std::string_view guides_json;
  std::string_view positive_list_json;
  std::string_view sources_json;
};
Result<Kit> LoadKit(const KitFiles& files, const engine::KnowledgeBase& kb,
                    const std::vector<ClauseCondition>& clauses);

// The files embedded at build time.
KitFiles EmbeddedKitFiles();

// The kit built from the embedded files, the embedded engine knowledge base and the starter
// clause library; built on first use (thread-safe). Aborts if the embedded data is malformed.
const Kit& DefaultKit();

}  // namespace rutile::kit
