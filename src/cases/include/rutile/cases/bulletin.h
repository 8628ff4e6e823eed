// Warning bulletins: a reviewer's notice built from public failure cases, with a matching rule
// that says which registered equipment it concerns. Value types and pure functions
// (validation, matching, clustering for auto-drafts); thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/cases/model.h"
#include "rutile/core/result.h"
#include "rutile/store/database.h"

namespace rutile::cases {

enum class BulletinSeverity { kAdvisory, kWarning, kAlert };
std::string_view BulletinSeverityName(BulletinSeverity s);  // "advisory", "warning", "alert"
std::optional<BulletinSeverity> ParseBulletinSeverity(std::string_view name);

enum class BulletinState { kDraft, kPublished, kWithdrawn };
std::string_view BulletinStateName(BulletinState s);  // "draft", "published", "withdrawn"
std::optional<BulletinState> ParseBulletinState(std::string_view name);

// Title and summary in one language (BCP 47 tag). The first text is the author's language.
struct BulletinText {
  std::string language;
  std::string title;
  std::string summary;
  bool operator==(const BulletinText&) const = default;
};

// Which registered equipment a bulletin concerns. An empty list or unset bound does not
// constrain; every constraint that is set must hold. Materials match by family (see
// MaterialFamily) because case records and the equipment archive name materials differently;
// the medium matches when the item's bath preset is listed or one of its species is.
struct MatchingRule {
  std::vector<std::string> mechanisms;      // engine mechanism ids
  std::vector<std::string> materials;       // material ids, aliases or families ("titanium")
  std::vector<std::string> bath_presets;    // engine preset ids ("watts-nickel")
  std::vector<std::string> species;         // bath species ("HF", "NiCl2")
  std::optional<double> min_temperature_c;  // an item with no temperature is not excluded
  std::optional<double> max_temperature_c;
  std::vector<std::string> equipment_types;  // "immersion_heater", "coil_heater", ...
  std::vector<int> grades;                   // engine risk grades 1..4
  bool operator==(const MatchingRule&) const = default;
  bool empty() const;
};

struct Bulletin {
  std::int64_t id = 0;
  BulletinState state = BulletinState::kDraft;
  BulletinSeverity severity = BulletinSeverity::kAdvisory;
  std::vector<BulletinText> texts;
  std::vector<std::int64_t> case_ids;  // public case ids, ascending
  MatchingRule rule;
  std::string origin;          // "manual" or "auto"
  std::string cluster_key;     // auto-drafts: "mechanism|material family|medium"; else empty
  std::int64_t author_id = 0;  // 0 for drafts made by the periodic job
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t published_at = 0;  // 0 until published
  std::int64_t withdrawn_at = 0;  // 0 unless withdrawn
};

// What a reviewer supplies for a new bulletin. Texts and rule may be left empty: they are then
// generated from the cited public cases.
struct BulletinDraft {
  std::vector<std::int64_t> case_ids;
  BulletinSeverity severity = BulletinSeverity::kAdvisory;
  std::vector<BulletinText> texts;
  std::optional<MatchingRule> rule;
};

// A partial change of a draft: unset members keep their value.
struct BulletinPatch {
  std::optional<BulletinSeverity> severity;
  std::optional<std::vector<BulletinText>> texts;
  std::optional<std::vector<std::int64_t>> case_ids;
  std::optional<MatchingRule> rule;
};

// InvalidArgument with one FieldError per bad field ("texts[1].title", "rule.grades[0]").
Status ValidateTexts(const std::vector<BulletinText>& texts);
Status ValidateRule(const MatchingRule& rule);

// Equipment registered on the platform, as the bulletin delivery needs it. The equipment module
// fills this port; cases does not depend on it.
struct RegisteredEquipment {
  std::int64_t org_id = 0;
  std::int64_t item_id = 0;
  std::string name;
  std::string type;
  std::string material;
  std::string bath_preset;
  std::vector<std::string> species;
  std::optional<double> temperature_c;
  int grade = 1;
  std::string governing_mechanism;
};
// Lists every registered item inside the caller's transaction.
using EquipmentLister = std::function<Result<std::vector<RegisteredEquipment>>(store::Connection&)>;

// "titanium", "stainless", "nickel_alloy", "polymer", ... for a material id, alias or family
// name; otherwise the name folded to lower-case letters and digits.
std::string MaterialFamily(std::string_view material);
bool Matches(const MatchingRule& rule, const RegisteredEquipment& item);

// Rule and texts generated from public cases only (never from private originals). The texts are
// one per platform language, English first, from the catalogue's "cases:bulletin.auto.*"
// sentences: mechanisms, failure modes, materials, baths and equipment by their names in that
// language. The reporters' own words (root causes, narratives) stay in the cited cases.
MatchingRule RuleFromCases(const std::vector<PublicCase>& cases);
std::vector<BulletinText> TextsFromCases(const std::vector<PublicCase>& cases);

// Auto-drafting: public cases grouped by mechanism + material family + medium.
struct CaseCluster {
  std::string key;                // "anodic_breakdown|titanium|watts nickel bath"
  std::vector<PublicCase> cases;  // ascending id
};
// The cluster key of one public case (its smallest mechanism id, or its failure mode when it
// has none).
std::string ClusterKey(const PublicCase& pc);
// Clusters of at least min_cases, ordered by key. Deterministic for the same input.
std::vector<CaseCluster> ClusterCases(const std::vector<PublicCase>& cases, int min_cases);
// The draft made from one cluster: severity warning from 2 * min_cases cases, else advisory.
BulletinDraft DraftFromCluster(const CaseCluster& cluster, int min_cases);

}  // namespace rutile::cases
