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
  std::chrono::seconds session_ttl = std::chrono::hours(24 * 14);
  PasswordCost password_cost = PasswordCost::kInteractive;
  int max_failures_per_account = 10;
  int max_failures_per_address = 50;
  std::chrono::seconds throttle_window = std::chrono::minutes(15);
  // How long an authenticated session's principal is reused without a database lookup; a
  // membership change may take this long to reach other processes. 0 turns the cache off.
  std::chrono::seconds principal_cache_ttl{5};
};

class PrincipalCache;

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
};

struct Registration {
  Organization organization;
  Session session;
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

  // Self-service registration of an enterprise or provider and its first admin.
  Result<Registration> Register(const NewUser& user, const NewOrganization& org);

  // kUnauthenticated for a wrong e-mail or password (the same message for both);
  // kResourceExhausted when the account or the address has failed too often recently.
  Result<Session> Login(const std::string& email, const std::string& password,
                        const std::string& remote_address);
  Status Logout(const std::string& token);
  // The principal behind a session token, or kUnauthenticated if unknown or expired.
  Result<access::Principal> Authenticate(const std::string& token);

  Result<Me> DescribeMe(const access::Principal& caller);
  Result<Organization> GetOrganization(const access::Principal& caller, std::int64_t org_id);
  Result<std::vector<Organization>> ListOrganizations(const std::string& region);
  Result<std::vector<Member>> ListMembers(const access::Principal& caller, std::int64_t org_id);
  Result<Member> AddMember(const access::Principal& caller, std::int64_t org_id,
                           const std::string& email, access::OrgRole role);
  Result<Organization> RequestRealNameFiling(const access::Principal& caller, std::int64_t org_id,
                                             const std::string& registration_number);
  Result<Organization> DecideRealNameFiling(const access::Principal& caller, std::int64_t org_id,
                                            bool approve);
  Result<std::vector<Park>> ListParks(const std::string& region);

  const RegionCatalog& regions() const { return regions_; }

 private:
  Result<Organization> InsertOrganization(store::Connection& c, const NewOrganization& input);
  Status RecordFailure(const std::string& key, std::int64_t now);
  Status GovernanceReady() const;

  store::Database& db_;
  const Clock& clock_;
  const RegionCatalog& regions_;
  IdentityOptions options_;
  GovernanceSink governance_;
  std::unique_ptr<PrincipalCache> principals_;
};

}  // namespace rutile::identity
