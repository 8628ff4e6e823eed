// SqliteDatabase: the embedded adapter — one SQLite file in WAL mode behind a connection pool.
// Thread-safe. "sqlite::memory:" is a private temporary file removed when the object goes.
#pragma once

#include <memory>
#include <string>

#include "connection_pool.h"
#include "rutile/store/database.h"
#include "sqlite/sqlite_connection.h"

namespace rutile::store {

class SqliteDatabase final : public Database {
 public:
  static constexpr int kDefaultPoolSize = 4;

  // path: the database file; its parent directory is created when missing.
  static Result<std::unique_ptr<Database>> Open(std::string path, const OpenOptions& options);
  // A fresh private database in a temporary file, deleted with this object.
  static Result<std::unique_ptr<Database>> OpenTemporary(const OpenOptions& options);

  ~SqliteDatabase() override;

  Dialect dialect() const override { return Dialect::kSqlite; }
  Result<ConnectionPtr> Acquire() override { return pool_.Acquire(); }
  PoolStats Stats() const override { return pool_.Stats(); }
  std::string Describe() const override { return description_; }

 private:
  SqliteDatabase(SqliteSettings settings, const OpenOptions& options, std::string description,
                 bool remove_on_close);

  SqliteSettings settings_;
  std::string description_;
  bool remove_on_close_;
  ConnectionPool pool_;
};

}  // namespace rutile::store
