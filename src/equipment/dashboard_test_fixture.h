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
#include "rutile/identity/identity_migrations.h"
#include "rutile/identity/identity_service.h"
#include "rutile/notifications/notification_service.h"
#include "test_databases.h"

namespace rutile::equipment {

class ViewsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (!database_->available()) GTEST_SKIP() << "RUTILE_TEST_POSTGRES_URL is not set";
    db_ = std::move(store::OpenDatabase(database_->url()).value());
    auto migrations = identity::IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    for (auto& m : EquipmentMigrations()) migrations.push_back(m);
    for (auto& m : RollupMigrations()) migrations.push_back(m);
    AddMigrations(migrations);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    identity::IdentityOptions options;
    options.password_cost = identity::PasswordCost::kMinimal;
    identity_ = std::make_unique<identity::IdentityService>(
        *db_, clock_, identity::RegionCatalog::Default(), options);
    auto park = identity_->CreatePark("Jinhe Surface Treatment Park", "cn-east", 0);
    ASSERT_TRUE(park.has_value());
    park_id_ = park->id;
    const std::int64_t manager_org =
        identity_->CreateOrganization(Org("Jinhe Park Management", "industrial_park", park_id_))
            .value()
            .id;
    ASSERT_TRUE(identity_->SetParkManager(park_id_, manager_org).has_value());
    org_a_ =
        identity_->CreateOrganization(Org("Tenant Plating", "end_user_plant", park_id_)).value().id;
    org_b_ = identity_->CreateOrganization(Org("Tenant Anodizing", "end_user_plant", park_id_))
                 .value()
                 .id;
    auto outside = Org("Other Works", "end_user_plant", 0);
    outside.region = "cn-west";
    other_org_ = identity_->CreateOrganization(outside).value().id;
    const std::int64_t regulator_org =
        identity_->CreateOrganization(Org("Provincial Bureau", "regulator", 0)).value().id;
    owner_a_ = Add("a@example.com", org_a_);
    owner_b_ = Add("b@example.com", org_b_);
    stranger_ = Add("other@example.com", other_org_);
    manager_ = Add("manager@example.com", manager_org);
    regulator_ =
        Add("analyst@example.com", regulator_org, {access::PlatformRole::kRegulatorAnalyst});
    equipment_ = std::make_unique<EquipmentService>(*db_, clock_, engine::wire::DefaultKnowledge());
    views_ = std::make_unique<DashboardService>(*db_, clock_, *equipment_, Options());
  }
  void TearDown() override {
    views_.reset();
    equipment_.reset();
    identity_.reset();
    db_.reset();
    database_.reset();
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
        identity_
            ->CreateUser({email, password, "Person", "en"}, org, access::OrgRole::kAdmin, roles)
            .has_value());
    return identity_->Authenticate(identity_->Login(email, password, "127.0.0.1")->token).value();
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
    auto conn = db_->Acquire();
    ASSERT_TRUE(RebuildRollups(**conn, item_id).has_value());
  }

  void PhWindow(const access::Principal& who, std::int64_t item_id) {
    Window w;
    w.type = "ph";
    w.target_min = 6.5;
    w.critical_min = 5;
    ASSERT_TRUE(equipment_->PutWindows(who, item_id, {w}).has_value());
  }

  std::unique_ptr<store::testing::TestDatabase> database_;
  FakeClock clock_{FromUnixSeconds(1'800'000'000)};  // 2027-01-15
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<EquipmentService> equipment_;
  std::unique_ptr<DashboardService> views_;
  std::int64_t park_id_ = 0, org_a_ = 0, org_b_ = 0, other_org_ = 0;
  access::Principal owner_a_, owner_b_, stranger_, manager_, regulator_;
};

}  // namespace rutile::equipment
