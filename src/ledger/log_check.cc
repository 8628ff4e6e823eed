#include "rutile/ledger/log_check.h"

#include <sstream>

#include "rutile/ledger/entry.h"
#include "rutile/ledger/ledger_store.h"
#include "rutile/ledger/merkle.h"

namespace rutile::ledger {
namespace {

constexpr std::int64_t kPage = 4096;

// Walks a table's rows in idx order, a page at a time.
class PagedCursor {
 public:
  PagedCursor(store::Connection& conn, std::string select_prefix)
      : conn_(conn), prefix_(std::move(select_prefix)) {}

  // The next row, or nullptr at the end.
  Result<const store::Row*> Next() {
    if (pos_ >= rows_.size()) {
      if (done_) return static_cast<const store::Row*>(nullptr);
      RUTILE_ASSIGN_OR_RETURN(
          rows_, conn_.Query(prefix_ + " WHERE idx >= ? ORDER BY idx LIMIT ?", {next_, kPage}));
      pos_ = 0;
      if (static_cast<std::int64_t>(rows_.size()) < kPage) done_ = true;
      if (rows_.empty()) return static_cast<const store::Row*>(nullptr);
      next_ = rows_.back().Int(0) + 1;
    }
    return &rows_[pos_++];
  }

 private:
  store::Connection& conn_;
  std::string prefix_;
  std::vector<store::Row> rows_;
  std::size_t pos_ = 0;
  std::int64_t next_ = 0;
  bool done_ = false;
};

struct CheckpointRow {
  std::int64_t size;
  Hash root;
  std::string note;
};

Result<VerifyReport> Verify(store::Database& db, const NoteVerifier& verifier,
                            bool all_signatures) {
  RUTILE_ASSIGN_OR_RETURN(auto conn, db.Acquire());
  // One read transaction: a consistent snapshot while writers keep appending.
  RUTILE_TRY(conn->Begin(false));
  struct Rollback {
    store::Connection& c;
    ~Rollback() { (void)c.Rollback(); }
  } rollback{*conn};
  // SQLite's read transaction is a snapshot; PostgreSQL needs REPEATABLE READ for one.
  if (conn->dialect() == store::Dialect::kPostgres)
    RUTILE_TRY(conn->Execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));

  VerifyReport report;
  auto fail = [&](std::string problem, std::optional<std::int64_t> index = std::nullopt,
                  std::optional<std::int64_t> cp = std::nullopt) {
    report.ok = false;
    report.problem = std::move(problem);
    report.first_bad_index = index;
    report.bad_checkpoint_size = cp;
    return report;
  };

  RUTILE_ASSIGN_OR_RETURN(TreeHead head, ReadTreeHead(*conn));
  report.tree_size = head.size;
  if (!head.verifier_key.empty() && head.verifier_key != verifier.ToString())
    return fail("the log is signed by key " + head.verifier_key + ", not " + verifier.ToString());

  // Checkpoints are few compared with entries; read their sizes and roots up front.
  RUTILE_ASSIGN_OR_RETURN(
      auto cp_rows,
      conn->Query("SELECT tree_size, root, note FROM ledger_checkpoints ORDER BY tree_size"));
  std::vector<CheckpointRow> checkpoints;
  for (const store::Row& r : cp_rows) {
    auto root = HashFromBytes(r.Bytes(1));
    if (!root.has_value())
      return fail("checkpoint row at size " + std::to_string(r.Int(0)) + " has a bad root", {},
                  r.Int(0));
    checkpoints.push_back({r.Int(0), *root, r.Text(2)});
  }
  cp_rows.clear();
  if (head.size > 0 && (checkpoints.empty() || checkpoints.back().size != head.size)) {
    return fail("the latest checkpoint does not cover the tree size " + std::to_string(head.size),
                {}, checkpoints.empty() ? std::nullopt : std::optional(checkpoints.back().size));
  }
  if (!checkpoints.empty() && checkpoints.back().size > head.size) {
    return fail("a checkpoint at size " + std::to_string(checkpoints.back().size) +
                    " is beyond the tree size " + std::to_string(head.size),
                {}, checkpoints.back().size);
  }
  if (head.size > 0 && head.checkpoint != checkpoints.back().note) {
    return fail("ledger_state's checkpoint differs from the stored checkpoint at size " +
                    std::to_string(head.size),
                {}, head.size);
  }

  auto check_checkpoint = [&](const CheckpointRow& cp, const Hash& computed,
                              bool check_signature) -> std::optional<std::string> {
    ++report.checkpoints_checked;
    if (cp.root != computed)
      return "checkpoint at size " + std::to_string(cp.size) +
             " does not match the root recomputed from the entries";
    if (!check_signature) return std::nullopt;
    ++report.signatures_checked;
    auto opened = OpenCheckpoint(cp.note, verifier);
    if (!opened.has_value())
      return "checkpoint at size " + std::to_string(cp.size) +
             " does not verify: " + opened.error().message();
    if (opened->size != cp.size || opened->root != cp.root)
      return "checkpoint note at size " + std::to_string(cp.size) + " differs from its row";
    return std::nullopt;
  };

  PagedCursor entries(*conn, "SELECT idx, data, leaf_hash FROM ledger_entries");
  PagedCursor hashes(*conn, "SELECT idx, hash FROM ledger_hashes");
  CompactRange range;
  std::size_t next_cp = 0;
  std::optional<std::string> hash_problem;
  std::int64_t expected_hash_index = 0;
  for (std::int64_t i = 0; i < head.size; ++i) {
    RUTILE_ASSIGN_OR_RETURN(const store::Row* row, entries.Next());
    if (row == nullptr || row->Int(0) != i)
      return fail("entry " + std::to_string(i) + " is missing (log truncated or damaged)", i);
    std::string data = row->Bytes(1);
    Hash leaf = LeafHash(data);
    if (row->Bytes(2) != std::string(AsBytes(leaf)))
      return fail("entry " + std::to_string(i) + " does not match its leaf hash", i);
    if (auto decoded = DecodeEntry(data); !decoded.has_value())
      return fail(
          "entry " + std::to_string(i) + " is not a valid entry: " + decoded.error().message(), i);
    ++report.entries_checked;
    Result<void> io_error = Ok();
    range.Append(leaf, [&](std::int64_t idx, const Hash& h) {
      if (hash_problem || !io_error.has_value()) return;
      auto stored = hashes.Next();
      if (!stored.has_value()) {
        io_error = Fail(std::move(stored).error());
        return;
      }
      const store::Row* s = *stored;
      ++expected_hash_index;
      if (s == nullptr || s->Int(0) != idx) {
        hash_problem = "stored hash " + std::to_string(idx) + " is missing";
      } else if (s->Bytes(1) != std::string(AsBytes(h))) {
        hash_problem = "stored hash " + std::to_string(idx) + " is wrong";
      } else {
        ++report.hashes_checked;
      }
    });
    RUTILE_TRY(io_error);
    if (hash_problem)
      return fail(*hash_problem + " (written with entry " + std::to_string(i) + ")", i);
    while (next_cp < checkpoints.size() && checkpoints[next_cp].size == i + 1) {
      bool latest = next_cp + 1 == checkpoints.size();
      if (auto p = check_checkpoint(checkpoints[next_cp], range.Root(), all_signatures || latest))
        return fail(*p, {}, checkpoints[next_cp].size);
      ++next_cp;
    }
    if (next_cp < checkpoints.size() && checkpoints[next_cp].size <= i) {
      return fail(
          "checkpoint at size " + std::to_string(checkpoints[next_cp].size) + " is out of order",
          {}, checkpoints[next_cp].size);
    }
  }
  // Nothing may follow the committed tree.
  RUTILE_ASSIGN_OR_RETURN(const store::Row* extra_entry, entries.Next());
  if (extra_entry != nullptr)
    return fail("entry " + std::to_string(extra_entry->Int(0)) + " lies beyond the tree size",
                extra_entry->Int(0));
  RUTILE_ASSIGN_OR_RETURN(const store::Row* extra_hash, hashes.Next());
  if (extra_hash != nullptr)
    return fail("stored hash " + std::to_string(extra_hash->Int(0)) + " lies beyond the tree");
  if (head.size > 0 && range.Root() != head.root)
    return fail("ledger_state's root does not match the entries", {}, head.size);
  if (head.size == 0 && !checkpoints.empty())
    return fail("checkpoints exist for an empty log", {}, checkpoints.front().size);
  (void)expected_hash_index;
  return report;
}

}  // namespace

std::string VerifyReport::ToString() const {
  std::ostringstream out;
  out << (ok ? "OK" : "CORRUPT") << ": tree size " << tree_size << ", " << entries_checked
      << " entries, " << hashes_checked << " stored hashes, " << checkpoints_checked
      << " checkpoints (" << signatures_checked << " signatures) checked";
  if (!ok) {
    out << "\nproblem: " << problem;
    if (first_bad_index) out << "\nfirst bad index: " << *first_bad_index;
    if (bad_checkpoint_size) out << "\nbad checkpoint at size: " << *bad_checkpoint_size;
  }
  out << "\n";
  return out.str();
}

Result<VerifyReport> VerifyLog(store::Database& db, const NoteVerifier& verifier) {
  return Verify(db, verifier, true);
}

Status CheckOnStart(store::Database& db, const NoteVerifier& verifier) {
  RUTILE_ASSIGN_OR_RETURN(VerifyReport report, Verify(db, verifier, false));
  if (report.ok) return Ok();
  return Fail(Corruption("ledger check failed: " + report.problem));
}

}  // namespace rutile::ledger
