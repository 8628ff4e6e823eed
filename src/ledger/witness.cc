#include "rutile/ledger/witness.h"

namespace rutile::ledger {

Witness::Witness(NoteSigner key, NoteVerifier log_key, const Clock& clock, WitnessState state)
    : key_(std::move(key)), log_key_(std::move(log_key)), clock_(clock), state_(state) {}

Result<std::string> Witness::Cosign(std::string_view signed_checkpoint,
                                    std::span<const Hash> proof) {
  RUTILE_ASSIGN_OR_RETURN(OpenedNote note,
                          OpenNote(signed_checkpoint, std::span<const NoteVerifier>(&log_key_, 1)));
  RUTILE_ASSIGN_OR_RETURN(Checkpoint cp, ParseCheckpoint(note.text));
  if (cp.origin != log_key_.name)
    return Fail(Corruption("checkpoint origin is not the log's name"));
  std::lock_guard lock(mu_);
  if (cp.size < state_.size) {
    return Fail(Conflict("checkpoint size " + std::to_string(cp.size) +
                         " is older than the last seen size " + std::to_string(state_.size)));
  }
  RUTILE_TRY(VerifyConsistency(state_.size, cp.size, state_.root, cp.root, proof));
  state_ = WitnessState{cp.size, cp.root};
  long long now = UnixSeconds(clock_.Now());
  return key_.CosignatureLine(note.text, static_cast<std::uint64_t>(now < 0 ? 0 : now));
}

WitnessState Witness::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

}  // namespace rutile::ledger
