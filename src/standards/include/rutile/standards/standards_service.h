// StandardsService: the clause library (seeding, reading, matching, search) and the revision
// lifecycle (proposals, expert review, public consultation, release). Holds references to the
// database, clock and engine knowledge base (all outliving it); thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/engine/knowledge_base.h"
#include "rutile/identity/identity_service.h"
#include "rutile/standards/lifecycle.h"
#include "rutile/standards/model.h"
#include "rutile/store/database.h"

namespace rutile::standards {

struct SeedReport {
  bool seeded = false;  // false: the document was already present (nothing written)
  std::int64_t document_id = 0;
  std::int64_t version_id = 0;
  int clauses = 0;
};

// One change a proposal makes to the base version.
struct ClauseChange {
  std::string action;            // "amend", "add", "remove"
  std::string clause_id;         // amend/remove: an existing clause; add: the new clause's id
  std::optional<Clause> clause;  // amend/add: the full new clause
};

struct NewProposal {
  std::int64_t org_id = 0;    // the proposing organization (caller must be its admin)
  std::string document_code;  // "RTB"
  std::string title;
  std::string rationale;
  std::vector<ClauseChange> changes;
};

enum class Disposition { kAccepted, kPartlyAccepted, kRejected };
std::string_view DispositionName(Disposition d);
std::optional<Disposition> ParseDisposition(std::string_view name);

struct Comment {
  std::int64_t id = 0;
  std::int64_t proposal_id = 0;
  std::string clause_id;
  std::int64_t user_id = 0;
  std::string body;
  std::int64_t created_at = 0;
  std::optional<Disposition> disposition;
  std::string disposition_reason;
  std::int64_t disposed_at = 0;
};

struct Vote {
  std::int64_t user_id = 0;
  std::string vote;  // approve, reject, abstain
  std::string note;
};

struct Proposal {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::string document_code;
  std::int64_t base_version_id = 0;
  std::string base_version;
  ProposalState state = ProposalState::kProposal;
  std::int64_t proposer_user_id = 0;
  std::int64_t proposer_org_id = 0;
  std::string title;
  std::string rationale;
  std::string decision_reason;  // given when rejected
  std::vector<ClauseChange> changes;
  std::vector<std::int64_t> experts;
  std::vector<Vote> votes;
  VoteTally tally;
  std::int64_t consultation_closes_at = 0;
  std::int64_t released_version_id = 0;
  std::string released_version;
  std::int64_t revises_proposal_id = 0;
  std::vector<Comment> comments;
  std::vector<LifecycleAction> allowed_actions;  // admitted by the current state
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct ClauseDiffEntry {
  std::string clause_id;
  std::string number;               // the clause number people cite ("RT-1.1"), as in `to`
  std::string change;               // "added", "removed", "changed"
  std::vector<std::string> fields;  // for "changed": title, text, kind, grades, conditions, ...
};

class StandardsService {
 public:
  StandardsService(store::Database& db, const Clock& clock, const engine::KnowledgeBase& kb,
                   identity::GovernanceSink governance = {}, LifecycleRules rules = {});

  // Writes the embedded starter library once; later calls change nothing.
  Result<SeedReport> SeedStarterLibrary();
  Result<SeedReport> SeedLibrary(const Library& library);

  // Open to everyone (public clause library).
  Result<std::vector<StandardDocument>> ListStandards();
  Result<StandardDocument> GetStandard(std::int64_t id);
  // A clause of a document's current released version.
  Result<Clause> GetClause(const std::string& clause_id);
  Result<MatchResult> Match(const MatchProfile& profile);
  Result<SearchResult> Search(const SearchQuery& query);
  // Clause-level differences between two versions of one document.
  Result<std::vector<ClauseDiffEntry>> Diff(std::int64_t document_id, const std::string& from,
                                            const std::string& to);

  // Lifecycle: every method needs a logged-in caller and checks the lifecycle roles.
  Result<Proposal> CreateProposal(const access::Principal& caller, const NewProposal& input);
  Result<Proposal> GetProposal(const access::Principal& caller, std::int64_t id);
  Result<std::vector<Proposal>> ListProposals(const access::Principal& caller);
  Result<Proposal> Submit(const access::Principal& caller, std::int64_t id);
  Result<Proposal> AssignExperts(const access::Principal& caller, std::int64_t id,
                                 const std::vector<std::int64_t>& expert_user_ids);
  Result<Proposal> CastVote(const access::Principal& caller, std::int64_t id,
                            const std::string& vote, const std::string& note);
  Result<Proposal> OpenConsultation(const access::Principal& caller, std::int64_t id);
  Result<Comment> AddComment(const access::Principal& caller, std::int64_t id,
                             const std::string& clause_id, const std::string& body);
  Result<Comment> DisposeComment(const access::Principal& caller, std::int64_t id,
                                 std::int64_t comment_id, Disposition disposition,
                                 const std::string& reason);
  // New version of the document from the proposal's changes; ledger entry standard.release;
  // notifies the proposing organization's administrators.
  Result<Proposal> Release(const access::Principal& caller, std::int64_t id);
  Result<Proposal> Withdraw(const access::Principal& caller, std::int64_t id);
  Result<Proposal> Reject(const access::Principal& caller, std::int64_t id,
                          const std::string& reason);
  // Opens a new proposal against the version a released proposal produced.
  Result<Proposal> Revise(const access::Principal& caller, std::int64_t id,
                          const NewProposal& input);

  const LifecycleRules& rules() const { return rules_; }
  // Called after each successful release (outside its transaction), e.g. to tell the owners of
  // equipment the new version applies to. Set once, before the service is shared.
  void OnRelease(std::function<void(const Proposal&)> observer) {
    on_release_ = std::move(observer);
  }

 private:
  Result<Proposal> SimpleTransition(const access::Principal& caller, std::int64_t id,
                                    LifecycleAction action,
                                    const std::function<Status(store::Connection&)>& extra = {});
  Result<Proposal> CreateProposalImpl(const access::Principal& caller, const NewProposal& input,
                                      std::int64_t revises_proposal_id);

  store::Database& db_;
  const Clock& clock_;
  const engine::KnowledgeBase& kb_;
  identity::GovernanceSink governance_;
  std::function<void(const Proposal&)> on_release_;
  LifecycleRules rules_;
};

}  // namespace rutile::standards
