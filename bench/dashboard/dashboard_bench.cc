// Dashboard, park and regional view latency over a synthetic archive on SQLite: 10k items,
// raw readings as many as asked (--raw), and rollups at the target scale (100M readings
// represented). Prints p50/p95 with rollups and for a baseline computing the same figures from
// raw readings in the same run, and their ratios. A benchmark, not a test: it never fails on time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "rollup_repository.h"
#include "rutile/engine/wire/engine_wire.h"
#include "rutile/equipment/dashboard.h"
#include "rutile/equipment/rollups.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/notifications/notification_service.h"

namespace rutile::equipment {
namespace {

constexpr const char* kTypes[] = {"ph", "bath_temperature_c", "chloride_mg_l",
                                  "conductivity_us_cm"};
constexpr std::int64_t kNow = 1'800'000'000;  // 2027-01-15
constexpr int kParks = 10;
constexpr int kOrgs = 100;  // org 1 is a large enterprise; parks' managers come after

struct Options {
  std::string db_path = "/tmp/rutile-dashboard-bench.db";
  std::int64_t items = 10'000;
  std::int64_t raw = 2'000'000;
  std::int64_t target = 100'000'000;
  int days = 90;
  int iterations = 30;
};

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Stats {
  double p50 = 0, p95 = 0;
};

Stats Measure(int n, const std::function<void()>& fn) {
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    ms.push_back(Ms(std::chrono::steady_clock::now() - t0));
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * (ms.size() - 1) + 0.5))];
  };
  return {at(0.5), at(0.95)};
}

void Check(const Status& s, const char* what) {
  if (!s.has_value()) {
    std::fprintf(stderr, "%s: %s\n", what, s.error().message().c_str());
    std::exit(1);
  }
}

void Exec(store::Database& db, const std::string& sql) {
  auto conn = db.Acquire();
  Check(conn.has_value() ? Status(Ok()) : Status(conn.error()), "acquire");
  Check((*conn)->ExecuteScript(sql), sql.substr(0, 60).c_str());
}

std::string Seq(std::int64_t n) {
  return "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < " +
         std::to_string(n) + ") ";
}

access::Principal MemberOf(std::int64_t org_id, std::int64_t park_id) {
  access::Principal p;
  p.user_id = 1;
  access::OrgMembership m;
  m.org_id = org_id;
  m.park_id = park_id;
  p.memberships.push_back(m);
  return p;
}

void Seed(store::Database& db, const Options& o) {
  const std::string now = std::to_string(kNow);
  // Parks 1..10 in three regions; orgs 1..100 are tenants (org 1 holds a fifth of the items),
  // orgs 101..110 manage the parks.
  Exec(db,
       "INSERT INTO users (email, name, password_hash, created_at) VALUES "
       "('bench@example.com', 'Bench', 'x', " +
           now + ")");
  Exec(db, "INSERT INTO parks (name, region) " + Seq(kParks) +
               "SELECT 'Park ' || x, CASE x % 3 WHEN 0 THEN 'cn-east' WHEN 1 THEN 'cn-west' "
               "ELSE 'eu-south' END FROM n");
  Exec(db, "INSERT INTO organizations (name, kind, region, industry, park_id, created_at) " +
               Seq(kOrgs) +
               "SELECT 'Tenant ' || x, 'end_user_plant', CASE (x % 10 + 1) % 3 WHEN 0 THEN "
               "'cn-east' WHEN 1 THEN 'cn-west' ELSE 'eu-south' END, CASE x % 4 WHEN 0 THEN "
               "'electroplating' WHEN 1 THEN 'anodizing' WHEN 2 THEN 'pickling' ELSE "
               "'chemical' END, x % 10 + 1, " +
               now + " FROM n");
  Exec(db, "INSERT INTO organizations (name, kind, region, park_id, created_at) " + Seq(kParks) +
               "SELECT 'Park management ' || x, 'industrial_park', 'cn-east', x, " + now +
               " FROM n");
  Exec(db, "UPDATE parks SET manager_org_id = id + " + std::to_string(kOrgs));
  const std::string big = std::to_string(o.items / 5);
  Exec(db,
       "INSERT INTO equipment_items (org_id, park_id, level, name, type, material, "
       "nominal_wall_mm, required_wall_mm, operating_temperature_c, grade, verdict, "
       "governing_mechanism, knowledge_version, created_at, updated_at) " +
           Seq(o.items) +
           "SELECT o, o % 10 + 1, CASE WHEN x % 2 = 0 THEN 'shared' ELSE "
           "'private' END, 'Heater ' || x, 'immersion_heater', 'Ti-Gr2', 10, 6, 60, "
           "abs(random()) % 4 + 1, 'bench', 'general', 'bench', " +
           now + ", " + now + " FROM (SELECT x, CASE WHEN x <= " + big + " THEN 1 ELSE 2 + x % " +
           std::to_string(kOrgs - 1) + " END AS o FROM n)");
  Exec(db,
       "INSERT INTO equipment_windows (item_id, type, target_min, target_max, critical_min, "
       "critical_max, origin, updated_at) SELECT id, 'ph', 6.5, 8.5, 5, 10, 'user', " +
           now + " FROM equipment_items");
  Exec(db,
       "INSERT INTO equipment_alerts (item_id, type, severity, status, last_value, message, "
       "count, opened_at, last_at) SELECT id, 'ph', CASE WHEN id % 3 = 0 THEN 'critical' "
       "ELSE 'warning' END, 'open', 4, 'bench', 1, " +
           now + ", " + now + " FROM equipment_items WHERE id % 20 = 0");
  // Raw readings: four types spread over the last `days` days, plus three wall-thickness
  // surveys per item (2012, 2017, 2022) for the inspection dates.
  const std::int64_t span = static_cast<std::int64_t>(o.days) * 86400;
  Exec(db,
       "INSERT INTO equipment_readings (item_id, type, value, unit, measured_at, "
       "recorded_at, recorded_by, source) " +
           Seq(o.raw) + "SELECT x % " + std::to_string(o.items) + " + 1, CASE (x / " +
           std::to_string(o.items) +
           ") % 4 WHEN 0 THEN 'ph' WHEN 1 THEN "
           "'bath_temperature_c' WHEN 2 THEN 'chloride_mg_l' ELSE 'conductivity_us_cm' END, "
           "5 + (x % 50) / 10.0, 'u', " +
           std::to_string(kNow - span) + " + (x * 7919) % " + std::to_string(span) + ", " + now +
           ", 1, 'bench' FROM n");
  for (const char* date : {"1325376000", "1483228800", "1640995200"})  // 2012/2017/2022-01-01
    Exec(db, std::string("INSERT INTO equipment_readings (item_id, type, value, unit, "
                         "measured_at, recorded_at, recorded_by, source) SELECT id, "
                         "'wall_thickness_mm', 10 - (") +
                 date + " - 1325376000) / 31557600.0 * (0.1 + (id % 7) * 0.1), 'mm', " + date +
                 ", " + now + ", 1, 'bench' FROM equipment_items");
}

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void Row(const char* name, Stats rollup, Stats baseline) {
  std::printf("%-34s p50 %9s ms  p95 %9s ms | baseline p50 %9s ms  p95 %9s ms | ratio p95 %.1fx\n",
              name, Fmt(rollup.p50).c_str(), Fmt(rollup.p95).c_str(), Fmt(baseline.p50).c_str(),
              Fmt(baseline.p95).c_str(), baseline.p95 / std::max(rollup.p95, 1e-6));
}

int Main(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const char* v = argv[i + 1];
    if (k == "--db") o.db_path = v;
    if (k == "--items") o.items = std::atoll(v);
    if (k == "--raw") o.raw = std::atoll(v);
    if (k == "--target") o.target = std::atoll(v);
    if (k == "--days") o.days = std::atoi(v);
    if (k == "--iterations") o.iterations = std::atoi(v);
  }
  std::filesystem::remove(o.db_path);
  std::filesystem::remove(o.db_path + "-wal");
  std::filesystem::remove(o.db_path + "-shm");
  auto opened = store::OpenDatabase("sqlite:" + o.db_path);
  if (!opened.has_value()) return 1;
  store::Database& db = **opened;
  auto migrations = identity::IdentityMigrations();
  for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
  for (auto& m : EquipmentMigrations()) migrations.push_back(m);
  for (auto& m : RollupMigrations()) migrations.push_back(m);
  Check(store::ApplyMigrations(db, migrations).has_value() ? Status(Ok())
                                                           : Status(Internal("migrations")),
        "migrations");
  FakeClock clock{FromUnixSeconds(kNow)};
  EquipmentService equipment(db, clock, engine::wire::DefaultKnowledge());
  DashboardService views(db, clock, equipment);

  auto t0 = std::chrono::steady_clock::now();
  Seed(db, o);
  const double seed_ms = Ms(std::chrono::steady_clock::now() - t0);
  t0 = std::chrono::steady_clock::now();
  Check(store::Write(db, [](store::Connection& c) { return RebuildRollups(c, 0); }), "rebuild");
  const double rebuild_ms = Ms(std::chrono::steady_clock::now() - t0);
  t0 = std::chrono::steady_clock::now();
  auto refreshed = views.RefreshInspections();
  const double refresh_ms = Ms(std::chrono::steady_clock::now() - t0);
  std::printf(
      "scale: %lld items, %d parks, %d tenant organizations; %lld raw readings over %d "
      "days + %lld wall-thickness readings\n",
      static_cast<long long>(o.items), kParks, kOrgs, static_cast<long long>(o.raw), o.days,
      static_cast<long long>(3 * o.items));
  std::printf(
      "seed %.0f ms; rollup rebuild from raw %.0f ms; inspection dates for %d items "
      "%.0f ms\n\n",
      seed_ms, rebuild_ms, refreshed.value_or(0), refresh_ms);

  const access::Principal big = MemberOf(1, 2);
  const access::Principal small = MemberOf(2, 3);
  const access::Principal manager = MemberOf(kOrgs + 1, 1);
  access::Principal regulator;
  regulator.user_id = 1;
  regulator.platform_roles = {access::PlatformRole::kRegulatorAnalyst};
  auto must = [](const auto& r) {
    if (!r.has_value()) {
      std::fprintf(stderr, "query failed: %s\n", r.error().message().c_str());
      std::exit(1);
    }
  };
  // Baseline dashboard: the same figures straight from raw readings.
  auto raw_dashboard = [&](std::int64_t org) {
    auto r = store::Read(db, [&](store::Connection& c) -> Status {
      RUTILE_TRY(views::LoadItemFacts(c, "i.org_id = ?", {{org}}));
      RUTILE_TRY(c.Query(
          "SELECT l.type, CASE WHEN w.item_id IS NULL THEN 'none' WHEN l.value < w.critical_min "
          "OR l.value > w.critical_max THEN 'critical' WHEN l.value < w.target_min OR l.value > "
          "w.target_max THEN 'target' ELSE 'ok' END AS state, COUNT(*) FROM (SELECT r.item_id, "
          "r.type, r.value FROM equipment_readings r JOIN (SELECT r2.item_id, r2.type, "
          "MAX(r2.measured_at) AS m FROM equipment_readings r2 JOIN equipment_items i ON i.id = "
          "r2.item_id WHERE i.org_id = ? GROUP BY r2.item_id, r2.type) x ON x.item_id = "
          "r.item_id AND x.type = r.type AND x.m = r.measured_at) l LEFT JOIN equipment_windows "
          "w ON w.item_id = l.item_id AND w.type = l.type GROUP BY l.type, state",
          {org}));
      RUTILE_TRY(
          c.Query("SELECT r.type, COUNT(*), MIN(r.value), MAX(r.value), SUM(r.value) "
                  "FROM equipment_readings r JOIN equipment_items i ON i.id = r.item_id "
                  "WHERE i.org_id = ? AND r.measured_at >= ? GROUP BY r.type",
                  {org, kNow - 30 * 86400}));
      return Ok();
    });
    must(r);
  };
  auto stale_all = [&](const std::string& where) {
    Exec(db, "UPDATE equipment_inspection_due SET stale = 1 WHERE " + where);
  };
  const int n = o.iterations;
  const int nb = std::max(3, n / 10);
  std::printf("phase 1: rollups built from the same %lld raw readings (equal data)\n",
              static_cast<long long>(o.raw));
  auto measure_views = [&] {
    Row("dashboard, large org (1/5 items)", Measure(n, [&] { must(views.GetDashboard(big, 1)); }),
        Measure(nb, [&] { raw_dashboard(1); }));
    Row("dashboard, typical org", Measure(n, [&] { must(views.GetDashboard(small, 2)); }),
        Measure(nb, [&] { raw_dashboard(2); }));
    Row("park overview (1 park)", Measure(n, [&] { must(views.GetParkOverview(manager, 1)); }),
        Measure(nb, [&] {
          stale_all("item_id IN (SELECT id FROM equipment_items WHERE park_id = 1)");
          must(views.GetParkOverview(manager, 1));
        }));
    Row("regional report (all items)",
        Measure(n, [&] { must(views.GetRegionalReport(regulator, {})); }), Measure(2, [&] {
          stale_all("1 = 1");
          must(views.GetRegionalReport(regulator, {}));
        }));
  };
  measure_views();

  // Phase 2: rollups at the target scale, generated directly in key order (item, day, type);
  // the raw rows they stand for are not stored.
  const std::int64_t rows = o.items * 4 * o.days;
  const std::int64_t per_row = (o.target + rows - 1) / rows;
  const std::string per_item = std::to_string(4 * o.days);
  t0 = std::chrono::steady_clock::now();
  Exec(db, "DELETE FROM equipment_reading_rollups");
  Exec(db,
       "INSERT INTO equipment_reading_rollups (item_id, type, day, reading_count, min_value, "
       "max_value, sum_value, last_value, last_at) " +
           Seq(rows) + "SELECT (x - 1) / " + per_item +
           " + 1, CASE (x - 1) % 4 WHEN 0 THEN 'ph' WHEN 1 "
           "THEN 'bath_temperature_c' WHEN 2 THEN 'chloride_mg_l' ELSE 'conductivity_us_cm' "
           "END, " +
           std::to_string(kNow / 86400 - o.days + 1) + " + ((x - 1) % " + per_item + ") / 4, " +
           std::to_string(per_row) + ", 5, 9, " + std::to_string(per_row * 7) + ", 7, (" +
           std::to_string(kNow / 86400 - o.days + 1) + " + ((x - 1) % " + per_item +
           ") / 4) * 86400 FROM n");
  Exec(db, "DELETE FROM equipment_org_rollups");
  Exec(db,
       "INSERT INTO equipment_org_rollups (org_id, day, type, reading_count, min_value, "
       "max_value, sum_value) SELECT i.org_id, r.day, r.type, SUM(r.reading_count), "
       "MIN(r.min_value), MAX(r.max_value), SUM(r.sum_value) FROM equipment_reading_rollups r "
       "JOIN equipment_items i ON i.id = r.item_id GROUP BY i.org_id, r.day, r.type");
  const double gen_ms = Ms(std::chrono::steady_clock::now() - t0);
  std::printf(
      "\nphase 2: %lld rollup rows x %lld readings each = %lld readings represented "
      "(%d days; generated in %.0f ms)\n",
      static_cast<long long>(rows), static_cast<long long>(per_row),
      static_cast<long long>(rows * per_row), o.days, gen_ms);
  measure_views();
  std::printf(
      "(phase 2 baselines still read the %lld stored raw readings; at the target scale "
      "they would read %lldx more)\n",
      static_cast<long long>(o.raw),
      static_cast<long long>(rows * per_row / std::max<std::int64_t>(o.raw, 1)));
  std::printf("target: dashboard p95 <= 200 ms with rollups\n");
  return 0;
}

}  // namespace
}  // namespace rutile::equipment

int main(int argc, char** argv) { return rutile::equipment::Main(argc, argv); }
