// Throw-away databases for the storage tests: a SQLite file in a fresh temp directory, or a
// private schema in the PostgreSQL database named by RUTILE_TEST_POSTGRES_URL.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "rutile/store/database.h"

namespace rutile::store::testing {

inline constexpr const char* kPostgresUrlVariable = "RUTILE_TEST_POSTGRES_URL";

inline std::optional<std::string> PostgresTestUrl() {
  const char* url = std::getenv(kPostgresUrlVariable);
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

// Owns one test database; removes it on destruction.
class TestDatabase {
 public:
  // kind: "sqlite" or "postgres". url() is empty when postgres has no server configured.
  explicit TestDatabase(const std::string& kind) : kind_(kind) {
    static std::atomic<int> counter{0};
    std::string unique = std::to_string(getpid()) + "_" + std::to_string(counter++);
    if (kind == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / ("rutile-store-test-" + unique);
      std::filesystem::remove_all(dir_);
      url_ = "sqlite:" + (dir_ / "test.db").string();
    } else if (auto base = PostgresTestUrl()) {
      base_url_ = *base;
      schema_ = "rt_" + unique;
      // Every pooled connection gets search_path=<schema>, so parallel test processes and
      // reruns never see each other's tables.
      url_ = base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") +
             "options=-csearch_path%3D" + schema_;
      auto admin = OpenDatabase(base_url_, 1);
      if (admin.has_value()) {
        if (auto conn = (*admin)->Acquire(); conn.has_value()) {
          (void)(*conn)->ExecuteScript("CREATE SCHEMA " + schema_);
        }
      }
    }
  }
  ~TestDatabase() {
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
    if (!schema_.empty()) {
      auto admin = OpenDatabase(base_url_, 1);
      if (admin.has_value()) {
        if (auto conn = (*admin)->Acquire(); conn.has_value()) {
          (void)(*conn)->ExecuteScript("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
        }
      }
    }
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  bool available() const { return !url_.empty(); }
  const std::string& url() const { return url_; }
  const std::string& kind() const { return kind_; }
  const std::string& base_url() const { return base_url_; }

 private:
  std::string kind_;
  std::string url_;
  std::filesystem::path dir_;
  std::string base_url_;
  std::string schema_;
};

}  // namespace rutile::store::testing
