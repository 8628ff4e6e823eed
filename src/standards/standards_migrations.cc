#include "rutile/standards/standards_migrations.h"

namespace rutile::standards {

std::vector<store::Migration> StandardsMigrations() {
  return {
      {400, "standards_documents_and_clauses", R"sql(
CREATE TABLE standard_documents (
  id {{AUTOINCREMENT_PK}},
  code TEXT NOT NULL UNIQUE,
  title_json TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE standard_versions (
  id {{AUTOINCREMENT_PK}},
  document_id BIGINT NOT NULL REFERENCES standard_documents(id),
  version TEXT NOT NULL,
  status TEXT NOT NULL,
  released_at BIGINT NOT NULL,
  UNIQUE (document_id, version)
);
CREATE TABLE standard_clauses (
  version_id BIGINT NOT NULL REFERENCES standard_versions(id),
  clause_id TEXT NOT NULL,
  number TEXT NOT NULL,
  kind TEXT NOT NULL,
  grades TEXT NOT NULL,
  body_json TEXT NOT NULL,
  PRIMARY KEY (version_id, clause_id)
);
CREATE TABLE standard_clause_terms (
  version_id BIGINT NOT NULL,
  clause_id TEXT NOT NULL,
  lang TEXT NOT NULL,
  term TEXT NOT NULL,
  PRIMARY KEY (version_id, clause_id, lang, term)
);
CREATE INDEX standard_clause_terms_term ON standard_clause_terms(term);
)sql"},
      {401, "standards_proposals", R"sql(
CREATE TABLE standard_proposals (
  id {{AUTOINCREMENT_PK}},
  document_id BIGINT NOT NULL REFERENCES standard_documents(id),
  base_version_id BIGINT NOT NULL REFERENCES standard_versions(id),
  state TEXT NOT NULL,
  proposer_user_id BIGINT NOT NULL REFERENCES users(id),
  proposer_org_id BIGINT NOT NULL REFERENCES organizations(id),
  title TEXT NOT NULL,
  rationale TEXT NOT NULL,
  changes_json TEXT NOT NULL,
  consultation_closes_at BIGINT NOT NULL DEFAULT 0,
  released_version_id BIGINT,
  revises_proposal_id BIGINT,
  decision_reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE standard_proposal_experts (
  proposal_id BIGINT NOT NULL REFERENCES standard_proposals(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (proposal_id, user_id)
);
CREATE TABLE standard_proposal_votes (
  proposal_id BIGINT NOT NULL REFERENCES standard_proposals(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  vote TEXT NOT NULL,
  note TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (proposal_id, user_id)
);
CREATE TABLE standard_proposal_comments (
  id {{AUTOINCREMENT_PK}},
  proposal_id BIGINT NOT NULL REFERENCES standard_proposals(id),
  clause_id TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  disposition TEXT,
  disposition_reason TEXT,
  disposed_by BIGINT,
  disposed_at BIGINT
);
CREATE INDEX standard_proposal_comments_proposal ON standard_proposal_comments(proposal_id);
)sql"},
  };
}

}  // namespace rutile::standards
