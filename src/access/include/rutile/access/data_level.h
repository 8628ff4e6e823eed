// The four data levels every record carries, and the reference to a record that the policy
// needs to decide a read or a write. Value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace rutile::access {

enum class DataLevel {
  kPrivate = 1,  // the owning organization only
  kShared = 2,   // + the parks and associations the owner shared it with
  kPublic = 3,   // desensitized: every registered user (visitors only when open_to_visitors)
  kMacro = 4,    // aggregates: regulator analysts (everyone once released)
};

std::string_view DataLevelName(DataLevel level);  // "private", "shared", "public", "macro"
std::optional<DataLevel> ParseDataLevel(std::string_view name);

enum class Action {
  kRead,
  kWrite,  // change or delete the record, or change its level or sharing
};

// What the policy needs to know about a record. Services fill it from the record's row.
struct RecordRef {
  std::int64_t owner_org_id = 0;
  DataLevel level = DataLevel::kPrivate;
  std::vector<std::int64_t> shared_park_ids;         // level 2: parks it is shared with
  std::vector<std::int64_t> shared_association_ids;  // level 2: associations it is shared with
  bool open_to_visitors = false;                     // level 3: also readable without an account
  bool released = false;                             // level 4: released to everyone
};

}  // namespace rutile::access
