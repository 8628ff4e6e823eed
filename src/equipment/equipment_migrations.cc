#include "rutile/equipment/equipment_service.h"

namespace rutile::equipment {

std::vector<store::Migration> EquipmentMigrations() {
  return {{600, "equipment_archive", R"sql(
CREATE TABLE equipment_items (
  id {{AUTOINCREMENT_PK}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  park_id BIGINT,
  level TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  material TEXT NOT NULL,
  power_kw DOUBLE PRECISION,
  sheath_diameter_mm DOUBLE PRECISION,
  sheath_length_mm DOUBLE PRECISION,
  nominal_wall_mm DOUBLE PRECISION,
  required_wall_mm DOUBLE PRECISION,
  piping_class BIGINT,
  installed_on TEXT NOT NULL DEFAULT '',
  bath_preset TEXT NOT NULL DEFAULT '',
  operating_temperature_c DOUBLE PRECISION NOT NULL,
  ph DOUBLE PRECISION,
  location TEXT NOT NULL DEFAULT '',
  grade BIGINT NOT NULL,
  verdict TEXT NOT NULL,
  governing_mechanism TEXT NOT NULL,
  knowledge_version TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX equipment_items_org ON equipment_items(org_id, id);
CREATE TABLE equipment_components (
  item_id BIGINT NOT NULL REFERENCES equipment_items(id),
  position BIGINT NOT NULL,
  species TEXT NOT NULL,
  unit TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (item_id, position)
);
CREATE TABLE equipment_grade_history (
  id {{AUTOINCREMENT_PK}},
  item_id BIGINT NOT NULL REFERENCES equipment_items(id),
  grade BIGINT NOT NULL,
  governing_mechanism TEXT NOT NULL,
  knowledge_version TEXT NOT NULL,
  reason TEXT NOT NULL,
  computed_at BIGINT NOT NULL
);
CREATE INDEX equipment_grade_history_item ON equipment_grade_history(item_id, id);
)sql"},
          {601, "equipment_readings_windows_alerts", R"sql(
CREATE TABLE equipment_readings (
  id {{AUTOINCREMENT_PK}},
  item_id BIGINT NOT NULL REFERENCES equipment_items(id),
  type TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  unit TEXT NOT NULL,
  measured_at BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  recorded_by BIGINT NOT NULL REFERENCES users(id),
  source TEXT NOT NULL
);
CREATE INDEX equipment_readings_item ON equipment_readings(item_id, type, measured_at);
CREATE TABLE equipment_windows (
  item_id BIGINT NOT NULL REFERENCES equipment_items(id),
  type TEXT NOT NULL,
  target_min DOUBLE PRECISION,
  target_max DOUBLE PRECISION,
  critical_min DOUBLE PRECISION,
  critical_max DOUBLE PRECISION,
  origin TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (item_id, type)
);
CREATE TABLE equipment_alerts (
  id {{AUTOINCREMENT_PK}},
  item_id BIGINT NOT NULL REFERENCES equipment_items(id),
  type TEXT NOT NULL,
  severity TEXT NOT NULL,
  status TEXT NOT NULL,
  last_value DOUBLE PRECISION NOT NULL,
  message TEXT NOT NULL,
  count BIGINT NOT NULL,
  opened_at BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  acknowledged_by BIGINT,
  acknowledged_at BIGINT,
  resolved_by BIGINT,
  resolved_at BIGINT
);
CREATE INDEX equipment_alerts_item ON equipment_alerts(item_id, status, type);
)sql"},
          {602, "equipment_share_with_association", R"sql(
ALTER TABLE equipment_items ADD COLUMN association_id BIGINT REFERENCES organizations(id);
)sql"},
          // Alerts keep a message code and its parameters instead of an English sentence. Alerts
          // raised before keep their sentence in `message` (no longer read) and become
          // "alert.outside_window" with the reading type and the last value.
          {603, "equipment_alert_codes", R"sql(
ALTER TABLE equipment_alerts ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE equipment_alerts ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
UPDATE equipment_alerts SET code = 'alert.outside_window',
  params = '{"type":"' || type || '","value":' || CAST(last_value AS TEXT) || '}'
  WHERE code = '';
)sql"},
          // What the grade depends on: the owner's answers (crevices, aeration) and the
          // conditions still open, so the item page can ask.
          {604, "equipment_conditions", R"sql(
ALTER TABLE equipment_items ADD COLUMN crevices BIGINT;
ALTER TABLE equipment_items ADD COLUMN aeration TEXT NOT NULL DEFAULT '';
ALTER TABLE equipment_items ADD COLUMN open_conditions TEXT NOT NULL DEFAULT '[]';
)sql"}};
}

}  // namespace rutile::equipment
