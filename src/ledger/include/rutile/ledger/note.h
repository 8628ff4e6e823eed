// C2SP signed notes (signed-note v1) with Ed25519 keys, tlog checkpoints and tlog cosignatures.
// NoteSigner owns a private key (wiped on destruction, move-only); everything else is a value.
// All functions are thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/ledger/merkle.h"

namespace rutile::ledger {

// Signature types of signed-note.md.
inline constexpr std::uint8_t kSigTypeEd25519 = 0x01;
inline constexpr std::uint8_t kSigTypeCosignature = 0x04;  // tlog-cosignature v1

using PublicKey = std::array<std::uint8_t, 32>;

// Key ID = first 4 bytes (big-endian) of SHA-256(name || 0x0A || type || public key).
std::uint32_t NoteKeyId(std::string_view name, std::uint8_t type, const PublicKey& key);
// Key names: non-empty, no '+', no whitespace or control characters.
bool IsValidKeyName(std::string_view name);

// A public key that can check note signatures: "name+%08x+base64(type || key)".
struct NoteVerifier {
  std::string name;
  std::uint32_t key_id = 0;
  std::uint8_t type = kSigTypeEd25519;
  PublicKey public_key{};

  static Result<NoteVerifier> Parse(std::string_view vkey);
  std::string ToString() const;
  // Verifies the signature bytes (after the key ID) over the note text.
  bool Verify(std::string_view text, std::string_view signature) const;
};

class NoteSigner {
 public:
  static Result<NoteSigner> FromSeed(std::string name, std::span<const std::uint8_t, 32> seed);
  static Result<NoteSigner> Generate(std::string name);
  // Go x/mod's signer key text: "PRIVATE+KEY+name+%08x+base64(0x01 || seed)".
  static Result<NoteSigner> FromSignerKey(std::string_view skey);

  NoteSigner(NoteSigner&& other) noexcept;
  NoteSigner& operator=(NoteSigner&& other) noexcept;
  NoteSigner(const NoteSigner&) = delete;
  NoteSigner& operator=(const NoteSigner&) = delete;
  ~NoteSigner();

  const std::string& name() const { return name_; }
  const PublicKey& public_key() const { return public_key_; }
  std::uint32_t key_id() const;
  std::string SignerKey() const;
  NoteVerifier Verifier() const;             // type 0x01
  NoteVerifier CosignatureVerifier() const;  // type 0x04, for this key acting as a witness

  // A signature line "— <name> <base64(keyID || sig)>\n" over text (which ends in '\n').
  std::string SignatureLine(std::string_view text) const;
  // The full note: text, blank line, one signature line. text must be valid note text.
  Result<std::string> Sign(std::string_view text) const;
  // tlog-cosignature/v1 line for a checkpoint body at the given time (seconds since the epoch).
  std::string CosignatureLine(std::string_view checkpoint_body, std::uint64_t timestamp_s) const;

 private:
  NoteSigner() = default;
  std::string name_;
  PublicKey public_key_{};
  std::array<std::uint8_t, 64> secret_key_{};  // libsodium layout: seed || public key
};

struct NoteSignature {
  std::string name;
  std::uint32_t key_id = 0;
  std::string signature;  // bytes after the key ID
  bool verified = false;
};

struct OpenedNote {
  std::string text;  // the signed text, ending in '\n'
  std::vector<NoteSignature> signatures;
};

// Parses and verifies a note (Go note.Open rules): every signature by a known key must verify,
// signatures by unknown keys are kept unverified, and at least one must verify. Errors are
// kCorruption for a bad signature, kFailedPrecondition for no known signer, kInvalidArgument
// for a malformed note.
Result<OpenedNote> OpenNote(std::string_view message, std::span<const NoteVerifier> known);
// Checks the note text rules: UTF-8, no control characters except '\n', ends in '\n'.
Status ValidateNoteText(std::string_view text);

// tlog-checkpoint body: origin, decimal size, base64 root, each on its own line.
struct Checkpoint {
  std::string origin;
  std::int64_t size = 0;
  Hash root{};
  bool operator==(const Checkpoint&) const = default;
};
std::string FormatCheckpoint(const Checkpoint& checkpoint);
// Strict parse of the first three lines; extension lines are allowed and ignored.
Result<Checkpoint> ParseCheckpoint(std::string_view body);
// Opens a signed checkpoint with the log's key; the origin must equal the key name.
Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, const NoteVerifier& log_key);

// The message a cosignature covers: "cosignature/v1\ntime <ts>\n" + checkpoint body.
std::string CosignatureMessage(std::string_view checkpoint_body, std::uint64_t timestamp_s);
// Verifies a type 0x04 cosignature (8-byte timestamp + 64-byte signature, after the key ID)
// found in an opened note; returns the timestamp.
Result<std::uint64_t> VerifyCosignature(const OpenedNote& note, const NoteVerifier& witness_key);

}  // namespace rutile::ledger
