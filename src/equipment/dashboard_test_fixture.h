// Shared set-up for the equipment views tests: a park with its management organization, two
// tenants, an organization outside the park and a regulator analyst, on SQLite and (when
// RUTILE_TEST_POSTGRES_URL is set) PostgreSQL.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/equipment/dashboard.h"
#include "rutile/equipment/rollups.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/testing/test_world.h"

namespace rutile::equipment {

class ViewsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    world_ = std::make_unique<rutile::testing::TestWorld>(
        GetParam(), FromUnixSeconds(1'800'000'000));  // 2027-01-15
    if (!world_->available()) GTEST_SKIP() << "RUTILE_TEST_POSTGRES_URL is not set";
    auto migrations = rutile::testing::Migrations(notifications::NotificationMigrations(),
                                                  EquipmentMigrations(), RollupMigrations());
    AddMigrations(migrations);
    ASSERT_TRUE(world_->Open(migrations));
    auto park = world_->identity().CreatePark("Jinhe Surface Treatment Park", "cn-east", 0);
    ASSERT_TRUE(park.has_value());
    park_id_ = park->id;
    const std::int64_t manager_org =
        world_->Org(Org("Jinhe Park Management", "industrial_park", park_id_));
    ASSERT_TRUE(world_->identity().SetParkManager(park_id_, manager_org).has_value());
    org_a_ = world_->Org(Org("Tenant Plating", "end_user_plant", park_id_));
    org_b_ = world_->Org(Org("Tenant Anodizing", "end_user_plant", park_id_));
    auto outside = Org("Other Works", "end_user_plant", 0);
    outside.region = "cn-west";
    other_org_ = world_->Org(outside);
    const std::int64_t regulator_org = world_->Org(Org("Provincial Bureau", "regulator", 0));
    owner_a_ = Add("a@example.com", org_a_);
    owner_b_ = Add("b@example.com", org_b_);
    stranger_ = Add("other@example.com", other_org_);
    manager_ = Add("manager@example.com", manager_org);
    regulator_ =
        Add("analyst@example.com", regulator_org, {access::PlatformRole::kRegulatorAnalyst});
    equipment_ = std::make_unique<EquipmentService>(world_->db(), world_->clock(),
                                                    engine::wire::DefaultKnowledge());
    views_ =
        std::make_unique<DashboardService>(world_->db(), world_->clock(), *equipment_, Options());
  }
  void TearDown() override {
    views_.reset();
    equipment_.reset();
    world_.reset();
  }

  virtual ViewsOptions Options() const { return {}; }
  // Other parts' schemas a test needs besides identity, notifications, equipment and rollups.
  virtual void AddMigrations(std::vector<store::Migration>&) const {}

  static identity::NewOrganization Org(const std::string& name, const std::string& kind,
                                       std::int64_t park_id) {
    identity::NewOrganization o;
    o.name = name;
    o.kind = kind;
    o.region = "cn-east";
    o.industry = kind == "end_user_plant" ? "electroplating" : "";
    o.park_id = park_id;
    return o;
  }

  access::Principal Add(const std::string& email, std::int64_t org,
                        std::vector<access::PlatformRole> roles = {}) {
    const std::string password = "long enough password";
    EXPECT_TRUE(
        world_->identity()
            .CreateUser({email, password, "Person", "en"}, org, access::OrgRole::kAdmin, roles)
            .has_value());
    return world_->identity()
        .Authenticate(world_->identity().Login(email, password, "127.0.0.1")->token)
        .value();
  }

  static ItemInput Heater(const std::string& name,
                          access::DataLevel level = access::DataLevel::kShared) {
    ItemInput in;
    in.name = name;
    in.type = "immersion_heater";
    in.material = "Ti-Gr2";
    in.nominal_wall_mm = 10;
    in.required_wall_mm = 6;
    in.bath_preset = "saturated-brine";
    in.operating_temperature_c = 60;
    in.level = level;
    return in;
  }

  Item Create(const access::Principal& who, std::int64_t org, const ItemInput& in) {
    auto item = equipment_->Create(who, org, in);
    EXPECT_TRUE(item.has_value()) << (item.has_value() ? "" : item.error().message());
    return item.value_or(Item{});
  }

  // Stores readings through the equipment service, then brings the item's rollups up to date.
  void Ingest(const access::Principal& who, std::int64_t item_id,
              const std::vector<ReadingInput>& readings) {
    auto r = equipment_->IngestReadings(who, item_id, readings);
    ASSERT_TRUE(r.has_value()) << r.error().message();
    auto conn = world_->db().Acquire();
    ASSERT_TRUE(RebuildRollups(**conn, item_id).has_value());
  }

  void PhWindow(const access::Principal& who, std::int64_t item_id) {
    Window w;
    w.type = "ph";
    w.target_min = 6.5;
    w.critical_min = 5;
    ASSERT_TRUE(equipment_->PutWindows(who, item_id, {w}).has_value());
  }

  std::unique_ptr<rutile::testing::TestWorld> world_;  // its clock starts 2027-01-15
  std::unique_ptr<EquipmentService> equipment_;
  std::unique_ptr<DashboardService> views_;
  std::int64_t park_id_ = 0, org_a_ = 0, org_b_ = 0, other_org_ = 0;
  access::Principal owner_a_, owner_b_, stranger_, manager_, regulator_;
};

}  // namespace rutile::equipment
