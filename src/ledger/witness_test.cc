#include "rutile/ledger/witness.h"

#include <gtest/gtest.h>

namespace rutile::ledger {
namespace {

TEST(WitnessTest, CosignsOnlyConsistentCheckpoints) {
  FakeClock clock(FromUnixSeconds(1764000000));
  NoteSigner log = NoteSigner::Generate("log.example/a").value();
  NoteSigner other_log = NoteSigner::Generate("log.example/a").value();
  Witness w(NoteSigner::Generate("witness.example/b").value(), log.Verifier(), clock);

  std::vector<Hash> stored;
  for (int i = 0; i < 20; ++i) AppendLeafInMemory(stored, i, LeafHash(std::to_string(i)));
  MemoryHashReader reader(&stored);
  auto checkpoint = [&](std::int64_t n) {
    return log.Sign(FormatCheckpoint({"log.example/a", n, TreeHash(n, reader).value()})).value();
  };

  // First sight: from the empty tree, no proof.
  std::string line = w.Cosign(checkpoint(5), {}).value();
  EXPECT_EQ(w.state().size, 5);
  std::vector<NoteVerifier> known = {log.Verifier(), w.CosignatureVerifier()};
  OpenedNote opened = OpenNote(checkpoint(5) + line, known).value();
  EXPECT_EQ(VerifyCosignature(opened, w.CosignatureVerifier()).value(), 1764000000u);

  // Growth with a valid proof.
  std::vector<Hash> proof = ConsistencyProof(5, 12, reader).value();
  EXPECT_TRUE(w.Cosign(checkpoint(12), proof).has_value());
  EXPECT_EQ(w.state().size, 12);

  // Older checkpoint: conflict.
  EXPECT_EQ(w.Cosign(checkpoint(5), {}).error().code(), ErrorCode::kConflict);

  // A forked tree of the same size: rejected, state unchanged.
  std::vector<Hash> fork = stored;
  std::vector<Hash> forked;
  for (int i = 0; i < 20; ++i)
    AppendLeafInMemory(forked, i, LeafHash(i == 3 ? "evil" : std::to_string(i)));
  MemoryHashReader forked_reader(&forked);
  std::string forked_cp =
      log.Sign(FormatCheckpoint({"log.example/a", 15, TreeHash(15, forked_reader).value()}))
          .value();
  std::vector<Hash> forked_proof = ConsistencyProof(12, 15, forked_reader).value();
  EXPECT_EQ(w.Cosign(forked_cp, forked_proof).error().code(), ErrorCode::kCorruption);
  EXPECT_EQ(w.state().size, 12);

  // A checkpoint signed by another key is refused.
  std::string foreign =
      other_log.Sign(FormatCheckpoint({"log.example/a", 13, TreeHash(13, reader).value()})).value();
  EXPECT_FALSE(w.Cosign(foreign, ConsistencyProof(12, 13, reader).value()).has_value());
}

}  // namespace
}  // namespace rutile::ledger
