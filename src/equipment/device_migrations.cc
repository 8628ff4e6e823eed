#include "rutile/equipment/device.h"

namespace rutile::equipment {

std::vector<store::Migration> IngestMigrations() {
  return {{620, "equipment_devices", R"sql(
CREATE TABLE equipment_devices (
  id {{AUTOINCREMENT_PK}},
  item_id BIGINT NOT NULL REFERENCES equipment_items(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL,
  key_prefix TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  revoked_by BIGINT,
  revoked_at BIGINT,
  last_seen_at BIGINT
);
CREATE INDEX equipment_devices_item ON equipment_devices(item_id, id);
CREATE TABLE equipment_device_batches (
  device_id BIGINT NOT NULL REFERENCES equipment_devices(id),
  batch_id TEXT NOT NULL,
  readings BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (device_id, batch_id)
);
)sql"}};
}

}  // namespace rutile::equipment
