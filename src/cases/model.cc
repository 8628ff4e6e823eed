#include "rutile/cases/model.h"

#include <algorithm>
#include <cmath>

#include "rutile/cases/anonymity.h"
#include "rutile/cases/vocabulary.h"

namespace rutile::cases {
namespace {

constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxLongText = 20000;

bool Contains(const std::vector<std::string_view>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

bool IsSlug(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80           ? 1
                    : (b >> 5) == 0x6  ? 2
                    : (b >> 4) == 0xE  ? 3
                    : (b >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

}  // namespace

const std::vector<std::string_view>& FailureModeNames() {
  static const std::vector<std::string_view> names = {
      "pitting",          "crevice", "hydriding", "fluoride_attack", "erosion", "scc", "galvanic",
      "general_thinning", "weld",    "other"};
  return names;
}

std::string_view FailureModeName(FailureMode mode) {
  return FailureModeNames()[static_cast<std::size_t>(mode)];
}

std::optional<FailureMode> ParseFailureMode(std::string_view name) {
  const auto& names = FailureModeNames();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<FailureMode>(i);
  return std::nullopt;
}

const std::vector<std::string_view>& KnownMechanismIds() {
  static const std::vector<std::string_view> ids = {"temperature_limit",
                                                    "ignition",
                                                    "fluoride_attack",
                                                    "hydrogen_embrittlement",
                                                    "crevice_corrosion",
                                                    "scc_methanol",
                                                    "alkaline_hydrogen_pickup",
                                                    "anodic_breakdown",
                                                    "oxidizer_subthreshold",
                                                    "general_corrosion",
                                                    "erosion"};
  return ids;
}

std::vector<std::string> DefaultMechanisms(FailureMode mode) {
  switch (mode) {
    case FailureMode::kPitting:
      return {"anodic_breakdown"};
    case FailureMode::kCrevice:
      return {"crevice_corrosion"};
    case FailureMode::kHydriding:
      return {"hydrogen_embrittlement"};
    case FailureMode::kFluorideAttack:
      return {"fluoride_attack"};
    case FailureMode::kErosion:
      return {"erosion"};
    case FailureMode::kScc:
      return {"scc_methanol"};
    case FailureMode::kGalvanic:
      return {"hydrogen_embrittlement"};
    case FailureMode::kGeneralThinning:
      return {"general_corrosion"};
    case FailureMode::kWeld:
      return {};
    case FailureMode::kOther:
      return {};
  }
  return {};
}

// The equipment types a public case may name: those of the submission form and the standards
// library, of the equipment registry, and the case database's own coarser ones. A free slug could
// carry a name into a public record.
const std::vector<std::string_view>& KnownEquipmentTypes() {
  static const std::vector<std::string_view> types = {"immersion_heater",
                                                      "over_the_side_heater",
                                                      "coil_heater",
                                                      "tube_heater",
                                                      "plate_exchanger",
                                                      "plate_heat_exchanger",
                                                      "shell_tube_exchanger",
                                                      "coil_exchanger",
                                                      "heat_exchanger",
                                                      "anode_basket",
                                                      "coil",
                                                      "evaporator",
                                                      "vessel",
                                                      "tank"};
  return types;
}

// The six languages of the platform, with an optional region ("pt-BR") or script ("zh-Hans").
bool IsPlatformLanguage(std::string_view tag) {
  static const std::vector<std::string_view> languages = {"en", "zh", "es", "fr", "pt", "ar"};
  const std::string_view primary = tag.substr(0, tag.find('-'));
  if (!Contains(languages, primary)) return false;
  if (primary.size() == tag.size()) return true;
  const std::string_view sub = tag.substr(primary.size() + 1);
  auto letters = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
  };
  return (sub.size() == 2 && letters(sub)) || sub == "Hans" || sub == "Hant";
}

const std::vector<std::string_view>& ScaleClasses() {
  static const std::vector<std::string_view> classes = {"micro", "small", "medium", "large"};
  return classes;
}

const std::vector<std::string_view>& CostBands() {
  static const std::vector<std::string_view> bands = {"unknown", "lt_10k_usd", "10k_100k_usd",
                                                      "100k_1m_usd", "gt_1m_usd"};
  return bands;
}

const std::vector<std::string_view>& DowntimeBands() {
  static const std::vector<std::string_view> bands = {"unknown", "lt_1d", "1d_1w", "1w_1m",
                                                      "gt_1m"};
  return bands;
}

std::string_view CaseStatusName(CaseStatus status) {
  switch (status) {
    case CaseStatus::kPrivate:
      return "private";
    case CaseStatus::kPublicationRequested:
      return "publication_requested";
    case CaseStatus::kPublished:
      return "published";
  }
  return "private";
}

std::optional<CaseStatus> ParseCaseStatus(std::string_view name) {
  for (CaseStatus s :
       {CaseStatus::kPrivate, CaseStatus::kPublicationRequested, CaseStatus::kPublished})
    if (CaseStatusName(s) == name) return s;
  return std::nullopt;
}

Status ValidateCaseInput(const CaseInput& in) {
  std::vector<FieldError> e;
  auto short_text = [&](const char* field, const std::string& v, bool required) {
    if (required && v.empty()) e.push_back({field, "is required"});
    if (v.size() > kMaxShortText) e.push_back({field, "must be at most 200 bytes"});
    if (!IsValidUtf8(v)) e.push_back({field, "must be valid UTF-8"});
  };
  auto long_text = [&](const char* field, const std::string& v) {
    if (v.size() > kMaxLongText) e.push_back({field, "must be at most 20000 bytes"});
    if (!IsValidUtf8(v)) e.push_back({field, "must be valid UTF-8"});
  };
  if (!Contains(KnownEquipmentTypes(), in.equipment_type))
    e.push_back({"equipment_type", "is not an equipment type of the vocabulary"});
  if (in.material.empty())
    e.push_back({"material", "is required"});
  else if (!CaseVocabulary().IsMaterial(in.material))
    e.push_back({"material", "is not a material of the vocabulary"});
  short_text("grade", in.grade, false);
  if (!in.bath_preset.empty() && !CaseVocabulary().IsBathPreset(in.bath_preset))
    e.push_back({"bath_preset", "is not a bath of the vocabulary"});
  short_text("medium", in.medium, in.bath_preset.empty());
  if (in.components.size() > 30) e.push_back({"components", "must have at most 30 entries"});
  for (std::size_t i = 0; i < in.components.size(); ++i) {
    const auto& c = in.components[i];
    const std::string f = "components[" + std::to_string(i) + "]";
    if (c.species.empty() || c.species.size() > 64 || !IsValidUtf8(c.species))
      e.push_back({f + ".species", "must be 1 to 64 bytes of UTF-8"});
    if (!std::isfinite(c.concentration_g_per_l) || c.concentration_g_per_l < 0 ||
        c.concentration_g_per_l > 2000)
      e.push_back({f + ".concentration_g_per_l", "must be from 0 to 2000"});
  }
  if (!std::isfinite(in.temperature_c) || in.temperature_c < -60 || in.temperature_c > 600)
    e.push_back({"temperature_c", "must be from -60 to 600"});
  if (in.ph && (!std::isfinite(*in.ph) || *in.ph < -2 || *in.ph > 16))
    e.push_back({"ph", "must be from -2 to 16"});
  if (in.chloride_mg_per_l && (!std::isfinite(*in.chloride_mg_per_l) || *in.chloride_mg_per_l < 0 ||
                               *in.chloride_mg_per_l > 400000))
    e.push_back({"chloride_mg_per_l", "must be from 0 to 400000"});
  if (in.fluoride_mg_per_l && (!std::isfinite(*in.fluoride_mg_per_l) || *in.fluoride_mg_per_l < 0 ||
                               *in.fluoride_mg_per_l > 400000))
    e.push_back({"fluoride_mg_per_l", "must be from 0 to 400000"});
  if (in.service_months && (*in.service_months < 0 || *in.service_months > 1200))
    e.push_back({"service_months", "must be from 0 to 1200"});
  if (in.mechanism_ids.size() > 12) e.push_back({"mechanism_ids", "must have at most 12 entries"});
  for (std::size_t i = 0; i < in.mechanism_ids.size(); ++i)
    if (!Contains(KnownMechanismIds(), in.mechanism_ids[i]))
      e.push_back({"mechanism_ids[" + std::to_string(i) + "]", "is not a known mechanism id"});
  short_text("morphology", in.morphology, false);
  long_text("root_cause", in.root_cause);
  long_text("corrective_actions", in.corrective_actions);
  long_text("narrative", in.narrative);
  if (!Contains(CostBands(), in.cost_band))
    e.push_back({"cost_band",
                 "must be one of unknown, lt_10k_usd, 10k_100k_usd, 100k_1m_usd, "
                 "gt_1m_usd"});
  if (!Contains(DowntimeBands(), in.downtime_band))
    e.push_back({"downtime_band", "must be one of unknown, lt_1d, 1d_1w, 1w_1m, gt_1m"});
  if (!in.occurred_on.empty() && QuarterOf(in.occurred_on).empty())
    e.push_back({"occurred_on", "must be a date YYYY-MM-DD"});
  if (!in.region.empty() && !IsSlug(in.region)) e.push_back({"region", "must be a region code"});
  if (!in.industry.empty() && !IsSlug(in.industry))
    e.push_back({"industry", "must be an industry id"});
  if (!in.scale.empty() && !Contains(ScaleClasses(), in.scale))
    e.push_back({"scale", "must be one of micro, small, medium, large"});
  if (!IsPlatformLanguage(in.language))
    e.push_back({"language", "must be en, zh, es, fr, pt or ar, optionally with a region"});
  if (in.narrative.empty() && in.root_cause.empty())
    e.push_back({"narrative", "a narrative or a root cause is required"});
  if (!e.empty()) return InvalidArgument("the case is not valid", std::move(e));
  return Ok();
}

}  // namespace rutile::cases
