#include "equipment_routes.h"

#include <boost/json.hpp>
#include <charconv>

#include "rutile/http/json_body.h"
#include "rutile/http/params.h"

namespace rutile::equipment {
namespace {

namespace json = boost::json;
using http::JsonFields;
using http::Request;
using http::Response;

json::value Opt(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object ItemJson(const Item& it) {
  const ItemInput& in = it.input;
  json::array components;
  for (const auto& c : in.components)
    components.push_back(
        json::object{{"species", c.species}, {"unit", c.unit}, {"value", c.value}});
  json::object j;
  j["id"] = it.id;
  j["org_id"] = it.org_id;
  j["park_id"] = it.park_id == 0 ? json::value(nullptr) : json::value(it.park_id);
  j["level"] = access::DataLevelName(in.level);
  j["share_with"] =
      in.level == access::DataLevel::kShared ? json::value(in.share_with) : json::value(nullptr);
  j["name"] = in.name;
  j["type"] = in.type;
  j["material"] = in.material;
  j["power_kw"] = Opt(in.power_kw);
  j["sheath_diameter_mm"] = Opt(in.sheath_diameter_mm);
  j["sheath_length_mm"] = Opt(in.sheath_length_mm);
  j["nominal_wall_mm"] = Opt(in.nominal_wall_mm);
  j["required_wall_mm"] = Opt(in.required_wall_mm);
  j["piping_class"] = in.piping_class ? json::value(*in.piping_class) : json::value(nullptr);
  j["installed_on"] = in.installed_on.empty() ? json::value(nullptr) : json::value(in.installed_on);
  j["bath_preset"] = in.bath_preset.empty() ? json::value(nullptr) : json::value(in.bath_preset);
  j["components"] = std::move(components);
  j["operating_temperature_c"] = Opt(in.operating_temperature_c);
  j["ph"] = Opt(in.ph);
  j["crevices"] = in.crevices ? json::value(*in.crevices) : json::value(nullptr);
  j["aeration"] = in.aeration.empty() ? json::value(nullptr) : json::value(in.aeration);
  j["location"] = in.location;
  boost::system::error_code ec;
  json::value conditions = json::parse(it.open_conditions, ec);
  if (ec || !conditions.is_array()) conditions = json::array();
  j["risk"] = json::object{{"grade", it.grade},
                           {"verdict", it.verdict},
                           {"governing_mechanism", it.governing_mechanism},
                           {"knowledge_version", it.knowledge_version},
                           {"conditions", std::move(conditions)}};
  j["created_at"] = it.created_at;
  j["updated_at"] = it.updated_at;
  return j;
}

json::object ReadingJson(const Reading& r) {
  return {{"id", r.id},
          {"type", r.type},
          {"value", r.value},
          {"unit", r.unit},
          {"measured_at", FormatTimestamp(r.measured_at)},
          {"recorded_at", r.recorded_at},
          {"source", r.source}};
}

json::object WindowJson(const Window& w) {
  return {{"type", w.type},
          {"target_min", Opt(w.target_min)},
          {"target_max", Opt(w.target_max)},
          {"critical_min", Opt(w.critical_min)},
          {"critical_max", Opt(w.critical_max)},
          {"origin", w.origin},
          {"source", w.source}};
}

// Stored parameters as a JSON object; an unreadable text becomes an empty object.
json::object ParamsJson(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return v.as_object();
}

json::object AlertJson(const Alert& a) {
  auto opt_time = [](std::int64_t t) { return t == 0 ? json::value(nullptr) : json::value(t); };
  return {{"id", a.id},
          {"item_id", a.item_id},
          {"type", a.type},
          {"severity", a.severity},
          {"status", a.status},
          {"last_value", a.last_value},
          {"code", a.code},
          {"params", ParamsJson(a.params)},
          {"count", a.count},
          {"opened_at", FormatTimestamp(a.opened_at)},
          {"last_at", FormatTimestamp(a.last_at)},
          {"acknowledged_at", opt_time(a.acknowledged_at)},
          {"resolved_at", opt_time(a.resolved_at)}};
}

json::object IngestJson(const IngestResult& r) {
  json::array readings, alerts;
  for (auto id : r.reading_ids) readings.push_back(id);
  for (auto id : r.alert_ids) alerts.push_back(id);
  return {{"reading_ids", std::move(readings)}, {"alert_ids", std::move(alerts)}};
}

using http::Reply;

template <typename T, typename F>
json::array Array(const std::vector<T>& items, F&& to_json) {
  json::array out;
  for (const auto& x : items) out.push_back(to_json(x));
  return out;
}

// Collects the nested readers' errors with the outer one's into one InvalidArgument.
Status FinishAll(JsonFields& outer, std::vector<FieldError> nested) {
  auto s = outer.Finish();
  if (s.has_value() && nested.empty()) return Ok();
  std::vector<FieldError> all = s.has_value() ? std::vector<FieldError>{} : s.error().fields();
  all.insert(all.end(), nested.begin(), nested.end());
  return InvalidArgument("the request body has invalid fields", std::move(all));
}

// A nullable number in a PATCH: absent -> unset, null -> clear, number -> set.
std::optional<std::optional<double>> NullableNumber(JsonFields& f, std::string_view name,
                                                    double min, double max) {
  const json::value* v = f.object().if_contains(name);
  if (v == nullptr) return std::nullopt;
  if (v->is_null()) {
    (void)f.Raw(name);
    return std::optional<double>();
  }
  return f.Number(name, false, min, max);
}

// A boolean field that may be null (to clear it): unset when absent.
std::optional<std::optional<bool>> NullableBool(JsonFields& f, std::string_view name) {
  const json::value* v = f.object().if_contains(name);
  if (v == nullptr) return std::nullopt;
  if (v->is_null()) {
    (void)f.Raw(name);
    return std::optional<bool>();
  }
  return f.Bool(name, false);
}

std::optional<std::vector<Component>> ReadComponents(JsonFields& f,
                                                     std::vector<FieldError>& nested) {
  const json::value* v = f.Raw("components");
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_array()) {
    f.AddError("components", "must be an array");
    return std::nullopt;
  }
  std::vector<Component> out;
  const json::array& a = v->get_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string prefix = "components[" + std::to_string(i) + "].";
    if (!a[i].is_object()) {
      nested.push_back({prefix.substr(0, prefix.size() - 1), "must be an object"});
      continue;
    }
    JsonFields c = JsonFields::FromObject(a[i].get_object(), prefix);
    Component comp;
    comp.species = c.String("species", true, 64).value_or("");
    comp.unit = c.String("unit", true, 16).value_or("");
    comp.value = c.Number("value", true).value_or(0);
    if (auto s = c.Finish(); !s.has_value())
      for (const auto& e : s.error().fields()) nested.push_back(e);
    out.push_back(std::move(comp));
  }
  return out;
}

std::optional<access::DataLevel> ReadLevel(JsonFields& f) {
  auto text = f.String("level", false, 16);
  if (!text) return std::nullopt;
  auto level = access::ParseDataLevel(*text);
  if (!level) f.AddError("level", "must be private or shared");
  return level;
}

Response Create(EquipmentService& s, Request& r) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  std::vector<FieldError> nested;
  std::optional<std::int64_t> org_id = body->Int("org_id", false, 1);
  ItemInput in;
  in.name = body->String("name", true, 200).value_or("");
  in.type = body->String("type", true, 64).value_or("");
  in.material = body->String("material", true, 64).value_or("");
  in.power_kw = body->Number("power_kw", false);
  in.sheath_diameter_mm = body->Number("sheath_diameter_mm", false);
  in.sheath_length_mm = body->Number("sheath_length_mm", false);
  in.nominal_wall_mm = body->Number("nominal_wall_mm", false);
  in.required_wall_mm = body->Number("required_wall_mm", false);
  if (auto pc = body->Int("piping_class", false, 1, 4)) in.piping_class = static_cast<int>(*pc);
  in.installed_on = body->String("installed_on", false, 10).value_or("");
  in.bath_preset = body->String("bath_preset", false, 64).value_or("");
  in.components = ReadComponents(*body, nested).value_or(std::vector<Component>{});
  in.operating_temperature_c = body->Number("operating_temperature_c", true);
  in.ph = body->Number("ph", false);
  in.crevices = body->Bool("crevices", false);
  in.aeration = body->String("aeration", false, 16).value_or("");
  in.location = body->String("location", false, 500).value_or("");
  in.level = ReadLevel(*body).value_or(access::DataLevel::kPrivate);
  in.share_with = body->String("share_with", false, 16).value_or("park");
  if (!org_id) {
    if (r.principal.memberships.size() == 1)
      org_id = r.principal.memberships[0].org_id;
    else if (!body->object().contains("org_id"))
      body->AddError("org_id", "is required when you belong to several organizations");
  }
  if (auto st = FinishAll(*body, nested); !st.has_value()) return http::Problem(st.error());
  return Reply(s.Create(r.principal, *org_id, in), ItemJson, 201);
}

Response Patch(EquipmentService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  std::vector<FieldError> nested;
  ItemPatch p;
  p.name = body->String("name", false, 200);
  p.type = body->String("type", false, 64);
  p.material = body->String("material", false, 64);
  p.power_kw = NullableNumber(*body, "power_kw", -1e9, 1e9);
  p.sheath_diameter_mm = NullableNumber(*body, "sheath_diameter_mm", -1e9, 1e9);
  p.sheath_length_mm = NullableNumber(*body, "sheath_length_mm", -1e9, 1e9);
  p.nominal_wall_mm = NullableNumber(*body, "nominal_wall_mm", -1e9, 1e9);
  p.required_wall_mm = NullableNumber(*body, "required_wall_mm", -1e9, 1e9);
  if (auto pc = NullableNumber(*body, "piping_class", 1, 4)) {
    if (*pc && *pc != static_cast<int>(**pc))
      body->AddError("piping_class", "must be a whole number");
    p.piping_class = *pc ? std::optional<int>(static_cast<int>(**pc)) : std::optional<int>();
  }
  p.installed_on = body->String("installed_on", false, 10);
  p.bath_preset = body->String("bath_preset", false, 64);
  p.components = ReadComponents(*body, nested);
  p.operating_temperature_c = body->Number("operating_temperature_c", false);
  p.ph = NullableNumber(*body, "ph", -1e9, 1e9);
  p.crevices = NullableBool(*body, "crevices");
  if (const json::value* a = body->object().if_contains("aeration"); a && a->is_null()) {
    (void)body->Raw("aeration");
    p.aeration = std::string();
  } else {
    p.aeration = body->String("aeration", false, 16);
  }
  p.location = body->String("location", false, 500);
  p.level = ReadLevel(*body);
  p.share_with = body->String("share_with", false, 16);
  if (auto st = FinishAll(*body, nested); !st.has_value()) return http::Problem(st.error());
  return Reply(s.Update(r.principal, *id, p), ItemJson);
}

Response PostReadings(EquipmentService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  std::vector<FieldError> nested;
  std::vector<ReadingInput> batch;
  const json::value* v = body->Raw("readings");
  if (v == nullptr || !v->is_array()) {
    body->AddError("readings", "must be an array of readings");
  } else {
    const json::array& a = v->get_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string prefix = "readings[" + std::to_string(i) + "].";
      if (!a[i].is_object()) {
        nested.push_back({prefix.substr(0, prefix.size() - 1), "must be an object"});
        continue;
      }
      JsonFields f = JsonFields::FromObject(a[i].get_object(), prefix);
      ReadingInput in;
      in.type = f.String("type", true, 64).value_or("");
      in.value = f.Number("value", true).value_or(0);
      in.unit = f.String("unit", true, 16).value_or("");
      in.measured_at = f.String("measured_at", true, 20).value_or("");
      if (auto st = f.Finish(); !st.has_value())
        for (const auto& e : st.error().fields()) nested.push_back(e);
      batch.push_back(std::move(in));
    }
  }
  if (auto st = FinishAll(*body, nested); !st.has_value()) return http::Problem(st.error());
  return Reply(s.IngestReadings(r.principal, *id, batch, "api"), IngestJson, 201);
}

Response PostCsv(EquipmentService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  const std::string type = r.Header("content-type").value_or("");
  if (type.rfind("text/csv", 0) != 0)
    return http::Problem(InvalidArgument("unsupported content type \"" + type + "\"",
                                         {{"content-type", "must be text/csv"}}));
  Response res = Reply(s.ImportReadingsCsv(r.principal, *id, r.body), IngestJson, 201);
  if (res.status == 429) res.SetHeader("Retry-After", "5");
  return res;
}

Response GetReadings(EquipmentService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  const std::string type = r.Query("type").value_or("");
  return Reply(s.ListReadings(r.principal, *id, type), [](const std::vector<Reading>& v) {
    return json::object{{"items", Array(v, ReadingJson)}};
  });
}

Response Thickness(EquipmentService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  return Reply(s.AnalyzeThickness(r.principal, *id), [](const ThicknessAnalysis& a) {
    json::array flags, quality;
    for (const auto& f : a.flags) flags.push_back(json::value(f));
    for (const auto& q : a.quality)
      quality.push_back(json::object{
          {"reading_id", q.reading_id}, {"date", q.date}, {"flag", q.flag}, {"detail", q.detail}});
    return json::object{{"cr_long_term_mm_per_a", a.cr_long_term_mm_per_a},
                        {"cr_short_term_mm_per_a", a.cr_short_term_mm_per_a},
                        {"governing_rate_mm_per_a", a.governing_rate_mm_per_a},
                        {"remaining_life_a", Opt(a.remaining_life_a)},
                        {"next_inspection_date", a.next_inspection_date},
                        {"t_required_mm", a.t_required_mm},
                        {"readings_used", a.readings_used},
                        {"flags", std::move(flags)},
                        {"quality", std::move(quality)}};
  });
}

json::object WindowsJson(const std::vector<Window>& v) {
  return json::object{{"items", Array(v, WindowJson)}};
}

Response PutWindows(EquipmentService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  std::vector<FieldError> nested;
  std::vector<Window> windows;
  const json::value* v = body->Raw("windows");
  if (v == nullptr || !v->is_array()) {
    body->AddError("windows", "must be an array of windows");
  } else {
    const json::array& a = v->get_array();
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string prefix = "windows[" + std::to_string(i) + "].";
      if (!a[i].is_object()) {
        nested.push_back({prefix.substr(0, prefix.size() - 1), "must be an object"});
        continue;
      }
      JsonFields f = JsonFields::FromObject(a[i].get_object(), prefix);
      Window w;
      w.type = f.String("type", true, 64).value_or("");
      w.target_min = f.Number("target_min", false);
      w.target_max = f.Number("target_max", false);
      w.critical_min = f.Number("critical_min", false);
      w.critical_max = f.Number("critical_max", false);
      if (auto st = f.Finish(); !st.has_value())
        for (const auto& e : st.error().fields()) nested.push_back(e);
      windows.push_back(std::move(w));
    }
  }
  if (auto st = FinishAll(*body, nested); !st.has_value()) return http::Problem(st.error());
  return Reply(s.PutWindows(r.principal, *id, windows), WindowsJson);
}

Response Alerts(EquipmentService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  return Reply(s.ListAlerts(r.principal, *id, r.Query("status").value_or("")),
               [](const std::vector<Alert>& v) {
                 return json::object{{"items", Array(v, AlertJson)}};
               });
}

Response ChangeAlert(EquipmentService& s, Request& r, bool resolve) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto alert_id = http::PathId(r, "alert_id");
  if (!alert_id.has_value()) return http::Problem(alert_id.error());
  return Reply(resolve ? s.ResolveAlert(r.principal, *id, *alert_id)
                       : s.AcknowledgeAlert(r.principal, *id, *alert_id),
               AlertJson);
}

}  // namespace

void RegisterEquipmentRoutes(http::Router& router, EquipmentService& s) {
  using http::Execution;
  using http::Route;
  auto add = [&](const char* method, const char* pattern, http::Handler h) {
    router.Add(Route{method, pattern, std::move(h), Execution::kBlocking, true});
  };
  add("POST", "/api/v1/equipment", [&s](Request& r) { return Create(s, r); });
  add("GET", "/api/v1/equipment", [&s](Request& r) {
    return Reply(s.List(r.principal), [](const std::vector<Item>& v) {
      return json::object{{"items", Array(v, ItemJson)}};
    });
  });
  add("GET", "/api/v1/equipment/{id}", [&s](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    return Reply(s.Get(r.principal, *id), ItemJson);
  });
  add("PATCH", "/api/v1/equipment/{id}", [&s](Request& r) { return Patch(s, r); });
  add("POST", "/api/v1/equipment/{id}/readings", [&s](Request& r) { return PostReadings(s, r); });
  add("POST", "/api/v1/equipment/{id}/readings/csv", [&s](Request& r) { return PostCsv(s, r); });
  add("GET", "/api/v1/equipment/{id}/readings", [&s](Request& r) { return GetReadings(s, r); });
  add("GET", "/api/v1/equipment/{id}/grade-history", [&s](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    return Reply(s.GradeHistory(r.principal, *id), [](const std::vector<GradeChange>& v) {
      return json::object{{"items", Array(v, [](const GradeChange& g) {
                             return json::object{{"grade", g.grade},
                                                 {"governing_mechanism", g.governing_mechanism},
                                                 {"knowledge_version", g.knowledge_version},
                                                 {"reason", g.reason},
                                                 {"computed_at", g.computed_at}};
                           })}};
    });
  });
  add("GET", "/api/v1/equipment/{id}/thickness-analysis",
      [&s](Request& r) { return Thickness(s, r); });
  add("GET", "/api/v1/equipment/{id}/alerts", [&s](Request& r) { return Alerts(s, r); });
  add("POST", "/api/v1/equipment/{id}/alerts/{alert_id}/acknowledge",
      [&s](Request& r) { return ChangeAlert(s, r, false); });
  add("POST", "/api/v1/equipment/{id}/alerts/{alert_id}/resolve",
      [&s](Request& r) { return ChangeAlert(s, r, true); });
  add("GET", "/api/v1/equipment/{id}/windows", [&s](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    return Reply(s.ListWindows(r.principal, *id), WindowsJson);
  });
  add("PUT", "/api/v1/equipment/{id}/windows", [&s](Request& r) { return PutWindows(s, r); });
}

}  // namespace rutile::equipment
