#include "rutile/ledger/note.h"

#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "rutile/core/base64.h"

namespace rutile::ledger {
namespace {

NoteSigner TestSigner() {
  std::array<std::uint8_t, 32> seed;
  for (int i = 0; i < 32; ++i) seed[i] = static_cast<std::uint8_t>(i);
  return NoteSigner::FromSeed("anticorr.example/log", seed).value();
}

std::vector<Hash> RecordTree(int n) {
  std::vector<Hash> stored;
  for (int i = 0; i < n; ++i)
    AppendLeafInMemory(stored, i, LeafHash("record-" + std::to_string(i) + "\n"));
  return stored;
}

// Vectors produced by a libsodium generator and accepted by Go x/mod v0.7.0 (see
// /work/shared/reference/platform-infrastructure-notes.md §1.4).
TEST(NoteTest, GoCompatibleCheckpointVectors) {
  NoteSigner signer = TestSigner();
  EXPECT_EQ(signer.Verifier().ToString(),
            "anticorr.example/log+ea8729b4+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
  EXPECT_EQ(signer.SignerKey(),
            "PRIVATE+KEY+anticorr.example/log+ea8729b4+"
            "AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f");
  EXPECT_EQ(signer.key_id(), 0xea8729b4u);

  std::vector<Hash> stored = RecordTree(13);
  MemoryHashReader reader(&stored);
  Hash root7 = TreeHash(7, reader).value();
  Hash root13 = TreeHash(13, reader).value();
  EXPECT_EQ(HashToBase64(root7), "dGM7X7HPsl5ep9RiXCEPflTItMCaUq2gIqM1x7vK50E=");
  EXPECT_EQ(HashToBase64(root13), "+w2RFAdX5I2RZnpOJRBAJ89eCQcUdMutUmUEhexePaA=");

  std::string body13 = FormatCheckpoint({"anticorr.example/log", 13, root13});
  std::string note = signer.Sign(body13).value();
  EXPECT_EQ(note,
            "anticorr.example/log\n13\n+w2RFAdX5I2RZnpOJRBAJ89eCQcUdMutUmUEhexePaA=\n\n"
            "\xE2\x80\x94 anticorr.example/log "
            "6ocptFM7c/XuI1rZyp3hpt3SjIeMw3oYRsvewQQR2fxIj4RsNnYoAq88hKiGTWxaFZnavKvimThjzv+"
            "E3yZOD4AzMgM=\n");
  EXPECT_EQ(
      signer.SignatureLine(FormatCheckpoint({"anticorr.example/log", 7, root7})),
      "\xE2\x80\x94 anticorr.example/log "
      "6ocptFsekDMJj4sxcZY0+xM10iHb6leYDga7Xt0Hwuuff6A0HaiqplrrigHejSHV0OPI7p1nRhMGbedtLkHzMqE"
      "CoAo=\n");

  EXPECT_EQ(ToHex(LeafHash("record-9\n")),
            "f255cb8efc34d35d9e84fe7ad5ec0a0288826abed8c324d50b643484151f74db");
  std::vector<std::string> incl;
  std::vector<Hash> incl_proof = InclusionProof(9, 13, reader).value();
  for (const Hash& h : incl_proof) incl.push_back(HashToBase64(h));
  EXPECT_EQ(incl, (std::vector<std::string>{"7LeR6UONiRaxz8Squ58swrQAVXqq2n5mfeoUxC9dLq4=",
                                            "1CoNiovyzNfgmK0PsVGHCEnfNlm9STWUr+BpzhcKEGA=",
                                            "ksauEnYQdpUuzGfbLkRoz368xRunkWhbWyAjcr6na54=",
                                            "ot2LEEQ9HAhJWCj/Hpeenmv/fY4O0A8jtEJWRzo0IeA="}));
  std::vector<std::string> cons;
  std::vector<Hash> cons_proof = ConsistencyProof(7, 13, reader).value();
  for (const Hash& h : cons_proof) cons.push_back(HashToBase64(h));
  EXPECT_EQ(cons, (std::vector<std::string>{"Z67s36hh+gsM6zUFzjMssTMHb/+vCnsyE+I2SWXXiyo=",
                                            "FjkDFRGQfWOsxoRkt4Ng6zEN8Mk7ZuY5w1ogx7BTDq0=",
                                            "eH40958DQvC0yBc/UZ1nUbH7BkPxiSzyHWyBjkz99UA=",
                                            "UgpcJ9flr0dT/9YApe+SNyCUI1w8mJkvzP0i4b+C4m8=",
                                            "ZnUovt8H2phAdD5Wp26lEND83hr/QdQpBiIeqinJ2OQ="}));
}

// The example in Go's golang.org/x/mod/sumdb/note package documentation.
TEST(NoteTest, GoDocExample) {
  NoteSigner signer =
      NoteSigner::FromSignerKey(
          "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")
          .value();
  std::string text =
      "If you think cryptography is the answer to your problem,\n"
      "then you don't know what your problem is.\n";
  EXPECT_EQ(signer.SignatureLine(text),
            "\xE2\x80\x94 PeterNeumann "
            "x08go/ZJkuBS9UG/"
            "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n");
  EXPECT_EQ(signer.key_id(), 0xc74f20a3u);
}

TEST(NoteTest, RoundTripAndTamper) {
  NoteSigner signer = NoteSigner::Generate("rutile.example/ledger").value();
  NoteVerifier v = NoteVerifier::Parse(signer.Verifier().ToString()).value();
  EXPECT_EQ(v.key_id, signer.key_id());
  Checkpoint cp{"rutile.example/ledger", 42, LeafHash("x")};
  std::string note = signer.Sign(FormatCheckpoint(cp)).value();
  EXPECT_EQ(OpenCheckpoint(note, v).value(), cp);

  // Any changed byte in the text or the signature is rejected.
  for (std::size_t i = 0; i < note.size(); ++i) {
    std::string bad = note;
    bad[i] = bad[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(OpenCheckpoint(bad, v).has_value()) << "byte " << i;
  }
  // Size changed 42 -> 43 gives a signature failure (kCorruption).
  std::string changed = note;
  changed.replace(changed.find("\n42\n"), 4, "\n43\n");
  EXPECT_EQ(OpenCheckpoint(changed, v).error().code(), ErrorCode::kCorruption);

  // A different key with the same name: unknown key ID, so no verified signature.
  NoteSigner other = NoteSigner::Generate("rutile.example/ledger").value();
  std::string foreign = other.Sign(FormatCheckpoint(cp)).value();
  EXPECT_EQ(OpenCheckpoint(foreign, v).error().code(), ErrorCode::kFailedPrecondition);

  // Unknown extra signatures are kept but do not count.
  std::string two = note + other.SignatureLine(FormatCheckpoint(cp));
  OpenedNote opened = OpenNote(two, std::span<const NoteVerifier>(&v, 1)).value();
  ASSERT_EQ(opened.signatures.size(), 2u);
  EXPECT_TRUE(opened.signatures[0].verified);
  EXPECT_FALSE(opened.signatures[1].verified);
}

TEST(NoteTest, ParseRules) {
  EXPECT_FALSE(ParseCheckpoint("origin\n01\n" + HashToBase64(LeafHash("")) + "\n").has_value());
  EXPECT_FALSE(ParseCheckpoint("origin\n-1\n" + HashToBase64(LeafHash("")) + "\n").has_value());
  EXPECT_FALSE(ParseCheckpoint("\n1\n" + HashToBase64(LeafHash("")) + "\n").has_value());
  EXPECT_FALSE(ParseCheckpoint("origin\n1\nAAAA\n").has_value());
  EXPECT_TRUE(ParseCheckpoint("origin\n0\n" + HashToBase64(EmptyTreeHash()) + "\n").has_value());
  EXPECT_FALSE(NoteVerifier::Parse("name+00000000+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4")
                   .has_value());
  EXPECT_FALSE(NoteVerifier::Parse("garbage").has_value());
  EXPECT_FALSE(IsValidKeyName("a+b"));
  EXPECT_FALSE(IsValidKeyName("a b"));
  EXPECT_FALSE(IsValidKeyName(""));
  EXPECT_TRUE(IsValidKeyName("rutile.example/ledger"));
  EXPECT_FALSE(ValidateNoteText("no newline").has_value());
  EXPECT_FALSE(ValidateNoteText("tab\there\n").has_value());
  EXPECT_FALSE(ValidateNoteText("bad \xff utf8\n").has_value());
}

TEST(NoteTest, Cosignature) {
  NoteSigner log = TestSigner();
  NoteSigner witness = NoteSigner::Generate("witness.example/w1").value();
  std::string body = FormatCheckpoint({"anticorr.example/log", 5, LeafHash("r")});
  std::string note = log.Sign(body).value() + witness.CosignatureLine(body, 1700000000);
  NoteVerifier wv = NoteVerifier::Parse(witness.CosignatureVerifier().ToString()).value();
  EXPECT_EQ(wv.type, kSigTypeCosignature);
  EXPECT_NE(wv.key_id, witness.key_id());
  std::vector<NoteVerifier> known = {log.Verifier(), wv};
  OpenedNote opened = OpenNote(note, known).value();
  EXPECT_EQ(VerifyCosignature(opened, wv).value(), 1700000000u);
  // A changed timestamp breaks the cosignature.
  std::string line = witness.CosignatureLine(body, 1700000000);
  std::string payload = base64::Decode(line.substr(line.rfind(' ') + 1, 96)).value();
  payload[4 + 7] ^= 1;
  std::string bad =
      log.Sign(body).value() + "\xE2\x80\x94 witness.example/w1 " + base64::Encode(payload) + "\n";
  EXPECT_EQ(OpenNote(bad, known).error().code(), ErrorCode::kCorruption);
}

}  // namespace
}  // namespace rutile::ledger
