#include "rutile/standards/annex.h"

#include <algorithm>
#include <boost/json.hpp>

#include "rutile/access/policy.h"
#include "rutile/standards/json_codec.h"

namespace rutile::standards {
namespace {

namespace json = boost::json;

bool Listed(const std::vector<std::string>& list, const std::string& value) {
  return list.empty() || value.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool IsOperator(const access::Principal& p) {
  return p.HasPlatformRole(access::PlatformRole::kOperator);
}

Status RequireLogin(const access::Principal& caller) {
  if (caller.anonymous()) return Unauthenticated("log in to work on regional annexes");
  return Ok();
}

Status RequireOwner(const access::Principal& caller, std::int64_t annex_org_id) {
  RUTILE_TRY(RequireLogin(caller));
  if (IsOperator(caller) || caller.IsAdminOf(annex_org_id)) return Ok();
  return PermissionDenied("only the annex's regional authority or a platform operator may do this");
}

// One annex with the name of the organization that owns it.
constexpr const char* kSelectAnnex =
    "SELECT a.id, a.org_id, o.name, a.region, a.document_code, a.title, a.created_by, "
    "a.created_at FROM standard_annexes a JOIN organizations o ON o.id = a.org_id WHERE a.id = ?";

Annex AnnexFrom(const store::Row& r, const identity::RegionCatalog& regions) {
  Annex a;
  a.id = r.Int(0);
  a.org_id = r.Int(1);
  a.org_name = r.Text(2);
  a.region = r.Text(3);
  a.document_code = r.Text(4);
  a.title = r.Text(5);
  a.created_by = r.Int(6);
  a.created_at = r.Int(7);
  if (const auto* region = regions.FindRegion(a.region)) a.region_category = region->category;
  return a;
}

std::string StatusOf(const std::vector<AnnexReview>& reviews, const AnnexRules& rules) {
  int yes = 0, no = 0;
  for (const auto& r : reviews) (r.verdict == "equivalent" ? yes : no)++;
  if (yes >= rules.verify_min_votes && yes > no) return "verified";
  if (no >= rules.verify_min_votes && no > yes) return "rejected";
  return "pending";
}

}  // namespace

AnnexService::AnnexService(store::Database& db, const Clock& clock, StandardsService& standards,
                           const identity::RegionCatalog& regions, const engine::KnowledgeBase& kb,
                           AnnexRules rules)
    : db_(db), clock_(clock), standards_(standards), regions_(regions), kb_(kb), rules_(rules) {}

Result<AnnexClause> AnnexService::LoadClause(store::Connection& c, std::int64_t clause_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT ac.id, ac.annex_id, a.region, a.document_code, ac.action, "
              "ac.base_clause_id, ac.clause_json, ac.justification, ac.promoted_proposal_id, "
              "ac.created_at, a.org_id FROM standard_annex_clauses ac JOIN standard_annexes a "
              "ON a.id = ac.annex_id WHERE ac.id = ?",
              {clause_id}));
  if (rows.empty()) return NotFound("annex clause " + std::to_string(clause_id));
  const auto& r = rows[0];
  AnnexClause out;
  out.id = r.Int(0);
  out.annex_id = r.Int(1);
  out.region = r.Text(2);
  out.document_code = r.Text(3);
  out.action = r.Text(4);
  out.base_clause_id = r.Text(5);
  std::vector<FieldError> ignored;
  boost::system::error_code ec;
  json::value body = json::parse(r.Text(6), ec);
  if (ec) return Corruption("annex clause " + std::to_string(clause_id) + " has malformed JSON");
  out.clause = ClauseFromJson(body, "", ignored);
  out.justification = r.Text(7);
  out.promoted_proposal_id = r.OptInt(8).value_or(0);
  out.created_at = r.Int(9);
  out.annex_org_id = r.Int(10);
  RUTILE_ASSIGN_OR_RETURN(
      auto reviews, c.Query("SELECT user_id, verdict, note, created_at FROM standard_annex_reviews "
                            "WHERE annex_clause_id = ? ORDER BY created_at, user_id",
                            {clause_id}));
  for (const auto& v : reviews) out.reviews.push_back({v.Int(0), v.Text(1), v.Text(2), v.Int(3)});
  RUTILE_ASSIGN_OR_RETURN(
      auto apps,
      c.Query("SELECT p.id, p.org_id, o.name, p.note, p.reported_by, p.created_at, p.verified_by, "
              "p.verified_at FROM standard_annex_applications p JOIN organizations o "
              "ON o.id = p.org_id WHERE p.annex_clause_id = ? ORDER BY p.id",
              {clause_id}));
  for (const auto& a : apps) {
    AnnexApplication app;
    app.id = a.Int(0);
    app.org_id = a.Int(1);
    app.org_name = a.Text(2);
    app.note = a.Text(3);
    app.reported_by = a.Int(4);
    app.created_at = a.Int(5);
    app.verified_by = a.OptInt(6).value_or(0);
    app.verified_at = a.OptInt(7).value_or(0);
    if (app.verified_by != 0) ++out.verified_applications;
    out.applications.push_back(std::move(app));
  }
  out.application_count = static_cast<int>(out.applications.size());
  out.status = StatusOf(out.reviews, rules_);
  out.promotable = out.status == "verified" &&
                   out.verified_applications >= rules_.promote_threshold &&
                   out.promoted_proposal_id == 0;
  return out;
}

Result<Annex> AnnexService::Create(const access::Principal& caller, const NewAnnex& in) {
  RUTILE_TRY(RequireLogin(caller));
  std::vector<FieldError> errors;
  const identity::Region* region = regions_.FindRegion(in.region);
  if (region == nullptr) errors.push_back({"region", "is not a region of this node"});
  if (in.title.empty() || in.title.size() > 200)
    errors.push_back({"title", "must be 1 to 200 bytes"});
  if (in.document_code.empty()) errors.push_back({"document_code", "is required"});
  if (!errors.empty()) return InvalidArgument("the annex is invalid", std::move(errors));
  const access::OrgMembership* m = caller.MembershipIn(in.org_id);
  const bool authority = m != nullptr && m->role == access::OrgRole::kAdmin && m->org_is_regulator;
  if (!authority && !(IsOperator(caller) && m != nullptr))
    return PermissionDenied(
        "annexes are opened by a regional authority's administrator or a platform operator");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Annex> {
    RUTILE_ASSIGN_OR_RETURN(auto org,
                            c.Query("SELECT region FROM organizations WHERE id = ?", {in.org_id}));
    if (org.empty()) return NotFound("organization " + std::to_string(in.org_id));
    if (!IsOperator(caller) && org[0].Text(0) != in.region)
      return PermissionDenied("a regional authority opens annexes for its own region only");
    RUTILE_ASSIGN_OR_RETURN(
        auto docs, c.Query("SELECT id FROM standard_documents WHERE code = ?", {in.document_code}));
    if (docs.empty())
      return InvalidArgument("the annex is invalid",
                             {{"document_code", "is not a standard in the library"}});
    RUTILE_ASSIGN_OR_RETURN(
        auto inserted,
        c.Query("INSERT INTO standard_annexes (org_id, region, document_code, title, created_by, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                {in.org_id, in.region, in.document_code, in.title, caller.user_id, now}));
    RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(kSelectAnnex, {inserted.at(0).Int(0)}));
    return AnnexFrom(rows.at(0), regions_);
  });
}

AnnexClause AnnexService::ForViewer(const access::Principal& caller, AnnexClause clause) {
  if (!caller.anonymous() &&
      (IsOperator(caller) || caller.HasPlatformRole(access::PlatformRole::kExpert) ||
       caller.IsAdminOf(clause.annex_org_id)))
    return clause;
  std::vector<AnnexApplication> own;
  for (auto& a : clause.applications)
    if (!caller.anonymous() && caller.IsMemberOf(a.org_id)) own.push_back(std::move(a));
  clause.applications_complete = own.size() == clause.applications.size();
  clause.applications = std::move(own);
  for (auto& r : clause.reviews) r.user_id = 0;
  return clause;
}

namespace {

// The annex as `caller` may see it: who opened it stays with its authority and the operators.
Annex AnnexForViewer(const access::Principal& caller, Annex a) {
  for (auto& c : a.clauses) c = AnnexService::ForViewer(caller, std::move(c));
  if (caller.anonymous() || (!IsOperator(caller) && !caller.IsMemberOf(a.org_id))) a.created_by = 0;
  return a;
}

}  // namespace

Result<std::vector<Annex>> AnnexService::List(const access::Principal& caller,
                                              const std::string& region) {
  RUTILE_ASSIGN_OR_RETURN(std::vector<Annex> annexes, LoadAll(region));
  for (auto& a : annexes) a = AnnexForViewer(caller, std::move(a));
  return annexes;
}

Result<Annex> AnnexService::Get(const access::Principal& caller, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(Annex a, Load(id));
  return AnnexForViewer(caller, std::move(a));
}

Result<std::vector<Annex>> AnnexService::LoadAll(const std::string& region) {
  RUTILE_ASSIGN_OR_RETURN(
      auto ids, store::Read(db_, [&](store::Connection& c) {
        return region.empty()
                   ? c.Query("SELECT id FROM standard_annexes ORDER BY id")
                   : c.Query("SELECT id FROM standard_annexes WHERE region = ? ORDER BY id",
                             {region});
      }));
  std::vector<Annex> out;
  for (const auto& r : ids) {
    RUTILE_ASSIGN_OR_RETURN(auto a, Load(r.Int(0)));
    out.push_back(std::move(a));
  }
  return out;
}

Result<Annex> AnnexService::Load(std::int64_t id) {
  return store::Read(db_, [&](store::Connection& c) -> Result<Annex> {
    RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(kSelectAnnex, {id}));
    if (rows.empty()) return NotFound("annex " + std::to_string(id));
    Annex a = AnnexFrom(rows[0], regions_);
    RUTILE_ASSIGN_OR_RETURN(
        auto clauses,
        c.Query("SELECT id FROM standard_annex_clauses WHERE annex_id = ? ORDER BY id", {id}));
    for (const auto& cr : clauses) {
      RUTILE_ASSIGN_OR_RETURN(auto clause, LoadClause(c, cr.Int(0)));
      a.clauses.push_back(std::move(clause));
    }
    return a;
  });
}

Result<AnnexClause> AnnexService::AddClause(const access::Principal& caller, std::int64_t annex_id,
                                            const NewAnnexClause& in) {
  RUTILE_ASSIGN_OR_RETURN(Annex annex, Load(annex_id));
  RUTILE_TRY(RequireOwner(caller, annex.org_id));
  std::vector<FieldError> errors;
  if (in.action != "add" && in.action != "override")
    errors.push_back({"action", "must be add or override"});
  if (in.justification.empty() || in.justification.size() > 4000)
    errors.push_back({"justification", "must be 1 to 4000 bytes"});
  const Clause& cl = in.clause;
  if (cl.id.empty() || cl.id.size() > 64) errors.push_back({"clause.id", "must be 1 to 64 bytes"});
  if (cl.number.empty()) errors.push_back({"clause.number", "is required"});
  if (!cl.title.count("en") || cl.title.at("en").empty())
    errors.push_back({"clause.title.en", "is required"});
  if (!cl.text.count("en") || cl.text.at("en").empty())
    errors.push_back({"clause.text.en", "is required"});
  if (cl.grades.empty())
    errors.push_back({"clause.grades", "must list the grades 1..4 it applies at"});
  for (int g : cl.grades)
    if (g < 1 || g > 4) errors.push_back({"clause.grades", "must be 1 to 4"});
  if (in.action == "override") {
    if (in.base_clause_id.empty())
      errors.push_back({"base_clause_id", "is required to override a national clause"});
    else if (auto base = standards_.GetClause(in.base_clause_id); !base.has_value())
      errors.push_back({"base_clause_id", "is not a clause of the current national library"});
  } else if (in.action == "add") {
    if (!in.base_clause_id.empty())
      errors.push_back({"base_clause_id", "must be empty when adding a clause"});
    if (!cl.id.empty() && standards_.GetClause(cl.id).has_value())
      errors.push_back({"clause.id", "is already a national clause; override it instead"});
  }
  if (!errors.empty()) return InvalidArgument("the annex clause is invalid", std::move(errors));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<AnnexClause> {
    RUTILE_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("INSERT INTO standard_annex_clauses (annex_id, action, base_clause_id, "
                "clause_json, justification, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "RETURNING id",
                {annex_id, in.action, in.base_clause_id, json::serialize(ClauseToJson(cl)),
                 in.justification, caller.user_id, now}));
    RUTILE_ASSIGN_OR_RETURN(AnnexClause added, LoadClause(c, rows.at(0).Int(0)));
    return ForViewer(caller, std::move(added));
  });
}

Result<AnnexClause> AnnexService::Review(const access::Principal& caller, std::int64_t clause_id,
                                         const std::string& verdict, const std::string& note) {
  RUTILE_TRY(RequireLogin(caller));
  if (!caller.HasPlatformRole(access::PlatformRole::kExpert))
    return PermissionDenied("equivalence verdicts are given by experts");
  std::vector<FieldError> errors;
  if (verdict != "equivalent" && verdict != "not_equivalent")
    errors.push_back({"verdict", "must be equivalent or not_equivalent"});
  if (note.size() > 4000) errors.push_back({"note", "must be at most 4000 bytes"});
  if (!errors.empty()) return InvalidArgument("the verdict is invalid", std::move(errors));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<AnnexClause> {
    RUTILE_ASSIGN_OR_RETURN(AnnexClause ac, LoadClause(c, clause_id));
    if (ac.promoted_proposal_id != 0)
      return Conflict("annex clause " + std::to_string(clause_id) + " is already promoted");
    RUTILE_TRY(
        c.Execute("DELETE FROM standard_annex_reviews WHERE annex_clause_id = ? AND user_id = ?",
                  {clause_id, caller.user_id}));
    RUTILE_TRY(c.Execute(
        "INSERT INTO standard_annex_reviews (annex_clause_id, user_id, verdict, note, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        {clause_id, caller.user_id, verdict, note, now}));
    RUTILE_ASSIGN_OR_RETURN(AnnexClause reviewed, LoadClause(c, clause_id));
    return ForViewer(caller, std::move(reviewed));
  });
}

Result<AnnexClause> AnnexService::ReportApplication(const access::Principal& caller,
                                                    std::int64_t clause_id, std::int64_t org_id,
                                                    const std::string& note) {
  access::RecordRef org_record;
  org_record.owner_org_id = org_id;
  RUTILE_TRY(access::Authorize(caller, access::Action::kWrite, org_record));
  if (note.size() > 4000)
    return InvalidArgument("the application is invalid", {{"note", "must be at most 4000 bytes"}});
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<AnnexClause> {
    RUTILE_ASSIGN_OR_RETURN(AnnexClause ac, LoadClause(c, clause_id));
    RUTILE_ASSIGN_OR_RETURN(auto org,
                            c.Query("SELECT region FROM organizations WHERE id = ?", {org_id}));
    if (org.empty()) return NotFound("organization " + std::to_string(org_id));
    if (org[0].Text(0) != ac.region)
      return InvalidArgument("the application is invalid",
                             {{"org_id", "is not an organization of region " + ac.region}});
    if (ac.status == "rejected")
      return Conflict("annex clause " + std::to_string(clause_id) +
                      " was found not equivalent; applications are closed");
    for (const auto& a : ac.applications)
      if (a.org_id == org_id)
        return AlreadyExists("organization " + std::to_string(org_id) +
                             " already reported applying this clause");
    RUTILE_TRY(c.Execute(
        "INSERT INTO standard_annex_applications (annex_clause_id, org_id, note, reported_by, "
        "created_at) VALUES (?, ?, ?, ?, ?)",
        {clause_id, org_id, note, caller.user_id, now}));
    RUTILE_ASSIGN_OR_RETURN(AnnexClause reported, LoadClause(c, clause_id));
    return ForViewer(caller, std::move(reported));
  });
}

Result<AnnexClause> AnnexService::VerifyApplication(const access::Principal& caller,
                                                    std::int64_t clause_id,
                                                    std::int64_t application_id) {
  RUTILE_TRY(RequireLogin(caller));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<AnnexClause> {
    RUTILE_ASSIGN_OR_RETURN(AnnexClause ac, LoadClause(c, clause_id));
    RUTILE_ASSIGN_OR_RETURN(
        auto owner, c.Query("SELECT org_id FROM standard_annexes WHERE id = ?", {ac.annex_id}));
    if (!caller.HasPlatformRole(access::PlatformRole::kExpert) &&
        !RequireOwner(caller, owner.at(0).Int(0)).has_value())
      return PermissionDenied(
          "applications are verified by experts, operators or the regional authority");
    auto app = std::find_if(ac.applications.begin(), ac.applications.end(),
                            [&](const AnnexApplication& a) { return a.id == application_id; });
    if (app == ac.applications.end())
      return NotFound("application " + std::to_string(application_id) + " of annex clause " +
                      std::to_string(clause_id));
    if (app->verified_by != 0)
      return Conflict("application " + std::to_string(application_id) + " is already verified");
    RUTILE_TRY(c.Execute(
        "UPDATE standard_annex_applications SET verified_by = ?, verified_at = ? WHERE id = ?",
        {caller.user_id, now, application_id}));
    RUTILE_ASSIGN_OR_RETURN(AnnexClause verified, LoadClause(c, clause_id));
    return ForViewer(caller, std::move(verified));
  });
}

Result<Proposal> AnnexService::Promote(const access::Principal& caller, std::int64_t clause_id) {
  RUTILE_ASSIGN_OR_RETURN(auto loaded, store::Read(db_, [&](store::Connection& c) {
                            return LoadClause(c, clause_id);
                          }));
  RUTILE_ASSIGN_OR_RETURN(Annex annex, Load(loaded.annex_id));
  RUTILE_TRY(RequireLogin(caller));
  if (!caller.IsAdminOf(annex.org_id))
    return PermissionDenied("the annex's regional authority proposes its clauses nationally");
  if (!loaded.promotable) {
    if (loaded.promoted_proposal_id != 0)
      return Conflict("annex clause " + std::to_string(clause_id) + " is already promoted as " +
                      "proposal " + std::to_string(loaded.promoted_proposal_id));
    return Conflict("annex clause " + std::to_string(clause_id) + " needs an equivalence " +
                    "verdict (now " + loaded.status + ") and " +
                    std::to_string(rules_.promote_threshold) + " verified applications (now " +
                    std::to_string(loaded.verified_applications) + ")");
  }
  NewProposal p;
  p.org_id = annex.org_id;
  p.document_code = annex.document_code;
  p.title = "Regional clause " + loaded.clause.number + " (" + annex.region + ") for the " +
            "national library";
  p.rationale = loaded.justification + "\n\nApplied by " +
                std::to_string(loaded.verified_applications) +
                " enterprises (verified) under regional annex " + std::to_string(annex.id) + ".";
  Clause clause = loaded.clause;
  if (loaded.action == "override") {
    RUTILE_ASSIGN_OR_RETURN(Clause base, standards_.GetClause(loaded.base_clause_id));
    clause.id = base.id;
    clause.number = base.number;
    p.changes.push_back({"amend", base.id, clause});
  } else {
    p.changes.push_back({"add", clause.id, clause});
  }
  RUTILE_ASSIGN_OR_RETURN(Proposal created, standards_.CreateProposal(caller, p));
  RUTILE_ASSIGN_OR_RETURN(
      auto updated, store::Write(db_, [&](store::Connection& c) {
        return c.Execute(
            "UPDATE standard_annex_clauses SET promoted_proposal_id = ? WHERE id = ? AND "
            "promoted_proposal_id IS NULL",
            {created.id, clause_id});
      }));
  if (updated != 1) {
    (void)standards_.Withdraw(caller, created.id);
    return Conflict("annex clause " + std::to_string(clause_id) + " was promoted meanwhile");
  }
  return created;
}

Result<std::vector<AnnexClause>> AnnexService::ApplicableAnnexClauses(const std::string& region,
                                                                      const MatchProfile& profile) {
  const identity::Region* r = regions_.FindRegion(region);
  if (r == nullptr)
    return InvalidArgument("the region is invalid", {{"region", "is not a region of this node"}});
  RUTILE_ASSIGN_OR_RETURN(MatchResult national, standards_.Match(profile));
  std::string family;
  if (const auto* m = kb_.FindMaterial(profile.material)) family = m->family;
  const std::string category =
      profile.region_category.empty() ? r->category : profile.region_category;
  RUTILE_ASSIGN_OR_RETURN(std::vector<Annex> annexes, LoadAll(region));
  std::vector<AnnexClause> out;
  for (const auto& a : annexes)
    for (const auto& ac : a.clauses) {
      if (ac.status == "rejected" || ac.promoted_proposal_id != 0) continue;
      const Clause& cl = ac.clause;
      const auto& k = cl.conditions;
      if (std::find(cl.grades.begin(), cl.grades.end(), national.grade) == cl.grades.end())
        continue;
      if (!Listed(k.industries, profile.industry) ||
          !Listed(k.equipment_types, profile.equipment_type) ||
          !Listed(k.region_categories, category) || !Listed(k.scale_classes, profile.scale_class) ||
          !Listed(k.material_families, family))
        continue;
      if (!k.media.empty() || !k.mechanisms.empty()) {
        bool hazard = !profile.preset.empty() && Contains(k.media, profile.preset);
        for (const auto& mech : national.mechanisms)
          hazard = hazard || Contains(k.mechanisms, mech);
        if (!hazard) continue;
      }
      out.push_back(ForViewer(access::Principal{}, ac));
    }
  return out;
}

MatchResult MergeAnnexClauses(MatchResult national, const std::vector<AnnexClause>& annex,
                              const std::string& lang) {
  for (const auto& ac : annex) {
    MatchedClause m{ac.clause.id,
                    ac.clause.number,
                    InLanguage(ac.clause.title, lang),
                    ac.clause.kind,
                    {{"annex", ac.region, "regional annex " + std::to_string(ac.annex_id)}}};
    bool replaced = false;
    if (ac.action == "override")
      for (auto* list : {&national.mandatory, &national.recommended}) {
        auto it = std::find_if(list->begin(), list->end(),
                               [&](const MatchedClause& c) { return c.id == ac.base_clause_id; });
        if (it == list->end()) continue;
        if (it->kind == m.kind) {
          *it = m;
          replaced = true;
        } else {
          list->erase(it);
        }
      }
    if (!replaced)
      (m.kind == ClauseKind::kMandatory ? national.mandatory : national.recommended).push_back(m);
  }
  return national;
}

}  // namespace rutile::standards
