#include "rutile/equipment/dashboard.h"

#include <numeric>

#include "dashboard_test_fixture.h"
#ifdef RUTILE_VIEWS_WITH_MAINTENANCE
#include "rutile/equipment/maintenance_service.h"
#endif

namespace rutile::equipment {
namespace {

using access::DataLevel;

std::int64_t Sum(const std::array<std::int64_t, 4>& a) {
  return std::accumulate(a.begin(), a.end(), std::int64_t{0});
}

class DashboardTest : public ViewsTest {};

TEST_P(DashboardTest, CountsGradesAlertsReadingsAndOverdueInspections) {
  const Item tank = Create(owner_a_, org_a_, Heater("Tank 1 heater"));
  const Item coil = Create(owner_a_, org_a_, Heater("Tank 2 heater", DataLevel::kPrivate));
  Create(owner_b_, org_b_, Heater("Other tenant heater"));
  PhWindow(owner_a_, tank.id);
  PhWindow(owner_a_, coil.id);
  Ingest(owner_a_, tank.id,
         {{"ph", 7, "pH", "2027-01-10T08:00:00Z"},
          {"ph", 6, "pH", "2027-01-14T08:00:00Z"},
          {"wall_thickness_mm", 10, "mm", "2010-01-01"},
          {"wall_thickness_mm", 6.5, "mm", "2020-01-01"}});
  Ingest(owner_a_, coil.id, {{"ph", 4, "pH", "2027-01-14T09:00:00Z"}});

  auto d = views_->GetDashboard(owner_a_, org_a_);
  ASSERT_TRUE(d.has_value()) << d.error().message();
  EXPECT_EQ(d->as_of, "2027-01-15");
  EXPECT_EQ(d->items, 2);
  EXPECT_EQ(Sum(d->items_by_grade), 2);
  EXPECT_EQ(d->open_alerts.warning, 1);
  EXPECT_EQ(d->open_alerts.critical, 1);
  ASSERT_EQ(d->inspections_scheduled, 1);
  EXPECT_EQ(d->inspections_overdue, 1);
  ASSERT_EQ(d->next_inspections.size(), 1u);
  EXPECT_EQ(d->next_inspections[0].item_id, tank.id);
  EXPECT_TRUE(d->next_inspections[0].overdue);
  EXPECT_LT(d->next_inspections[0].next_inspection_date, "2027-01-15");

  const ReadingTypeSummary* ph = nullptr;
  for (const auto& s : d->readings)
    if (s.type == "ph") ph = &s;
  ASSERT_NE(ph, nullptr);
  EXPECT_EQ(ph->items, 2);
  EXPECT_EQ(ph->outside_target, 1);    // tank: latest 6 is below the target 6.5
  EXPECT_EQ(ph->outside_critical, 1);  // coil: 4 is below the critical 5
  EXPECT_EQ(ph->recent_count, 3);
  EXPECT_DOUBLE_EQ(*ph->recent_min, 4);
  EXPECT_DOUBLE_EQ(*ph->recent_max, 7);
  EXPECT_NEAR(*ph->recent_mean, 17.0 / 3, 1e-9);

  // The maintenance tables are not part of this database.
  EXPECT_FALSE(d->maintenance_overdue_tasks.has_value());
  // A second call finds nothing stale.
  EXPECT_EQ(views_->RefreshInspections().value(), 0);
}

TEST_P(DashboardTest, InspectionDateFollowsNewThicknessReadings) {
  const Item tank = Create(owner_a_, org_a_, Heater("Tank 1 heater"));
  Ingest(owner_a_, tank.id,
         {{"wall_thickness_mm", 10, "mm", "2010-01-01"},
          {"wall_thickness_mm", 6.5, "mm", "2020-01-01"}});
  auto before = views_->GetDashboard(owner_a_, org_a_).value();
  ASSERT_EQ(before.next_inspections.size(), 1u);
  // A new survey showing almost no loss moves the next inspection into the future.
  Ingest(owner_a_, tank.id, {{"wall_thickness_mm", 6.49, "mm", "2027-01-01"}});
  auto after = views_->GetDashboard(owner_a_, org_a_).value();
  ASSERT_EQ(after.next_inspections.size(), 1u);
  EXPECT_GT(after.next_inspections[0].next_inspection_date,
            before.next_inspections[0].next_inspection_date);
}

TEST_P(DashboardTest, OnlyMembersSeeTheirDashboard) {
  EXPECT_EQ(views_->GetDashboard(stranger_, org_a_).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(views_->GetDashboard(access::Principal{}, org_a_).error().code(),
            ErrorCode::kUnauthenticated);
  auto empty = views_->GetDashboard(owner_b_, org_b_);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->items, 0);
  EXPECT_TRUE(empty->readings.empty());
}

TEST_P(DashboardTest, ParkManagerSeesTenantsSharedItemsOnly) {
  const Item a1 = Create(owner_a_, org_a_, Heater("A shared 1"));
  Create(owner_a_, org_a_, Heater("A shared 2"));
  Create(owner_a_, org_a_, Heater("A private", DataLevel::kPrivate));
  Create(owner_b_, org_b_, Heater("B shared"));
  Create(stranger_, other_org_, Heater("Outside the park", DataLevel::kPrivate));
  PhWindow(owner_a_, a1.id);
  Ingest(owner_a_, a1.id,
         {{"ph", 4, "pH", "2027-01-14T09:00:00Z"},
          {"wall_thickness_mm", 10, "mm", "2010-01-01"},
          {"wall_thickness_mm", 6.5, "mm", "2020-01-01"}});

  auto park = views_->GetParkOverview(manager_, park_id_);
  ASSERT_TRUE(park.has_value()) << park.error().message();
  EXPECT_EQ(park->park_name, "Jinhe Surface Treatment Park");
  ASSERT_EQ(park->tenants.size(), 2u);
  EXPECT_EQ(park->tenants[0].org_name, "Tenant Anodizing");
  EXPECT_EQ(park->tenants[0].items, 1);
  EXPECT_EQ(park->tenants[1].org_name, "Tenant Plating");
  EXPECT_EQ(park->tenants[1].items, 2);
  EXPECT_EQ(park->tenants[1].open_critical_alerts, 1);
  EXPECT_EQ(park->tenants[1].overdue_inspections, 1);
  EXPECT_EQ(park->total.items, 3);
  EXPECT_EQ(Sum(park->total.items_by_grade), 3);
  EXPECT_EQ(park->total.overdue_inspections, 1);
  // The attention list: every shared item, the one with the critical alert and the overdue
  // inspection first, the others by tenant and name; no private item.
  ASSERT_EQ(park->attention.size(), 3u);
  EXPECT_EQ(park->attention[0].id, a1.id);
  EXPECT_EQ(park->attention[0].open_critical_alerts, 1);
  EXPECT_TRUE(park->attention[0].inspection_overdue);
  EXPECT_EQ(park->attention[0].org_name, "Tenant Plating");
  EXPECT_EQ(park->attention[1].name, "B shared");
  EXPECT_EQ(park->attention[2].name, "A shared 2");
  EXPECT_FALSE(park->attention[2].inspection_overdue);

  EXPECT_EQ(views_->GetParkOverview(owner_a_, park_id_).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(views_->GetParkOverview(manager_, park_id_ + 100).error().code(), ErrorCode::kNotFound);
}

#ifdef RUTILE_VIEWS_WITH_MAINTENANCE
class DashboardMaintenanceTest : public ViewsTest {
 protected:
  void AddMigrations(std::vector<store::Migration>& m) const override {
    for (auto& x : MaintenanceMigrations()) m.push_back(x);
  }
};

TEST_P(DashboardMaintenanceTest, CountsOpenAndOverdueMaintenanceTasksWhenThePartIsThere) {
  const Item tank = Create(owner_a_, org_a_, Heater("Tank 1 heater"));
  auto conn = world_->db().Acquire();
  const std::int64_t today = DayOf(1'800'000'000);
  ASSERT_TRUE((*conn)
                  ->Execute("INSERT INTO maintenance_activities (item_id, kind, origin, title, "
                            "active, created_at, updated_at) VALUES (?, 'inspection', 'user', "
                            "'Visual check', 1, 0, 0)",
                            {tank.id})
                  .has_value());
  for (auto [due, status] : {std::pair{today - 3, "open"}, std::pair{today + 10, "open"},
                             std::pair{today - 9, "done"}}) {
    ASSERT_TRUE((*conn)
                    ->Execute("INSERT INTO maintenance_tasks (activity_id, item_id, org_id, "
                              "due_day, status, created_at) VALUES (1, ?, ?, ?, ?, 0)",
                              {tank.id, org_a_, due, std::string(status)})
                    .has_value());
  }
  conn->reset();
  auto d = views_->GetDashboard(owner_a_, org_a_);
  ASSERT_TRUE(d.has_value()) << d.error().message();
  EXPECT_EQ(d->maintenance_open_tasks, 2);
  EXPECT_EQ(d->maintenance_overdue_tasks, 1);
}

INSTANTIATE_TEST_SUITE_P(Databases, DashboardMaintenanceTest,
                         ::testing::Values("sqlite", "postgres"));
#endif

INSTANTIATE_TEST_SUITE_P(Databases, DashboardTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::equipment
