#include "principal_cache.h"

#include <algorithm>

namespace rutile::identity {

std::optional<access::Principal> PrincipalCache::Find(const std::string& digest, std::int64_t now) {
  if (ttl_seconds_ <= 0) return std::nullopt;
  std::lock_guard lock(mu_);
  auto it = entries_.find(digest);
  if (it == entries_.end()) return std::nullopt;
  if (now >= it->second.valid_until) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.principal;
}

void PrincipalCache::Put(const std::string& digest, access::Principal principal,
                         std::int64_t session_expires_at, std::int64_t now) {
  if (ttl_seconds_ <= 0) return;
  std::lock_guard lock(mu_);
  // Full: start again rather than track recency; the cache only smooths bursts.
  if (entries_.size() >= capacity_) entries_.clear();
  entries_[digest] = Entry{std::move(principal), std::min(now + ttl_seconds_, session_expires_at)};
}

void PrincipalCache::Erase(const std::string& digest) {
  std::lock_guard lock(mu_);
  entries_.erase(digest);
}

void PrincipalCache::Clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
}

}  // namespace rutile::identity
