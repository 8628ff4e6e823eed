#include "sqlite/sqlite_connection.h"

#include <string>
#include <utility>

namespace rutile::store {
namespace {

constexpr std::size_t kMaxCachedStatements = 512;

std::string Excerpt(std::string_view sql) {
  constexpr std::size_t kMax = 160;
  std::string out(sql.substr(0, kMax));
  if (sql.size() > kMax) out += "...";
  return out;
}

bool OnlyWhitespaceOrSemicolons(const char* p, const char* end) {
  for (; p < end && *p != '\0'; ++p) {
    if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') return false;
  }
  return true;
}

// Resets a statement and drops its bindings when the call that used it ends.
struct StmtReset {
  sqlite3_stmt* stmt;
  ~StmtReset() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

}  // namespace

Error SqliteError(int code, std::string_view message, std::string_view sql) {
  std::string text = std::string(message);
  if (!sql.empty()) text += " [" + Excerpt(sql) + "]";
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
      return AlreadyExists("duplicate key: " + text);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return FailedPrecondition("foreign key violation: " + text);
    case SQLITE_CONSTRAINT_CHECK:
      return FailedPrecondition("check constraint violation: " + text);
    case SQLITE_CONSTRAINT_NOTNULL:
      return FailedPrecondition("not-null violation: " + text);
    default:
      break;
  }
  switch (code & 0xff) {
    case SQLITE_CONSTRAINT:
      return FailedPrecondition("constraint violation: " + text);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable("database is busy (retry): " + text);
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
      return InvalidArgument(text);
    default:
      return Internal("sqlite: " + text);
  }
}

Result<std::unique_ptr<PooledConnection>> SqliteConnection::Open(const SqliteSettings& settings) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(settings.path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Sqlite3Ptr db(raw);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc);
    return Unavailable("cannot open SQLite database " + settings.path + ": " + message);
  }
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), static_cast<int>(settings.busy_timeout.count()));

  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(std::move(db)));
  // WAL lets readers run beside the single writer. synchronous=FULL syncs the WAL on every
  // commit, so a commit that returned survives an OS crash or power loss too, not only a
  // process crash (NORMAL would sync only at checkpoints; docs/adr/0020).
  RUTILE_ASSIGN_OR_RETURN(auto mode, conn->Query("PRAGMA journal_mode=WAL"));
  if (mode.empty() || mode[0].Text(0) != "wal") {
    return Unavailable("SQLite database " + settings.path + " cannot use WAL journal mode");
  }
  RUTILE_TRY(
      conn->ExecuteScript(settings.durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF"));
  RUTILE_TRY(conn->ExecuteScript("PRAGMA foreign_keys=ON"));
  RUTILE_ASSIGN_OR_RETURN(auto fk, conn->Query("PRAGMA foreign_keys"));
  if (fk.empty() || fk[0].Int(0) != 1) {
    return Internal("this SQLite build cannot enforce foreign keys");
  }
  return std::unique_ptr<PooledConnection>(std::move(conn));
}

Error SqliteConnection::MakeError(int rc, std::string_view sql) const {
  return SqliteError(rc, sqlite3_errmsg(db_.get()), sql);
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) return it->second.get();

  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  Sqlite3StmtPtr stmt(raw);
  if (rc != SQLITE_OK) return MakeError(rc, sql);
  if (stmt == nullptr) return InvalidArgument("empty SQL statement");
  if (!OnlyWhitespaceOrSemicolons(tail, sql.data() + sql.size())) {
    return InvalidArgument("more than one SQL statement; use ExecuteScript [" + Excerpt(sql) + "]");
  }
  if (cache_.size() >= kMaxCachedStatements) cache_.clear();
  sqlite3_stmt* out = stmt.get();
  cache_.emplace(std::string(sql), std::move(stmt));
  return out;
}

Status SqliteConnection::Run(std::string_view sql, std::span<const Value> params,
                             std::vector<Row>* rows) {
  RUTILE_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
  StmtReset reset{stmt};
  int expected = sqlite3_bind_parameter_count(stmt);
  if (expected != static_cast<int>(params.size())) {
    return InvalidArgument("statement takes " + std::to_string(expected) + " parameters, got " +
                           std::to_string(params.size()) + " [" + Excerpt(sql) + "]");
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    const Value& v = params[i];
    int rc = SQLITE_OK;
    if (std::holds_alternative<Null>(v)) {
      rc = sqlite3_bind_null(stmt, index);
    } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, index, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, index, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else if (const auto* b = std::get_if<Blob>(&v)) {
      // data() is never null, so an empty Blob binds as a zero-length BLOB, not NULL.
      rc = sqlite3_bind_blob64(stmt, index, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
    }
    if (rc != SQLITE_OK) return MakeError(rc, sql);
  }

  while (true) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return Ok();
    if (rc != SQLITE_ROW) return MakeError(sqlite3_extended_errcode(db_.get()), sql);
    if (rows == nullptr) continue;
    int columns = sqlite3_column_count(stmt);
    std::vector<Value> cells;
    cells.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_NULL:
          cells.emplace_back(Null{});
          break;
        case SQLITE_INTEGER:
          cells.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          cells.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_TEXT: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          int size = sqlite3_column_bytes(stmt, c);
          cells.emplace_back(std::string(text ? text : "", static_cast<std::size_t>(size)));
          break;
        }
        default: {  // SQLITE_BLOB
          const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
          int size = sqlite3_column_bytes(stmt, c);
          cells.emplace_back(Blob{std::string(data ? data : "", static_cast<std::size_t>(size))});
          break;
        }
      }
    }
    rows->emplace_back(std::move(cells));
  }
}

Result<std::vector<Row>> SqliteConnection::Query(std::string_view sql,
                                                 std::span<const Value> params) {
  std::vector<Row> rows;
  RUTILE_TRY(Run(sql, params, &rows));
  return rows;
}

Result<std::int64_t> SqliteConnection::Execute(std::string_view sql,
                                               std::span<const Value> params) {
  RUTILE_TRY(Run(sql, params, nullptr));
  return static_cast<std::int64_t>(sqlite3_changes64(db_.get()));
}

Status SqliteConnection::ExecuteScript(std::string_view sql) {
  std::string script(sql);  // sqlite3_exec needs a NUL-terminated string
  char* message = nullptr;
  int rc = sqlite3_exec(db_.get(), script.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Ok();
  std::string text = message ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return SqliteError(sqlite3_extended_errcode(db_.get()), text, sql);
}

Status SqliteConnection::Begin(bool write) {
  // IMMEDIATE takes the write lock now (waiting up to the busy timeout), so a write
  // transaction never fails later on a read-to-write lock upgrade.
  auto done = Execute(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  if (!done.has_value()) return Fail(std::move(done).error());
  return Ok();
}

Status SqliteConnection::Commit() {
  auto done = Execute("COMMIT");
  if (!done.has_value()) return Fail(std::move(done).error());
  return Ok();
}

Status SqliteConnection::Rollback() {
  if (sqlite3_get_autocommit(db_.get())) return Ok();  // SQLite already rolled back
  auto done = Execute("ROLLBACK");
  if (!done.has_value()) return Fail(std::move(done).error());
  return Ok();
}

void SqliteConnection::ResetForReuse() {
  if (!sqlite3_get_autocommit(db_.get())) (void)Execute("ROLLBACK");
}

}  // namespace rutile::store
