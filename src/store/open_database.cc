#include <memory>

#include "database_url.h"
#include "postgres/postgres_database.h"
#include "rutile/store/database.h"
#include "sqlite/sqlite_database.h"

namespace rutile::store {

Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url, int pool_size) {
  OpenOptions options;
  options.pool_size = pool_size;
  return OpenDatabase(url, options);
}

Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url, const OpenOptions& options) {
  if (options.pool_size < 0) return InvalidArgument("pool size must not be negative");
  RUTILE_ASSIGN_OR_RETURN(DatabaseUrl parsed, ParseDatabaseUrl(url));
  switch (parsed.dialect) {
    case Dialect::kSqlite:
      if (parsed.in_memory) return SqliteDatabase::OpenTemporary(options);
      return SqliteDatabase::Open(parsed.sqlite_path, options);
    case Dialect::kPostgres:
      return PostgresDatabase::Open(parsed.conninfo, options);
  }
  return Internal("unknown dialect");
}

}  // namespace rutile::store
