#include "case_repository.h"

#include <boost/json.hpp>
#include <map>
#include <set>

#include "rutile/cases/case_json.h"
#include "rutile/cases/text_index.h"

namespace rutile::cases::repository {
namespace {

namespace json = boost::json;

Result<json::object> ParseObject(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Corruption("stored case JSON is malformed");
  return std::move(v.as_object());
}

}  // namespace

std::map<std::string, double> WeightedTerms(const PublicCase& pc) {
  std::map<std::string, double> w;
  auto add = [&](const std::string& text, double weight) {
    for (auto& t : IndexTerms(text)) w[t] += weight;
  };
  add(pc.narrative, 1);
  add(pc.root_cause, 1);
  add(pc.corrective_actions, 1);
  add(pc.morphology, 1.5);
  add(pc.medium, 2);
  add(pc.equipment_type, 2);
  add(pc.material + " " + pc.grade, 2);
  add(pc.bath_preset, 2);
  add(std::string(FailureModeName(pc.failure_mode)), 2);
  for (const auto& m : pc.mechanism_ids) add(m, 2);
  for (const auto& comp : pc.components) add(comp.species, 2);
  return w;
}

std::set<std::pair<std::string, std::string>> FacetsOf(const PublicCase& pc) {
  std::set<std::pair<std::string, std::string>> facets;
  for (const auto& m : pc.mechanism_ids) facets.insert({"mechanism", m});
  if (!pc.industry.empty()) facets.insert({"industry", pc.industry});
  if (!pc.region.empty()) facets.insert({"region", pc.region});
  if (!pc.material.empty()) facets.insert({"material", pc.material});
  facets.insert({"failure_mode", std::string(FailureModeName(pc.failure_mode))});
  return facets;
}

Result<OrgProfile> LoadOrgProfile(store::Connection& c, std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT region, industry, scale_class FROM organizations WHERE id = ?", {org_id}));
  if (rows.empty()) return NotFound("organization " + std::to_string(org_id) + " does not exist");
  return OrgProfile{rows[0].Text(0), rows[0].Text(1), rows[0].OptText(2).value_or("")};
}

Result<std::int64_t> InsertCase(store::Connection& c, std::int64_t org_id,
                                std::int64_t submitted_by, std::int64_t now,
                                const CaseInput& input) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO failure_cases (org_id, submitted_by, created_at, status, input_json) "
              "VALUES (?, ?, ?, 'private', ?) RETURNING id",
              {org_id, submitted_by, now, json::serialize(CaseInputToJson(input))}));
  return rows.at(0).Int(0);
}

Result<StoredCase> LoadCase(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT id, org_id, submitted_by, created_at, status, input_json, "
                         "proposed_json, public_case_id FROM failure_cases WHERE id = ?",
                         {id}));
  if (rows.empty()) return NotFound("case " + std::to_string(id) + " does not exist");
  const auto& r = rows[0];
  StoredCase s;
  s.value.id = r.Int(0);
  s.value.org_id = r.Int(1);
  s.value.submitted_by = r.Int(2);
  s.value.created_at = r.Int(3);
  s.value.status = ParseCaseStatus(r.Text(4)).value_or(CaseStatus::kPrivate);
  RUTILE_ASSIGN_OR_RETURN(auto obj, ParseObject(r.Text(5)));
  auto input = CaseInputFromJson(obj);
  if (!input.has_value()) return Corruption("stored case " + std::to_string(id) + " is malformed");
  s.value.input = std::move(input).value();
  s.proposed_json = r.OptText(6).value_or("");
  s.value.public_case_id = r.OptInt(7).value_or(0);
  return s;
}

Result<std::vector<std::pair<std::int64_t, std::string>>> PendingProposals(store::Connection& c) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT id, proposed_json FROM failure_cases WHERE status = "
                                  "'publication_requested' ORDER BY id"));
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& r : rows) out.emplace_back(r.Int(0), r.OptText(1).value_or(""));
  return out;
}

Status SetProposal(store::Connection& c, std::int64_t id, const std::string& proposed_json) {
  RUTILE_TRY(c.Execute(
      "UPDATE failure_cases SET status = 'publication_requested', proposed_json = ? WHERE id = ?",
      {proposed_json, id}));
  return Ok();
}

Status MarkPrivate(store::Connection& c, std::int64_t id) {
  RUTILE_TRY(c.Execute(
      "UPDATE failure_cases SET status = 'private', proposed_json = NULL WHERE id = ?", {id}));
  return Ok();
}

Status InsertReview(store::Connection& c, const ReviewDecision& d) {
  RUTILE_TRY(
      c.Execute("INSERT INTO case_publication_reviews (case_id, decision, reviewer_id, comment, "
                "decided_at) VALUES (?, ?, ?, ?, ?)",
                {d.case_id, d.decision, d.reviewer_id, d.comment, d.decided_at}));
  return Ok();
}

Result<std::vector<ReviewDecision>> LoadReviews(store::Connection& c, std::int64_t case_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT case_id, decision, reviewer_id, comment, decided_at FROM "
                                  "case_publication_reviews WHERE case_id = ? ORDER BY id",
                                  {case_id}));
  std::vector<ReviewDecision> out;
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Int(4)});
  return out;
}

Status MarkPublished(store::Connection& c, std::int64_t id, std::int64_t public_id) {
  RUTILE_TRY(
      c.Execute("UPDATE failure_cases SET status = 'published', public_case_id = ? WHERE id = ?",
                {public_id, id}));
  return Ok();
}

Result<NameDictionary> LoadDictionary(store::Connection& c) {
  NameDictionary d;
  RUTILE_ASSIGN_OR_RETURN(auto users, c.Query("SELECT name FROM users"));
  for (const auto& r : users) d.people.push_back(r.Text(0));
  RUTILE_ASSIGN_OR_RETURN(auto orgs, c.Query("SELECT name FROM organizations"));
  for (const auto& r : orgs) d.organizations.push_back(r.Text(0));
  RUTILE_ASSIGN_OR_RETURN(auto parks, c.Query("SELECT name FROM parks"));
  for (const auto& r : parks) d.parks.push_back(r.Text(0));
  return d;
}

Result<std::vector<QuasiIdentifiers>> LoadPopulation(store::Connection& c) {
  // Only organizations with completed real-name filing count: anyone can register unfiled
  // organizations in bulk and would otherwise make a lone plant look like one of a crowd.
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT region, industry, scale_class FROM organizations "
                                  "WHERE real_name_status = 'approved'"));
  std::vector<QuasiIdentifiers> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.OptText(2).value_or("")});
  return out;
}

Result<std::int64_t> InsertPublicCase(store::Connection& c, const PublicCase& pc,
                                      std::int64_t now) {
  json::object body = PublicCaseToJson(pc);
  body.erase("id");
  body.erase("published_at");
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO public_cases (published_at, failure_mode, material, industry, region, "
              "synthetic, body_json) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {now, std::string(FailureModeName(pc.failure_mode)), pc.material, pc.industry,
               pc.region, std::int64_t{pc.synthetic ? 1 : 0}, json::serialize(body)}));
  const std::int64_t id = rows.at(0).Int(0);
  for (const auto& [facet, value] : FacetsOf(pc))
    RUTILE_TRY(c.Execute("INSERT INTO public_case_facets (case_id, facet, value) VALUES (?, ?, ?)",
                         {id, facet, value}));
  for (const auto& [term, weight] : WeightedTerms(pc))
    RUTILE_TRY(c.Execute("INSERT INTO public_case_terms (term, case_id, weight) VALUES (?, ?, ?)",
                         {term, id, weight}));
  return id;
}

namespace {
Result<PublicCase> FromRow(const store::Row& r) {
  RUTILE_ASSIGN_OR_RETURN(auto obj, ParseObject(r.Text(2)));
  RUTILE_ASSIGN_OR_RETURN(PublicCase pc, PublicCaseFromJson(obj));
  pc.id = r.Int(0);
  pc.published_at = r.Int(1);
  return pc;
}
}  // namespace

Result<PublicCase> LoadPublicCase(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT id, published_at, body_json FROM public_cases WHERE id = ?", {id}));
  if (rows.empty()) return NotFound("public case " + std::to_string(id) + " does not exist");
  return FromRow(rows[0]);
}

Result<std::vector<PublicCase>> LoadAllPublicCases(store::Connection& c) {
  return PublicCasesAfter(c, 0, -1);
}

Result<std::vector<PublicCase>> PublicCasesPublishedSince(store::Connection& c, std::int64_t since,
                                                          bool include_synthetic) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT id, published_at, body_json FROM public_cases WHERE "
                                  "published_at >= ? AND synthetic <= ? ORDER BY id",
                                  {since, std::int64_t{include_synthetic ? 1 : 0}}));
  std::vector<PublicCase> out;
  for (const auto& r : rows) {
    RUTILE_ASSIGN_OR_RETURN(PublicCase pc, FromRow(r));
    out.push_back(std::move(pc));
  }
  return out;
}

Result<std::vector<PublicCase>> PublicCasesAfter(store::Connection& c, std::int64_t after_id,
                                                 std::int64_t limit) {
  const std::string sql =
      "SELECT id, published_at, body_json FROM public_cases WHERE id > ? ORDER BY id" +
      (limit >= 0 ? " LIMIT " + std::to_string(limit) : std::string());
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, {after_id}));
  std::vector<PublicCase> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    RUTILE_ASSIGN_OR_RETURN(PublicCase pc, FromRow(r));
    out.push_back(std::move(pc));
  }
  return out;
}

Result<std::int64_t> LatestPublicCaseId(store::Connection& c) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT MAX(id) FROM public_cases"));
  return rows.at(0).OptInt(0).value_or(0);
}

Result<std::int64_t> CountSyntheticPublicCases(store::Connection& c) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT COUNT(*) FROM public_cases WHERE synthetic = 1"));
  return rows.at(0).Int(0);
}

}  // namespace rutile::cases::repository
