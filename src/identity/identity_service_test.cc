#include "rutile/identity/identity_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <set>

#include "rutile/identity/identity_migrations.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/store/migrations.h"

namespace rutile::identity {
namespace {

using access::OrgRole;
using access::PlatformRole;
using access::Principal;

class IdentityServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("identity_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto db = store::OpenDatabase("sqlite:" + path_.string());
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    db_ = std::move(db).value();
    auto migrations = IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    IdentityOptions options;
    options.password_cost = PasswordCost::kMinimal;
    options.max_failures_per_account = 3;
    options.max_failures_per_address = 5;
    service_ =
        std::make_unique<IdentityService>(*db_, clock_, RegionCatalog::Default(), options,
                                          GovernanceSink{[this] { return governance_status_; },
                                                         [this](const GovernanceEvent& e) {
                                                           std::lock_guard lock(mu_);
                                                           events_.push_back(e);
                                                           return Ok();
                                                         }});
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
    std::filesystem::remove(path_);
    std::filesystem::remove(path_.string() + "-wal");
    std::filesystem::remove(path_.string() + "-shm");
  }

  NewOrganization Plant(std::string name, std::int64_t park_id = 0) {
    NewOrganization o;
    o.name = std::move(name);
    o.kind = "end_user_plant";
    o.region = "cn-east";
    o.industry = "electroplating";
    o.park_id = park_id;
    o.headcount = 45;
    o.annual_revenue = 12'000'000;
    return o;
  }
  NewUser Person(std::string email) {
    return NewUser{std::move(email), "a long enough password", "Test Person", "en"};
  }
  Principal Login(const std::string& email) {
    auto s = service_->Login(email, "a long enough password", "10.0.0.1");
    EXPECT_TRUE(s.has_value()) << s.error().ToString();
    auto p = service_->Authenticate(s->token);
    EXPECT_TRUE(p.has_value());
    return *p;
  }

  std::filesystem::path path_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{FromUnixSeconds(1'800'000'000)};
  std::unique_ptr<IdentityService> service_;
  std::mutex mu_;
  std::vector<GovernanceEvent> events_;
  Status governance_status_;
};

TEST_F(IdentityServiceTest, NothingIsWrittenWhenTheLedgerRefuses) {
  governance_status_ = FailedPrecondition("ledger check failed");
  auto reg = service_->Register(Person("a@example.com"), Plant("Works A"));
  ASSERT_FALSE(reg.has_value());
  EXPECT_EQ(reg.error().code(), ErrorCode::kFailedPrecondition);
  governance_status_ = Ok();
  // The same e-mail and name are still free: nothing was half-written.
  EXPECT_TRUE(service_->Register(Person("a@example.com"), Plant("Works A")).has_value());
}

TEST_F(IdentityServiceTest, RegisterCreatesOrganizationAdminAndSession) {
  auto reg = service_->Register(Person("Owner@Example.com "), Plant("Jinhe Plating Works"));
  ASSERT_TRUE(reg.has_value()) << reg.error().ToString();
  EXPECT_EQ(reg->organization.scale_class, ScaleClass::kSmall);  // 45 people, 12M CNY
  EXPECT_EQ(reg->session.user.email, "owner@example.com");
  auto p = service_->Authenticate(reg->session.token);
  ASSERT_TRUE(p.has_value());
  EXPECT_TRUE(p->IsAdminOf(reg->organization.id));
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(events_[0].record_type, "organization.registered");
  EXPECT_EQ(events_[0].record_id, std::to_string(reg->organization.id));
  EXPECT_EQ(events_[0].canonical_content.find("owner@"), std::string::npos);  // no personal data
}

TEST_F(IdentityServiceTest, RegisterReportsEveryBadField) {
  NewOrganization org = Plant("");
  org.region = "atlantis";
  org.kind = "bakery";
  NewUser user{"not-an-email", "short", "", "xx"};
  auto reg = service_->Register(user, org);
  ASSERT_FALSE(reg.has_value());
  EXPECT_EQ(reg.error().code(), ErrorCode::kInvalidArgument);
  std::set<std::string> fields;
  for (const auto& f : reg.error().fields()) fields.insert(f.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"email", "password", "name", "language", "organization.name",
                                   "organization.kind", "organization.region"}));

  auto bad_org = service_->Register(Person("a@example.com"), org);
  ASSERT_FALSE(bad_org.has_value());
  fields.clear();
  for (const auto& f : bad_org.error().fields()) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"organization.name", "organization.kind",
                                           "organization.region"}));
  // Nothing was half-written: the e-mail is still free.
  EXPECT_TRUE(service_->Register(Person("a@example.com"), Plant("Valid Works")).has_value());
}

TEST_F(IdentityServiceTest, RegisterRefusesDuplicatesAndOperatorKinds) {
  ASSERT_TRUE(service_->Register(Person("a@example.com"), Plant("Works A")).has_value());
  auto dup_email = service_->Register(Person("A@example.com"), Plant("Works B"));
  ASSERT_FALSE(dup_email.has_value());
  EXPECT_EQ(dup_email.error().fields().at(0).field, "email");
  auto dup_org = service_->Register(Person("b@example.com"), Plant("Works A"));
  ASSERT_FALSE(dup_org.has_value());
  EXPECT_EQ(dup_org.error().code(), ErrorCode::kAlreadyExists);
  NewOrganization regulator = Plant("Bureau");
  regulator.kind = "regulator";
  auto reg = service_->Register(Person("c@example.com"), regulator);
  ASSERT_FALSE(reg.has_value());
  EXPECT_EQ(reg.error().fields().at(0).field, "organization.kind");
}

TEST_F(IdentityServiceTest, LoginThrottlesPerAccountAndRecovers) {
  ASSERT_TRUE(service_->Register(Person("a@example.com"), Plant("Works A")).has_value());
  for (int i = 0; i < 3; ++i) {
    auto bad = service_->Login("a@example.com", "wrong password!", "10.0.0.2");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code(), ErrorCode::kUnauthenticated);
  }
  auto blocked = service_->Login("a@example.com", "a long enough password", "10.0.0.2");
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().code(), ErrorCode::kResourceExhausted);
  clock_.Advance(std::chrono::minutes(16));
  EXPECT_TRUE(service_->Login("a@example.com", "a long enough password", "10.0.0.2").has_value());
}

TEST_F(IdentityServiceTest, LoginThrottlesPerAddress) {
  ASSERT_TRUE(service_->Register(Person("a@example.com"), Plant("Works A")).has_value());
  for (int i = 0; i < 5; ++i)
    (void)service_->Login("nobody" + std::to_string(i) + "@example.com", "xxxxxxxxxxxx",
                          "10.9.9.9");
  auto blocked = service_->Login("a@example.com", "a long enough password", "10.9.9.9");
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().code(), ErrorCode::kResourceExhausted);
  EXPECT_TRUE(service_->Login("a@example.com", "a long enough password", "10.0.0.3").has_value());
}

TEST_F(IdentityServiceTest, SessionsExpireAndLogOut) {
  auto reg = service_->Register(Person("a@example.com"), Plant("Works A"));
  ASSERT_TRUE(reg.has_value());
  const std::string token = reg->session.token;
  EXPECT_TRUE(service_->Authenticate(token).has_value());
  EXPECT_FALSE(service_->Authenticate(token + "x").has_value());
  EXPECT_FALSE(service_->Authenticate("").has_value());
  clock_.Advance(std::chrono::hours(24 * 15));
  auto expired = service_->Authenticate(token);
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().code(), ErrorCode::kUnauthenticated);

  auto s = service_->Login("a@example.com", "a long enough password", "10.0.0.1");
  ASSERT_TRUE(s.has_value());
  ASSERT_TRUE(service_->Authenticate(s->token).has_value());
  ASSERT_TRUE(service_->Logout(s->token).has_value());
  EXPECT_FALSE(service_->Authenticate(s->token).has_value());
}

TEST_F(IdentityServiceTest, CachedSessionsStillEndOnLogoutExpiryAndMembershipChange) {
  auto a = service_->Register(Person("a@example.com"), Plant("Works A"));
  auto b = service_->Register(Person("b@example.com"), Plant("Works B"));
  ASSERT_TRUE(a.has_value() && b.has_value());
  const std::string token_b = b->session.token;
  // Warm the cache, then change what it holds: b joins organization A.
  ASSERT_TRUE(service_->Authenticate(token_b).has_value());
  Principal admin_a = *service_->Authenticate(a->session.token);
  auto inv = service_->Invite(admin_a, a->organization.id, "b@example.com", OrgRole::kMember);
  ASSERT_TRUE(inv.has_value());
  ASSERT_TRUE(service_->AcceptInvitation(*service_->Authenticate(token_b), inv->id).has_value());
  EXPECT_TRUE(service_->Authenticate(token_b)->IsMemberOf(a->organization.id));
  // Logout ends the session at once, cached or not.
  ASSERT_TRUE(service_->Logout(token_b).has_value());
  EXPECT_FALSE(service_->Authenticate(token_b).has_value());
  // A cached session does not outlive its expiry.
  ASSERT_TRUE(service_->Authenticate(a->session.token).has_value());
  clock_.Set(FromUnixSeconds(a->session.expires_at));
  EXPECT_FALSE(service_->Authenticate(a->session.token).has_value());
}

TEST_F(IdentityServiceTest, MembersAreVisibleToMembersOnlyAndAddedByAdmins) {
  auto a = service_->Register(Person("a@example.com"), Plant("Works A"));
  auto b = service_->Register(Person("b@example.com"), Plant("Works B"));
  ASSERT_TRUE(a.has_value() && b.has_value());
  const std::int64_t org_a = a->organization.id;
  Principal admin_a = Login("a@example.com");
  Principal admin_b = Login("b@example.com");

  EXPECT_EQ(service_->ListMembers(Principal{}, org_a).error().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(service_->ListMembers(admin_b, org_a).error().code(), ErrorCode::kPermissionDenied);
  auto members = service_->ListMembers(admin_a, org_a);
  ASSERT_TRUE(members.has_value());
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ(members->at(0).role, OrgRole::kAdmin);

  EXPECT_EQ(service_->Invite(admin_b, org_a, "b@example.com", OrgRole::kMember).error().code(),
            ErrorCode::kPermissionDenied);
  auto invited = service_->Invite(admin_a, org_a, "B@example.com", OrgRole::kMember);
  ASSERT_TRUE(invited.has_value()) << invited.error().ToString();
  EXPECT_EQ(invited->email, "b@example.com");
  EXPECT_EQ(service_->Invite(admin_a, org_a, "b@example.com", OrgRole::kMember).error().code(),
            ErrorCode::kAlreadyExists);
  // Inviting is not joining: b is no member until b accepts.
  EXPECT_FALSE(Login("b@example.com").IsMemberOf(org_a));
  ASSERT_TRUE(service_->AcceptInvitation(admin_b, invited->id).has_value());
  EXPECT_EQ(service_->Invite(admin_a, org_a, "b@example.com", OrgRole::kMember).error().code(),
            ErrorCode::kAlreadyExists);
  Principal b_again = Login("b@example.com");
  EXPECT_TRUE(b_again.IsMemberOf(org_a));
  EXPECT_FALSE(b_again.IsAdminOf(org_a));
}

TEST_F(IdentityServiceTest, ProfileFiguresStayWithTheOrganization) {
  auto a = service_->Register(Person("a@example.com"), Plant("Works A"));
  ASSERT_TRUE(service_->Register(Person("b@example.com"), Plant("Works B")).has_value());
  auto own = service_->GetOrganization(Login("a@example.com"), a->organization.id);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->headcount, 45);
  auto other = service_->GetOrganization(Login("b@example.com"), a->organization.id);
  ASSERT_TRUE(other.has_value());
  EXPECT_FALSE(other->headcount.has_value());
  EXPECT_EQ(other->scale_class, ScaleClass::kSmall);
  EXPECT_EQ(service_->GetOrganization(Principal{}, 9999).error().code(), ErrorCode::kNotFound);
}

TEST_F(IdentityServiceTest, RealNameFilingIsDecidedByTheOperatorAndLedgered) {
  auto a = service_->Register(Person("a@example.com"), Plant("Works A"));
  ASSERT_TRUE(a.has_value());
  const std::int64_t org = a->organization.id;
  NewOrganization op_org = Plant("Platform Operations");
  op_org.kind = "platform_operator";
  auto operator_org = service_->CreateOrganization(op_org);
  ASSERT_TRUE(operator_org.has_value());
  ASSERT_TRUE(service_
                  ->CreateUser(Person("op@example.com"), operator_org->id, OrgRole::kAdmin,
                               {PlatformRole::kOperator})
                  .has_value());
  Principal admin = Login("a@example.com");
  Principal op = Login("op@example.com");

  EXPECT_EQ(service_->DecideRealNameFiling(op, org, true).error().code(), ErrorCode::kConflict);
  auto pending = service_->RequestRealNameFiling(admin, org, "91320000MA1XXXXX0X");
  ASSERT_TRUE(pending.has_value());
  EXPECT_EQ(pending->real_name_status, RealNameStatus::kPending);
  EXPECT_EQ(service_->DecideRealNameFiling(admin, org, true).error().code(),
            ErrorCode::kPermissionDenied);
  events_.clear();
  auto approved = service_->DecideRealNameFiling(op, org, true);
  ASSERT_TRUE(approved.has_value());
  EXPECT_EQ(approved->real_name_status, RealNameStatus::kApproved);
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(events_[0].record_type, "organization.real_name_approved");
  EXPECT_EQ(events_[0].canonical_content.find("91320000"), std::string::npos);
  EXPECT_EQ(service_->RequestRealNameFiling(admin, org, "x").error().code(), ErrorCode::kConflict);
}

TEST_F(IdentityServiceTest, ParkAndAssociationShapeThePrincipal) {
  auto park = service_->CreatePark("Jinhe Surface Treatment Park", "cn-east", 0);
  ASSERT_TRUE(park.has_value());
  NewOrganization manager = Plant("Jinhe Park Management");
  manager.kind = "industrial_park";
  manager.park_id = park->id;
  auto mgr = service_->CreateOrganization(manager);
  ASSERT_TRUE(mgr.has_value());
  ASSERT_TRUE(service_->SetParkManager(park->id, mgr->id).has_value());
  NewOrganization assoc = Plant("Titanium Heater Mutual Aid Association");
  assoc.kind = "association";
  auto association = service_->CreateOrganization(assoc);
  ASSERT_TRUE(association.has_value());

  NewOrganization tenant = Plant("Tenant Plating", park->id);
  tenant.association_ids = {association->id};
  auto t = service_->CreateOrganization(tenant);
  ASSERT_TRUE(t.has_value()) << t.error().ToString();
  ASSERT_TRUE(service_->CreateUser(Person("t@example.com"), t->id, OrgRole::kMember).has_value());
  ASSERT_TRUE(service_->CreateUser(Person("m@example.com"), mgr->id, OrgRole::kAdmin).has_value());

  Principal tp = Login("t@example.com");
  ASSERT_EQ(tp.memberships.size(), 1u);
  EXPECT_EQ(tp.memberships[0].park_id, park->id);
  EXPECT_EQ(tp.memberships[0].association_ids, std::vector<std::int64_t>{association->id});
  Principal mp = Login("m@example.com");
  EXPECT_TRUE(mp.memberships[0].org_is_park);

  NewOrganization wrong_region = Plant("Far Away Works", park->id);
  wrong_region.region = "cn-west";
  auto bad = service_->CreateOrganization(wrong_region);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields().at(0).field, "park_id");
  NewOrganization not_assoc = Plant("Other Works");
  not_assoc.association_ids = {t->id};
  EXPECT_FALSE(service_->CreateOrganization(not_assoc).has_value());
}

}  // namespace
}  // namespace rutile::identity
