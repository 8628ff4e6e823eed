// Ledger benchmark: prints figures and ratios against a baseline measured in the same run;
// never asserts a time.
//   1. append throughput, 16 concurrent writers, SQLite (WAL, synchronous=FULL) through
//      LedgerService (blocking Append, and AppendAsync with several entries in flight per
//      writer), against a raw batched sqlite3 insert of the same rows into the same tables;
//   2. inclusion-proof latency at 1M entries in memory (p50/p99), and from the SQLite file;
//   3. checkpoint signing and verification time; whole-log verification rate.
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "rutile/ledger/ledger_service.h"
#include "rutile/ledger/log_check.h"
#include "rutile/store/migrations.h"

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;
using namespace rutile;
using namespace rutile::ledger;

namespace {

double ElapsedSeconds(Steady::time_point a, Steady::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

EntryInput Input(int i) {
  EntryInput in;
  in.record_type = "inspection.report";
  in.record_id = "report-" + std::to_string(i);
  in.content_sha256 = Sha256(in.record_id);
  in.org_id = 1 + i % 97;
  in.region = "cn-east";
  return in;
}

NoteSigner Key() {
  std::array<std::uint8_t, 32> seed;
  seed.fill(42);
  return NoteSigner::FromSeed(kDefaultOrigin, seed).value();
}

struct Percentiles {
  double p50_us, p99_us, max_us;
};

Percentiles Summarize(std::vector<double> us) {
  std::sort(us.begin(), us.end());
  auto at = [&](double q) { return us[static_cast<std::size_t>(q * (us.size() - 1))]; };
  return {at(0.50), at(0.99), us.back()};
}

std::unique_ptr<store::Database> FreshDb(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  auto db = store::OpenDatabase("sqlite:" + path.string()).value();
  auto applied = store::ApplyMigrations(*db, LedgerMigrations());
  if (!applied.has_value()) {
    std::fprintf(stderr, "migrations: %s\n", applied.error().ToString().c_str());
    std::exit(1);
  }
  return db;
}

// Appends `total` entries from `writers` threads; `window` entries in flight per writer.
double LedgerAppend(store::Database& db, int writers, int total, int window,
                    LedgerService::Stats* stats) {
  FakeClock clock(FromUnixSeconds(1764000000));
  LedgerOptions options;
  options.check_on_start = false;
  auto service = LedgerService::OpenWithSigner(db, clock, Key(), options).value();
  std::atomic<int> next{0};
  std::atomic<int> failures{0};
  auto start = Steady::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&] {
      std::vector<std::future<Result<AppendReceipt>>> inflight;
      for (;;) {
        int i = next.fetch_add(1);
        if (i >= total) break;
        if (window <= 1) {
          if (!service->Append(Input(i)).has_value()) ++failures;
          continue;
        }
        inflight.push_back(service->AppendAsync(Input(i)));
        if (static_cast<int>(inflight.size()) >= window) {
          for (auto& f : inflight)
            if (!f.get().has_value()) ++failures;
          inflight.clear();
        }
      }
      for (auto& f : inflight)
        if (!f.get().has_value()) ++failures;
    });
  }
  for (auto& t : threads) t.join();
  double s = ElapsedSeconds(start, Steady::now());
  *stats = service->stats();
  if (failures > 0) std::printf("  (%d appends failed)\n", failures.load());
  return s;
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

// The same rows (entries, stored hashes, one checkpoint row per batch) written with the plain
// sqlite3 API: prepared statements, one transaction per batch, one thread. The entry bytes and
// hashes are computed up front, so this measures the storage floor.
double RawInsert(const fs::path& path, int total, int batch) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  sqlite3* db = nullptr;
  Check(sqlite3_open(path.c_str(), &db), db, "open");
  Check(sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     "CREATE TABLE ledger_entries (idx BIGINT PRIMARY KEY, data BLOB NOT NULL, "
                     "leaf_hash BLOB NOT NULL);"
                     "CREATE TABLE ledger_hashes (idx BIGINT PRIMARY KEY, hash BLOB NOT NULL);"
                     "CREATE TABLE ledger_checkpoints (tree_size BIGINT PRIMARY KEY, root BLOB "
                     "NOT NULL, note TEXT NOT NULL, created_at BIGINT NOT NULL);",
                     nullptr, nullptr, nullptr),
        db, "schema");
  std::vector<std::string> data;
  std::vector<Hash> leaves;
  std::vector<Hash> stored;
  for (int i = 0; i < total; ++i) {
    Entry e{1764000000000 + i, Input(i)};
    data.push_back(EncodeEntry(e).value());
    leaves.push_back(LeafHash(data.back()));
    AppendLeafInMemory(stored, i, leaves.back());
  }
  std::string note(190, 'n');
  sqlite3_stmt *ins_entry, *ins_hash, *ins_cp;
  sqlite3_prepare_v2(db, "INSERT INTO ledger_entries VALUES (?,?,?)", -1, &ins_entry, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO ledger_hashes VALUES (?,?)", -1, &ins_hash, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO ledger_checkpoints VALUES (?,?,?,?)", -1, &ins_cp, nullptr);
  auto start = Steady::now();
  std::int64_t h = 0;
  for (int b = 0; b < total; b += batch) {
    Check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db, "begin");
    int end = std::min(total, b + batch);
    for (int i = b; i < end; ++i) {
      sqlite3_bind_int64(ins_entry, 1, i);
      sqlite3_bind_blob(ins_entry, 2, data[i].data(), data[i].size(), SQLITE_STATIC);
      sqlite3_bind_blob(ins_entry, 3, leaves[i].data(), 32, SQLITE_STATIC);
      Check(sqlite3_step(ins_entry), db, "entry");
      sqlite3_reset(ins_entry);
      for (std::int64_t stop = StoredHashCount(i + 1); h < stop; ++h) {
        sqlite3_bind_int64(ins_hash, 1, h);
        sqlite3_bind_blob(ins_hash, 2, stored[h].data(), 32, SQLITE_STATIC);
        Check(sqlite3_step(ins_hash), db, "hash");
        sqlite3_reset(ins_hash);
      }
    }
    sqlite3_bind_int64(ins_cp, 1, end);
    sqlite3_bind_blob(ins_cp, 2, leaves[end - 1].data(), 32, SQLITE_STATIC);
    sqlite3_bind_text(ins_cp, 3, note.data(), note.size(), SQLITE_STATIC);
    sqlite3_bind_int64(ins_cp, 4, 1764000000);
    Check(sqlite3_step(ins_cp), db, "checkpoint");
    sqlite3_reset(ins_cp);
    Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  }
  double s = ElapsedSeconds(start, Steady::now());
  sqlite3_finalize(ins_entry);
  sqlite3_finalize(ins_hash);
  sqlite3_finalize(ins_cp);
  sqlite3_close(db);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const int total = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int proof_leaves = argc > 2 ? std::atoi(argv[2]) : 1000000;
  fs::path dir = fs::temp_directory_path() / ("rutile-ledger-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::printf("ledger benchmark: %d entries, 16 writers, SQLite WAL synchronous=FULL in %s\n",
              total, dir.c_str());

  // 1. Append throughput.
  double raw_s = RawInsert(dir / "raw.db", total, 256);
  double raw_rate = total / raw_s;
  std::printf("raw sqlite3 batched insert (256/txn, same rows): %10.0f entries/s\n", raw_rate);
  const int single = std::min(total, 2000);
  double single_s = RawInsert(dir / "raw1.db", single, 1);
  std::printf(
      "raw sqlite3, 1 entry per transaction (fsync floor): %6.0f entries/s (%.2f ms/commit)\n",
      single / single_s, 1000 * single_s / single);

  LedgerService::Stats stats;
  auto db_sync = FreshDb(dir / "sync.db");
  double sync_s = LedgerAppend(*db_sync, 16, total, 1, &stats);
  double sync_rate = total / sync_s;
  std::printf(
      "ledger Append, 16 writers, 1 in flight each:   %10.0f entries/s  ratio %.2fx raw  "
      "(%lld batches, %.1f entries/batch)\n",
      sync_rate, sync_rate / raw_rate, static_cast<long long>(stats.batches),
      static_cast<double>(stats.entries) / std::max<std::int64_t>(stats.batches, 1));

  auto db_async = FreshDb(dir / "async.db");
  double async_s = LedgerAppend(*db_async, 16, total, 32, &stats);
  double async_rate = total / async_s;
  std::printf(
      "ledger AppendAsync, 16 writers, 32 in flight:  %10.0f entries/s  ratio %.2fx raw  "
      "(%lld batches, %.1f entries/batch)\n",
      async_rate, async_rate / raw_rate, static_cast<long long>(stats.batches),
      static_cast<double>(stats.entries) / std::max<std::int64_t>(stats.batches, 1));

  // 2. Inclusion proofs at 1M entries in memory.
  std::vector<Hash> stored;
  stored.reserve(static_cast<std::size_t>(proof_leaves) * 2);
  auto build_start = Steady::now();
  for (int i = 0; i < proof_leaves; ++i)
    AppendLeafInMemory(stored, i, LeafHash("entry " + std::to_string(i)));
  std::printf("built %d-leaf tree in memory in %.2f s\n", proof_leaves,
              ElapsedSeconds(build_start, Steady::now()));
  MemoryHashReader mem(&stored);
  Hash root = TreeHash(proof_leaves, mem).value();
  std::vector<double> gen_us, verify_us;
  std::uint64_t x = 88172645463325252ull;
  for (int k = 0; k < 20000; ++k) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    std::int64_t index = static_cast<std::int64_t>(x % proof_leaves);
    auto t0 = Steady::now();
    std::vector<Hash> proof = InclusionProof(index, proof_leaves, mem).value();
    auto t1 = Steady::now();
    bool ok = VerifyInclusion(index, proof_leaves, stored[StoredHashIndex(0, index)], proof, root)
                  .has_value();
    auto t2 = Steady::now();
    if (!ok) std::printf("  proof %lld failed to verify\n", static_cast<long long>(index));
    gen_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    verify_us.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
  }
  Percentiles g = Summarize(gen_us), v = Summarize(verify_us);
  std::printf("inclusion proof at %d leaves (memory): p50 %.1f us, p99 %.1f us, max %.1f us\n",
              proof_leaves, g.p50_us, g.p99_us, g.max_us);
  std::printf("inclusion proof verification:          p50 %.1f us, p99 %.1f us\n", v.p50_us,
              v.p99_us);

  LedgerReader reader(*db_async);
  std::vector<double> db_us;
  for (int k = 0; k < 2000; ++k) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    std::int64_t index = static_cast<std::int64_t>(x % total);
    auto t0 = Steady::now();
    auto proof = reader.InclusionProof(index, total);
    db_us.push_back(std::chrono::duration<double, std::micro>(Steady::now() - t0).count());
    if (!proof.has_value())
      std::printf("  db proof failed: %s\n", proof.error().ToString().c_str());
  }
  Percentiles d = Summarize(db_us);
  std::printf("inclusion proof at %d leaves (SQLite, via LedgerReader): p50 %.1f us, p99 %.1f us\n",
              total, d.p50_us, d.p99_us);

  // 3. Checkpoints.
  NoteSigner key = Key();
  NoteVerifier verifier = key.Verifier();
  std::string body = FormatCheckpoint({kDefaultOrigin, proof_leaves, root});
  std::vector<double> sign_us, open_us;
  std::string note;
  for (int k = 0; k < 2000; ++k) {
    auto t0 = Steady::now();
    note = key.Sign(body).value();
    auto t1 = Steady::now();
    bool ok = OpenCheckpoint(note, verifier).has_value();
    auto t2 = Steady::now();
    if (!ok) std::printf("  checkpoint failed to verify\n");
    sign_us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    open_us.push_back(std::chrono::duration<double, std::micro>(t2 - t1).count());
  }
  Percentiles s = Summarize(sign_us), o = Summarize(open_us);
  std::printf(
      "checkpoint sign: p50 %.1f us; checkpoint verify (parse + Ed25519): p50 %.1f us, "
      "p99 %.1f us\n",
      s.p50_us, o.p50_us, o.p99_us);

  auto vstart = Steady::now();
  VerifyReport report = VerifyLog(*db_async, verifier).value();
  double vs = ElapsedSeconds(vstart, Steady::now());
  std::printf("VerifyLog of %lld entries: %.2f s (%.0f entries/s), %s",
              static_cast<long long>(report.tree_size), vs, report.tree_size / vs,
              report.ToString().c_str());

  db_sync.reset();
  db_async.reset();
  fs::remove_all(dir);
  return 0;
}
