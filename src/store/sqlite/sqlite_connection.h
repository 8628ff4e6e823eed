// SqliteConnection: one sqlite3 handle with its prepared-statement cache. Used by one thread at
// a time (the pool hands it out); owns its handle and statements.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "connection_pool.h"

namespace rutile::store {

struct Sqlite3Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct Sqlite3StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Sqlite3Ptr = std::unique_ptr<sqlite3, Sqlite3Closer>;
using Sqlite3StmtPtr = std::unique_ptr<sqlite3_stmt, Sqlite3StmtFinalizer>;

struct SqliteSettings {
  std::string path;
  std::chrono::milliseconds busy_timeout{5000};
  bool durable = true;  // synchronous=FULL; false only for throw-away in-memory databases
};

class SqliteConnection final : public PooledConnection {
 public:
  // Opens the file (creating it) and applies the connection pragmas.
  static Result<std::unique_ptr<PooledConnection>> Open(const SqliteSettings& settings);

  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override;
  Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params) override;
  Status ExecuteScript(std::string_view sql) override;
  Status Begin(bool write) override;
  Status Commit() override;
  Status Rollback() override;
  Dialect dialect() const override { return Dialect::kSqlite; }

  void ResetForReuse() override;
  bool Healthy() override { return true; }

  using PooledConnection::Execute;
  using PooledConnection::Query;

  // Statements cached on this connection (for tests).
  std::size_t cached_statements() const { return cache_.size(); }

 private:
  explicit SqliteConnection(Sqlite3Ptr db) : db_(std::move(db)) {}

  Result<sqlite3_stmt*> Prepare(std::string_view sql);
  // Binds params, steps to the end; rows go to *rows when non-null.
  Status Run(std::string_view sql, std::span<const Value> params, std::vector<Row>* rows);
  Error MakeError(int rc, std::string_view sql) const;

  // Looked up by string_view without building a std::string on the hot path.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const {
      return std::hash<std::string_view>{}(sql);
    }
  };

  Sqlite3Ptr db_;
  std::unordered_map<std::string, Sqlite3StmtPtr, SqlHash, std::equal_to<>> cache_;
};

// Maps an SQLite result code (extended codes on) to the canonical Error codes.
Error SqliteError(int extended_code, std::string_view message, std::string_view sql);

}  // namespace rutile::store
