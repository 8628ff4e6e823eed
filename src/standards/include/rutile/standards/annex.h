// AnnexService: regional supplementary annexes. A regional authority (administrator of a
// regulator organization of that region) or a platform operator opens an annex for a region and
// a national document; annex clauses add a clause or override a national one, with a
// justification. Experts give an equivalence verdict; enterprises of the region report applying
// a local clause, and once enough applications are verified the clause can be promoted to the
// national library as a revision proposal (StandardsService::CreateProposal). Annexes are public
// like the clause library, but who applies a clause is not: readers outside the annex's
// reviewers see counts of applications, not the organizations or their notes (ForViewer).
// Holds references to its collaborators (all outliving it);
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/engine/knowledge_base.h"
#include "rutile/identity/regions.h"
#include "rutile/standards/model.h"
#include "rutile/standards/standards_service.h"
#include "rutile/store/database.h"

namespace rutile::standards {

struct AnnexRules {
  int verify_min_votes = 1;   // equivalence verdicts needed before a verdict counts
  int promote_threshold = 5;  // verified applications needed to promote a local clause
};

struct AnnexReview {
  std::int64_t user_id = 0;  // 0 when hidden from the reader
  std::string verdict;       // "equivalent", "not_equivalent"
  std::string note;
  std::int64_t created_at = 0;
};

struct AnnexApplication {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string org_name;  // the organization's name, shown wherever org_id is
  std::string note;
  std::int64_t reported_by = 0;
  std::int64_t created_at = 0;
  std::int64_t verified_by = 0;  // 0 while unverified
  std::int64_t verified_at = 0;
};

struct AnnexClause {
  std::int64_t id = 0;
  std::int64_t annex_id = 0;
  std::string region;
  std::string document_code;
  std::string action;          // "add", "override"
  std::string base_clause_id;  // override: the national clause it replaces in the region
  Clause clause;
  std::string justification;
  std::string status;  // "pending", "verified", "rejected" (from the expert verdicts)
  std::vector<AnnexReview> reviews;
  std::vector<AnnexApplication> applications;  // those the reader may see (ForViewer)
  int application_count = 0;                   // all of them, whoever reads
  int verified_applications = 0;               // all verified ones, whoever reads
  bool applications_complete = true;           // false when some were left out for the reader
  bool promotable = false;  // verified, enough verified applications, not promoted yet
  std::int64_t promoted_proposal_id = 0;
  std::int64_t created_at = 0;
  std::int64_t annex_org_id = 0;  // the regional authority owning the annex
};

struct Annex {
  std::int64_t id = 0;
  std::int64_t org_id = 0;  // the regional authority that owns it
  std::string org_name;     // its name
  std::string region;
  std::string region_category;
  std::string document_code;
  std::string title;
  std::int64_t created_by = 0;  // 0 when hidden: only its authority and operators see it
  std::int64_t created_at = 0;
  std::vector<AnnexClause> clauses;
};

struct NewAnnex {
  std::int64_t org_id = 0;
  std::string region;
  std::string document_code;
  std::string title;
};

struct NewAnnexClause {
  std::string action;
  std::string base_clause_id;
  Clause clause;
  std::string justification;
};

class AnnexService {
 public:
  AnnexService(store::Database& db, const Clock& clock, StandardsService& standards,
               const identity::RegionCatalog& regions, const engine::KnowledgeBase& kb,
               AnnexRules rules = {});

  Result<Annex> Create(const access::Principal& caller, const NewAnnex& input);
  // Open to everyone, as ForViewer shows each clause to the caller. `region` "" lists every
  // region.
  Result<std::vector<Annex>> List(const access::Principal& caller, const std::string& region);
  Result<Annex> Get(const access::Principal& caller, std::int64_t id);
  // The annex owner's administrators or a platform operator.
  Result<AnnexClause> AddClause(const access::Principal& caller, std::int64_t annex_id,
                                const NewAnnexClause& input);
  // Experts; one verdict per expert (a second one replaces the first).
  Result<AnnexClause> Review(const access::Principal& caller, std::int64_t clause_id,
                             const std::string& verdict, const std::string& note);
  // A member of an organization in the annex's region; once per organization and clause.
  Result<AnnexClause> ReportApplication(const access::Principal& caller, std::int64_t clause_id,
                                        std::int64_t org_id, const std::string& note);
  // Experts, platform operators or the annex owner's administrators.
  Result<AnnexClause> VerifyApplication(const access::Principal& caller, std::int64_t clause_id,
                                        std::int64_t application_id);
  // The annex owner's administrators; kConflict unless promotable. Returns the new proposal.
  Result<Proposal> Promote(const access::Principal& caller, std::int64_t clause_id);

  // Annex clauses of the region (not rejected) whose conditions the profile meets, as matching
  // judges national clauses (grade, listed conditions, media or mechanisms). Shown as to an
  // anonymous reader: application counts only, no reviewer ids.
  Result<std::vector<AnnexClause>> ApplicableAnnexClauses(const std::string& region,
                                                          const MatchProfile& profile);

  const AnnexRules& rules() const { return rules_; }

  // The clause as `caller` may see it. Platform operators, experts and the annex owner's
  // administrators see every application and reviewer; anyone else sees the applications of
  // their own organizations only, the counts of all, and the verdicts without who gave them.
  static AnnexClause ForViewer(const access::Principal& caller, AnnexClause clause);

 private:
  Result<AnnexClause> LoadClause(store::Connection& c, std::int64_t clause_id);
  Result<Annex> Load(std::int64_t id);
  Result<std::vector<Annex>> LoadAll(const std::string& region);

  store::Database& db_;
  const Clock& clock_;
  StandardsService& standards_;
  const identity::RegionCatalog& regions_;
  const engine::KnowledgeBase& kb_;
  AnnexRules rules_;
};

// National matching with a region's annex clauses merged in: an override replaces the national
// clause it names (same list position), an added clause joins the list of its kind. Annex
// clauses carry the reason {"annex", region, "regional annex <id>"}.
MatchResult MergeAnnexClauses(MatchResult national, const std::vector<AnnexClause>& annex,
                              const std::string& lang);

}  // namespace rutile::standards
