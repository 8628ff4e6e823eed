// The failure case model: a private case as its organization submitted it, and the separate
// desensitized public record made from it. Value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/cases/desensitizer.h"
#include "rutile/core/result.h"

namespace rutile::cases {

enum class FailureMode {
  kPitting,
  kCrevice,
  kHydriding,
  kFluorideAttack,
  kErosion,
  kScc,
  kGalvanic,
  kGeneralThinning,
  kWeld,
  kOther,
};
std::string_view FailureModeName(FailureMode mode);  // "pitting", "fluoride_attack", ...
std::optional<FailureMode> ParseFailureMode(std::string_view name);
const std::vector<std::string_view>& FailureModeNames();

// Engine mechanism ids (knowledge/engine/mechanisms.json) a case may be linked to, and the ones a
// failure mode suggests when the submitter names none.
const std::vector<std::string_view>& KnownMechanismIds();
std::vector<std::string> DefaultMechanisms(FailureMode mode);

// Cost and downtime bands (the submitter picks a band, never an exact figure).
const std::vector<std::string_view>& CostBands();  // "unknown", "lt_10k_usd", ...
// Vocabularies of the structured fields that reach a public record (a free slug could carry a
// name there): equipment types, scale classes, and the platform's six languages with an
// optional region or script subtag ("pt-BR", "zh-Hans").
const std::vector<std::string_view>& KnownEquipmentTypes();
const std::vector<std::string_view>& ScaleClasses();  // "micro", "small", "medium", "large"
bool IsPlatformLanguage(std::string_view tag);
const std::vector<std::string_view>& DowntimeBands();  // "unknown", "lt_1d", ...

enum class CaseStatus { kPrivate, kPublicationRequested, kPublished };
std::string_view CaseStatusName(CaseStatus status);
std::optional<CaseStatus> ParseCaseStatus(std::string_view name);

struct MediumComponent {
  std::string species;  // engine species id or name, e.g. "hcl", "nickel_sulfate"
  double concentration_g_per_l = 0;
  bool operator==(const MediumComponent&) const = default;
};

// What a submitter enters. Free-text fields may be in any language.
struct CaseInput {
  std::string equipment_type;  // "immersion_heater", "coil", "heat_exchanger", ...
  std::string material;        // engine material id ("Ti-Gr2") or rate group ("ti_cp")
  std::string grade;           // "Gr.2"
  std::string bath_preset;     // engine preset id ("hard-chrome-sulfate"), may be empty
  std::string medium;          // bath or medium in the submitter's words; required without a preset
  std::vector<MediumComponent> components;
  double temperature_c = 0;
  std::optional<double> ph;
  std::optional<double> chloride_mg_per_l;
  std::optional<double> fluoride_mg_per_l;
  std::optional<std::int64_t> service_months;
  FailureMode failure_mode = FailureMode::kOther;
  std::vector<std::string> mechanism_ids;  // empty: DefaultMechanisms(failure_mode)
  std::string morphology;
  std::string root_cause;
  std::string corrective_actions;
  std::string cost_band = "unknown";
  std::string downtime_band = "unknown";
  std::string occurred_on;  // YYYY-MM-DD, may be empty
  std::string region;       // empty: the organization's region
  std::string industry;     // empty: the organization's industry
  std::string scale;        // empty: the organization's scale class
  std::string narrative;
  std::string language;  // BCP 47 tag of the narrative, e.g. "zh", "en", "pt-BR"
};

// Checks ranges and vocabularies (material and bath preset: CaseVocabulary()); InvalidArgument
// with one FieldError per bad field.
Status ValidateCaseInput(const CaseInput& input);

struct FailureCase {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::int64_t submitted_by = 0;
  std::int64_t created_at = 0;
  CaseInput input;
  CaseStatus status = CaseStatus::kPrivate;
  std::int64_t public_case_id = 0;  // set once published
};

// The public record: desensitized text, generalized quasi-identifiers, no link to its source.
struct PublicCase {
  std::int64_t id = 0;
  std::int64_t published_at = 0;
  std::string equipment_type;
  std::string material;
  std::string grade;
  std::string bath_preset;
  std::string medium;
  std::vector<MediumComponent> components;
  double temperature_c = 0;  // rounded to 5 °C
  std::optional<double> ph;  // rounded to 0.5
  std::optional<double> chloride_mg_per_l;
  std::optional<double> fluoride_mg_per_l;
  std::string service_time_band;  // "1-3y"; empty when unknown
  FailureMode failure_mode = FailureMode::kOther;
  std::vector<std::string> mechanism_ids;
  std::string morphology;
  std::string root_cause;
  std::string corrective_actions;
  std::string cost_band;
  std::string downtime_band;
  std::string region;    // generalized for k-anonymity; empty = suppressed
  std::string industry;  // idem
  std::string scale;     // idem
  std::string period;    // quarter of the failure ("2024-Q2"); empty when unknown
  std::string narrative;
  std::string language;
  bool synthetic = false;
};

// Submitter's view before consenting: each field as stored and as it would be published.
struct FieldComparison {
  std::string field;
  std::string original;
  std::string published;
  std::vector<ResidualRisk> risks;  // in `published`, for the reviewer (see FindResidualRisks)
};

struct PublicationPreview {
  std::int64_t case_id = 0;
  PublicCase proposed;
  std::vector<FieldComparison> fields;
  std::size_t replacements = 0;  // identifiers replaced in the free text
  int k = 0;
  int generalization_level = 0;  // see GeneralizeForK
  std::size_t class_size = 0;
};

}  // namespace rutile::cases
