// SQL for the identity tables, written once for SQLite and PostgreSQL. Functions take an open
// connection so the service decides transaction boundaries. Internal to the identity module.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/result.h"
#include "rutile/identity/model.h"
#include "rutile/store/database.h"

namespace rutile::identity::repository {

struct StoredUser {
  User user;
  std::string password_hash;
};

Result<std::int64_t> InsertOrganization(store::Connection& c, const Organization& org);
Result<Organization> LoadOrganization(store::Connection& c, std::int64_t id);
Result<std::vector<Organization>> ListOrganizations(store::Connection& c,
                                                    const std::string& region);
Status UpdateRealName(store::Connection& c, std::int64_t org_id, RealNameStatus status,
                      const std::string& registration);

Result<std::int64_t> InsertUser(store::Connection& c, const User& user,
                                const std::string& password_hash);
Result<std::optional<StoredUser>> FindUserByEmail(store::Connection& c, const std::string& email);
Result<User> LoadUser(store::Connection& c, std::int64_t id);
Status InsertMembership(store::Connection& c, std::int64_t user_id, std::int64_t org_id,
                        access::OrgRole role);
Status InsertPlatformRole(store::Connection& c, std::int64_t user_id, access::PlatformRole role);
Result<std::vector<Member>> ListMembers(store::Connection& c, std::int64_t org_id);

Status InsertSession(store::Connection& c, const std::string& token_digest, std::int64_t user_id,
                     std::int64_t created_at, std::int64_t expires_at);
struct LiveSession {
  std::int64_t user_id = 0;
  std::int64_t expires_at = 0;
};
// The live session for a token digest, or nullopt when unknown or expired at `now`.
Result<std::optional<LiveSession>> SessionUser(store::Connection& c,
                                               const std::string& token_digest, std::int64_t now);
Status DeleteSession(store::Connection& c, const std::string& token_digest);
Result<access::Principal> LoadPrincipal(store::Connection& c, std::int64_t user_id);

// Failed logins in the current window for a throttle key ("account:x", "address:y").
Result<std::int64_t> RecentFailures(store::Connection& c, const std::string& key,
                                    std::int64_t window_start);
Status AddFailure(store::Connection& c, const std::string& key, std::int64_t now,
                  std::int64_t window_start);
Status ClearFailures(store::Connection& c, const std::string& key);

Result<std::int64_t> InsertPark(store::Connection& c, const Park& park);
Status SetParkManager(store::Connection& c, std::int64_t park_id, std::int64_t manager_org_id);
Result<std::optional<Park>> LoadPark(store::Connection& c, std::int64_t id);
Result<std::vector<Park>> ListParks(store::Connection& c, const std::string& region);

}  // namespace rutile::identity::repository
