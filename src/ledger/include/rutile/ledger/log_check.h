// Whole-log verification of a stored ledger: recomputes every leaf hash, every stored hash and
// every checkpoint root from the entries, and checks checkpoint signatures. Streams the tables
// in pages, so memory stays O(log n). Thread-safe (reads only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "rutile/core/result.h"
#include "rutile/ledger/note.h"
#include "rutile/store/database.h"

namespace rutile::ledger {

struct VerifyReport {
  bool ok = true;
  std::int64_t tree_size = 0;  // from ledger_state
  std::int64_t entries_checked = 0;
  std::int64_t hashes_checked = 0;
  std::int64_t checkpoints_checked = 0;
  std::int64_t signatures_checked = 0;
  std::optional<std::int64_t> first_bad_index;      // first leaf whose data or hashes are wrong
  std::optional<std::int64_t> bad_checkpoint_size;  // a checkpoint that does not verify
  std::string problem;                              // first problem found, human-readable

  std::string ToString() const;
};

// Checks everything, including the signature of every stored checkpoint. Errors are only for
// failures to read; a corrupt log gives a report with ok == false.
Result<VerifyReport> VerifyLog(store::Database& db, const NoteVerifier& verifier);

// The start-up check used before accepting writes: the same recomputation (O(n)), with the
// signature of the latest checkpoint only. Returns kCorruption (or kFailedPrecondition for a
// key mismatch) with the reason when the stored log does not match its latest checkpoint.
Status CheckOnStart(store::Database& db, const NoteVerifier& verifier);

}  // namespace rutile::ledger
