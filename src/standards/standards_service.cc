#include "rutile/standards/standards_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "rutile/engine/risk_engine.h"
#include "rutile/identity/model.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/standards/json_codec.h"
#include "rutile/standards/search_terms.h"
#include "standards_repository.h"

namespace rutile::standards {
namespace json = boost::json;

std::string_view DispositionName(Disposition d) {
  switch (d) {
    case Disposition::kAccepted:
      return "accepted";
    case Disposition::kPartlyAccepted:
      return "partly_accepted";
    case Disposition::kRejected:
      return "rejected";
  }
  return "rejected";
}
std::optional<Disposition> ParseDisposition(std::string_view name) {
  if (name == "accepted") return Disposition::kAccepted;
  if (name == "partly_accepted") return Disposition::kPartlyAccepted;
  if (name == "rejected") return Disposition::kRejected;
  return std::nullopt;
}

namespace {

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// "limited to X": met when the profile states a listed value or states nothing (then the
// clause is kept, with a reason saying the condition was not stated).
bool CheckListed(const std::string& name, const std::vector<std::string>& listed,
                 const std::string& value, std::vector<MatchReason>& reasons) {
  if (listed.empty()) return true;
  if (value.empty()) {
    reasons.push_back({"unstated", name, "limited to " + Join(listed) + "; not stated", listed});
    return true;
  }
  if (!Contains(listed, value)) return false;
  reasons.push_back({name, value, "listed: " + Join(listed), listed});
  return true;
}

std::optional<engine::ConcentrationUnit> ParseUnit(std::string_view u) {
  if (u == "wt_pct") return engine::ConcentrationUnit::kWtPct;
  if (u == "mg_l") return engine::ConcentrationUnit::kMgPerL;
  if (u == "g_l") return engine::ConcentrationUnit::kGPerL;
  if (u == "vol_pct") return engine::ConcentrationUnit::kVolPct;
  return std::nullopt;
}

std::string NextVersion(const std::string& v) {
  auto dot = v.rfind('.');
  if (dot == std::string::npos) return v + ".1";
  int minor = 0;
  for (char ch : v.substr(dot + 1)) {
    if (ch < '0' || ch > '9') return v + ".1";
    minor = minor * 10 + (ch - '0');
  }
  return v.substr(0, dot + 1) + std::to_string(minor + 1);
}

Status RequireLogin(const access::Principal& caller) {
  if (caller.anonymous()) return Unauthenticated("log in to take part in standard revisions");
  return Ok();
}

std::vector<LifecycleRole> RolesOf(const access::Principal& caller, const Proposal& p) {
  std::vector<LifecycleRole> roles;
  if (caller.anonymous()) return roles;
  roles.push_back(LifecycleRole::kRegisteredUser);
  if (caller.IsAdminOf(p.proposer_org_id)) roles.push_back(LifecycleRole::kProposerAdmin);
  if (std::find(p.experts.begin(), p.experts.end(), caller.user_id) != p.experts.end())
    roles.push_back(LifecycleRole::kExpert);
  if (caller.HasPlatformRole(access::PlatformRole::kOperator))
    roles.push_back(LifecycleRole::kOperator);
  return roles;
}

GuardFacts FactsOf(const Proposal& p, std::int64_t now) {
  GuardFacts f;
  f.tally = p.tally;
  f.now = now;
  f.consultation_closes_at = p.consultation_closes_at;
  for (const auto& c : p.comments)
    if (!c.disposition) ++f.open_comments;
  return f;
}

// Validates the changes against the base version's clauses.
void ValidateChanges(const std::vector<ClauseChange>& changes, const std::vector<Clause>& base,
                     std::vector<FieldError>& errors) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& ch = changes[i];
    const std::string prefix = "changes[" + std::to_string(i) + "].";
    const bool exists = std::any_of(base.begin(), base.end(),
                                    [&](const Clause& c) { return c.id == ch.clause_id; });
    if (ch.action != "amend" && ch.action != "add" && ch.action != "remove") {
      errors.push_back({prefix + "action", "must be amend, add or remove"});
      continue;
    }
    if (ch.clause_id.empty()) {
      errors.push_back({prefix + "clause_id", "is required"});
      continue;
    }
    if (!seen.insert(ch.clause_id).second)
      errors.push_back({prefix + "clause_id", "is changed twice in this proposal"});
    if ((ch.action == "amend" || ch.action == "remove") && !exists)
      errors.push_back({prefix + "clause_id", "is not a clause of the base version"});
    if (ch.action == "add" && exists)
      errors.push_back({prefix + "clause_id", "already exists in the base version"});
    if (ch.action == "remove" && ch.clause)
      errors.push_back({prefix + "clause", "must be absent when removing"});
    if (ch.action != "remove") {
      if (!ch.clause)
        errors.push_back({prefix + "clause", "is required"});
      else if (ch.clause->id != ch.clause_id)
        errors.push_back({prefix + "clause.id", "must equal clause_id"});
    }
  }
}

std::vector<Clause> ApplyChanges(std::vector<Clause> clauses,
                                 const std::vector<ClauseChange>& changes) {
  for (const auto& ch : changes) {
    auto it = std::find_if(clauses.begin(), clauses.end(),
                           [&](const Clause& c) { return c.id == ch.clause_id; });
    if (ch.action == "remove" && it != clauses.end())
      clauses.erase(it);
    else if (ch.action == "amend" && it != clauses.end())
      *it = *ch.clause;
    else if (ch.action == "add" && ch.clause)
      clauses.push_back(*ch.clause);
  }
  return clauses;
}

}  // namespace

StandardsService::StandardsService(store::Database& db, const Clock& clock,
                                   const engine::KnowledgeBase& kb,
                                   identity::GovernanceSink governance, LifecycleRules rules)
    : db_(db), clock_(clock), kb_(kb), governance_(std::move(governance)), rules_(rules) {}

Result<SeedReport> StandardsService::SeedStarterLibrary() {
  RUTILE_ASSIGN_OR_RETURN(Library lib, ParseLibrary(StarterLibraryJson()));
  return SeedLibrary(lib);
}

Result<SeedReport> StandardsService::SeedLibrary(const Library& lib) {
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<SeedReport> {
    SeedReport report;
    RUTILE_ASSIGN_OR_RETURN(auto existing, repository::FindDocumentByCode(c, lib.document.code));
    if (existing) {
      report.document_id = *existing;
      return report;
    }
    RUTILE_ASSIGN_OR_RETURN(report.document_id, repository::InsertDocument(c, lib.document, now));
    RUTILE_ASSIGN_OR_RETURN(report.version_id,
                            repository::InsertVersion(c, report.document_id, lib.version, now));
    RUTILE_TRY(repository::InsertClauses(c, report.version_id, lib.clauses));
    report.seeded = true;
    report.clauses = static_cast<int>(lib.clauses.size());
    return report;
  });
}

Result<std::vector<StandardDocument>> StandardsService::ListStandards() {
  return store::Read(db_, [](store::Connection& c) { return repository::LoadDocuments(c); });
}

Result<StandardDocument> StandardsService::GetStandard(std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(auto docs, ListStandards());
  for (auto& d : docs)
    if (d.id == id) return std::move(d);
  return NotFound("standard " + std::to_string(id));
}

Result<Clause> StandardsService::GetClause(const std::string& clause_id) {
  RUTILE_ASSIGN_OR_RETURN(auto clauses, store::Read(db_, [](store::Connection& c) {
                            return repository::LoadCurrentClauses(c);
                          }));
  for (auto& c : clauses)
    if (c.id == clause_id) return std::move(c);
  return NotFound("clause " + clause_id);
}

Result<MatchResult> StandardsService::Match(const MatchProfile& profile) {
  std::vector<FieldError> errors;
  MatchResult result;
  std::string preset_id, family;
  if (!profile.material.empty())
    if (const auto* m = kb_.FindMaterial(profile.material)) family = m->family;
  if (!profile.preset.empty()) {
    if (const auto* p = kb_.FindPreset(profile.preset))
      preset_id = p->id;
    else
      errors.push_back({"preset", "unknown bath preset '" + profile.preset + "'"});
  }
  if (!profile.region_category.empty() && profile.region_category != "I" &&
      profile.region_category != "II" && profile.region_category != "III")
    errors.push_back({"region_category", "must be I, II or III"});
  if (!profile.scale_class.empty() && !identity::ParseScaleClass(profile.scale_class))
    errors.push_back({"scale_class", "must be micro, small, medium or large"});
  if (profile.grade) {
    if (*profile.grade < 1 || *profile.grade > 4) errors.push_back({"grade", "must be 1 to 4"});
    result.grade = *profile.grade;
  } else {
    if (profile.material.empty())
      errors.push_back({"material", "is required unless grade is given"});
    if (!profile.temperature_c)
      errors.push_back({"temperature_c", "is required unless grade is given"});
    if (profile.preset.empty() && profile.components.empty())
      errors.push_back({"preset", "a preset or components are required unless grade is given"});
  }
  engine::AssessmentRequest req;
  for (std::size_t i = 0; i < profile.components.size(); ++i) {
    const auto& mc = profile.components[i];
    auto unit = ParseUnit(mc.unit);
    if (!unit)
      errors.push_back(
          {"components[" + std::to_string(i) + "].unit", "must be wt_pct, mg_l, g_l or vol_pct"});
    else
      req.medium.components.push_back({mc.species, *unit, mc.value});
  }
  if (!errors.empty()) return InvalidArgument("the profile is invalid", std::move(errors));

  std::vector<std::pair<std::string, std::string>> active;  // mechanism id, reason
  if (!profile.grade) {
    req.material = profile.material;
    req.medium.preset = profile.preset;
    req.medium.temperature_c = profile.temperature_c;
    req.medium.ph = profile.ph;
    req.features.crevices = profile.crevices;
    auto assessment = engine::Assess(kb_, req);
    if (!assessment.has_value()) {
      std::vector<FieldError> mapped;
      for (auto f : assessment.error().fields()) {
        if (f.field.rfind("medium.", 0) == 0) f.field = f.field.substr(7);
        mapped.push_back(std::move(f));
      }
      return Error(assessment.error().code(), assessment.error().message(), std::move(mapped));
    }
    result.assessed = true;
    result.grade = assessment->grade;
    result.governing_mechanism = std::string(assessment->governing_mechanism);
    for (const auto& m : assessment->mechanisms)
      if (m.grade >= 2) {
        active.emplace_back(std::string(m.id), m.reason);
        result.mechanisms.emplace_back(m.id);
      }
  }

  RUTILE_ASSIGN_OR_RETURN(auto clauses, store::Read(db_, [](store::Connection& c) {
                            return repository::LoadCurrentClauses(c);
                          }));
  for (const auto& cl : clauses) {
    if (std::find(cl.grades.begin(), cl.grades.end(), result.grade) == cl.grades.end()) continue;
    std::vector<MatchReason> reasons;
    std::vector<std::string> grades;
    for (int g : cl.grades) grades.push_back(std::to_string(g));
    reasons.push_back(
        {"grade", std::to_string(result.grade), "applies at grades " + Join(grades), grades});
    const auto& k = cl.conditions;
    if (!CheckListed("industry", k.industries, profile.industry, reasons) ||
        !CheckListed("equipment_type", k.equipment_types, profile.equipment_type, reasons) ||
        !CheckListed("region_category", k.region_categories, profile.region_category, reasons) ||
        !CheckListed("scale_class", k.scale_classes, profile.scale_class, reasons) ||
        !CheckListed("material_family", k.material_families, family, reasons))
      continue;
    if (!k.media.empty() || !k.mechanisms.empty()) {
      bool hazard = false;
      if (!preset_id.empty() && Contains(k.media, preset_id)) {
        reasons.push_back({"medium", preset_id, "the bath is one this clause names"});
        hazard = true;
      }
      for (const auto& [id, why] : active)
        if (Contains(k.mechanisms, id)) {
          reasons.push_back({"mechanism", id, why});
          hazard = true;
        }
      if (!hazard) continue;
    }
    MatchedClause m{cl.id, cl.number, InLanguage(cl.title, profile.lang), cl.kind,
                    std::move(reasons)};
    (cl.kind == ClauseKind::kMandatory ? result.mandatory : result.recommended)
        .push_back(std::move(m));
  }
  return result;
}

Result<SearchResult> StandardsService::Search(const SearchQuery& query) {
  std::vector<FieldError> errors;
  if (query.grade && (*query.grade < 1 || *query.grade > 4))
    errors.push_back({"grade", "must be 1 to 4"});
  if (query.limit < 1 || query.limit > 200) errors.push_back({"limit", "must be 1 to 200"});
  auto terms = SearchTerms(query.q);
  if (terms.size() > 32) errors.push_back({"q", "has more than 32 search terms"});
  if (!errors.empty()) return InvalidArgument("the search is invalid", std::move(errors));

  struct Loaded {
    std::vector<Clause> clauses;
    std::vector<std::pair<std::string, int>> counts;
  };
  RUTILE_ASSIGN_OR_RETURN(
      Loaded loaded, store::Read(db_, [&](store::Connection& c) -> Result<Loaded> {
        Loaded l;
        RUTILE_ASSIGN_OR_RETURN(l.clauses, repository::LoadCurrentClauses(c));
        RUTILE_ASSIGN_OR_RETURN(l.counts, repository::MatchTerms(c, terms, query.lang));
        return l;
      }));
  std::map<std::string, int> matched(loaded.counts.begin(), loaded.counts.end());
  SearchResult result;
  for (auto& cl : loaded.clauses) {
    int n = 0;
    if (!terms.empty()) {
      auto it = matched.find(cl.id);
      if (it == matched.end()) continue;
      n = it->second;
    } else if (!query.lang.empty() && !cl.title.contains(query.lang)) {
      continue;
    }
    if (query.grade &&
        std::find(cl.grades.begin(), cl.grades.end(), *query.grade) == cl.grades.end())
      continue;
    result.kind_counts[std::string(ClauseKindName(cl.kind))]++;
    for (int g : cl.grades) result.grade_counts[g]++;
    if (query.kind && cl.kind != *query.kind) continue;
    result.hits.push_back({std::move(cl), n});
  }
  std::stable_sort(
      result.hits.begin(), result.hits.end(),
      [](const SearchHit& a, const SearchHit& b) { return a.matched_terms > b.matched_terms; });
  result.total = static_cast<int>(result.hits.size());
  if (result.hits.size() > static_cast<std::size_t>(query.limit))
    result.hits.resize(static_cast<std::size_t>(query.limit));
  return result;
}

Result<std::vector<ClauseDiffEntry>> StandardsService::Diff(std::int64_t document_id,
                                                            const std::string& from,
                                                            const std::string& to) {
  struct Pair {
    std::vector<Clause> a, b;
  };
  RUTILE_ASSIGN_OR_RETURN(
      Pair p, store::Read(db_, [&](store::Connection& c) -> Result<Pair> {
        RUTILE_ASSIGN_OR_RETURN(auto fa, repository::VersionId(c, document_id, from));
        RUTILE_ASSIGN_OR_RETURN(auto fb, repository::VersionId(c, document_id, to));
        std::vector<FieldError> errors;
        if (!fa) errors.push_back({"from", "no such version"});
        if (!fb) errors.push_back({"to", "no such version"});
        if (!errors.empty()) return InvalidArgument("unknown version", std::move(errors));
        Pair out;
        RUTILE_ASSIGN_OR_RETURN(out.a, repository::LoadClauses(c, *fa));
        RUTILE_ASSIGN_OR_RETURN(out.b, repository::LoadClauses(c, *fb));
        return out;
      }));
  std::vector<ClauseDiffEntry> diff;
  auto find = [](const std::vector<Clause>& v, const std::string& id) -> const Clause* {
    for (const auto& c : v)
      if (c.id == id) return &c;
    return nullptr;
  };
  for (const auto& a : p.a) {
    const Clause* b = find(p.b, a.id);
    if (!b) {
      diff.push_back({a.id, a.number, "removed", {}});
      continue;
    }
    ClauseDiffEntry e{a.id, b->number, "changed", {}};
    if (a.number != b->number) e.fields.push_back("number");
    if (a.kind != b->kind) e.fields.push_back("kind");
    if (a.grades != b->grades) e.fields.push_back("grades");
    if (a.title != b->title) e.fields.push_back("title");
    if (a.text != b->text) e.fields.push_back("text");
    auto cj = [](const Clause& c) { return json::serialize(ClauseToJson(c).at("conditions")); };
    if (cj(a) != cj(*b)) e.fields.push_back("conditions");
    auto ej = [](const Clause& c) { return json::serialize(ClauseToJson(c).at("equivalences")); };
    if (ej(a) != ej(*b)) e.fields.push_back("equivalences");
    if (a.source != b->source || a.confidence != b->confidence) e.fields.push_back("source");
    if (!e.fields.empty()) diff.push_back(std::move(e));
  }
  for (const auto& b : p.b)
    if (!find(p.a, b.id)) diff.push_back({b.id, b.number, "added", {}});
  return diff;
}

// ---- lifecycle ----

Result<Proposal> StandardsService::CreateProposal(const access::Principal& caller,
                                                  const NewProposal& in) {
  return CreateProposalImpl(caller, in, 0);
}

Result<Proposal> StandardsService::CreateProposalImpl(const access::Principal& caller,
                                                      const NewProposal& in,
                                                      std::int64_t revises_proposal_id) {
  RUTILE_TRY(RequireLogin(caller));
  std::vector<FieldError> errors;
  if (in.org_id <= 0)
    errors.push_back({"org_id", "is required"});
  else if (!caller.IsAdminOf(in.org_id))
    return PermissionDenied("only an administrator of the organization may propose for it");
  if (in.title.empty() || in.title.size() > 300)
    errors.push_back({"title", "must be 1 to 300 characters"});
  if (in.rationale.empty() || in.rationale.size() > 20000)
    errors.push_back({"rationale", "must be 1 to 20000 characters"});
  if (in.changes.empty()) errors.push_back({"changes", "must name at least one clause change"});
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Proposal> {
    RUTILE_ASSIGN_OR_RETURN(auto doc, repository::FindDocumentByCode(c, in.document_code));
    if (!doc) {
      errors.push_back({"document_code", "no standard with this code"});
      return InvalidArgument("the proposal is invalid", errors);
    }
    RUTILE_ASSIGN_OR_RETURN(auto version, repository::CurrentVersion(c, *doc));
    if (!version) return FailedPrecondition("the standard has no released version");
    RUTILE_ASSIGN_OR_RETURN(auto base, repository::LoadClauses(c, version->id));
    ValidateChanges(in.changes, base, errors);
    if (!errors.empty()) return InvalidArgument("the proposal is invalid", errors);
    Proposal p;
    p.document_id = *doc;
    p.base_version_id = version->id;
    p.state = ProposalState::kProposal;
    p.proposer_user_id = caller.user_id;
    p.proposer_org_id = in.org_id;
    p.title = in.title;
    p.rationale = in.rationale;
    p.changes = in.changes;
    p.revises_proposal_id = revises_proposal_id;
    p.created_at = p.updated_at = now;
    RUTILE_ASSIGN_OR_RETURN(std::int64_t id, repository::InsertProposal(c, p));
    return repository::LoadProposal(c, id);
  });
}

namespace {
// Unsubmitted proposals are drafts: only the proposing organization and operators see them.
bool Visible(const access::Principal& caller, const Proposal& p) {
  return p.state != ProposalState::kProposal || caller.IsMemberOf(p.proposer_org_id) ||
         caller.HasPlatformRole(access::PlatformRole::kOperator);
}

// A draft the caller may not see answers every action exactly as a missing proposal.
Result<Proposal> LoadVisible(store::Connection& c, const access::Principal& caller,
                             std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(Proposal p, repository::LoadProposal(c, id));
  if (!Visible(caller, p)) return NotFound("proposal " + std::to_string(id));
  return p;
}
}  // namespace

Result<Proposal> StandardsService::GetProposal(const access::Principal& caller, std::int64_t id) {
  RUTILE_TRY(RequireLogin(caller));
  RUTILE_ASSIGN_OR_RETURN(Proposal p, store::Read(db_, [&](store::Connection& c) {
                            return repository::LoadProposal(c, id);
                          }));
  if (!Visible(caller, p)) return NotFound("proposal " + std::to_string(id));
  return p;
}

Result<std::vector<Proposal>> StandardsService::ListProposals(const access::Principal& caller) {
  RUTILE_TRY(RequireLogin(caller));
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Proposal>> {
    RUTILE_ASSIGN_OR_RETURN(auto ids, repository::ListProposalIds(c));
    std::vector<Proposal> out;
    for (auto id : ids) {
      RUTILE_ASSIGN_OR_RETURN(Proposal p, repository::LoadProposal(c, id));
      if (Visible(caller, p)) out.push_back(std::move(p));
    }
    return out;
  });
}

Result<Proposal> StandardsService::SimpleTransition(
    const access::Principal& caller, std::int64_t id, LifecycleAction action,
    const std::function<Status(store::Connection&)>& extra) {
  RUTILE_TRY(RequireLogin(caller));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Proposal> {
    RUTILE_ASSIGN_OR_RETURN(Proposal p, LoadVisible(c, caller, id));
    RUTILE_ASSIGN_OR_RETURN(ProposalState next, Transition(p.state, action, RolesOf(caller, p)));
    RUTILE_TRY(CheckGuards(action, FactsOf(p, now), rules_));
    if (action == LifecycleAction::kOpenConsultation) {
      const std::int64_t closes =
          now +
          std::chrono::duration_cast<std::chrono::seconds>(rules_.consultation_window).count();
      RUTILE_TRY(c.Execute("UPDATE standard_proposals SET consultation_closes_at = ? WHERE id = ?",
                           {closes, id}));
    }
    if (extra) RUTILE_TRY(extra(c));
    RUTILE_TRY(repository::UpdateProposalState(c, id, next, now));
    return repository::LoadProposal(c, id);
  });
}

Result<Proposal> StandardsService::Submit(const access::Principal& caller, std::int64_t id) {
  return SimpleTransition(caller, id, LifecycleAction::kSubmit);
}
Result<Proposal> StandardsService::OpenConsultation(const access::Principal& caller,
                                                    std::int64_t id) {
  return SimpleTransition(caller, id, LifecycleAction::kOpenConsultation);
}
Result<Proposal> StandardsService::Withdraw(const access::Principal& caller, std::int64_t id) {
  return SimpleTransition(caller, id, LifecycleAction::kWithdraw);
}
Result<Proposal> StandardsService::Reject(const access::Principal& caller, std::int64_t id,
                                          const std::string& reason) {
  if (reason.empty() || reason.size() > 5000)
    return InvalidArgument("a reason is required", {{"reason", "must be 1 to 5000 characters"}});
  return SimpleTransition(
      caller, id, LifecycleAction::kReject, [&](store::Connection& c) -> Status {
        RUTILE_TRY(c.Execute("UPDATE standard_proposals SET decision_reason = ? WHERE id = ?",
                             {reason, id}));
        return Ok();
      });
}

Result<Proposal> StandardsService::AssignExperts(const access::Principal& caller, std::int64_t id,
                                                 const std::vector<std::int64_t>& experts) {
  RUTILE_TRY(RequireLogin(caller));
  if (experts.empty() || experts.size() > 50)
    return InvalidArgument("experts are required",
                           {{"expert_user_ids", "must list 1 to 50 user ids"}});
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Proposal> {
    RUTILE_ASSIGN_OR_RETURN(Proposal p, LoadVisible(c, caller, id));
    RUTILE_ASSIGN_OR_RETURN(ProposalState next, Transition(p.state, LifecycleAction::kAssignExperts,
                                                           RolesOf(caller, p)));
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < experts.size(); ++i) {
      RUTILE_ASSIGN_OR_RETURN(
          auto rows,
          c.Query("SELECT 1 FROM platform_roles WHERE user_id = ? AND role = ?",
                  {experts[i],
                   std::string(identity::PlatformRoleName(access::PlatformRole::kExpert))}));
      if (rows.empty())
        errors.push_back(
            {"expert_user_ids[" + std::to_string(i) + "]", "is not a user with the expert role"});
    }
    if (!errors.empty()) return InvalidArgument("invalid experts", std::move(errors));
    for (auto e : experts)
      if (std::find(p.experts.begin(), p.experts.end(), e) == p.experts.end())
        RUTILE_TRY(c.Execute(
            "INSERT INTO standard_proposal_experts (proposal_id, user_id) VALUES (?, ?)", {id, e}));
    for (auto e : experts) {
      if (std::find(p.experts.begin(), p.experts.end(), e) != p.experts.end()) continue;
      notifications::Message m = notifications::CodedMessage(
          "standards.expert_assigned", notifications::NoticeParams().Add("proposal_id", id),
          "/standards?proposal=" + std::to_string(id));
      RUTILE_TRY(notifications::NotificationService::NotifyUserIn(c, e, m, now));
    }
    RUTILE_TRY(repository::UpdateProposalState(c, id, next, now));
    return repository::LoadProposal(c, id);
  });
}

Result<Proposal> StandardsService::CastVote(const access::Principal& caller, std::int64_t id,
                                            const std::string& vote, const std::string& note) {
  RUTILE_TRY(RequireLogin(caller));
  if (vote != "approve" && vote != "reject" && vote != "abstain")
    return InvalidArgument("invalid vote", {{"vote", "must be approve, reject or abstain"}});
  if (note.size() > 5000)
    return InvalidArgument("invalid note", {{"note", "must be at most 5000 characters"}});
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Proposal> {
    RUTILE_ASSIGN_OR_RETURN(Proposal p, LoadVisible(c, caller, id));
    RUTILE_ASSIGN_OR_RETURN(ProposalState next,
                            Transition(p.state, LifecycleAction::kVote, RolesOf(caller, p)));
    RUTILE_TRY(CheckGuards(LifecycleAction::kVote, FactsOf(p, now), rules_));
    RUTILE_TRY(
        c.Execute("DELETE FROM standard_proposal_votes WHERE proposal_id = ? AND user_id = ?",
                  {id, caller.user_id}));
    RUTILE_TRY(
        c.Execute("INSERT INTO standard_proposal_votes (proposal_id, user_id, vote, note, "
                  "created_at) VALUES (?, ?, ?, ?, ?)",
                  {id, caller.user_id, vote, note, now}));
    RUTILE_TRY(repository::UpdateProposalState(c, id, next, now));
    return repository::LoadProposal(c, id);
  });
}

Result<Comment> StandardsService::AddComment(const access::Principal& caller, std::int64_t id,
                                             const std::string& clause_id,
                                             const std::string& body) {
  RUTILE_TRY(RequireLogin(caller));
  std::vector<FieldError> errors;
  if (clause_id.empty()) errors.push_back({"clause_id", "is required"});
  if (body.empty() || body.size() > 10000)
    errors.push_back({"body", "must be 1 to 10000 characters"});
  if (!errors.empty()) return InvalidArgument("the comment is invalid", std::move(errors));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Comment> {
    RUTILE_ASSIGN_OR_RETURN(Proposal p, LoadVisible(c, caller, id));
    RUTILE_TRY(Transition(p.state, LifecycleAction::kComment, RolesOf(caller, p)));
    RUTILE_TRY(CheckGuards(LifecycleAction::kComment, FactsOf(p, now), rules_));
    bool known = std::any_of(p.changes.begin(), p.changes.end(),
                             [&](const ClauseChange& ch) { return ch.clause_id == clause_id; });
    if (!known) {
      RUTILE_ASSIGN_OR_RETURN(auto base, repository::LoadClauses(c, p.base_version_id));
      known = std::any_of(base.begin(), base.end(),
                          [&](const Clause& cl) { return cl.id == clause_id; });
    }
    if (!known)
      return InvalidArgument("the comment is invalid",
                             {{"clause_id", "is neither changed by the proposal nor in its base"}});
    RUTILE_ASSIGN_OR_RETURN(auto rows,
                            c.Query("INSERT INTO standard_proposal_comments (proposal_id, "
                                    "clause_id, user_id, body, created_at) VALUES (?, ?, ?, ?, "
                                    "?) RETURNING id",
                                    {id, clause_id, caller.user_id, body, now}));
    Comment cm;
    cm.id = rows.at(0).Int(0);
    cm.proposal_id = id;
    cm.clause_id = clause_id;
    cm.user_id = caller.user_id;
    cm.body = body;
    cm.created_at = now;
    return cm;
  });
}

Result<Comment> StandardsService::DisposeComment(const access::Principal& caller, std::int64_t id,
                                                 std::int64_t comment_id, Disposition disposition,
                                                 const std::string& reason) {
  RUTILE_TRY(RequireLogin(caller));
  if (disposition != Disposition::kAccepted && (reason.empty() || reason.size() > 5000))
    return InvalidArgument("a reason is required",
                           {{"reason", "must be 1 to 5000 characters unless accepted"}});
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Comment> {
    RUTILE_ASSIGN_OR_RETURN(Proposal p, LoadVisible(c, caller, id));
    RUTILE_TRY(Transition(p.state, LifecycleAction::kDisposeComment, RolesOf(caller, p)));
    auto it = std::find_if(p.comments.begin(), p.comments.end(),
                           [&](const Comment& cm) { return cm.id == comment_id; });
    if (it == p.comments.end()) return NotFound("comment " + std::to_string(comment_id));
    RUTILE_TRY(c.Execute(
        "UPDATE standard_proposal_comments SET disposition = ?, "
        "disposition_reason = ?, disposed_by = ?, disposed_at = ? WHERE id = ?",
        {std::string(DispositionName(disposition)), reason, caller.user_id, now, comment_id}));
    Comment cm = *it;
    cm.disposition = disposition;
    cm.disposition_reason = reason;
    cm.disposed_at = now;
    notifications::Message m =
        notifications::CodedMessage("standards.comment_disposed",
                                    notifications::NoticeParams()
                                        .Add("proposal_id", id)
                                        .Add("clause_id", cm.clause_id)
                                        .Add("disposition", DispositionName(disposition)),
                                    "/standards?proposal=" + std::to_string(id));
    RUTILE_TRY(notifications::NotificationService::NotifyUserIn(c, cm.user_id, m, now));
    return cm;
  });
}

Result<Proposal> StandardsService::Release(const access::Principal& caller, std::int64_t id) {
  RUTILE_TRY(RequireLogin(caller));
  if (governance_ && governance_.ready) RUTILE_TRY(governance_.ready());
  const std::int64_t now = UnixSeconds(clock_.Now());
  struct Released {
    Proposal proposal;
    std::string content;
    std::string region;
  };
  RUTILE_ASSIGN_OR_RETURN(
      Released out, store::Write(db_, [&](store::Connection& c) -> Result<Released> {
        RUTILE_ASSIGN_OR_RETURN(Proposal p, LoadVisible(c, caller, id));
        RUTILE_ASSIGN_OR_RETURN(ProposalState next,
                                Transition(p.state, LifecycleAction::kRelease, RolesOf(caller, p)));
        RUTILE_TRY(CheckGuards(LifecycleAction::kRelease, FactsOf(p, now), rules_));
        RUTILE_ASSIGN_OR_RETURN(auto current, repository::CurrentVersion(c, p.document_id));
        if (!current || current->id != p.base_version_id)
          return Conflict("the proposal's base version " + p.base_version +
                          " is no longer current; allowed actions: withdraw, reject");
        RUTILE_ASSIGN_OR_RETURN(auto base, repository::LoadClauses(c, p.base_version_id));
        std::vector<FieldError> errors;
        ValidateChanges(p.changes, base, errors);
        if (!errors.empty())
          return FailedPrecondition("the proposal's changes no longer apply to its base");
        auto clauses = ApplyChanges(std::move(base), p.changes);
        std::string version = NextVersion(p.base_version);
        for (;;) {  // skip a version string already taken
          RUTILE_ASSIGN_OR_RETURN(auto taken, repository::VersionId(c, p.document_id, version));
          if (!taken) break;
          version = NextVersion(version);
        }
        RUTILE_ASSIGN_OR_RETURN(std::int64_t vid,
                                repository::InsertVersion(c, p.document_id, version, now));
        RUTILE_TRY(repository::InsertClauses(c, vid, clauses));
        RUTILE_TRY(repository::SupersedeOtherVersions(c, p.document_id, vid));
        RUTILE_TRY(c.Execute("UPDATE standard_proposals SET released_version_id = ? WHERE id = ?",
                             {vid, id}));
        RUTILE_TRY(repository::UpdateProposalState(c, id, next, now));
        notifications::Message m =
            notifications::CodedMessage("standards.released",
                                        notifications::NoticeParams()
                                            .Add("proposal_id", id)
                                            .Add("document_code", p.document_code)
                                            .Add("version", version),
                                        "/standards?proposal=" + std::to_string(id));
        RUTILE_TRY(notifications::NotificationService::NotifyOrganizationIn(c, p.proposer_org_id, m,
                                                                            true, now));
        RUTILE_ASSIGN_OR_RETURN(
            auto region,
            c.Query("SELECT region FROM organizations WHERE id = ?", {p.proposer_org_id}));
        Released r;
        json::array ids;
        for (const auto& cl : clauses) ids.push_back(json::value(cl.id));
        r.content = json::serialize(json::object{{"document", p.document_code},
                                                 {"version", version},
                                                 {"proposal", id},
                                                 {"released_at", now},
                                                 {"clauses", std::move(ids)}});
        r.region = region.empty() ? "" : region[0].Text(0);
        RUTILE_ASSIGN_OR_RETURN(r.proposal, repository::LoadProposal(c, id));
        return r;
      }));
  if (governance_) {
    RUTILE_TRY(governance_.record(identity::GovernanceEvent{
        "standard.release", out.proposal.document_code + "@" + out.proposal.released_version,
        out.content, out.proposal.proposer_org_id, out.region}));
  }
  if (on_release_) on_release_(out.proposal);
  return out.proposal;
}

Result<Proposal> StandardsService::Revise(const access::Principal& caller, std::int64_t id,
                                          const NewProposal& in) {
  RUTILE_TRY(RequireLogin(caller));
  RUTILE_ASSIGN_OR_RETURN(Proposal released, GetProposal(caller, id));
  RUTILE_TRY(Transition(released.state, LifecycleAction::kRevise, RolesOf(caller, released)));
  NewProposal next = in;
  next.org_id = released.proposer_org_id;
  next.document_code = released.document_code;
  // An operator may revise on behalf of the proposing organization.
  access::Principal acting = caller;
  if (!caller.IsAdminOf(next.org_id)) {
    access::OrgMembership m;
    m.org_id = next.org_id;
    m.role = access::OrgRole::kAdmin;
    acting.memberships.push_back(std::move(m));
  }
  return CreateProposalImpl(acting, next, id);
}

}  // namespace rutile::standards
