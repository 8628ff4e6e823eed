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

// The membership role of a user in an organization, nullopt when not a member.
Result<std::optional<access::OrgRole>> MembershipRole(store::Connection& c, std::int64_t user_id,
                                                      std::int64_t org_id);
Status DeleteMembership(store::Connection& c, std::int64_t user_id, std::int64_t org_id);
Result<std::int64_t> CountAdmins(store::Connection& c, std::int64_t org_id);

// Memberships in a park or an association, set only by the operator or an approved request.
Status SetOrganizationPark(store::Connection& c, std::int64_t org_id, std::int64_t park_id);
Status AddAssociation(store::Connection& c, std::int64_t org_id, std::int64_t association_id);

// kAlreadyExists when the organization already has a pending request for the same target.
Result<std::int64_t> InsertJoinRequest(store::Connection& c, const JoinRequest& request);
Result<std::optional<JoinRequest>> LoadJoinRequest(store::Connection& c, std::int64_t id);
// Requests made by an organization, newest first.
Result<std::vector<JoinRequest>> ListJoinRequestsFrom(store::Connection& c, std::int64_t org_id);
// Requests addressed to an organization: to parks it manages or to it as an association.
Result<std::vector<JoinRequest>> ListJoinRequestsTo(store::Connection& c, std::int64_t org_id);
// Moves a pending request to `status`; false when it was no longer pending.
Result<bool> DecideJoinRequest(store::Connection& c, std::int64_t id, JoinRequestStatus status,
                               std::int64_t decided_by, std::int64_t decided_at);

// kAlreadyExists when a pending invitation of the same organization to the same e-mail exists.
Result<std::int64_t> InsertInvitation(store::Connection& c, const Invitation& invitation);
Result<std::optional<Invitation>> LoadInvitation(store::Connection& c, std::int64_t id);
Result<std::vector<Invitation>> ListInvitationsFrom(store::Connection& c, std::int64_t org_id);
Result<std::vector<Invitation>> ListPendingInvitationsFor(store::Connection& c,
                                                          const std::string& email);
// Moves a pending invitation to `status`; false when it was no longer pending.
Result<bool> DecideInvitation(store::Connection& c, std::int64_t id, InvitationStatus status,
                              std::int64_t decided_at);

Result<std::string> PasswordHash(store::Connection& c, std::int64_t user_id);
Status SetPasswordHash(store::Connection& c, std::int64_t user_id, const std::string& hash);

Status InsertSession(store::Connection& c, const std::string& token_digest, std::int64_t user_id,
                     std::int64_t created_at, std::int64_t expires_at);
struct LiveSession {
  std::int64_t user_id = 0;
  std::int64_t expires_at = 0;
  std::int64_t last_seen_at = 0;
};
// The live session for a token digest, or nullopt when unknown, expired at `now` or not seen
// since `idle_before`.
Result<std::optional<LiveSession>> SessionUser(store::Connection& c,
                                               const std::string& token_digest, std::int64_t now,
                                               std::int64_t idle_before);
Status TouchSession(store::Connection& c, const std::string& token_digest, std::int64_t now);
Status DeleteSession(store::Connection& c, const std::string& token_digest);
// Every session of the user except the one with `keep_digest` (may be empty: all of them).
Status DeleteUserSessions(store::Connection& c, std::int64_t user_id,
                          const std::string& keep_digest);
// Deletes sessions expired at `now` or idle since before `idle_before`; returns how many.
Result<std::int64_t> PurgeSessions(store::Connection& c, std::int64_t now,
                                   std::int64_t idle_before);
Result<access::Principal> LoadPrincipal(store::Connection& c, std::int64_t user_id);

// Counts one attempt for a throttle key ("pair:x|y", "address:y", "register:y") in one
// statement and returns the count in the current window including it. A window that ended
// before `window_start` starts again at this attempt.
Result<std::int64_t> CountAttempt(store::Connection& c, const std::string& key, std::int64_t now,
                                  std::int64_t window_start);
// Takes back one counted attempt (a successful log-in does not count against its address).
Status UncountAttempt(store::Connection& c, const std::string& key);
Status ClearFailures(store::Connection& c, const std::string& key);
// When the key's current window started (Unix seconds; 0 when it has none).
Result<std::int64_t> WindowStart(store::Connection& c, const std::string& key);
Status PurgeFailures(store::Connection& c, std::int64_t window_start);

Result<std::int64_t> InsertPark(store::Connection& c, const Park& park);
Status SetParkManager(store::Connection& c, std::int64_t park_id, std::int64_t manager_org_id);
Result<std::optional<Park>> LoadPark(store::Connection& c, std::int64_t id);
Result<std::vector<Park>> ListParks(store::Connection& c, const std::string& region);

}  // namespace rutile::identity::repository
