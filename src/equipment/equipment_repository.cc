#include "equipment_repository.h"

namespace rutile::equipment::repository {
namespace {

using store::Null;
using store::Row;
using store::Value;

Value Opt(const std::optional<double>& v) { return v ? Value(*v) : Value(Null{}); }
Value OptInt(const std::optional<int>& v) {
  return v ? Value(static_cast<std::int64_t>(*v)) : Value(Null{});
}
Value OptBool(const std::optional<bool>& v) {
  return v ? Value(static_cast<std::int64_t>(*v ? 1 : 0)) : Value(Null{});
}
std::optional<double> OptReal(const Row& r, std::size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return r.Real(i);
}

constexpr std::string_view kItemColumns =
    "id, org_id, park_id, level, name, type, material, power_kw, sheath_diameter_mm, "
    "sheath_length_mm, nominal_wall_mm, required_wall_mm, piping_class, installed_on, "
    "bath_preset, operating_temperature_c, ph, location, grade, verdict, governing_mechanism, "
    "knowledge_version, created_at, updated_at, association_id, crevices, aeration, "
    "open_conditions";

Item ItemFromRow(const Row& r) {
  Item it;
  it.id = r.Int(0);
  it.org_id = r.Int(1);
  it.park_id = r.OptInt(2).value_or(0);
  it.input.level = access::ParseDataLevel(r.Text(3)).value_or(access::DataLevel::kPrivate);
  it.input.name = r.Text(4);
  it.input.type = r.Text(5);
  it.input.material = r.Text(6);
  it.input.power_kw = OptReal(r, 7);
  it.input.sheath_diameter_mm = OptReal(r, 8);
  it.input.sheath_length_mm = OptReal(r, 9);
  it.input.nominal_wall_mm = OptReal(r, 10);
  it.input.required_wall_mm = OptReal(r, 11);
  if (auto pc = r.OptInt(12)) it.input.piping_class = static_cast<int>(*pc);
  it.input.installed_on = r.Text(13);
  it.input.bath_preset = r.Text(14);
  it.input.operating_temperature_c = r.Real(15);
  it.input.ph = OptReal(r, 16);
  it.input.location = r.Text(17);
  it.grade = static_cast<int>(r.Int(18));
  it.verdict = r.Text(19);
  it.governing_mechanism = r.Text(20);
  it.knowledge_version = r.Text(21);
  it.created_at = r.Int(22);
  it.updated_at = r.Int(23);
  it.association_id = r.OptInt(24).value_or(0);
  it.input.share_with = it.association_id != 0 ? "association" : "park";
  if (auto crevices = r.OptInt(25)) it.input.crevices = *crevices != 0;
  it.input.aeration = r.Text(26);
  it.open_conditions = r.Text(27);
  return it;
}

Status LoadComponents(store::Connection& c, Item& item) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT species, unit, value FROM equipment_components WHERE item_id = ? "
                         "ORDER BY position",
                         {item.id}));
  item.input.components.clear();
  for (const auto& r : rows) item.input.components.push_back({r.Text(0), r.Text(1), r.Real(2)});
  return Ok();
}

Status WriteComponents(store::Connection& c, const Item& item) {
  RUTILE_TRY(c.Execute("DELETE FROM equipment_components WHERE item_id = ?", {item.id}));
  std::int64_t pos = 0;
  for (const auto& comp : item.input.components)
    RUTILE_TRY(
        c.Execute("INSERT INTO equipment_components (item_id, position, species, unit, value) "
                  "VALUES (?, ?, ?, ?, ?)",
                  {item.id, pos++, comp.species, comp.unit, comp.value}));
  return Ok();
}

Alert AlertFromRow(const Row& r) {
  Alert a;
  a.id = r.Int(0);
  a.item_id = r.Int(1);
  a.type = r.Text(2);
  a.severity = r.Text(3);
  a.status = r.Text(4);
  a.last_value = r.Real(5);
  a.code = r.Text(6);
  a.params = r.Text(7);
  a.count = r.Int(8);
  a.opened_at = r.Int(9);
  a.last_at = r.Int(10);
  a.acknowledged_at = r.OptInt(11).value_or(0);
  a.resolved_at = r.OptInt(12).value_or(0);
  return a;
}

constexpr std::size_t kReadingChunk = 64;

constexpr std::string_view kDeviceColumns =
    "id, item_id, org_id, name, key_prefix, created_by, created_at, revoked_at, last_seen_at";

Device DeviceFromRow(const Row& r) {
  Device d;
  d.id = r.Int(0);
  d.item_id = r.Int(1);
  d.org_id = r.Int(2);
  d.name = r.Text(3);
  d.key_prefix = r.Text(4);
  d.created_by = r.Int(5);
  d.created_at = r.Int(6);
  d.revoked_at = r.OptInt(7).value_or(0);
  d.last_seen_at = r.OptInt(8).value_or(0);
  return d;
}

constexpr std::string_view kAlertColumns =
    "id, item_id, type, severity, status, last_value, code, params, count, opened_at, last_at, "
    "acknowledged_at, resolved_at";

}  // namespace

Result<std::int64_t> InsertItem(store::Connection& c, const Item& it) {
  const ItemInput& in = it.input;
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query(
          "INSERT INTO equipment_items (org_id, park_id, level, name, type, material, "
          "power_kw, sheath_diameter_mm, sheath_length_mm, nominal_wall_mm, required_wall_mm, "
          "piping_class, installed_on, bath_preset, operating_temperature_c, ph, location, "
          "grade, verdict, governing_mechanism, knowledge_version, created_at, updated_at, "
          "association_id, crevices, aeration, open_conditions) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?) "
          "RETURNING id",
          {it.org_id,
           it.park_id == 0 ? Value(Null{}) : Value(it.park_id),
           std::string(access::DataLevelName(in.level)),
           in.name,
           in.type,
           in.material,
           Opt(in.power_kw),
           Opt(in.sheath_diameter_mm),
           Opt(in.sheath_length_mm),
           Opt(in.nominal_wall_mm),
           Opt(in.required_wall_mm),
           OptInt(in.piping_class),
           in.installed_on,
           in.bath_preset,
           in.operating_temperature_c.value_or(0),
           Opt(in.ph),
           in.location,
           static_cast<std::int64_t>(it.grade),
           it.verdict,
           it.governing_mechanism,
           it.knowledge_version,
           it.created_at,
           it.updated_at,
           it.association_id == 0 ? Value(Null{}) : Value(it.association_id),
           OptBool(in.crevices),
           in.aeration,
           it.open_conditions}));
  if (rows.empty()) return Internal("insert equipment item returned no id");
  Item stored = it;
  stored.id = rows[0].Int(0);
  RUTILE_TRY(WriteComponents(c, stored));
  return stored.id;
}

Status UpdateItem(store::Connection& c, const Item& it) {
  const ItemInput& in = it.input;
  RUTILE_TRY(c.Execute(
      "UPDATE equipment_items SET level = ?, name = ?, type = ?, material = ?, power_kw = ?, "
      "sheath_diameter_mm = ?, sheath_length_mm = ?, nominal_wall_mm = ?, required_wall_mm = ?, "
      "piping_class = ?, installed_on = ?, bath_preset = ?, operating_temperature_c = ?, ph = ?, "
      "location = ?, grade = ?, verdict = ?, governing_mechanism = ?, knowledge_version = ?, "
      "updated_at = ?, association_id = ?, crevices = ?, aeration = ?, open_conditions = ? "
      "WHERE id = ?",
      {std::string(access::DataLevelName(in.level)),
       in.name,
       in.type,
       in.material,
       Opt(in.power_kw),
       Opt(in.sheath_diameter_mm),
       Opt(in.sheath_length_mm),
       Opt(in.nominal_wall_mm),
       Opt(in.required_wall_mm),
       OptInt(in.piping_class),
       in.installed_on,
       in.bath_preset,
       in.operating_temperature_c.value_or(0),
       Opt(in.ph),
       in.location,
       static_cast<std::int64_t>(it.grade),
       it.verdict,
       it.governing_mechanism,
       it.knowledge_version,
       it.updated_at,
       it.association_id == 0 ? Value(Null{}) : Value(it.association_id),
       OptBool(in.crevices),
       in.aeration,
       it.open_conditions,
       it.id}));
  return WriteComponents(c, it);
}

Result<std::optional<Item>> LoadItem(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT " + std::string(kItemColumns) + " FROM equipment_items WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<Item>();
  Item it = ItemFromRow(rows[0]);
  RUTILE_TRY(LoadComponents(c, it));
  return std::optional<Item>(std::move(it));
}

Result<std::vector<Item>> ListItemsOfOrg(store::Connection& c, std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT " + std::string(kItemColumns) +
                                                 " FROM equipment_items WHERE org_id = ? "
                                                 "ORDER BY id DESC",
                                             {org_id}));
  std::vector<Item> out;
  for (const auto& r : rows) {
    out.push_back(ItemFromRow(r));
    RUTILE_TRY(LoadComponents(c, out.back()));
  }
  return out;
}

Result<std::int64_t> OrgPark(store::Connection& c, std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT park_id FROM organizations WHERE id = ?", {org_id}));
  if (rows.empty()) return NotFound("organization " + std::to_string(org_id));
  return rows[0].OptInt(0).value_or(0);
}

Result<std::int64_t> OrgAssociation(store::Connection& c, std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT MIN(association_org_id) FROM org_associations "
                                             "WHERE org_id = ?",
                                             {org_id}));
  return rows.empty() ? 0 : rows[0].OptInt(0).value_or(0);
}

Status InsertGradeChange(store::Connection& c, std::int64_t item_id, const GradeChange& g) {
  RUTILE_TRY(
      c.Execute("INSERT INTO equipment_grade_history (item_id, grade, governing_mechanism, "
                "knowledge_version, reason, computed_at) VALUES (?, ?, ?, ?, ?, ?)",
                {item_id, static_cast<std::int64_t>(g.grade), g.governing_mechanism,
                 g.knowledge_version, g.reason, g.computed_at}));
  return Ok();
}

Result<std::vector<GradeChange>> ListGradeChanges(store::Connection& c, std::int64_t item_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT grade, governing_mechanism, knowledge_version, reason, "
                         "computed_at FROM equipment_grade_history WHERE item_id = ? ORDER BY id",
                         {item_id}));
  std::vector<GradeChange> out;
  for (const auto& r : rows)
    out.push_back({static_cast<int>(r.Int(0)), r.Text(1), r.Text(2), r.Text(3), r.Int(4)});
  return out;
}

Result<std::vector<std::int64_t>> InsertReadings(store::Connection& c,
                                                 std::span<const Reading> readings,
                                                 std::int64_t recorded_by) {
  // Chunks of 64, 32, ..., 1 rows keep the number of distinct statements (and cached
  // prepared statements) at seven.
  static const std::vector<std::string> kStatements = [] {
    std::vector<std::string> out;
    for (std::size_t rows = 1; rows <= kReadingChunk; rows *= 2) {
      std::string sql =
          "INSERT INTO equipment_readings (item_id, type, value, unit, measured_at, recorded_at, "
          "recorded_by, source) VALUES ";
      for (std::size_t i = 0; i < rows; ++i)
        sql += i == 0 ? "(?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?)";
      out.push_back(sql + " RETURNING id");
    }
    return out;
  }();
  std::vector<std::int64_t> ids;
  ids.reserve(readings.size());
  std::vector<Value> params;
  std::size_t i = 0;
  while (i < readings.size()) {
    std::size_t rows = kReadingChunk, statement = kStatements.size() - 1;
    while (rows > readings.size() - i) {
      rows /= 2;
      --statement;
    }
    params.clear();
    params.reserve(rows * 8);
    for (const Reading& r : readings.subspan(i, rows)) {
      params.emplace_back(r.item_id);
      params.emplace_back(r.type);
      params.emplace_back(r.value);
      params.emplace_back(r.unit);
      params.emplace_back(r.measured_at);
      params.emplace_back(r.recorded_at);
      params.emplace_back(recorded_by);
      params.emplace_back(r.source);
    }
    RUTILE_ASSIGN_OR_RETURN(auto result, c.Query(kStatements[statement], params));
    if (result.size() != rows) return Internal("insert readings returned too few ids");
    for (const auto& row : result) ids.push_back(row.Int(0));
    i += rows;
  }
  return ids;
}

Result<std::vector<Reading>> ListReadings(store::Connection& c, std::int64_t item_id,
                                          std::string_view type, int limit) {
  std::string sql =
      "SELECT id, item_id, type, value, unit, measured_at, recorded_at, source "
      "FROM equipment_readings WHERE item_id = ?";
  std::vector<Value> params{item_id};
  if (!type.empty()) {
    sql += " AND type = ?";
    params.emplace_back(std::string(type));
  }
  sql += " ORDER BY measured_at DESC, id DESC LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(limit));
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<Reading> out;
  for (const auto& r : rows)
    out.push_back(
        {r.Int(0), r.Int(1), r.Text(2), r.Real(3), r.Text(4), r.Int(5), r.Int(6), r.Text(7)});
  return out;
}

Result<std::vector<Window>> ListWindows(store::Connection& c, std::int64_t item_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT type, target_min, target_max, critical_min, critical_max, origin, source "
              "FROM equipment_windows WHERE item_id = ? ORDER BY type",
              {item_id}));
  std::vector<Window> out;
  for (const auto& r : rows)
    out.push_back({r.Text(0), OptReal(r, 1), OptReal(r, 2), OptReal(r, 3), OptReal(r, 4), r.Text(5),
                   r.Text(6)});
  return out;
}

Status UpsertWindow(store::Connection& c, std::int64_t item_id, const Window& w, std::int64_t now) {
  RUTILE_TRY(
      c.Execute("DELETE FROM equipment_windows WHERE item_id = ? AND type = ?", {item_id, w.type}));
  RUTILE_TRY(c.Execute(
      "INSERT INTO equipment_windows (item_id, type, target_min, target_max, critical_min, "
      "critical_max, origin, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {item_id, w.type, Opt(w.target_min), Opt(w.target_max), Opt(w.critical_min),
       Opt(w.critical_max), w.origin, w.source, now}));
  return Ok();
}

Status DeleteEngineWindows(store::Connection& c, std::int64_t item_id) {
  RUTILE_TRY(c.Execute("DELETE FROM equipment_windows WHERE item_id = ? AND origin = 'engine'",
                       {item_id}));
  return Ok();
}

Result<std::optional<Alert>> ActiveAlert(store::Connection& c, std::int64_t item_id,
                                         std::string_view type) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT " + std::string(kAlertColumns) +
                                      " FROM equipment_alerts WHERE item_id = ? AND type = ? AND "
                                      "status <> 'resolved' ORDER BY id DESC LIMIT 1",
                                  {item_id, std::string(type)}));
  if (rows.empty()) return std::optional<Alert>();
  return std::optional<Alert>(AlertFromRow(rows[0]));
}

Result<std::optional<Alert>> LoadAlert(store::Connection& c, std::int64_t item_id,
                                       std::int64_t alert_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT " + std::string(kAlertColumns) +
                                      " FROM equipment_alerts WHERE id = ? AND item_id = ?",
                                  {alert_id, item_id}));
  if (rows.empty()) return std::optional<Alert>();
  return std::optional<Alert>(AlertFromRow(rows[0]));
}

Result<std::int64_t> InsertAlert(store::Connection& c, const Alert& a) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO equipment_alerts (item_id, type, severity, status, last_value, "
              "message, code, params, count, opened_at, last_at) "
              "VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?) RETURNING id",
              {a.item_id, a.type, a.severity, a.status, a.last_value, a.code, a.params, a.count,
               a.opened_at, a.last_at}));
  if (rows.empty()) return Internal("insert alert returned no id");
  return rows[0].Int(0);
}

Status UpdateAlertOccurrence(store::Connection& c, const Alert& a) {
  RUTILE_TRY(
      c.Execute("UPDATE equipment_alerts SET severity = ?, last_value = ?, code = ?, params = ?, "
                "count = ?, last_at = ? WHERE id = ?",
                {a.severity, a.last_value, a.code, a.params, a.count, a.last_at, a.id}));
  return Ok();
}

Status SetAlertStatus(store::Connection& c, std::int64_t alert_id, std::string_view status,
                      std::int64_t user_id, std::int64_t now) {
  const std::string column = status == "resolved" ? "resolved" : "acknowledged";
  RUTILE_TRY(c.Execute("UPDATE equipment_alerts SET status = ?, " + column + "_by = ?, " + column +
                           "_at = ? WHERE id = ?",
                       {std::string(status), user_id, now, alert_id}));
  return Ok();
}

Result<std::vector<Alert>> ListAlerts(store::Connection& c, std::int64_t item_id,
                                      std::string_view status) {
  std::string sql =
      "SELECT " + std::string(kAlertColumns) + " FROM equipment_alerts WHERE item_id = ?";
  std::vector<Value> params{item_id};
  if (!status.empty()) {
    sql += " AND status = ?";
    params.emplace_back(std::string(status));
  }
  sql += " ORDER BY id DESC";
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<Alert> out;
  for (const auto& r : rows) out.push_back(AlertFromRow(r));
  return out;
}

Result<std::int64_t> InsertDevice(store::Connection& c, const Device& d,
                                  std::string_view key_hash) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO equipment_devices (item_id, org_id, name, key_prefix, key_hash, "
              "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {d.item_id, d.org_id, d.name, d.key_prefix, std::string(key_hash), d.created_by,
               d.created_at}));
  if (rows.empty()) return Internal("insert device returned no id");
  return rows[0].Int(0);
}

Result<std::vector<Device>> ListDevices(store::Connection& c, std::int64_t item_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT " + std::string(kDeviceColumns) +
                                                 " FROM equipment_devices WHERE item_id = ? "
                                                 "ORDER BY id DESC",
                                             {item_id}));
  std::vector<Device> out;
  for (const auto& r : rows) out.push_back(DeviceFromRow(r));
  return out;
}

Result<std::optional<Device>> LoadDevice(store::Connection& c, std::int64_t item_id,
                                         std::int64_t device_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT " + std::string(kDeviceColumns) +
                                                 " FROM equipment_devices WHERE id = ? AND "
                                                 "item_id = ?",
                                             {device_id, item_id}));
  if (rows.empty()) return std::optional<Device>();
  return std::optional<Device>(DeviceFromRow(rows[0]));
}

Result<std::optional<Device>> FindDeviceByHash(store::Connection& c, std::string_view key_hash) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT " + std::string(kDeviceColumns) +
                                                 " FROM equipment_devices WHERE key_hash = ?",
                                             {std::string(key_hash)}));
  if (rows.empty()) return std::optional<Device>();
  return std::optional<Device>(DeviceFromRow(rows[0]));
}

Status RevokeDevice(store::Connection& c, std::int64_t device_id, std::int64_t user_id,
                    std::int64_t now) {
  RUTILE_TRY(c.Execute("UPDATE equipment_devices SET revoked_by = ?, revoked_at = ? WHERE id = ?",
                       {user_id, now, device_id}));
  return Ok();
}

Status TouchDevice(store::Connection& c, std::int64_t device_id, std::int64_t now) {
  RUTILE_TRY(
      c.Execute("UPDATE equipment_devices SET last_seen_at = ? WHERE id = ?", {now, device_id}));
  return Ok();
}

Result<bool> RecordDeviceBatch(store::Connection& c, std::int64_t device_id,
                               std::string_view batch_id, std::int64_t readings, std::int64_t now) {
  RUTILE_ASSIGN_OR_RETURN(auto seen,
                          c.Query("SELECT 1 FROM equipment_device_batches WHERE device_id = ? AND "
                                  "batch_id = ?",
                                  {device_id, std::string(batch_id)}));
  if (!seen.empty()) return false;
  RUTILE_TRY(
      c.Execute("INSERT INTO equipment_device_batches (device_id, batch_id, readings, "
                "received_at) VALUES (?, ?, ?, ?)",
                {device_id, std::string(batch_id), readings, now}));
  return true;
}

}  // namespace rutile::equipment::repository
