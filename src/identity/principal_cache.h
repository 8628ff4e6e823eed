// PrincipalCache: sessions authenticated in the last few seconds, so a burst of requests with
// one token costs one database lookup. An entry lives until the earlier of its TTL and the
// session's expiry; logout erases it and membership changes clear the cache. Thread-safe.
// Internal to the identity module.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "rutile/access/principal.h"

namespace rutile::identity {

class PrincipalCache {
 public:
  PrincipalCache(std::int64_t ttl_seconds, std::size_t capacity)
      : ttl_seconds_(ttl_seconds), capacity_(capacity) {}

  std::optional<access::Principal> Find(const std::string& token_digest, std::int64_t now);
  void Put(const std::string& token_digest, access::Principal principal,
           std::int64_t session_expires_at, std::int64_t now);
  void Erase(const std::string& token_digest);
  void Clear();

 private:
  struct Entry {
    access::Principal principal;
    std::int64_t valid_until = 0;  // Unix seconds, exclusive
  };

  const std::int64_t ttl_seconds_;
  const std::size_t capacity_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace rutile::identity
