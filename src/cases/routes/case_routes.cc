#include "case_routes.h"

#include <boost/json.hpp>
#include <charconv>

#include "rutile/cases/case_json.h"
#include "rutile/http/json_body.h"
#include "rutile/http/params.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

constexpr std::string_view kCaseFields[] = {"org_id",
                                            "equipment_type",
                                            "material",
                                            "grade",
                                            "bath_preset",
                                            "medium",
                                            "components",
                                            "temperature_c",
                                            "ph",
                                            "chloride_mg_per_l",
                                            "fluoride_mg_per_l",
                                            "service_months",
                                            "failure_mode",
                                            "mechanism_ids",
                                            "morphology",
                                            "root_cause",
                                            "corrective_actions",
                                            "cost_band",
                                            "downtime_band",
                                            "occurred_on",
                                            "region",
                                            "industry",
                                            "scale",
                                            "narrative",
                                            "language"};

Result<json::object> Body(const Request& r) {
  RUTILE_ASSIGN_OR_RETURN(auto fields, http::JsonFields::Parse(r));
  return fields.object();
}

Response SubmitCase(CaseService& s, Request& r) {
  auto body = Body(r);
  if (!body.has_value()) return http::Problem(body.error());
  std::vector<FieldError> errors;
  for (const auto& [k, v] : *body)
    if (std::find(std::begin(kCaseFields), std::end(kCaseFields), std::string_view(k)) ==
        std::end(kCaseFields))
      errors.push_back({std::string(k), "is not a known field"});
  std::int64_t org_id = 0;
  if (const json::value* o = body->if_contains("org_id"); o != nullptr && !o->is_null()) {
    if (o->is_int64() && o->as_int64() > 0)
      org_id = o->as_int64();
    else
      errors.push_back({"org_id", "must be a positive whole number"});
  }
  auto input = CaseInputFromJson(*body);
  if (!input.has_value())
    for (const auto& fe : input.error().fields()) errors.push_back(fe);
  if (!errors.empty()) return http::Problem(InvalidArgument("the case is not valid", errors));
  auto created = s.Submit(r.principal, org_id, *input);
  if (!created.has_value()) return http::Problem(created.error());
  return http::Json(FailureCaseToJson(*created), 201);
}

Response GetCase(CaseService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto c = s.Get(r.principal, *id);
  if (!c.has_value()) return http::Problem(c.error());
  auto reviews = s.ListReviews(r.principal, *id);
  if (!reviews.has_value()) return http::Problem(reviews.error());
  json::object o = FailureCaseToJson(*c);
  // The reviewer stays anonymous to the owner: no id, no address.
  json::array history;
  for (const auto& d : *reviews)
    history.push_back(json::object{{"decision", d.decision},
                                   {"comment", d.comment},
                                   {"decided_at", d.decided_at},
                                   {"reviewer", "reviewer"}});
  o["reviews"] = std::move(history);
  return http::Json(o);
}

Response RequestPublication(CaseService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto p = s.RequestPublication(r.principal, *id);
  if (!p.has_value()) return http::Problem(p.error());
  return http::Json(PreviewToJson(*p));
}

Response Approve(CaseService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto p = s.ApprovePublication(r.principal, *id);
  if (!p.has_value()) return http::Problem(p.error());
  return http::Json(PublicCaseToJson(*p), 201);
}

// Body {"comment": "..."}; the service checks its length and encoding.
Response Decide(CaseService& s, Request& r, bool reject) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = Body(r);
  if (!body.has_value()) return http::Problem(body.error());
  std::vector<FieldError> errors;
  for (const auto& [k, v] : *body)
    if (k != "comment") errors.push_back({std::string(k), "is not a known field"});
  const json::value* comment = body->if_contains("comment");
  if (comment == nullptr || !comment->is_string())
    errors.push_back({"comment", "is required: 1 to 2000 characters"});
  if (!errors.empty()) return http::Problem(InvalidArgument("invalid review decision", errors));
  const std::string text(comment->as_string());
  auto d = reject ? s.RejectPublication(r.principal, *id, text)
                  : s.ReturnPublication(r.principal, *id, text);
  if (!d.has_value()) return http::Problem(d.error());
  return http::Json(json::object{{"case_id", d->case_id},
                                 {"decision", d->decision},
                                 {"comment", d->comment},
                                 {"decided_at", d->decided_at},
                                 {"status", "private"}});
}

Response ReturnForChanges(CaseService& s, Request& r) { return Decide(s, r, false); }
Response Reject(CaseService& s, Request& r) { return Decide(s, r, true); }

Response Pending(CaseService& s, Request& r) {
  auto pending = s.ListPendingPublications(r.principal);
  if (!pending.has_value()) return http::Problem(pending.error());
  json::array items;
  for (const auto& p : *pending) {
    // Residual risks of each free-text field of the proposed record, for the reviewer's eye.
    json::object risks;
    const PublicCase& pc = p.proposed;
    for (const auto& [field, text] :
         {std::pair<const char*, const std::string*>{"equipment_type", &pc.equipment_type},
          {"material", &pc.material},
          {"grade", &pc.grade},
          {"medium", &pc.medium},
          {"morphology", &pc.morphology},
          {"root_cause", &pc.root_cause},
          {"corrective_actions", &pc.corrective_actions},
          {"narrative", &pc.narrative}}) {
      json::array list;
      for (const auto& risk : FindResidualRisks(*text))
        list.push_back(json::object{
            {"offset", risk.offset}, {"length", risk.length}, {"reason_code", risk.reason}});
      if (!list.empty()) risks[field] = std::move(list);
    }
    items.push_back(json::object{{"case_id", p.case_id},
                                 {"proposed", PublicCaseToJson(p.proposed)},
                                 {"risks", std::move(risks)}});
  }
  return http::Json(json::object{{"items", std::move(items)}});
}

Response SearchPublic(CaseService& s, Request& r) {
  SearchQuery q;
  q.text = r.Query("q").value_or("");
  q.mechanism = r.Query("mechanism").value_or("");
  q.industry = r.Query("industry").value_or("");
  q.region = r.Query("region").value_or("");
  q.material = r.Query("material").value_or("");
  auto limit = http::QueryInt(r, "limit", 20, 1, 100);
  if (!limit.has_value()) return http::Problem(limit.error());
  auto offset = http::QueryInt(r, "offset", 0, 0, 1000000);
  if (!offset.has_value()) return http::Problem(offset.error());
  q.limit = static_cast<int>(*limit);
  q.offset = static_cast<int>(*offset);
  auto page = s.Search(r.principal, q);
  if (!page.has_value()) return http::Problem(page.error());
  json::array items;
  for (const auto& h : page->items) {
    json::object o = PublicCaseToJson(h.item);
    o["score"] = h.score;
    items.push_back(std::move(o));
  }
  json::array facets;
  for (const auto& f : page->facets)
    facets.push_back(json::object{{"facet", f.facet}, {"value", f.value}, {"count", f.count}});
  return http::Json(json::object{
      {"items", std::move(items)}, {"total", page->total}, {"facets", std::move(facets)}});
}

Response GetPublic(CaseService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto c = s.GetPublic(r.principal, *id);
  if (!c.has_value()) return http::Problem(c.error());
  return http::Json(PublicCaseToJson(*c));
}

Response Similar(CaseService& s, Request& r) {
  auto body = Body(r);
  if (!body.has_value()) return http::Problem(body.error());
  auto probe = SimilarityProbeFromJson(*body);
  if (!probe.has_value()) return http::Problem(probe.error());
  std::int64_t limit = 10;
  if (const json::value* l = body->if_contains("limit"); l != nullptr && !l->is_null()) {
    if (!l->is_int64() || l->as_int64() < 1 || l->as_int64() > 50)
      return http::Problem(
          InvalidArgument("invalid limit", {{"limit", "must be a whole number from 1 to 50"}}));
    limit = l->as_int64();
  }
  auto similar = s.Similar(r.principal, *probe, static_cast<int>(limit));
  if (!similar.has_value()) return http::Problem(similar.error());
  json::array items;
  for (const auto& c : *similar)
    items.push_back(json::object{{"case", PublicCaseToJson(c.item)},
                                 {"similarity", SimilarityToJson(c.similarity)}});
  return http::Json(json::object{{"items", std::move(items)}});
}

}  // namespace

void RegisterCaseRoutes(http::Router& router, CaseService& s) {
  using http::Execution;
  using http::Route;
  auto add = [&](const char* method, const char* pattern, Response (*fn)(CaseService&, Request&),
                 bool requires_login = true) {
    router.Add(Route{method, pattern, [&s, fn](Request& r) { return fn(s, r); },
                     Execution::kBlocking, requires_login});
  };
  add("POST", "/api/v1/cases", SubmitCase);
  add("GET", "/api/v1/cases/{id}", GetCase);
  add("POST", "/api/v1/cases/{id}/publication", RequestPublication);
  add("POST", "/api/v1/cases/{id}/publication/approve", Approve);
  add("POST", "/api/v1/cases/{id}/publication/return", ReturnForChanges);
  add("POST", "/api/v1/cases/{id}/publication/reject", Reject);
  // Public cases are open to visitors: desensitized, no account needed to read or search them.
  add("GET", "/api/v1/public-cases", SearchPublic, false);
  add("POST", "/api/v1/public-cases/similar", Similar, false);
  add("GET", "/api/v1/public-cases/{id}", GetPublic, false);
}

void RegisterCaseReviewRoutes(http::Router& router, CaseService& s) {
  router.Add(http::Route{"GET", "/api/v1/case-publications",
                         [&s](Request& r) { return Pending(s, r); }, http::Execution::kBlocking,
                         true});
}

}  // namespace rutile::cases
