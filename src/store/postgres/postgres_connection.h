// PostgresConnection: one libpq connection with its named prepared statements. Used by one
// thread at a time (the pool hands it out); owns its PGconn and every PGresult it makes.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "connection_pool.h"

namespace rutile::store {

struct PgConnCloser {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct PgResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgConnPtr = std::unique_ptr<PGconn, PgConnCloser>;
using PgResultPtr = std::unique_ptr<PGresult, PgResultClearer>;

// Advisory lock keys (pg_advisory_xact_lock) shared by every Rutile process on a database.
inline constexpr std::int64_t kPostgresWriteLockKey = 0x52555449'4c450001;      // "RUTILE" 1
inline constexpr std::int64_t kPostgresMigrationLockKey = 0x52555449'4c450002;  // "RUTILE" 2

class PostgresConnection final : public PooledConnection {
 public:
  // conninfo: a postgresql:// URL. described: the same with the password removed.
  static Result<std::unique_ptr<PooledConnection>> Open(const std::string& conninfo,
                                                        const std::string& described,
                                                        std::chrono::milliseconds lock_timeout);

  Result<std::vector<Row>> Query(std::string_view sql, std::span<const Value> params) override;
  Result<std::int64_t> Execute(std::string_view sql, std::span<const Value> params) override;
  Status ExecuteScript(std::string_view sql) override;
  // write=true also takes a database-wide advisory lock, so write transactions run one at a
  // time as on SQLite (BEGIN IMMEDIATE): read-modify-write inside Write() never loses updates.
  Status Begin(bool write) override;
  Status Commit() override;
  Status Rollback() override;
  Dialect dialect() const override { return Dialect::kPostgres; }

  void ResetForReuse() override;
  bool Healthy() override;

  using PooledConnection::Execute;
  using PooledConnection::Query;

 private:
  PostgresConnection(PgConnPtr conn, std::chrono::milliseconds lock_timeout)
      : conn_(std::move(conn)), lock_timeout_(lock_timeout) {}

  // Prepares (once per SQL text and parameter types) and runs a statement.
  Result<PgResultPtr> Run(std::string_view sql, std::span<const Value> params);
  Result<PgResultPtr> Simple(std::string_view sql);  // PQexec, no parameters
  Error ResultError(const PGresult* result, std::string_view sql);

  PgConnPtr conn_;
  std::chrono::milliseconds lock_timeout_;
  std::unordered_map<std::string, std::string> statements_;  // key -> prepared name
  int next_statement_ = 0;
};

// Maps a SQLSTATE to the canonical Error codes.
Error PostgresError(std::string_view sqlstate, std::string_view message, std::string_view sql);

}  // namespace rutile::store
