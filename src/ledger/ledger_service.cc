#include "rutile/ledger/ledger_service.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

#include "rutile/ledger/log_check.h"

namespace rutile::ledger {
namespace {

constexpr std::size_t kRowsPerInsert = 200;
constexpr int kMaxAttempts = 3;

// Stored hashes known in memory (this batch, plus the frontier read up front), falling back to
// the database for anything else.
class OverlayHashReader final : public HashReader {
 public:
  explicit OverlayHashReader(store::Connection& conn) : db_(conn) {}
  void Put(std::int64_t index, const Hash& h) { hashes_[index] = h; }
  Result<std::vector<Hash>> ReadHashes(std::span<const std::int64_t> indexes) override {
    std::vector<std::int64_t> missing;
    for (std::int64_t i : indexes)
      if (!hashes_.contains(i)) missing.push_back(i);
    if (!missing.empty()) {
      RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> read, db_.ReadHashes(missing));
      for (std::size_t k = 0; k < missing.size(); ++k) hashes_[missing[k]] = read[k];
    }
    std::vector<Hash> out;
    out.reserve(indexes.size());
    for (std::int64_t i : indexes) out.push_back(hashes_.at(i));
    return out;
  }

 private:
  DbHashReader db_;
  std::map<std::int64_t, Hash> hashes_;
};

Status InsertRows(store::Connection& conn, std::string_view table, std::string_view columns,
                  int width, const std::vector<store::Value>& values) {
  const std::size_t rows = values.size() / width;
  for (std::size_t start = 0; start < rows; start += kRowsPerInsert) {
    std::size_t n = std::min(kRowsPerInsert, rows - start);
    std::string sql =
        "INSERT INTO " + std::string(table) + " (" + std::string(columns) + ") VALUES ";
    std::string tuple = "(";
    for (int c = 0; c < width; ++c) tuple += c == 0 ? "?" : ",?";
    tuple += ")";
    for (std::size_t r = 0; r < n; ++r) {
      if (r > 0) sql += ",";
      sql += tuple;
    }
    std::span<const store::Value> params(values.data() + start * width, n * width);
    RUTILE_TRY(conn.Execute(sql, params));
  }
  return Ok();
}

std::int64_t UnixMillis(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

store::Blob ToBlob(const Hash& h) { return store::Blob{std::string(AsBytes(h))}; }

}  // namespace

Result<NoteSigner> LoadOrCreateLogKey(const std::filesystem::path& data_dir,
                                      std::string_view origin) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return Fail(Unavailable("cannot create " + data_dir.string() + ": " + ec.message()));
  std::filesystem::path path = data_dir / kKeyFileName;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    auto signer = NoteSigner::Generate(std::string(origin));
    if (!signer.has_value()) {
      ::close(fd);
      ::unlink(path.c_str());
      return signer;
    }
    std::string text = signer->SignerKey() + "\n";
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
              ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
      ::unlink(path.c_str());
      return Fail(Unavailable("cannot write " + path.string()));
    }
    return signer;
  }
  if (errno != EEXIST) return Fail(Unavailable("cannot create " + path.string()));
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Fail(Unavailable("cannot stat " + path.string()));
  if ((st.st_mode & 077) != 0)
    return Fail(FailedPrecondition(path.string() + " is readable by others; chmod 600 it"));
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  if (line.empty()) return Fail(FailedPrecondition(path.string() + " is empty"));
  auto signer = NoteSigner::FromSignerKey(line);
  if (!signer.has_value())
    return Fail(FailedPrecondition(path.string() + ": " + signer.error().message()));
  if (signer->name() != origin)
    return Fail(FailedPrecondition(path.string() + " signs for origin '" + signer->name() +
                                   "', but the configured origin is '" + std::string(origin) +
                                   "'"));
  return signer;
}

Result<std::string> ReadVerifierKey(const std::filesystem::path& data_dir) {
  std::filesystem::path path = data_dir / kKeyFileName;
  std::ifstream in(path);
  if (!in) return Fail(NotFound("no ledger key at " + path.string()));
  std::string line;
  std::getline(in, line);
  RUTILE_ASSIGN_OR_RETURN(NoteSigner signer, NoteSigner::FromSignerKey(line));
  return signer.Verifier().ToString();
}

LedgerService::LedgerService(store::Database& db, const Clock& clock, NoteSigner signer,
                             LedgerOptions options)
    : db_(db),
      clock_(clock),
      signer_(std::move(signer)),
      options_(std::move(options)),
      origin_(signer_.name()),
      reader_(db) {}

std::string KeyFingerprint(std::string_view verifier_key) {
  // "<name>+<hex key id>+<base64 key>": the name and key id identify the key.
  std::size_t last_plus = verifier_key.rfind('+');
  if (last_plus == std::string_view::npos || last_plus == 0) return std::string(verifier_key);
  return std::string(verifier_key.substr(0, last_plus));
}

Result<std::unique_ptr<LedgerService>> LedgerService::Open(store::Database& db, const Clock& clock,
                                                           LedgerOptions options) {
  // A log that already holds signed entries keeps the key that signed them: a data directory
  // without that key stops here, before a new key is made, instead of forking the log's key.
  RUTILE_ASSIGN_OR_RETURN(TreeHead head,
                          store::Read(db, [](store::Connection& c) { return ReadTreeHead(c); }));
  const std::filesystem::path key_path = options.data_dir / kKeyFileName;
  if (head.size > 0 && !head.verifier_key.empty() && !std::filesystem::exists(key_path)) {
    return Fail(FailedPrecondition(
        "the ledger in this database holds " + std::to_string(head.size) +
        " entries signed by key " + KeyFingerprint(head.verifier_key) + ", but " +
        key_path.string() +
        " does not exist; start with --data-dir set to the directory that holds that key's "
        "ledger.key (the one used when the log was first written), or copy that file here"));
  }
  RUTILE_ASSIGN_OR_RETURN(NoteSigner signer, LoadOrCreateLogKey(options.data_dir, options.origin));
  const std::string vkey = signer.Verifier().ToString();
  if (head.size > 0 && !head.verifier_key.empty() && head.verifier_key != vkey) {
    return Fail(FailedPrecondition(
        "the ledger in this database holds " + std::to_string(head.size) +
        " entries signed by key " + KeyFingerprint(head.verifier_key) + ", but " +
        key_path.string() + " holds key " + KeyFingerprint(vkey) +
        "; start with --data-dir set to the directory that holds the log's key, or move the "
        "other key away; a log is never re-signed with a second key"));
  }
  return OpenWithSigner(db, clock, std::move(signer), std::move(options));
}

Result<std::unique_ptr<LedgerService>> LedgerService::OpenWithSigner(store::Database& db,
                                                                     const Clock& clock,
                                                                     NoteSigner signer,
                                                                     LedgerOptions options) {
  if (options.max_batch < 1) return Fail(InvalidArgument("max_batch must be at least 1"));
  std::unique_ptr<LedgerService> service(
      new LedgerService(db, clock, std::move(signer), std::move(options)));
  RUTILE_TRY(service->Start());
  service->writer_ = std::thread([s = service.get()] { s->WriterLoop(); });
  return service;
}

Status LedgerService::Start() {
  // Record which key signs this log the first time; refuse writes under another key.
  const std::string vkey = VerifierKey();
  RUTILE_ASSIGN_OR_RETURN(
      TreeHead head, store::Write(db_, [&](store::Connection& c) -> Result<TreeHead> {
        RUTILE_ASSIGN_OR_RETURN(TreeHead h, ReadTreeHead(c, true));
        // An empty log has signed nothing yet: it takes the key of whoever opens it first to
        // write, and a later opener with another key takes it over (no checkpoint to re-sign).
        if (h.verifier_key.empty() || (h.size == 0 && h.verifier_key != vkey)) {
          RUTILE_TRY(c.Execute(
              "UPDATE ledger_state SET verifier_key = ?, checkpoint = '' WHERE id = 1", {vkey}));
          h.verifier_key = vkey;
          h.checkpoint.clear();
        }
        return h;
      }));
  if (head.verifier_key != vkey) {
    write_status_ =
        Fail(FailedPrecondition("the log is signed by key " + head.verifier_key +
                                ", but this process holds key " + vkey + "; writes refused"));
    return Ok();
  }
  if (options_.check_on_start) {
    Status check = CheckOnStart(db_, signer_.Verifier());
    if (!check.has_value())
      write_status_ = Fail(FailedPrecondition(check.error().message() + "; writes refused"));
  }
  return Ok();
}

LedgerService::~LedgerService() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (writer_.joinable()) writer_.join();
}

Status LedgerService::WriteStatus() const {
  std::lock_guard lock(mu_);
  return write_status_;
}

LedgerService::Stats LedgerService::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

std::string LedgerService::MetricsText() const {
  Stats s;
  bool writable;
  {
    std::lock_guard lock(mu_);
    s = stats_;
    writable = write_status_.has_value();
  }
  std::string out;
  auto counter = [&](const char* name, const char* help, std::int64_t v, const char* type) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
           name + " " + std::to_string(v) + "\n";
  };
  counter("rutile_ledger_appends_total", "Entries appended by this process.", s.entries, "counter");
  counter("rutile_ledger_batches_total", "Group-commit transactions by this process.", s.batches,
          "counter");
  counter("rutile_ledger_commit_retries_total", "Batch commits retried after a busy database.",
          s.retries, "counter");
  counter("rutile_ledger_writable", "1 while the ledger accepts appends.", writable ? 1 : 0,
          "gauge");
  return out;
}

std::future<Result<AppendReceipt>> LedgerService::AppendAsync(EntryInput input) {
  Pending p;
  std::future<Result<AppendReceipt>> future = p.promise.get_future();
  if (Status valid = ValidateEntryInput(input); !valid.has_value()) {
    p.promise.set_value(std::move(valid).error());
    return future;
  }
  auto data = EncodeEntry(Entry{UnixMillis(clock_.Now()), std::move(input)});
  if (!data.has_value()) {
    p.promise.set_value(std::move(data).error());
    return future;
  }
  p.leaf_hash = LeafHash(*data);
  p.data = std::move(*data);
  {
    std::lock_guard lock(mu_);
    if (!write_status_.has_value()) {
      p.promise.set_value(write_status_.error());
      return future;
    }
    if (stopping_) {
      p.promise.set_value(Unavailable("the ledger is shutting down"));
      return future;
    }
    queue_.push_back(std::move(p));
  }
  cv_.notify_one();
  return future;
}

Result<AppendReceipt> LedgerService::Append(EntryInput input) {
  return AppendAsync(std::move(input)).get();
}

void LedgerService::WriterLoop() {
  for (;;) {
    std::deque<Pending> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      if (options_.linger.count() > 0 && static_cast<int>(queue_.size()) < options_.max_batch &&
          !stopping_) {
        cv_.wait_for(lock, options_.linger, [&] {
          return stopping_ || static_cast<int>(queue_.size()) >= options_.max_batch;
        });
      }
      while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    Result<std::vector<AppendReceipt>> receipts = CommitBatch(batch);
    int attempts = 1;
    while (!receipts.has_value() && receipts.error().code() == ErrorCode::kUnavailable &&
           attempts < kMaxAttempts) {
      ++attempts;
      receipts = CommitBatch(batch);
    }
    {
      std::lock_guard lock(mu_);
      stats_.retries += attempts - 1;
      // A damaged stored tree stops all further writes until an operator looks.
      if (!receipts.has_value() && receipts.error().code() == ErrorCode::kCorruption &&
          write_status_.has_value()) {
        write_status_ = Fail(FailedPrecondition(receipts.error().message() + "; writes refused"));
      }
      if (receipts.has_value()) {
        ++stats_.batches;
        stats_.entries += static_cast<std::int64_t>(batch.size());
      }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (receipts.has_value()) {
        batch[i].promise.set_value((*receipts)[i]);
      } else {
        batch[i].promise.set_value(receipts.error());
      }
    }
  }
}

Result<std::vector<AppendReceipt>> LedgerService::CommitBatch(std::deque<Pending>& batch) {
  const std::string vkey = VerifierKey();
  const long long now_s = UnixSeconds(clock_.Now());

  Frontier next;
  auto receipts =
      store::Write(db_, [&](store::Connection& c) -> Result<std::vector<AppendReceipt>> {
        // Sequencing: the state row is locked (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE
        // already holds the only write lock), so the size read here is ours until commit.
        RUTILE_ASSIGN_OR_RETURN(TreeHead head, ReadTreeHead(c, true));
        if (head.verifier_key != vkey)
          return Fail(FailedPrecondition("the log is signed by another key; writes refused"));
        const std::int64_t start = head.size;
        const std::int64_t end = start + static_cast<std::int64_t>(batch.size());

        OverlayHashReader reader(c);
        // The frontier (complete subtrees of [0, start)) is all that new stored hashes need. It is
        // known when this process wrote the previous batch; otherwise read and checked.
        if (frontier_.size == start && frontier_.root == head.root) {
          for (const auto& [idx, h] : frontier_.hashes) reader.Put(idx, h);
        } else if (start > 0) {
          std::vector<std::int64_t> frontier = TreeHashIndexes(start);
          RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> frontier_hashes, reader.ReadHashes(frontier));
          Hash r = frontier_hashes.back();
          for (std::size_t i = frontier_hashes.size() - 1; i-- > 0;)
            r = NodeHash(frontier_hashes[i], r);
          if (r != head.root)
            return Fail(
                Corruption("stored hashes do not match ledger_state's root; writes refused"));
        }

        std::vector<store::Value> entry_values;
        std::vector<store::Value> hash_values;
        entry_values.reserve(batch.size() * 3);
        hash_values.reserve(batch.size() * 4);
        std::vector<AppendReceipt> receipts;
        receipts.reserve(batch.size());
        for (std::size_t i = 0; i < batch.size(); ++i) {
          const std::int64_t n = start + static_cast<std::int64_t>(i);
          const Hash& leaf = batch[i].leaf_hash;
          RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> stored, StoredHashesForLeaf(n, leaf, reader));
          std::int64_t idx = StoredHashIndex(0, n);
          for (const Hash& h : stored) {
            reader.Put(idx, h);
            hash_values.emplace_back(idx);
            hash_values.emplace_back(ToBlob(h));
            ++idx;
          }
          entry_values.emplace_back(n);
          entry_values.emplace_back(store::Blob{batch[i].data});
          entry_values.emplace_back(ToBlob(leaf));
          receipts.push_back({n, leaf, end});
        }
        RUTILE_TRY(InsertRows(c, "ledger_entries", "idx, data, leaf_hash", 3, entry_values));
        RUTILE_TRY(InsertRows(c, "ledger_hashes", "idx, hash", 2, hash_values));

        RUTILE_ASSIGN_OR_RETURN(Hash root, TreeHash(end, reader));
        std::vector<std::int64_t> new_frontier = TreeHashIndexes(end);
        RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> new_hashes, reader.ReadHashes(new_frontier));
        next.size = end;
        next.root = root;
        for (std::size_t k = 0; k < new_frontier.size(); ++k)
          next.hashes.emplace_back(new_frontier[k], new_hashes[k]);
        // Signed inside the transaction, from the locked state: a checkpoint is only published if
        // it commits, and every committed one extends the previous, so no two signed checkpoints
        // that ever leave this process disagree.
        RUTILE_ASSIGN_OR_RETURN(std::string note,
                                signer_.Sign(FormatCheckpoint({origin_, end, root})));
        RUTILE_TRY(
            c.Execute("INSERT INTO ledger_checkpoints (tree_size, root, note, created_at) VALUES "
                      "(?, ?, ?, ?)",
                      {end, ToBlob(root), note, static_cast<std::int64_t>(now_s)}));
        RUTILE_TRY(c.Execute(
            "UPDATE ledger_state SET tree_size = ?, root = ?, checkpoint = ? WHERE id = 1",
            {end, ToBlob(root), note}));
        return receipts;
      });
  // Only a committed tree may seed the next batch.
  frontier_ = receipts.has_value() ? std::move(next) : Frontier{};
  return receipts;
}

}  // namespace rutile::ledger
