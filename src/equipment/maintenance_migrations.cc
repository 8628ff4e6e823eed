#include "rutile/equipment/maintenance_service.h"

namespace rutile::equipment {

std::vector<store::Migration> MaintenanceMigrations() {
  return {{630, "equipment_maintenance", R"sql(
CREATE TABLE maintenance_plans (
  item_id BIGINT PRIMARY KEY REFERENCES equipment_items(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  grade BIGINT NOT NULL,
  rules_version TEXT NOT NULL,
  anchor_day BIGINT NOT NULL,
  generated_at BIGINT NOT NULL
);
CREATE TABLE maintenance_activities (
  id {{AUTOINCREMENT_PK}},
  item_id BIGINT NOT NULL REFERENCES equipment_items(id),
  kind TEXT NOT NULL,
  origin TEXT NOT NULL,
  title TEXT NOT NULL,
  interval_days BIGINT,
  source TEXT NOT NULL DEFAULT '',
  source_clause TEXT NOT NULL DEFAULT '',
  source_number TEXT NOT NULL DEFAULT '',
  confidence TEXT NOT NULL DEFAULT '',
  source_note TEXT NOT NULL DEFAULT '',
  clauses TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  active BIGINT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX maintenance_activities_item ON maintenance_activities(item_id, active);
CREATE TABLE maintenance_tasks (
  id {{AUTOINCREMENT_PK}},
  activity_id BIGINT NOT NULL REFERENCES maintenance_activities(id),
  item_id BIGINT NOT NULL REFERENCES equipment_items(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  due_day BIGINT NOT NULL,
  status TEXT NOT NULL,
  completed_at BIGINT,
  completed_day BIGINT,
  completed_by BIGINT REFERENCES users(id),
  findings TEXT NOT NULL DEFAULT '',
  measurements TEXT NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL
);
CREATE INDEX maintenance_tasks_org ON maintenance_tasks(org_id, status, due_day);
CREATE INDEX maintenance_tasks_activity ON maintenance_tasks(activity_id, status);
CREATE TABLE maintenance_photos (
  id {{AUTOINCREMENT_PK}},
  task_id BIGINT NOT NULL REFERENCES maintenance_tasks(id),
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  bytes {{BLOB}} NOT NULL
);
CREATE INDEX maintenance_photos_task ON maintenance_photos(task_id);
CREATE TABLE maintenance_reminders (
  task_id BIGINT NOT NULL REFERENCES maintenance_tasks(id),
  stage TEXT NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (task_id, stage)
);
CREATE TABLE maintenance_digests (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  day BIGINT NOT NULL,
  sent_at BIGINT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  emailed BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day)
);
)sql"}};
}

}  // namespace rutile::equipment
