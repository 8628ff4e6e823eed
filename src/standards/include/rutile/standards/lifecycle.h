// The standard-revision lifecycle as a pure state machine: proposal -> expert_review ->
// public_consultation -> released, with rejected and withdrawn as ends. No I/O and no clock:
// callers pass the facts a guard needs. Stateless functions; thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::standards {

enum class ProposalState {
  kProposal,
  kExpertReview,
  kPublicConsultation,
  kReleased,
  kRejected,
  kWithdrawn,
};

enum class LifecycleAction {
  kSubmit,
  kAssignExperts,
  kVote,
  kOpenConsultation,
  kComment,
  kDisposeComment,
  kRelease,
  kRevise,
  kWithdraw,
  kReject,
};

// The part a caller plays for one proposal. A caller may hold several at once.
enum class LifecycleRole {
  kProposerAdmin,   // administrator of the proposing organization
  kExpert,          // expert assigned to this proposal (or, for assignment, holding the role)
  kOperator,        // platform operator
  kRegisteredUser,  // any logged-in user
};

std::string_view ProposalStateName(ProposalState s);
std::optional<ProposalState> ParseProposalState(std::string_view name);
std::string_view LifecycleActionName(LifecycleAction a);
std::optional<LifecycleAction> ParseLifecycleAction(std::string_view name);
std::string_view LifecycleRoleName(LifecycleRole r);

const std::vector<ProposalState>& AllProposalStates();
const std::vector<LifecycleAction>& AllLifecycleActions();
const std::vector<LifecycleRole>& AllLifecycleRoles();

// Configuration of the review. The expert vote passes when approvals >= approve_min of the
// assigned experts and rejections <= reject_max of them (fractions as numerator/denominator).
struct LifecycleRules {
  int approve_min_num = 2;
  int approve_min_den = 3;
  int reject_max_num = 1;
  int reject_max_den = 4;
  int min_experts = 1;
  std::chrono::seconds consultation_window = std::chrono::hours(24 * 60);
};

struct VoteTally {
  int assigned = 0;
  int approve = 0;
  int reject = 0;
  int abstain = 0;
};

// True when the tally meets the passing rule.
bool ExpertsPass(const VoteTally& tally, const LifecycleRules& rules);

// Actions the state admits (whoever asks). Empty for rejected and withdrawn.
std::vector<LifecycleAction> ActionsAllowedIn(ProposalState state);
// Roles that may take the action (independent of state).
std::vector<LifecycleRole> RolesFor(LifecycleAction action);

// The state after the action, or: kConflict when the state does not admit the action (the
// message names the actions it does admit); kPermissionDenied when none of the roles may take it.
// Guards that depend on data (votes, window, open comments) are checked by CheckGuards.
Result<ProposalState> Transition(ProposalState state, LifecycleAction action,
                                 const std::vector<LifecycleRole>& roles);

// Facts the guards need.
struct GuardFacts {
  VoteTally tally;
  std::int64_t now = 0;                     // Unix seconds
  std::int64_t consultation_closes_at = 0;  // Unix seconds; 0 = not open
  int open_comments = 0;                    // comments without a disposition
};

// kFailedPrecondition when the action is admitted but its guard fails: open_consultation needs
// the expert vote to pass; vote needs experts assigned; release needs the window closed and
// every comment disposed; comment needs the window open.
Status CheckGuards(LifecycleAction action, const GuardFacts& facts, const LifecycleRules& rules);

}  // namespace rutile::standards
