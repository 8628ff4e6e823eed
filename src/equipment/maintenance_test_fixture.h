// Test fixture for the maintenance tests: a throw-away database (the parameter: "sqlite", or
// "postgres" when RUTILE_TEST_POSTGRES_URL names a server) with the identity, notification,
// standards, equipment and maintenance schemas, the starter clause library, a small plating
// plant with an admin and a member, another organization, and the services under a FakeClock.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "rutile/engine/thickness.h"
#include "rutile/engine/wire/engine_wire.h"
#include "rutile/equipment/equipment_service.h"
#include "rutile/equipment/maintenance_service.h"
#include "rutile/equipment/rollups.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/identity/identity_service.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/standards/standards_migrations.h"
#include "rutile/standards/standards_service.h"
#include "test_databases.h"

namespace rutile::equipment::testing {

// Unix seconds at midnight UTC of a "YYYY-MM-DD" date.
inline std::int64_t Midnight(const std::string& date) {
  return engine::DaysFromCivil(engine::ParseDate(date).value()) * 86400;
}

class MaintenanceFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    test_db_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (!test_db_->available()) GTEST_SKIP() << "RUTILE_TEST_POSTGRES_URL is not set";
    auto opened = store::OpenDatabase(test_db_->url());
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    db_ = std::move(opened).value();
    auto migrations = identity::IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    for (auto& m : standards::StandardsMigrations()) migrations.push_back(m);
    for (auto& m : EquipmentMigrations()) migrations.push_back(m);
    for (auto& m : RollupMigrations()) migrations.push_back(m);
    for (auto& m : MaintenanceMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    identity::IdentityOptions options;
    options.password_cost = identity::PasswordCost::kMinimal;
    identity_ = std::make_unique<identity::IdentityService>(
        *db_, clock_, identity::RegionCatalog::Default(), options);
    identity::NewOrganization plant;
    plant.name = "Small Plating Works";
    plant.kind = "end_user_plant";
    plant.region = "cn-east";
    plant.industry = "electroplating";
    plant.headcount = 30;
    org_ = identity_->CreateOrganization(plant).value().id;
    identity::NewOrganization other = plant;
    other.name = "Other Works";
    other_org_ = identity_->CreateOrganization(other).value().id;
    admin_ = Login("admin@example.com", org_, access::OrgRole::kAdmin);
    member_ = Login("member@example.com", org_, access::OrgRole::kMember);
    stranger_ = Login("stranger@example.com", other_org_, access::OrgRole::kAdmin);
    const auto& kb = engine::wire::DefaultKnowledge();
    standards_ = std::make_unique<standards::StandardsService>(*db_, clock_, kb);
    ASSERT_TRUE(standards_->SeedStarterLibrary().has_value());
    equipment_ = std::make_unique<EquipmentService>(*db_, clock_, kb);
    service_ = std::make_unique<MaintenanceService>(*db_, clock_, *equipment_, *standards_);
  }
  void TearDown() override {
    service_.reset();
    equipment_.reset();
    standards_.reset();
    identity_.reset();
    db_.reset();
    test_db_.reset();
  }

  access::Principal Login(const std::string& email, std::int64_t org, access::OrgRole role) {
    const std::string password = "long enough password";
    EXPECT_TRUE(
        identity_->CreateUser({email, password, email.substr(0, 5), "en"}, org, role).has_value());
    return identity_->Authenticate(identity_->Login(email, password, "")->token).value();
  }

  // An immersion heater in a plating bath; the preset and temperature decide the grade.
  Item Heater(const std::string& preset, double temperature_c,
              const std::string& installed_on = "2026-01-10") {
    ItemInput in;
    in.name = "Tank " + preset + " heater";
    in.type = "immersion_heater";
    in.material = "Ti-Gr2";
    in.bath_preset = preset;
    in.operating_temperature_c = temperature_c;
    in.installed_on = installed_on;
    in.nominal_wall_mm = 1.2;
    in.required_wall_mm = 0.6;
    auto item = equipment_->Create(admin_, org_, in);
    EXPECT_TRUE(item.has_value()) << item.error().ToString();
    return item.value();
  }

  std::unique_ptr<store::testing::TestDatabase> test_db_;
  FakeClock clock_{FromUnixSeconds(Midnight("2026-06-01") + 9 * 3600)};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<standards::StandardsService> standards_;
  std::unique_ptr<EquipmentService> equipment_;
  std::unique_ptr<MaintenanceService> service_;
  std::int64_t org_ = 0, other_org_ = 0;
  access::Principal admin_, member_, stranger_;
};

}  // namespace rutile::equipment::testing
