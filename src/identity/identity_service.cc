#include "rutile/identity/identity_service.h"

#include <algorithm>

#include "identity_repository.h"
#include "principal_cache.h"
#include "rutile/access/policy.h"
#include "rutile/notifications/notification_service.h"
#include "validation.h"

namespace rutile::identity {
namespace {

using access::OrgRole;
using access::Principal;

// The record an organization's own data (members, filing) is checked against.
access::RecordRef OrgRecord(std::int64_t org_id) {
  return access::RecordRef{.owner_org_id = org_id, .level = access::DataLevel::kPrivate};
}

Status RequireAdmin(const Principal& caller, std::int64_t org_id) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  if (!caller.IsAdminOf(org_id))
    return PermissionDenied("only an administrator of the organization may do this");
  return Ok();
}

// Canonical content of an organization registration for the ledger: fixed key order and only
// non-personal facts, so the hash can be recomputed by anyone holding the record.
std::string RegistrationContent(const Organization& o) {
  return "{\"id\":" + std::to_string(o.id) + ",\"kind\":\"" + std::string(OrgKindName(o.kind)) +
         "\",\"region\":\"" + o.region + "\",\"created_at\":" + std::to_string(o.created_at) + "}";
}

// Checks that need no database: appends errors with field names under `prefix`.
void CheckOrganization(const NewOrganization& in, const RegionCatalog& regions,
                       const std::string& prefix, std::vector<FieldError>& errors) {
  CheckText(prefix + "name", in.name, 200, errors);
  if (!ParseOrgKind(in.kind))
    errors.push_back({prefix + "kind", "unknown organization kind '" + in.kind + "'"});
  if (regions.FindRegion(in.region) == nullptr)
    errors.push_back({prefix + "region", "unknown region '" + in.region + "'"});
  if (!in.industry.empty() && !regions.HasIndustry(in.industry))
    errors.push_back({prefix + "industry", "unknown industry '" + in.industry + "'"});
  if (in.headcount && (*in.headcount < 0 || *in.headcount > 10'000'000))
    errors.push_back({prefix + "headcount", "must be between 0 and 10000000"});
  if (in.annual_revenue && !(*in.annual_revenue >= 0 && *in.annual_revenue < 1e15))
    errors.push_back({prefix + "annual_revenue", "must be zero or more"});
}

}  // namespace

IdentityService::IdentityService(store::Database& db, const Clock& clock,
                                 const RegionCatalog& regions, IdentityOptions options,
                                 GovernanceSink governance)
    : db_(db),
      clock_(clock),
      regions_(regions),
      options_(options),
      governance_(std::move(governance)),
      principals_(std::make_unique<PrincipalCache>(options_.principal_cache_ttl.count(), 100000)) {}

IdentityService::~IdentityService() = default;

Result<Organization> IdentityService::InsertOrganization(store::Connection& c,
                                                         const NewOrganization& in) {
  std::vector<FieldError> errors;
  CheckOrganization(in, regions_, "", errors);
  auto kind = ParseOrgKind(in.kind);
  const Region* region = regions_.FindRegion(in.region);
  if (in.park_id != 0) {
    RUTILE_ASSIGN_OR_RETURN(auto park, repository::LoadPark(c, in.park_id));
    if (!park) {
      errors.push_back({"park_id", "no park with this id"});
    } else if (region != nullptr && park->region != region->code) {
      errors.push_back({"park_id", "the park is in region " + park->region});
    }
  }
  for (std::size_t i = 0; i < in.association_ids.size(); ++i) {
    auto assoc = repository::LoadOrganization(c, in.association_ids[i]);
    if (!assoc.has_value() || assoc->kind != OrgKind::kAssociation)
      errors.push_back({"association_ids[" + std::to_string(i) + "]", "not an association"});
  }
  if (!errors.empty()) return InvalidArgument("the organization is not valid", std::move(errors));

  Organization o;
  o.name = in.name;
  o.kind = *kind;
  o.region = region->code;
  o.industry = in.industry;
  o.park_id = in.park_id;
  o.headcount = in.headcount;
  o.annual_revenue = in.annual_revenue;
  if (in.headcount && in.annual_revenue)
    o.scale_class = ClassifyScale(region->thresholds, *in.headcount, *in.annual_revenue);
  o.association_ids = in.association_ids;
  o.created_at = UnixSeconds(clock_.Now());
  auto id = repository::InsertOrganization(c, o);
  if (!id.has_value()) {
    if (id.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("an organization named '" + in.name + "' already exists in " + o.region);
    return std::move(id).error();
  }
  o.id = *id;
  return o;
}

Status IdentityService::GovernanceReady() const {
  if (governance_ && governance_.ready) return governance_.ready();
  return Ok();
}

Result<Organization> IdentityService::CreateOrganization(const NewOrganization& input) {
  RUTILE_TRY(GovernanceReady());
  RUTILE_ASSIGN_OR_RETURN(Organization org, store::Write(db_, [&](store::Connection& c) {
                            return InsertOrganization(c, input);
                          }));
  if (governance_) {
    RUTILE_TRY(governance_.record(GovernanceEvent{"organization.registered", std::to_string(org.id),
                                                  RegistrationContent(org), org.id, org.region}));
  }
  return org;
}

Result<User> IdentityService::CreateUser(const NewUser& in, std::int64_t org_id, OrgRole role,
                                         const std::vector<access::PlatformRole>& roles) {
  std::vector<FieldError> errors;
  std::string email = NormalizeEmail(in.email);
  CheckEmail("email", email, errors);
  CheckPassword("password", in.password, errors);
  CheckText("name", in.name, 200, errors);
  CheckLanguage("language", in.language, errors);
  if (!errors.empty()) return InvalidArgument("the user is not valid", std::move(errors));
  RUTILE_ASSIGN_OR_RETURN(std::string hash, HashPassword(in.password, options_.password_cost));
  return store::Write(db_, [&](store::Connection& c) -> Result<User> {
    RUTILE_TRY(repository::LoadOrganization(c, org_id));
    User u{.email = email,
           .name = in.name,
           .language = in.language,
           .created_at = UnixSeconds(clock_.Now())};
    auto id = repository::InsertUser(c, u, hash);
    if (!id.has_value()) {
      if (id.error().code() == ErrorCode::kAlreadyExists)
        return AlreadyExists("a user with e-mail " + email + " already exists");
      return std::move(id).error();
    }
    u.id = *id;
    RUTILE_TRY(repository::InsertMembership(c, u.id, org_id, role));
    for (auto r : roles) RUTILE_TRY(repository::InsertPlatformRole(c, u.id, r));
    return u;
  });
}

Result<Park> IdentityService::CreatePark(const std::string& name, const std::string& region,
                                         std::int64_t manager_org_id) {
  std::vector<FieldError> errors;
  CheckText("name", name, 200, errors);
  if (regions_.FindRegion(region) == nullptr)
    errors.push_back({"region", "unknown region '" + region + "'"});
  if (!errors.empty()) return InvalidArgument("the park is not valid", std::move(errors));
  return store::Write(db_, [&](store::Connection& c) -> Result<Park> {
    Park p{0, name, region, manager_org_id};
    auto id = repository::InsertPark(c, p);
    if (!id.has_value()) {
      if (id.error().code() == ErrorCode::kAlreadyExists)
        return AlreadyExists("a park named '" + name + "' already exists");
      return std::move(id).error();
    }
    p.id = *id;
    return p;
  });
}

Status IdentityService::SetParkManager(std::int64_t park_id, std::int64_t manager_org_id) {
  return store::Write(db_, [&](store::Connection& c) {
    return repository::SetParkManager(c, park_id, manager_org_id);
  });
}

Result<Registration> IdentityService::Register(const NewUser& user_in,
                                               const NewOrganization& org_in) {
  std::vector<FieldError> errors;
  std::string email = NormalizeEmail(user_in.email);
  CheckEmail("email", email, errors);
  CheckPassword("password", user_in.password, errors);
  CheckText("name", user_in.name, 200, errors);
  CheckLanguage("language", user_in.language, errors);
  CheckOrganization(org_in, regions_, "organization.", errors);
  auto kind = ParseOrgKind(org_in.kind);
  if (kind && !SelfRegistrable(*kind))
    errors.push_back({"organization.kind",
                      "this kind of organization is set up by the platform "
                      "operator; choose an enterprise kind"});
  if (!errors.empty()) return InvalidArgument("the registration is not valid", std::move(errors));

  RUTILE_TRY(GovernanceReady());
  RUTILE_ASSIGN_OR_RETURN(std::string hash, HashPassword(user_in.password, options_.password_cost));
  const std::int64_t now = UnixSeconds(clock_.Now());
  const std::string token = NewSessionToken();
  const std::int64_t expires_at = now + options_.session_ttl.count();
  RUTILE_ASSIGN_OR_RETURN(
      Registration reg, store::Write(db_, [&](store::Connection& c) -> Result<Registration> {
        auto org = InsertOrganization(c, org_in);
        if (!org.has_value()) {
          // Report organization field errors under "organization.".
          Error e = std::move(org).error();
          std::vector<FieldError> prefixed;
          for (const auto& f : e.fields())
            prefixed.push_back({"organization." + f.field, f.message});
          return Error(e.code(), e.message(), std::move(prefixed));
        }
        User u{
            .email = email, .name = user_in.name, .language = user_in.language, .created_at = now};
        auto id = repository::InsertUser(c, u, hash);
        if (!id.has_value()) {
          if (id.error().code() == ErrorCode::kAlreadyExists)
            return InvalidArgument("the registration is not valid",
                                   {{"email", "an account with this e-mail already exists"}});
          return std::move(id).error();
        }
        u.id = *id;
        RUTILE_TRY(repository::InsertMembership(c, u.id, org->id, OrgRole::kAdmin));
        RUTILE_TRY(repository::InsertSession(c, TokenDigest(token), u.id, now, expires_at));
        return Registration{*org, Session{token, expires_at, u}};
      }));
  if (governance_) {
    const Organization& o = reg.organization;
    RUTILE_TRY(governance_.record(GovernanceEvent{"organization.registered", std::to_string(o.id),
                                                  RegistrationContent(o), o.id, o.region}));
  }
  return reg;
}

Status IdentityService::RecordFailure(const std::string& key, std::int64_t now) {
  const std::int64_t window_start = now - options_.throttle_window.count();
  return store::Write(
      db_, [&](store::Connection& c) { return repository::AddFailure(c, key, now, window_start); });
}

Result<Session> IdentityService::Login(const std::string& email_in, const std::string& password,
                                       const std::string& remote_address) {
  const std::string email = NormalizeEmail(email_in);
  if (email.empty() || password.empty()) return InvalidArgument("e-mail and password are required");
  const std::int64_t now = UnixSeconds(clock_.Now());
  const std::int64_t window_start = now - options_.throttle_window.count();
  const std::string account_key = "account:" + email;
  const std::string address_key = "address:" + remote_address;

  RUTILE_ASSIGN_OR_RETURN(
      auto found,
      store::Read(db_, [&](store::Connection& c) -> Result<std::optional<repository::StoredUser>> {
        RUTILE_ASSIGN_OR_RETURN(auto account,
                                repository::RecentFailures(c, account_key, window_start));
        RUTILE_ASSIGN_OR_RETURN(auto address,
                                repository::RecentFailures(c, address_key, window_start));
        if (account >= options_.max_failures_per_account ||
            address >= options_.max_failures_per_address)
          return ResourceExhausted("too many failed log-ins; try again in " +
                                   std::to_string(options_.throttle_window.count() / 60) +
                                   " minutes");
        return repository::FindUserByEmail(c, email);
      }));

  // Verify against a fixed hash when the account does not exist, so timing does not tell
  // which e-mail addresses have accounts.
  static const std::string kDummyHash =
      HashPassword("not a real password", PasswordCost::kInteractive).value_or("");
  bool ok = found ? VerifyPassword(password, found->password_hash)
                  : (VerifyPassword(password, kDummyHash), false);
  if (!ok) {
    RUTILE_TRY(RecordFailure(account_key, now));
    RUTILE_TRY(RecordFailure(address_key, now));
    return Unauthenticated("wrong e-mail or password");
  }

  const std::string token = NewSessionToken();
  const std::int64_t expires_at = now + options_.session_ttl.count();
  RUTILE_TRY(store::Write(db_, [&](store::Connection& c) -> Status {
    RUTILE_TRY(repository::ClearFailures(c, account_key));
    return repository::InsertSession(c, TokenDigest(token), found->user.id, now, expires_at);
  }));
  return Session{token, expires_at, found->user};
}

Status IdentityService::Logout(const std::string& token) {
  const std::string digest = TokenDigest(token);
  principals_->Erase(digest);
  return store::Write(db_,
                      [&](store::Connection& c) { return repository::DeleteSession(c, digest); });
}

Result<Principal> IdentityService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 256) return Unauthenticated("invalid or expired token");
  const std::string digest = TokenDigest(token);
  const std::int64_t now = UnixSeconds(clock_.Now());
  if (auto cached = principals_->Find(digest, now)) return *std::move(cached);
  std::int64_t expires_at = 0;
  RUTILE_ASSIGN_OR_RETURN(
      Principal principal, store::Read(db_, [&](store::Connection& c) -> Result<Principal> {
        RUTILE_ASSIGN_OR_RETURN(auto session, repository::SessionUser(c, digest, now));
        if (!session) return Unauthenticated("invalid or expired token");
        expires_at = session->expires_at;
        return repository::LoadPrincipal(c, session->user_id);
      }));
  principals_->Put(digest, principal, expires_at, now);
  return principal;
}

Result<Me> IdentityService::DescribeMe(const Principal& caller) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  return store::Read(db_, [&](store::Connection& c) -> Result<Me> {
    Me me;
    RUTILE_ASSIGN_OR_RETURN(me.user, repository::LoadUser(c, caller.user_id));
    for (const auto& m : caller.memberships) {
      RUTILE_ASSIGN_OR_RETURN(auto org, repository::LoadOrganization(c, m.org_id));
      me.organizations.push_back(OrgWithRole{std::move(org), m.role});
    }
    me.platform_roles = caller.platform_roles;
    return me;
  });
}

Result<Organization> IdentityService::GetOrganization(const Principal& caller,
                                                      std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(Organization org, store::Read(db_, [&](store::Connection& c) {
                            return repository::LoadOrganization(c, org_id);
                          }));
  // The profile (name, kind, region, park, scale) is public; the figures behind the scale class
  // are the organization's own.
  if (!access::Allowed(caller, access::Action::kRead, OrgRecord(org_id))) {
    org.headcount.reset();
    org.annual_revenue.reset();
  }
  return org;
}

Result<std::vector<Organization>> IdentityService::ListOrganizations(const std::string& region) {
  RUTILE_ASSIGN_OR_RETURN(auto orgs, store::Read(db_, [&](store::Connection& c) {
                            return repository::ListOrganizations(c, region);
                          }));
  return orgs;
}

Result<std::vector<Member>> IdentityService::ListMembers(const Principal& caller,
                                                         std::int64_t org_id) {
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, OrgRecord(org_id)));
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Member>> {
    RUTILE_TRY(repository::LoadOrganization(c, org_id));
    return repository::ListMembers(c, org_id);
  });
}

Result<Member> IdentityService::AddMember(const Principal& caller, std::int64_t org_id,
                                          const std::string& email_in, OrgRole role) {
  RUTILE_TRY(RequireAdmin(caller, org_id));
  const std::string email = NormalizeEmail(email_in);
  auto result = store::Write(db_, [&](store::Connection& c) -> Result<Member> {
    RUTILE_ASSIGN_OR_RETURN(auto user, repository::FindUserByEmail(c, email));
    if (!user)
      return InvalidArgument("no such user", {{"email", "no account uses this e-mail address"}});
    auto added = repository::InsertMembership(c, user->user.id, org_id, role);
    if (!added.has_value()) {
      if (added.error().code() == ErrorCode::kAlreadyExists)
        return AlreadyExists(email + " is already a member");
      return std::move(added).error();
    }
    RUTILE_ASSIGN_OR_RETURN(auto org, repository::LoadOrganization(c, org_id));
    RUTILE_TRY(notifications::NotificationService::NotifyUserIn(
        c, user->user.id,
        {"identity.member_added", "You were added to " + org.name,
         "Role: " + std::string(OrgRoleName(role)), "/orgs/" + std::to_string(org_id)},
        UnixSeconds(clock_.Now())));
    return Member{user->user.id, user->user.email, user->user.name, role};
  });
  // The new member's cached principal (if any) lacks this membership.
  if (result.has_value()) principals_->Clear();
  return result;
}

Result<Organization> IdentityService::RequestRealNameFiling(const Principal& caller,
                                                            std::int64_t org_id,
                                                            const std::string& registration) {
  RUTILE_TRY(RequireAdmin(caller, org_id));
  std::vector<FieldError> errors;
  CheckText("registration_number", registration, 64, errors);
  if (!errors.empty()) return InvalidArgument("the filing is not valid", std::move(errors));
  return store::Write(db_, [&](store::Connection& c) -> Result<Organization> {
    RUTILE_ASSIGN_OR_RETURN(auto org, repository::LoadOrganization(c, org_id));
    if (org.real_name_status == RealNameStatus::kApproved)
      return Conflict("the organization's real-name filing is already approved");
    RUTILE_TRY(repository::UpdateRealName(c, org_id, RealNameStatus::kPending, registration));
    org.real_name_status = RealNameStatus::kPending;
    return org;
  });
}

Result<Organization> IdentityService::DecideRealNameFiling(const Principal& caller,
                                                           std::int64_t org_id, bool approve) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  if (!caller.HasPlatformRole(access::PlatformRole::kOperator))
    return PermissionDenied("only the platform operator decides real-name filings");
  if (approve) RUTILE_TRY(GovernanceReady());
  RUTILE_ASSIGN_OR_RETURN(
      Organization org, store::Write(db_, [&](store::Connection& c) -> Result<Organization> {
        RUTILE_ASSIGN_OR_RETURN(auto o, repository::LoadOrganization(c, org_id));
        if (o.real_name_status != RealNameStatus::kPending)
          return Conflict("the organization has no pending real-name filing (status: " +
                          std::string(RealNameStatusName(o.real_name_status)) + ")");
        o.real_name_status = approve ? RealNameStatus::kApproved : RealNameStatus::kRejected;
        RUTILE_ASSIGN_OR_RETURN(auto rows,
                                c.Query("SELECT real_name_registration FROM organizations "
                                        "WHERE id = ?",
                                        {org_id}));
        RUTILE_TRY(repository::UpdateRealName(c, org_id, o.real_name_status, rows.at(0).Text(0)));
        RUTILE_TRY(notifications::NotificationService::NotifyOrganizationIn(
            c, org_id,
            {"identity.real_name_decided",
             approve ? "Real-name filing approved" : "Real-name filing rejected",
             approve ? "Your organization is now a real-name filed enterprise."
                     : "Your filing was not accepted; check the registration number and file "
                       "again.",
             "/orgs/" + std::to_string(org_id)},
            true, UnixSeconds(clock_.Now())));
        return o;
      }));
  if (approve && governance_) {
    std::string content =
        "{\"id\":" + std::to_string(org.id) +
        ",\"real_name_status\":\"approved\",\"decided_by\":" + std::to_string(caller.user_id) + "}";
    RUTILE_TRY(governance_.record(GovernanceEvent{
        "organization.real_name_approved", std::to_string(org.id), content, org.id, org.region}));
  }
  return org;
}

Result<std::vector<Park>> IdentityService::ListParks(const std::string& region) {
  return store::Read(db_, [&](store::Connection& c) { return repository::ListParks(c, region); });
}

}  // namespace rutile::identity
