// Parsing of the database URLs OpenDatabase accepts. Internal to rutile_store.
#pragma once

#include <string>
#include <string_view>

#include "rutile/core/result.h"
#include "rutile/store/database.h"

namespace rutile::store {

struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  bool in_memory = false;   // sqlite::memory:
  std::string sqlite_path;  // sqlite: the file path as given
  std::string conninfo;     // postgres: the URL handed to libpq
};

// "sqlite:PATH", "sqlite://PATH", "sqlite::memory:", "postgresql://..." or "postgres://...".
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

// The URL with any password replaced by "***" (userinfo "user:pw@" or a password= parameter).
std::string RedactPostgresUrl(std::string_view url);

}  // namespace rutile::store
