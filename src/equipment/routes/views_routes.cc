#include "views_routes.h"

#include <boost/json.hpp>

#include "rutile/http/params.h"

namespace rutile::equipment {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

json::array Grades(const std::array<std::int64_t, 4>& g) { return {g[0], g[1], g[2], g[3]}; }

json::value CellJson(const Cell& c) { return c ? json::value(*c) : json::value(nullptr); }

json::value OptNumber(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::value OptCount(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object DashboardJson(const Dashboard& d) {
  json::array readings, next;
  for (const auto& s : d.readings)
    readings.push_back(
        json::object{{"type", s.type},
                     {"items", s.items},
                     {"in_window", s.in_window},
                     {"outside_target", s.outside_target},
                     {"outside_critical", s.outside_critical},
                     {"no_window", s.no_window},
                     {"latest_at", s.latest_at == 0 ? json::value(nullptr)
                                                    : json::value(FormatTimestamp(s.latest_at))},
                     {"recent_count", s.recent_count},
                     {"recent_min", OptNumber(s.recent_min)},
                     {"recent_max", OptNumber(s.recent_max)},
                     {"recent_mean", OptNumber(s.recent_mean)}});
  for (const auto& e : d.next_inspections)
    next.push_back(json::object{{"item_id", e.item_id},
                                {"name", e.name},
                                {"next_inspection_date", e.next_inspection_date},
                                {"overdue", e.overdue}});
  return {{"org_id", d.org_id},
          {"as_of", d.as_of},
          {"items", d.items},
          {"items_by_grade", Grades(d.items_by_grade)},
          {"open_alerts",
           json::object{{"warning", d.open_alerts.warning}, {"critical", d.open_alerts.critical}}},
          {"readings", std::move(readings)},
          {"maintenance", json::object{{"open_tasks", OptCount(d.maintenance_open_tasks)},
                                       {"overdue_tasks", OptCount(d.maintenance_overdue_tasks)}}},
          {"inspections", json::object{{"scheduled", d.inspections_scheduled},
                                       {"overdue", d.inspections_overdue},
                                       {"due_soon", d.inspections_due_soon},
                                       {"next", std::move(next)}}}};
}

json::object GroupJson(const ParkGroup& g) {
  json::object j{{"items", g.items},
                 {"items_by_grade", Grades(g.items_by_grade)},
                 {"open_warning_alerts", g.open_warning_alerts},
                 {"open_critical_alerts", g.open_critical_alerts},
                 {"overdue_inspections", g.overdue_inspections}};
  if (g.org_id != 0) {
    j["org_id"] = g.org_id;
    j["org_name"] = g.org_name;
  }
  return j;
}

json::object ParkItemJson(const ParkItem& i) {
  return {
      {"id", i.id},
      {"org_id", i.org_id},
      {"org_name", i.org_name},
      {"name", i.name},
      {"type", i.type},
      {"grade", i.grade},
      {"open_warning_alerts", i.open_warning_alerts},
      {"open_critical_alerts", i.open_critical_alerts},
      {"next_inspection_date",
       i.next_inspection_date.empty() ? json::value(nullptr) : json::value(i.next_inspection_date)},
      {"inspection_overdue", i.inspection_overdue}};
}

json::object ParkJson(const ParkOverview& p) {
  json::array tenants, attention;
  for (const auto& t : p.tenants) tenants.push_back(GroupJson(t));
  for (const auto& i : p.attention) attention.push_back(ParkItemJson(i));
  return {{"park_id", p.park_id},
          {"park_name", p.park_name},
          {"as_of", p.as_of},
          {"tenants", std::move(tenants)},
          {"total", GroupJson(p.total)},
          {"attention", std::move(attention)}};
}

json::object RowJson(const RegionalRow& r) {
  json::array grades;
  for (const auto& c : r.items_by_grade) grades.push_back(CellJson(c));
  return {{"region", r.region},
          {"industry", r.industry},
          {"items_by_grade", std::move(grades)},
          {"items", CellJson(r.items)},
          {"open_critical_alerts", CellJson(r.open_critical_alerts)},
          {"overdue_inspections", CellJson(r.overdue_inspections)}};
}

json::object ReportJson(const RegionalReport& r) {
  json::array rows;
  for (const auto& row : r.rows) rows.push_back(RowJson(row));
  json::object total = RowJson(r.total);
  total.erase("region");
  total.erase("industry");
  return {{"as_of", r.as_of},
          {"min_cell_size", r.min_cell_size},
          {"suppressed_cells", r.suppressed_cells},
          {"rows", std::move(rows)},
          {"total", std::move(total)}};
}

using http::Reply;

Response Download(Result<ExportFile> file) {
  if (!file.has_value()) return http::Problem(file.error());
  Response r = http::Text(std::move(file->bytes), file->content_type);
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + file->filename + "\"");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

Response Pdf(Result<std::string> bytes, const std::string& filename) {
  if (!bytes.has_value()) return http::Problem(bytes.error());
  Response r = http::Text(std::move(*bytes), "application/pdf");
  r.SetHeader("Content-Disposition", "inline; filename=\"" + filename + "\"");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

// org_id from the query, or the caller's only organization.
Result<std::int64_t> OrgId(const Request& r) {
  if (r.Query("org_id")) return http::QueryInt(r, "org_id", 0, 1, INT64_MAX);
  if (r.principal.memberships.size() == 1) return r.principal.memberships[0].org_id;
  return InvalidArgument("org_id is required",
                         {{"org_id", "is required when you belong to several organizations"}});
}

Result<ExportFormat> Format(const Request& r, bool pdf_allowed) {
  const std::string name = r.Query("format").value_or("csv");
  auto f = ParseExportFormat(name);
  if (!f || (!pdf_allowed && *f == ExportFormat::kPdf))
    return InvalidArgument(
        "unknown export format",
        {{"format", pdf_allowed ? "must be csv, xlsx or pdf" : "must be csv or xlsx"}});
  return *f;
}

}  // namespace

void RegisterViewsRoutes(http::Router& router, DashboardService& views, ExportService& exports,
                         LabelService& labels) {
  auto add = [&](const char* pattern, http::Handler h) {
    router.Add(http::Route{"GET", pattern, std::move(h), http::Execution::kBlocking, true});
  };
  add("/api/v1/dashboard", [&views](Request& r) {
    auto org = OrgId(r);
    if (!org.has_value()) return http::Problem(org.error());
    return Reply(views.GetDashboard(r.principal, *org), DashboardJson);
  });
  add("/api/v1/parks/{park_id}/equipment-overview", [&views](Request& r) {
    auto park = http::PathId(r, "park_id");
    if (!park.has_value()) return http::Problem(park.error());
    return Reply(views.GetParkOverview(r.principal, *park), ParkJson);
  });
  add("/api/v1/reports/regional-risk", [&views](Request& r) {
    RegionalFilter f;
    f.region = r.Query("region").value_or("");
    f.industry = r.Query("industry").value_or("");
    std::vector<FieldError> errors;
    if (f.region.size() > 64) errors.push_back({"region", "must be at most 64 characters"});
    if (f.industry.size() > 64) errors.push_back({"industry", "must be at most 64 characters"});
    if (!errors.empty()) return http::Problem(InvalidArgument("invalid filter", std::move(errors)));
    return Reply(views.GetRegionalReport(r.principal, f), ReportJson);
  });
  add("/api/v1/equipment/export", [&exports](Request& r) {
    auto org = OrgId(r);
    if (!org.has_value()) return http::Problem(org.error());
    auto format = Format(r, true);
    if (!format.has_value()) return http::Problem(format.error());
    return Download(exports.ExportItems(r.principal, *org, *format));
  });
  add("/api/v1/equipment/{id}/readings/export", [&exports](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    auto format = Format(r, false);
    if (!format.has_value()) return http::Problem(format.error());
    auto limit = http::QueryInt(r, "limit", 1'000'000, 1, 1'000'000);
    if (!limit.has_value()) return http::Problem(limit.error());
    return Download(exports.ExportReadings(r.principal, *id, *format, *limit));
  });
  add("/api/v1/equipment/{id}/label.pdf", [&labels](Request& r) {
    auto id = http::PathId(r, "id");
    if (!id.has_value()) return http::Problem(id.error());
    return Pdf(labels.ItemLabel(r.principal, *id), ItemCode(*id) + ".pdf");
  });
  add("/api/v1/equipment/labels.pdf", [&labels](Request& r) {
    auto org = OrgId(r);
    if (!org.has_value()) return http::Problem(org.error());
    return Pdf(labels.OrgLabels(r.principal, *org), "labels-" + std::to_string(*org) + ".pdf");
  });
}

}  // namespace rutile::equipment
