#include "rutile/equipment/equipment_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "equipment_repository.h"
#include "rutile/access/policy.h"
#include "rutile/engine/risk_engine.h"
#include "rutile/engine/sensitivity.h"
#include "rutile/engine/thickness.h"
#include "rutile/equipment/readings_csv.h"
#include "rutile/equipment/readings_xlsx.h"
#include "rutile/equipment/rollups.h"
#include "rutile/notifications/notification_service.h"

namespace rutile::equipment {
namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxLocation = 500;
constexpr std::size_t kMaxComponents = 20;
constexpr std::size_t kMaxBatch = kMaxReadingsPerFile;
constexpr std::size_t kMaxCsvErrors = 100;  // a bad batch or file reports this many, then stops
constexpr std::int64_t kFutureToleranceS = 300;
constexpr std::size_t kMaxBatchId = 64;  // clock skew allowed on measured_at

const std::vector<std::string_view>& ItemTypes() {
  static const std::vector<std::string_view> kTypes = {
      "immersion_heater", "over_the_side_heater", "coil_heater",   "tube_heater",
      "plate_exchanger",  "shell_tube_exchanger", "coil_exchanger"};
  return kTypes;
}

std::optional<engine::ConcentrationUnit> ParseUnit(std::string_view u) {
  if (u == "wt_pct") return engine::ConcentrationUnit::kWtPct;
  if (u == "mg_l") return engine::ConcentrationUnit::kMgPerL;
  if (u == "g_l") return engine::ConcentrationUnit::kGPerL;
  if (u == "vol_pct") return engine::ConcentrationUnit::kVolPct;
  return std::nullopt;
}

access::RecordRef RefOf(const Item& item) {
  access::RecordRef r;
  r.owner_org_id = item.org_id;
  r.level = item.input.level;
  if (item.association_id != 0)
    r.shared_association_ids = {item.association_id};
  else if (item.park_id != 0)
    r.shared_park_ids = {item.park_id};
  return r;
}

// Sets item.association_id from the level and share_with; a field error when the owner has no
// park or no association to share with.
Status ResolveSharing(store::Connection& c, Item& item, std::vector<FieldError>& errors) {
  item.association_id = 0;
  const ItemInput& in = item.input;
  if (in.share_with != "park" && in.share_with != "association") {
    errors.push_back({"share_with", "must be park or association"});
    return Ok();
  }
  if (in.level != access::DataLevel::kShared) return Ok();
  if (in.share_with == "association") {
    RUTILE_ASSIGN_OR_RETURN(item.association_id, repository::OrgAssociation(c, item.org_id));
    if (item.association_id == 0)
      errors.push_back({"share_with", "the organization belongs to no association to share with"});
  } else if (item.park_id == 0) {
    errors.push_back({"level", "the organization is not in a park to share with"});
  }
  return Ok();
}

void CheckPositive(std::vector<FieldError>& errors, const char* field,
                   const std::optional<double>& v, double max) {
  if (v && !(*v > 0 && *v <= max)) {
    char message[80];
    std::snprintf(message, sizeof message, "must be greater than 0 and at most %g", max);
    errors.push_back({field, message});
  }
}

// Checks the input and replaces material, preset and species with their canonical ids.
std::vector<FieldError> ValidateInput(const engine::KnowledgeBase& kb, ItemInput& in,
                                      std::int64_t now) {
  std::vector<FieldError> e;
  if (in.name.empty() || in.name.size() > kMaxName) e.push_back({"name", "must be 1 to 200 bytes"});
  if (std::find(ItemTypes().begin(), ItemTypes().end(), in.type) == ItemTypes().end()) {
    std::string list;
    for (auto t : ItemTypes()) list += (list.empty() ? "" : ", ") + std::string(t);
    e.push_back({"type", "must be one of " + list});
  }
  if (const engine::Material* m = kb.FindMaterial(in.material); m == nullptr || !m->assessable) {
    std::string hint;
    for (const auto& s : kb.SuggestMaterials(in.material)) hint += (hint.empty() ? "" : ", ") + s;
    e.push_back({"material",
                 m == nullptr ? "unknown material" +
                                    (hint.empty() ? std::string() : "; did you mean " + hint + "?")
                              : "is not assessable for immersion service"});
  } else {
    in.material = m->id;
  }
  CheckPositive(e, "power_kw", in.power_kw, 100000);
  CheckPositive(e, "sheath_diameter_mm", in.sheath_diameter_mm, 5000);
  CheckPositive(e, "sheath_length_mm", in.sheath_length_mm, 100000);
  CheckPositive(e, "nominal_wall_mm", in.nominal_wall_mm, 500);
  CheckPositive(e, "required_wall_mm", in.required_wall_mm, 500);
  if (in.nominal_wall_mm && in.required_wall_mm && *in.required_wall_mm > *in.nominal_wall_mm)
    e.push_back({"required_wall_mm", "must not exceed nominal_wall_mm"});
  if (in.piping_class) {
    bool known = false;
    for (const auto& pc : kb.inspection.piping_classes)
      known |= pc.piping_class == *in.piping_class;
    if (!known) e.push_back({"piping_class", "is not a piping class of API 570 Table 2"});
  }
  if (!in.installed_on.empty()) {
    auto d = engine::ParseDate(in.installed_on);
    if (!d.has_value())
      e.push_back({"installed_on", "must be a date YYYY-MM-DD"});
    else if (engine::DaysFromCivil(*d) * 86400 > now)
      e.push_back({"installed_on", "must not be in the future"});
  }
  if (!in.bath_preset.empty()) {
    if (const engine::Preset* p = kb.FindPreset(in.bath_preset); p == nullptr)
      e.push_back({"bath_preset", "unknown bath preset"});
    else
      in.bath_preset = p->id;
  }
  if (in.bath_preset.empty() && in.components.empty())
    e.push_back({"components", "give a bath_preset or at least one component"});
  if (in.components.size() > kMaxComponents) e.push_back({"components", "at most 20 components"});
  for (std::size_t i = 0; i < in.components.size(); ++i) {
    Component& c = in.components[i];
    const std::string at = "components[" + std::to_string(i) + "].";
    if (const engine::Species* s = kb.FindSpecies(c.species); s == nullptr)
      e.push_back({at + "species", "unknown species"});
    else
      c.species = s->id;
    if (!ParseUnit(c.unit)) e.push_back({at + "unit", "must be wt_pct, mg_l, g_l or vol_pct"});
    if (!(c.value > 0 && c.value <= 1e6)) e.push_back({at + "value", "must be greater than 0"});
  }
  if (!in.operating_temperature_c)
    e.push_back({"operating_temperature_c", "is required"});
  else if (!(*in.operating_temperature_c >= -60 && *in.operating_temperature_c <= 400))
    e.push_back({"operating_temperature_c", "must be from -60 to 400"});
  if (in.ph && !(*in.ph >= -2 && *in.ph <= 16)) e.push_back({"ph", "must be from -2 to 16"});
  if (!in.aeration.empty() && in.aeration != "aerated" && in.aeration != "deaerated")
    e.push_back({"aeration", "must be one of aerated, deaerated"});
  if (in.location.size() > kMaxLocation) e.push_back({"location", "must be at most 500 bytes"});
  if (in.level != access::DataLevel::kPrivate && in.level != access::DataLevel::kShared)
    e.push_back({"level", "an equipment item is private or shared"});
  return e;
}

engine::AssessmentRequest RequestFor(const ItemInput& in) {
  engine::AssessmentRequest r;
  r.material = in.material;
  r.medium.preset = in.bath_preset;
  for (const auto& c : in.components)
    r.medium.components.push_back({c.species, *ParseUnit(c.unit), c.value});
  r.medium.temperature_c = in.operating_temperature_c;
  r.medium.ph = in.ph;
  if (in.aeration == "aerated") r.medium.aeration = engine::Aeration::kAerated;
  if (in.aeration == "deaerated") r.medium.aeration = engine::Aeration::kDeaerated;
  r.features.crevices = in.crevices;
  return r;
}

namespace json = boost::json;

// The engine's open conditions, with the item's field names ("crevices", "aeration").
std::string ConditionsJson(const std::vector<engine::Condition>& conditions) {
  json::array out;
  for (const auto& c : conditions) {
    json::array answers;
    for (const auto& a : c.answers) {
      json::value value = a.value == "true"    ? json::value(true)
                          : a.value == "false" ? json::value(false)
                                               : json::value(std::string(a.value));
      answers.push_back(
          json::object{{"value", value}, {"grade", a.grade}, {"verdict", std::string(a.verdict)}});
    }
    out.push_back(json::object{
        {"id", std::string(c.id)}, {"field", std::string(c.id)}, {"answers", std::move(answers)}});
  }
  return json::serialize(out);
}

// Engine field paths ("medium.components[1].species") to the item's field names.
std::string ItemField(const std::string& engine_field) {
  static const std::vector<std::pair<std::string, std::string>> kMap = {
      {"medium.components", "components"},
      {"medium.temperature_c", "operating_temperature_c"},
      {"medium.preset", "bath_preset"},
      {"medium.ph", "ph"},
      {"medium.aeration", "aeration"},
      {"features.crevices", "crevices"},
      {"medium", "components"},
  };
  for (const auto& [from, to] : kMap)
    if (engine_field.rfind(from, 0) == 0) return to + engine_field.substr(from.size());
  return engine_field;
}

Status Grade(const engine::KnowledgeBase& kb, Item& item, std::vector<Window>* defaults,
             const QualityRules& rules) {
  auto a = engine::Assess(kb, RequestFor(item.input));
  if (!a.has_value()) {
    std::vector<FieldError> fields;
    for (const auto& f : a.error().fields()) fields.push_back({ItemField(f.field), f.message});
    if (fields.empty()) fields.push_back({"material", a.error().message()});
    return InvalidArgument("the equipment item cannot be assessed", std::move(fields));
  }
  item.grade = a->grade;
  item.verdict = std::string(a->verdict);
  item.governing_mechanism = std::string(a->governing_mechanism);
  item.knowledge_version = std::string(a->knowledge_version);
  item.open_conditions = ConditionsJson(a->conditions);
  if (defaults == nullptr) return Ok();
  // The tightest engine limit per reading type becomes the critical bound.
  std::map<std::string, Window> windows;
  auto tighten = [&](const std::string& type, bool is_max, double value, std::string source) {
    Window& w = windows[type];
    w.type = type;
    w.origin = "engine";
    std::optional<double>& bound = is_max ? w.critical_max : w.critical_min;
    if (!bound || (is_max ? value < *bound : value > *bound)) {
      bound = value;
      w.source = std::move(source);
    }
  };
  for (const auto& l : a->operating_limits) {
    const bool is_max = l.bound == "max";
    std::string source(l.source.source);
    if (l.parameter == "temperature_c" && is_max)
      tighten("bath_temperature_c", true, l.value, source);
    else if (l.parameter == "ph" && !is_max)
      tighten("ph", false, l.value, source);
    else if (l.parameter == "free_fluoride_mg_l" && is_max)
      tighten("fluoride_mg_l", true, l.value, source);
    else if (l.parameter == "potential_v_sce" && !is_max)
      tighten("potential_v_sce", false, l.value, source);
  }
  // Where the grade would rise as a monitored quantity drifts (a chloride or fluoride total, the
  // bath temperature, the pH): a reading beyond it raises an alert before the damage.
  // A cited limit the search only found again (to its resolution) keeps its value and source.
  auto sensitive = [&](const std::string& type, bool is_max, double value, double tolerance,
                       std::string source) {
    if (auto w = windows.find(type); w != windows.end()) {
      const std::optional<double>& bound = is_max ? w->second.critical_max : w->second.critical_min;
      if (bound && std::abs(*bound - value) <= tolerance) return;
    }
    tighten(type, is_max, value, std::move(source));
  };
  auto thresholds = engine::Sensitivity(kb, RequestFor(item.input));
  if (thresholds.has_value()) {
    for (const auto& t : *thresholds) {
      std::string source = "Rutile risk model: the grade rises from " + std::to_string(t.grade) +
                           " to " + std::to_string(t.grade_beyond) + " beyond this value";
      const bool is_max = t.bound == "max";
      if (t.parameter == "temperature_c" && is_max)
        sensitive("bath_temperature_c", true, t.value, 0.2, std::move(source));
      else if (t.parameter == "ph" && !is_max)
        sensitive("ph", false, t.value, 0.1, std::move(source));
      else if (t.parameter == "chloride_mg_l" && is_max)
        sensitive("chloride_mg_l", true, t.value, 0.02 * t.value, std::move(source));
      else if (t.parameter == "fluoride_mg_l" && is_max)
        sensitive("fluoride_mg_l", true, t.value, 0.02 * t.value, std::move(source));
    }
  }
  if (const engine::Material* m = kb.FindMaterial(item.input.material);
      m != nullptr && m->max_service_temperature_c)
    tighten("sheath_temperature_c", true, m->max_service_temperature_c->value,
            m->max_service_temperature_c->citation.source);
  for (auto& [type, w] : windows) {
    auto margin = rules.target_margin.find(type);
    if (margin != rules.target_margin.end()) {
      auto inward = [&](double bound, double sign) {
        double step =
            margin->second.fraction ? std::abs(bound) * margin->second.value : margin->second.value;
        return bound + sign * step;
      };
      if (w.critical_max) w.target_max = inward(*w.critical_max, -1);
      if (w.critical_min) w.target_min = inward(*w.critical_min, +1);
    }
    defaults->push_back(w);
  }
  return Ok();
}

bool GradeInputsDiffer(const ItemInput& a, const ItemInput& b) {
  auto same_components = [&] {
    if (a.components.size() != b.components.size()) return false;
    for (std::size_t i = 0; i < a.components.size(); ++i)
      if (a.components[i].species != b.components[i].species ||
          a.components[i].unit != b.components[i].unit ||
          a.components[i].value != b.components[i].value)
        return false;
    return true;
  };
  return a.material != b.material || a.bath_preset != b.bath_preset ||
         a.operating_temperature_c != b.operating_temperature_c || a.ph != b.ph ||
         a.crevices != b.crevices || a.aeration != b.aeration || !same_components();
}

// Writes engine windows, keeping every window a user set.
Status StoreDefaultWindows(store::Connection& c, std::int64_t item_id,
                           const std::vector<Window>& defaults, std::int64_t now) {
  RUTILE_TRY(repository::DeleteEngineWindows(c, item_id));
  RUTILE_ASSIGN_OR_RETURN(auto existing, repository::ListWindows(c, item_id));
  for (const auto& w : defaults) {
    bool user_set = std::any_of(existing.begin(), existing.end(),
                                [&](const Window& e) { return e.type == w.type; });
    if (!user_set) RUTILE_TRY(repository::UpsertWindow(c, item_id, w, now));
  }
  return Ok();
}

Result<Item> LoadAuthorized(store::Connection& c, const access::Principal& caller,
                            std::int64_t item_id, access::Action action) {
  RUTILE_ASSIGN_OR_RETURN(auto item, repository::LoadItem(c, item_id));
  const Error missing = NotFound("equipment item " + std::to_string(item_id));
  if (!item) return missing;
  // An item the caller may not read answers exactly as a missing one.
  RUTILE_TRY(access::AuthorizeNamed(caller, action, RefOf(*item), missing));
  return std::move(*item);
}

// Names the unknown type (cut to 40 bytes) and every type the archive accepts with its unit, as
// field.unknown_reading_type with the parameters `type` and `known`.
FieldError UnknownTypeError(std::string field, std::string_view type) {
  const std::string shown(type.substr(0, 40));
  std::string known;
  for (const auto& t : ReadingTypes()) {
    if (!known.empty()) known += ", ";
    known += std::string(t.name) + " (" + std::string(t.unit) + ")";
  }
  return {std::move(field),
          "unknown reading type \"" + shown + "\"; known types: " + known,
          "field.unknown_reading_type",
          {{"type", shown}, {"known", known}}};
}

// Validates a batch; `field` names an error ("readings[3].value").
using FieldNamer = std::function<std::string(std::size_t index, std::string_view field)>;

Result<std::vector<Reading>> ValidateBatch(const std::vector<ReadingInput>& batch,
                                           const FieldNamer& name, std::int64_t now) {
  std::vector<FieldError> e;
  std::vector<Reading> out;
  if (batch.empty()) return InvalidArgument("no readings", {{"readings", "must not be empty"}});
  if (batch.size() > kMaxBatch)
    return InvalidArgument("too many readings", {{"readings", "at most 10000 per batch"}});
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (e.size() >= kMaxCsvErrors) {
      e.push_back({"readings", "more errors follow; fix these first"});
      break;
    }
    const ReadingInput& in = batch[i];
    Reading r;
    const ReadingType* t = FindReadingType(in.type);
    if (t == nullptr) {
      e.push_back(UnknownTypeError(name(i, "type"), in.type));
    } else {
      r.type = std::string(t->name);
      r.unit = std::string(t->unit);
      if (std::find(t->unit_aliases.begin(), t->unit_aliases.end(), in.unit) ==
          t->unit_aliases.end())
        e.push_back({name(i, "unit"), "must be " + std::string(t->unit) + " for " + in.type});
      if (!std::isfinite(in.value) || in.value < t->min || in.value > t->max) {
        char range[96];
        std::snprintf(range, sizeof range, "must be from %g to %g", t->min, t->max);
        e.push_back({name(i, "value"), range});
      }
    }
    r.value = in.value;
    auto at = ParseTimestamp(in.measured_at);
    if (!at)
      e.push_back({name(i, "measured_at"), "must be YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD"});
    else if (*at > now + kFutureToleranceS)
      e.push_back({name(i, "measured_at"), "must not be in the future"});
    else
      r.measured_at = *at;
    r.recorded_at = now;
    out.push_back(std::move(r));
  }
  if (!e.empty()) return InvalidArgument("the readings are not valid; none was stored", e);
  return out;
}

// "warning", "critical" or "" for a value against a window.
std::string Classify(const Window& w, double v) {
  if ((w.critical_min && v < *w.critical_min) || (w.critical_max && v > *w.critical_max))
    return "critical";
  if ((w.target_min && v < *w.target_min) || (w.target_max && v > *w.target_max)) return "warning";
  return "";
}

// "bath_temperature_c 72 C is above the critical maximum 70 C".
// The alert's message code and parameters for a value outside the window.
void Describe(const Window& w, double v, Alert& a) {
  const ReadingType* t = FindReadingType(w.type);
  const char* code = "alert.outside_window";
  std::optional<double> bound;
  if (w.critical_max && v > *w.critical_max) {
    code = "alert.above_critical";
    bound = w.critical_max;
  } else if (w.critical_min && v < *w.critical_min) {
    code = "alert.below_critical";
    bound = w.critical_min;
  } else if (w.target_max && v > *w.target_max) {
    code = "alert.above_target";
    bound = w.target_max;
  } else if (w.target_min && v < *w.target_min) {
    code = "alert.below_target";
    bound = w.target_min;
  }
  notifications::NoticeParams params;
  params.Add("type", w.type).AddReal("value", v);
  if (t != nullptr) params.Add("unit", t->unit);
  if (bound) params.AddReal("limit", *bound);
  a.code = code;
  a.params = params.Json();
}

// Stores validated readings and folds the out-of-window ones into alerts, inside the caller's
// transaction. Each reading type's active alert is read once and written once per batch.
Result<IngestResult> IngestIn(store::Connection& c, const access::Principal& caller,
                              std::int64_t item_id, std::vector<Reading>& readings,
                              std::string_view source, std::int64_t now) {
  RUTILE_ASSIGN_OR_RETURN(Item item, LoadAuthorized(c, caller, item_id, access::Action::kWrite));
  RUTILE_ASSIGN_OR_RETURN(auto windows, repository::ListWindows(c, item_id));
  for (Reading& r : readings) {
    r.item_id = item_id;
    r.source = std::string(source);
  }
  IngestResult out;
  RUTILE_ASSIGN_OR_RETURN(out.reading_ids, repository::InsertReadings(c, readings, caller.user_id));
  RUTILE_TRY(UpdateRollups(c, item_id, readings));
  struct Touched {
    Alert alert;
    bool is_new = false;
  };
  std::map<std::string, Touched> touched;  // by reading type, in this batch
  std::vector<notifications::Message> messages;
  for (const Reading& r : readings) {
    auto w = std::find_if(windows.begin(), windows.end(),
                          [&](const Window& x) { return x.type == r.type; });
    if (w == windows.end()) continue;
    const std::string severity = Classify(*w, r.value);
    if (severity.empty()) continue;
    auto slot = touched.find(r.type);
    if (slot == touched.end()) {
      RUTILE_ASSIGN_OR_RETURN(auto active, repository::ActiveAlert(c, item_id, r.type));
      Touched t;
      t.is_new = !active;
      if (active) t.alert = *active;
      slot = touched.emplace(r.type, std::move(t)).first;
    }
    Alert& a = slot->second.alert;
    bool notify = false;
    if (slot->second.is_new && a.count == 0) {
      a.item_id = item_id;
      a.type = r.type;
      a.severity = severity;
      a.status = "open";
      a.last_value = r.value;
      Describe(*w, r.value, a);
      a.count = 1;
      a.opened_at = r.measured_at;
      a.last_at = r.measured_at;
      notify = true;
    } else {
      notify = severity == "critical" && a.severity != "critical";
      if (notify) a.severity = severity;
      a.last_value = r.value;
      a.last_at = std::max(a.last_at, r.measured_at);
      a.count += 1;
      Describe(*w, r.value, a);
    }
    if (notify) {
      messages.push_back(
          notifications::CodedMessage("equipment.alert",
                                      notifications::NoticeParams()
                                          .Add("item_id", item_id)
                                          .Add("item_name", item.input.name.substr(0, 120))
                                          .Add("type", r.type)
                                          .Add("severity", a.severity),
                                      "/equipment?item=" + std::to_string(item_id)));
    }
  }
  std::set<std::int64_t> alert_ids;
  for (auto& [type, t] : touched) {
    if (t.is_new) {
      RUTILE_ASSIGN_OR_RETURN(t.alert.id, repository::InsertAlert(c, t.alert));
    } else {
      RUTILE_TRY(repository::UpdateAlertOccurrence(c, t.alert));
    }
    alert_ids.insert(t.alert.id);
  }
  for (const auto& m : messages)
    RUTILE_TRY(
        notifications::NotificationService::NotifyOrganizationIn(c, item.org_id, m, false, now));
  out.alert_ids.assign(alert_ids.begin(), alert_ids.end());
  return out;
}

Result<IngestResult> Ingest(store::Database& db, const access::Principal& caller,
                            std::int64_t item_id, std::vector<Reading> readings,
                            std::string_view source, std::int64_t now) {
  return store::Write(db, [&](store::Connection& c) {
    return IngestIn(c, caller, item_id, readings, source, now);
  });
}

std::string IndexedField(std::size_t i, std::string_view f) {
  return "readings[" + std::to_string(i) + "]." + std::string(f);
}

// The device acts as a member of the organization that issued its key.
access::Principal DevicePrincipal(const Device& d, std::int64_t park_id) {
  access::Principal p;
  p.user_id = d.created_by;
  access::OrgMembership m;
  m.org_id = d.org_id;
  m.park_id = park_id;
  p.memberships.push_back(m);
  return p;
}

}  // namespace

EquipmentService::EquipmentService(store::Database& db, const Clock& clock,
                                   const engine::KnowledgeBase& kb, QualityRules rules)
    : db_(db), clock_(clock), kb_(kb), rules_(std::move(rules)) {}

Result<Item> EquipmentService::Create(const access::Principal& caller, std::int64_t org_id,
                                      const ItemInput& input) {
  if (caller.anonymous()) return Unauthenticated("log in to register equipment");
  access::RecordRef owner;
  owner.owner_org_id = org_id;
  RUTILE_TRY(access::Authorize(caller, access::Action::kWrite, owner));
  const std::int64_t now = UnixSeconds(clock_.Now());
  Item item;
  item.org_id = org_id;
  item.input = input;
  std::vector<FieldError> errors = ValidateInput(kb_, item.input, now);
  if (!errors.empty()) return InvalidArgument("the equipment item is not valid", errors);
  std::vector<Window> defaults;
  RUTILE_TRY(Grade(kb_, item, &defaults, rules_));
  item.created_at = item.updated_at = now;
  return store::Write(db_, [&](store::Connection& c) -> Result<Item> {
    RUTILE_ASSIGN_OR_RETURN(item.park_id, repository::OrgPark(c, org_id));
    std::vector<FieldError> sharing;
    RUTILE_TRY(ResolveSharing(c, item, sharing));
    if (!sharing.empty()) return InvalidArgument("the item cannot be shared", sharing);
    RUTILE_ASSIGN_OR_RETURN(item.id, repository::InsertItem(c, item));
    RUTILE_TRY(repository::InsertGradeChange(
        c, item.id,
        {item.grade, item.governing_mechanism, item.knowledge_version, "created", now}));
    RUTILE_TRY(StoreDefaultWindows(c, item.id, defaults, now));
    return item;
  });
}

Result<Item> EquipmentService::Get(const access::Principal& caller, std::int64_t item_id) {
  return store::Read(db_, [&](store::Connection& c) {
    return LoadAuthorized(c, caller, item_id, access::Action::kRead);
  });
}

Result<std::vector<Item>> EquipmentService::List(const access::Principal& caller) {
  if (caller.anonymous()) return Unauthenticated("log in to list equipment");
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Item>> {
    std::vector<Item> out;
    for (const auto& m : caller.memberships) {
      RUTILE_ASSIGN_OR_RETURN(auto items, repository::ListItemsOfOrg(c, m.org_id));
      for (auto& it : items)
        if (access::Allowed(caller, access::Action::kRead, RefOf(it))) out.push_back(std::move(it));
    }
    std::sort(out.begin(), out.end(), [](const Item& a, const Item& b) { return a.id > b.id; });
    return out;
  });
}

Result<Item> EquipmentService::Update(const access::Principal& caller, std::int64_t item_id,
                                      const ItemPatch& p) {
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Item> {
    RUTILE_ASSIGN_OR_RETURN(Item item, LoadAuthorized(c, caller, item_id, access::Action::kWrite));
    const ItemInput before = item.input;
    ItemInput& in = item.input;
    if (p.name) in.name = *p.name;
    if (p.type) in.type = *p.type;
    if (p.material) in.material = *p.material;
    if (p.power_kw) in.power_kw = *p.power_kw;
    if (p.sheath_diameter_mm) in.sheath_diameter_mm = *p.sheath_diameter_mm;
    if (p.sheath_length_mm) in.sheath_length_mm = *p.sheath_length_mm;
    if (p.nominal_wall_mm) in.nominal_wall_mm = *p.nominal_wall_mm;
    if (p.required_wall_mm) in.required_wall_mm = *p.required_wall_mm;
    if (p.piping_class) in.piping_class = *p.piping_class;
    if (p.installed_on) in.installed_on = *p.installed_on;
    if (p.bath_preset) in.bath_preset = *p.bath_preset;
    if (p.components) in.components = *p.components;
    if (p.operating_temperature_c) in.operating_temperature_c = *p.operating_temperature_c;
    if (p.ph) in.ph = *p.ph;
    if (p.crevices) in.crevices = *p.crevices;
    if (p.aeration) in.aeration = *p.aeration;
    if (p.location) in.location = *p.location;
    if (p.level) in.level = *p.level;
    if (p.share_with) in.share_with = *p.share_with;
    std::vector<FieldError> errors = ValidateInput(kb_, in, now);
    RUTILE_TRY(ResolveSharing(c, item, errors));
    if (!errors.empty()) return InvalidArgument("the change is not valid", errors);
    if (GradeInputsDiffer(before, in)) {
      std::vector<Window> defaults;
      RUTILE_TRY(Grade(kb_, item, &defaults, rules_));
      RUTILE_TRY(repository::InsertGradeChange(
          c, item.id,
          {item.grade, item.governing_mechanism, item.knowledge_version, "updated", now}));
      RUTILE_TRY(StoreDefaultWindows(c, item.id, defaults, now));
    }
    item.updated_at = now;
    RUTILE_TRY(repository::UpdateItem(c, item));
    return item;
  });
}

Result<std::vector<GradeChange>> EquipmentService::GradeHistory(const access::Principal& caller,
                                                                std::int64_t item_id) {
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<GradeChange>> {
    RUTILE_TRY(LoadAuthorized(c, caller, item_id, access::Action::kRead));
    return repository::ListGradeChanges(c, item_id);
  });
}

Result<IngestResult> EquipmentService::IngestReadings(const access::Principal& caller,
                                                      std::int64_t item_id,
                                                      const std::vector<ReadingInput>& batch,
                                                      std::string_view source) {
  if (caller.anonymous()) return Unauthenticated("log in to record readings");
  const std::int64_t now = UnixSeconds(clock_.Now());
  RUTILE_ASSIGN_OR_RETURN(auto readings, ValidateBatch(batch, IndexedField, now));
  return Ingest(db_, caller, item_id, std::move(readings), source, now);
}

Result<IngestResult> EquipmentService::ImportDecoded(const access::Principal& caller,
                                                     std::int64_t item_id, CsvDecoded decoded,
                                                     std::string_view source,
                                                     std::string_view what) {
  if (caller.anonymous()) return Unauthenticated("log in to record readings");
  const std::int64_t now = UnixSeconds(clock_.Now());
  std::vector<FieldError> errors = std::move(decoded.errors);
  if (!decoded.rows.empty()) {
    std::vector<ReadingInput> batch;
    for (auto& row : decoded.rows) batch.push_back(std::move(row.reading));
    auto name = [&](std::size_t i, std::string_view f) {
      return "rows[" + std::to_string(decoded.rows[i].line) + "]." + std::string(f);
    };
    auto checked = ValidateBatch(batch, name, now);
    if (!checked.has_value())
      for (const auto& f : checked.error().fields()) errors.push_back(f);
    if (errors.empty())
      return Ingest(db_, caller, item_id, std::move(checked).value(), source, now);
  }
  std::stable_sort(errors.begin(), errors.end(), [](const FieldError& a, const FieldError& b) {
    return CsvErrorLine(a) < CsvErrorLine(b);
  });
  return InvalidArgument("the " + std::string(what) + " is not valid; no reading was stored",
                         errors);
}

namespace {

// One of EquipmentService::kMaxConcurrentImports slots, released on destruction.
class ImportSlot {
 public:
  ImportSlot(std::atomic<int>& running, int limit) : running_(running) {
    taken_ = running_.fetch_add(1) < limit;
    if (!taken_) running_.fetch_sub(1);
  }
  ~ImportSlot() {
    if (taken_) running_.fetch_sub(1);
  }
  ImportSlot(const ImportSlot&) = delete;
  ImportSlot& operator=(const ImportSlot&) = delete;
  bool taken() const { return taken_; }

 private:
  std::atomic<int>& running_;
  bool taken_ = false;
};

Error TooManyImports() {
  return ResourceExhausted("other file imports are running; try again in a few seconds");
}

}  // namespace

Result<IngestResult> EquipmentService::ImportReadingsCsv(const access::Principal& caller,
                                                         std::int64_t item_id,
                                                         std::string_view csv) {
  if (caller.anonymous()) return Unauthenticated("log in to record readings");
  ImportSlot slot(imports_running_, kMaxConcurrentImports);
  if (!slot.taken()) return TooManyImports();
  return ImportDecoded(caller, item_id, DecodeReadingsCsv(csv, kMaxCsvErrors, kMaxBatch), "csv",
                       "CSV file");
}

Result<IngestResult> EquipmentService::ImportReadingsXlsx(const access::Principal& caller,
                                                          std::int64_t item_id,
                                                          std::string_view xlsx) {
  if (caller.anonymous()) return Unauthenticated("log in to record readings");
  ImportSlot slot(imports_running_, kMaxConcurrentImports);
  if (!slot.taken()) return TooManyImports();
  return ImportDecoded(caller, item_id, DecodeReadingsXlsx(xlsx, kMaxCsvErrors, kMaxBatch), "xlsx",
                       "workbook");
}

Result<NewDevice> EquipmentService::CreateDevice(const access::Principal& caller,
                                                 std::int64_t item_id, std::string_view name) {
  if (caller.anonymous()) return Unauthenticated("log in to add a device");
  if (name.empty() || name.size() > kMaxName)
    return InvalidArgument("the device is not valid", {{"name", "must be 1 to 200 bytes"}});
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<NewDevice> {
    RUTILE_ASSIGN_OR_RETURN(Item item, LoadAuthorized(c, caller, item_id, access::Action::kWrite));
    NewDevice out;
    out.key = GenerateDeviceKey();
    out.topic = DeviceReadingsTopic(item.org_id, out.key);
    Device& d = out.device;
    d.item_id = item_id;
    d.org_id = item.org_id;
    d.name = std::string(name);
    d.key_prefix = out.key.substr(0, 10);
    d.created_by = caller.user_id;
    d.created_at = now;
    RUTILE_ASSIGN_OR_RETURN(d.id, repository::InsertDevice(c, d, HashDeviceKey(out.key)));
    return out;
  });
}

Result<std::vector<Device>> EquipmentService::ListDevices(const access::Principal& caller,
                                                          std::int64_t item_id) {
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Device>> {
    RUTILE_TRY(LoadAuthorized(c, caller, item_id, access::Action::kWrite));
    return repository::ListDevices(c, item_id);
  });
}

Result<Device> EquipmentService::RevokeDevice(const access::Principal& caller, std::int64_t item_id,
                                              std::int64_t device_id) {
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Device> {
    RUTILE_TRY(LoadAuthorized(c, caller, item_id, access::Action::kWrite));
    RUTILE_ASSIGN_OR_RETURN(auto device, repository::LoadDevice(c, item_id, device_id));
    if (!device) return NotFound("device " + std::to_string(device_id));
    if (device->revoked_at != 0) return Conflict("the device is already revoked");
    RUTILE_TRY(repository::RevokeDevice(c, device_id, caller.user_id, now));
    device->revoked_at = now;
    return *device;
  });
}

Result<DeviceIngestResult> EquipmentService::IngestFromDevice(
    std::int64_t org_id, std::string_view device_key, const std::vector<ReadingInput>& batch,
    std::string_view batch_id) {
  if (!LooksLikeDeviceKey(device_key)) return Unauthenticated("unknown or revoked device key");
  if (batch_id.size() > kMaxBatchId)
    return InvalidArgument("invalid batch id", {{"batch_id", "must be at most 64 bytes"}});
  const std::int64_t now = UnixSeconds(clock_.Now());
  RUTILE_ASSIGN_OR_RETURN(auto readings, ValidateBatch(batch, IndexedField, now));
  const std::string hash = HashDeviceKey(device_key);
  return store::Write(db_, [&](store::Connection& c) -> Result<DeviceIngestResult> {
    RUTILE_ASSIGN_OR_RETURN(auto device, repository::FindDeviceByHash(c, hash));
    if (!device || device->revoked_at != 0 || device->org_id != org_id)
      return Unauthenticated("unknown or revoked device key");
    DeviceIngestResult out;
    out.item_id = device->item_id;
    out.device_id = device->id;
    if (!batch_id.empty()) {
      RUTILE_ASSIGN_OR_RETURN(bool fresh, repository::RecordDeviceBatch(
                                              c, device->id, batch_id,
                                              static_cast<std::int64_t>(readings.size()), now));
      if (!fresh) {
        out.duplicate = true;
        return out;
      }
    }
    RUTILE_ASSIGN_OR_RETURN(std::int64_t park_id, repository::OrgPark(c, org_id));
    RUTILE_ASSIGN_OR_RETURN(out.result, IngestIn(c, DevicePrincipal(*device, park_id),
                                                 device->item_id, readings, "mqtt", now));
    RUTILE_TRY(repository::TouchDevice(c, device->id, now));
    return out;
  });
}

Result<std::vector<Reading>> EquipmentService::ListReadings(const access::Principal& caller,
                                                            std::int64_t item_id,
                                                            std::string_view type, int limit) {
  if (!type.empty() && FindReadingType(type) == nullptr)
    return InvalidArgument("unknown reading type", {{"type", "unknown reading type"}});
  if (limit < 1 || limit > 5000)
    return InvalidArgument("invalid limit", {{"limit", "must be from 1 to 5000"}});
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Reading>> {
    RUTILE_TRY(LoadAuthorized(c, caller, item_id, access::Action::kRead));
    return repository::ListReadings(c, item_id, type, limit);
  });
}

Result<ThicknessAnalysis> EquipmentService::AnalyzeThickness(const access::Principal& caller,
                                                             std::int64_t item_id) {
  Item item;
  std::vector<Reading> readings;
  RUTILE_TRY(store::Read(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(item, LoadAuthorized(c, caller, item_id, access::Action::kRead));
    RUTILE_ASSIGN_OR_RETURN(readings,
                            repository::ListReadings(c, item_id, "wall_thickness_mm", 100000));
    return Ok();
  }));
  if (!item.input.required_wall_mm)
    return FailedPrecondition("set required_wall_mm on the item to analyse its wall thickness");
  const double t_req = *item.input.required_wall_mm;
  // The thinnest reading of each UTC day governs that day (readings came newest first).
  std::map<long long, Reading> per_day;
  for (const Reading& r : readings) {
    long long day = r.measured_at >= 0 ? r.measured_at / 86400 : (r.measured_at - 86399) / 86400;
    auto [it, inserted] = per_day.emplace(day, r);
    if (!inserted && r.value < it->second.value) it->second = r;
  }
  ThicknessAnalysis out;
  out.t_required_mm = t_req;
  std::vector<std::pair<long long, Reading>> used;
  for (const auto& [day, r] : per_day) {
    const std::string date = engine::FormatDate(engine::CivilFromDays(day));
    auto flag = [&](const char* name, std::string detail) {
      out.quality.push_back({r.id, date, name, std::move(detail)});
    };
    char detail[160];
    if (r.value < t_req) {
      std::snprintf(detail, sizeof detail, "%g mm is below the required %g mm", r.value, t_req);
      flag("below_minimum", detail);
    }
    if (!used.empty()) {
      const auto& [prev_day, prev] = used.back();
      const double rise = r.value - prev.value;
      if (rise > rules_.growth_error_mm) {
        std::snprintf(detail, sizeof detail,
                      "%+g mm over the previous reading exceeds %g mm; excluded", rise,
                      rules_.growth_error_mm);
        flag("growth_error", detail);
        continue;
      }
      if (day - prev_day < rules_.min_pair_days) {
        std::snprintf(detail, sizeof detail,
                      "%lld days after the previous reading (minimum %d); excluded", day - prev_day,
                      rules_.min_pair_days);
        flag("too_close", detail);
        continue;
      }
      if (rise > rules_.growth_warning_mm) {
        std::snprintf(detail, sizeof detail, "%+g mm over the previous reading exceeds %g mm", rise,
                      rules_.growth_warning_mm);
        flag("growth_warning", detail);
      }
    }
    used.emplace_back(day, r);
  }
  out.readings_used = static_cast<int>(used.size());
  if (used.size() < 2)
    return FailedPrecondition(
        "the thickness analysis needs at least two usable wall_thickness_mm readings on "
        "different days");
  engine::ThicknessRequest req;
  req.kind =
      item.input.piping_class ? engine::EquipmentKind::kPiping : engine::EquipmentKind::kVessel;
  req.piping_class = item.input.piping_class;
  for (const auto& [day, r] : used) req.readings.push_back({engine::CivilFromDays(day), r.value});
  req.t_required_mm = t_req;
  req.as_of = engine::CivilFromDays(UnixSeconds(clock_.Now()) / 86400);
  RUTILE_ASSIGN_OR_RETURN(auto result, engine::AnalyzeThickness(kb_.inspection, req));
  out.cr_long_term_mm_per_a = result.cr_long_term_mm_per_a;
  out.cr_short_term_mm_per_a = result.cr_short_term_mm_per_a;
  out.governing_rate_mm_per_a = result.governing_rate_mm_per_a;
  out.remaining_life_a = result.remaining_life_a;
  out.next_inspection_date = engine::FormatDate(result.next_inspection_date);
  out.flags = result.flags;
  return out;
}

Result<std::vector<Window>> EquipmentService::ListWindows(const access::Principal& caller,
                                                          std::int64_t item_id) {
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Window>> {
    RUTILE_TRY(LoadAuthorized(c, caller, item_id, access::Action::kRead));
    return repository::ListWindows(c, item_id);
  });
}

Result<std::vector<Window>> EquipmentService::PutWindows(const access::Principal& caller,
                                                         std::int64_t item_id,
                                                         const std::vector<Window>& windows) {
  std::vector<FieldError> e;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const Window& w = windows[i];
    const std::string at = "windows[" + std::to_string(i) + "].";
    if (FindReadingType(w.type) == nullptr) e.push_back({at + "type", "unknown reading type"});
    if (!seen.insert(w.type).second) e.push_back({at + "type", "is given twice"});
    if (!w.target_min && !w.target_max && !w.critical_min && !w.critical_max)
      e.push_back({at + "target_min", "give at least one bound"});
    // Order along the axis: critical_min <= target_min <= target_max <= critical_max.
    const std::pair<const char*, std::optional<double>> order[] = {
        {"critical_min", w.critical_min},
        {"target_min", w.target_min},
        {"target_max", w.target_max},
        {"critical_max", w.critical_max}};
    std::optional<double> lower;
    const char* lower_name = "";
    for (const auto& [name, v] : order) {
      if (!v) continue;
      if (!std::isfinite(*v)) {
        e.push_back({at + name, "must be a finite number"});
        continue;
      }
      if (lower && *v < *lower)
        e.push_back({at + name, "must not be below " + std::string(lower_name)});
      lower = v;
      lower_name = name;
    }
  }
  if (!e.empty()) return InvalidArgument("the windows are not valid", e);
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<std::vector<Window>> {
    RUTILE_TRY(LoadAuthorized(c, caller, item_id, access::Action::kWrite));
    for (Window w : windows) {
      w.origin = "user";
      w.source = "";
      RUTILE_TRY(repository::UpsertWindow(c, item_id, w, now));
    }
    return repository::ListWindows(c, item_id);
  });
}

Result<std::vector<Alert>> EquipmentService::ListAlerts(const access::Principal& caller,
                                                        std::int64_t item_id,
                                                        std::string_view status) {
  if (!status.empty() && status != "open" && status != "acknowledged" && status != "resolved")
    return InvalidArgument("invalid status",
                           {{"status", "must be open, acknowledged or resolved"}});
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Alert>> {
    RUTILE_TRY(LoadAuthorized(c, caller, item_id, access::Action::kRead));
    return repository::ListAlerts(c, item_id, status);
  });
}

namespace {

Result<Alert> ChangeAlert(store::Database& db, const access::Principal& caller,
                          std::int64_t item_id, std::int64_t alert_id, std::string_view to,
                          std::int64_t now) {
  return store::Write(db, [&](store::Connection& c) -> Result<Alert> {
    RUTILE_TRY(LoadAuthorized(c, caller, item_id, access::Action::kWrite));
    RUTILE_ASSIGN_OR_RETURN(auto alert, repository::LoadAlert(c, item_id, alert_id));
    if (!alert) return NotFound("alert " + std::to_string(alert_id));
    if (alert->status == "resolved") return Conflict("the alert is already resolved");
    if (to == "acknowledged" && alert->status == "acknowledged")
      return Conflict("the alert is already acknowledged");
    RUTILE_TRY(repository::SetAlertStatus(c, alert_id, to, caller.user_id, now));
    RUTILE_ASSIGN_OR_RETURN(auto updated, repository::LoadAlert(c, item_id, alert_id));
    return *updated;
  });
}

}  // namespace

Result<Alert> EquipmentService::AcknowledgeAlert(const access::Principal& caller,
                                                 std::int64_t item_id, std::int64_t alert_id) {
  return ChangeAlert(db_, caller, item_id, alert_id, "acknowledged", UnixSeconds(clock_.Now()));
}

Result<Alert> EquipmentService::ResolveAlert(const access::Principal& caller, std::int64_t item_id,
                                             std::int64_t alert_id) {
  return ChangeAlert(db_, caller, item_id, alert_id, "resolved", UnixSeconds(clock_.Now()));
}

}  // namespace rutile::equipment
