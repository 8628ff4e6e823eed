#include "rutile/ledger/note.h"

#include <sodium.h>

#include <charconv>
#include <cstdio>
#include <cstring>

#include "rutile/core/base64.h"
#include "rutile/core/utf8.h"

namespace rutile::ledger {
namespace {

constexpr std::string_view kSigPrefix = "\xE2\x80\x94 ";  // U+2014 EM DASH, space
constexpr std::size_t kMaxSignatures = 100;

bool EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

std::string Hex8(std::uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

std::string KeyIdBytes(std::uint32_t id) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(id >> (24 - 8 * i));
  return out;
}

std::uint32_t ReadU32(std::string_view b) {
  return static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[0])) << 24 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[1])) << 16 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[2])) << 8 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(b[3]));
}

std::uint64_t ReadU64(std::string_view b) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = v << 8 | static_cast<std::uint8_t>(b[i]);
  return v;
}

std::string U64Bytes(std::uint64_t v) {
  std::string out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(v >> (56 - 8 * i));
  return out;
}

bool VerifyEd25519(const PublicKey& key, std::string_view message, std::string_view sig) {
  if (sig.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

// Parses "name+hash+base64(...)" into its three parts.
Status SplitKey(std::string_view key, std::string_view* name, std::uint32_t* id,
                std::string* payload) {
  std::size_t p1 = key.find('+');
  if (p1 == std::string_view::npos) return Fail(InvalidArgument("malformed key: no name"));
  std::size_t p2 = key.find('+', p1 + 1);
  if (p2 == std::string_view::npos) return Fail(InvalidArgument("malformed key: no key hash"));
  *name = key.substr(0, p1);
  std::string_view hex = key.substr(p1 + 1, p2 - p1 - 1);
  if (!IsValidKeyName(*name)) return Fail(InvalidArgument("malformed key name"));
  if (hex.size() != 8) return Fail(InvalidArgument("malformed key hash"));
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return Fail(InvalidArgument("malformed key hash"));
  std::uint32_t v = 0;
  std::from_chars(hex.data(), hex.data() + hex.size(), v, 16);
  *id = v;
  RUTILE_ASSIGN_OR_RETURN(*payload, base64::Decode(key.substr(p2 + 1)));
  return Ok();
}

}  // namespace

std::uint32_t NoteKeyId(std::string_view name, std::uint8_t type, const PublicKey& key) {
  std::string buf(name);
  buf.push_back('\n');
  buf.push_back(static_cast<char>(type));
  buf.append(reinterpret_cast<const char*>(key.data()), key.size());
  Hash h = Sha256(buf);
  return ReadU32(AsBytes(h));
}

bool IsValidKeyName(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c == 0x7f || c == '+') return false;
  }
  // Unicode spaces (U+0085, U+00A0, U+2000..U+200A, U+2028/9, U+202F, U+205F, U+3000).
  static const char* kSpaces[] = {"\xC2\x85",     "\xC2\xA0",     "\xE2\x80\xA8", "\xE2\x80\xA9",
                                  "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80"};
  for (const char* s : kSpaces)
    if (name.find(s) != std::string_view::npos) return false;
  for (unsigned char c = 0x80; c <= 0x8a; ++c) {
    char seq[4] = {'\xE2', '\x80', static_cast<char>(c), 0};
    if (name.find(seq) != std::string_view::npos) return false;
  }
  return true;
}

Result<NoteVerifier> NoteVerifier::Parse(std::string_view vkey) {
  std::string_view name;
  std::uint32_t id;
  std::string payload;
  RUTILE_TRY(SplitKey(vkey, &name, &id, &payload));
  if (payload.size() != 33) return Fail(InvalidArgument("verifier key is not an Ed25519 key"));
  NoteVerifier v;
  v.name = std::string(name);
  v.type = static_cast<std::uint8_t>(payload[0]);
  if (v.type != kSigTypeEd25519 && v.type != kSigTypeCosignature)
    return Fail(InvalidArgument("unsupported verifier key type"));
  std::memcpy(v.public_key.data(), payload.data() + 1, 32);
  v.key_id = NoteKeyId(v.name, v.type, v.public_key);
  if (v.key_id != id) return Fail(InvalidArgument("verifier key hash does not match the key"));
  return v;
}

std::string NoteVerifier::ToString() const {
  std::string payload(1, static_cast<char>(type));
  payload.append(reinterpret_cast<const char*>(public_key.data()), 32);
  return name + "+" + Hex8(key_id) + "+" + base64::Encode(payload);
}

bool NoteVerifier::Verify(std::string_view text, std::string_view signature) const {
  if (type == kSigTypeEd25519) return VerifyEd25519(public_key, text, signature);
  if (type == kSigTypeCosignature) {
    if (signature.size() != 8 + crypto_sign_BYTES) return false;
    std::uint64_t ts = ReadU64(signature);
    return VerifyEd25519(public_key, CosignatureMessage(text, ts), signature.substr(8));
  }
  return false;
}

Result<NoteSigner> NoteSigner::FromSeed(std::string name, std::span<const std::uint8_t, 32> seed) {
  if (!EnsureSodium()) return Fail(Internal("libsodium failed to initialize"));
  if (!IsValidKeyName(name)) return Fail(InvalidArgument("invalid key name"));
  NoteSigner s;
  s.name_ = std::move(name);
  crypto_sign_seed_keypair(s.public_key_.data(), s.secret_key_.data(), seed.data());
  return s;
}

Result<NoteSigner> NoteSigner::Generate(std::string name) {
  if (!EnsureSodium()) return Fail(Internal("libsodium failed to initialize"));
  std::array<std::uint8_t, 32> seed;
  randombytes_buf(seed.data(), seed.size());
  auto s = FromSeed(std::move(name), seed);
  sodium_memzero(seed.data(), seed.size());
  return s;
}

Result<NoteSigner> NoteSigner::FromSignerKey(std::string_view skey) {
  constexpr std::string_view kPrefix = "PRIVATE+KEY+";
  if (skey.substr(0, kPrefix.size()) != kPrefix)
    return Fail(InvalidArgument("signer key must start with PRIVATE+KEY+"));
  std::string_view name;
  std::uint32_t id;
  std::string payload;
  RUTILE_TRY(SplitKey(skey.substr(kPrefix.size()), &name, &id, &payload));
  if (payload.size() != 33 || payload[0] != kSigTypeEd25519)
    return Fail(InvalidArgument("signer key is not an Ed25519 key"));
  std::array<std::uint8_t, 32> seed;
  std::memcpy(seed.data(), payload.data() + 1, 32);
  sodium_memzero(payload.data(), payload.size());
  auto s = FromSeed(std::string(name), seed);
  sodium_memzero(seed.data(), seed.size());
  if (!s.has_value()) return s;
  if (s->key_id() != id) return Fail(InvalidArgument("signer key hash does not match the key"));
  return s;
}

NoteSigner::NoteSigner(NoteSigner&& other) noexcept
    : name_(std::move(other.name_)),
      public_key_(other.public_key_),
      secret_key_(other.secret_key_) {
  sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
}

NoteSigner& NoteSigner::operator=(NoteSigner&& other) noexcept {
  if (this != &other) {
    name_ = std::move(other.name_);
    public_key_ = other.public_key_;
    secret_key_ = other.secret_key_;
    sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
  }
  return *this;
}

NoteSigner::~NoteSigner() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

std::uint32_t NoteSigner::key_id() const { return NoteKeyId(name_, kSigTypeEd25519, public_key_); }

std::string NoteSigner::SignerKey() const {
  std::string payload(1, static_cast<char>(kSigTypeEd25519));
  payload.append(reinterpret_cast<const char*>(secret_key_.data()), 32);
  std::string out = "PRIVATE+KEY+" + name_ + "+" + Hex8(key_id()) + "+" + base64::Encode(payload);
  sodium_memzero(payload.data(), payload.size());
  return out;
}

NoteVerifier NoteSigner::Verifier() const {
  return NoteVerifier{name_, key_id(), kSigTypeEd25519, public_key_};
}

NoteVerifier NoteSigner::CosignatureVerifier() const {
  return NoteVerifier{name_, NoteKeyId(name_, kSigTypeCosignature, public_key_),
                      kSigTypeCosignature, public_key_};
}

std::string NoteSigner::SignatureLine(std::string_view text) const {
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), secret_key_.data());
  std::string payload = KeyIdBytes(key_id());
  payload.append(reinterpret_cast<const char*>(sig), sizeof sig);
  return std::string(kSigPrefix) + name_ + " " + base64::Encode(payload) + "\n";
}

Result<std::string> NoteSigner::Sign(std::string_view text) const {
  RUTILE_TRY(ValidateNoteText(text));
  std::string out(text);
  out.push_back('\n');
  out += SignatureLine(text);
  return out;
}

std::string NoteSigner::CosignatureLine(std::string_view checkpoint_body,
                                        std::uint64_t timestamp_s) const {
  std::string message = CosignatureMessage(checkpoint_body, timestamp_s);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), secret_key_.data());
  std::string payload = KeyIdBytes(NoteKeyId(name_, kSigTypeCosignature, public_key_));
  payload += U64Bytes(timestamp_s);
  payload.append(reinterpret_cast<const char*>(sig), sizeof sig);
  return std::string(kSigPrefix) + name_ + " " + base64::Encode(payload) + "\n";
}

Status ValidateNoteText(std::string_view text) {
  if (text.empty() || text.back() != '\n') return Fail(InvalidArgument("note text must end in LF"));
  if (sodium_init() < 0) return Fail(Internal("libsodium failed to initialize"));
  // UTF-8 check, and no control characters other than LF.
  if (!utf8::IsValid(text)) return Fail(InvalidArgument("note text is not UTF-8"));
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n') || byte == 0x7f)
      return Fail(InvalidArgument("control character in note text"));
  }
  return Ok();
}

Result<OpenedNote> OpenNote(std::string_view message, std::span<const NoteVerifier> known) {
  std::size_t split = message.rfind("\n\n");
  if (split == std::string_view::npos)
    return Fail(InvalidArgument("malformed note: no signatures"));
  OpenedNote note;
  note.text = std::string(message.substr(0, split + 1));
  RUTILE_TRY(ValidateNoteText(message));
  std::string_view rest = message.substr(split + 2);
  if (rest.empty()) return Fail(InvalidArgument("malformed note: no signatures"));
  if (rest.back() != '\n') return Fail(InvalidArgument("malformed note: unterminated signature"));
  bool any_verified = false;
  while (!rest.empty()) {
    std::size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 1);
    if (note.signatures.size() >= kMaxSignatures)
      return Fail(InvalidArgument("malformed note: too many signatures"));
    if (line.substr(0, kSigPrefix.size()) != kSigPrefix)
      return Fail(InvalidArgument("malformed note: bad signature line"));
    line.remove_prefix(kSigPrefix.size());
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos || space == 0)
      return Fail(InvalidArgument("malformed note: bad signature line"));
    std::string_view name = line.substr(0, space);
    if (!IsValidKeyName(name)) return Fail(InvalidArgument("malformed note: bad key name"));
    auto decoded = base64::Decode(line.substr(space + 1));
    if (!decoded.has_value() || decoded->size() < 5)
      return Fail(InvalidArgument("malformed note: bad signature encoding"));
    NoteSignature sig;
    sig.name = std::string(name);
    sig.key_id = ReadU32(*decoded);
    sig.signature = decoded->substr(4);
    for (const NoteVerifier& v : known) {
      if (v.name != sig.name || v.key_id != sig.key_id) continue;
      if (!v.Verify(note.text, sig.signature))
        return Fail(Corruption("invalid signature for key " + v.ToString()));
      sig.verified = true;
      any_verified = true;
    }
    note.signatures.push_back(std::move(sig));
  }
  if (!any_verified) return Fail(FailedPrecondition("note has no signature by a known key"));
  return note;
}

std::string FormatCheckpoint(const Checkpoint& c) {
  return c.origin + "\n" + std::to_string(c.size) + "\n" + HashToBase64(c.root) + "\n";
}

Result<Checkpoint> ParseCheckpoint(std::string_view body) {
  std::string_view lines[3];
  std::string_view rest = body;
  for (auto& line : lines) {
    std::size_t eol = rest.find('\n');
    if (eol == std::string_view::npos)
      return Fail(InvalidArgument("checkpoint has fewer than 3 lines"));
    line = rest.substr(0, eol);
    rest.remove_prefix(eol + 1);
  }
  Checkpoint c;
  if (lines[0].empty()) return Fail(InvalidArgument("checkpoint origin is empty"));
  c.origin = std::string(lines[0]);
  std::string_view size = lines[1];
  if (size.empty() || size.size() > 19 || (size.size() > 1 && size[0] == '0'))
    return Fail(InvalidArgument("checkpoint size is not a canonical decimal"));
  for (char ch : size)
    if (ch < '0' || ch > '9') return Fail(InvalidArgument("checkpoint size is not a decimal"));
  auto [ptr, ec] = std::from_chars(size.data(), size.data() + size.size(), c.size);
  if (ec != std::errc() || c.size < 0) return Fail(InvalidArgument("checkpoint size out of range"));
  auto root = HashFromBase64(lines[2]);
  if (!root.has_value()) return Fail(InvalidArgument("checkpoint root is not a base64 hash"));
  if (HashToBase64(*root) != lines[2])
    return Fail(InvalidArgument("checkpoint root is not canonical base64"));
  c.root = *root;
  // Extension lines must be non-empty.
  while (!rest.empty()) {
    std::size_t eol = rest.find('\n');
    if (eol == std::string_view::npos || eol == 0)
      return Fail(InvalidArgument("malformed checkpoint extension line"));
    rest.remove_prefix(eol + 1);
  }
  return c;
}

Result<Checkpoint> OpenCheckpoint(std::string_view signed_note, const NoteVerifier& log_key) {
  RUTILE_ASSIGN_OR_RETURN(OpenedNote note,
                          OpenNote(signed_note, std::span<const NoteVerifier>(&log_key, 1)));
  RUTILE_ASSIGN_OR_RETURN(Checkpoint c, ParseCheckpoint(note.text));
  if (c.origin != log_key.name)
    return Fail(Corruption("checkpoint origin '" + c.origin + "' is not the key name"));
  return c;
}

std::string CosignatureMessage(std::string_view checkpoint_body, std::uint64_t timestamp_s) {
  std::string m = "cosignature/v1\ntime " + std::to_string(timestamp_s) + "\n";
  m.append(checkpoint_body);
  return m;
}

Result<std::uint64_t> VerifyCosignature(const OpenedNote& note, const NoteVerifier& witness_key) {
  if (witness_key.type != kSigTypeCosignature)
    return Fail(InvalidArgument("not a cosignature verifier key"));
  for (const NoteSignature& s : note.signatures) {
    if (s.name != witness_key.name || s.key_id != witness_key.key_id) continue;
    if (!witness_key.Verify(note.text, s.signature))
      return Fail(Corruption("invalid cosignature by " + witness_key.name));
    return ReadU64(s.signature);
  }
  return Fail(NotFound("no cosignature by " + witness_key.name));
}

}  // namespace rutile::ledger
