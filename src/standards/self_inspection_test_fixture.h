// Test fixture shared by the self-inspection, annex and release-notice tests: a fresh database
// (SQLite, or PostgreSQL when RUTILE_TEST_POSTGRES_URL is set) with identity, notifications and
// every standards migration, the starter library seeded, two organizations and a few users.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/identity/identity_service.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/standards/self_inspection_migrations.h"
#include "rutile/standards/standards_migrations.h"
#include "rutile/standards/standards_service.h"
#include "test_databases.h"

namespace rutile::standards::testing {

class SelfCheckFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    test_db_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (!test_db_->available()) GTEST_SKIP() << "RUTILE_TEST_POSTGRES_URL is not set";
    auto opened = store::OpenDatabase(test_db_->url());
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    db_ = std::move(opened).value();
    auto migrations = identity::IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    for (auto& m : StandardsMigrations()) migrations.push_back(m);
    for (auto& m : SelfInspectionMigrations()) migrations.push_back(m);
    auto applied = store::ApplyMigrations(*db_, migrations);
    ASSERT_TRUE(applied.has_value()) << applied.error().ToString();
    identity::IdentityOptions options;
    options.password_cost = identity::PasswordCost::kMinimal;
    identity_ = std::make_unique<identity::IdentityService>(
        *db_, clock_, identity::RegionCatalog::Default(), options);
    org_ = NewOrg("Plating Works", "end_user_plant", "cn-east");
    other_org_ = NewOrg("Heater Maker", "manufacturer", "cn-east");
    admin_ = Add("admin@example.com", org_, access::OrgRole::kAdmin);
    member_ = Add("member@example.com", org_, access::OrgRole::kMember);
    outsider_ = Add("outsider@example.com", other_org_, access::OrgRole::kAdmin);
    operator_ = Add("operator@example.com", other_org_, access::OrgRole::kMember,
                    {access::PlatformRole::kOperator});
    for (int i = 0; i < 3; ++i)
      experts_.push_back(Add("expert" + std::to_string(i) + "@example.com", other_org_,
                             access::OrgRole::kMember, {access::PlatformRole::kExpert}));
    standards_ = std::make_unique<StandardsService>(*db_, clock_, engine::wire::DefaultKnowledge());
    auto seeded = standards_->SeedStarterLibrary();
    ASSERT_TRUE(seeded.has_value()) << seeded.error().ToString();
  }
  void TearDown() override {
    standards_.reset();
    identity_.reset();
    db_.reset();
    test_db_.reset();
  }

  std::int64_t NewOrg(const std::string& name, const std::string& kind, const std::string& region) {
    identity::NewOrganization o;
    o.name = name;
    o.kind = kind;
    o.region = region;
    auto created = identity_->CreateOrganization(o);
    EXPECT_TRUE(created.has_value()) << created.error().ToString();
    return created.has_value() ? created->id : 0;
  }

  access::Principal Add(const std::string& email, std::int64_t org, access::OrgRole role,
                        std::vector<access::PlatformRole> platform = {}) {
    auto u =
        identity_->CreateUser({email, "long enough password", "Person", "en"}, org, role, platform);
    EXPECT_TRUE(u.has_value());
    access::Principal p;
    p.user_id = u.has_value() ? u->id : 0;
    access::OrgMembership m;
    m.org_id = org;
    m.role = role;
    p.memberships.push_back(m);
    p.platform_roles = platform;
    return p;
  }

  // A regulator organization of `region` and its administrator (a regional authority).
  std::pair<std::int64_t, access::Principal> AddAuthority(const std::string& name,
                                                          const std::string& region,
                                                          const std::string& email) {
    const std::int64_t org = NewOrg(name, "regulator", region);
    access::Principal p = Add(email, org, access::OrgRole::kAdmin);
    p.memberships[0].org_is_regulator = true;
    return {org, p};
  }

  // Takes a proposal by admin_ through review and consultation to release; returns its id.
  std::int64_t ReleaseProposal(const NewProposal& in) {
    auto created = standards_->CreateProposal(admin_, in);
    EXPECT_TRUE(created.has_value()) << created.error().ToString();
    if (!created.has_value()) return 0;
    const std::int64_t id = created->id;
    EXPECT_TRUE(standards_->Submit(admin_, id).has_value());
    std::vector<std::int64_t> ids;
    for (const auto& e : experts_) ids.push_back(e.user_id);
    EXPECT_TRUE(standards_->AssignExperts(operator_, id, ids).has_value());
    for (const auto& e : experts_)
      EXPECT_TRUE(standards_->CastVote(e, id, "approve", "").has_value());
    EXPECT_TRUE(standards_->OpenConsultation(operator_, id).has_value());
    clock_.Advance(std::chrono::hours(24 * 61));
    auto released = standards_->Release(operator_, id);
    EXPECT_TRUE(released.has_value()) << released.error().ToString();
    return id;
  }

  // Unread notifications in the user's inbox.
  int Unread(const access::Principal& p) {
    notifications::NotificationService n(*db_, clock_);
    return static_cast<int>(n.List(p, 100, true).value().unread);
  }

  std::unique_ptr<store::testing::TestDatabase> test_db_;
  FakeClock clock_{FromUnixSeconds(1'800'000'000)};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<StandardsService> standards_;
  std::int64_t org_ = 0, other_org_ = 0;
  access::Principal admin_, member_, outsider_, operator_;
  std::vector<access::Principal> experts_;
};

}  // namespace rutile::standards::testing
