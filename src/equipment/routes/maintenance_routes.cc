#include "maintenance_routes.h"

#include <boost/json.hpp>

#include "rutile/http/json_body.h"
#include "rutile/http/language.h"
#include "rutile/http/params.h"

namespace rutile::equipment {
namespace {

namespace json = boost::json;
using http::JsonFields;
using http::Request;
using http::Response;

constexpr std::size_t kMaxPhotoBase64 = 1'500'000;

// Standard base64 with padding (RFC 4648 section 4); whitespace is skipped.
std::optional<std::string> DecodeBase64(std::string_view in) {
  auto value = [](char ch) -> int {
    if (ch >= 'A' && ch <= 'Z') return ch - 'A';
    if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9') return ch - '0' + 52;
    if (ch == '+') return 62;
    if (ch == '/') return 63;
    return -1;
  };
  std::string out;
  unsigned buffer = 0;
  int bits = 0, pad = 0, count = 0;
  for (char ch : in) {
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') continue;
    ++count;
    if (ch == '=') {
      ++pad;
      continue;
    }
    const int v = value(ch);
    if (v < 0 || pad > 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (count % 4 != 0 || pad > 2) return std::nullopt;
  return out;
}

json::object ClauseJson(const LinkedClause& c) {
  return {{"id", c.id}, {"number", c.number}, {"title", c.title}, {"kind", c.kind}};
}

json::object ActivityJson(const Activity& a) {
  json::array clauses;
  for (const auto& c : a.clauses) clauses.push_back(ClauseJson(c));
  json::object j{{"id", a.id},
                 {"item_id", a.item_id},
                 {"kind", a.kind},
                 {"origin", a.origin},
                 {"title", a.title},
                 {"interval_days", a.interval_days ? json::value(*a.interval_days) : nullptr},
                 {"uncertain", a.uncertain},
                 {"clauses", std::move(clauses)},
                 {"note", a.note}};
  if (a.origin == "rule")
    j["interval_source"] = json::object{{"source", a.source.source},
                                        {"clause_id", a.source.clause_id},
                                        {"number", a.source.number},
                                        {"confidence", a.source.confidence},
                                        {"note", a.source.note}};
  else
    j["interval_source"] = nullptr;
  return j;
}

json::object TaskJson(const Task& t) {
  json::array measurements, photos;
  for (const auto& m : t.measurements)
    measurements.push_back(json::object{
        {"type", m.type},
        {"value", m.value},
        {"unit", m.unit},
        {"reading_id", m.reading_id != 0 ? json::value(m.reading_id) : json::value(nullptr)}});
  for (const auto& p : t.photos)
    photos.push_back(json::object{{"id", p.id},
                                  {"name", p.name},
                                  {"content_type", p.content_type},
                                  {"size_bytes", p.size_bytes}});
  const bool done = t.status == "done";
  return {{"id", t.id},
          {"activity_id", t.activity_id},
          {"item_id", t.item_id},
          {"org_id", t.org_id},
          {"item_name", t.item_name},
          {"kind", t.kind},
          {"title", t.title},
          {"due_on", t.due_on},
          {"status", t.status},
          {"completed_at", done ? json::value(FormatTimestamp(t.completed_at)) : nullptr},
          {"completed_by", done ? json::value(t.completed_by) : nullptr},
          {"findings", t.findings},
          {"measurements", std::move(measurements)},
          {"photos", std::move(photos)}};
}

template <typename T, typename F>
json::array Array(const std::vector<T>& items, F&& to_json) {
  json::array out;
  for (const auto& x : items) out.push_back(to_json(x));
  return out;
}

json::object PlanJson(const Plan& p) {
  return {{"item_id", p.item_id},
          {"org_id", p.org_id},
          {"grade", p.grade},
          {"rules_version", p.rules_version},
          {"anchor_on", p.anchor_on},
          {"generated_at", p.generated_at},
          {"activities", Array(p.activities, ActivityJson)},
          {"open_tasks", Array(p.open_tasks, TaskJson)},
          {"history", Array(p.history, TaskJson)}};
}

// The service's result with its titles in the reader's language.
template <typename T>
Result<T> Localized(Result<T> result, const MaintenanceService& s, const Request& r) {
  // An unsupported ?lang= reads the titles in English rather than refusing the list.
  if (result.has_value())
    LocalizeTitles(s.rules(), http::ReaderLanguage(r).value_or("en"), *result);
  return result;
}

using http::Reply;

// Gathers the errors of nested readers with the outer reader's into one InvalidArgument.
Status FinishAll(JsonFields& outer, std::vector<FieldError> nested) {
  auto s = outer.Finish();
  if (s.has_value() && nested.empty()) return Ok();
  std::vector<FieldError> all = s.has_value() ? std::vector<FieldError>{} : s.error().fields();
  all.insert(all.end(), nested.begin(), nested.end());
  return InvalidArgument("the request body has invalid fields", std::move(all));
}

// Calls read(reader, index) for each object of the array member `name`.
template <typename F>
void EachObject(JsonFields& body, std::string_view name, std::vector<FieldError>& nested,
                F&& read) {
  const json::value* v = body.Raw(name);
  if (v == nullptr || v->is_null()) return;
  if (!v->is_array()) {
    body.AddError(name, "must be an array");
    return;
  }
  const json::array& a = v->get_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string at = std::string(name) + "[" + std::to_string(i) + "]";
    if (!a[i].is_object()) {
      nested.push_back({at, "must be an object"});
      continue;
    }
    JsonFields f = JsonFields::FromObject(a[i].get_object(), at + ".");
    read(f, i);
    if (auto st = f.Finish(); !st.has_value())
      for (const auto& e : st.error().fields()) nested.push_back(e);
  }
}

Response Complete(MaintenanceService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  CompletionInput in;
  in.findings = body->String("findings", false, 10000).value_or("");
  in.completed_at = body->String("completed_at", false, 40).value_or("");
  std::vector<FieldError> nested;
  EachObject(*body, "measurements", nested, [&](JsonFields& f, std::size_t) {
    Measurement m;
    m.type = f.String("type", true, 64).value_or("");
    m.value = f.Number("value", true).value_or(0);
    m.unit = f.String("unit", false, 16).value_or("");
    in.measurements.push_back(std::move(m));
  });
  EachObject(*body, "photos", nested, [&](JsonFields& f, std::size_t i) {
    PhotoInput p;
    p.name = f.String("name", true, 200).value_or("");
    p.content_type = f.String("content_type", true, 64).value_or("");
    auto data = f.String("data_base64", true, kMaxPhotoBase64);
    if (data) {
      auto bytes = DecodeBase64(*data);
      if (!bytes)
        nested.push_back({"photos[" + std::to_string(i) + "].data_base64", "is not base64"});
      else
        p.bytes = std::move(*bytes);
    }
    in.photos.push_back(std::move(p));
  });
  if (auto st = FinishAll(*body, nested); !st.has_value()) return http::Problem(st.error());
  return Reply(Localized(s.Complete(r.principal, *id, in), s, r), [](const CompletionResult& c) {
    return json::object{{"task", TaskJson(c.task)},
                        {"next", c.next ? json::value(TaskJson(*c.next)) : nullptr}};
  });
}

Response AddActivity(MaintenanceService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  CalendarActivityInput in;
  in.title = body->String("title", true, 200).value_or("");
  if (auto days = body->Int("interval_days", false, 1, 3660))
    in.interval_days = static_cast<int>(*days);
  in.first_due_on = body->String("first_due_on", true, 10).value_or("");
  in.note = body->String("note", false, 2000).value_or("");
  if (auto st = body->Finish(); !st.has_value()) return http::Problem(st.error());
  return Reply(Localized(s.AddCalendarActivity(r.principal, *id, in), s, r), ActivityJson, 201);
}

Response ListTasks(MaintenanceService& s, Request& r) {
  TaskFilter f;
  std::vector<FieldError> errors;
  auto collect = [&](Result<std::int64_t> v) -> std::optional<std::int64_t> {
    if (v.has_value()) return *v;
    for (const auto& e : v.error().fields()) errors.push_back(e);
    if (v.error().fields().empty()) errors.push_back({"query", v.error().message()});
    return std::nullopt;
  };
  if (r.Query("org_id")) f.org_id = collect(http::QueryInt(r, "org_id", 0, 1, INT64_MAX));
  if (r.Query("item_id")) f.item_id = collect(http::QueryInt(r, "item_id", 0, 1, INT64_MAX));
  f.limit = static_cast<int>(collect(http::QueryInt(r, "limit", 500, 1, 1000)).value_or(500));
  f.status = r.Query("status").value_or("");
  f.from = r.Query("from").value_or("");
  f.to = r.Query("to").value_or("");
  if (!errors.empty())
    return http::Problem(InvalidArgument("the query has invalid parameters", std::move(errors)));
  return Reply(Localized(s.ListTasks(r.principal, f), s, r), [](const std::vector<Task>& v) {
    return json::object{{"items", Array(v, TaskJson)}};
  });
}

}  // namespace

void RegisterMaintenanceRoutes(http::Router& router, MaintenanceService& s) {
  auto add = [&](const char* method, const char* pattern, http::Handler h) {
    router.Add(http::Route{method, pattern, std::move(h), http::Execution::kBlocking, true});
  };
  add("POST", "/api/v1/equipment/{id}/maintenance-plan", [&s](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    return Reply(Localized(s.Generate(r.principal, *id), s, r), PlanJson);
  });
  add("GET", "/api/v1/equipment/{id}/maintenance-plan", [&s](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    return Reply(Localized(s.GetPlan(r.principal, *id), s, r), PlanJson);
  });
  add("POST", "/api/v1/equipment/{id}/maintenance-plan/activities",
      [&s](Request& r) { return AddActivity(s, r); });
  add("DELETE", "/api/v1/equipment/{id}/maintenance-plan/activities/{activity_id}",
      [&s](Request& r) {
        auto id = http::PathId(r, "id");
        if (!id.has_value()) return http::Problem(id.error());
        auto activity = http::PathId(r, "activity_id");
        if (!activity.has_value()) return http::Problem(activity.error());
        auto st = s.RemoveCalendarActivity(r.principal, *id, *activity);
        return st.has_value() ? http::NoContent() : http::Problem(st.error());
      });
  add("GET", "/api/v1/maintenance/tasks", [&s](Request& r) { return ListTasks(s, r); });
  add("GET", "/api/v1/maintenance/tasks/{id}", [&s](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    return Reply(Localized(s.GetTask(r.principal, *id), s, r), TaskJson);
  });
  add("POST", "/api/v1/maintenance/tasks/{id}/complete",
      [&s](Request& r) { return Complete(s, r); });
  add("GET", "/api/v1/maintenance/tasks/{id}/photos/{photo_id}", [&s](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    auto photo_id = http::PathId(r, "photo_id");
    if (!photo_id.has_value()) return http::Problem(photo_id.error());
    auto photo = s.GetPhoto(r.principal, *id, *photo_id);
    if (!photo.has_value()) return http::Problem(photo.error());
    Response out = http::Text(std::move(photo->bytes), photo->info.content_type);
    out.SetHeader("Cache-Control", "private, max-age=3600");
    out.SetHeader("X-Content-Type-Options", "nosniff");
    return out;
  });
}

}  // namespace rutile::equipment
