#include "sqlite/sqlite_database.h"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

namespace rutile::store {
namespace {

int PoolSize(const OpenOptions& options) {
  return options.pool_size > 0 ? options.pool_size : SqliteDatabase::kDefaultPoolSize;
}

}  // namespace

SqliteDatabase::SqliteDatabase(SqliteSettings settings, const OpenOptions& options,
                               std::string description, bool remove_on_close)
    : settings_(std::move(settings)),
      description_(std::move(description)),
      remove_on_close_(remove_on_close),
      pool_(PoolSize(options), options.acquire_timeout,
            [s = settings_] { return SqliteConnection::Open(s); }) {}

SqliteDatabase::~SqliteDatabase() {
  if (!remove_on_close_) return;
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(settings_.path + suffix, ignored);
  }
}

Result<std::unique_ptr<Database>> SqliteDatabase::Open(std::string path,
                                                       const OpenOptions& options) {
  std::filesystem::path file(path);
  if (file.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) {
      return Unavailable("cannot create directory " + file.parent_path().string() + ": " +
                         ec.message());
    }
  }
  SqliteSettings settings;
  settings.path = path;
  settings.busy_timeout = options.lock_timeout;
  settings.durable = true;
  std::unique_ptr<SqliteDatabase> db(
      new SqliteDatabase(std::move(settings), options, "sqlite:" + path, false));
  RUTILE_TRY(db->pool_.Prime());
  return std::unique_ptr<Database>(std::move(db));
}

Result<std::unique_ptr<Database>> SqliteDatabase::OpenTemporary(const OpenOptions& options) {
  // A real file (not SQLite's ":memory:") so every pooled connection sees the same database.
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string pattern = (dir / "rutile-memory-XXXXXX").string();
  int fd = mkstemp(pattern.data());
  if (fd < 0) return Unavailable("cannot create a temporary SQLite file in " + dir.string());
  close(fd);
  SqliteSettings settings;
  settings.path = pattern;
  settings.busy_timeout = options.lock_timeout;
  settings.durable = false;  // nothing to keep after a crash
  std::unique_ptr<SqliteDatabase> db(
      new SqliteDatabase(std::move(settings), options, "sqlite::memory:", true));
  RUTILE_TRY(db->pool_.Prime());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace rutile::store
