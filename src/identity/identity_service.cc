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
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
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

// A notice as a message code with its parameters (ids only); the reader's client renders it.
notifications::Message Notice(const std::string& code,
                              const std::vector<std::pair<std::string, std::string>>& params,
                              std::string link) {
  std::string body = "{";
  for (std::size_t i = 0; i < params.size(); ++i)
    body += (i ? ",\"" : "\"") + params[i].first + "\":" + params[i].second;
  body += "}";
  return notifications::Message{code, code, body, std::move(link)};
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Canonical content of a join decision for the ledger: ids and states only.
std::string JoinDecisionContent(const JoinRequest& r) {
  return "{\"request_id\":" + std::to_string(r.id) + ",\"org_id\":" + std::to_string(r.org_id) +
         ",\"target\":\"" + std::string(JoinTargetName(r.target)) +
         "\",\"target_id\":" + std::to_string(r.target_id) + ",\"status\":\"" +
         std::string(JoinRequestStatusName(r.status)) +
         "\",\"decided_by\":" + std::to_string(r.decided_by) +
         ",\"decided_at\":" + std::to_string(r.decided_at) + "}";
}

Error LastAdmin() {
  return Error(ErrorCode::kFailedPrecondition,
               "the last administrator cannot leave the organization; make another member "
               "administrator first",
               {{"user_id", kLastAdminCode}});
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
                                                         const NewOrganization& in,
                                                         bool grant_memberships) {
  std::vector<FieldError> errors;
  CheckOrganization(in, regions_, "", errors);
  auto kind = ParseOrgKind(in.kind);
  const Region* region = regions_.FindRegion(in.region);
  if (in.park_id != 0) {
    RUTILE_ASSIGN_OR_RETURN(auto park, repository::LoadPark(c, in.park_id));
    if (!park) {
      errors.push_back({"park_id", "no park with this id", "identity.no_such_park"});
    } else if (region != nullptr && park->region != region->code) {
      errors.push_back(
          {"park_id", "the park is in region " + park->region, "identity.park_other_region"});
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
  if (!grant_memberships) {
    o.park_id = 0;
    o.association_ids.clear();
  }
  o.created_at = UnixSeconds(clock_.Now());
  auto id = repository::InsertOrganization(c, o);
  if (!id.has_value()) {
    if (id.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("an organization named '" + in.name + "' already exists in " + o.region)
          .WithMessageCode("identity.org_name_taken", {{"name", in.name}});
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
                            return InsertOrganization(c, input, true);
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
        return AlreadyExists("a user with e-mail " + email + " already exists")
            .WithMessageCode("identity.email_taken");
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
                                               const NewOrganization& org_in,
                                               const std::string& remote_address) {
  if (!remote_address.empty()) {
    const std::int64_t now = UnixSeconds(clock_.Now());
    const std::int64_t window_start = now - options_.registration_window.count();
    RUTILE_ASSIGN_OR_RETURN(auto count, store::Write(db_, [&](store::Connection& c) {
                              return repository::CountAttempt(c, "register:" + remote_address, now,
                                                              window_start);
                            }));
    if (count > options_.max_registrations_per_address)
      return ResourceExhausted("too many registrations from this address; try again later");
  }
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
        auto org = InsertOrganization(c, org_in, false);
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
            return InvalidArgument(
                "the registration is not valid",
                {{"email", "an account with this e-mail already exists", "identity.email_taken"}});
          return std::move(id).error();
        }
        u.id = *id;
        RUTILE_TRY(repository::InsertMembership(c, u.id, org->id, OrgRole::kAdmin));
        RUTILE_TRY(repository::InsertSession(c, TokenDigest(token), u.id, now, expires_at));
        Registration out{*org, Session{token, expires_at, u, options_.session_ttl.count()}, {}};
        // Memberships named at registration are requests the park or association decides.
        std::vector<std::pair<JoinTarget, std::int64_t>> wanted;
        if (org_in.park_id != 0) wanted.push_back({JoinTarget::kPark, org_in.park_id});
        for (auto a : org_in.association_ids) wanted.push_back({JoinTarget::kAssociation, a});
        for (const auto& [target, target_id] : wanted) {
          bool duplicate = false;
          for (const auto& r : out.join_requests)
            duplicate = duplicate || (r.target == target && r.target_id == target_id);
          if (duplicate) continue;
          RUTILE_ASSIGN_OR_RETURN(auto request,
                                  CreateJoinRequest(c, out.organization, target, target_id, u.id));
          out.join_requests.push_back(std::move(request));
        }
        return out;
      }));
  if (governance_) {
    const Organization& o = reg.organization;
    RUTILE_TRY(governance_.record(GovernanceEvent{"organization.registered", std::to_string(o.id),
                                                  RegistrationContent(o), o.id, o.region}));
  }
  return reg;
}

Result<Session> IdentityService::Login(const std::string& email_in, const std::string& password,
                                       const std::string& remote_address) {
  const std::string email = NormalizeEmail(email_in);
  if (email.empty() || password.empty())
    return InvalidArgument("e-mail and password are required")
        .WithMessageCode("identity.login_required");
  const std::int64_t now = UnixSeconds(clock_.Now());
  const std::int64_t window_start = now - options_.throttle_window.count();
  // Keyed per (account, address): a stranger's guesses from elsewhere never lock the owner out.
  const std::string pair_key = "pair:" + email + "|" + remote_address;
  const std::string address_key = "address:" + remote_address;

  // Each attempt is counted before the password is checked, in the same transaction as the
  // check, so parallel guesses cannot pass the limit; a refused attempt rolls back its count.
  RUTILE_TRY(store::Write(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(auto pair, repository::CountAttempt(c, pair_key, now, window_start));
    RUTILE_ASSIGN_OR_RETURN(auto address,
                            repository::CountAttempt(c, address_key, now, window_start));
    if (pair > options_.max_failures_per_account || address > options_.max_failures_per_address)
      return ResourceExhausted("too many failed log-ins; try again in " +
                               std::to_string(options_.throttle_window.count() / 60) + " minutes");
    return Ok();
  }));
  RUTILE_ASSIGN_OR_RETURN(auto found, store::Read(db_, [&](store::Connection& c) {
                            return repository::FindUserByEmail(c, email);
                          }));

  // Verify against a fixed hash when the account does not exist, so timing does not tell
  // which e-mail addresses have accounts.
  static const std::string kDummyHash =
      HashPassword("not a real password", PasswordCost::kInteractive).value_or("");
  bool ok = found ? VerifyPassword(password, found->password_hash)
                  : (VerifyPassword(password, kDummyHash), false);
  if (!ok)
    return Unauthenticated("wrong e-mail or password").WithMessageCode("identity.wrong_login");

  const std::string token = NewSessionToken();
  const std::int64_t expires_at = now + options_.session_ttl.count();
  RUTILE_TRY(store::Write(db_, [&](store::Connection& c) -> Status {
    RUTILE_TRY(repository::ClearFailures(c, pair_key));
    RUTILE_TRY(repository::UncountAttempt(c, address_key));
    return repository::InsertSession(c, TokenDigest(token), found->user.id, now, expires_at);
  }));
  return Session{token, expires_at, found->user, options_.session_ttl.count()};
}

Status IdentityService::Logout(const std::string& token) {
  const std::string digest = TokenDigest(token);
  principals_->Erase(digest);
  return store::Write(db_,
                      [&](store::Connection& c) { return repository::DeleteSession(c, digest); });
}

Status IdentityService::EndSessionsOf(std::int64_t user_id, const std::string& keep_digest) {
  RUTILE_TRY(store::Write(db_, [&](store::Connection& c) {
    return repository::DeleteUserSessions(c, user_id, keep_digest);
  }));
  // The cache is keyed by token digests it cannot map to users; start it afresh.
  principals_->Clear();
  return Ok();
}

Status IdentityService::LogoutEverywhere(const Principal& caller) {
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
  return EndSessionsOf(caller.user_id, "");
}

Status IdentityService::ChangePassword(const Principal& caller, const std::string& current_token,
                                       const std::string& current_password,
                                       const std::string& new_password) {
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
  std::vector<FieldError> errors;
  if (current_password.empty()) errors.push_back({"current_password", "is required"});
  CheckPassword("new_password", new_password, errors);
  if (!errors.empty()) return InvalidArgument("the new password is not valid", std::move(errors));
  const std::int64_t now = UnixSeconds(clock_.Now());
  // Wrong current passwords are throttled like log-ins, so a stolen session cannot guess it.
  const std::string key = "password:" + std::to_string(caller.user_id);
  RUTILE_TRY(store::Write(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(
        auto count, repository::CountAttempt(c, key, now, now - options_.throttle_window.count()));
    if (count > options_.max_failures_per_account)
      return ResourceExhausted("too many wrong passwords; try again later");
    return Ok();
  }));
  RUTILE_ASSIGN_OR_RETURN(auto stored, store::Read(db_, [&](store::Connection& c) {
                            return repository::PasswordHash(c, caller.user_id);
                          }));
  if (!VerifyPassword(current_password, stored))
    return InvalidArgument(
               "the current password is wrong",
               {{"current_password", "the current password is wrong", "identity.wrong_password"}})
        .WithMessageCode("identity.wrong_password");
  RUTILE_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password, options_.password_cost));
  const std::string keep = current_token.empty() ? std::string() : TokenDigest(current_token);
  RUTILE_TRY(store::Write(db_, [&](store::Connection& c) -> Status {
    RUTILE_TRY(repository::SetPasswordHash(c, caller.user_id, hash));
    RUTILE_TRY(repository::ClearFailures(c, key));
    return repository::DeleteUserSessions(c, caller.user_id, keep);
  }));
  principals_->Clear();
  return Ok();
}

Result<std::int64_t> IdentityService::PurgeExpiredSessions() {
  const std::int64_t now = UnixSeconds(clock_.Now());
  const auto window = std::max(options_.throttle_window, options_.registration_window);
  return store::Write(db_, [&](store::Connection& c) -> Result<std::int64_t> {
    RUTILE_ASSIGN_OR_RETURN(auto purged, repository::PurgeSessions(
                                             c, now, now - options_.session_idle_timeout.count()));
    RUTILE_TRY(repository::PurgeFailures(c, now - window.count()));
    return purged;
  });
}

Result<Principal> IdentityService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 256)
    return Unauthenticated("invalid or expired token").WithMessageCode("identity.session_expired");
  const std::string digest = TokenDigest(token);
  const std::int64_t now = UnixSeconds(clock_.Now());
  if (auto cached = principals_->Find(digest, now)) return *std::move(cached);
  std::int64_t expires_at = 0;
  std::int64_t last_seen_at = 0;
  const std::int64_t idle_before = now - options_.session_idle_timeout.count();
  RUTILE_ASSIGN_OR_RETURN(
      Principal principal, store::Read(db_, [&](store::Connection& c) -> Result<Principal> {
        RUTILE_ASSIGN_OR_RETURN(auto session, repository::SessionUser(c, digest, now, idle_before));
        if (!session)
          return Unauthenticated("invalid or expired token")
              .WithMessageCode("identity.session_expired");
        expires_at = session->expires_at;
        last_seen_at = session->last_seen_at;
        return repository::LoadPrincipal(c, session->user_id);
      }));
  // Last use is written at most once a minute, so reads stay reads.
  if (now - last_seen_at >= 60) {
    RUTILE_TRY(store::Write(
        db_, [&](store::Connection& c) { return repository::TouchSession(c, digest, now); }));
  }
  principals_->Put(digest, principal, expires_at, now);
  return principal;
}

Result<Me> IdentityService::DescribeMe(const Principal& caller) {
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
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

Result<Invitation> IdentityService::Invite(const Principal& caller, std::int64_t org_id,
                                           const std::string& email_in, OrgRole role) {
  RUTILE_TRY(RequireAdmin(caller, org_id));
  const std::string email = NormalizeEmail(email_in);
  std::vector<FieldError> errors;
  CheckEmail("email", email, errors);
  if (!errors.empty()) return InvalidArgument("the invitation is not valid", std::move(errors));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Invitation> {
    RUTILE_ASSIGN_OR_RETURN(auto org, repository::LoadOrganization(c, org_id));
    RUTILE_ASSIGN_OR_RETURN(auto user, repository::FindUserByEmail(c, email));
    if (user) {
      RUTILE_ASSIGN_OR_RETURN(auto existing, repository::MembershipRole(c, user->user.id, org_id));
      if (existing) return AlreadyExists(email + " is already a member");
    }
    Invitation inv;
    inv.org_id = org_id;
    inv.org_name = org.name;
    inv.email = email;
    inv.role = role;
    inv.invited_by = caller.user_id;
    inv.created_at = now;
    auto id = repository::InsertInvitation(c, inv);
    if (!id.has_value()) {
      if (id.error().code() == ErrorCode::kAlreadyExists)
        return AlreadyExists(email + " already has a pending invitation");
      return std::move(id).error();
    }
    inv.id = *id;
    if (user) {
      RUTILE_TRY(notifications::NotificationService::NotifyUserIn(
          c, user->user.id,
          Notice("identity.invitation_received",
                 {{"invitation_id", std::to_string(inv.id)},
                  {"org_id", std::to_string(org_id)},
                  {"role", Quoted(OrgRoleName(role))}},
                 "/account"),
          now));
    }
    return inv;
  });
}

Result<std::vector<Invitation>> IdentityService::ListInvitations(const Principal& caller,
                                                                 std::int64_t org_id) {
  RUTILE_TRY(RequireAdmin(caller, org_id));
  return store::Read(
      db_, [&](store::Connection& c) { return repository::ListInvitationsFrom(c, org_id); });
}

Result<Invitation> IdentityService::RevokeInvitation(const Principal& caller,
                                                     std::int64_t invitation_id) {
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Invitation> {
    RUTILE_ASSIGN_OR_RETURN(auto inv, repository::LoadInvitation(c, invitation_id));
    if (!inv || !caller.IsMemberOf(inv->org_id))
      return NotFound("invitation " + std::to_string(invitation_id) + " does not exist");
    RUTILE_TRY(RequireAdmin(caller, inv->org_id));
    RUTILE_ASSIGN_OR_RETURN(
        bool changed, repository::DecideInvitation(c, inv->id, InvitationStatus::kRevoked, now));
    if (!changed) return Conflict("the invitation is no longer pending");
    inv->status = InvitationStatus::kRevoked;
    inv->decided_at = now;
    return *inv;
  });
}

Result<std::vector<Invitation>> IdentityService::MyInvitations(const Principal& caller) {
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Invitation>> {
    RUTILE_ASSIGN_OR_RETURN(auto user, repository::LoadUser(c, caller.user_id));
    return repository::ListPendingInvitationsFor(c, user.email);
  });
}

Result<Member> IdentityService::AcceptInvitation(const Principal& caller,
                                                 std::int64_t invitation_id) {
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
  const std::int64_t now = UnixSeconds(clock_.Now());
  auto result = store::Write(db_, [&](store::Connection& c) -> Result<Member> {
    RUTILE_ASSIGN_OR_RETURN(auto user, repository::LoadUser(c, caller.user_id));
    RUTILE_ASSIGN_OR_RETURN(auto inv, repository::LoadInvitation(c, invitation_id));
    // Someone else's invitation is not revealed.
    if (!inv || inv->email != user.email)
      return NotFound("invitation " + std::to_string(invitation_id) + " does not exist");
    RUTILE_ASSIGN_OR_RETURN(
        bool changed, repository::DecideInvitation(c, inv->id, InvitationStatus::kAccepted, now));
    if (!changed) return Conflict("the invitation is no longer pending");
    auto added = repository::InsertMembership(c, user.id, inv->org_id, inv->role);
    if (!added.has_value()) {
      if (added.error().code() == ErrorCode::kAlreadyExists)
        return AlreadyExists("you are already a member");
      return std::move(added).error();
    }
    RUTILE_TRY(notifications::NotificationService::NotifyOrganizationIn(
        c, inv->org_id,
        Notice("identity.invitation_accepted",
               {{"invitation_id", std::to_string(inv->id)}, {"user_id", std::to_string(user.id)}},
               "/orgs/" + std::to_string(inv->org_id)),
        true, now));
    return Member{user.id, user.email, user.name, inv->role};
  });
  // The new member's cached principal lacks this membership.
  if (result.has_value()) principals_->Clear();
  return result;
}

Result<Invitation> IdentityService::DeclineInvitation(const Principal& caller,
                                                      std::int64_t invitation_id) {
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Invitation> {
    RUTILE_ASSIGN_OR_RETURN(auto user, repository::LoadUser(c, caller.user_id));
    RUTILE_ASSIGN_OR_RETURN(auto inv, repository::LoadInvitation(c, invitation_id));
    if (!inv || inv->email != user.email)
      return NotFound("invitation " + std::to_string(invitation_id) + " does not exist");
    RUTILE_ASSIGN_OR_RETURN(
        bool changed, repository::DecideInvitation(c, inv->id, InvitationStatus::kDeclined, now));
    if (!changed) return Conflict("the invitation is no longer pending");
    inv->status = InvitationStatus::kDeclined;
    inv->decided_at = now;
    return *inv;
  });
}

Status IdentityService::LeaveOrganization(const Principal& caller, std::int64_t org_id) {
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
  RUTILE_TRY(store::Write(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(auto role, repository::MembershipRole(c, caller.user_id, org_id));
    if (!role) return NotFound("you are not a member of organization " + std::to_string(org_id));
    RUTILE_TRY(repository::DeleteMembership(c, caller.user_id, org_id));
    if (*role == OrgRole::kAdmin) {
      RUTILE_ASSIGN_OR_RETURN(auto admins, repository::CountAdmins(c, org_id));
      if (admins == 0) return LastAdmin();
    }
    return Ok();
  }));
  principals_->Clear();
  return Ok();
}

Status IdentityService::RemoveMember(const Principal& caller, std::int64_t org_id,
                                     std::int64_t user_id) {
  RUTILE_TRY(RequireAdmin(caller, org_id));
  const std::int64_t now = UnixSeconds(clock_.Now());
  RUTILE_TRY(store::Write(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(auto role, repository::MembershipRole(c, user_id, org_id));
    if (!role) return NotFound("user " + std::to_string(user_id) + " is not a member");
    RUTILE_TRY(repository::DeleteMembership(c, user_id, org_id));
    if (*role == OrgRole::kAdmin) {
      RUTILE_ASSIGN_OR_RETURN(auto admins, repository::CountAdmins(c, org_id));
      if (admins == 0) return LastAdmin();
    }
    return notifications::NotificationService::NotifyUserIn(
        c, user_id, Notice("identity.member_removed", {{"org_id", std::to_string(org_id)}}, ""),
        now);
  }));
  principals_->Clear();
  return Ok();
}

Result<std::int64_t> IdentityService::DecidingOrg(store::Connection& c, JoinTarget target,
                                                  std::int64_t target_id) {
  if (target == JoinTarget::kAssociation) return target_id;
  RUTILE_ASSIGN_OR_RETURN(auto park, repository::LoadPark(c, target_id));
  return park ? park->manager_org_id : std::int64_t{0};
}

Result<JoinRequest> IdentityService::CreateJoinRequest(store::Connection& c,
                                                       const Organization& org, JoinTarget target,
                                                       std::int64_t target_id,
                                                       std::int64_t user_id) {
  if (target == JoinTarget::kPark) {
    RUTILE_ASSIGN_OR_RETURN(auto park, repository::LoadPark(c, target_id));
    if (!park)
      return InvalidArgument("no such park",
                             {{"park_id", "no park with this id", "identity.no_such_park"}});
    if (park->region != org.region)
      return InvalidArgument(
          "the park is in another region",
          {{"park_id", "the park is in region " + park->region, "identity.park_other_region"}});
    if (org.park_id == target_id) return AlreadyExists("the organization is already in this park");
  } else {
    auto assoc = repository::LoadOrganization(c, target_id);
    if (!assoc.has_value() || assoc->kind != OrgKind::kAssociation || target_id == org.id)
      return InvalidArgument("no such association", {{"association_id", "not an association"}});
    for (auto a : org.association_ids)
      if (a == target_id) return AlreadyExists("the organization is already in this association");
  }
  const std::int64_t now = UnixSeconds(clock_.Now());
  JoinRequest r;
  r.org_id = org.id;
  r.org_name = org.name;
  r.target = target;
  r.target_id = target_id;
  r.requested_by = user_id;
  r.created_at = now;
  auto id = repository::InsertJoinRequest(c, r);
  if (!id.has_value()) {
    if (id.error().code() == ErrorCode::kAlreadyExists)
      return AlreadyExists("a request to join is already pending");
    return std::move(id).error();
  }
  RUTILE_ASSIGN_OR_RETURN(auto stored, repository::LoadJoinRequest(c, *id));
  RUTILE_ASSIGN_OR_RETURN(std::int64_t decider, DecidingOrg(c, target, target_id));
  if (decider != 0) {
    RUTILE_TRY(notifications::NotificationService::NotifyOrganizationIn(
        c, decider,
        Notice("identity.join_requested",
               {{"request_id", std::to_string(*id)},
                {"org_id", std::to_string(org.id)},
                {"target", Quoted(JoinTargetName(target))},
                {"target_id", std::to_string(target_id)}},
               "/orgs/" + std::to_string(decider)),
        true, now));
  }
  return *stored;
}

Result<JoinRequest> IdentityService::RequestJoin(const Principal& caller, std::int64_t org_id,
                                                 JoinTarget target, std::int64_t target_id) {
  RUTILE_TRY(RequireAdmin(caller, org_id));
  return store::Write(db_, [&](store::Connection& c) -> Result<JoinRequest> {
    RUTILE_ASSIGN_OR_RETURN(auto org, repository::LoadOrganization(c, org_id));
    return CreateJoinRequest(c, org, target, target_id, caller.user_id);
  });
}

Result<std::vector<JoinRequest>> IdentityService::ListJoinRequests(const Principal& caller,
                                                                   std::int64_t org_id) {
  RUTILE_TRY(RequireAdmin(caller, org_id));
  return store::Read(
      db_, [&](store::Connection& c) { return repository::ListJoinRequestsFrom(c, org_id); });
}

Result<std::vector<JoinRequest>> IdentityService::ListIncomingJoinRequests(const Principal& caller,
                                                                           std::int64_t org_id) {
  RUTILE_TRY(RequireAdmin(caller, org_id));
  return store::Read(
      db_, [&](store::Connection& c) { return repository::ListJoinRequestsTo(c, org_id); });
}

Result<JoinRequest> IdentityService::DecideJoinRequest(const Principal& caller,
                                                       std::int64_t request_id, bool approve) {
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
  RUTILE_TRY(GovernanceReady());
  const std::int64_t now = UnixSeconds(clock_.Now());
  std::string region;
  RUTILE_ASSIGN_OR_RETURN(
      JoinRequest decided, store::Write(db_, [&](store::Connection& c) -> Result<JoinRequest> {
        RUTILE_ASSIGN_OR_RETURN(auto r, repository::LoadJoinRequest(c, request_id));
        if (!r) return NotFound("join request " + std::to_string(request_id) + " does not exist");
        RUTILE_ASSIGN_OR_RETURN(std::int64_t decider, DecidingOrg(c, r->target, r->target_id));
        const bool may = (decider != 0 && caller.IsAdminOf(decider)) ||
                         caller.HasPlatformRole(access::PlatformRole::kOperator);
        if (!may) {
          // The applicant learns the request exists; a stranger does not.
          if (caller.IsMemberOf(r->org_id) || (decider != 0 && caller.IsMemberOf(decider)))
            return PermissionDenied(
                "only an administrator of the park's managing organization or of the "
                "association decides this request");
          return NotFound("join request " + std::to_string(request_id) + " does not exist");
        }
        const auto status = approve ? JoinRequestStatus::kApproved : JoinRequestStatus::kRejected;
        RUTILE_ASSIGN_OR_RETURN(
            bool changed, repository::DecideJoinRequest(c, r->id, status, caller.user_id, now));
        if (!changed) return Conflict("the request is no longer pending");
        r->status = status;
        r->decided_by = caller.user_id;
        r->decided_at = now;
        RUTILE_ASSIGN_OR_RETURN(auto org, repository::LoadOrganization(c, r->org_id));
        region = org.region;
        if (approve) {
          if (r->target == JoinTarget::kPark)
            RUTILE_TRY(repository::SetOrganizationPark(c, r->org_id, r->target_id));
          else
            RUTILE_TRY(repository::AddAssociation(c, r->org_id, r->target_id));
        }
        RUTILE_TRY(notifications::NotificationService::NotifyOrganizationIn(
            c, r->org_id,
            Notice(approve ? "identity.join_request_approved" : "identity.join_request_rejected",
                   {{"request_id", std::to_string(r->id)},
                    {"target", Quoted(JoinTargetName(r->target))},
                    {"target_id", std::to_string(r->target_id)}},
                   "/orgs/" + std::to_string(r->org_id)),
            true, now));
        return *r;
      }));
  // Memberships changed: cached principals must not keep the old park or associations.
  if (approve) principals_->Clear();
  if (governance_) {
    const bool park = decided.target == JoinTarget::kPark;
    std::string type =
        approve
            ? (park ? "organization.park_joined" : "organization.association_joined")
            : (park ? "organization.park_join_rejected" : "organization.association_join_rejected");
    RUTILE_TRY(
        governance_.record(GovernanceEvent{std::move(type), std::to_string(decided.id),
                                           JoinDecisionContent(decided), decided.org_id, region}));
  }
  return decided;
}

Result<JoinRequest> IdentityService::WithdrawJoinRequest(const Principal& caller,
                                                         std::int64_t request_id) {
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<JoinRequest> {
    RUTILE_ASSIGN_OR_RETURN(auto r, repository::LoadJoinRequest(c, request_id));
    if (!r || !caller.IsMemberOf(r->org_id))
      return NotFound("join request " + std::to_string(request_id) + " does not exist");
    RUTILE_TRY(RequireAdmin(caller, r->org_id));
    RUTILE_ASSIGN_OR_RETURN(bool changed,
                            repository::DecideJoinRequest(c, r->id, JoinRequestStatus::kWithdrawn,
                                                          caller.user_id, now));
    if (!changed) return Conflict("the request is no longer pending");
    r->status = JoinRequestStatus::kWithdrawn;
    r->decided_by = caller.user_id;
    r->decided_at = now;
    return *r;
  });
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
  if (caller.anonymous())
    return Unauthenticated("log in first").WithMessageCode("identity.log_in_first");
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
