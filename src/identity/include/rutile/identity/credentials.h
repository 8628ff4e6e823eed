// Password hashing (Argon2id through libsodium) and opaque session tokens (random bytes, stored
// only as their SHA-256). Stateless functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "rutile/core/result.h"

namespace rutile::identity {

enum class PasswordCost {
  kInteractive,  // libsodium's interactive limits: the production setting
  kMinimal,      // the smallest legal limits: tests and bulk demo data only
};

Result<std::string> HashPassword(std::string_view password, PasswordCost cost);
bool VerifyPassword(std::string_view password, const std::string& stored_hash);

// A new session token: 32 random bytes, URL-safe base64 without padding.
std::string NewSessionToken();
// What the sessions table stores instead of the token: lower-case hex SHA-256.
std::string TokenDigest(std::string_view token);
// Lower-case hex SHA-256 of any bytes (canonical content hashes for the ledger).
std::string Sha256Hex(std::string_view bytes);

}  // namespace rutile::identity
