#include "database_url.h"

namespace rutile::store {
namespace {

constexpr std::string_view kAcceptedForms =
    "expected sqlite:PATH, sqlite::memory:, postgresql://... or postgres://...";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  DatabaseUrl out;
  if (url == "sqlite::memory:") {
    out.dialect = Dialect::kSqlite;
    out.in_memory = true;
    return out;
  }
  if (StartsWith(url, "sqlite:")) {
    std::string_view path = url.substr(7);
    if (StartsWith(path, "//")) path.remove_prefix(2);  // sqlite:///abs/file.db
    if (path.empty())
      return InvalidArgument("database URL has no file path; " + std::string(kAcceptedForms));
    out.dialect = Dialect::kSqlite;
    out.sqlite_path = std::string(path);
    return out;
  }
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    out.dialect = Dialect::kPostgres;
    out.conninfo = std::string(url);
    return out;
  }
  // Never echo the URL itself: it may carry a password.
  return InvalidArgument("unsupported database URL; " + std::string(kAcceptedForms));
}

std::string RedactPostgresUrl(std::string_view url) {
  std::string out(url);
  // userinfo: scheme://user:password@host
  std::size_t scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    std::size_t auth_start = scheme_end + 3;
    std::size_t auth_end = out.find_first_of("/?#", auth_start);
    if (auth_end == std::string::npos) auth_end = out.size();
    std::size_t at = out.rfind('@', auth_end);
    if (at != std::string::npos && at >= auth_start) {
      std::size_t colon = out.find(':', auth_start);
      if (colon != std::string::npos && colon < at) {
        out.replace(colon + 1, at - colon - 1, "***");
      }
    }
  }
  // query parameter: ?password=... or &password=...
  for (std::string_view key : {"?password=", "&password="}) {
    std::size_t pos = out.find(key);
    if (pos == std::string::npos) continue;
    std::size_t value_start = pos + key.size();
    std::size_t value_end = out.find('&', value_start);
    if (value_end == std::string::npos) value_end = out.size();
    out.replace(value_start, value_end - value_start, "***");
  }
  return out;
}

}  // namespace rutile::store
