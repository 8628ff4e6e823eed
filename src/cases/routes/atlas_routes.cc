#include "atlas_routes.h"

#include <boost/json.hpp>

namespace rutile::cases {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

json::array Counted(const std::vector<CountedText>& v, const char* key) {
  json::array a;
  for (const auto& c : v) a.push_back(json::object{{key, c.text}, {"count", c.count}});
  return a;
}

Response AtlasRoute(CaseAtlasService& s, Request& r) {
  auto atlas = s.Build(r.principal, r.Query("by").value_or("region"));
  if (!atlas.has_value()) return http::Problem(atlas.error());
  json::array groups;
  for (const auto& g : atlas->groups) {
    json::object o{{"group", g.group}, {"suppressed", g.suppressed}};
    o["cases"] = g.suppressed ? json::value(nullptr) : json::value(g.cases);
    if (!g.suppressed) {
      o["mechanisms"] = Counted(g.mechanisms, "mechanism");
      o["root_causes"] = Counted(g.root_causes, "text");
      o["corrective_actions"] = Counted(g.corrective_actions, "text");
    }
    groups.push_back(std::move(o));
  }
  return http::Json(
      json::object{{"by", atlas->by}, {"k", atlas->k}, {"groups", std::move(groups)}});
}

Response MacroRoute(CaseAtlasService& s, Request& r) {
  auto table = s.CaseCounts(r.principal, r.Query("from").value_or(""), r.Query("to").value_or(""));
  if (!table.has_value()) return http::Problem(table.error());
  json::array cells, totals;
  for (const auto& c : table->cells)
    cells.push_back(json::object{{"mechanism", c.mechanism},
                                 {"region", c.region},
                                 {"quarter", c.quarter},
                                 {"cases", c.cases ? json::value(*c.cases) : json::value(nullptr)},
                                 {"suppressed", c.suppressed}});
  for (const auto& t : table->totals)
    totals.push_back(json::object{{"dimension", t.dimension},
                                  {"value", t.value},
                                  {"published_cases", t.published_cases},
                                  {"suppressed_cells", t.suppressed_cells}});
  return http::Json(json::object{{"k", table->k},
                                 {"from", table->from},
                                 {"to", table->to},
                                 {"cells", std::move(cells)},
                                 {"totals", std::move(totals)}});
}

}  // namespace

void RegisterCaseAtlasRoutes(http::Router& router, CaseAtlasService& s) {
  router.Add(http::Route{"GET", "/api/v1/atlas", [&s](Request& r) { return AtlasRoute(s, r); },
                         http::Execution::kBlocking, false});
  router.Add(http::Route{"GET", "/api/v1/macro/case-counts",
                         [&s](Request& r) { return MacroRoute(s, r); }, http::Execution::kBlocking,
                         true});
}

}  // namespace rutile::cases
