#include "rutile/standards/lifecycle.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace rutile::standards {
namespace {

using A = LifecycleAction;
using R = LifecycleRole;
using S = ProposalState;

// The expected table, written out independently of lifecycle.cc: state -> action -> target.
const std::map<S, std::map<A, S>>& Expected() {
  static const std::map<S, std::map<A, S>> table = {
      {S::kProposal,
       {{A::kSubmit, S::kExpertReview}, {A::kWithdraw, S::kWithdrawn}, {A::kReject, S::kRejected}}},
      {S::kExpertReview,
       {{A::kAssignExperts, S::kExpertReview},
        {A::kVote, S::kExpertReview},
        {A::kOpenConsultation, S::kPublicConsultation},
        {A::kWithdraw, S::kWithdrawn},
        {A::kReject, S::kRejected}}},
      {S::kPublicConsultation,
       {{A::kComment, S::kPublicConsultation},
        {A::kDisposeComment, S::kPublicConsultation},
        {A::kRelease, S::kReleased},
        {A::kWithdraw, S::kWithdrawn},
        {A::kReject, S::kRejected}}},
      {S::kReleased, {{A::kRevise, S::kReleased}}},
      {S::kRejected, {}},
      {S::kWithdrawn, {}},
  };
  return table;
}

// Who may take each action.
const std::map<A, std::set<R>>& ExpectedRoles() {
  static const std::map<A, std::set<R>> table = {
      {A::kSubmit, {R::kProposerAdmin}},
      {A::kAssignExperts, {R::kOperator}},
      {A::kVote, {R::kExpert}},
      {A::kOpenConsultation, {R::kOperator}},
      {A::kComment, {R::kRegisteredUser, R::kProposerAdmin, R::kExpert, R::kOperator}},
      {A::kDisposeComment, {R::kOperator}},
      {A::kRelease, {R::kOperator}},
      {A::kRevise, {R::kProposerAdmin, R::kOperator}},
      {A::kWithdraw, {R::kProposerAdmin}},
      {A::kReject, {R::kOperator}},
  };
  return table;
}

TEST(LifecycleTest, EveryStateActionAndRole) {
  ASSERT_EQ(AllProposalStates().size(), 6u);
  ASSERT_EQ(AllLifecycleActions().size(), 10u);
  ASSERT_EQ(AllLifecycleRoles().size(), 4u);
  int checked = 0;
  for (S state : AllProposalStates()) {
    const auto& admitted = Expected().at(state);
    for (A action : AllLifecycleActions()) {
      for (R role : AllLifecycleRoles()) {
        SCOPED_TRACE(std::string(ProposalStateName(state)) + " / " +
                     std::string(LifecycleActionName(action)) + " / " +
                     std::string(LifecycleRoleName(role)));
        auto result = Transition(state, action, {role});
        ++checked;
        auto it = admitted.find(action);
        if (it == admitted.end()) {
          ASSERT_FALSE(result.has_value());
          EXPECT_EQ(result.error().code(), ErrorCode::kConflict);
          // The message names every action the state admits.
          for (const auto& [allowed, target] : admitted)
            EXPECT_NE(result.error().message().find(std::string(LifecycleActionName(allowed))),
                      std::string::npos)
                << result.error().message();
          if (admitted.empty()) {
            EXPECT_NE(result.error().message().find("none"), std::string::npos);
          }
        } else if (ExpectedRoles().at(action).contains(role)) {
          ASSERT_TRUE(result.has_value()) << result.error().ToString();
          EXPECT_EQ(*result, it->second);
        } else {
          ASSERT_FALSE(result.has_value());
          EXPECT_EQ(result.error().code(), ErrorCode::kPermissionDenied);
        }
      }
    }
  }
  EXPECT_EQ(checked, 6 * 10 * 4);
}

TEST(LifecycleTest, AnyHeldRoleIsEnough) {
  auto r = Transition(S::kExpertReview, A::kVote, {R::kRegisteredUser, R::kExpert});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, S::kExpertReview);
  auto none = Transition(S::kProposal, A::kSubmit, {});
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code(), ErrorCode::kPermissionDenied);
}

TEST(LifecycleTest, ConflictMessageNamesAllowedActions) {
  auto r = Transition(S::kProposal, A::kRelease, {R::kOperator});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message(),
            "a proposal in state proposal does not admit release; allowed actions: submit, "
            "withdraw, reject");
}

TEST(LifecycleTest, NamesRoundTrip) {
  for (S s : AllProposalStates()) EXPECT_EQ(ParseProposalState(ProposalStateName(s)), s);
  for (A a : AllLifecycleActions()) EXPECT_EQ(ParseLifecycleAction(LifecycleActionName(a)), a);
  EXPECT_FALSE(ParseProposalState("draft").has_value());
}

TEST(LifecycleTest, ExpertPassingRuleDefaults) {
  LifecycleRules rules;
  EXPECT_TRUE(ExpertsPass({3, 2, 0, 1}, rules));   // 2/3 approve, 0 reject
  EXPECT_FALSE(ExpertsPass({3, 1, 0, 2}, rules));  // 1/3 approve
  EXPECT_TRUE(ExpertsPass({4, 3, 1, 0}, rules));   // 3/4 approve, 1/4 reject
  EXPECT_FALSE(ExpertsPass({3, 2, 1, 0}, rules));  // 1/3 reject > 1/4
  EXPECT_FALSE(ExpertsPass({6, 3, 0, 3}, rules));  // 1/2 approve < 2/3
  EXPECT_TRUE(ExpertsPass({6, 4, 0, 0}, rules));   // exactly 2/3
  EXPECT_FALSE(ExpertsPass({0, 0, 0, 0}, rules));  // nobody assigned
  rules.approve_min_num = 1;
  rules.approve_min_den = 2;
  EXPECT_TRUE(ExpertsPass({6, 3, 0, 3}, rules));
}

TEST(LifecycleTest, Guards) {
  LifecycleRules rules;
  GuardFacts f;
  EXPECT_EQ(CheckGuards(A::kVote, f, rules).error().code(), ErrorCode::kFailedPrecondition);
  f.tally = {3, 1, 0, 0};
  EXPECT_TRUE(CheckGuards(A::kVote, f, rules).has_value());
  EXPECT_FALSE(CheckGuards(A::kOpenConsultation, f, rules).has_value());
  f.tally = {3, 3, 0, 0};
  EXPECT_TRUE(CheckGuards(A::kOpenConsultation, f, rules).has_value());
  f.now = 100;
  f.consultation_closes_at = 200;
  EXPECT_TRUE(CheckGuards(A::kComment, f, rules).has_value());
  EXPECT_FALSE(CheckGuards(A::kRelease, f, rules).has_value());
  f.now = 200;
  EXPECT_FALSE(CheckGuards(A::kComment, f, rules).has_value());
  EXPECT_TRUE(CheckGuards(A::kRelease, f, rules).has_value());
  f.open_comments = 1;
  auto open = CheckGuards(A::kRelease, f, rules);
  ASSERT_FALSE(open.has_value());
  EXPECT_NE(open.error().message().find("disposition"), std::string::npos);
  EXPECT_EQ(rules.consultation_window, std::chrono::hours(24 * 60));
}

}  // namespace
}  // namespace rutile::standards
