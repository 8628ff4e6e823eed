#include "rutile/identity/identity_migrations.h"

namespace rutile::identity {

std::vector<store::Migration> IdentityMigrations() {
  return {
      {100, "identity_organizations", R"sql(
CREATE TABLE parks (
  id {{AUTOINCREMENT_PK}},
  name TEXT NOT NULL UNIQUE,
  region TEXT NOT NULL,
  manager_org_id BIGINT
);
CREATE TABLE organizations (
  id {{AUTOINCREMENT_PK}},
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  region TEXT NOT NULL,
  industry TEXT NOT NULL DEFAULT '',
  park_id BIGINT REFERENCES parks(id),
  headcount BIGINT,
  annual_revenue DOUBLE PRECISION,
  scale_class TEXT,
  real_name_status TEXT NOT NULL DEFAULT 'none',
  real_name_registration TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX organizations_name_region ON organizations(name, region);
CREATE INDEX organizations_park ON organizations(park_id);
CREATE TABLE org_associations (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  association_org_id BIGINT NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (org_id, association_org_id)
);
CREATE TABLE users (
  id {{AUTOINCREMENT_PK}},
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'en',
  created_at BIGINT NOT NULL
);
CREATE TABLE memberships (
  user_id BIGINT NOT NULL REFERENCES users(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, org_id)
);
CREATE INDEX memberships_org ON memberships(org_id);
CREATE TABLE platform_roles (
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE login_failures (
  throttle_key TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  failures BIGINT NOT NULL
);
)sql"},
      {101, "identity_join_requests_invitations_sessions", R"sql(
CREATE TABLE org_join_requests (
  id {{AUTOINCREMENT_PK}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  target_kind TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  requested_by BIGINT NOT NULL,
  decided_by BIGINT,
  created_at BIGINT NOT NULL,
  decided_at BIGINT
);
CREATE UNIQUE INDEX org_join_requests_pending
  ON org_join_requests(org_id, target_kind, target_id) WHERE status = 'pending';
CREATE INDEX org_join_requests_target ON org_join_requests(target_kind, target_id, status);
CREATE TABLE org_invitations (
  id {{AUTOINCREMENT_PK}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  email TEXT NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  invited_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT
);
CREATE UNIQUE INDEX org_invitations_pending ON org_invitations(org_id, email)
  WHERE status = 'pending';
CREATE INDEX org_invitations_email ON org_invitations(email, status);
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
CREATE INDEX sessions_expires ON sessions(expires_at);
)sql"},
  };
}

}  // namespace rutile::identity
