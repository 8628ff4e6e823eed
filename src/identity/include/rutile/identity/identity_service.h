// IdentityService: organizations, users, memberships, sessions and real-name filing. Holds
// references to the database, clock and region catalog (all outliving it); thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/identity/credentials.h"
#include "rutile/identity/model.h"
#include "rutile/identity/regions.h"
#include "rutile/store/database.h"

namespace rutile::identity {

// A governance event for the public ledger: ids and a hash of canonical content only.
struct GovernanceEvent {
  std::string record_type;  // "organization.registered", "organization.real_name_approved"
  std::string record_id;
  std::string canonical_content;  // hashed by the ledger; never published itself
  std::int64_t org_id = 0;
  std::string region;
};
// Where governance events go. `ready` is asked before a change that will need recording, so a
// ledger that refuses writes stops the change instead of leaving it unrecorded.
struct GovernanceSink {
  std::function<Status()> ready;
  std::function<Status(const GovernanceEvent&)> record;
  explicit operator bool() const { return static_cast<bool>(record); }
};

struct IdentityOptions {
  // A session ends at the earlier of its absolute lifetime and this long without use.
  std::chrono::seconds session_ttl = std::chrono::hours(24 * 14);
  std::chrono::seconds session_idle_timeout = std::chrono::hours(48);
  PasswordCost password_cost = PasswordCost::kInteractive;
  // Log-in attempts per (account, source address) and per source address in one window. The
  // account key alone is never throttled, so a stranger cannot lock the owner out.
  int max_failures_per_account = 10;
  int max_failures_per_address = 50;
  std::chrono::seconds throttle_window = std::chrono::minutes(15);
  int max_registrations_per_address = 20;
  std::chrono::seconds registration_window = std::chrono::hours(1);
  // How long an authenticated session's principal is reused without a database lookup; a
  // membership change may take this long to reach other processes. 0 turns the cache off.
  std::chrono::seconds principal_cache_ttl{5};
};

class PrincipalCache;

// The field message of the problem refusing to leave or remove an organization's last admin.
inline constexpr const char* kLastAdminCode = "identity.last_admin";

struct NewOrganization {
  std::string name;
  std::string kind;  // OrgKind name
  std::string region;
  std::string industry;
  std::int64_t park_id = 0;
  std::optional<std::int64_t> headcount;
  std::optional<double> annual_revenue;
  std::vector<std::int64_t> association_ids;
};

struct NewUser {
  std::string email;
  std::string password;
  std::string name;
  std::string language = "en";
};

struct Session {
  std::string token;
  std::int64_t expires_at = 0;
  User user;
  std::int64_t max_age = 0;  // seconds from its start to expires_at (the cookie's Max-Age)
};

struct Registration {
  Organization organization;  // never in a park or association yet
  Session session;
  std::vector<JoinRequest> join_requests;  // for the park and associations it named
};

struct OrgWithRole {
  Organization organization;
  access::OrgRole role;
};

struct Me {
  User user;
  std::vector<OrgWithRole> organizations;
  std::vector<access::PlatformRole> platform_roles;
};

class IdentityService {
 public:
  IdentityService(store::Database& db, const Clock& clock, const RegionCatalog& regions,
                  IdentityOptions options, GovernanceSink governance = {});
  ~IdentityService();

  // Operator and command-line paths (no caller check: the caller is the operator).
  Result<Organization> CreateOrganization(const NewOrganization& input);
  Result<User> CreateUser(const NewUser& input, std::int64_t org_id, access::OrgRole role,
                          const std::vector<access::PlatformRole>& platform_roles = {});
  Result<Park> CreatePark(const std::string& name, const std::string& region,
                          std::int64_t manager_org_id);
  Status SetParkManager(std::int64_t park_id, std::int64_t manager_org_id);

  // Self-service registration of an enterprise or provider and its first admin. A park or
  // association named becomes a pending join request. kResourceExhausted when the address
  // (empty: not throttled, for in-process callers) registered too often recently.
  Result<Registration> Register(const NewUser& user, const NewOrganization& org,
                                const std::string& remote_address = "");

  // kUnauthenticated for a wrong e-mail or password (the same message for both);
  // kResourceExhausted when the account or the address has failed too often recently.
  Result<Session> Login(const std::string& email, const std::string& password,
                        const std::string& remote_address);
  Status Logout(const std::string& token);
  // Ends every session of the caller.
  Status LogoutEverywhere(const access::Principal& caller);
  // Requires the current password; ends every other session of the user and keeps the one
  // with `current_token`.
  Status ChangePassword(const access::Principal& caller, const std::string& current_token,
                        const std::string& current_password, const std::string& new_password);
  // Deletes expired and idle sessions and ended throttle windows; returns sessions deleted.
  Result<std::int64_t> PurgeExpiredSessions();
  // The principal behind a session token, or kUnauthenticated if unknown or expired.
  Result<access::Principal> Authenticate(const std::string& token);

  Result<Me> DescribeMe(const access::Principal& caller);
  Result<Organization> GetOrganization(const access::Principal& caller, std::int64_t org_id);
  Result<std::vector<Organization>> ListOrganizations(const std::string& region);
  Result<std::vector<Member>> ListMembers(const access::Principal& caller, std::int64_t org_id);
  // Invitations: an admin invites an e-mail with a role; the membership exists only once the
  // person with that e-mail accepts.
  Result<Invitation> Invite(const access::Principal& caller, std::int64_t org_id,
                            const std::string& email, access::OrgRole role);
  Result<std::vector<Invitation>> ListInvitations(const access::Principal& caller,
                                                  std::int64_t org_id);
  Result<Invitation> RevokeInvitation(const access::Principal& caller, std::int64_t invitation_id);
  Result<std::vector<Invitation>> MyInvitations(const access::Principal& caller);
  Result<Member> AcceptInvitation(const access::Principal& caller, std::int64_t invitation_id);
  Result<Invitation> DeclineInvitation(const access::Principal& caller, std::int64_t invitation_id);
  // kFailedPrecondition with field "user_id" = kLastAdminCode for the last administrator.
  Status LeaveOrganization(const access::Principal& caller, std::int64_t org_id);
  Status RemoveMember(const access::Principal& caller, std::int64_t org_id, std::int64_t user_id);

  // Join requests: an organization's admin asks to join a park or an association; the park's
  // managing organization's admins or the association's admins decide.
  Result<JoinRequest> RequestJoin(const access::Principal& caller, std::int64_t org_id,
                                  JoinTarget target, std::int64_t target_id);
  Result<std::vector<JoinRequest>> ListJoinRequests(const access::Principal& caller,
                                                    std::int64_t org_id);
  Result<std::vector<JoinRequest>> ListIncomingJoinRequests(const access::Principal& caller,
                                                            std::int64_t org_id);
  Result<JoinRequest> DecideJoinRequest(const access::Principal& caller, std::int64_t request_id,
                                        bool approve);
  Result<JoinRequest> WithdrawJoinRequest(const access::Principal& caller, std::int64_t request_id);
  Result<Organization> RequestRealNameFiling(const access::Principal& caller, std::int64_t org_id,
                                             const std::string& registration_number);
  Result<Organization> DecideRealNameFiling(const access::Principal& caller, std::int64_t org_id,
                                            bool approve);
  Result<std::vector<Park>> ListParks(const std::string& region);

  const RegionCatalog& regions() const { return regions_; }
  const IdentityOptions& options() const { return options_; }

 private:
  // With grant_memberships false, a park or associations named are checked but not set.
  Result<Organization> InsertOrganization(store::Connection& c, const NewOrganization& input,
                                          bool grant_memberships);
  Result<JoinRequest> CreateJoinRequest(store::Connection& c, const Organization& org,
                                        JoinTarget target, std::int64_t target_id,
                                        std::int64_t user_id);
  // The organization whose admins decide requests for the target (0: none yet).
  Result<std::int64_t> DecidingOrg(store::Connection& c, JoinTarget target, std::int64_t target_id);
  Status EndSessionsOf(std::int64_t user_id, const std::string& keep_digest);
  Status GovernanceReady() const;

  store::Database& db_;
  const Clock& clock_;
  const RegionCatalog& regions_;
  IdentityOptions options_;
  GovernanceSink governance_;
  std::unique_ptr<PrincipalCache> principals_;
};

}  // namespace rutile::identity
