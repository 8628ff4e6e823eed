#include "standards_repository.h"

#include <algorithm>
#include <boost/json.hpp>

#include "rutile/standards/json_codec.h"
#include "rutile/standards/search_terms.h"

namespace rutile::standards::repository {
namespace json = boost::json;
using store::Row;
using store::Value;

namespace {

std::string GradesText(const std::vector<int>& grades) {
  std::string s = ",";
  for (int g : grades) s += std::to_string(g) + ",";
  return s;
}

Result<Clause> ClauseFromBody(const std::string& body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return Corruption("stored clause is not JSON");
  std::vector<FieldError> errors;
  Clause c = ClauseFromJson(v, "", errors);
  if (!errors.empty()) return Corruption("stored clause is invalid: " + errors[0].field);
  return c;
}

LocalizedText LocalizedFromJson(const std::string& text) {
  LocalizedText out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& kv : v.as_object())
    if (kv.value().is_string()) out[std::string(kv.key())] = std::string(kv.value().as_string());
  return out;
}

void SortByNumber(std::vector<Clause>& clauses) {
  std::sort(clauses.begin(), clauses.end(),
            [](const Clause& a, const Clause& b) { return ClauseNumberLess(a.number, b.number); });
}

}  // namespace

std::string ChangesToJson(const std::vector<ClauseChange>& changes) {
  json::array a;
  for (const auto& ch : changes) {
    json::object o{{"action", ch.action}, {"clause_id", ch.clause_id}};
    if (ch.clause) o["clause"] = ClauseToJson(*ch.clause);
    a.push_back(std::move(o));
  }
  return json::serialize(a);
}

namespace {
Result<std::vector<ClauseChange>> ChangesFromJson(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return Corruption("stored proposal changes are not a JSON array");
  std::vector<ClauseChange> out;
  for (const auto& e : v.as_array()) {
    const auto* o = e.if_object();
    if (!o || !o->contains("action") || !o->contains("clause_id"))
      return Corruption("stored proposal change is invalid");
    ClauseChange ch;
    ch.action = std::string(o->at("action").as_string());
    ch.clause_id = std::string(o->at("clause_id").as_string());
    if (const auto* cv = o->if_contains("clause")) {
      std::vector<FieldError> errors;
      ch.clause = ClauseFromJson(*cv, "", errors);
      if (!errors.empty()) return Corruption("stored proposal clause is invalid");
    }
    out.push_back(std::move(ch));
  }
  return out;
}
}  // namespace

Result<std::optional<std::int64_t>> FindDocumentByCode(store::Connection& c,
                                                       const std::string& code) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT id FROM standard_documents WHERE code = ?", {code}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows[0].Int(0));
}

Result<std::int64_t> InsertDocument(store::Connection& c, const StandardDocument& d,
                                    std::int64_t now) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("INSERT INTO standard_documents (code, title_json, kind, created_at) "
                         "VALUES (?, ?, ?, ?) RETURNING id",
                         {d.code, json::serialize(LocalizedToJson(d.title)),
                          std::string(StandardKindName(d.kind)), now}));
  return rows.at(0).Int(0);
}

Result<std::int64_t> InsertVersion(store::Connection& c, std::int64_t document_id,
                                   const std::string& version, std::int64_t now) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("INSERT INTO standard_versions (document_id, version, status, "
                                  "released_at) VALUES (?, ?, 'released', ?) RETURNING id",
                                  {document_id, version, now}));
  return rows.at(0).Int(0);
}

Status InsertClauses(store::Connection& c, std::int64_t version_id,
                     const std::vector<Clause>& clauses) {
  for (const auto& cl : clauses) {
    RUTILE_TRY(c.Execute(
        "INSERT INTO standard_clauses (version_id, clause_id, number, kind, grades, body_json) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {version_id, cl.id, cl.number, std::string(ClauseKindName(cl.kind)), GradesText(cl.grades),
         json::serialize(ClauseToJson(cl))}));
    const auto number_terms = SearchTerms(cl.number);
    for (const auto& [lang, title] : cl.title) {
      std::string all = title + " " + InLanguage(cl.text, lang);
      auto terms = SearchTerms(all);
      for (const auto& t : number_terms)
        if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(t);
      for (const auto& t : terms)
        RUTILE_TRY(
            c.Execute("INSERT INTO standard_clause_terms (version_id, clause_id, lang, "
                      "term) VALUES (?, ?, ?, ?)",
                      {version_id, cl.id, lang, t}));
    }
  }
  return Ok();
}

Status SupersedeOtherVersions(store::Connection& c, std::int64_t document_id,
                              std::int64_t current_version_id) {
  RUTILE_TRY(
      c.Execute("UPDATE standard_versions SET status = 'superseded' WHERE document_id = ? "
                "AND id <> ? AND status = 'released'",
                {document_id, current_version_id}));
  return Ok();
}

Result<std::vector<StandardDocument>> LoadDocuments(store::Connection& c) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT id, code, title_json, kind FROM standard_documents ORDER BY id"));
  std::vector<StandardDocument> docs;
  for (const Row& r : rows) {
    StandardDocument d;
    d.id = r.Int(0);
    d.code = r.Text(1);
    d.title = LocalizedFromJson(r.Text(2));
    d.kind = ParseStandardKind(r.Text(3)).value_or(StandardKind::kEnterprise);
    RUTILE_ASSIGN_OR_RETURN(
        auto vrows, c.Query("SELECT v.id, v.version, v.status, v.released_at, "
                            "(SELECT COUNT(*) FROM standard_clauses s WHERE s.version_id = v.id) "
                            "FROM standard_versions v WHERE v.document_id = ? ORDER BY v.id DESC",
                            {d.id}));
    for (const Row& v : vrows)
      d.versions.push_back({v.Int(0), v.Text(1), v.Text(2), v.Int(3), v.Int(4)});
    docs.push_back(std::move(d));
  }
  return docs;
}

Result<std::optional<StandardVersion>> CurrentVersion(store::Connection& c,
                                                      std::int64_t document_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, version, status, released_at FROM "
                                             "standard_versions WHERE document_id = ? AND status = "
                                             "'released' ORDER BY id DESC LIMIT 1",
                                             {document_id}));
  if (rows.empty()) return std::optional<StandardVersion>();
  return std::optional<StandardVersion>(
      StandardVersion{rows[0].Int(0), rows[0].Text(1), rows[0].Text(2), rows[0].Int(3), 0});
}

Result<std::optional<std::int64_t>> VersionId(store::Connection& c, std::int64_t document_id,
                                              const std::string& version) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT id FROM standard_versions WHERE document_id = ? AND version = ?",
                         {document_id, version}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows[0].Int(0));
}

Result<std::vector<Clause>> LoadClauses(store::Connection& c, std::int64_t version_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT body_json FROM standard_clauses WHERE version_id = ?", {version_id}));
  std::vector<Clause> out;
  for (const Row& r : rows) {
    RUTILE_ASSIGN_OR_RETURN(Clause cl, ClauseFromBody(r.Text(0)));
    out.push_back(std::move(cl));
  }
  SortByNumber(out);
  return out;
}

Result<std::vector<Clause>> LoadCurrentClauses(store::Connection& c) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT s.body_json FROM standard_clauses s JOIN "
                                  "standard_versions v ON v.id = s.version_id WHERE v.status = "
                                  "'released'"));
  std::vector<Clause> out;
  for (const Row& r : rows) {
    RUTILE_ASSIGN_OR_RETURN(Clause cl, ClauseFromBody(r.Text(0)));
    out.push_back(std::move(cl));
  }
  SortByNumber(out);
  return out;
}

Result<std::vector<std::pair<std::string, int>>> MatchTerms(store::Connection& c,
                                                            const std::vector<std::string>& terms,
                                                            const std::string& lang) {
  std::vector<std::pair<std::string, int>> out;
  if (terms.empty()) return out;
  std::string sql =
      "SELECT t.clause_id, COUNT(DISTINCT t.term) FROM standard_clause_terms t JOIN "
      "standard_versions v ON v.id = t.version_id WHERE v.status = 'released' AND t.term IN (";
  std::vector<Value> params;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(terms[i]);
  }
  sql += ")";
  if (!lang.empty()) {
    sql += " AND t.lang = ?";
    params.emplace_back(lang);
  }
  sql += " GROUP BY t.clause_id";
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, std::span<const Value>(params)));
  for (const Row& r : rows) out.emplace_back(r.Text(0), static_cast<int>(r.Int(1)));
  return out;
}

Result<std::int64_t> InsertProposal(store::Connection& c, const Proposal& p) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query(
          "INSERT INTO standard_proposals (document_id, base_version_id, state, "
          "proposer_user_id, proposer_org_id, title, rationale, changes_json, "
          "revises_proposal_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?) RETURNING id",
          {p.document_id, p.base_version_id, std::string(ProposalStateName(p.state)),
           p.proposer_user_id, p.proposer_org_id, p.title, p.rationale, ChangesToJson(p.changes),
           p.revises_proposal_id == 0 ? Value(store::Null{}) : Value(p.revises_proposal_id),
           p.created_at, p.updated_at}));
  return rows.at(0).Int(0);
}

Result<Proposal> LoadProposal(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT p.id, p.document_id, d.code, p.base_version_id, bv.version, p.state, "
              "p.proposer_user_id, p.proposer_org_id, p.title, p.rationale, p.changes_json, "
              "p.consultation_closes_at, p.released_version_id, rv.version, "
              "p.revises_proposal_id, p.created_at, p.updated_at, p.decision_reason FROM "
              "standard_proposals p "
              "JOIN standard_documents d ON d.id = p.document_id JOIN standard_versions bv ON "
              "bv.id = p.base_version_id LEFT JOIN standard_versions rv ON rv.id = "
              "p.released_version_id WHERE p.id = ?",
              {id}));
  if (rows.empty()) return NotFound("proposal " + std::to_string(id));
  const Row& r = rows[0];
  Proposal p;
  p.id = r.Int(0);
  p.document_id = r.Int(1);
  p.document_code = r.Text(2);
  p.base_version_id = r.Int(3);
  p.base_version = r.Text(4);
  auto state = ParseProposalState(r.Text(5));
  if (!state) return Corruption("proposal " + std::to_string(id) + " has an unknown state");
  p.state = *state;
  p.proposer_user_id = r.Int(6);
  p.proposer_org_id = r.Int(7);
  p.title = r.Text(8);
  p.rationale = r.Text(9);
  RUTILE_ASSIGN_OR_RETURN(p.changes, ChangesFromJson(r.Text(10)));
  p.consultation_closes_at = r.Int(11);
  p.released_version_id = r.OptInt(12).value_or(0);
  p.released_version = r.OptText(13).value_or("");
  p.revises_proposal_id = r.OptInt(14).value_or(0);
  p.created_at = r.Int(15);
  p.updated_at = r.Int(16);
  p.decision_reason = r.Text(17);
  RUTILE_ASSIGN_OR_RETURN(auto experts,
                          c.Query("SELECT user_id FROM standard_proposal_experts WHERE "
                                  "proposal_id = ? ORDER BY user_id",
                                  {id}));
  for (const Row& e : experts) p.experts.push_back(e.Int(0));
  RUTILE_ASSIGN_OR_RETURN(auto votes,
                          c.Query("SELECT user_id, vote, note FROM standard_proposal_votes WHERE "
                                  "proposal_id = ? ORDER BY user_id",
                                  {id}));
  p.tally.assigned = static_cast<int>(p.experts.size());
  for (const Row& v : votes) {
    Vote vote{v.Int(0), v.Text(1), v.Text(2)};
    // Only votes of currently assigned experts count.
    if (std::find(p.experts.begin(), p.experts.end(), vote.user_id) == p.experts.end()) continue;
    if (vote.vote == "approve")
      ++p.tally.approve;
    else if (vote.vote == "reject")
      ++p.tally.reject;
    else
      ++p.tally.abstain;
    p.votes.push_back(std::move(vote));
  }
  RUTILE_ASSIGN_OR_RETURN(
      auto comments,
      c.Query("SELECT id, clause_id, user_id, body, created_at, disposition, "
              "disposition_reason, disposed_at FROM standard_proposal_comments WHERE "
              "proposal_id = ? ORDER BY id",
              {id}));
  for (const Row& cr : comments) {
    Comment cm;
    cm.id = cr.Int(0);
    cm.proposal_id = id;
    cm.clause_id = cr.Text(1);
    cm.user_id = cr.Int(2);
    cm.body = cr.Text(3);
    cm.created_at = cr.Int(4);
    if (auto d = cr.OptText(5)) cm.disposition = ParseDisposition(*d);
    cm.disposition_reason = cr.OptText(6).value_or("");
    cm.disposed_at = cr.OptInt(7).value_or(0);
    p.comments.push_back(std::move(cm));
  }
  p.allowed_actions = ActionsAllowedIn(p.state);
  return p;
}

Result<std::vector<std::int64_t>> ListProposalIds(store::Connection& c) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT id FROM standard_proposals ORDER BY id DESC LIMIT 200"));
  std::vector<std::int64_t> ids;
  for (const Row& r : rows) ids.push_back(r.Int(0));
  return ids;
}

Status UpdateProposalState(store::Connection& c, std::int64_t id, ProposalState state,
                           std::int64_t now) {
  RUTILE_TRY(c.Execute("UPDATE standard_proposals SET state = ?, updated_at = ? WHERE id = ?",
                       {std::string(ProposalStateName(state)), now, id}));
  return Ok();
}

}  // namespace rutile::standards::repository
