// Test fixture for the restricted access part of the cases module: a database (SQLite, and
// PostgreSQL when RUTILE_TEST_POSTGRES_URL is set) with identity, notification, case and access
// migrations; an owning plant with peers, an applicant organization, a reviewer and a regulator
// analyst; helpers to publish a case.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "rutile/cases/application_service.h"
#include "rutile/cases/case_service.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/identity/identity_service.h"
#include "rutile/identity/regions.h"
#include "rutile/notifications/notification_service.h"
#include "test_databases.h"

namespace rutile::cases::testing {

class CaseAccessTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    test_db_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (!test_db_->available()) GTEST_SKIP() << "no PostgreSQL server configured";
    auto db = store::OpenDatabase(test_db_->url());
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    db_ = std::move(db).value();
    auto migrations = identity::IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    for (auto& m : CaseMigrations()) migrations.push_back(m);
    for (auto& m : CaseAccessMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    identity::IdentityOptions options;
    options.password_cost = identity::PasswordCost::kMinimal;
    identity_ = std::make_unique<identity::IdentityService>(
        *db_, clock_, identity::RegionCatalog::Default(), options);
    cases_ = std::make_unique<CaseService>(*db_, clock_);
    plant_ = Org("苏州华瑞电镀有限公司", "cn-east", "electroplating");
    for (int i = 0; i < 5; ++i)
      Org("peer plating " + std::to_string(i), "cn-east", "electroplating");
    applicant_org_ = Org("Acme Titanium Heaters Ltd.", "eu-south", "heater_manufacturing");
    platform_org_ = Org("Platform operations", "cn-east", "electroplating");
    owner_ = User("wang@example.test", "王建国", plant_, access::OrgRole::kAdmin, {});
    owner_member_ = User("li@example.test", "李晓梅", plant_, access::OrgRole::kMember, {});
    applicant_ =
        User("carlos@example.test", "Carlos Mendes", applicant_org_, access::OrgRole::kMember, {});
    reviewer_ = User("expert@example.test", "Review Expert", platform_org_,
                     access::OrgRole::kMember, {access::PlatformRole::kExpert});
    analyst_ = User("analyst@example.test", "Macro Analyst", platform_org_,
                    access::OrgRole::kMember, {access::PlatformRole::kRegulatorAnalyst});
  }
  void TearDown() override {
    cases_.reset();
    identity_.reset();
    db_.reset();
    test_db_.reset();
  }

  std::int64_t Org(const std::string& name, const std::string& region,
                   const std::string& industry) {
    identity::NewOrganization o;
    o.name = name;
    o.kind = "end_user_plant";
    o.region = region;
    o.industry = industry;
    o.headcount = 80;
    o.annual_revenue = 1e7;
    auto org = identity_->CreateOrganization(o);
    EXPECT_TRUE(org.has_value()) << org.error().ToString();
    return org->id;
  }

  access::Principal User(const std::string& email, const std::string& name, std::int64_t org,
                         access::OrgRole role, std::vector<access::PlatformRole> roles) {
    auto u = identity_->CreateUser({email, "a long enough password 42", name}, org, role, roles);
    EXPECT_TRUE(u.has_value()) << u.error().ToString();
    access::Principal p;
    p.user_id = u->id;
    p.email = email;
    access::OrgMembership m;
    m.org_id = org;
    m.role = role;
    p.memberships.push_back(m);
    p.platform_roles = roles;
    return p;
  }

  static CaseInput Input() {
    CaseInput in;
    in.equipment_type = "immersion_heater";
    in.material = "ti_cp";
    in.grade = "Gr.2";
    in.medium = "Watts nickel bath";
    in.components = {{"nickel_chloride", 45.3}};
    in.temperature_c = 61;
    in.ph = 4.2;
    in.chloride_mg_per_l = 13234;
    in.service_months = 14;
    in.failure_mode = FailureMode::kPitting;
    in.morphology = "deep pits facing the anodes";
    in.root_cause = "stray current reported by 王建国";
    in.corrective_actions = "PTFE screen; call 13812345678";
    in.occurred_on = "2024-05-17";
    in.narrative = "Inspector Jane Okafor of 苏州华瑞电镀有限公司 found the heater perforated.";
    in.language = "en";
    return in;
  }

  // Submits, requests publication and approves: returns {private id, public id}.
  std::pair<std::int64_t, std::int64_t> Publish(const CaseInput& in) {
    auto c = cases_->Submit(owner_, 0, in);
    EXPECT_TRUE(c.has_value()) << c.error().ToString();
    EXPECT_TRUE(cases_->RequestPublication(owner_, c->id).has_value());
    auto pc = cases_->ApprovePublication(reviewer_, c->id);
    EXPECT_TRUE(pc.has_value()) << pc.error().ToString();
    return {c->id, pc->id};
  }

  std::int64_t Count(const std::string& table) {
    auto n = store::Read(*db_, [&](store::Connection& c) -> Result<std::int64_t> {
      RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM " + table));
      return rows.at(0).Int(0);
    });
    return n.value();
  }

  std::unique_ptr<store::testing::TestDatabase> test_db_;
  FakeClock clock_{FromUnixSeconds(1'750'000'000)};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<CaseService> cases_;
  std::int64_t plant_ = 0, applicant_org_ = 0, platform_org_ = 0;
  access::Principal owner_, owner_member_, applicant_, reviewer_, analyst_;
};

}  // namespace rutile::cases::testing
