// Reading rollups for the equipment views: one row per item, reading type and UTC day (count,
// min, max, sum, last), the same per organization (count, min, max, sum), the latest reading per
// item and type, and the cached next inspection date per item. Kept up to date inside the
// transaction that stores readings, so the dashboard, park and regional views never scan raw
// readings. Free functions on an open connection; the caller owns the transaction.
#pragma once

#include <cstdint>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/equipment/model.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::equipment {

// Schema of the views (versions 650-669). Needs EquipmentMigrations() first. Fills the rollups
// from readings already stored.
std::vector<store::Migration> RollupMigrations();

// Folds stored readings of one item into the daily rollups and the latest-reading table, and
// marks the item's inspection date for recomputation when a wall_thickness_mm reading is among
// them. Call once per reading, in the transaction that inserted them (readings need type, value,
// measured_at and recorded_at).
Status UpdateRollups(store::Connection& c, std::int64_t item_id,
                     const std::vector<Reading>& readings);

// Recomputes every rollup of one item (item_id > 0) or of all items (item_id == 0) from the raw
// readings. For repairs and for readings stored without UpdateRollups.
Status RebuildRollups(store::Connection& c, std::int64_t item_id = 0);

// UTC day number of a Unix time (floor division).
inline std::int64_t DayOf(std::int64_t unix_seconds) {
  return unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
}

}  // namespace rutile::equipment
