// DashboardService: the read-only equipment views built on the rollups (see rollups.h): the
// enterprise dashboard, the park manager's overview of tenants' shared items and the regional
// early-warning report for regulator analysts (small cells suppressed). Access is decided by
// access::Authorize. Holds references to the database, clock and equipment service, which must
// outlive it; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/equipment/equipment_service.h"
#include "rutile/equipment/park_view.h"
#include "rutile/equipment/regional_report.h"
#include "rutile/store/database.h"

namespace rutile::equipment {

struct ViewsOptions {
  int min_cell_size = 5;      // regional report: counts of 1..min_cell_size-1 are suppressed
  int due_soon_days = 30;     // dashboard: inspections due within this many days
  int recent_days = 30;       // dashboard: reading statistics over this many days
  int next_inspections = 10;  // dashboard: how many upcoming inspections are listed
};

struct AlertCounts {
  std::int64_t warning = 0;
  std::int64_t critical = 0;
};

// The latest reading of each item for one reading type, compared with the item's window, and
// the statistics of the recent days from the daily rollups.
struct ReadingTypeSummary {
  std::string type;
  std::int64_t items = 0;
  std::int64_t in_window = 0;
  std::int64_t outside_target = 0;    // outside the target range, inside the critical one
  std::int64_t outside_critical = 0;  // outside the critical range
  std::int64_t no_window = 0;
  std::int64_t latest_at = 0;  // Unix seconds of the newest reading
  std::int64_t recent_count = 0;
  std::optional<double> recent_min, recent_max, recent_mean;
};

struct InspectionEntry {
  std::int64_t item_id = 0;
  std::string name;
  std::string next_inspection_date;  // "YYYY-MM-DD"
  bool overdue = false;
};

struct Dashboard {
  std::int64_t org_id = 0;
  std::string as_of;  // "YYYY-MM-DD" (UTC)
  std::int64_t items = 0;
  std::array<std::int64_t, 4> items_by_grade{};  // grades 1..4
  AlertCounts open_alerts;                       // open or acknowledged
  std::vector<ReadingTypeSummary> readings;      // by type name
  std::int64_t inspections_scheduled = 0;
  std::int64_t inspections_overdue = 0;
  std::int64_t inspections_due_soon = 0;          // not overdue, due within due_soon_days
  std::vector<InspectionEntry> next_inspections;  // earliest first
  // Open maintenance tasks and those past their due day; unset when the maintenance part's
  // tables are not in the database.
  std::optional<std::int64_t> maintenance_open_tasks;
  std::optional<std::int64_t> maintenance_overdue_tasks;
};

class DashboardService {
 public:
  DashboardService(store::Database& db, const Clock& clock, EquipmentService& equipment,
                   ViewsOptions options = {});

  // The caller must belong to org_id.
  Result<Dashboard> GetDashboard(const access::Principal& caller, std::int64_t org_id);
  // The caller must belong to the park's management organization; only items the tenants share
  // at level 2 with that park are counted.
  Result<ParkOverview> GetParkOverview(const access::Principal& caller, std::int64_t park_id);
  // Macro level: regulator analysts. Empty filter members mean every region / industry.
  Result<RegionalReport> GetRegionalReport(const access::Principal& caller,
                                           const RegionalFilter& filter);

  // Recomputes the cached next inspection dates that readings or item changes made stale
  // (each view calls it first). Returns how many items were recomputed.
  Result<int> RefreshInspections();

  const ViewsOptions& options() const { return options_; }

 private:
  std::string Today() const;

  store::Database& db_;
  const Clock& clock_;
  EquipmentService& equipment_;
  ViewsOptions options_;
};

}  // namespace rutile::equipment
