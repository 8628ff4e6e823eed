// Versioned schema migrations, applied in order at start and recorded in schema_migrations.
// Each migration is SQL written once for both dialects; tokens {{BLOB}}, {{AUTOINCREMENT_PK}}
// and {{NOW}} are replaced per dialect before it runs.
#pragma once

#include <string>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/store/database.h"

namespace rutile::store {

struct Migration {
  int version;
  std::string name;  // "0001_identity"
  std::string sql;
};

// Modules contribute their migrations; app collects them all (sorted by version) and applies
// the ones not yet recorded, each in its own transaction. Returns the versions applied.
Result<std::vector<int>> ApplyMigrations(Database& db, std::vector<Migration> migrations);

// The SQL after token substitution, exposed for tests.
std::string RenderForDialect(std::string_view sql, Dialect dialect);

}  // namespace rutile::store
