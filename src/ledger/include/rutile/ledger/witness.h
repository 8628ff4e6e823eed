// Witness: cosigns another log's checkpoints (C2SP tlog-cosignature v1) after checking that
// each is consistent with the last one it saw, so the log cannot show two views. Thread-safe.
// The caller persists state() and restores it at start.
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>

#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/ledger/merkle.h"
#include "rutile/ledger/note.h"

namespace rutile::ledger {

struct WitnessState {
  std::int64_t size = 0;
  Hash root = EmptyTreeHash();
};

class Witness {
 public:
  Witness(NoteSigner key, NoteVerifier log_key, const Clock& clock, WitnessState state = {});

  // Verifies the log's signature, then consistency from the last seen checkpoint with `proof`
  // (a consistency proof from state().size to the new size). Returns the cosignature line to
  // add to the note. kConflict if the checkpoint is older than the last seen one, kCorruption
  // on a bad signature or an inconsistent tree.
  Result<std::string> Cosign(std::string_view signed_checkpoint, std::span<const Hash> proof);

  WitnessState state() const;
  const NoteVerifier& log_key() const { return log_key_; }
  NoteVerifier CosignatureVerifier() const { return key_.CosignatureVerifier(); }

 private:
  NoteSigner key_;
  NoteVerifier log_key_;
  const Clock& clock_;
  mutable std::mutex mu_;
  WitnessState state_;
};

}  // namespace rutile::ledger
