#include "rutile/equipment/equipment_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "rutile/engine/risk_engine.h"
#include "rutile/engine/wire/engine_wire.h"
#include "rutile/equipment/rollups.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/identity/identity_service.h"
#include "rutile/notifications/notification_service.h"
#include "test_databases.h"

namespace rutile::equipment {
namespace {

using access::DataLevel;
using access::OrgRole;
using access::Principal;

bool HasField(const Error& e, const std::string& field) {
  for (const auto& f : e.fields())
    if (f.field == field) return true;
  return false;
}

std::string Fields(const Error& e) {
  std::string out;
  for (const auto& f : e.fields()) out += f.field + ": " + f.message + "; ";
  return out;
}

// Runs on SQLite always and on PostgreSQL when RUTILE_TEST_POSTGRES_URL names a server.
class EquipmentServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (!database_->available()) GTEST_SKIP() << "RUTILE_TEST_POSTGRES_URL is not set";
    db_ = std::move(store::OpenDatabase(database_->url()).value());
    auto migrations = identity::IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    for (auto& m : EquipmentMigrations()) migrations.push_back(m);
    for (auto& m : RollupMigrations()) migrations.push_back(m);
    migrations_ = migrations;
    std::erase_if(migrations, [&](const store::Migration& m) { return m.version >= HoldFrom(); });
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    identity::IdentityOptions options;
    options.password_cost = identity::PasswordCost::kMinimal;
    identity_ = std::make_unique<identity::IdentityService>(
        *db_, clock_, identity::RegionCatalog::Default(), options);

    auto park = identity_->CreatePark("Jinhe Surface Treatment Park", "cn-east", 0);
    ASSERT_TRUE(park.has_value());
    identity::NewOrganization manager = Org("Jinhe Park Management", "industrial_park");
    manager.park_id = park->id;
    const std::int64_t manager_org = identity_->CreateOrganization(manager).value().id;
    ASSERT_TRUE(identity_->SetParkManager(park->id, manager_org).has_value());
    identity::NewOrganization tenant = Org("Tenant Plating", "end_user_plant");
    tenant.park_id = park->id;
    org_ = identity_->CreateOrganization(tenant).value().id;
    other_org_ = identity_->CreateOrganization(Org("Other Works", "end_user_plant")).value().id;

    owner_ = Add("owner@example.com", org_, OrgRole::kAdmin);
    colleague_ = Add("colleague@example.com", org_, OrgRole::kMember);
    stranger_ = Add("stranger@example.com", other_org_, OrgRole::kAdmin);
    park_manager_ = Add("manager@example.com", manager_org, OrgRole::kAdmin);
    service_ = std::make_unique<EquipmentService>(*db_, clock_, engine::wire::DefaultKnowledge());
  }
  // Migrations from this version of the equipment range on are left for the test to apply.
  virtual int HoldFrom() const { return 1'000'000; }

  void TearDown() override {
    service_.reset();
    identity_.reset();
    db_.reset();
    database_.reset();
  }

  static identity::NewOrganization Org(const std::string& name, const std::string& kind) {
    identity::NewOrganization o;
    o.name = name;
    o.kind = kind;
    o.region = "cn-east";
    return o;
  }

  Principal Add(const std::string& email, std::int64_t org, OrgRole role) {
    const std::string password = "long enough password";
    EXPECT_TRUE(identity_->CreateUser({email, password, "Person", "en"}, org, role).has_value());
    auto session = identity_->Login(email, password, "127.0.0.1");
    EXPECT_TRUE(session.has_value());
    return identity_->Authenticate(session->token).value();
  }

  static ItemInput Heater() {
    ItemInput in;
    in.name = "Tank 3 heater";
    in.type = "immersion_heater";
    in.material = "Ti-Gr2";
    in.power_kw = 12;
    in.sheath_diameter_mm = 16;
    in.nominal_wall_mm = 10;
    in.required_wall_mm = 6;
    in.installed_on = "2020-01-01";
    in.bath_preset = "saturated-brine";
    in.operating_temperature_c = 60;
    in.location = "Line 2, tank 3";
    return in;
  }

  Item CreateHeater(ItemInput in = Heater()) {
    auto item = service_->Create(owner_, org_, in);
    EXPECT_TRUE(item.has_value()) << (item.has_value() ? "" : Fields(item.error()));
    return item.value_or(Item{});
  }

  std::int64_t Count(const std::string& table) {
    auto conn = db_->Acquire();
    return (*conn)->Query("SELECT COUNT(*) FROM " + table).value().at(0).Int(0);
  }

  std::unique_ptr<store::testing::TestDatabase> database_;
  std::vector<store::Migration> migrations_;
  FakeClock clock_{FromUnixSeconds(1'800'000'000)};  // 2027-01-15
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<EquipmentService> service_;
  std::int64_t org_ = 0, other_org_ = 0;
  Principal owner_, colleague_, stranger_, park_manager_;
};

int EngineGrade(const ItemInput& in) {
  engine::AssessmentRequest r;
  r.material = in.material;
  r.medium.preset = in.bath_preset;
  r.medium.temperature_c = in.operating_temperature_c;
  r.medium.ph = in.ph;
  return engine::AssessGrade(engine::wire::DefaultKnowledge(), r).value();
}

TEST_P(EquipmentServiceTest, CreateComputesTheEngineGradeAndDefaultWindows) {
  Item item = CreateHeater();
  EXPECT_GT(item.id, 0);
  EXPECT_EQ(item.grade, EngineGrade(Heater()));
  EXPECT_FALSE(item.verdict.empty());
  EXPECT_EQ(item.input.level, DataLevel::kPrivate);

  auto history = service_->GradeHistory(owner_, item.id);
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].reason, "created");
  EXPECT_EQ((*history)[0].grade, item.grade);

  // Defaults come from the engine: the material's service temperature bounds the sheath.
  auto windows = service_->ListWindows(owner_, item.id);
  ASSERT_TRUE(windows.has_value());
  const auto* material = engine::wire::DefaultKnowledge().FindMaterial("Ti-Gr2");
  ASSERT_NE(material, nullptr);
  bool saw_sheath = false;
  for (const auto& w : *windows) {
    EXPECT_EQ(w.origin, "engine");
    EXPECT_FALSE(w.source.empty()) << w.type;
    if (w.type == "sheath_temperature_c" && material->max_service_temperature_c) {
      saw_sheath = true;
      EXPECT_DOUBLE_EQ(*w.critical_max, material->max_service_temperature_c->value);
      EXPECT_DOUBLE_EQ(*w.target_max, material->max_service_temperature_c->value - 10);
    }
  }
  EXPECT_EQ(saw_sheath, material->max_service_temperature_c.has_value());
}

TEST_P(EquipmentServiceTest, ChangingAGradeInputRecalculatesAndKeepsHistory) {
  Item item = CreateHeater();
  ItemPatch rename;
  rename.name = "Tank 3 heater A";
  auto renamed = service_->Update(owner_, item.id, rename);
  ASSERT_TRUE(renamed.has_value());
  EXPECT_EQ(service_->GradeHistory(owner_, item.id)->size(), 1u);  // not a grade input

  ItemPatch hotter;
  hotter.operating_temperature_c = 95;
  auto updated = service_->Update(colleague_, item.id, hotter);
  ASSERT_TRUE(updated.has_value()) << Fields(updated.error());
  ItemInput expected = Heater();
  expected.operating_temperature_c = 95;
  EXPECT_EQ(updated->grade, EngineGrade(expected));
  EXPECT_EQ(updated->input.name, "Tank 3 heater A");
  auto history = service_->GradeHistory(owner_, item.id).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].reason, "updated");
  EXPECT_EQ(history[1].grade, updated->grade);
  EXPECT_EQ(service_->Get(owner_, item.id)->grade, updated->grade);
}

TEST_P(EquipmentServiceTest, BadItemInputNamesEveryField) {
  ItemInput in = Heater();
  in.name = "";
  in.type = "toaster";
  in.material = "unobtainium";
  in.power_kw = -1;
  in.installed_on = "2020-02-30";
  in.bath_preset = "";
  in.components = {{"HCl", "wt_pct", 5}, {"XYZ", "furlongs", 0}};
  in.operating_temperature_c.reset();
  in.level = DataLevel::kPublic;
  auto r = service_->Create(owner_, org_, in);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  for (const char* f :
       {"name", "type", "material", "power_kw", "installed_on", "components[1].species",
        "components[1].unit", "components[1].value", "operating_temperature_c", "level"})
    EXPECT_TRUE(HasField(r.error(), f)) << f << " in " << Fields(r.error());
  EXPECT_EQ(Count("equipment_items"), 0);
  // An enterprise cannot register equipment for another one.
  EXPECT_EQ(service_->Create(stranger_, org_, Heater()).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Create(Principal{}, org_, Heater()).error().code(),
            ErrorCode::kUnauthenticated);
}

TEST_P(EquipmentServiceTest, PrivateItemsStayWithTheOwnerAndSharedOnesReachThePark) {
  Item item = CreateHeater();
  EXPECT_TRUE(service_->Get(colleague_, item.id).has_value());
  // An item the caller may not read answers exactly as a missing one.
  EXPECT_EQ(service_->Get(stranger_, item.id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->Get(stranger_, item.id).error().message(),
            "equipment item " + std::to_string(item.id));
  EXPECT_EQ(service_->Get(park_manager_, item.id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->Get(owner_, 9999).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->Get(owner_, 9999).error().message(), "equipment item 9999");
  EXPECT_EQ(service_->List(stranger_)->size(), 0u);
  EXPECT_EQ(service_->List(owner_)->size(), 1u);

  ItemPatch share;
  share.level = DataLevel::kShared;
  EXPECT_EQ(service_->Update(stranger_, item.id, share).error().code(), ErrorCode::kNotFound);
  ASSERT_TRUE(service_->Update(owner_, item.id, share).has_value());
  EXPECT_TRUE(service_->Get(park_manager_, item.id).has_value());
  EXPECT_TRUE(service_->ListReadings(park_manager_, item.id, "").has_value());
  EXPECT_EQ(service_->Get(stranger_, item.id).error().code(), ErrorCode::kNotFound);
  // Reading a shared item does not allow changing it.
  EXPECT_EQ(
      service_->IngestReadings(park_manager_, item.id, {{"ph", 7, "pH", "2026-12-01T08:00:00Z"}})
          .error()
          .code(),
      ErrorCode::kPermissionDenied);

  // An organization outside any park cannot share.
  ItemInput lonely = Heater();
  lonely.level = DataLevel::kShared;
  auto r = service_->Create(stranger_, other_org_, lonely);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(HasField(r.error(), "level"));
}

TEST_P(EquipmentServiceTest, AnItemSharedWithTheAssociationReachesItsMembersNotThePark) {
  const std::int64_t association =
      identity_->CreateOrganization(Org("Mutual Aid Association", "association")).value().id;
  identity::NewOrganization member = Org("Member Works", "end_user_plant");
  member.association_ids = {association};
  const std::int64_t member_org = identity_->CreateOrganization(member).value().id;
  identity::NewOrganization sharer = Org("Sharing Plating", "end_user_plant");
  sharer.association_ids = {association};
  const std::int64_t sharer_org = identity_->CreateOrganization(sharer).value().id;
  const Principal sharer_admin = Add("sharer@example.com", sharer_org, OrgRole::kAdmin);
  const Principal fellow = Add("fellow@example.com", member_org, OrgRole::kMember);

  ItemInput in = Heater();
  in.level = DataLevel::kShared;
  in.share_with = "association";
  auto item = service_->Create(sharer_admin, sharer_org, in);
  ASSERT_TRUE(item.has_value()) << Fields(item.error());
  EXPECT_EQ(item->association_id, association);
  auto seen = service_->Get(fellow, item->id);
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->input.share_with, "association");
  EXPECT_EQ(service_->Get(park_manager_, item->id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->Get(stranger_, item->id).error().code(), ErrorCode::kNotFound);

  // The park tenant belongs to no association, and the sharer is in no park.
  auto refused = service_->Create(owner_, org_, in);
  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(HasField(refused.error(), "share_with"));
  ItemPatch to_park;
  to_park.share_with = "park";
  auto no_park = service_->Update(sharer_admin, item->id, to_park);
  ASSERT_FALSE(no_park.has_value());
  EXPECT_TRUE(HasField(no_park.error(), "level"));
  ItemPatch bad;
  bad.share_with = "everyone";
  EXPECT_TRUE(HasField(service_->Update(sharer_admin, item->id, bad).error(), "share_with"));

  // Made private again, it leaves the association.
  ItemPatch hide;
  hide.level = DataLevel::kPrivate;
  auto hidden = service_->Update(sharer_admin, item->id, hide);
  ASSERT_TRUE(hidden.has_value()) << Fields(hidden.error());
  EXPECT_EQ(hidden->association_id, 0);
  EXPECT_EQ(service_->Get(fellow, item->id).error().code(), ErrorCode::kNotFound);
}

TEST_P(EquipmentServiceTest, ABadReadingRejectsTheWholeBatch) {
  Item item = CreateHeater();
  std::vector<ReadingInput> batch = {
      {"bath_temperature_c", 61, "C", "2026-12-01T08:00:00Z"},
      {"ph", 7.1, "pH", "2026-12-01"},
      {"chloride_mg_l", -5, "mg/L", "2026-12-01T08:00:00Z"},
      {"fluoride_mg_l", 1, "g/L", "2026-12-01T08:00:00Z"},
      {"current_a", 3, "A", "2026-13-01T08:00:00Z"},
      {"humidity", 3, "%", "2026-12-01T08:00:00Z"},
      {"wall_thickness_mm", 9.9, "mm", "2030-01-01"},
  };
  auto r = service_->IngestReadings(owner_, item.id, batch);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  for (const char* f : {"readings[2].value", "readings[3].unit", "readings[4].measured_at",
                        "readings[5].type", "readings[6].measured_at"})
    EXPECT_TRUE(HasField(r.error(), f)) << f << " in " << Fields(r.error());
  EXPECT_FALSE(HasField(r.error(), "readings[0].value"));
  for (const auto& f : r.error().fields())
    if (f.field == "readings[5].type") {
      EXPECT_NE(f.message.find("unknown reading type \"humidity\""), std::string::npos);
      EXPECT_NE(f.message.find("wall_thickness_mm (mm)"), std::string::npos) << f.message;
    }
  EXPECT_EQ(Count("equipment_readings"), 0);

  batch.resize(2);
  auto ok = service_->IngestReadings(owner_, item.id, batch);
  ASSERT_TRUE(ok.has_value()) << Fields(ok.error());
  EXPECT_EQ(ok->reading_ids.size(), 2u);
  auto listed = service_->ListReadings(owner_, item.id, "ph");
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].unit, "pH");
  EXPECT_EQ((*listed)[0].measured_at, *ParseTimestamp("2026-12-01T00:00:00Z"));
  EXPECT_EQ(service_->ListReadings(owner_, item.id, "")->size(), 2u);
  EXPECT_EQ(service_->ListReadings(owner_, item.id, "bogus").error().code(),
            ErrorCode::kInvalidArgument);
}

TEST_P(EquipmentServiceTest, CsvImportReportsRowsAndChangesNothingWhenBad) {
  Item item = CreateHeater();
  const std::string bad =
      "type,value,unit,measured_at\r\n"
      "ph,7.2,pH,2026-12-01T08:00:00Z\r\n"
      "ph,abc,pH,2026-12-01T08:00:00Z\r\n"
      "chloride_mg_l,120,kg,2026-12-01T08:00:00Z\r\n"
      "ph,7\r\n";
  auto r = service_->ImportReadingsCsv(owner_, item.id, bad);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  for (const char* f : {"rows[3].value", "rows[4].unit", "rows[5]"})
    EXPECT_TRUE(HasField(r.error(), f)) << f << " in " << Fields(r.error());
  EXPECT_EQ(r.error().fields().size(), 3u) << Fields(r.error());
  EXPECT_EQ(Count("equipment_readings"), 0);

  auto wrong_header = service_->ImportReadingsCsv(owner_, item.id, "a,b\nph,7,pH,2026-12-01\n");
  ASSERT_FALSE(wrong_header.has_value());
  EXPECT_TRUE(HasField(wrong_header.error(), "rows[1]"));
  EXPECT_FALSE(service_->ImportReadingsCsv(owner_, item.id, "").has_value());

  const std::string good =
      "\xEF\xBB\xBFtype,value,unit,measured_at\n"
      "ph,7.2,pH,2026-12-01T08:00:00Z\n"
      "\n"
      "wall_thickness_mm,9.8,mm,2026-12-01\n";
  auto ok = service_->ImportReadingsCsv(owner_, item.id, good);
  ASSERT_TRUE(ok.has_value()) << Fields(ok.error());
  EXPECT_EQ(ok->reading_ids.size(), 2u);
  auto listed = service_->ListReadings(owner_, item.id, "wall_thickness_mm").value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].source, "csv");
  EXPECT_DOUBLE_EQ(listed[0].value, 9.8);
}

// Hand computation (API 510 7.1.1, the engine's formulas with years = days / 365.25):
//   2020-01-01 10.0 mm, 2022-01-01 9.6 mm, 2024-01-01 9.0 mm, t_required 6.0 mm.
//   CR_LT = (10.0 - 9.0) / (1461 / 365.25) = 1.0 / 4 = 0.25 mm/a
//   CR_ST = (9.6 - 9.0) / (730 / 365.25) = 0.6 / 1.998631 = 0.300205 mm/a (governing)
//   RL = (9.0 - 6.0) / 0.300205 = 9.993 a
//   interval = min(0.5 * RL, 10 a) = 4.997 a -> floor(4.997 * 365.25) = 1825 days
//   next inspection = 2024-01-01 + 1825 days = 2028-12-30
TEST_P(EquipmentServiceTest, ThicknessAnalysisMatchesHandComputedApi510Figures) {
  Item item = CreateHeater();
  ASSERT_TRUE(service_
                  ->IngestReadings(owner_, item.id,
                                   {{"wall_thickness_mm", 9.6, "mm", "2022-01-01T10:00:00Z"},
                                    {"wall_thickness_mm", 10.0, "mm", "2020-01-01"},
                                    {"wall_thickness_mm", 9.0, "mm", "2024-01-01T09:00:00Z"},
                                    {"wall_thickness_mm", 9.2, "mm", "2024-01-01T11:00:00Z"}})
                  .has_value());
  auto a = service_->AnalyzeThickness(colleague_, item.id);
  ASSERT_TRUE(a.has_value()) << a.error().ToString();
  EXPECT_NEAR(a->cr_long_term_mm_per_a, 0.25, 1e-6);
  EXPECT_NEAR(a->cr_short_term_mm_per_a, 0.300205, 1e-6);
  EXPECT_NEAR(a->governing_rate_mm_per_a, 0.300205, 1e-6);
  ASSERT_TRUE(a->remaining_life_a.has_value());
  EXPECT_NEAR(*a->remaining_life_a, 9.993, 1e-3);
  EXPECT_EQ(a->next_inspection_date, "2028-12-30");
  EXPECT_EQ(a->readings_used, 3);  // the thinner of the two 2024-01-01 readings governs
  EXPECT_TRUE(a->quality.empty());
  EXPECT_EQ(service_->AnalyzeThickness(stranger_, item.id).error().code(), ErrorCode::kNotFound);
}

TEST_P(EquipmentServiceTest, ThicknessQualityFlagsUseTheDataFileThresholds) {
  const QualityRules rules = QualityRules::Default();
  EXPECT_DOUBLE_EQ(rules.growth_warning_mm, 0.1);
  EXPECT_DOUBLE_EQ(rules.growth_error_mm, 0.5);
  EXPECT_EQ(rules.min_pair_days, 30);
  Item item = CreateHeater();
  ASSERT_TRUE(service_
                  ->IngestReadings(owner_, item.id,
                                   {{"wall_thickness_mm", 9.0, "mm", "2022-01-01"},
                                    {"wall_thickness_mm", 9.2, "mm", "2023-01-01"},   // +0.2
                                    {"wall_thickness_mm", 9.1, "mm", "2023-01-20"},   // 19 days
                                    {"wall_thickness_mm", 10.0, "mm", "2024-01-01"},  // +0.8
                                    {"wall_thickness_mm", 5.5, "mm", "2025-01-01"}})  // < 6.0
                  .has_value());
  auto a = service_->AnalyzeThickness(owner_, item.id);
  ASSERT_TRUE(a.has_value()) << a.error().ToString();
  std::vector<std::pair<std::string, std::string>> flags;
  for (const auto& q : a->quality) flags.emplace_back(q.date, q.flag);
  EXPECT_EQ(flags,
            (std::vector<std::pair<std::string, std::string>>{{"2023-01-01", "growth_warning"},
                                                              {"2023-01-20", "too_close"},
                                                              {"2024-01-01", "growth_error"},
                                                              {"2025-01-01", "below_minimum"}}));
  EXPECT_EQ(a->readings_used, 3);
  EXPECT_NEAR(a->cr_long_term_mm_per_a, 3.5 / (1096 / 365.25), 1e-6);
  EXPECT_FALSE(a->remaining_life_a.has_value() && *a->remaining_life_a > 0);

  // Without a required thickness or with too few readings there is nothing to analyse.
  ItemInput no_required = Heater();
  no_required.required_wall_mm.reset();
  Item other = CreateHeater(no_required);
  EXPECT_EQ(service_->AnalyzeThickness(owner_, other.id).error().code(),
            ErrorCode::kFailedPrecondition);
}

TEST_P(EquipmentServiceTest, OutOfWindowReadingsRaiseOneAlertAndNotifyTheOrganization) {
  Item item = CreateHeater();
  Window w;
  w.type = "bath_temperature_c";
  w.target_max = 60;
  w.critical_max = 70;
  auto bad =
      service_->PutWindows(owner_, item.id, {{"bath_temperature_c", 80, 60, {}, 70, "", ""}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(HasField(bad.error(), "windows[0].target_max"));
  auto windows = service_->PutWindows(owner_, item.id, {w});
  ASSERT_TRUE(windows.has_value()) << Fields(windows.error());
  // The item is private: for the park manager it does not exist.
  EXPECT_EQ(service_->PutWindows(park_manager_, item.id, {w}).error().code(), ErrorCode::kNotFound);

  notifications::NotificationService inbox(*db_, clock_);
  const auto unread_before = inbox.List(colleague_, 50, false)->unread;

  auto in = service_->IngestReadings(owner_, item.id,
                                     {{"bath_temperature_c", 58, "C", "2026-12-01T08:00:00Z"},
                                      {"bath_temperature_c", 64, "C", "2026-12-01T09:00:00Z"}});
  ASSERT_TRUE(in.has_value());
  ASSERT_EQ(in->alert_ids.size(), 1u);
  auto alerts = service_->ListAlerts(owner_, item.id).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].severity, "warning");
  EXPECT_EQ(alerts[0].status, "open");
  EXPECT_EQ(alerts[0].count, 1);
  // The alert keeps a code and its parameters, never a sentence.
  EXPECT_EQ(alerts[0].code, "alert.above_target");
  EXPECT_EQ(alerts[0].params, R"({"type":"bath_temperature_c","value":64,"unit":"C","limit":60})");
  EXPECT_EQ(inbox.List(colleague_, 50, false)->unread, unread_before + 1);
  EXPECT_EQ(inbox.List(colleague_, 50, false)->items[0].kind, "equipment.alert");

  // A worse reading escalates the same alert and notifies again.
  ASSERT_TRUE(service_
                  ->IngestReadings(owner_, item.id,
                                   {{"bath_temperature_c", 75, "C", "2026-12-01T10:00:00Z"}})
                  .has_value());
  alerts = service_->ListAlerts(owner_, item.id).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].severity, "critical");
  EXPECT_EQ(alerts[0].count, 2);
  EXPECT_DOUBLE_EQ(alerts[0].last_value, 75);
  EXPECT_EQ(alerts[0].code, "alert.above_critical");
  EXPECT_EQ(alerts[0].params, R"({"type":"bath_temperature_c","value":75,"unit":"C","limit":70})");
  EXPECT_EQ(inbox.List(colleague_, 50, false)->unread, unread_before + 2);
  EXPECT_EQ(inbox.List(stranger_, 50, false)->unread, 0);

  const std::int64_t id = alerts[0].id;
  EXPECT_EQ(service_->AcknowledgeAlert(stranger_, item.id, id).error().code(),
            ErrorCode::kNotFound);
  auto acked = service_->AcknowledgeAlert(colleague_, item.id, id);
  ASSERT_TRUE(acked.has_value());
  EXPECT_EQ(acked->status, "acknowledged");
  EXPECT_EQ(service_->AcknowledgeAlert(owner_, item.id, id).error().code(), ErrorCode::kConflict);
  auto resolved = service_->ResolveAlert(owner_, item.id, id);
  ASSERT_TRUE(resolved.has_value());
  EXPECT_EQ(resolved->status, "resolved");
  EXPECT_EQ(service_->ResolveAlert(owner_, item.id, id).error().code(), ErrorCode::kConflict);
  EXPECT_EQ(service_->ResolveAlert(owner_, item.id, 9999).error().code(), ErrorCode::kNotFound);

  // After resolution a new excursion opens a new alert.
  ASSERT_TRUE(service_
                  ->IngestReadings(owner_, item.id,
                                   {{"bath_temperature_c", 62, "C", "2026-12-02T10:00:00Z"}})
                  .has_value());
  EXPECT_EQ(service_->ListAlerts(owner_, item.id, "open")->size(), 1u);
  EXPECT_EQ(service_->ListAlerts(owner_, item.id, "resolved")->size(), 1u);
  EXPECT_EQ(service_->ListAlerts(owner_, item.id, "nope").error().code(),
            ErrorCode::kInvalidArgument);
}

// Ti-Gr2 in saturated brine: the engine's tightest bath temperature limit is 70 C (crevice
// corrosion); the target maximum sits the data file's 5 C margin below it.
TEST_P(EquipmentServiceTest, EngineDefaultWindowsRaiseAlertsWithoutAnySetting) {
  Item item = CreateHeater();
  auto windows = service_->ListWindows(owner_, item.id).value();
  auto bath = std::find_if(windows.begin(), windows.end(),
                           [](const Window& w) { return w.type == "bath_temperature_c"; });
  ASSERT_NE(bath, windows.end());
  EXPECT_EQ(bath->origin, "engine");
  EXPECT_DOUBLE_EQ(*bath->critical_max, 70);
  EXPECT_DOUBLE_EQ(*bath->target_max, 65);
  EXPECT_NE(bath->source.find("crevice"), std::string::npos) << bath->source;

  auto in = service_->IngestReadings(colleague_, item.id,
                                     {{"bath_temperature_c", 72, "C", "2026-12-01T08:00:00Z"}});
  ASSERT_TRUE(in.has_value());
  auto alerts = service_->ListAlerts(owner_, item.id, "open").value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].severity, "critical");
  EXPECT_EQ(alerts[0].type, "bath_temperature_c");
  EXPECT_EQ(alerts[0].code, "alert.above_critical");
  EXPECT_EQ(alerts[0].params, R"({"type":"bath_temperature_c","value":72,"unit":"C","limit":70})");

  // Recalculating the grade rewrites the engine windows but leaves open alerts alone.
  ItemPatch cooler;
  cooler.operating_temperature_c = 40;
  ASSERT_TRUE(service_->Update(owner_, item.id, cooler).has_value());
  EXPECT_EQ(service_->ListAlerts(owner_, item.id, "open")->size(), 1u);
}

// Fluoride reaches plating and cooling baths by contamination, so every titanium item watches it,
// even when its registered bath has none.
TEST_P(EquipmentServiceTest, ATitaniumHeaterInAFluorideFreeBathWatchesFluoride) {
  ItemInput in = Heater();
  in.bath_preset = "seawater";
  in.operating_temperature_c = 25;
  Item item = CreateHeater(in);
  auto windows = service_->ListWindows(owner_, item.id).value();
  auto fluoride = std::find_if(windows.begin(), windows.end(),
                               [](const Window& w) { return w.type == "fluoride_mg_l"; });
  ASSERT_NE(fluoride, windows.end());
  EXPECT_EQ(fluoride->origin, "engine");
  const auto& kb = engine::wire::DefaultKnowledge();
  ASSERT_FALSE(kb.fluoride.families.empty());
  const double threshold = kb.fluoride.families[0].threshold_mg_l.value;  // titanium, neutral
  EXPECT_DOUBLE_EQ(*fluoride->critical_max, threshold);
  EXPECT_DOUBLE_EQ(*fluoride->target_max, threshold / 2);
  EXPECT_FALSE(fluoride->source.empty());

  ASSERT_TRUE(
      service_
          ->IngestReadings(colleague_, item.id,
                           {{"fluoride_mg_l", threshold + 2, "mg/L", "2026-12-01T08:00:00Z"}})
          .has_value());
  auto alerts = service_->ListAlerts(owner_, item.id, "open").value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].type, "fluoride_mg_l");
  EXPECT_EQ(alerts[0].severity, "critical");
  EXPECT_EQ(alerts[0].code, "alert.above_critical");
}

// A hot chloride-free sulfate rinse: chloride arriving by drag-in would start crevice corrosion
// from the engine's chloride minimum on, so the item watches chloride at that total.
TEST_P(EquipmentServiceTest, AHotChlorideFreeBathWatchesChlorideWhereTheGradeWouldRise) {
  ItemInput in = Heater();
  in.bath_preset.clear();
  in.components = {{"Na2SO4", "g_l", 5}};
  in.operating_temperature_c = 80;
  in.ph = 7;
  Item item = CreateHeater(in);
  ASSERT_EQ(item.grade, 1);
  auto windows = service_->ListWindows(owner_, item.id).value();
  auto chloride = std::find_if(windows.begin(), windows.end(),
                               [](const Window& w) { return w.type == "chloride_mg_l"; });
  ASSERT_NE(chloride, windows.end());
  EXPECT_EQ(chloride->origin, "engine");
  const double minimum =
      engine::wire::DefaultKnowledge().crevice.classes[0].chloride_min_mg_l.value;
  EXPECT_LE(*chloride->critical_max, minimum);
  EXPECT_GE(*chloride->critical_max, minimum * 0.98);
  EXPECT_NE(chloride->source.find("grade rises"), std::string::npos) << chloride->source;
}

TEST_P(EquipmentServiceTest, UserWindowsSurviveRecalculation) {
  Item item = CreateHeater();
  Window w;
  w.type = "sheath_temperature_c";
  w.critical_max = 150;
  ASSERT_TRUE(service_->PutWindows(owner_, item.id, {w}).has_value());
  ItemPatch hotter;
  hotter.operating_temperature_c = 90;
  ASSERT_TRUE(service_->Update(owner_, item.id, hotter).has_value());
  const auto windows = service_->ListWindows(owner_, item.id).value();
  bool found = false;
  for (const auto& x : windows)
    if (x.type == "sheath_temperature_c") {
      found = true;
      EXPECT_EQ(x.origin, "user");
      EXPECT_DOUBLE_EQ(*x.critical_max, 150);
    }
  EXPECT_TRUE(found);
}

INSTANTIATE_TEST_SUITE_P(Databases, EquipmentServiceTest,
                         ::testing::Values(std::string("sqlite"), std::string("postgres")),
                         [](const auto& info) { return info.param; });

// A database whose alerts were stored as English sentences, before migration 603.
class LegacyAlertTest : public EquipmentServiceTest {
 protected:
  int HoldFrom() const override { return 603; }
};

TEST_P(LegacyAlertTest, SentenceAlertsBecomeCodesWithTheirTypeAndValue) {
  // The item and its alert as that schema held them (the service writes today's schema).
  Item item;
  {
    auto conn = db_->Acquire();
    auto rows = (*conn)->Query(
        "INSERT INTO equipment_items (org_id, level, name, type, material, bath_preset, "
        "operating_temperature_c, grade, verdict, governing_mechanism, knowledge_version, "
        "created_at, updated_at) VALUES (?, 'private', 'Old heater', 'immersion_heater', "
        "'Ti-Gr2', 'saturated-brine', 60, 1, 'low', 'general_corrosion', 'v0', 1, 1) "
        "RETURNING id",
        {org_});
    ASSERT_TRUE(rows.has_value() && !rows->empty());
    item.id = (*rows)[0].Int(0);
    ASSERT_TRUE((*conn)
                    ->Execute("INSERT INTO equipment_alerts (item_id, type, severity, status, "
                              "last_value, message, count, opened_at, last_at) VALUES (?, "
                              "'ph', 'warning', 'open', 1.5, 'ph 1.5 pH is below the target "
                              "minimum 2 pH', 1, 1, 1)",
                              {item.id})
                    .has_value());
  }
  ASSERT_TRUE(store::ApplyMigrations(*db_, migrations_).has_value());
  auto alerts = service_->ListAlerts(owner_, item.id).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].code, "alert.outside_window");
  EXPECT_EQ(alerts[0].params, R"({"type":"ph","value":1.5})");
}

INSTANTIATE_TEST_SUITE_P(Databases, LegacyAlertTest,
                         ::testing::Values(std::string("sqlite"), std::string("postgres")),
                         [](const auto& info) { return info.param; });

TEST(TimestampTest, ParsesAndFormatsUtc) {
  EXPECT_EQ(ParseTimestamp("1970-01-02"), 86400);
  EXPECT_EQ(ParseTimestamp("2027-01-15T08:00:00Z"),
            1'800'000'000 - 1'800'000'000 % 86400 + 8 * 3600);
  EXPECT_FALSE(ParseTimestamp("2027-01-15 08:00:00").has_value());
  EXPECT_FALSE(ParseTimestamp("2027-01-15T25:00:00Z").has_value());
  EXPECT_EQ(FormatTimestamp(1'800'000'000), "2027-01-15T08:00:00Z");
}

}  // namespace
}  // namespace rutile::equipment
