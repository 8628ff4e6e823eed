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
#include "rutile/notifications/notification_service.h"
#include "rutile/testing/test_world.h"

namespace rutile::cases::testing {

class CaseAccessTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    world_ =
        std::make_unique<rutile::testing::TestWorld>(GetParam(), FromUnixSeconds(1'750'000'000));
    if (!world_->available()) GTEST_SKIP() << "no PostgreSQL server configured";
    ASSERT_TRUE(world_->Open(rutile::testing::Migrations(
        notifications::NotificationMigrations(), CaseMigrations(), CaseAccessMigrations())));
    cases_ = std::make_unique<CaseService>(world_->db(), world_->clock());
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
    world_.reset();
  }

  std::int64_t Org(const std::string& name, const std::string& region,
                   const std::string& industry) {
    return world_->Org(name, region, industry);
  }
  access::Principal User(const std::string& email, const std::string& name, std::int64_t org,
                         access::OrgRole role, std::vector<access::PlatformRole> roles) {
    return world_->User(email, name, org, role, std::move(roles));
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
    auto n = store::Read(world_->db(), [&](store::Connection& c) -> Result<std::int64_t> {
      RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM " + table));
      return rows.at(0).Int(0);
    });
    return n.value();
  }

  std::unique_ptr<rutile::testing::TestWorld> world_;
  std::unique_ptr<CaseService> cases_;
  std::int64_t plant_ = 0, applicant_org_ = 0, platform_org_ = 0;
  access::Principal owner_, owner_member_, applicant_, reviewer_, analyst_;
};

}  // namespace rutile::cases::testing
