#include "rollup_repository.h"

#include <algorithm>
#include <map>

namespace rutile::equipment::views {

Result<std::vector<ItemFact>> LoadItemFacts(store::Connection& c, std::string_view where,
                                            std::span<const store::Value> params) {
  const std::string sql =
      "SELECT i.id, i.org_id, i.name, i.type, i.material, i.location, i.level, i.grade, "
      "i.verdict, o.name, o.region, o.industry, "
      "(SELECT COUNT(*) FROM equipment_alerts a WHERE a.item_id = i.id AND a.status <> "
      "'resolved' AND a.severity = 'warning'), "
      "(SELECT COUNT(*) FROM equipment_alerts a WHERE a.item_id = i.id AND a.status <> "
      "'resolved' AND a.severity = 'critical'), "
      "COALESCE(d.next_inspection_date, '') "
      "FROM equipment_items i JOIN organizations o ON o.id = i.org_id "
      "LEFT JOIN equipment_inspection_due d ON d.item_id = i.id WHERE " +
      std::string(where) + " ORDER BY i.id";
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<ItemFact> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    ItemFact f;
    f.id = r.Int(0);
    f.org_id = r.Int(1);
    f.name = r.Text(2);
    f.type = r.Text(3);
    f.material = r.Text(4);
    f.location = r.Text(5);
    f.level = r.Text(6);
    f.grade = static_cast<int>(r.Int(7));
    f.verdict = r.Text(8);
    f.org_name = r.Text(9);
    f.region = r.Text(10);
    f.industry = r.OptText(11).value_or("");
    f.open_warning_alerts = r.Int(12);
    f.open_critical_alerts = r.Int(13);
    f.next_inspection_date = r.Text(14);
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::vector<ReadingTypeSummary>> ReadingSummaries(store::Connection& c, std::int64_t org_id,
                                                         std::int64_t from_day) {
  std::map<std::string, ReadingTypeSummary> by_type;
  RUTILE_ASSIGN_OR_RETURN(
      auto latest,
      c.Query("SELECT l.type, CASE WHEN w.item_id IS NULL THEN 'none' "
              "WHEN (w.critical_min IS NOT NULL AND l.value < w.critical_min) OR "
              "(w.critical_max IS NOT NULL AND l.value > w.critical_max) THEN 'critical' "
              "WHEN (w.target_min IS NOT NULL AND l.value < w.target_min) OR "
              "(w.target_max IS NOT NULL AND l.value > w.target_max) THEN 'target' "
              "ELSE 'ok' END AS state, COUNT(*), MAX(l.measured_at) "
              "FROM equipment_latest_readings l JOIN equipment_items i ON i.id = l.item_id "
              "LEFT JOIN equipment_windows w ON w.item_id = l.item_id AND w.type = l.type "
              "WHERE i.org_id = ? GROUP BY l.type, state",
              {org_id}));
  for (const auto& r : latest) {
    ReadingTypeSummary& s = by_type[r.Text(0)];
    s.type = r.Text(0);
    const std::string state = r.Text(1);
    const std::int64_t n = r.Int(2);
    s.items += n;
    if (state == "none") s.no_window += n;
    if (state == "critical") s.outside_critical += n;
    if (state == "target") s.outside_target += n;
    if (state == "ok") s.in_window += n;
    s.latest_at = std::max(s.latest_at, r.Int(3));
  }
  RUTILE_ASSIGN_OR_RETURN(
      auto recent,
      c.Query("SELECT type, SUM(reading_count), MIN(min_value), MAX(max_value), SUM(sum_value) "
              "FROM equipment_org_rollups WHERE org_id = ? AND day >= ? GROUP BY type",
              {org_id, from_day}));
  for (const auto& r : recent) {
    ReadingTypeSummary& s = by_type[r.Text(0)];
    s.type = r.Text(0);
    s.recent_count = r.Int(1);
    if (s.recent_count > 0) {
      s.recent_min = r.Real(2);
      s.recent_max = r.Real(3);
      s.recent_mean = r.Real(4) / static_cast<double>(s.recent_count);
    }
  }
  std::vector<ReadingTypeSummary> out;
  for (auto& [type, s] : by_type) out.push_back(std::move(s));
  return out;
}

Result<std::vector<std::pair<std::int64_t, std::int64_t>>> StaleInspections(store::Connection& c) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT d.item_id, i.org_id FROM equipment_inspection_due d "
                         "JOIN equipment_items i ON i.id = d.item_id "
                         "WHERE d.stale = 1 OR i.updated_at > d.computed_at ORDER BY d.item_id"));
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const auto& r : rows) out.emplace_back(r.Int(0), r.Int(1));
  return out;
}

Status StoreInspection(store::Connection& c, std::int64_t item_id,
                       const std::string& next_inspection_date,
                       std::optional<double> remaining_life_a, const std::string& note,
                       std::int64_t now) {
  store::Value life =
      remaining_life_a ? store::Value(*remaining_life_a) : store::Value(store::Null{});
  RUTILE_TRY(c.Execute(
      "UPDATE equipment_inspection_due SET next_inspection_date = ?, remaining_life_a = ?, "
      "note = ?, stale = 0, computed_at = ? WHERE item_id = ?",
      {next_inspection_date, life, note, now, item_id}));
  return Ok();
}

Result<std::optional<std::pair<std::int64_t, std::int64_t>>> MaintenanceTasks(
    store::Connection& c, std::int64_t org_id, std::int64_t today_day) {
  const char* exists =
      c.dialect() == store::Dialect::kSqlite
          ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
          : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ? AND "
            "table_schema = current_schema()";
  RUTILE_ASSIGN_OR_RETURN(auto found, c.Query(exists, {std::string("maintenance_tasks")}));
  if (found.empty() || found[0].Int(0) == 0) return std::nullopt;
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_day < ? THEN 1 ELSE 0 END), "
                         "0) FROM maintenance_tasks WHERE org_id = ? AND status = 'open'",
                         {today_day, org_id}));
  return std::make_pair(rows.at(0).Int(0), rows.at(0).Int(1));
}

void CountGrade(std::array<std::int64_t, 4>& by_grade, int grade) {
  by_grade[static_cast<std::size_t>(std::clamp(grade, 1, 4) - 1)] += 1;
}

}  // namespace rutile::equipment::views

namespace rutile::equipment::views {

Result<std::vector<LatestReading>> LatestReadingsOfOrg(store::Connection& c, std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT l.item_id, l.type, l.value, l.measured_at FROM "
                         "equipment_latest_readings l JOIN equipment_items i ON i.id = l.item_id "
                         "WHERE i.org_id = ? ORDER BY l.item_id, l.type",
                         {org_id}));
  std::vector<LatestReading> out;
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Real(2), r.Int(3)});
  return out;
}

}  // namespace rutile::equipment::views
