#include "annex_routes.h"

#include <boost/json.hpp>

#include "rutile/http/json_body.h"
#include "rutile/http/params.h"
#include "rutile/standards/json_codec.h"
#include "self_inspection_routes.h"

namespace rutile::standards {
namespace {

namespace json = boost::json;
using http::Execution;
using http::JsonFields;
using http::Request;
using http::Response;
using http::Route;

json::value OptId(std::int64_t id) { return id == 0 ? json::value(nullptr) : json::value(id); }

// An OrganizationRef: how an organization is named to people wherever its id is given.
json::object OrgRef(std::int64_t id, const std::string& name) {
  return {{"id", id}, {"name", name}};
}

json::object ClauseJson(const AnnexClause& c, int promote_threshold) {
  json::array reviews, applications;
  for (const auto& r : c.reviews)
    reviews.push_back(json::object{{"user_id", OptId(r.user_id)},
                                   {"verdict", r.verdict},
                                   {"note", r.note},
                                   {"created_at", r.created_at}});
  for (const auto& a : c.applications) {
    json::object o{{"id", a.id},
                   {"org_id", a.org_id},
                   {"note", a.note},
                   {"reported_by", a.reported_by},
                   {"created_at", a.created_at}};
    o["org"] = OrgRef(a.org_id, a.org_name);
    o["verified_by"] = OptId(a.verified_by);
    o["verified_at"] = OptId(a.verified_at);
    applications.push_back(std::move(o));
  }
  json::object o{{"id", c.id},
                 {"annex_id", c.annex_id},
                 {"region", c.region},
                 {"document_code", c.document_code},
                 {"action", c.action},
                 {"clause", ClauseToJson(c.clause)},
                 {"justification", c.justification},
                 {"status", c.status},
                 {"reviews", std::move(reviews)},
                 {"applications", std::move(applications)},
                 {"application_count", c.application_count},
                 {"applications_complete", c.applications_complete},
                 {"verified_applications", c.verified_applications},
                 {"promotable", c.promotable},
                 {"promotion_threshold", promote_threshold},
                 {"created_at", c.created_at}};
  o["base_clause_id"] =
      c.base_clause_id.empty() ? json::value(nullptr) : json::value(c.base_clause_id);
  o["promoted_proposal_id"] = OptId(c.promoted_proposal_id);
  return o;
}

json::object AnnexJson(const Annex& a, int promote_threshold) {
  json::array clauses;
  for (const auto& c : a.clauses) clauses.push_back(ClauseJson(c, promote_threshold));
  return {{"id", a.id},
          {"org_id", a.org_id},
          {"org", OrgRef(a.org_id, a.org_name)},
          {"region", a.region},
          {"region_category", a.region_category},
          {"document_code", a.document_code},
          {"title", a.title},
          {"created_by", OptId(a.created_by)},
          {"created_at", a.created_at},
          {"clauses", std::move(clauses)}};
}

using http::Reply;

// Parses the body, lets `read` take the fields, and answers 400 for any problem.
template <typename Read>
Response WithBody(Request& r, Read&& read) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  return read(*body);
}

std::string RequiredText(JsonFields& f, std::string_view name, std::size_t max_len) {
  auto v = f.String(name, true, max_len);
  if (v && v->empty()) f.AddError(name, "must not be empty");
  return v.value_or("");
}

// Annexes and their clauses carry the promotion threshold the service applies.
auto AnnexJsonOf(const AnnexService& s) {
  return [t = s.rules().promote_threshold](const Annex& a) { return AnnexJson(a, t); };
}
auto ClauseJsonOf(const AnnexService& s) {
  return [t = s.rules().promote_threshold](const AnnexClause& c) { return ClauseJson(c, t); };
}

}  // namespace

void RegisterAnnexRoutes(http::Router& router, AnnexService& s) {
  router.Add(Route{"POST", "/api/v1/annexes",
                   [&s](Request& r) {
                     return WithBody(r, [&](JsonFields& f) {
                       NewAnnex in;
                       in.org_id = f.Int("org_id", true, 1).value_or(0);
                       in.region = RequiredText(f, "region", 32);
                       in.document_code = RequiredText(f, "document_code", 32);
                       in.title = RequiredText(f, "title", 200);
                       if (auto st = f.Finish(); !st.has_value()) return http::Problem(st.error());
                       return Reply(s.Create(r.principal, in), AnnexJsonOf(s), 201);
                     });
                   },
                   Execution::kBlocking, true});
  router.Add(Route{"GET", "/api/v1/annexes", [&s](Request& r) {
                     const std::string region = r.Query("region").value_or("");
                     if (region.size() > 32)
                       return http::Problem(
                           InvalidArgument("invalid query", {{"region", "must be a region code"}}));
                     return Reply(s.List(r.principal, region), [&s](const std::vector<Annex>& v) {
                       json::array items;
                       for (const auto& a : v)
                         items.push_back(AnnexJson(a, s.rules().promote_threshold));
                       return json::object{{"items", std::move(items)}};
                     });
                   }});
  AddRouteWithId(router, "GET", "/api/v1/annexes/{id}", false, [&s](Request& r, std::int64_t id) {
    return Reply(s.Get(r.principal, id), AnnexJsonOf(s));
  });
  AddRouteWithId(router, "POST", "/api/v1/annexes/{id}/clauses", true,
                 [&s](Request& r, std::int64_t id) {
                   return WithBody(r, [&](JsonFields& f) {
                     NewAnnexClause in;
                     in.action = RequiredText(f, "action", 16);
                     in.base_clause_id = f.String("base_clause_id", false, 64).value_or("");
                     in.justification = RequiredText(f, "justification", 4000);
                     const json::value* clause = f.Raw("clause");
                     if (clause == nullptr || !clause->is_object()) {
                       f.AddError("clause", "is required and must be an object");
                     } else {
                       std::vector<FieldError> errors;
                       in.clause = ClauseFromJson(*clause, "clause.", errors);
                       for (const auto& e : errors) f.AddError(e.field, e.message);
                     }
                     if (auto st = f.Finish(); !st.has_value()) return http::Problem(st.error());
                     return Reply(s.AddClause(r.principal, id, in), ClauseJsonOf(s), 201);
                   });
                 });
  AddRouteWithId(router, "POST", "/api/v1/annex-clauses/{id}/reviews", true,
                 [&s](Request& r, std::int64_t id) {
                   return WithBody(r, [&](JsonFields& f) {
                     const std::string verdict = RequiredText(f, "verdict", 32);
                     const std::string note = f.String("note", false, 4000).value_or("");
                     if (auto st = f.Finish(); !st.has_value()) return http::Problem(st.error());
                     return Reply(s.Review(r.principal, id, verdict, note), ClauseJsonOf(s));
                   });
                 });
  AddRouteWithId(router, "POST", "/api/v1/annex-clauses/{id}/applications", true,
                 [&s](Request& r, std::int64_t id) {
                   return WithBody(r, [&](JsonFields& f) {
                     const std::int64_t org = f.Int("org_id", true, 1).value_or(0);
                     const std::string note = f.String("note", false, 4000).value_or("");
                     if (auto st = f.Finish(); !st.has_value()) return http::Problem(st.error());
                     return Reply(s.ReportApplication(r.principal, id, org, note), ClauseJsonOf(s),
                                  201);
                   });
                 });
  AddRouteWithId(router, "POST", "/api/v1/annex-clauses/{id}/applications/{application_id}/verify",
                 true, [&s](Request& r, std::int64_t id) {
                   auto app = http::PathId(r, "application_id");
                   if (!app.has_value()) return http::Problem(app.error());
                   return Reply(s.VerifyApplication(r.principal, id, *app), ClauseJsonOf(s));
                 });
  AddRouteWithId(router, "POST", "/api/v1/annex-clauses/{id}/promote", true,
                 [&s](Request& r, std::int64_t id) {
                   return Reply(
                       s.Promote(r.principal, id),
                       [](const Proposal& p) {
                         return json::object{{"proposal_id", p.id},
                                             {"document_code", p.document_code},
                                             {"state", ProposalStateName(p.state)},
                                             {"title", p.title}};
                       },
                       201);
                 });
  router.Add(Route{"POST", "/api/v1/annex-clauses/match", [&s](Request& r) {
                     return WithBody(r, [&](JsonFields& f) {
                       const std::string region = RequiredText(f, "region", 32);
                       const MatchProfile profile = ReadProfileMember(f, "profile");
                       if (auto st = f.Finish(); !st.has_value()) return http::Problem(st.error());
                       return Reply(
                           s.ApplicableAnnexClauses(region, profile),
                           [&](const std::vector<AnnexClause>& v) {
                             json::array items;
                             for (const auto& c : v)
                               items.push_back(ClauseJson(c, s.rules().promote_threshold));
                             return json::object{{"region", region}, {"items", std::move(items)}};
                           });
                     });
                   }});
}

}  // namespace rutile::standards
