#include "postgres/postgres_connection.h"

#include <charconv>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "postgres/placeholders.h"

namespace rutile::store {
namespace {

// Type OIDs from PostgreSQL's src/include/catalog/pg_type.dat (stable across versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;

constexpr std::size_t kMaxPreparedStatements = 512;

std::string Excerpt(std::string_view sql) {
  constexpr std::size_t kMax = 160;
  std::string out(sql.substr(0, kMax));
  if (sql.size() > kMax) out += "...";
  return out;
}

std::string TrimmedMessage(const char* message) {
  std::string out = message ? message : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, end);
}

Value CellValue(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return Null{};
  const char* text = PQgetvalue(result, row, column);
  std::size_t size = static_cast<std::size_t>(PQgetlength(result, row, column));
  std::string_view view(text, size);
  switch (PQftype(result, column)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kOidOid: {
      std::int64_t n = 0;
      auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), n);
      if (ec == std::errc() && end == view.data() + view.size()) return n;
      return std::string(view);
    }
    case kFloat4Oid:
    case kFloat8Oid: {
      std::string copy(view);
      char* end = nullptr;
      double d = std::strtod(copy.c_str(), &end);  // also reads Infinity / NaN
      if (end != copy.c_str() && *end == '\0') return d;
      return copy;
    }
    case kBoolOid:
      return std::int64_t{view == "t" ? 1 : 0};
    case kByteaOid:
      if (auto bytes = DecodeByteaHex(view)) return Blob{*std::move(bytes)};
      return std::string(view);
    default:
      return std::string(view);  // text, numeric, dates...: Row accessors convert on read
  }
}

}  // namespace

Error PostgresError(std::string_view sqlstate, std::string_view message, std::string_view sql) {
  std::string text(message);
  if (!sql.empty()) text += " [" + Excerpt(sql) + "]";
  if (sqlstate == "23505") return AlreadyExists("duplicate key: " + text);
  if (sqlstate == "23503") return FailedPrecondition("foreign key violation: " + text);
  if (sqlstate == "23502") return FailedPrecondition("not-null violation: " + text);
  if (sqlstate == "23514") return FailedPrecondition("check constraint violation: " + text);
  if (sqlstate.substr(0, 2) == "23") return FailedPrecondition("constraint violation: " + text);
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return Unavailable("transaction conflict (retry): " + text);
  }
  if (sqlstate == "55P03" || sqlstate == "57014") return Unavailable("lock timeout: " + text);
  if (sqlstate.substr(0, 2) == "08" || sqlstate.substr(0, 3) == "57P") {
    return Unavailable("database connection: " + text);
  }
  if (sqlstate == "0A000" && text.find("cached plan") != std::string::npos) {
    return Unavailable("schema changed under a prepared statement (retry): " + text);
  }
  if (sqlstate.substr(0, 2) == "22") return InvalidArgument(text);
  if (sqlstate == "42601" && text.find("multiple commands") != std::string::npos) {
    return InvalidArgument("more than one SQL statement; use ExecuteScript: " + text);
  }
  return Internal("postgres " + std::string(sqlstate) + ": " + text);
}

Result<std::unique_ptr<PooledConnection>> PostgresConnection::Open(
    const std::string& conninfo, const std::string& described,
    std::chrono::milliseconds lock_timeout) {
  PgConnPtr conn(PQconnectdb(conninfo.c_str()));
  if (conn == nullptr) return Unavailable("out of memory opening " + described);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return Unavailable("cannot connect to " + described + ": " +
                       TrimmedMessage(PQerrorMessage(conn.get())));
  }
  if (PQsetClientEncoding(conn.get(), "UTF8") != 0) {
    return Unavailable("cannot set client encoding UTF8 on " + described);
  }
  std::unique_ptr<PostgresConnection> out(new PostgresConnection(std::move(conn), lock_timeout));
  // Notices (e.g. "there is no transaction in progress") are not errors; keep them off stderr.
  PQsetNoticeProcessor(
      out->conn_.get(), [](void*, const char*) {}, nullptr);
  return std::unique_ptr<PooledConnection>(std::move(out));
}

bool PostgresConnection::Healthy() { return PQstatus(conn_.get()) == CONNECTION_OK; }

Error PostgresConnection::ResultError(const PGresult* result, std::string_view sql) {
  if (result == nullptr || !Healthy()) {
    return Unavailable("database connection lost: " + TrimmedMessage(PQerrorMessage(conn_.get())));
  }
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
  std::string_view sqlstate = state ? state : "";
  std::string message = primary ? primary : TrimmedMessage(PQresultErrorMessage(result));
  // Integrity errors' detail repeats the row's values ("Key (email)=(...)"); like SQLite's
  // messages, ours name only the constraint, so no user data reaches logs or responses.
  if (detail != nullptr && sqlstate.substr(0, 2) != "23") {
    message += std::string(" (") + detail + ")";
  }
  return PostgresError(sqlstate, message, sql);
}

Result<PgResultPtr> PostgresConnection::Simple(std::string_view sql) {
  std::string text(sql);
  PgResultPtr result(PQexec(conn_.get(), text.c_str()));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    return ResultError(result.get(), sql);
  }
  return result;
}

Result<PgResultPtr> PostgresConnection::Run(std::string_view sql, std::span<const Value> params) {
  // Parameter types: integers, doubles and blobs are typed so that "SELECT ?" and "? IS NULL"
  // work; text and NULL are left for the server to infer from context.
  const int count = static_cast<int>(params.size());
  std::vector<Oid> types(count, 0);
  std::vector<std::string> storage(count);
  std::vector<const char*> values(count, nullptr);
  std::vector<int> lengths(count, 0);
  std::vector<int> formats(count, 0);
  std::string key;
  key.reserve(sql.size() + count + 1);
  key.append(sql);
  key.push_back('\0');
  for (int i = 0; i < count; ++i) {
    const Value& v = params[i];
    if (std::holds_alternative<Null>(v)) {
      key.push_back('n');
    } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
      types[i] = kInt8Oid;
      storage[i] = std::to_string(*n);
      values[i] = storage[i].c_str();
      key.push_back('i');
    } else if (const auto* d = std::get_if<double>(&v)) {
      types[i] = kFloat8Oid;
      storage[i] = FormatDouble(*d);
      values[i] = storage[i].c_str();
      key.push_back('d');
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      if (s->find('\0') != std::string::npos) {
        return InvalidArgument("text parameter " + std::to_string(i + 1) +
                               " contains a NUL byte; store bytes as Blob");
      }
      values[i] = s->c_str();
      key.push_back('s');
    } else if (const auto* b = std::get_if<Blob>(&v)) {
      types[i] = kByteaOid;
      values[i] = b->bytes.data();
      lengths[i] = static_cast<int>(b->bytes.size());
      formats[i] = 1;  // binary: raw bytes, no escaping
      key.push_back('b');
    }
  }

  // Outside a transaction a statement whose cached plan no longer fits a changed table is
  // prepared afresh and run once more (SQLite re-prepares by itself); inside one it cannot be.
  const bool autocommit = PQtransactionStatus(conn_.get()) == PQTRANS_IDLE;
  for (int attempt = 0;; ++attempt) {
    auto found = statements_.find(key);
    if (found == statements_.end()) {
      RewrittenSql rewritten = RewritePlaceholders(sql);
      if (rewritten.parameter_count != count) {
        return InvalidArgument("statement takes " + std::to_string(rewritten.parameter_count) +
                               " parameters, got " + std::to_string(count) + " [" + Excerpt(sql) +
                               "]");
      }
      if (statements_.size() >= kMaxPreparedStatements) {
        RUTILE_TRY(Simple("DEALLOCATE ALL"));
        statements_.clear();
      }
      std::string name = "rutile_" + std::to_string(next_statement_++);
      PgResultPtr prepared(
          PQprepare(conn_.get(), name.c_str(), rewritten.sql.c_str(), count, types.data()));
      if (prepared == nullptr || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
        return ResultError(prepared.get(), sql);
      }
      found = statements_.emplace(key, std::move(name)).first;
    }

    PgResultPtr result(PQexecPrepared(conn_.get(), found->second.c_str(), count, values.data(),
                                      lengths.data(), formats.data(), 0));
    ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;

    Error error = ResultError(result.get(), sql);
    const char* state = result ? PQresultErrorField(result.get(), PG_DIAG_SQLSTATE) : nullptr;
    if (state == nullptr || std::string_view(state) != "0A000") return error;
    // Names are never reused, so a DEALLOCATE that fails (aborted transaction) is harmless.
    (void)Simple("DEALLOCATE " + found->second);
    statements_.erase(found);
    if (!autocommit || attempt > 0) return error;
  }
}

Result<std::vector<Row>> PostgresConnection::Query(std::string_view sql,
                                                   std::span<const Value> params) {
  RUTILE_ASSIGN_OR_RETURN(PgResultPtr result, Run(sql, params));
  const int rows = PQntuples(result.get());
  const int columns = PQnfields(result.get());
  std::vector<Row> out;
  out.reserve(rows);
  for (int r = 0; r < rows; ++r) {
    std::vector<Value> cells;
    cells.reserve(columns);
    for (int c = 0; c < columns; ++c) cells.push_back(CellValue(result.get(), r, c));
    out.emplace_back(std::move(cells));
  }
  return out;
}

Result<std::int64_t> PostgresConnection::Execute(std::string_view sql,
                                                 std::span<const Value> params) {
  RUTILE_ASSIGN_OR_RETURN(PgResultPtr result, Run(sql, params));
  std::string_view tuples = PQcmdTuples(result.get());
  std::int64_t changed = 0;
  std::from_chars(tuples.data(), tuples.data() + tuples.size(), changed);
  return changed;
}

Status PostgresConnection::ExecuteScript(std::string_view sql) {
  RUTILE_ASSIGN_OR_RETURN(PgResultPtr result, Simple(sql));
  return Ok();
}

Status PostgresConnection::Begin(bool write) {
  if (!write) {
    RUTILE_ASSIGN_OR_RETURN(PgResultPtr result, Simple("BEGIN"));
    return Ok();
  }
  // One round trip: open the transaction and wait (bounded) for the database-wide write lock.
  std::string sql = "BEGIN; SET LOCAL lock_timeout = '" + std::to_string(lock_timeout_.count()) +
                    "ms'; SELECT pg_advisory_xact_lock(" + std::to_string(kPostgresWriteLockKey) +
                    "); SET LOCAL lock_timeout TO DEFAULT";
  auto begun = Simple(sql);
  if (!begun.has_value()) {
    if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) (void)Simple("ROLLBACK");
    return Fail(std::move(begun).error());
  }
  return Ok();
}

Status PostgresConnection::Commit() {
  RUTILE_ASSIGN_OR_RETURN(PgResultPtr result, Simple("COMMIT"));
  // COMMIT of a transaction that already failed "succeeds" with the tag ROLLBACK.
  if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK") {
    return Internal("transaction was rolled back: an earlier statement in it failed");
  }
  return Ok();
}

Status PostgresConnection::Rollback() {
  if (PQtransactionStatus(conn_.get()) == PQTRANS_IDLE) return Ok();
  RUTILE_ASSIGN_OR_RETURN(PgResultPtr result, Simple("ROLLBACK"));
  return Ok();
}

void PostgresConnection::ResetForReuse() {
  PGTransactionStatusType status = PQtransactionStatus(conn_.get());
  if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR) (void)Simple("ROLLBACK");
}

}  // namespace rutile::store
