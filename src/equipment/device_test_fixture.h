// Test fixture shared by the ingestion tests: a database (SQLite, or PostgreSQL when
// RUTILE_TEST_POSTGRES_URL is set) with the identity, notification, equipment and ingestion
// schemas, one organization with an admin, a stranger in another organization, and a service.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/equipment/equipment_service.h"
#include "rutile/equipment/rollups.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/identity/identity_service.h"
#include "rutile/notifications/notification_service.h"
#include "test_databases.h"

namespace rutile::equipment::testing {

class IngestTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (!database_->available()) GTEST_SKIP() << "RUTILE_TEST_POSTGRES_URL is not set";
    db_ = std::move(store::OpenDatabase(database_->url()).value());
    auto migrations = identity::IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    for (auto& m : EquipmentMigrations()) migrations.push_back(m);
    for (auto& m : RollupMigrations()) migrations.push_back(m);
    for (auto& m : IngestMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    identity::IdentityOptions options;
    options.password_cost = identity::PasswordCost::kMinimal;
    identity_ = std::make_unique<identity::IdentityService>(
        *db_, clock_, identity::RegionCatalog::Default(), options);
    org_ = NewOrg("Works");
    other_org_ = NewOrg("Other Works");
    owner_ = Add("owner@example.com", org_);
    stranger_ = Add("stranger@example.com", other_org_);
    service_ = std::make_unique<EquipmentService>(*db_, clock_, engine::wire::DefaultKnowledge());
  }
  void TearDown() override {
    service_.reset();
    identity_.reset();
    db_.reset();
    database_.reset();
  }

  std::int64_t NewOrg(const std::string& name) {
    identity::NewOrganization o;
    o.name = name;
    o.kind = "end_user_plant";
    o.region = "cn-east";
    return identity_->CreateOrganization(o).value().id;
  }

  access::Principal Add(const std::string& email, std::int64_t org) {
    const std::string password = "long enough password";
    EXPECT_TRUE(
        identity_->CreateUser({email, password, "Person", "en"}, org, access::OrgRole::kAdmin)
            .has_value());
    return identity_->Authenticate(identity_->Login(email, password, "")->token).value();
  }

  // A heater with a user fluoride window: target <= 5 mg/L, critical <= 10 mg/L.
  std::int64_t NewItem(const std::string& name = "Tank 3 heater") {
    ItemInput in;
    in.name = name;
    in.type = "immersion_heater";
    in.material = "Ti-Gr2";
    in.bath_preset = "saturated-brine";
    in.operating_temperature_c = 60;
    auto item = service_->Create(owner_, org_, in);
    EXPECT_TRUE(item.has_value()) << (item.has_value() ? "" : item.error().message());
    Window w;
    w.type = "fluoride_mg_l";
    w.target_max = 5;
    w.critical_max = 10;
    EXPECT_TRUE(service_->PutWindows(owner_, item->id, {w}).has_value());
    return item->id;
  }

  static std::string Fields(const Error& e) {
    std::string out;
    for (const auto& f : e.fields()) out += f.field + ": " + f.message + "; ";
    return out;
  }

  FakeClock clock_{FromUnixSeconds(1'800'000'000)};  // 2027-01-15
  std::unique_ptr<store::testing::TestDatabase> database_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<EquipmentService> service_;
  std::int64_t org_ = 0, other_org_ = 0;
  access::Principal owner_, stranger_;
};

}  // namespace rutile::equipment::testing
