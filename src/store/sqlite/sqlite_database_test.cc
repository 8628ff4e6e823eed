#include "sqlite/sqlite_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "rutile/store/database.h"

namespace rutile::store {
namespace {

namespace fs = std::filesystem;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("rutile-sqlite-test-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(SqliteDatabaseTest, CreatesParentDirectoryAndUsesWalFullSync) {
  fs::path file = dir_ / "nested" / "deeper" / "rutile.db";
  auto db = OpenDatabase("sqlite:" + file.string());
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  EXPECT_TRUE(fs::exists(file));
  EXPECT_EQ((*db)->Describe(), "sqlite:" + file.string());
  EXPECT_EQ((*db)->Stats().size, SqliteDatabase::kDefaultPoolSize);

  auto conn = (*db)->Acquire();
  ASSERT_TRUE(conn.has_value());
  auto mode = (*conn)->Query("PRAGMA journal_mode");
  ASSERT_TRUE(mode.has_value());
  EXPECT_EQ((*mode)[0].Text(0), "wal");
  auto sync = (*conn)->Query("PRAGMA synchronous");
  ASSERT_TRUE(sync.has_value());
  EXPECT_EQ((*sync)[0].Int(0), 2);  // FULL
  auto fk = (*conn)->Query("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.has_value());
  EXPECT_EQ((*fk)[0].Int(0), 1);
}

TEST_F(SqliteDatabaseTest, StatementsAreCachedPerConnection) {
  auto db = OpenDatabase("sqlite:" + (dir_ / "c.db").string(), 1);
  ASSERT_TRUE(db.has_value());
  auto conn = (*db)->Acquire();
  ASSERT_TRUE(conn.has_value());
  auto* sqlite = dynamic_cast<SqliteConnection*>(conn->get());
  ASSERT_NE(sqlite, nullptr);
  std::size_t before = sqlite->cached_statements();
  for (int i = 0; i < 10; ++i) {
    auto rows = (*conn)->Query("SELECT ? + 1", {std::int64_t{i}});
    ASSERT_TRUE(rows.has_value());
    EXPECT_EQ((*rows)[0].Int(0), i + 1);
  }
  EXPECT_EQ(sqlite->cached_statements(), before + 1);
}

TEST_F(SqliteDatabaseTest, RejectsWrongParameterCountAndSeveralStatements) {
  auto db = OpenDatabase("sqlite::memory:");
  ASSERT_TRUE(db.has_value());
  auto conn = (*db)->Acquire();
  ASSERT_TRUE(conn.has_value());
  auto wrong = (*conn)->Query("SELECT ?, ?", {std::int64_t{1}});
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code(), ErrorCode::kInvalidArgument);
  auto two = (*conn)->Execute("SELECT 1; SELECT 2");
  ASSERT_FALSE(two.has_value());
  EXPECT_EQ(two.error().code(), ErrorCode::kInvalidArgument);
  auto syntax = (*conn)->Execute("SELEKT 1");
  ASSERT_FALSE(syntax.has_value());
  EXPECT_EQ(syntax.error().code(), ErrorCode::kInternal);
}

TEST_F(SqliteDatabaseTest, MemoryDatabaseIsSharedByThePoolAndRemovedOnClose) {
  auto db = OpenDatabase("sqlite::memory:", 2);
  ASSERT_TRUE(db.has_value());
  EXPECT_EQ((*db)->Describe(), "sqlite::memory:");
  {
    auto a = (*db)->Acquire();
    auto b = (*db)->Acquire();
    ASSERT_TRUE(a.has_value() && b.has_value());
    ASSERT_TRUE((*a)->ExecuteScript("CREATE TABLE t(x INTEGER)").has_value());
    auto rows = (*b)->Query("SELECT count(*) FROM t");
    ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  }
}

TEST_F(SqliteDatabaseTest, WriteLockTimeoutIsUnavailable) {
  OpenOptions options;
  options.pool_size = 2;
  options.lock_timeout = std::chrono::milliseconds(50);
  auto db = OpenDatabase("sqlite:" + (dir_ / "busy.db").string(), options);
  ASSERT_TRUE(db.has_value());
  auto a = (*db)->Acquire();
  auto b = (*db)->Acquire();
  ASSERT_TRUE(a.has_value() && b.has_value());
  ASSERT_TRUE((*a)->Begin(true).has_value());
  auto blocked = (*b)->Begin(true);
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().code(), ErrorCode::kUnavailable);
  ASSERT_TRUE((*a)->Rollback().has_value());
  EXPECT_TRUE((*b)->Begin(true).has_value());
  EXPECT_TRUE((*b)->Commit().has_value());
}

TEST_F(SqliteDatabaseTest, ConnectionReturnedInsideATransactionIsRolledBack) {
  auto db = OpenDatabase("sqlite:" + (dir_ / "leak.db").string(), 1);
  ASSERT_TRUE(db.has_value());
  {
    auto conn = (*db)->Acquire();
    ASSERT_TRUE(conn.has_value());
    ASSERT_TRUE((*conn)->ExecuteScript("CREATE TABLE t(x INTEGER)").has_value());
    ASSERT_TRUE((*conn)->Begin(true).has_value());
    ASSERT_TRUE((*conn)->Execute("INSERT INTO t VALUES (1)").has_value());
  }  // returned to the pool without Commit
  auto conn = (*db)->Acquire();
  ASSERT_TRUE(conn.has_value());
  auto rows = (*conn)->Query("SELECT count(*) FROM t");
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ((*rows)[0].Int(0), 0);
  EXPECT_TRUE((*conn)->Begin(true).has_value());  // no transaction left open
  EXPECT_TRUE((*conn)->Rollback().has_value());
}

TEST_F(SqliteDatabaseTest, UnopenablePathIsUnavailable) {
  auto db = OpenDatabase("sqlite:/proc/rutile-cannot-exist/x.db");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace rutile::store
