#include "rutile/equipment/registry.h"

#include <gtest/gtest.h>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/equipment/equipment_service.h"
#include "rutile/equipment/rollups.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/identity/identity_service.h"
#include "rutile/notifications/notification_service.h"
#include "test_databases.h"

namespace rutile::equipment {
namespace {

class RegistryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (!database_->available()) GTEST_SKIP() << "RUTILE_TEST_POSTGRES_URL is not set";
    db_ = std::move(store::OpenDatabase(database_->url()).value());
    auto migrations = identity::IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    for (auto& m : EquipmentMigrations()) migrations.push_back(m);
    for (auto& m : RollupMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    identity::IdentityOptions options;
    options.password_cost = identity::PasswordCost::kMinimal;
    identity_ = std::make_unique<identity::IdentityService>(
        *db_, clock_, identity::RegionCatalog::Default(), options);
    service_ = std::make_unique<EquipmentService>(*db_, clock_, engine::wire::DefaultKnowledge());
  }

  access::Principal Admin(const std::string& org_name, const std::string& industry,
                          std::int64_t& org_id) {
    identity::NewOrganization o;
    o.name = org_name;
    o.kind = "end_user_plant";
    o.region = "cn-east";
    o.industry = industry;
    org_id = identity_->CreateOrganization(o).value().id;
    const std::string email = org_name.substr(0, 5) + "@example.com";
    EXPECT_TRUE(identity_
                    ->CreateUser({email, "long enough password", "Person", "en"}, org_id,
                                 access::OrgRole::kAdmin)
                    .has_value());
    auto session = identity_->Login(email, "long enough password", "127.0.0.1");
    return identity_->Authenticate(session.value().token).value();
  }

  std::unique_ptr<store::testing::TestDatabase> database_;
  FakeClock clock_{FromUnixSeconds(1'800'000'000)};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<EquipmentService> service_;
};

TEST_P(RegistryTest, ListsEveryItemWithItsOwnersProfileAndBathSpecies) {
  std::int64_t plating = 0, pickling = 0;
  access::Principal a = Admin("Alpha Plating", "electroplating", plating);
  access::Principal b = Admin("Bravo Pickling", "pickling", pickling);
  ItemInput heater;
  heater.name = "Tank 1";
  heater.type = "immersion_heater";
  heater.material = "Ti-Gr2";
  heater.bath_preset = "saturated-brine";
  heater.operating_temperature_c = 60;
  const Item first = service_->Create(a, plating, heater).value();
  ItemInput coil = heater;
  coil.name = "Coil 7";
  coil.type = "coil_heater";
  coil.bath_preset = "";
  coil.components = {{"HCl", "wt_pct", 5}, {"FeCl3", "g_l", 10}};
  coil.operating_temperature_c = 40;
  const Item second = service_->Create(b, pickling, coil).value();

  auto conn = db_->Acquire();
  ASSERT_TRUE(conn.has_value());
  auto items = ListRegisteredItems(**conn);
  ASSERT_TRUE(items.has_value());
  ASSERT_EQ(items->size(), 2u);
  const RegisteredItem& x = (*items)[0];
  EXPECT_EQ(x.org_id, plating);
  EXPECT_EQ(x.item_id, first.id);
  EXPECT_EQ(x.bath_preset, "saturated-brine");
  EXPECT_EQ(x.industry, "electroplating");
  EXPECT_EQ(x.region, "cn-east");
  EXPECT_EQ(x.grade, first.grade);
  EXPECT_TRUE(x.species.empty());
  const RegisteredItem& y = (*items)[1];
  EXPECT_EQ(y.item_id, second.id);
  EXPECT_EQ(y.type, "coil_heater");
  EXPECT_EQ(y.species, (std::vector<std::string>{"HCl", "FeCl3"}));
  ASSERT_TRUE(y.temperature_c.has_value());
  EXPECT_DOUBLE_EQ(*y.temperature_c, 40);
  EXPECT_EQ(y.governing_mechanism, second.governing_mechanism);
}

INSTANTIATE_TEST_SUITE_P(Databases, RegistryTest,
                         ::testing::Values(std::string("sqlite"), std::string("postgres")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::equipment
