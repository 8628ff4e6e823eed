#include "rutile/equipment/rollups.h"

#include <map>
#include <string>
#include <utility>

namespace rutile::equipment {
namespace {

constexpr std::string_view kThicknessType = "wall_thickness_mm";

constexpr std::string_view kSchema = R"sql(
CREATE TABLE equipment_reading_rollups (
  item_id BIGINT NOT NULL REFERENCES equipment_items(id),
  type TEXT NOT NULL,
  day BIGINT NOT NULL,
  reading_count BIGINT NOT NULL,
  min_value DOUBLE PRECISION NOT NULL,
  max_value DOUBLE PRECISION NOT NULL,
  sum_value DOUBLE PRECISION NOT NULL,
  last_value DOUBLE PRECISION NOT NULL,
  last_at BIGINT NOT NULL,
  PRIMARY KEY (item_id, day, type)
);
CREATE TABLE equipment_org_rollups (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  day BIGINT NOT NULL,
  type TEXT NOT NULL,
  reading_count BIGINT NOT NULL,
  min_value DOUBLE PRECISION NOT NULL,
  max_value DOUBLE PRECISION NOT NULL,
  sum_value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (org_id, day, type)
);
CREATE TABLE equipment_latest_readings (
  item_id BIGINT NOT NULL REFERENCES equipment_items(id),
  type TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  measured_at BIGINT NOT NULL,
  PRIMARY KEY (item_id, type)
);
CREATE TABLE equipment_inspection_due (
  item_id BIGINT PRIMARY KEY REFERENCES equipment_items(id),
  next_inspection_date TEXT NOT NULL DEFAULT '',
  remaining_life_a DOUBLE PRECISION,
  note TEXT NOT NULL DEFAULT '',
  stale BIGINT NOT NULL DEFAULT 1,
  computed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX equipment_inspection_due_date ON equipment_inspection_due(next_inspection_date);
CREATE INDEX equipment_items_park ON equipment_items(park_id, level);
)sql";

// The statements that fill the rollup tables from raw readings for one item (item_id > 0) or
// all. Days are UTC (Unix seconds / 86400; readings before 1970 are rejected at ingestion). The
// organization's rollups are summed from its items' rollups, so they come last.
std::vector<std::string> BackfillStatements(std::int64_t item_id) {
  const std::string id = std::to_string(item_id);
  const std::string f = item_id > 0 ? "item_id = " + id : "1 = 1";
  const std::string org =
      item_id > 0 ? "org_id = (SELECT org_id FROM equipment_items WHERE id = " + id + ")" : "1 = 1";
  return {
      "INSERT INTO equipment_reading_rollups (item_id, type, day, reading_count, min_value, "
      "max_value, sum_value, last_value, last_at) SELECT item_id, type, measured_at / 86400, "
      "COUNT(*), MIN(value), MAX(value), SUM(value), 0, MAX(measured_at) FROM equipment_readings "
      "WHERE " +
          f + " GROUP BY item_id, type, measured_at / 86400",
      "UPDATE equipment_reading_rollups SET last_value = (SELECT r.value FROM "
      "equipment_readings r WHERE r.item_id = equipment_reading_rollups.item_id AND r.type = "
      "equipment_reading_rollups.type AND r.measured_at = equipment_reading_rollups.last_at "
      "ORDER BY r.id DESC LIMIT 1) WHERE " +
          f,
      "INSERT INTO equipment_latest_readings (item_id, type, value, measured_at) SELECT item_id, "
      "type, last_value, last_at FROM equipment_reading_rollups g WHERE " +
          f +
          " AND day = (SELECT MAX(day) FROM equipment_reading_rollups h WHERE h.item_id = "
          "g.item_id AND h.type = g.type)",
      "INSERT INTO equipment_inspection_due (item_id, stale) SELECT DISTINCT item_id, 1 FROM "
      "equipment_readings WHERE type = 'wall_thickness_mm' AND " +
          f,
      "DELETE FROM equipment_org_rollups WHERE " + org,
      "INSERT INTO equipment_org_rollups (org_id, day, type, reading_count, min_value, "
      "max_value, sum_value) SELECT i.org_id, r.day, r.type, SUM(r.reading_count), "
      "MIN(r.min_value), MAX(r.max_value), SUM(r.sum_value) FROM equipment_reading_rollups r "
      "JOIN equipment_items i ON i.id = r.item_id WHERE " +
          std::string(item_id > 0 ? "i." : "") + org + " GROUP BY i.org_id, r.day, r.type",
  };
}

struct DayAggregate {
  std::int64_t count = 0;
  double min = 0, max = 0, sum = 0, last = 0;
  std::int64_t last_at = 0;
};

}  // namespace

std::vector<store::Migration> RollupMigrations() {
  std::string sql(kSchema);
  for (const std::string& s : BackfillStatements(0)) sql += s + ";\n";
  return {{650, "equipment_view_rollups", std::move(sql)}};
}

Status UpdateRollups(store::Connection& c, std::int64_t item_id,
                     const std::vector<Reading>& readings) {
  // Fold the batch per (type, day) first: one upsert per group instead of per reading.
  std::map<std::pair<std::string, std::int64_t>, DayAggregate> days;
  bool thickness = false;
  for (const Reading& r : readings) {
    thickness = thickness || r.type == kThicknessType;
    auto [it, fresh] = days.try_emplace({r.type, DayOf(r.measured_at)});
    DayAggregate& a = it->second;
    if (fresh) {
      a.min = a.max = r.value;
    } else {
      a.min = std::min(a.min, r.value);
      a.max = std::max(a.max, r.value);
    }
    a.count += 1;
    a.sum += r.value;
    if (fresh || r.measured_at >= a.last_at) {
      a.last = r.value;
      a.last_at = r.measured_at;
    }
  }
  if (days.empty()) return Ok();
  RUTILE_ASSIGN_OR_RETURN(auto owner,
                          c.Query("SELECT org_id FROM equipment_items WHERE id = ?", {item_id}));
  if (owner.empty()) return NotFound("equipment item " + std::to_string(item_id));
  const std::int64_t org_id = owner[0].Int(0);
  std::map<std::string, std::pair<double, std::int64_t>> latest;
  for (const auto& [key, a] : days) {
    RUTILE_TRY(c.Execute(
        "INSERT INTO equipment_reading_rollups (item_id, type, day, reading_count, min_value, "
        "max_value, sum_value, last_value, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (item_id, type, day) DO UPDATE SET "
        "reading_count = equipment_reading_rollups.reading_count + excluded.reading_count, "
        "min_value = CASE WHEN excluded.min_value < equipment_reading_rollups.min_value "
        "THEN excluded.min_value ELSE equipment_reading_rollups.min_value END, "
        "max_value = CASE WHEN excluded.max_value > equipment_reading_rollups.max_value "
        "THEN excluded.max_value ELSE equipment_reading_rollups.max_value END, "
        "sum_value = equipment_reading_rollups.sum_value + excluded.sum_value, "
        "last_value = CASE WHEN excluded.last_at >= equipment_reading_rollups.last_at "
        "THEN excluded.last_value ELSE equipment_reading_rollups.last_value END, "
        "last_at = CASE WHEN excluded.last_at >= equipment_reading_rollups.last_at "
        "THEN excluded.last_at ELSE equipment_reading_rollups.last_at END",
        {item_id, key.first, key.second, a.count, a.min, a.max, a.sum, a.last, a.last_at}));
    RUTILE_TRY(
        c.Execute("INSERT INTO equipment_org_rollups (org_id, day, type, reading_count, min_value, "
                  "max_value, sum_value) VALUES (?, ?, ?, ?, ?, ?, ?) "
                  "ON CONFLICT (org_id, day, type) DO UPDATE SET "
                  "reading_count = equipment_org_rollups.reading_count + excluded.reading_count, "
                  "min_value = CASE WHEN excluded.min_value < equipment_org_rollups.min_value "
                  "THEN excluded.min_value ELSE equipment_org_rollups.min_value END, "
                  "max_value = CASE WHEN excluded.max_value > equipment_org_rollups.max_value "
                  "THEN excluded.max_value ELSE equipment_org_rollups.max_value END, "
                  "sum_value = equipment_org_rollups.sum_value + excluded.sum_value",
                  {org_id, key.second, key.first, a.count, a.min, a.max, a.sum}));
    auto [it, fresh] = latest.try_emplace(key.first, a.last, a.last_at);
    if (!fresh && a.last_at >= it->second.second) it->second = {a.last, a.last_at};
  }
  for (const auto& [type, last] : latest) {
    RUTILE_TRY(c.Execute(
        "INSERT INTO equipment_latest_readings (item_id, type, value, measured_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (item_id, type) DO UPDATE SET "
        "value = CASE WHEN excluded.measured_at >= equipment_latest_readings.measured_at "
        "THEN excluded.value ELSE equipment_latest_readings.value END, "
        "measured_at = CASE WHEN excluded.measured_at >= equipment_latest_readings.measured_at "
        "THEN excluded.measured_at ELSE equipment_latest_readings.measured_at END",
        {item_id, type, last.first, last.second}));
  }
  if (thickness) {
    RUTILE_TRY(
        c.Execute("INSERT INTO equipment_inspection_due (item_id, stale) VALUES (?, 1) "
                  "ON CONFLICT (item_id) DO UPDATE SET stale = 1",
                  {item_id}));
  }
  return Ok();
}

Status RebuildRollups(store::Connection& c, std::int64_t item_id) {
  const std::string filter = item_id > 0 ? "item_id = " + std::to_string(item_id) : "1 = 1";
  for (const char* table :
       {"equipment_reading_rollups", "equipment_latest_readings", "equipment_inspection_due"}) {
    RUTILE_TRY(c.Execute(std::string("DELETE FROM ") + table + " WHERE " + filter));
  }
  for (const std::string& s : BackfillStatements(item_id)) RUTILE_TRY(c.Execute(s));
  return Ok();
}

}  // namespace rutile::equipment
