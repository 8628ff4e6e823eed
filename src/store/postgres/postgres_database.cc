#include "postgres/postgres_database.h"

#include "database_url.h"
#include "postgres/postgres_connection.h"

namespace rutile::store {

PostgresDatabase::PostgresDatabase(std::string url, std::string description,
                                   const OpenOptions& options)
    : url_(std::move(url)),
      description_(std::move(description)),
      pool_(options.pool_size > 0 ? options.pool_size : kDefaultPoolSize, options.acquire_timeout,
            [url = url_, described = description_, lock_timeout = options.lock_timeout] {
              return PostgresConnection::Open(url, described, lock_timeout);
            }) {}

Result<std::unique_ptr<Database>> PostgresDatabase::Open(std::string url,
                                                         const OpenOptions& options) {
  std::string description = RedactPostgresUrl(url);
  std::unique_ptr<PostgresDatabase> db(
      new PostgresDatabase(std::move(url), std::move(description), options));
  RUTILE_TRY(db->pool_.Prime());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace rutile::store
