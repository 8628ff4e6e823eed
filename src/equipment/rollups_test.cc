#include "rutile/equipment/rollups.h"

#include <cstdio>
#include <cstdlib>

#include "dashboard_test_fixture.h"

namespace rutile::equipment {
namespace {

class RollupsTest : public ViewsTest {
 protected:
  std::vector<std::string> Snapshot() {
    auto conn = world_->db().Acquire();
    std::vector<std::string> out;
    for (const char* sql :
         {"SELECT item_id, type, day, reading_count, min_value, max_value, sum_value, "
          "last_value, last_at FROM equipment_reading_rollups ORDER BY item_id, type, day",
          "SELECT item_id, type, value, measured_at FROM equipment_latest_readings "
          "ORDER BY item_id, type",
          "SELECT item_id, stale FROM equipment_inspection_due ORDER BY item_id",
          "SELECT org_id, day, type, reading_count, min_value, max_value, sum_value FROM "
          "equipment_org_rollups ORDER BY org_id, day, type"}) {
      auto rows = (*conn)->Query(sql).value();
      for (const auto& r : rows) {
        std::string line;
        for (std::size_t i = 0; i < r.size(); ++i) {
          // Sums may differ in the last bit with the order of addition.
          const std::string text = r.Text(i);
          char* end = nullptr;
          const double v = std::strtod(text.c_str(), &end);
          char rounded[32];
          std::snprintf(rounded, sizeof rounded, "%.9g", v);
          line += (end != nullptr && *end == '\0' && !text.empty() ? rounded : text) + "|";
        }
        out.push_back(line);
      }
    }
    return out;
  }
};

TEST_P(RollupsTest, IncrementalUpdatesMatchARebuildFromRawReadings) {
  const Item tank = Create(owner_a_, org_a_, Heater("Tank 1 heater"));
  const Item coil = Create(owner_a_, org_a_, Heater("Tank 2 heater"));
  Ingest(owner_a_, tank.id,
         {{"ph", 7, "pH", "2027-01-10T08:00:00Z"},
          {"ph", 6.8, "pH", "2027-01-10T20:00:00Z"},
          {"ph", 7.4, "pH", "2027-01-10T02:00:00Z"},
          {"bath_temperature_c", 61, "C", "2027-01-11T02:00:00Z"}});
  Ingest(
      owner_a_, tank.id,
      {{"ph", 6.1, "pH", "2027-01-10T09:00:00Z"}, {"wall_thickness_mm", 9.5, "mm", "2026-12-01"}});
  Ingest(owner_a_, coil.id, {{"ph", 5.5, "pH", "2027-01-12T09:00:00Z"}});
  const std::vector<std::string> rebuilt = Snapshot();
  ASSERT_FALSE(rebuilt.empty());

  // Replay the same readings batch by batch, out of time order, through UpdateRollups.
  auto conn = world_->db().Acquire();
  for (const char* t : {"equipment_reading_rollups", "equipment_latest_readings",
                        "equipment_inspection_due", "equipment_org_rollups"})
    ASSERT_TRUE((*conn)->Execute(std::string("DELETE FROM ") + t).has_value());
  for (std::int64_t id : {tank.id, coil.id}) {
    auto readings = equipment_->ListReadings(owner_a_, id, "", 1000).value();  // newest first
    std::vector<Reading> first(readings.begin(), readings.begin() + readings.size() / 2);
    std::vector<Reading> rest(readings.begin() + readings.size() / 2, readings.end());
    ASSERT_TRUE(UpdateRollups(**conn, id, first).has_value());
    ASSERT_TRUE(UpdateRollups(**conn, id, rest).has_value());
  }
  EXPECT_EQ(Snapshot(), rebuilt);
  // Rebuilding one item keeps its organization's daily totals whole.
  ASSERT_TRUE(RebuildRollups(**conn, coil.id).has_value());
  EXPECT_EQ(Snapshot(), rebuilt);

  auto rows = (*conn)
                  ->Query(
                      "SELECT reading_count, min_value, max_value, last_value FROM "
                      "equipment_reading_rollups WHERE item_id = ? AND type = 'ph'",
                      {tank.id})
                  .value();
  ASSERT_EQ(rows.size(), 1u);  // one UTC day
  EXPECT_EQ(rows[0].Int(0), 4);
  EXPECT_DOUBLE_EQ(rows[0].Real(1), 6.1);
  EXPECT_DOUBLE_EQ(rows[0].Real(2), 7.4);
  EXPECT_DOUBLE_EQ(rows[0].Real(3), 6.8);  // the reading measured last that day
}

TEST(RollupDayTest, DaysAreUtcAndFloorBeforeTheEpoch) {
  EXPECT_EQ(DayOf(0), 0);
  EXPECT_EQ(DayOf(86399), 0);
  EXPECT_EQ(DayOf(86400), 1);
  EXPECT_EQ(DayOf(-1), -1);
}

INSTANTIATE_TEST_SUITE_P(Databases, RollupsTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::equipment
