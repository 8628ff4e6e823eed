#include "rutile/standards/self_inspection_migrations.h"

namespace rutile::standards {

std::vector<store::Migration> SelfInspectionMigrations() {
  return {
      {420, "standards_self_inspections", R"sql(
CREATE TABLE self_inspections (
  id {{AUTOINCREMENT_PK}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  title TEXT NOT NULL,
  profile_json TEXT NOT NULL,
  grade BIGINT NOT NULL,
  lang TEXT NOT NULL,
  state TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  completed_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX self_inspections_org ON self_inspections(org_id, created_at);
CREATE TABLE self_inspection_items (
  inspection_id BIGINT NOT NULL REFERENCES self_inspections(id),
  position BIGINT NOT NULL,
  clause_id TEXT NOT NULL,
  number TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  question TEXT NOT NULL,
  remediation TEXT NOT NULL,
  answer TEXT,
  note TEXT NOT NULL DEFAULT '',
  answered_by BIGINT,
  answered_at BIGINT NOT NULL DEFAULT 0,
  evidence_name TEXT,
  evidence_type TEXT,
  evidence_size BIGINT NOT NULL DEFAULT 0,
  evidence {{BLOB}},
  PRIMARY KEY (inspection_id, clause_id)
);
)sql"},
      {421, "standards_release_notices", R"sql(
CREATE TABLE standard_release_notices (
  proposal_id BIGINT NOT NULL REFERENCES standard_proposals(id),
  org_id BIGINT NOT NULL,
  items BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (proposal_id, org_id)
);
CREATE TABLE standard_release_notice_runs (
  proposal_id BIGINT PRIMARY KEY REFERENCES standard_proposals(id),
  organizations BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
)sql"},
      {422, "standards_regional_annexes", R"sql(
CREATE TABLE standard_annexes (
  id {{AUTOINCREMENT_PK}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  region TEXT NOT NULL,
  document_code TEXT NOT NULL,
  title TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX standard_annexes_region ON standard_annexes(region);
CREATE TABLE standard_annex_clauses (
  id {{AUTOINCREMENT_PK}},
  annex_id BIGINT NOT NULL REFERENCES standard_annexes(id),
  action TEXT NOT NULL,
  base_clause_id TEXT NOT NULL DEFAULT '',
  clause_json TEXT NOT NULL,
  justification TEXT NOT NULL,
  promoted_proposal_id BIGINT,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX standard_annex_clauses_annex ON standard_annex_clauses(annex_id);
CREATE TABLE standard_annex_reviews (
  annex_clause_id BIGINT NOT NULL REFERENCES standard_annex_clauses(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  verdict TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (annex_clause_id, user_id)
);
CREATE TABLE standard_annex_applications (
  id {{AUTOINCREMENT_PK}},
  annex_clause_id BIGINT NOT NULL REFERENCES standard_annex_clauses(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  note TEXT NOT NULL,
  reported_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  verified_by BIGINT,
  verified_at BIGINT NOT NULL DEFAULT 0,
  UNIQUE (annex_clause_id, org_id)
);
)sql"},
  };
}

}  // namespace rutile::standards
