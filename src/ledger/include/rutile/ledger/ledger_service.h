// LedgerService: the write side of the log. Appends are queued and committed in groups by one
// writer thread: each group is one database transaction holding the entries, their stored
// hashes and a new signed checkpoint. Sequencing happens inside that transaction (the
// ledger_state row is locked), so several processes on one database produce one log.
// Thread-safe; owns its writer thread (joined on destruction after draining the queue).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/ledger/entry.h"
#include "rutile/ledger/ledger_store.h"
#include "rutile/ledger/note.h"
#include "rutile/store/database.h"

namespace rutile::ledger {

inline constexpr char kDefaultOrigin[] = "rutile.example/ledger";
inline constexpr char kKeyFileName[] = "ledger.key";

struct LedgerOptions {
  std::filesystem::path data_dir;       // holds ledger.key (created, mode 0600, on first start)
  std::string origin = kDefaultOrigin;  // checkpoint origin line = signing key name
  int max_batch = 256;                  // entries per transaction at most
  std::chrono::microseconds linger{0};  // extra wait for a fuller batch (0: commit at once)
  bool check_on_start = true;           // run CheckOnStart (O(n)) and refuse writes on failure
};

struct AppendReceipt {
  std::int64_t index = 0;            // leaf number
  Hash leaf_hash{};                  // SHA-256(0x00 || entry bytes)
  std::int64_t checkpoint_size = 0;  // size of the signed checkpoint that covers it
};

// Loads the signer key from data_dir/ledger.key, or creates it (mode 0600) with the given
// name. Fails if the stored key's name differs from `origin`.
Result<NoteSigner> LoadOrCreateLogKey(const std::filesystem::path& data_dir,
                                      std::string_view origin);
// The verifier key text for the key stored in data_dir (for `rutile ledger verify`).
Result<std::string> ReadVerifierKey(const std::filesystem::path& data_dir);
// "<name>+<key id>" of a verifier key: enough to tell two keys apart in a message.
std::string KeyFingerprint(std::string_view verifier_key);

class LedgerService {
 public:
  // Loads or creates the key in options.data_dir. The ledger migrations must have run.
  // kFailedPrecondition, naming both key fingerprints and the fix, when the log already holds
  // entries signed by a key that options.data_dir does not hold (no key is created then).
  static Result<std::unique_ptr<LedgerService>> Open(store::Database& db, const Clock& clock,
                                                     LedgerOptions options);
  // Same with a given key (tests, benchmarks); options.data_dir is not used.
  static Result<std::unique_ptr<LedgerService>> OpenWithSigner(store::Database& db,
                                                               const Clock& clock,
                                                               NoteSigner signer,
                                                               LedgerOptions options);
  ~LedgerService();
  LedgerService(const LedgerService&) = delete;
  LedgerService& operator=(const LedgerService&) = delete;

  // Appends one entry; returns once it is committed and covered by a signed checkpoint.
  // kInvalidArgument for a bad entry, kFailedPrecondition when writes are refused.
  Result<AppendReceipt> Append(EntryInput input);
  // Same, without waiting: the future is ready once the entry is committed (or failed).
  std::future<Result<AppendReceipt>> AppendAsync(EntryInput input);

  // Ok while writes are accepted; otherwise the reason (e.g. a failed start check).
  Status WriteStatus() const;

  const std::string& origin() const { return origin_; }
  NoteVerifier Verifier() const { return signer_.Verifier(); }
  std::string VerifierKey() const { return signer_.Verifier().ToString(); }
  LedgerReader& reader() { return reader_; }
  store::Database& database() { return db_; }

  struct Stats {
    std::int64_t batches = 0;
    std::int64_t entries = 0;
    std::int64_t retries = 0;
  };
  Stats stats() const;
  // Prometheus text: rutile_ledger_appends_total, rutile_ledger_batches_total,
  // rutile_ledger_commit_retries_total and rutile_ledger_writable (1 or 0).
  std::string MetricsText() const;

 private:
  struct Pending {
    std::string data;  // canonical entry bytes, encoded by the caller's thread
    Hash leaf_hash{};
    std::promise<Result<AppendReceipt>> promise;
  };
  // The frontier (complete subtrees) of the last tree this process committed, so the next
  // batch need not read it back. Used by the writer thread only.
  struct Frontier {
    std::int64_t size = -1;
    Hash root{};
    std::vector<std::pair<std::int64_t, Hash>> hashes;
  };

  LedgerService(store::Database& db, const Clock& clock, NoteSigner signer, LedgerOptions options);
  Status Start();
  void WriterLoop();
  Result<std::vector<AppendReceipt>> CommitBatch(std::deque<Pending>& batch);

  store::Database& db_;
  const Clock& clock_;
  NoteSigner signer_;
  LedgerOptions options_;
  std::string origin_;
  LedgerReader reader_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  Status write_status_;
  Stats stats_;
  Frontier frontier_;
  std::thread writer_;
};

}  // namespace rutile::ledger
