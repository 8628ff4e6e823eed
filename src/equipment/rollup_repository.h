// Read-only SQL behind the equipment views, over the items, alerts and the rollup tables
// (rollups.h). Written once for SQLite and PostgreSQL. Internal to the equipment module.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/equipment/dashboard.h"
#include "rutile/store/database.h"

namespace rutile::equipment::views {

// One item with what the views count about it.
struct ItemFact {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string name;
  std::string type;
  std::string material;
  std::string location;
  std::string level;
  int grade = 1;
  std::string verdict;
  std::string org_name;
  std::string region;
  std::string industry;
  std::int64_t open_warning_alerts = 0;
  std::int64_t open_critical_alerts = 0;
  std::string next_inspection_date;  // "" when none is known
};

// Items matching `where` (a condition on the item alias i and organization alias o), by id.
Result<std::vector<ItemFact>> LoadItemFacts(store::Connection& c, std::string_view where,
                                            std::span<const store::Value> params);

// Latest reading per type against the windows, and the daily rollups since `from_day`, for the
// items of one organization.
Result<std::vector<ReadingTypeSummary>> ReadingSummaries(store::Connection& c, std::int64_t org_id,
                                                         std::int64_t from_day);

// Items whose cached inspection date must be recomputed: (item id, owner org id).
Result<std::vector<std::pair<std::int64_t, std::int64_t>>> StaleInspections(store::Connection& c);
Status StoreInspection(store::Connection& c, std::int64_t item_id,
                       const std::string& next_inspection_date,
                       std::optional<double> remaining_life_a, const std::string& note,
                       std::int64_t now);

// Open maintenance tasks of an organization and those due before `today_day` (UTC day number);
// nullopt when the maintenance tables do not exist.
Result<std::optional<std::pair<std::int64_t, std::int64_t>>> MaintenanceTasks(
    store::Connection& c, std::int64_t org_id, std::int64_t today_day);

// Adds one item to a grade histogram (grades outside 1..4 are clamped).
void CountGrade(std::array<std::int64_t, 4>& by_grade, int grade);

}  // namespace rutile::equipment::views

namespace rutile::equipment::views {

struct LatestReading {
  std::int64_t item_id = 0;
  std::string type;
  double value = 0;
  std::int64_t measured_at = 0;
};
// The latest reading per item and type for the items of one organization.
Result<std::vector<LatestReading>> LatestReadingsOfOrg(store::Connection& c, std::int64_t org_id);

}  // namespace rutile::equipment::views
