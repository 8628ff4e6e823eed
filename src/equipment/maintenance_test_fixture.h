// Test fixture for the maintenance tests: a throw-away database (the parameter: "sqlite", or
// "postgres" when RUTILE_TEST_POSTGRES_URL names a server) with the identity, notification,
// standards, equipment and maintenance schemas, the starter clause library, a small plating
// plant with an admin and a member, another organization, and the services under a FakeClock.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "rutile/engine/thickness.h"
#include "rutile/engine/wire/engine_wire.h"
#include "rutile/equipment/equipment_service.h"
#include "rutile/equipment/maintenance_service.h"
#include "rutile/equipment/rollups.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/standards/standards_migrations.h"
#include "rutile/standards/standards_service.h"
#include "rutile/testing/test_world.h"

namespace rutile::equipment::testing {

// Unix seconds at midnight UTC of a "YYYY-MM-DD" date.
inline std::int64_t Midnight(const std::string& date) {
  return engine::DaysFromCivil(engine::ParseDate(date).value()) * 86400;
}

class MaintenanceFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    world_ = std::make_unique<rutile::testing::TestWorld>(
        GetParam(), FromUnixSeconds(Midnight("2026-06-01") + 9 * 3600));
    if (!world_->available()) GTEST_SKIP() << "RUTILE_TEST_POSTGRES_URL is not set";
    ASSERT_TRUE(world_->Open(rutile::testing::Migrations(
        notifications::NotificationMigrations(), standards::StandardsMigrations(),
        EquipmentMigrations(), RollupMigrations(), MaintenanceMigrations())));
    org_ = world_->Org("Small Plating Works", "cn-east", "electroplating", 30, std::nullopt);
    other_org_ = world_->Org("Other Works", "cn-east", "electroplating", 30, std::nullopt);
    admin_ = Login("admin@example.com", org_, access::OrgRole::kAdmin);
    member_ = Login("member@example.com", org_, access::OrgRole::kMember);
    stranger_ = Login("stranger@example.com", other_org_, access::OrgRole::kAdmin);
    const auto& kb = engine::wire::DefaultKnowledge();
    standards_ = std::make_unique<standards::StandardsService>(world_->db(), world_->clock(), kb);
    ASSERT_TRUE(standards_->SeedStarterLibrary().has_value());
    equipment_ = std::make_unique<EquipmentService>(world_->db(), world_->clock(), kb);
    service_ = std::make_unique<MaintenanceService>(world_->db(), world_->clock(), *equipment_,
                                                    *standards_);
  }
  void TearDown() override {
    service_.reset();
    equipment_.reset();
    standards_.reset();
    world_.reset();
  }

  access::Principal Login(const std::string& email, std::int64_t org, access::OrgRole role) {
    return world_->SignIn(email, email.substr(0, 5), org, role);
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
    in.crevices = true;  // a flanged heater head with its gasket
    auto item = equipment_->Create(admin_, org_, in);
    EXPECT_TRUE(item.has_value()) << item.error().ToString();
    return item.value();
  }

  std::unique_ptr<rutile::testing::TestWorld> world_;
  std::unique_ptr<standards::StandardsService> standards_;
  std::unique_ptr<EquipmentService> equipment_;
  std::unique_ptr<MaintenanceService> service_;
  std::int64_t org_ = 0, other_org_ = 0;
  access::Principal admin_, member_, stranger_;
};

}  // namespace rutile::equipment::testing
