#include "rutile/standards/lifecycle.h"

#include <algorithm>
#include <string>

namespace rutile::standards {
namespace {

using A = LifecycleAction;
using S = ProposalState;
using R = LifecycleRole;

template <typename E>
struct Named {
  E value;
  std::string_view name;
};

constexpr Named<S> kStates[] = {
    {S::kProposal, "proposal"},
    {S::kExpertReview, "expert_review"},
    {S::kPublicConsultation, "public_consultation"},
    {S::kReleased, "released"},
    {S::kRejected, "rejected"},
    {S::kWithdrawn, "withdrawn"},
};
constexpr Named<A> kActions[] = {
    {A::kSubmit, "submit"},     {A::kAssignExperts, "assign_experts"},
    {A::kVote, "vote"},         {A::kOpenConsultation, "open_consultation"},
    {A::kComment, "comment"},   {A::kDisposeComment, "dispose_comment"},
    {A::kRelease, "release"},   {A::kRevise, "revise"},
    {A::kWithdraw, "withdraw"}, {A::kReject, "reject"},
};
constexpr Named<R> kRoles[] = {
    {R::kProposerAdmin, "proposer_admin"},
    {R::kExpert, "expert"},
    {R::kOperator, "operator"},
    {R::kRegisteredUser, "registered_user"},
};

template <typename E, std::size_t N>
std::string_view NameOf(const Named<E> (&table)[N], E value) {
  for (const auto& n : table)
    if (n.value == value) return n.name;
  return "unknown";
}
template <typename E, std::size_t N>
std::optional<E> Parse(const Named<E> (&table)[N], std::string_view name) {
  for (const auto& n : table)
    if (n.name == name) return n.value;
  return std::nullopt;
}

}  // namespace

std::string_view ProposalStateName(ProposalState s) { return NameOf(kStates, s); }
std::optional<ProposalState> ParseProposalState(std::string_view n) { return Parse(kStates, n); }
std::string_view LifecycleActionName(LifecycleAction a) { return NameOf(kActions, a); }
std::optional<LifecycleAction> ParseLifecycleAction(std::string_view n) {
  return Parse(kActions, n);
}
std::string_view LifecycleRoleName(LifecycleRole r) { return NameOf(kRoles, r); }

const std::vector<ProposalState>& AllProposalStates() {
  static const std::vector<ProposalState> all = [] {
    std::vector<ProposalState> v;
    for (const auto& n : kStates) v.push_back(n.value);
    return v;
  }();
  return all;
}
const std::vector<LifecycleAction>& AllLifecycleActions() {
  static const std::vector<LifecycleAction> all = [] {
    std::vector<LifecycleAction> v;
    for (const auto& n : kActions) v.push_back(n.value);
    return v;
  }();
  return all;
}
const std::vector<LifecycleRole>& AllLifecycleRoles() {
  static const std::vector<LifecycleRole> all = [] {
    std::vector<LifecycleRole> v;
    for (const auto& n : kRoles) v.push_back(n.value);
    return v;
  }();
  return all;
}

bool ExpertsPass(const VoteTally& t, const LifecycleRules& rules) {
  if (t.assigned < std::max(rules.min_experts, 1)) return false;
  const bool enough_approvals = static_cast<long long>(t.approve) * rules.approve_min_den >=
                                static_cast<long long>(rules.approve_min_num) * t.assigned;
  const bool few_rejections = static_cast<long long>(t.reject) * rules.reject_max_den <=
                              static_cast<long long>(rules.reject_max_num) * t.assigned;
  return enough_approvals && few_rejections;
}

std::vector<LifecycleAction> ActionsAllowedIn(ProposalState state) {
  switch (state) {
    case S::kProposal:
      return {A::kSubmit, A::kWithdraw, A::kReject};
    case S::kExpertReview:
      return {A::kAssignExperts, A::kVote, A::kOpenConsultation, A::kWithdraw, A::kReject};
    case S::kPublicConsultation:
      return {A::kComment, A::kDisposeComment, A::kRelease, A::kWithdraw, A::kReject};
    case S::kReleased:
      return {A::kRevise};
    case S::kRejected:
    case S::kWithdrawn:
      return {};
  }
  return {};
}

std::vector<LifecycleRole> RolesFor(LifecycleAction action) {
  switch (action) {
    case A::kSubmit:
    case A::kWithdraw:
      return {R::kProposerAdmin};
    case A::kAssignExperts:
    case A::kOpenConsultation:
    case A::kDisposeComment:
    case A::kRelease:
    case A::kReject:
      return {R::kOperator};
    case A::kVote:
      return {R::kExpert};
    case A::kComment:
      return {R::kRegisteredUser, R::kProposerAdmin, R::kExpert, R::kOperator};
    case A::kRevise:
      return {R::kProposerAdmin, R::kOperator};
  }
  return {};
}

namespace {
ProposalState Target(ProposalState state, LifecycleAction action) {
  switch (action) {
    case A::kSubmit:
      return S::kExpertReview;
    case A::kOpenConsultation:
      return S::kPublicConsultation;
    case A::kRelease:
      return S::kReleased;
    case A::kWithdraw:
      return S::kWithdrawn;
    case A::kReject:
      return S::kRejected;
    case A::kAssignExperts:
    case A::kVote:
    case A::kComment:
    case A::kDisposeComment:
    case A::kRevise:  // the released proposal stays released; revising opens a new proposal
      return state;
  }
  return state;
}
}  // namespace

Result<ProposalState> Transition(ProposalState state, LifecycleAction action,
                                 const std::vector<LifecycleRole>& roles) {
  const auto allowed = ActionsAllowedIn(state);
  if (std::find(allowed.begin(), allowed.end(), action) == allowed.end()) {
    std::string names;
    for (auto a : allowed) {
      if (!names.empty()) names += ", ";
      names += LifecycleActionName(a);
    }
    return Conflict("a proposal in state " + std::string(ProposalStateName(state)) +
                    " does not admit " + std::string(LifecycleActionName(action)) +
                    "; allowed actions: " + (names.empty() ? "none" : names));
  }
  const auto permitted = RolesFor(action);
  for (auto r : roles)
    if (std::find(permitted.begin(), permitted.end(), r) != permitted.end())
      return Target(state, action);
  std::string names;
  for (auto r : permitted) {
    if (!names.empty()) names += ", ";
    names += LifecycleRoleName(r);
  }
  return PermissionDenied(std::string(LifecycleActionName(action)) + " needs the role " + names);
}

Status CheckGuards(LifecycleAction action, const GuardFacts& f, const LifecycleRules& rules) {
  switch (action) {
    case A::kVote:
      if (f.tally.assigned == 0) return FailedPrecondition("no experts are assigned yet");
      return Ok();
    case A::kOpenConsultation:
      if (!ExpertsPass(f.tally, rules))
        return FailedPrecondition(
            "the expert vote has not passed: " + std::to_string(f.tally.approve) + " of " +
            std::to_string(f.tally.assigned) + " approve, " + std::to_string(f.tally.reject) +
            " reject (needs at least " + std::to_string(rules.approve_min_num) + "/" +
            std::to_string(rules.approve_min_den) + " approving and at most " +
            std::to_string(rules.reject_max_num) + "/" + std::to_string(rules.reject_max_den) +
            " rejecting)");
      return Ok();
    case A::kComment:
      if (f.consultation_closes_at != 0 && f.now >= f.consultation_closes_at)
        return FailedPrecondition("the consultation window has closed");
      return Ok();
    case A::kRelease:
      if (f.now < f.consultation_closes_at)
        return FailedPrecondition("the consultation window is still open");
      if (f.open_comments > 0)
        return FailedPrecondition(std::to_string(f.open_comments) +
                                  " comment(s) still need a disposition");
      return Ok();
    case A::kSubmit:
    case A::kAssignExperts:
    case A::kDisposeComment:
    case A::kRevise:
    case A::kWithdraw:
    case A::kReject:
      return Ok();
  }
  return Ok();
}

}  // namespace rutile::standards
