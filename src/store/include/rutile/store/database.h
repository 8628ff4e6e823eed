// The storage seam. One interface, two adapters: SQLite (embedded default) and PostgreSQL.
// SQL is written once with '?' placeholders; the PostgreSQL adapter rewrites them to $1..$n.
// A Database is thread-safe; a Connection belongs to one thread at a time (taken from the
// pool by Acquire, returned when the handle is destroyed).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/store/value.h"

namespace rutile::store {

enum class Dialect { kSqlite, kPostgres };

class Connection {
 public:
  virtual ~Connection() = default;

  // Runs one statement and returns every row it yields (empty for DML without RETURNING).
  virtual Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) = 0;
  Result<std::vector<Row>> Query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Query(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // Runs one statement and returns the number of rows it changed.
  virtual Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params) = 0;
  Result<std::int64_t> Execute(std::string_view sql, std::initializer_list<Value> params = {}) {
    return Execute(sql, std::span<const Value>(params.begin(), params.size()));
  }
  // Runs a script of several statements without parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  virtual Status Begin(bool write) = 0;  // write=true takes the write lock up front on SQLite
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  virtual Dialect dialect() const = 0;
};

// Pool statistics for /metrics.
struct PoolStats {
  int size = 0;
  int in_use = 0;
  std::int64_t waits = 0;  // acquisitions that had to wait for a free connection
};

class Database {
 public:
  using ConnectionPtr = std::unique_ptr<Connection, std::function<void(Connection*)>>;

  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Takes a connection from the pool, waiting if all are in use; kUnavailable if it cannot.
  virtual Result<ConnectionPtr> Acquire() = 0;
  virtual PoolStats Stats() const = 0;
  // "sqlite:/path/file.db" or "postgresql://..." as given, password removed.
  virtual std::string Describe() const = 0;
};

// Opens a database from a URL: "sqlite:PATH", "sqlite::memory:", "postgresql://..." or
// "postgres://...". pool_size 0 picks a default for the adapter.
Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url, int pool_size = 0);

// Finer control over the pool; OpenDatabase(url, n) is OpenDatabase(url, {.pool_size = n}).
struct OpenOptions {
  int pool_size = 0;                                 // 0: adapter default (4)
  std::chrono::milliseconds acquire_timeout{30000};  // Acquire() gives kUnavailable after this
  std::chrono::milliseconds lock_timeout{5000};      // waiting for the write lock / a busy file
};
Result<std::unique_ptr<Database>> OpenDatabase(std::string_view url, const OpenOptions& options);

// Runs fn inside one transaction: commits if it returns a value, rolls back otherwise.
// A write transaction on SQLite is BEGIN IMMEDIATE, so it never fails half-way on a lock upgrade.
template <typename Fn>
auto Transact(Database& db, bool write, Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
  using R = decltype(fn(std::declval<Connection&>()));
  auto conn = db.Acquire();
  if (!conn.has_value()) return R(std::move(conn).error());
  Connection& c = **conn;
  if (auto s = c.Begin(write); !s.has_value()) return R(std::move(s).error());
  R result = fn(c);
  if (result.has_value()) {
    if (auto s = c.Commit(); !s.has_value()) {
      (void)c.Rollback();
      return R(std::move(s).error());
    }
  } else {
    (void)c.Rollback();
  }
  return result;
}

template <typename Fn>
auto Write(Database& db, Fn&& fn) {
  return Transact(db, true, std::forward<Fn>(fn));
}
template <typename Fn>
auto Read(Database& db, Fn&& fn) {
  return Transact(db, false, std::forward<Fn>(fn));
}

}  // namespace rutile::store
