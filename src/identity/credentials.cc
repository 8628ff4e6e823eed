#include "rutile/identity/credentials.h"

#include <sodium.h>

#include "rutile/core/check.h"

namespace rutile::identity {
namespace {

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  RUTILE_CHECK(ready, "libsodium failed to initialize");
}

std::string Hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  EnsureSodium();
  unsigned long long ops = cost == PasswordCost::kInteractive ? crypto_pwhash_OPSLIMIT_INTERACTIVE
                                                              : crypto_pwhash_OPSLIMIT_MIN;
  std::size_t mem = cost == PasswordCost::kInteractive ? crypto_pwhash_MEMLIMIT_INTERACTIVE
                                                       : crypto_pwhash_MEMLIMIT_MIN;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return ResourceExhausted("not enough memory to hash the password");
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& stored_hash) {
  EnsureSodium();
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string NewSessionToken() {
  EnsureSodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(sizeof bytes, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, sizeof bytes, kVariant);
  out.resize(out.find('\0'));
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return Hex(digest, sizeof digest);
}

std::string TokenDigest(std::string_view token) { return Sha256Hex(token); }

}  // namespace rutile::identity
