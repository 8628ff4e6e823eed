#include "ingest_routes.h"

#include <boost/json.hpp>

#include "rutile/equipment/readings_template.h"
#include "rutile/http/json_body.h"
#include "rutile/http/language.h"
#include "rutile/http/params.h"

namespace rutile::equipment {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

json::object DeviceJson(const Device& d) {
  auto opt_time = [](std::int64_t t) { return t == 0 ? json::value(nullptr) : json::value(t); };
  return {{"id", d.id},
          {"item_id", d.item_id},
          {"org_id", d.org_id},
          {"name", d.name},
          {"key_prefix", d.key_prefix},
          {"created_at", d.created_at},
          {"revoked_at", opt_time(d.revoked_at)},
          {"last_seen_at", opt_time(d.last_seen_at)},
          {"active", d.revoked_at == 0}};
}

using http::Reply;

Response PostXlsx(EquipmentService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  const std::string type = r.Header("content-type").value_or("");
  if (type.rfind(kXlsxType, 0) != 0 && type.rfind("application/octet-stream", 0) != 0)
    return http::Problem(InvalidArgument(
        "unsupported content type \"" + type + "\"",
        {{"content-type", "must be " + std::string(kXlsxType) + " or application/octet-stream"}}));
  Response res = Reply(
      s.ImportReadingsXlsx(r.principal, *id, r.body),
      [](const IngestResult& res) {
        json::array readings, alerts;
        for (auto v : res.reading_ids) readings.push_back(v);
        for (auto v : res.alert_ids) alerts.push_back(v);
        return json::object{{"stored", res.reading_ids.size()},
                            {"reading_ids", std::move(readings)},
                            {"alert_ids", std::move(alerts)}};
      },
      201);
  if (res.status == 429) res.SetHeader("Retry-After", "5");
  return res;
}

Response PostDevice(EquipmentService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = http::JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  std::string name = body->String("name", true, 200).value_or("");
  if (auto st = body->Finish(); !st.has_value()) return http::Problem(st.error());
  return Reply(
      s.CreateDevice(r.principal, *id, name),
      [](const NewDevice& d) {
        json::object j = DeviceJson(d.device);
        j["key"] = d.key;
        j["topic"] = d.topic;
        j["acks_topic"] = DeviceAcksTopic(d.device.org_id, d.key);
        return j;
      },
      201);
}

// GET /api/v1/readings/template.{csv,xlsx}: the language from ?lang=, else Accept-Language.
Response GetTemplate(Request& r, bool xlsx) {
  auto lang = http::ReaderLanguage(r);
  if (!lang.has_value()) return http::Problem(lang.error());
  Response res;
  if (xlsx) {
    auto bytes = ReadingsTemplateXlsx(*lang);
    if (!bytes.has_value()) return http::Problem(bytes.error());
    res = http::Text(std::move(bytes).value(), std::string(kXlsxType));
  } else {
    res = http::Text(ReadingsTemplateCsv(*lang), "text/csv; charset=utf-8");
  }
  res.SetHeader("Content-Disposition", "attachment; filename=\"rutile-readings-template-" + *lang +
                                           (xlsx ? ".xlsx" : ".csv") + "\"");
  res.SetHeader("Content-Language", *lang);
  res.SetHeader("Vary", "Accept-Language");
  res.SetHeader("X-Content-Type-Options", "nosniff");
  return res;
}

}  // namespace

void RegisterIngestRoutes(http::Router& router, EquipmentService& s) {
  using http::Execution;
  using http::Route;
  auto add = [&](const char* method, const char* pattern, http::Handler h) {
    router.Add(Route{method, pattern, std::move(h), Execution::kBlocking, true});
  };
  // The templates hold no data of anyone: visitors may see what a readings file looks like.
  router.Get("/api/v1/readings/template.csv", [](Request& r) { return GetTemplate(r, false); });
  router.Get("/api/v1/readings/template.xlsx", [](Request& r) { return GetTemplate(r, true); });
  add("POST", "/api/v1/equipment/{id}/readings/xlsx", [&s](Request& r) { return PostXlsx(s, r); });
  add("POST", "/api/v1/equipment/{id}/devices", [&s](Request& r) { return PostDevice(s, r); });
  add("GET", "/api/v1/equipment/{id}/devices", [&s](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    return Reply(s.ListDevices(r.principal, *id), [](const std::vector<Device>& v) {
      json::array items;
      for (const auto& d : v) items.push_back(DeviceJson(d));
      return json::object{{"items", std::move(items)}};
    });
  });
  add("POST", "/api/v1/equipment/{id}/devices/{device_id}/revoke", [&s](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    auto device_id = http::PathId(r, "device_id");
    if (!device_id.has_value()) return http::Problem(device_id.error());
    return Reply(s.RevokeDevice(r.principal, *id, *device_id), DeviceJson);
  });
}

}  // namespace rutile::equipment
