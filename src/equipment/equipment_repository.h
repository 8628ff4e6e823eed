// SQL for the equipment tables, written once for SQLite and PostgreSQL. Functions take an open
// connection so the service decides transaction boundaries. Internal to the equipment module.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/equipment/device.h"
#include "rutile/equipment/model.h"
#include "rutile/store/database.h"

namespace rutile::equipment::repository {

Result<std::int64_t> InsertItem(store::Connection& c, const Item& item);
Status UpdateItem(store::Connection& c, const Item& item);
Result<std::optional<Item>> LoadItem(store::Connection& c, std::int64_t id);
Result<std::vector<Item>> ListItemsOfOrg(store::Connection& c, std::int64_t org_id);
// The association the organization belongs to (the lowest id when several; 0: none).
Result<std::int64_t> OrgAssociation(store::Connection& c, std::int64_t org_id);
Result<std::int64_t> OrgPark(store::Connection& c, std::int64_t org_id);  // 0: none

Status InsertGradeChange(store::Connection& c, std::int64_t item_id, const GradeChange& g);
Result<std::vector<GradeChange>> ListGradeChanges(store::Connection& c, std::int64_t item_id);

// Multi-row inserts; the ids come back in the order of `readings`.
Result<std::vector<std::int64_t>> InsertReadings(store::Connection& c,
                                                 std::span<const Reading> readings,
                                                 std::int64_t recorded_by);
Result<std::vector<Reading>> ListReadings(store::Connection& c, std::int64_t item_id,
                                          std::string_view type, int limit);

Result<std::vector<Window>> ListWindows(store::Connection& c, std::int64_t item_id);
Status UpsertWindow(store::Connection& c, std::int64_t item_id, const Window& w, std::int64_t now);
Status DeleteEngineWindows(store::Connection& c, std::int64_t item_id);

// The open or acknowledged alert of an item for a reading type, if any.
Result<std::optional<Alert>> ActiveAlert(store::Connection& c, std::int64_t item_id,
                                         std::string_view type);
Result<std::optional<Alert>> LoadAlert(store::Connection& c, std::int64_t item_id,
                                       std::int64_t alert_id);
Result<std::int64_t> InsertAlert(store::Connection& c, const Alert& a);
Status UpdateAlertOccurrence(store::Connection& c, const Alert& a);
Status SetAlertStatus(store::Connection& c, std::int64_t alert_id, std::string_view status,
                      std::int64_t user_id, std::int64_t now);
Result<std::vector<Alert>> ListAlerts(store::Connection& c, std::int64_t item_id,
                                      std::string_view status);

Result<std::int64_t> InsertDevice(store::Connection& c, const Device& d, std::string_view key_hash);
Result<std::vector<Device>> ListDevices(store::Connection& c, std::int64_t item_id);
Result<std::optional<Device>> LoadDevice(store::Connection& c, std::int64_t item_id,
                                         std::int64_t device_id);
Result<std::optional<Device>> FindDeviceByHash(store::Connection& c, std::string_view key_hash);
Status RevokeDevice(store::Connection& c, std::int64_t device_id, std::int64_t user_id,
                    std::int64_t now);
Status TouchDevice(store::Connection& c, std::int64_t device_id, std::int64_t now);
// Records a device's batch id; false if the device already sent that batch.
Result<bool> RecordDeviceBatch(store::Connection& c, std::int64_t device_id,
                               std::string_view batch_id, std::int64_t readings, std::int64_t now);

}  // namespace rutile::equipment::repository
