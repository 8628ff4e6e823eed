#include "rutile/access/policy.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace rutile::access {
namespace {

constexpr std::int64_t kOwnerOrg = 1;
constexpr std::int64_t kParkA = 100;
constexpr std::int64_t kParkB = 200;
constexpr std::int64_t kAssociation = 500;

Principal Member(std::int64_t user, std::int64_t org, std::int64_t park,
                 std::vector<std::int64_t> associations = {}) {
  Principal p;
  p.user_id = user;
  p.memberships.push_back(OrgMembership{.org_id = org,
                                        .role = OrgRole::kMember,
                                        .park_id = park,
                                        .association_ids = std::move(associations)});
  return p;
}

std::map<std::string, Principal> Principals() {
  std::map<std::string, Principal> all;
  all["owner member"] = Member(1, kOwnerOrg, kParkA, {kAssociation});
  all["same park enterprise"] = Member(2, 2, kParkA);
  Principal manager = Member(3, 10, kParkA);
  manager.memberships[0].org_is_park = true;
  all["park manager"] = manager;
  all["other park enterprise"] = Member(4, 3, kParkB);
  all["association fellow"] = Member(5, 4, kParkB, {kAssociation});
  Principal association_staff = Member(6, kAssociation, 0);
  association_staff.memberships[0].org_is_association = true;
  all["association staff"] = association_staff;
  Principal regulator = Member(7, 20, 0);
  regulator.memberships[0].org_is_regulator = true;
  regulator.platform_roles.push_back(PlatformRole::kRegulatorAnalyst);
  all["regulator analyst"] = regulator;
  Principal operator_user;
  operator_user.user_id = 8;
  operator_user.platform_roles.push_back(PlatformRole::kOperator);
  all["platform operator"] = operator_user;
  all["anonymous visitor"] = Principal{};
  return all;
}

RecordRef Record(DataLevel level) {
  RecordRef r;
  r.owner_org_id = kOwnerOrg;
  r.level = level;
  if (level == DataLevel::kShared) {
    r.shared_park_ids = {kParkA};
    r.shared_association_ids = {kAssociation};
  }
  return r;
}

// Expected answers, one string per principal: the letters for private, shared, public, macro;
// 'y' allowed, '.' refused.
struct Row {
  const char* principal;
  const char* read;
  const char* write;
};

constexpr Row kMatrix[] = {
    {"owner member", "yyyy", "yyyy"},       {"same park enterprise", ".yy.", "...."},
    {"park manager", ".yy.", "...."},       {"other park enterprise", "..y.", "...."},
    {"association fellow", ".yy.", "...."}, {"association staff", ".yy.", "...."},
    {"regulator analyst", "..yy", "...."},  {"platform operator", "..y.", "..yy"},
    {"anonymous visitor", "....", "...."},
};

TEST(PolicyTest, FullMatrixOfPrincipalsActionsAndLevels) {
  auto principals = Principals();
  const DataLevel levels[] = {DataLevel::kPrivate, DataLevel::kShared, DataLevel::kPublic,
                              DataLevel::kMacro};
  ASSERT_EQ(std::size(kMatrix), principals.size());
  for (const Row& row : kMatrix) {
    ASSERT_TRUE(principals.count(row.principal)) << row.principal;
    const Principal& p = principals[row.principal];
    for (int i = 0; i < 4; ++i) {
      RecordRef r = Record(levels[i]);
      EXPECT_EQ(Allowed(p, Action::kRead, r), row.read[i] == 'y')
          << row.principal << " read " << DataLevelName(levels[i]);
      EXPECT_EQ(Allowed(p, Action::kWrite, r), row.write[i] == 'y')
          << row.principal << " write " << DataLevelName(levels[i]);
    }
  }
}

TEST(PolicyTest, SharedRecordNotSharedWithAnyoneStaysWithTheOwner) {
  RecordRef r = Record(DataLevel::kShared);
  r.shared_park_ids.clear();
  r.shared_association_ids.clear();
  auto principals = Principals();
  EXPECT_TRUE(Allowed(principals["owner member"], Action::kRead, r));
  EXPECT_FALSE(Allowed(principals["same park enterprise"], Action::kRead, r));
  EXPECT_FALSE(Allowed(principals["association fellow"], Action::kRead, r));
}

TEST(PolicyTest, VisitorsReadOnlyWhatIsOpenOrReleased) {
  Principal visitor;
  RecordRef pub = Record(DataLevel::kPublic);
  EXPECT_FALSE(Allowed(visitor, Action::kRead, pub));
  pub.open_to_visitors = true;
  EXPECT_TRUE(Allowed(visitor, Action::kRead, pub));
  EXPECT_FALSE(Allowed(visitor, Action::kWrite, pub));

  RecordRef macro = Record(DataLevel::kMacro);
  EXPECT_FALSE(Allowed(visitor, Action::kRead, macro));
  macro.released = true;
  EXPECT_TRUE(Allowed(visitor, Action::kRead, macro));
}

TEST(PolicyTest, AuthorizeSaysWhy) {
  auto principals = Principals();
  Status anon = Authorize(Principal{}, Action::kRead, Record(DataLevel::kPrivate));
  ASSERT_FALSE(anon.has_value());
  EXPECT_EQ(anon.error().code(), ErrorCode::kUnauthenticated);
  Status denied =
      Authorize(principals["other park enterprise"], Action::kRead, Record(DataLevel::kShared));
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(denied.error().message().find("shared"), std::string::npos);
  EXPECT_TRUE(Authorize(principals["owner member"], Action::kWrite, Record(DataLevel::kPrivate))
                  .has_value());
}

TEST(PolicyTest, AuthorizeNamedHidesWhatTheCallerMayNotRead) {
  auto principals = Principals();
  const Error missing = NotFound("item 7");
  for (const auto& who : {principals["other park enterprise"], Principal{}}) {
    for (DataLevel level : {DataLevel::kPrivate, DataLevel::kShared}) {
      for (Action action : {Action::kRead, Action::kWrite}) {
        Status s = AuthorizeNamed(who, action, Record(level), missing);
        ASSERT_FALSE(s.has_value());
        EXPECT_EQ(s.error().code(), ErrorCode::kNotFound);
        EXPECT_EQ(s.error().message(), "item 7");
      }
    }
  }
  // Readable but not writable: the caller knows it exists, so the refusal says so.
  Status denied = AuthorizeNamed(principals["same park enterprise"], Action::kWrite,
                                 Record(DataLevel::kShared), missing);
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(AuthorizeNamed(Principal{}, Action::kRead, Record(DataLevel::kPublic), missing)
                .error()
                .code(),
            ErrorCode::kUnauthenticated);
  EXPECT_TRUE(AuthorizeNamed(principals["owner member"], Action::kWrite,
                             Record(DataLevel::kPrivate), missing)
                  .has_value());
}

TEST(PolicyTest, LevelNamesRoundTrip) {
  for (DataLevel l :
       {DataLevel::kPrivate, DataLevel::kShared, DataLevel::kPublic, DataLevel::kMacro}) {
    EXPECT_EQ(ParseDataLevel(DataLevelName(l)), l);
  }
  EXPECT_FALSE(ParseDataLevel("secret").has_value());
}

}  // namespace
}  // namespace rutile::access
