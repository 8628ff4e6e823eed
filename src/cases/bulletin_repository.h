// SQL for warning bulletins (internal). Functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rutile/cases/bulletin.h"
#include "rutile/cases/bulletin_service.h"
#include "rutile/core/result.h"
#include "rutile/store/database.h"

namespace rutile::cases::bulletin_repository {

// Inserts the row and its cited cases; returns the id.
Result<std::int64_t> Insert(store::Connection& c, const Bulletin& b);
// Rewrites every column and the cited cases of an existing bulletin.
Status Update(store::Connection& c, const Bulletin& b);
Result<Bulletin> Load(store::Connection& c, std::int64_t id);
// Newest first (published ones by publication time, others by id).
Result<std::vector<Bulletin>> List(store::Connection& c, std::optional<BulletinState> state,
                                   int limit, int offset);

struct Coverage {
  std::set<std::string> cluster_keys;  // of every bulletin, whatever its state
  std::set<std::int64_t> cited_cases;  // by any bulletin that is not withdrawn
};
Result<Coverage> LoadCoverage(store::Connection& c);

Status InsertDelivery(store::Connection& c, std::int64_t bulletin_id,
                      const BulletinDelivery& delivery);
Result<std::vector<BulletinDelivery>> Deliveries(store::Connection& c, std::int64_t bulletin_id);

}  // namespace rutile::cases::bulletin_repository
