// Standards records: documents, versions and clauses, and the inputs and outputs of matching and
// search. Plain value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rutile::standards {

enum class StandardKind {
  kNationalRecommended,
  kIndustry,
  kPark,
  kEnterprise,
  kInternationalHarmonizedBaseline,
};
std::string_view StandardKindName(StandardKind k);  // "national_recommended", ...
std::optional<StandardKind> ParseStandardKind(std::string_view name);

enum class ClauseKind { kMandatory, kRecommended };
std::string_view ClauseKindName(ClauseKind k);  // "mandatory" (bottom line), "recommended"
std::optional<ClauseKind> ParseClauseKind(std::string_view name);

// Text per language tag ("en", "zh"); English is always present.
using LocalizedText = std::map<std::string, std::string>;
// The text in `lang`, falling back to English.
std::string InLanguage(const LocalizedText& text, std::string_view lang);

// Where a clause applies. An empty list matches every profile. `media` (engine preset ids) and
// `mechanisms` (engine mechanism ids) are alternatives: either one matching is enough.
struct ClauseConditions {
  std::vector<std::string> industries;
  std::vector<std::string> equipment_types;
  std::vector<std::string> media;
  std::vector<std::string> mechanisms;
  std::vector<std::string> region_categories;  // "I", "II", "III"
  std::vector<std::string> scale_classes;      // "micro", "small", "medium", "large"
  std::vector<std::string> material_families;  // engine material families: "titanium", ...
  bool operator==(const ClauseConditions&) const = default;
};

// How far a clause covers the same ground as an external one ("ISO 9223", "API 510 7.1.1").
struct Equivalence {
  std::string ref;
  std::string extent;  // "full", "partial", "related"
  LocalizedText note;  // how far the ground is the same; empty when there is no note
  bool uncertain = false;
  bool operator==(const Equivalence&) const = default;
};

struct Clause {
  std::string id;      // stable across versions: "rtb-3.1"
  std::string number;  // "RT-3.1"
  ClauseKind kind = ClauseKind::kRecommended;
  std::vector<int> grades;  // risk grades 1..4 it applies at
  LocalizedText title;
  LocalizedText text;
  ClauseConditions conditions;
  std::vector<Equivalence> equivalences;
  std::string source;      // source id (knowledge/engine/sources.json); may be empty
  std::string confidence;  // verified / secondary / uncertain; empty when no source
  bool operator==(const Clause&) const = default;
};

// "RT-2.10" after "RT-2.9": numeric parts compare as numbers.
bool ClauseNumberLess(std::string_view a, std::string_view b);

struct StandardVersion {
  std::int64_t id = 0;
  std::string version;  // "1.0"
  std::string status;   // "released", "superseded"
  std::int64_t released_at = 0;
  std::int64_t clause_count = 0;
};

struct StandardDocument {
  std::int64_t id = 0;
  std::string code;  // "RTB"
  LocalizedText title;
  StandardKind kind = StandardKind::kInternationalHarmonizedBaseline;
  std::vector<StandardVersion> versions;  // newest first
};

// A starter library as read from knowledge/standards/starter_library.json.
struct Library {
  StandardDocument document;
  std::string version;
  std::vector<Clause> clauses;
};

// What matching needs to know. Either `grade` directly, or a material with a medium (a bath
// preset and/or components) and a temperature, assessed by the engine.
struct MatchComponent {
  std::string species;
  std::string unit;  // "wt_pct", "mg_l", "g_l", "vol_pct"
  double value = 0;
};
struct MatchProfile {
  std::optional<int> grade;
  std::string material;
  std::string preset;
  std::vector<MatchComponent> components;
  std::optional<double> temperature_c;
  std::optional<double> ph;
  std::optional<bool> crevices;  // unset: not known (the engine grades it "moderate" at most)
  std::string industry;
  std::string equipment_type;
  std::string region_category;
  std::string scale_class;
  std::string lang = "en";
};

// Why a clause applies: which condition matched and with what ("mechanism", "crevice_corrosion").
struct MatchReason {
  std::string condition;  // grade, industry, equipment_type, medium, mechanism, region_category,
                          // scale_class, unstated (a condition the profile did not state)
  std::string value;
  std::string detail;                    // English, for API clients and logs
  std::vector<std::string> listed = {};  // codes the clause is limited to (grades for "grade")
};

struct MatchedClause {
  std::string id;
  std::string number;
  std::string title;  // in the requested language, English fallback
  ClauseKind kind = ClauseKind::kRecommended;
  std::vector<MatchReason> reasons;
};

struct MatchResult {
  int grade = 1;
  bool assessed = false;                // true when the engine produced the grade
  std::string governing_mechanism;      // from the engine, may be empty
  std::vector<std::string> mechanisms;  // engine mechanisms at grade >= 2
  std::vector<MatchedClause> mandatory;
  std::vector<MatchedClause> recommended;
};

struct SearchQuery {
  std::string q;
  std::optional<int> grade;
  std::optional<ClauseKind> kind;
  std::string lang;  // "" = every language
  int limit = 50;
};

struct SearchHit {
  Clause clause;
  int matched_terms = 0;
};

struct SearchResult {
  std::vector<SearchHit> hits;  // ranked: most matched terms first, then by number
  int total = 0;                // before the limit
  std::map<std::string, int> kind_counts;
  std::map<int, int> grade_counts;
};

}  // namespace rutile::standards
