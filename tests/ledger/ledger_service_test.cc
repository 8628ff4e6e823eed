#include "rutile/ledger/ledger_service.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "rutile/ledger/ledger_commands.h"
#include "rutile/ledger/log_check.h"
#include "rutile/store/migrations.h"

namespace rutile::ledger {
namespace {

namespace fs = std::filesystem;

NoteSigner TestKey(std::uint8_t fill = 7) {
  std::array<std::uint8_t, 32> seed;
  seed.fill(fill);
  return NoteSigner::FromSeed(kDefaultOrigin, seed).value();
}

EntryInput Input(int i) {
  EntryInput in;
  in.record_type = "case.publication";
  in.record_id = "case-" + std::to_string(i);
  in.content_sha256 = Sha256("content " + std::to_string(i));
  in.org_id = 1000 + i % 7;
  in.region = i % 2 ? "cn-east" : "";
  return in;
}

// Runs every test on a fresh SQLite file, and on PostgreSQL when RUTILE_TEST_POSTGRES_URL is
// set (the ledger tables are dropped first).
class LedgerServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string unique = std::to_string(::getpid()) + "_" + std::to_string(counter_++);
    if (GetParam() == "postgres") {
      const char* url = std::getenv("RUTILE_TEST_POSTGRES_URL");
      if (url == nullptr || *url == '\0') GTEST_SKIP() << "RUTILE_TEST_POSTGRES_URL not set";
      // A private schema per test (search_path on every pooled connection), so parallel test
      // processes never share tables.
      admin_url_ = url;
      schema_ = "ledger_" + unique;
      url_ = admin_url_ + (admin_url_.find('?') == std::string::npos ? "?" : "&") +
             "options=-csearch_path%3D" + schema_;
      AdminScript("CREATE SCHEMA " + schema_);
    } else {
      dir_ = fs::temp_directory_path() / ("rutile-ledger-test-" + unique);
      fs::remove_all(dir_);
      fs::create_directories(dir_);
      url_ = "sqlite:" + (dir_ / "ledger.db").string();
    }
    db_ = Open();
    auto applied = store::ApplyMigrations(*db_, LedgerMigrations());
    ASSERT_TRUE(applied.has_value()) << applied.error().ToString();
  }
  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
    if (!schema_.empty()) AdminScript("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  }

  void AdminScript(const std::string& sql) {
    auto admin = store::OpenDatabase(admin_url_, 1).value();
    auto conn = admin->Acquire().value();
    auto done = conn->ExecuteScript(sql);
    ASSERT_TRUE(done.has_value()) << done.error().ToString();
  }

  std::unique_ptr<store::Database> Open() {
    store::OpenOptions options;
    options.pool_size = 4;
    options.lock_timeout = std::chrono::milliseconds(20000);
    return store::OpenDatabase(url_, options).value();
  }

  std::unique_ptr<LedgerService> Service(store::Database& db, std::uint8_t key = 7) {
    LedgerOptions options;
    return LedgerService::OpenWithSigner(db, clock_, TestKey(key), options).value();
  }

  void AppendSome(LedgerService& s, int from, int count) {
    for (int i = from; i < from + count; ++i) ASSERT_TRUE(s.Append(Input(i)).has_value());
  }

  void Exec(std::string_view sql, std::initializer_list<store::Value> params = {}) {
    auto conn = db_->Acquire().value();
    auto r = conn->Execute(sql, params);
    ASSERT_TRUE(r.has_value()) << r.error().ToString();
  }

  // The stored log fails both checks, and a service opened on it refuses writes.
  void ExpectDetected(const std::string& what) {
    NoteVerifier v = TestKey().Verifier();
    VerifyReport report = VerifyLog(*db_, v).value();
    EXPECT_FALSE(report.ok) << what;
    EXPECT_FALSE(report.problem.empty()) << what;
    Status start = CheckOnStart(*db_, v);
    EXPECT_FALSE(start.has_value()) << what;
    auto s = Service(*db_);
    EXPECT_FALSE(s->WriteStatus().has_value()) << what;
    EXPECT_NE(s->MetricsText().find("rutile_ledger_writable 0"), std::string::npos) << what;
    auto r = s->Append(Input(999));
    ASSERT_FALSE(r.has_value()) << what;
    EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition) << what;
    last_report_ = report;
  }

  static inline int counter_ = 0;
  fs::path dir_;
  std::string url_;
  std::string admin_url_;
  std::string schema_;
  FakeClock clock_{FromUnixSeconds(1764000000)};
  std::unique_ptr<store::Database> db_;
  VerifyReport last_report_;
};

TEST_P(LedgerServiceTest, ListsRecentEntriesByKindAndSubject) {
  auto s = Service(*db_);
  AppendSome(*s, 0, 30);
  ASSERT_TRUE(s->Append(EntryInput{"standard.release", "GB-T-9", Sha256("x"), 0, ""}).has_value());
  EntryPage all = s->reader().List(-1, 5, {}).value();
  ASSERT_EQ(all.entries.size(), 5u);
  EXPECT_EQ(all.entries[0].index, 30);
  EXPECT_EQ(all.entries[0].entry.input.record_type, "standard.release");
  EXPECT_EQ(all.entries[4].index, 26);
  EXPECT_EQ(all.next_before, 26);
  EntryPage rest = s->reader().List(all.next_before, 100, {}).value();
  EXPECT_EQ(rest.entries.size(), 26u);
  EXPECT_EQ(rest.next_before, -1);
  EntryPage kind = s->reader().List(-1, 10, {"standard", ""}).value();
  ASSERT_EQ(kind.entries.size(), 1u);
  EXPECT_EQ(kind.entries[0].entry.input.record_id, "GB-T-9");
  EXPECT_EQ(kind.next_before, -1);
  EntryPage subject = s->reader().List(-1, 10, {"", "gb-t"}).value();
  ASSERT_EQ(subject.entries.size(), 1u);
  EXPECT_TRUE(s->reader().List(-1, 10, {"standard.rel", ""}).value().entries.empty());
  EXPECT_EQ(s->reader().List(-1, 0, {}).error().code(), ErrorCode::kInvalidArgument);
}

TEST_P(LedgerServiceTest, MigrationVersionsInRange) {
  for (const auto& m : LedgerMigrations()) {
    EXPECT_GE(m.version, 300);
    EXPECT_LE(m.version, 399);
  }
}

TEST_P(LedgerServiceTest, AppendProveAndVerify) {
  auto s = Service(*db_);
  for (int i = 0; i < 40; ++i) {
    AppendReceipt r = s->Append(Input(i)).value();
    EXPECT_EQ(r.index, i);
    EXPECT_GE(r.checkpoint_size, i + 1);
  }
  TreeHead head = s->reader().Head().value();
  ASSERT_EQ(head.size, 40);
  Checkpoint cp = OpenCheckpoint(head.checkpoint, s->Verifier()).value();
  EXPECT_EQ(cp.size, 40);
  EXPECT_EQ(cp.origin, kDefaultOrigin);
  for (int i = 0; i < 40; ++i) {
    std::string bytes = s->reader().EntryBytes(i).value();
    EXPECT_EQ(DecodeEntry(bytes).value().input.record_id, "case-" + std::to_string(i));
    for (int n : {i + 1, 40}) {
      std::vector<Hash> proof = s->reader().InclusionProof(i, n).value();
      Hash root = s->reader().RootAt(n).value();
      EXPECT_TRUE(VerifyInclusion(i, n, LeafHash(bytes), proof, root).has_value());
    }
  }
  for (int m = 1; m <= 40; ++m) {
    std::vector<Hash> proof = s->reader().ConsistencyProof(m, 40).value();
    EXPECT_TRUE(
        VerifyConsistency(m, 40, s->reader().RootAt(m).value(), cp.root, proof).has_value());
  }
  EXPECT_EQ(s->reader().InclusionProof(0, 41).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s->reader().EntryBytes(40).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(s->Append(EntryInput{}).error().code(), ErrorCode::kInvalidArgument);

  VerifyReport report = VerifyLog(*db_, s->Verifier()).value();
  EXPECT_TRUE(report.ok) << report.ToString();
  EXPECT_EQ(report.entries_checked, 40);
  EXPECT_EQ(report.hashes_checked, StoredHashCount(40));
  EXPECT_EQ(report.checkpoints_checked, 40);  // one append at a time: one checkpoint each
  EXPECT_TRUE(CheckOnStart(*db_, s->Verifier()).has_value());

  // The command functions.
  std::string vkey = s->VerifierKey();
  EXPECT_TRUE(LedgerVerify(*db_, vkey).value().ok);
  EXPECT_EQ(LedgerCheckpointText(*db_).value(), head.checkpoint);
  std::string proof_text = LedgerProveInclusion(*db_, vkey, 5, 20).value();
  EXPECT_NE(proof_text.find("verified"), std::string::npos) << proof_text;
  EXPECT_NE(LedgerProveConsistency(*db_, vkey, 3).value().find("verified"), std::string::npos);
  EXPECT_FALSE(LedgerProveInclusion(*db_, vkey, 40).has_value());
  EXPECT_FALSE(LedgerProveInclusion(*db_, TestKey(9).Verifier().ToString(), 1).has_value());
}

TEST_P(LedgerServiceTest, ConcurrentAppendersGroupCommit) {
  auto s = Service(*db_);
  constexpr int kThreads = 16;
  constexpr int kEach = 40;
  std::vector<std::vector<AppendReceipt>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = s->Append(Input(t * kEach + i));
        ASSERT_TRUE(r.has_value()) << r.error().ToString();
        got[t].push_back(*r);
      }
    });
  }
  // Whole-log verification runs on a consistent snapshot while the writers append.
  std::atomic<bool> done{false};
  std::thread checker([&] {
    int runs = 0;
    while (!done || runs == 0) {
      auto report = VerifyLog(*db_, s->Verifier());
      ASSERT_TRUE(report.has_value()) << report.error().ToString();
      EXPECT_TRUE(report->ok) << report->ToString();
      ++runs;
    }
  });
  for (auto& th : threads) th.join();
  done = true;
  checker.join();
  std::set<std::int64_t> indexes;
  for (const auto& v : got)
    for (const AppendReceipt& r : v) {
      indexes.insert(r.index);
      EXPECT_GT(r.checkpoint_size, r.index);
      EXPECT_EQ(LeafHash(s->reader().EntryBytes(r.index).value()), r.leaf_hash);
    }
  EXPECT_EQ(indexes.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(*indexes.rbegin(), kThreads * kEach - 1);
  LedgerService::Stats stats = s->stats();
  EXPECT_EQ(stats.entries, kThreads * kEach);
  EXPECT_LE(stats.batches, stats.entries);
  std::string metrics = s->MetricsText();
  EXPECT_NE(metrics.find("rutile_ledger_appends_total " + std::to_string(kThreads * kEach)),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("rutile_ledger_writable 1"), std::string::npos) << metrics;
  VerifyReport report = VerifyLog(*db_, s->Verifier()).value();
  EXPECT_TRUE(report.ok) << report.ToString();
  EXPECT_EQ(report.checkpoints_checked, stats.batches);
}

TEST_P(LedgerServiceTest, TwoServicesOnOneDatabaseStayConsistent) {
  // Two database handles with their own pools, as two processes would have.
  auto db2 = Open();
  auto a = Service(*db_);
  auto b = Service(*db2);
  std::vector<std::thread> threads;
  std::vector<Hash> old_roots;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      LedgerService& s = t % 2 ? *a : *b;
      for (int i = 0; i < 25; ++i) {
        auto r = s.Append(Input(t * 100 + i));
        ASSERT_TRUE(r.has_value()) << r.error().ToString();
      }
    });
  }
  for (auto& th : threads) th.join();
  TreeHead head = a->reader().Head().value();
  EXPECT_EQ(head.size, 200);
  VerifyReport report = VerifyLog(*db_, a->Verifier()).value();
  EXPECT_TRUE(report.ok) << report.ToString();
  // Every stored checkpoint is consistent with the latest.
  auto conn = db_->Acquire().value();
  auto rows =
      conn->Query("SELECT tree_size, note FROM ledger_checkpoints ORDER BY tree_size").value();
  EXPECT_EQ(a->stats().batches + b->stats().batches, static_cast<std::int64_t>(rows.size()));
  Checkpoint latest = OpenCheckpoint(head.checkpoint, a->Verifier()).value();
  for (const auto& row : rows) {
    Checkpoint cp = OpenCheckpoint(row.Text(1), a->Verifier()).value();
    std::vector<Hash> proof = a->reader().ConsistencyProof(cp.size, latest.size).value();
    EXPECT_TRUE(VerifyConsistency(cp.size, latest.size, cp.root, latest.root, proof).has_value());
  }
}

TEST_P(LedgerServiceTest, RestartContinuesTheLog) {
  Hash root20;
  {
    auto s = Service(*db_);
    AppendSome(*s, 0, 20);
    root20 = s->reader().Head().value().root;
  }
  auto s = Service(*db_);
  EXPECT_TRUE(s->WriteStatus().has_value());
  AppendReceipt r = s->Append(Input(20)).value();
  EXPECT_EQ(r.index, 20);
  std::vector<Hash> proof = s->reader().ConsistencyProof(20, 21).value();
  EXPECT_TRUE(
      VerifyConsistency(20, 21, root20, s->reader().Head().value().root, proof).has_value());
  // A process holding a different key may not write to this log.
  auto other = Service(*db_, 9);
  EXPECT_FALSE(other->WriteStatus().has_value());
  EXPECT_EQ(other->Append(Input(1)).error().code(), ErrorCode::kFailedPrecondition);
}

TEST_P(LedgerServiceTest, DetectsModifiedEntry) {
  AppendSome(*Service(*db_), 0, 40);
  // A different, well-formed entry with its leaf hash updated to match.
  Entry e;
  e.time_unix_ms = 1;
  e.input = Input(17);
  e.input.record_id = "forged";
  std::string forged = EncodeEntry(e).value();
  Exec("UPDATE ledger_entries SET data = ?, leaf_hash = ? WHERE idx = 17",
       {store::Blob{forged}, store::Blob{std::string(AsBytes(LeafHash(forged)))}});
  ExpectDetected("modified entry");
  EXPECT_EQ(last_report_.first_bad_index, 17);
}

TEST_P(LedgerServiceTest, DetectsModifiedEntryBytesOnly) {
  AppendSome(*Service(*db_), 0, 40);
  std::string bytes = LedgerReader(*db_).EntryBytes(3).value();
  bytes[5] ^= 1;
  Exec("UPDATE ledger_entries SET data = ? WHERE idx = 3", {store::Blob{bytes}});
  ExpectDetected("modified entry bytes");
  EXPECT_EQ(last_report_.first_bad_index, 3);
}

TEST_P(LedgerServiceTest, DetectsModifiedStoredHash) {
  AppendSome(*Service(*db_), 0, 40);
  Exec("UPDATE ledger_hashes SET hash = ? WHERE idx = ?",
       {store::Blob{std::string(32, 'x')}, StoredHashIndex(1, 4)});
  ExpectDetected("modified stored hash");
  EXPECT_EQ(last_report_.first_bad_index, 9);  // hash (1, 4) is written with leaf 9
}

TEST_P(LedgerServiceTest, DetectsTruncatedLog) {
  AppendSome(*Service(*db_), 0, 40);
  Exec("DELETE FROM ledger_entries WHERE idx >= 30");
  ExpectDetected("truncated log");
  EXPECT_EQ(last_report_.first_bad_index, 30);
}

TEST_P(LedgerServiceTest, DetectsReplacedCheckpoint) {
  AppendSome(*Service(*db_), 0, 40);
  // A checkpoint for the same tree signed by another key with the same name.
  TreeHead head = LedgerReader(*db_).Head().value();
  std::string fake = TestKey(9).Sign(FormatCheckpoint({kDefaultOrigin, 40, head.root})).value();
  Exec("UPDATE ledger_state SET checkpoint = ? WHERE id = 1", {fake});
  Exec("UPDATE ledger_checkpoints SET note = ? WHERE tree_size = 40", {fake});
  ExpectDetected("replaced checkpoint");
  EXPECT_EQ(last_report_.bad_checkpoint_size, 40);
}

TEST_P(LedgerServiceTest, DetectsCheckpointForAnotherTree) {
  AppendSome(*Service(*db_), 0, 40);
  // Correctly signed by the log key, but for a different root: the log was rewritten.
  std::string fake = TestKey().Sign(FormatCheckpoint({kDefaultOrigin, 40, LeafHash("x")})).value();
  Exec("UPDATE ledger_state SET checkpoint = ? WHERE id = 1", {fake});
  Exec("UPDATE ledger_checkpoints SET note = ? WHERE tree_size = 40", {fake});
  ExpectDetected("checkpoint for another tree");
}

INSTANTIATE_TEST_SUITE_P(Stores, LedgerServiceTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(LedgerKeyTest, CreatedOnceWithMode0600) {
  fs::path dir = fs::temp_directory_path() / ("rutile-ledger-key-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  NoteSigner a = LoadOrCreateLogKey(dir, "rutile.example/ledger").value();
  struct stat st;
  ASSERT_EQ(::stat((dir / kKeyFileName).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  NoteSigner b = LoadOrCreateLogKey(dir, "rutile.example/ledger").value();
  EXPECT_EQ(a.Verifier().ToString(), b.Verifier().ToString());
  EXPECT_EQ(ReadVerifierKey(dir).value(), a.Verifier().ToString());
  EXPECT_EQ(LoadOrCreateLogKey(dir, "other.example/log").error().code(),
            ErrorCode::kFailedPrecondition);
  ::chmod((dir / kKeyFileName).c_str(), 0644);
  EXPECT_FALSE(LoadOrCreateLogKey(dir, "rutile.example/ledger").has_value());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace rutile::ledger
