#include "standards_routes.h"

#include <boost/json.hpp>
#include <charconv>

#include "rutile/http/json_body.h"
#include "rutile/http/params.h"
#include "rutile/standards/json_codec.h"

namespace rutile::standards {
namespace {

namespace json = boost::json;
using http::JsonFields;
using http::Request;
using http::Response;

json::object VersionJson(const StandardVersion& v) {
  return {{"id", v.id},
          {"version", v.version},
          {"status", v.status},
          {"released_at", v.released_at},
          {"clause_count", v.clause_count}};
}

json::object StandardJson(const StandardDocument& d) {
  json::array versions;
  for (const auto& v : d.versions) versions.push_back(VersionJson(v));
  return {{"id", d.id},
          {"code", d.code},
          {"title", LocalizedToJson(d.title)},
          {"kind", StandardKindName(d.kind)},
          {"versions", std::move(versions)}};
}

json::object MatchedJson(const MatchedClause& m) {
  json::array why;
  for (const auto& r : m.reasons)
    why.push_back(json::object{{"condition", r.condition},
                               {"value", r.value},
                               {"detail", r.detail},
                               {"listed", json::value_from(r.listed)}});
  return {{"id", m.id},
          {"number", m.number},
          {"title", m.title},
          {"kind", ClauseKindName(m.kind)},
          {"why", std::move(why)}};
}

json::object CommentJson(const Comment& c) {
  json::object o{{"id", c.id},
                 {"clause_id", c.clause_id},
                 {"user_id", c.user_id},
                 {"body", c.body},
                 {"created_at", c.created_at}};
  o["disposition"] = c.disposition ? json::value(DispositionName(*c.disposition)) : nullptr;
  o["disposition_reason"] = c.disposition_reason;
  o["disposed_at"] = c.disposed_at == 0 ? json::value(nullptr) : json::value(c.disposed_at);
  return o;
}

json::object ProposalJson(const Proposal& p) {
  json::array changes;
  for (const auto& ch : p.changes) {
    json::object o{{"action", ch.action}, {"clause_id", ch.clause_id}};
    if (ch.clause) o["clause"] = ClauseToJson(*ch.clause);
    changes.push_back(std::move(o));
  }
  json::array experts, votes, comments, allowed;
  for (auto e : p.experts) experts.push_back(e);
  for (const auto& v : p.votes)
    votes.push_back(json::object{{"user_id", v.user_id}, {"vote", v.vote}, {"note", v.note}});
  for (const auto& c : p.comments) comments.push_back(CommentJson(c));
  for (auto a : p.allowed_actions) allowed.push_back(json::value(LifecycleActionName(a)));
  json::object o{{"id", p.id},
                 {"document_id", p.document_id},
                 {"document_code", p.document_code},
                 {"base_version", p.base_version},
                 {"state", ProposalStateName(p.state)},
                 {"proposer_user_id", p.proposer_user_id},
                 {"proposer_org_id", p.proposer_org_id},
                 {"title", p.title},
                 {"rationale", p.rationale},
                 {"decision_reason", p.decision_reason},
                 {"changes", std::move(changes)},
                 {"experts", std::move(experts)},
                 {"votes", std::move(votes)},
                 {"tally", json::object{{"assigned", p.tally.assigned},
                                        {"approve", p.tally.approve},
                                        {"reject", p.tally.reject},
                                        {"abstain", p.tally.abstain}}},
                 {"comments", std::move(comments)},
                 {"allowed_actions", std::move(allowed)},
                 {"created_at", p.created_at},
                 {"updated_at", p.updated_at}};
  o["consultation_closes_at"] =
      p.consultation_closes_at == 0 ? json::value(nullptr) : json::value(p.consultation_closes_at);
  o["released_version"] =
      p.released_version.empty() ? json::value(nullptr) : json::value(p.released_version);
  o["revises_proposal_id"] =
      p.revises_proposal_id == 0 ? json::value(nullptr) : json::value(p.revises_proposal_id);
  return o;
}

template <typename T, typename F>
Response Answer(const Result<T>& r, F&& to_json, int status = 200) {
  if (!r.has_value()) return http::Problem(r.error());
  return http::Json(to_json(*r), status);
}

Response MatchRoute(StandardsService& s, Request& r) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  JsonFields& f = *body;
  MatchProfile p;
  if (auto g = f.Int("grade", false, 1, 4)) p.grade = static_cast<int>(*g);
  p.material = f.String("material", false, 64).value_or("");
  p.preset = f.String("preset", false, 64).value_or("");
  p.temperature_c = f.Number("temperature_c", false, -50, 1000);
  p.ph = f.Number("ph", false, -2, 16);
  p.crevices = f.Bool("crevices", false);
  p.industry = f.String("industry", false, 64).value_or("");
  p.equipment_type = f.String("equipment_type", false, 64).value_or("");
  p.region_category = f.String("region_category", false, 8).value_or("");
  p.scale_class = f.String("scale_class", false, 16).value_or("");
  p.lang = f.String("lang", false, 16).value_or("en");
  if (const json::value* comps = f.Raw("components"); comps && !comps->is_null()) {
    if (!comps->is_array() || comps->as_array().size() > 20) {
      f.AddError("components", "must be an array of at most 20 components");
    } else {
      int i = 0;
      for (const auto& cv : comps->as_array()) {
        std::string prefix = "components[" + std::to_string(i++) + "].";
        if (!cv.is_object()) {
          f.AddError(prefix.substr(0, prefix.size() - 1), "must be an object");
          continue;
        }
        JsonFields cf = JsonFields::FromObject(cv.as_object(), prefix);
        MatchComponent mc;
        mc.species = cf.String("species", true, 64).value_or("");
        mc.unit = cf.String("unit", true, 16).value_or("");
        mc.value = cf.Number("value", true, 0, 1e6).value_or(0);
        if (auto st = cf.Finish(); !st.has_value())
          for (const auto& e : st.error().fields()) f.AddError(e.field, e.message);
        p.components.push_back(std::move(mc));
      }
    }
  }
  if (auto st = f.Finish(); !st.has_value()) return http::Problem(st.error());
  return Answer(s.Match(p), [](const MatchResult& m) {
    json::array mandatory, recommended, mechanisms;
    for (const auto& c : m.mandatory) mandatory.push_back(MatchedJson(c));
    for (const auto& c : m.recommended) recommended.push_back(MatchedJson(c));
    for (const auto& id : m.mechanisms) mechanisms.push_back(json::value(id));
    json::object o{{"grade", m.grade},
                   {"assessed", m.assessed},
                   {"mechanisms", std::move(mechanisms)},
                   {"mandatory", std::move(mandatory)},
                   {"recommended", std::move(recommended)}};
    o["governing_mechanism"] =
        m.governing_mechanism.empty() ? json::value(nullptr) : json::value(m.governing_mechanism);
    return o;
  });
}

Response SearchRoute(StandardsService& s, Request& r) {
  SearchQuery q;
  std::vector<FieldError> errors;
  q.q = r.Query("q").value_or("");
  if (q.q.size() > 500) errors.push_back({"q", "must be at most 500 bytes"});
  if (auto g = r.Query("grade")) {
    auto v = http::ParseInt(*g, "grade", 1, 4);
    if (v.has_value())
      q.grade = static_cast<int>(*v);
    else
      errors.push_back(v.error().fields().at(0));
  }
  if (auto k = r.Query("kind")) {
    q.kind = ParseClauseKind(*k);
    if (!q.kind) errors.push_back({"kind", "must be mandatory or recommended"});
  }
  q.lang = r.Query("lang").value_or("");
  if (q.lang.size() > 16) errors.push_back({"lang", "must be a language tag"});
  if (auto l = r.Query("limit")) {
    auto v = http::ParseInt(*l, "limit", 1, 200);
    if (v.has_value())
      q.limit = static_cast<int>(*v);
    else
      errors.push_back(v.error().fields().at(0));
  }
  if (!errors.empty()) return http::Problem(InvalidArgument("invalid query", std::move(errors)));
  const std::string lang = q.lang.empty() ? "en" : q.lang;
  return Answer(s.Search(q), [&lang](const SearchResult& res) {
    json::array items;
    for (const auto& h : res.hits) {
      json::object o = ClauseToJson(h.clause);
      o["matched_terms"] = h.matched_terms;
      o["display_title"] = InLanguage(h.clause.title, lang);
      items.push_back(std::move(o));
    }
    json::object kinds, grades;
    for (const auto& [k, n] : res.kind_counts) kinds[k] = n;
    for (const auto& [g, n] : res.grade_counts) grades[std::to_string(g)] = n;
    return json::object{
        {"items", std::move(items)},
        {"total", res.total},
        {"facets", json::object{{"kind", std::move(kinds)}, {"grade", std::move(grades)}}}};
  });
}

Result<std::vector<ClauseChange>> ReadChanges(JsonFields& f) {
  std::vector<ClauseChange> out;
  const json::value* v = f.Raw("changes");
  if (!v || v->is_null()) {
    f.AddError("changes", "is required");
    return out;
  }
  if (!v->is_array() || v->as_array().size() > 200) {
    f.AddError("changes", "must be an array of at most 200 changes");
    return out;
  }
  int i = 0;
  for (const auto& cv : v->as_array()) {
    std::string prefix = "changes[" + std::to_string(i++) + "].";
    if (!cv.is_object()) {
      f.AddError(prefix.substr(0, prefix.size() - 1), "must be an object");
      continue;
    }
    JsonFields cf = JsonFields::FromObject(cv.as_object(), prefix);
    ClauseChange ch;
    ch.action = cf.String("action", true, 16).value_or("");
    ch.clause_id = cf.String("clause_id", true, 64).value_or("");
    if (const json::value* clause = cf.Raw("clause"); clause && !clause->is_null()) {
      std::vector<FieldError> errors;
      ch.clause = ClauseFromJson(*clause, prefix + "clause.", errors);
      for (const auto& e : errors) f.AddError(e.field, e.message);
    }
    if (auto st = cf.Finish(); !st.has_value())
      for (const auto& e : st.error().fields()) f.AddError(e.field, e.message);
    out.push_back(std::move(ch));
  }
  return out;
}

Response CreateRoute(StandardsService& s, Request& r, std::int64_t revise_id) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  JsonFields& f = *body;
  NewProposal in;
  if (revise_id == 0) {
    in.org_id = f.Int("org_id", true, 1).value_or(0);
    in.document_code = f.String("document_code", true, 32).value_or("");
  }
  in.title = f.String("title", true, 300).value_or("");
  in.rationale = f.String("rationale", true, 20000).value_or("");
  auto changes = ReadChanges(f);
  in.changes = std::move(*changes);
  if (auto st = f.Finish(); !st.has_value()) return http::Problem(st.error());
  auto p =
      revise_id == 0 ? s.CreateProposal(r.principal, in) : s.Revise(r.principal, revise_id, in);
  return Answer(p, ProposalJson, 201);
}

// A lifecycle action whose body is empty or an object with the given string fields.
using ProposalAction = std::function<Result<Proposal>(StandardsService&, Request&, std::int64_t)>;

void AddLifecycle(http::Router& router, StandardsService& s, const std::string& suffix,
                  ProposalAction action) {
  router.Add(http::Route{"POST", "/api/v1/proposals/{id}/" + suffix,
                         [&s, action](Request& r) {
                           auto id = http::PathId(r, "id");
                           if (!id.has_value()) return http::Problem(id.error());
                           return Answer(action(s, r, *id), ProposalJson);
                         },
                         http::Execution::kBlocking, true});
}

// Reads a small JSON body with the listed string fields (all required unless optional).
Result<std::map<std::string, std::string>> Fields(const Request& r,
                                                  std::vector<std::pair<std::string, bool>> spec) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return body.error();
  std::map<std::string, std::string> out;
  for (const auto& [name, required] : spec)
    out[name] = body->String(name, required, 20000).value_or("");
  RUTILE_TRY(body->Finish());
  return out;
}

}  // namespace

void RegisterStandardsRoutes(http::Router& router, StandardsService& s) {
  using http::Execution;
  using http::Route;
  router.Add(Route{"POST", "/api/v1/clauses/match", [&s](Request& r) { return MatchRoute(s, r); }});
  router.Add(Route{"GET", "/api/v1/clauses", [&s](Request& r) { return SearchRoute(s, r); }});
  router.Add(Route{"GET", "/api/v1/clauses/{id}", [&s](Request& r) {
                     std::string id = r.PathParam("id");
                     return Answer(s.GetClause(id), ClauseToJson);
                   }});
  router.Add(Route{"GET", "/api/v1/standards", [&s](Request&) {
                     return Answer(s.ListStandards(), [](const std::vector<StandardDocument>& v) {
                       json::array items;
                       for (const auto& d : v) items.push_back(StandardJson(d));
                       return json::object{{"items", std::move(items)}};
                     });
                   }});
  router.Add(Route{"GET", "/api/v1/standards/{id}", [&s](Request& r) {
                     auto id = http::PathId(r, "id");
                     if (!id.has_value()) return http::Problem(id.error());
                     return Answer(s.GetStandard(*id), StandardJson);
                   }});
  router.Add(Route{"GET", "/api/v1/standards/{id}/diff", [&s](Request& r) {
                     auto id = http::PathId(r, "id");
                     if (!id.has_value()) return http::Problem(id.error());
                     std::vector<FieldError> errors;
                     auto from = r.Query("from"), to = r.Query("to");
                     if (!from) errors.push_back({"from", "is required"});
                     if (!to) errors.push_back({"to", "is required"});
                     if (!errors.empty())
                       return http::Problem(InvalidArgument("invalid query", std::move(errors)));
                     return Answer(s.Diff(*id, *from, *to), [](const auto& diff) {
                       json::array items;
                       for (const auto& e : diff) {
                         json::array fields;
                         for (const auto& f : e.fields) fields.push_back(json::value(f));
                         items.push_back(json::object{{"clause_id", e.clause_id},
                                                      {"number", e.number},
                                                      {"change", e.change},
                                                      {"fields", std::move(fields)}});
                       }
                       return json::object{{"items", std::move(items)}};
                     });
                   }});

  router.Add(Route{"GET", "/api/v1/proposals",
                   [&s](Request& r) {
                     return Answer(s.ListProposals(r.principal), [](const auto& v) {
                       json::array items;
                       for (const auto& p : v) items.push_back(ProposalJson(p));
                       return json::object{{"items", std::move(items)}};
                     });
                   },
                   Execution::kBlocking, true});
  router.Add(Route{"POST", "/api/v1/proposals", [&s](Request& r) { return CreateRoute(s, r, 0); },
                   Execution::kBlocking, true});
  router.Add(Route{"GET", "/api/v1/proposals/{id}",
                   [&s](Request& r) {
                     auto id = http::PathId(r, "id");
                     if (!id.has_value()) return http::Problem(id.error());
                     return Answer(s.GetProposal(r.principal, *id), ProposalJson);
                   },
                   Execution::kBlocking, true});
  router.Add(Route{"POST", "/api/v1/proposals/{id}/revisions",
                   [&s](Request& r) {
                     auto id = http::PathId(r, "id");
                     if (!id.has_value()) return http::Problem(id.error());
                     return CreateRoute(s, r, *id);
                   },
                   Execution::kBlocking, true});
  AddLifecycle(router, s, "submit", [](StandardsService& s, Request& r, std::int64_t id) {
    return s.Submit(r.principal, id);
  });
  AddLifecycle(router, s, "consultation", [](StandardsService& s, Request& r, std::int64_t id) {
    return s.OpenConsultation(r.principal, id);
  });
  AddLifecycle(router, s, "release", [](StandardsService& s, Request& r, std::int64_t id) {
    return s.Release(r.principal, id);
  });
  AddLifecycle(router, s, "withdraw", [](StandardsService& s, Request& r, std::int64_t id) {
    return s.Withdraw(r.principal, id);
  });
  AddLifecycle(router, s, "reject",
               [](StandardsService& s, Request& r, std::int64_t id) -> Result<Proposal> {
                 RUTILE_ASSIGN_OR_RETURN(auto f, Fields(r, {{"reason", true}}));
                 return s.Reject(r.principal, id, f["reason"]);
               });
  AddLifecycle(router, s, "votes",
               [](StandardsService& s, Request& r, std::int64_t id) -> Result<Proposal> {
                 RUTILE_ASSIGN_OR_RETURN(auto f, Fields(r, {{"vote", true}, {"note", false}}));
                 return s.CastVote(r.principal, id, f["vote"], f["note"]);
               });
  AddLifecycle(router, s, "experts",
               [](StandardsService& s, Request& r, std::int64_t id) -> Result<Proposal> {
                 RUTILE_ASSIGN_OR_RETURN(auto body, JsonFields::Parse(r));
                 std::vector<std::int64_t> ids;
                 const json::value* v = body.Raw("expert_user_ids");
                 if (!v || !v->is_array()) {
                   body.AddError("expert_user_ids", "must be an array of user ids");
                 } else {
                   for (const auto& e : v->as_array()) {
                     if (!e.is_int64() || e.as_int64() <= 0) {
                       body.AddError("expert_user_ids", "must be an array of user ids");
                       break;
                     }
                     ids.push_back(e.as_int64());
                   }
                 }
                 RUTILE_TRY(body.Finish());
                 return s.AssignExperts(r.principal, id, ids);
               });
  router.Add(Route{"POST", "/api/v1/proposals/{id}/comments",
                   [&s](Request& r) {
                     auto id = http::PathId(r, "id");
                     if (!id.has_value()) return http::Problem(id.error());
                     auto f = Fields(r, {{"clause_id", true}, {"body", true}});
                     if (!f.has_value()) return http::Problem(f.error());
                     return Answer(s.AddComment(r.principal, *id, (*f)["clause_id"], (*f)["body"]),
                                   CommentJson, 201);
                   },
                   Execution::kBlocking, true});
  router.Add(Route{"POST", "/api/v1/proposals/{id}/comments/{comment_id}/disposition",
                   [&s](Request& r) {
                     auto id = http::PathId(r, "id");
                     if (!id.has_value()) return http::Problem(id.error());
                     auto cid = http::PathId(r, "comment_id");
                     if (!cid.has_value()) return http::Problem(cid.error());
                     auto f = Fields(r, {{"disposition", true}, {"reason", false}});
                     if (!f.has_value()) return http::Problem(f.error());
                     auto d = ParseDisposition((*f)["disposition"]);
                     if (!d)
                       return http::Problem(InvalidArgument(
                           "invalid disposition",
                           {{"disposition", "must be accepted, partly_accepted or rejected"}}));
                     return Answer(s.DisposeComment(r.principal, *id, *cid, *d, (*f)["reason"]),
                                   CommentJson);
                   },
                   Execution::kBlocking, true});
}

}  // namespace rutile::standards
