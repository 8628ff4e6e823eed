// The storage contract: every behaviour here must hold on SQLite and on PostgreSQL alike.
// The PostgreSQL instance comes from RUTILE_TEST_POSTGRES_URL (scripts/pg-test-cluster.sh).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <set>
#include <thread>
#include <vector>

#include "rutile/store/database.h"
#include "rutile/store/migrations.h"
#include "test_databases.h"

namespace rutile::store {
namespace {

using testing::TestDatabase;

class StorageContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    target_ = std::make_unique<TestDatabase>(GetParam());
    if (!target_->available()) {
      GTEST_SKIP() << "PostgreSQL contract tests skipped: set " << testing::kPostgresUrlVariable
                   << " (e.g. from scripts/pg-test-cluster.sh start)";
    }
    db_ = Open();
  }
  void TearDown() override {
    db_.reset();
    target_.reset();
  }

  std::unique_ptr<Database> Open(int pool_size = 0) {
    auto db = OpenDatabase(target_->url(), pool_size);
    EXPECT_TRUE(db.has_value()) << db.error().ToString();
    return db.has_value() ? std::move(db).value() : nullptr;
  }

  Database::ConnectionPtr Conn() {
    auto conn = db_->Acquire();
    EXPECT_TRUE(conn.has_value()) << conn.error().ToString();
    return std::move(conn).value();
  }

  void Script(std::string_view sql) {
    auto conn = Conn();
    auto done = conn->ExecuteScript(RenderForDialect(sql, db_->dialect()));
    ASSERT_TRUE(done.has_value()) << done.error().ToString();
  }

  std::int64_t CountRows(std::string_view table) {
    auto conn = Conn();
    auto rows = conn->Query("SELECT count(*) FROM " + std::string(table));
    EXPECT_TRUE(rows.has_value()) << rows.error().ToString();
    return rows.has_value() ? (*rows)[0].Int(0) : -1;
  }

  bool TableExists(std::string_view table) {
    auto conn = Conn();
    auto rows = conn->Query("SELECT count(*) FROM " + std::string(table));
    return rows.has_value();
  }

  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<Database> db_;
};

TEST_P(StorageContractTest, ReportsDialect) {
  EXPECT_EQ(db_->dialect(), GetParam() == "sqlite" ? Dialect::kSqlite : Dialect::kPostgres);
  auto conn = Conn();
  EXPECT_EQ(conn->dialect(), db_->dialect());
}

TEST_P(StorageContractTest, TypesRoundTrip) {
  Script(
      "CREATE TABLE cells (id INTEGER PRIMARY KEY, n BIGINT, r DOUBLE PRECISION, t TEXT, "
      "b {{BLOB}})");
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  struct Case {
    Value n, r, t, b;
  };
  const std::vector<Case> cases = {
      {Null{}, Null{}, Null{}, Null{}},
      {std::numeric_limits<std::int64_t>::max(), 0.1, std::string("钛加热器的腐蚀"),
       Blob{std::string("a\0b\0", 4)}},
      {std::numeric_limits<std::int64_t>::min(), -1e300, std::string("تآكل الأنابيب"),
       Blob{all_bytes}},
      {std::int64_t{0}, 5e-324, std::string(""), Blob{""}},
      {std::int64_t{-1}, std::numeric_limits<double>::max(),
       std::string("emoji \xF0\x9F\x94\xA5 and quotes ' \" ? \\"), Blob{std::string(1, '\0')}},
  };
  {
    auto conn = Conn();
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const Case& c = cases[i];
      auto done = conn->Execute("INSERT INTO cells (id, n, r, t, b) VALUES (?, ?, ?, ?, ?)",
                                {static_cast<std::int64_t>(i), c.n, c.r, c.t, c.b});
      ASSERT_TRUE(done.has_value()) << i << ": " << done.error().ToString();
      EXPECT_EQ(*done, 1);
    }
  }
  auto conn = Conn();
  auto rows = conn->Query("SELECT id, n, r, t, b FROM cells ORDER BY id");
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Row& row = (*rows)[i];
    const Case& c = cases[i];
    SCOPED_TRACE(i);
    EXPECT_EQ(row.Int(0), static_cast<std::int64_t>(i));
    if (std::holds_alternative<Null>(c.n)) {
      EXPECT_TRUE(row.IsNull(1));
      EXPECT_TRUE(row.IsNull(2));
      EXPECT_TRUE(row.IsNull(3));
      EXPECT_TRUE(row.IsNull(4));
      EXPECT_EQ(row.OptInt(1), std::nullopt);
      EXPECT_EQ(row.OptText(3), std::nullopt);
      continue;
    }
    EXPECT_EQ(row.Int(1), std::get<std::int64_t>(c.n));
    EXPECT_EQ(row.Real(2), std::get<double>(c.r));  // exact, not approximately
    EXPECT_EQ(row.Text(3), std::get<std::string>(c.t));
    EXPECT_EQ(row.Bytes(4), std::get<Blob>(c.b).bytes);
    EXPECT_EQ(row.at(4), c.b);  // a BLOB column comes back as a Blob on both adapters
  }
}

TEST_P(StorageContractTest, TypedParametersWorkWithoutColumnContext) {
  auto conn = Conn();
  auto rows = conn->Query("SELECT ?, ?, ?", {std::int64_t{42}, 2.5, std::string("x")});
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  EXPECT_EQ((*rows)[0].Int(0), 42);
  EXPECT_EQ((*rows)[0].Real(1), 2.5);
  EXPECT_EQ((*rows)[0].Text(2), "x");
  auto null_check = conn->Query("SELECT CASE WHEN ? IS NULL THEN 1 ELSE 0 END", {std::int64_t{7}});
  ASSERT_TRUE(null_check.has_value()) << null_check.error().ToString();
  EXPECT_EQ((*null_check)[0].Int(0), 0);
}

TEST_P(StorageContractTest, PlaceholdersBindInOrderAndSkipQuotedText) {
  Script("CREATE TABLE items (name TEXT NOT NULL, qty BIGINT NOT NULL)");
  auto conn = Conn();
  ASSERT_TRUE(conn->Execute("INSERT INTO items (name, qty) VALUES (?, ?)",
                            {std::string("what?"), std::int64_t{3}})
                  .has_value());
  ASSERT_TRUE(conn->Execute("INSERT INTO items (name, qty) VALUES (?, ?)",
                            {std::string("plain"), std::int64_t{5}})
                  .has_value());
  auto rows = conn->Query(
      "SELECT name, qty, 'literal ?' FROM items WHERE qty >= ? AND name <> '?' AND name = ?",
      {std::int64_t{3}, std::string("what?")});
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "what?");
  EXPECT_EQ((*rows)[0].Int(1), 3);
  EXPECT_EQ((*rows)[0].Text(2), "literal ?");

  // The same SQL text again (cached statement) with other values.
  auto again = conn->Query(
      "SELECT name, qty, 'literal ?' FROM items WHERE qty >= ? AND name <> '?' AND name = ?",
      {std::int64_t{4}, std::string("plain")});
  ASSERT_TRUE(again.has_value());
  ASSERT_EQ(again->size(), 1u);
  EXPECT_EQ((*again)[0].Int(1), 5);

  auto wrong = conn->Query("SELECT name FROM items WHERE qty = ?", {});
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code(), ErrorCode::kInvalidArgument);

  auto several =
      conn->Execute("DELETE FROM items WHERE qty = ?; DELETE FROM items", {std::int64_t{3}});
  ASSERT_FALSE(several.has_value());
  EXPECT_EQ(several.error().code(), ErrorCode::kInvalidArgument) << several.error().ToString();
  EXPECT_EQ(CountRows("items"), 2);
}

TEST_P(StorageContractTest, ReturningAndChangeCounts) {
  Script("CREATE TABLE notes (id {{AUTOINCREMENT_PK}}, body TEXT NOT NULL)");
  auto conn = Conn();
  auto first =
      conn->Query("INSERT INTO notes (body) VALUES (?) RETURNING id", {std::string("one")});
  ASSERT_TRUE(first.has_value()) << first.error().ToString();
  auto second =
      conn->Query("INSERT INTO notes (body) VALUES (?) RETURNING id, body", {std::string("two")});
  ASSERT_TRUE(second.has_value());
  ASSERT_EQ(first->size(), 1u);
  ASSERT_EQ(second->size(), 1u);
  EXPECT_GT((*second)[0].Int(0), (*first)[0].Int(0));
  EXPECT_EQ((*second)[0].Text(1), "two");

  auto updated = conn->Execute("UPDATE notes SET body = body || ?", {std::string("!")});
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(*updated, 2);
  auto none = conn->Execute("DELETE FROM notes WHERE id = ?", {std::int64_t{-5}});
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(*none, 0);
  auto deleted =
      conn->Query("DELETE FROM notes WHERE body = ? RETURNING id", {std::string("one!")});
  ASSERT_TRUE(deleted.has_value());
  ASSERT_EQ(deleted->size(), 1u);
  EXPECT_EQ((*deleted)[0].Int(0), (*first)[0].Int(0));
}

TEST_P(StorageContractTest, CommitKeepsRollbackDiscards) {
  Script("CREATE TABLE t (x BIGINT)");
  {
    auto conn = Conn();
    ASSERT_TRUE(conn->Begin(true).has_value());
    ASSERT_TRUE(conn->Execute("INSERT INTO t VALUES (1)").has_value());
    ASSERT_TRUE(conn->Rollback().has_value());
    ASSERT_TRUE(conn->Begin(true).has_value());
    ASSERT_TRUE(conn->Execute("INSERT INTO t VALUES (2)").has_value());
    // Not visible to another connection before commit.
    EXPECT_EQ(CountRows("t"), 0);
    ASSERT_TRUE(conn->Commit().has_value());
  }
  auto conn = Conn();
  auto rows = conn->Query("SELECT x FROM t");
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Int(0), 2);
}

TEST_P(StorageContractTest, WriteCommitsValueAndRollsBackError) {
  Script("CREATE TABLE t (x BIGINT)");
  Result<int> ok = Write(*db_, [](Connection& c) -> Result<int> {
    RUTILE_TRY(c.Execute("INSERT INTO t VALUES (?)", {std::int64_t{1}}));
    return 7;
  });
  ASSERT_TRUE(ok.has_value()) << ok.error().ToString();
  EXPECT_EQ(*ok, 7);

  Status failed = Write(*db_, [](Connection& c) -> Status {
    RUTILE_TRY(c.Execute("INSERT INTO t VALUES (?)", {std::int64_t{2}}));
    return NotFound("organization 42");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(CountRows("t"), 1);

  auto read = Read(*db_, [](Connection& c) -> Result<std::int64_t> {
    RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT sum(x) FROM t"));
    return rows[0].Int(0);
  });
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(*read, 1);
}

TEST_P(StorageContractTest, ConstraintViolationsMapToCodes) {
  Script(
      "CREATE TABLE orgs (id BIGINT PRIMARY KEY, code TEXT NOT NULL UNIQUE);"
      "CREATE TABLE members (id BIGINT PRIMARY KEY, org_id BIGINT NOT NULL REFERENCES orgs(id),"
      " age BIGINT CHECK (age >= 0))");
  auto conn = Conn();
  ASSERT_TRUE(conn->Execute("INSERT INTO orgs VALUES (?, ?)", {std::int64_t{1}, std::string("A")}));

  auto dup_pk =
      conn->Execute("INSERT INTO orgs VALUES (?, ?)", {std::int64_t{1}, std::string("B")});
  ASSERT_FALSE(dup_pk.has_value());
  EXPECT_EQ(dup_pk.error().code(), ErrorCode::kAlreadyExists) << dup_pk.error().ToString();

  auto dup_unique =
      conn->Execute("INSERT INTO orgs VALUES (?, ?)", {std::int64_t{2}, std::string("A")});
  ASSERT_FALSE(dup_unique.has_value());
  EXPECT_EQ(dup_unique.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_NE(dup_unique.error().message().find("duplicate"), std::string::npos);
  // Messages name the constraint, never the row's values.
  auto secret = conn->Execute("INSERT INTO orgs VALUES (?, ?)",
                              {std::int64_t{5}, std::string("secret-code")});
  ASSERT_TRUE(secret.has_value());
  auto leak = conn->Execute("INSERT INTO orgs VALUES (?, ?)",
                            {std::int64_t{6}, std::string("secret-code")});
  ASSERT_FALSE(leak.has_value());
  EXPECT_EQ(leak.error().message().find("secret-code"), std::string::npos)
      << leak.error().message();
  ASSERT_TRUE(conn->Execute("DELETE FROM orgs WHERE id = 5"));

  auto fk = conn->Execute("INSERT INTO members VALUES (?, ?, ?)",
                          {std::int64_t{1}, std::int64_t{99}, std::int64_t{30}});
  ASSERT_FALSE(fk.has_value());
  EXPECT_EQ(fk.error().code(), ErrorCode::kFailedPrecondition) << fk.error().ToString();
  EXPECT_NE(fk.error().message().find("foreign key"), std::string::npos);

  auto not_null = conn->Execute("INSERT INTO orgs VALUES (?, ?)", {std::int64_t{3}, Null{}});
  ASSERT_FALSE(not_null.has_value());
  EXPECT_EQ(not_null.error().code(), ErrorCode::kFailedPrecondition);

  auto check = conn->Execute("INSERT INTO members VALUES (?, ?, ?)",
                             {std::int64_t{2}, std::int64_t{1}, std::int64_t{-1}});
  ASSERT_FALSE(check.has_value());
  EXPECT_EQ(check.error().code(), ErrorCode::kFailedPrecondition);

  // The connection stays usable after errors.
  EXPECT_EQ(CountRows("orgs"), 1);
  EXPECT_TRUE(conn->Execute("INSERT INTO members VALUES (?, ?, ?)",
                            {std::int64_t{3}, std::int64_t{1}, std::int64_t{40}})
                  .has_value());
}

TEST_P(StorageContractTest, ErrorInsideTransactionThenRollbackLeavesConnectionUsable) {
  Script("CREATE TABLE u (k TEXT PRIMARY KEY)");
  Status failed = Write(*db_, [](Connection& c) -> Status {
    RUTILE_TRY(c.Execute("INSERT INTO u VALUES (?)", {std::string("a")}));
    RUTILE_TRY(c.Execute("INSERT INTO u VALUES (?)", {std::string("a")}));
    return Ok();
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(CountRows("u"), 0);
  Status ok = Write(*db_, [](Connection& c) -> Status {
    RUTILE_TRY(c.Execute("INSERT INTO u VALUES (?)", {std::string("b")}));
    return Ok();
  });
  EXPECT_TRUE(ok.has_value());
  EXPECT_EQ(CountRows("u"), 1);
}

TEST_P(StorageContractTest, ConcurrentWritersLoseNoUpdates) {
  Script("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)");
  {
    auto conn = Conn();
    ASSERT_TRUE(conn->Execute("INSERT INTO counter VALUES (1, 0)").has_value());
  }
  constexpr int kThreads = 4;
  constexpr int kIncrements = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        // Read-modify-write in two statements: only a serialized writer keeps every increment.
        Status s = Write(*db_, [](Connection& c) -> Status {
          RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT n FROM counter WHERE id = 1"));
          std::int64_t n = rows.at(0).Int(0);
          RUTILE_TRY(c.Execute("UPDATE counter SET n = ? WHERE id = 1", {n + 1}));
          return Ok();
        });
        if (!s.has_value()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto conn = Conn();
  auto rows = conn->Query("SELECT n FROM counter WHERE id = 1");
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ((*rows)[0].Int(0), kThreads * kIncrements);
}

TEST_P(StorageContractTest, ExhaustedPoolMakesAcquireWait) {
  auto small = Open(2);
  ASSERT_NE(small, nullptr);
  EXPECT_EQ(small->Stats().size, 2);
  auto a = small->Acquire();
  auto b = small->Acquire();
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_EQ(small->Stats().in_use, 2);
  EXPECT_EQ(small->Stats().waits, 0);

  std::atomic<bool> acquired{false};
  std::thread waiter([&] {
    auto c = small->Acquire();
    EXPECT_TRUE(c.has_value());
    if (c.has_value()) {
      auto rows = (*c)->Query("SELECT 1");
      EXPECT_TRUE(rows.has_value());
    }
    acquired = true;
  });
  // The waiter registers itself as waiting before blocking; wait for that, then free a slot.
  while (small->Stats().waits == 0) std::this_thread::yield();
  EXPECT_FALSE(acquired.load());
  a->reset();
  waiter.join();
  EXPECT_TRUE(acquired.load());
  EXPECT_EQ(small->Stats().waits, 1);
  EXPECT_EQ(small->Stats().in_use, 1);
}

TEST_P(StorageContractTest, AcquireTimesOutAsUnavailable) {
  OpenOptions options;
  options.pool_size = 1;
  options.acquire_timeout = std::chrono::milliseconds(1);
  auto small = OpenDatabase(target_->url(), options);
  ASSERT_TRUE(small.has_value());
  auto held = (*small)->Acquire();
  ASSERT_TRUE(held.has_value());
  auto second = (*small)->Acquire();
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code(), ErrorCode::kUnavailable);
}

TEST_P(StorageContractTest, CachedStatementSurvivesTableChange) {
  auto one = Open(1);
  ASSERT_NE(one, nullptr);
  auto conn = one->Acquire();
  ASSERT_TRUE(conn.has_value());
  ASSERT_TRUE(
      (*conn)->ExecuteScript("CREATE TABLE shape (a BIGINT); INSERT INTO shape VALUES (1)"));
  auto before = (*conn)->Query("SELECT * FROM shape");
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ((*before)[0].size(), 1u);
  ASSERT_TRUE(
      (*conn)->ExecuteScript("DROP TABLE shape; CREATE TABLE shape (a BIGINT, b TEXT); INSERT INTO "
                             "shape VALUES (2, 'x')"));
  auto after = (*conn)->Query("SELECT * FROM shape");
  ASSERT_TRUE(after.has_value()) << after.error().ToString();
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].size(), 2u);
  EXPECT_EQ((*after)[0].Text(1), "x");
}

// --- migrations -----------------------------------------------------------------------------

std::vector<Migration> TwoMigrations() {
  return {
      {1, "0001_orgs",
       "CREATE TABLE orgs (id {{AUTOINCREMENT_PK}}, name TEXT NOT NULL, "
       "created_at BIGINT NOT NULL DEFAULT ({{NOW}}));"
       "CREATE INDEX orgs_name ON orgs (name);"},
      {2, "0002_files", "CREATE TABLE files (id BIGINT PRIMARY KEY, content {{BLOB}} NOT NULL);"},
  };
}

TEST_P(StorageContractTest, MigrationsApplyOnceInVersionOrder) {
  auto migrations = TwoMigrations();
  std::swap(migrations[0], migrations[1]);  // given out of order
  auto applied = ApplyMigrations(*db_, migrations);
  ASSERT_TRUE(applied.has_value()) << applied.error().ToString();
  EXPECT_EQ(*applied, (std::vector<int>{1, 2}));

  auto again = ApplyMigrations(*db_, TwoMigrations());
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_TRUE(again->empty());

  auto conn = Conn();
  auto rows =
      conn->Query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Int(0), 1);
  EXPECT_EQ((*rows)[0].Text(1), "0001_orgs");
  EXPECT_GT((*rows)[1].Int(2), 1600000000);  // seconds since the epoch

  // The tokens produced working types on this dialect.
  auto org = conn->Query("INSERT INTO orgs (name) VALUES (?) RETURNING id, created_at",
                         {std::string("Baoji Ti")});
  ASSERT_TRUE(org.has_value()) << org.error().ToString();
  EXPECT_GE((*org)[0].Int(0), 1);
  EXPECT_GT((*org)[0].Int(1), 1600000000);
  ASSERT_TRUE(conn->Execute("INSERT INTO files VALUES (?, ?)",
                            {std::int64_t{1}, Blob{std::string("\0\x01", 2)}})
                  .has_value());
  auto file = conn->Query("SELECT content FROM files");
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ((*file)[0].Bytes(0), std::string("\0\x01", 2));
}

TEST_P(StorageContractTest, FailingMigrationLeavesNoTrace) {
  ASSERT_TRUE(ApplyMigrations(*db_, TwoMigrations()).has_value());
  auto migrations = TwoMigrations();
  migrations.push_back({3, "0003_broken",
                        "CREATE TABLE half_done (id BIGINT PRIMARY KEY);"
                        "INSERT INTO half_done VALUES (1);"
                        "ALTER TABLE orgs ADD COLUMN region TEXT;"
                        "THIS IS NOT SQL;"});
  auto applied = ApplyMigrations(*db_, migrations);
  ASSERT_FALSE(applied.has_value());
  EXPECT_NE(applied.error().message().find("0003_broken"), std::string::npos)
      << applied.error().ToString();
  EXPECT_FALSE(TableExists("half_done"));
  EXPECT_FALSE(TableExists("(SELECT region FROM orgs) AS x"));
  EXPECT_EQ(CountRows("schema_migrations"), 2);

  // Fixed, it applies.
  migrations.back().sql = "CREATE TABLE half_done (id BIGINT PRIMARY KEY);";
  auto fixed = ApplyMigrations(*db_, migrations);
  ASSERT_TRUE(fixed.has_value()) << fixed.error().ToString();
  EXPECT_EQ(*fixed, std::vector<int>{3});
}

TEST_P(StorageContractTest, NewerSchemaIsRefused) {
  ASSERT_TRUE(ApplyMigrations(*db_, TwoMigrations()).has_value());
  {
    auto conn = Conn();
    ASSERT_TRUE(conn->Execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                              {std::int64_t{9}, std::string("0009_future"), std::int64_t{0}})
                    .has_value());
  }
  auto applied = ApplyMigrations(*db_, TwoMigrations());
  ASSERT_FALSE(applied.has_value());
  EXPECT_EQ(applied.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(applied.error().message().find("9"), std::string::npos);
}

TEST_P(StorageContractTest, DuplicateMigrationVersionsAreRejected) {
  auto migrations = TwoMigrations();
  migrations[1].version = 1;
  auto applied = ApplyMigrations(*db_, migrations);
  ASSERT_FALSE(applied.has_value());
  EXPECT_EQ(applied.error().code(), ErrorCode::kInvalidArgument);
}

TEST_P(StorageContractTest, ConcurrentMigratorsApplyEachVersionOnce) {
  auto other = Open();
  ASSERT_NE(other, nullptr);
  Result<std::vector<int>> a = std::vector<int>{};
  Result<std::vector<int>> b = std::vector<int>{};
  std::thread ta([&] { a = ApplyMigrations(*db_, TwoMigrations()); });
  std::thread tb([&] { b = ApplyMigrations(*other, TwoMigrations()); });
  ta.join();
  tb.join();
  ASSERT_TRUE(a.has_value()) << a.error().ToString();
  ASSERT_TRUE(b.has_value()) << b.error().ToString();
  std::multiset<int> all(a->begin(), a->end());
  all.insert(b->begin(), b->end());
  EXPECT_EQ(all, (std::multiset<int>{1, 2}));
  EXPECT_EQ(CountRows("schema_migrations"), 2);
}

TEST_P(StorageContractTest, ConcurrentMigratingProcessesApplyEachVersionOnce) {
  constexpr int kProcesses = 3;
  int gate[2];
  ASSERT_EQ(pipe(gate), 0);
  std::vector<pid_t> children;
  for (int i = 0; i < kProcesses; ++i) {
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(gate[1]);
      char byte;
      (void)!read(gate[0], &byte, 1);  // returns at EOF, when the parent opens the gate
      auto db = OpenDatabase(target_->url(), 1);
      if (!db.has_value()) _exit(100);
      auto applied = ApplyMigrations(**db, TwoMigrations());
      _exit(applied.has_value() ? static_cast<int>(applied->size()) : 101);
    }
    children.push_back(child);
  }
  close(gate[0]);
  close(gate[1]);  // all children start migrating together
  int total_applied = 0;
  for (pid_t child : children) {
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_LT(WEXITSTATUS(status), 100) << "child failed with " << WEXITSTATUS(status);
    total_applied += WEXITSTATUS(status);
  }
  EXPECT_EQ(total_applied, 2);
  EXPECT_EQ(CountRows("schema_migrations"), 2);
}

// --- adapter specifics that still belong to the contract --------------------------------------

TEST_P(StorageContractTest, DescribeHidesPassword) {
  if (GetParam() == "sqlite") {
    EXPECT_EQ(db_->Describe(), target_->url());
    return;
  }
  // The test cluster trusts loopback connections, so any password is accepted and ignored.
  std::string url = target_->base_url();
  std::size_t at = url.find('@');
  ASSERT_NE(at, std::string::npos);
  url.insert(at, ":hunter2");
  auto db = OpenDatabase(url, 1);
  ASSERT_TRUE(db.has_value()) << db.error().ToString();
  EXPECT_EQ((*db)->Describe().find("hunter2"), std::string::npos);
  EXPECT_NE((*db)->Describe().find(":***@"), std::string::npos);
}

TEST_P(StorageContractTest, BrokenPooledConnectionIsReplaced) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "an embedded file has no link to break";
  auto one = Open(1);
  ASSERT_NE(one, nullptr);
  std::int64_t pid = 0;
  {
    auto conn = one->Acquire();
    ASSERT_TRUE(conn.has_value());
    auto rows = (*conn)->Query("SELECT pg_backend_pid()");
    ASSERT_TRUE(rows.has_value());
    pid = (*rows)[0].Int(0);
    auto killer = Conn();
    auto killed = killer->Query("SELECT pg_terminate_backend(?::int)", {pid});
    ASSERT_TRUE(killed.has_value()) << killed.error().ToString();
    auto broken = (*conn)->Query("SELECT 1");
    ASSERT_FALSE(broken.has_value());
    EXPECT_EQ(broken.error().code(), ErrorCode::kUnavailable) << broken.error().ToString();
  }
  auto conn = one->Acquire();
  ASSERT_TRUE(conn.has_value()) << conn.error().ToString();
  auto rows = (*conn)->Query("SELECT pg_backend_pid()");
  ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
  EXPECT_NE((*rows)[0].Int(0), pid);
}

INSTANTIATE_TEST_SUITE_P(Adapters, StorageContractTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(StorageOpenTest, UnreachablePostgresIsUnavailable) {
  auto db = OpenDatabase("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code(), ErrorCode::kUnavailable);
}

TEST(StorageOpenTest, UnknownSchemeIsInvalidArgument) {
  auto db = OpenDatabase("mysql://root@localhost/rutile");
  ASSERT_FALSE(db.has_value());
  EXPECT_EQ(db.error().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace rutile::store
