#include "identity_repository.h"

namespace rutile::identity::repository {
namespace {

using store::Null;
using store::Row;
using store::Value;

constexpr const char* kOrgColumns =
    "id, name, kind, region, industry, park_id, headcount, annual_revenue, scale_class, "
    "real_name_status, created_at";

Value OptInt(std::optional<std::int64_t> v) { return v ? Value(*v) : Value(Null{}); }
Value OptReal(std::optional<double> v) { return v ? Value(*v) : Value(Null{}); }
Value IdOrNull(std::int64_t id) { return id != 0 ? Value(id) : Value(Null{}); }

Organization OrganizationFromRow(const Row& r) {
  Organization o;
  o.id = r.Int(0);
  o.name = r.Text(1);
  o.kind = ParseOrgKind(r.Text(2)).value_or(OrgKind::kEndUserPlant);
  o.region = r.Text(3);
  o.industry = r.Text(4);
  o.park_id = r.OptInt(5).value_or(0);
  o.headcount = r.OptInt(6);
  if (!r.IsNull(7)) o.annual_revenue = r.Real(7);
  if (auto s = r.OptText(8)) o.scale_class = ParseScaleClass(*s);
  o.real_name_status = ParseRealNameStatus(r.Text(9)).value_or(RealNameStatus::kNone);
  o.created_at = r.Int(10);
  return o;
}

Status LoadAssociations(store::Connection& c, Organization& org) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT association_org_id FROM org_associations WHERE org_id = ? "
                         "ORDER BY association_org_id",
                         {org.id}));
  org.association_ids.clear();
  for (const auto& row : rows) org.association_ids.push_back(row.Int(0));
  return Ok();
}

User UserFromRow(const Row& r) {
  return User{.id = r.Int(0),
              .email = r.Text(1),
              .name = r.Text(2),
              .language = r.Text(3),
              .created_at = r.Int(4)};
}

}  // namespace

Result<std::int64_t> InsertOrganization(store::Connection& c, const Organization& o) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO organizations (name, kind, region, industry, park_id, headcount, "
              "annual_revenue, scale_class, real_name_status, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {o.name, std::string(OrgKindName(o.kind)), o.region, o.industry, IdOrNull(o.park_id),
               OptInt(o.headcount), OptReal(o.annual_revenue),
               o.scale_class ? Value(std::string(ScaleClassName(*o.scale_class))) : Value(Null{}),
               std::string(RealNameStatusName(o.real_name_status)), o.created_at}));
  std::int64_t id = rows.at(0).Int(0);
  for (std::int64_t a : o.association_ids) {
    RUTILE_TRY(c.Execute("INSERT INTO org_associations (org_id, association_org_id) VALUES (?, ?)",
                         {id, a}));
  }
  return id;
}

Result<Organization> LoadOrganization(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query(std::string("SELECT ") + kOrgColumns + " FROM organizations WHERE id = ?", {id}));
  if (rows.empty()) return NotFound("organization " + std::to_string(id) + " does not exist");
  Organization o = OrganizationFromRow(rows[0]);
  RUTILE_TRY(LoadAssociations(c, o));
  return o;
}

Result<std::vector<Organization>> ListOrganizations(store::Connection& c,
                                                    const std::string& region) {
  std::string sql = std::string("SELECT ") + kOrgColumns + " FROM organizations";
  std::vector<Value> params;
  if (!region.empty()) {
    sql += " WHERE region = ?";
    params.push_back(region);
  }
  sql += " ORDER BY id";
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<Organization> out;
  for (const auto& r : rows) {
    out.push_back(OrganizationFromRow(r));
    RUTILE_TRY(LoadAssociations(c, out.back()));
  }
  return out;
}

Status UpdateRealName(store::Connection& c, std::int64_t org_id, RealNameStatus status,
                      const std::string& registration) {
  RUTILE_ASSIGN_OR_RETURN(
      auto changed,
      c.Execute("UPDATE organizations SET real_name_status = ?, real_name_registration = ? "
                "WHERE id = ?",
                {std::string(RealNameStatusName(status)), registration, org_id}));
  if (changed == 0) return NotFound("organization " + std::to_string(org_id) + " does not exist");
  return Ok();
}

Result<std::int64_t> InsertUser(store::Connection& c, const User& u,
                                const std::string& password_hash) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("INSERT INTO users (email, name, password_hash, language, created_at) "
                         "VALUES (?, ?, ?, ?, ?) RETURNING id",
                         {u.email, u.name, password_hash, u.language, u.created_at}));
  return rows.at(0).Int(0);
}

Result<std::optional<StoredUser>> FindUserByEmail(store::Connection& c, const std::string& email) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT id, email, name, language, created_at, password_hash FROM users "
                         "WHERE email = ?",
                         {email}));
  if (rows.empty()) return std::optional<StoredUser>();
  return std::optional<StoredUser>(StoredUser{UserFromRow(rows[0]), rows[0].Text(5)});
}

Result<User> LoadUser(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT id, email, name, language, created_at FROM users WHERE id = ?", {id}));
  if (rows.empty()) return NotFound("user " + std::to_string(id) + " does not exist");
  return UserFromRow(rows[0]);
}

Status InsertMembership(store::Connection& c, std::int64_t user_id, std::int64_t org_id,
                        access::OrgRole role) {
  RUTILE_TRY(c.Execute("INSERT INTO memberships (user_id, org_id, role) VALUES (?, ?, ?)",
                       {user_id, org_id, std::string(OrgRoleName(role))}));
  return Ok();
}

Status InsertPlatformRole(store::Connection& c, std::int64_t user_id, access::PlatformRole role) {
  RUTILE_TRY(c.Execute("INSERT INTO platform_roles (user_id, role) VALUES (?, ?)",
                       {user_id, std::string(PlatformRoleName(role))}));
  return Ok();
}

Result<std::vector<Member>> ListMembers(store::Connection& c, std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT u.id, u.email, u.name, m.role FROM memberships m "
                         "JOIN users u ON u.id = m.user_id WHERE m.org_id = ? ORDER BY u.id",
                         {org_id}));
  std::vector<Member> out;
  for (const auto& r : rows)
    out.push_back(Member{r.Int(0), r.Text(1), r.Text(2),
                         ParseOrgRole(r.Text(3)).value_or(access::OrgRole::kMember)});
  return out;
}

Result<std::optional<access::OrgRole>> MembershipRole(store::Connection& c, std::int64_t user_id,
                                                      std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT role FROM memberships WHERE user_id = ? AND org_id = ?", {user_id, org_id}));
  if (rows.empty()) return std::optional<access::OrgRole>();
  return std::optional<access::OrgRole>(
      ParseOrgRole(rows[0].Text(0)).value_or(access::OrgRole::kMember));
}

Status DeleteMembership(store::Connection& c, std::int64_t user_id, std::int64_t org_id) {
  RUTILE_TRY(
      c.Execute("DELETE FROM memberships WHERE user_id = ? AND org_id = ?", {user_id, org_id}));
  return Ok();
}

Result<std::int64_t> CountAdmins(store::Connection& c, std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT COUNT(*) FROM memberships WHERE org_id = ? AND role = ?",
                                  {org_id, std::string(OrgRoleName(access::OrgRole::kAdmin))}));
  return rows.at(0).Int(0);
}

Status SetOrganizationPark(store::Connection& c, std::int64_t org_id, std::int64_t park_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto changed,
      c.Execute("UPDATE organizations SET park_id = ? WHERE id = ?", {IdOrNull(park_id), org_id}));
  if (changed == 0) return NotFound("organization " + std::to_string(org_id) + " does not exist");
  return Ok();
}

Status AddAssociation(store::Connection& c, std::int64_t org_id, std::int64_t association_id) {
  RUTILE_TRY(
      c.Execute("INSERT INTO org_associations (org_id, association_org_id) VALUES (?, ?) "
                "ON CONFLICT (org_id, association_org_id) DO NOTHING",
                {org_id, association_id}));
  return Ok();
}

namespace {

constexpr const char* kJoinRequestSelect =
    "SELECT r.id, r.org_id, o.name, r.target_kind, r.target_id, "
    "COALESCE(p.name, a.name, ''), r.status, r.requested_by, r.decided_by, r.created_at, "
    "r.decided_at FROM org_join_requests r JOIN organizations o ON o.id = r.org_id "
    "LEFT JOIN parks p ON r.target_kind = 'park' AND p.id = r.target_id "
    "LEFT JOIN organizations a ON r.target_kind = 'association' AND a.id = r.target_id ";

JoinRequest JoinRequestFromRow(const Row& r) {
  JoinRequest j;
  j.id = r.Int(0);
  j.org_id = r.Int(1);
  j.org_name = r.Text(2);
  j.target = ParseJoinTarget(r.Text(3)).value_or(JoinTarget::kPark);
  j.target_id = r.Int(4);
  j.target_name = r.Text(5);
  j.status = ParseJoinRequestStatus(r.Text(6)).value_or(JoinRequestStatus::kPending);
  j.requested_by = r.Int(7);
  j.decided_by = r.OptInt(8).value_or(0);
  j.created_at = r.Int(9);
  j.decided_at = r.OptInt(10).value_or(0);
  return j;
}

Result<std::vector<JoinRequest>> QueryJoinRequests(store::Connection& c, const std::string& where,
                                                   const std::vector<Value>& params) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query(std::string(kJoinRequestSelect) + where + " ORDER BY r.id DESC", params));
  std::vector<JoinRequest> out;
  for (const auto& r : rows) out.push_back(JoinRequestFromRow(r));
  return out;
}

constexpr const char* kInvitationSelect =
    "SELECT i.id, i.org_id, o.name, i.email, i.role, i.status, i.invited_by, i.created_at, "
    "i.decided_at FROM org_invitations i JOIN organizations o ON o.id = i.org_id ";

Invitation InvitationFromRow(const Row& r) {
  Invitation i;
  i.id = r.Int(0);
  i.org_id = r.Int(1);
  i.org_name = r.Text(2);
  i.email = r.Text(3);
  i.role = ParseOrgRole(r.Text(4)).value_or(access::OrgRole::kMember);
  i.status = ParseInvitationStatus(r.Text(5)).value_or(InvitationStatus::kPending);
  i.invited_by = r.Int(6);
  i.created_at = r.Int(7);
  i.decided_at = r.OptInt(8).value_or(0);
  return i;
}

Result<std::vector<Invitation>> QueryInvitations(store::Connection& c, const std::string& where,
                                                 const std::vector<Value>& params) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query(std::string(kInvitationSelect) + where + " ORDER BY i.id DESC", params));
  std::vector<Invitation> out;
  for (const auto& r : rows) out.push_back(InvitationFromRow(r));
  return out;
}

}  // namespace

Result<std::int64_t> InsertJoinRequest(store::Connection& c, const JoinRequest& j) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("INSERT INTO org_join_requests (org_id, target_kind, target_id, status, "
                         "requested_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                         {j.org_id, std::string(JoinTargetName(j.target)), j.target_id,
                          std::string(JoinRequestStatusName(JoinRequestStatus::kPending)),
                          j.requested_by, j.created_at}));
  return rows.at(0).Int(0);
}

Result<std::optional<JoinRequest>> LoadJoinRequest(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(auto found, QueryJoinRequests(c, "WHERE r.id = ?", {id}));
  if (found.empty()) return std::optional<JoinRequest>();
  return std::optional<JoinRequest>(std::move(found[0]));
}

Result<std::vector<JoinRequest>> ListJoinRequestsFrom(store::Connection& c, std::int64_t org_id) {
  return QueryJoinRequests(c, "WHERE r.org_id = ?", {org_id});
}

Result<std::vector<JoinRequest>> ListJoinRequestsTo(store::Connection& c, std::int64_t org_id) {
  return QueryJoinRequests(c,
                           "WHERE (r.target_kind = 'park' AND p.manager_org_id = ?) OR "
                           "(r.target_kind = 'association' AND r.target_id = ?)",
                           {org_id, org_id});
}

Result<bool> DecideJoinRequest(store::Connection& c, std::int64_t id, JoinRequestStatus status,
                               std::int64_t decided_by, std::int64_t decided_at) {
  RUTILE_ASSIGN_OR_RETURN(
      auto changed,
      c.Execute("UPDATE org_join_requests SET status = ?, decided_by = ?, decided_at = ? "
                "WHERE id = ? AND status = 'pending'",
                {std::string(JoinRequestStatusName(status)), decided_by, decided_at, id}));
  return changed == 1;
}

Result<std::int64_t> InsertInvitation(store::Connection& c, const Invitation& i) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO org_invitations (org_id, email, role, status, invited_by, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
              {i.org_id, i.email, std::string(OrgRoleName(i.role)),
               std::string(InvitationStatusName(InvitationStatus::kPending)), i.invited_by,
               i.created_at}));
  return rows.at(0).Int(0);
}

Result<std::optional<Invitation>> LoadInvitation(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(auto found, QueryInvitations(c, "WHERE i.id = ?", {id}));
  if (found.empty()) return std::optional<Invitation>();
  return std::optional<Invitation>(std::move(found[0]));
}

Result<std::vector<Invitation>> ListInvitationsFrom(store::Connection& c, std::int64_t org_id) {
  return QueryInvitations(c, "WHERE i.org_id = ?", {org_id});
}

Result<std::vector<Invitation>> ListPendingInvitationsFor(store::Connection& c,
                                                          const std::string& email) {
  return QueryInvitations(c, "WHERE i.email = ? AND i.status = 'pending'", {email});
}

Result<bool> DecideInvitation(store::Connection& c, std::int64_t id, InvitationStatus status,
                              std::int64_t decided_at) {
  RUTILE_ASSIGN_OR_RETURN(auto changed,
                          c.Execute("UPDATE org_invitations SET status = ?, decided_at = ? "
                                    "WHERE id = ? AND status = 'pending'",
                                    {std::string(InvitationStatusName(status)), decided_at, id}));
  return changed == 1;
}

Result<std::string> PasswordHash(store::Connection& c, std::int64_t user_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT password_hash FROM users WHERE id = ?", {user_id}));
  if (rows.empty()) return NotFound("user " + std::to_string(user_id) + " does not exist");
  return rows[0].Text(0);
}

Status SetPasswordHash(store::Connection& c, std::int64_t user_id, const std::string& hash) {
  RUTILE_TRY(c.Execute("UPDATE users SET password_hash = ? WHERE id = ?", {hash, user_id}));
  return Ok();
}

Status InsertSession(store::Connection& c, const std::string& digest, std::int64_t user_id,
                     std::int64_t created_at, std::int64_t expires_at) {
  RUTILE_TRY(
      c.Execute("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, "
                "last_seen_at) VALUES (?, ?, ?, ?, ?)",
                {digest, user_id, created_at, expires_at, created_at}));
  return Ok();
}

Result<std::optional<LiveSession>> SessionUser(store::Connection& c, const std::string& digest,
                                               std::int64_t now, std::int64_t idle_before) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT user_id, expires_at, last_seen_at FROM sessions "
                                  "WHERE token_hash = ? AND expires_at > ? AND last_seen_at >= ?",
                                  {digest, now, idle_before}));
  if (rows.empty()) return std::optional<LiveSession>();
  return std::optional<LiveSession>(LiveSession{rows[0].Int(0), rows[0].Int(1), rows[0].Int(2)});
}

Status TouchSession(store::Connection& c, const std::string& digest, std::int64_t now) {
  RUTILE_TRY(
      c.Execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND "
                "last_seen_at < ?",
                {now, digest, now}));
  return Ok();
}

Status DeleteUserSessions(store::Connection& c, std::int64_t user_id,
                          const std::string& keep_digest) {
  RUTILE_TRY(c.Execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
                       {user_id, keep_digest}));
  return Ok();
}

Result<std::int64_t> PurgeSessions(store::Connection& c, std::int64_t now,
                                   std::int64_t idle_before) {
  return c.Execute("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?",
                   {now, idle_before});
}

Status DeleteSession(store::Connection& c, const std::string& digest) {
  RUTILE_TRY(c.Execute("DELETE FROM sessions WHERE token_hash = ?", {digest}));
  return Ok();
}

Result<access::Principal> LoadPrincipal(store::Connection& c, std::int64_t user_id) {
  access::Principal p;
  RUTILE_ASSIGN_OR_RETURN(auto users, c.Query("SELECT email FROM users WHERE id = ?", {user_id}));
  if (users.empty()) return Unauthenticated("the session's user no longer exists");
  p.user_id = user_id;
  p.email = users[0].Text(0);
  RUTILE_ASSIGN_OR_RETURN(auto orgs,
                          c.Query("SELECT m.org_id, m.role, o.kind, o.park_id FROM memberships m "
                                  "JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ? "
                                  "ORDER BY m.org_id",
                                  {user_id}));
  for (const auto& r : orgs) {
    access::OrgMembership m;
    m.org_id = r.Int(0);
    m.role = ParseOrgRole(r.Text(1)).value_or(access::OrgRole::kMember);
    auto kind = ParseOrgKind(r.Text(2));
    m.park_id = r.OptInt(3).value_or(0);
    m.org_is_park = kind == OrgKind::kIndustrialPark;
    m.org_is_association = kind == OrgKind::kAssociation;
    m.org_is_regulator = kind == OrgKind::kRegulator;
    p.memberships.push_back(std::move(m));
  }
  if (!p.memberships.empty()) {
    RUTILE_ASSIGN_OR_RETURN(auto assoc,
                            c.Query("SELECT a.org_id, a.association_org_id FROM org_associations a "
                                    "JOIN memberships m ON m.org_id = a.org_id WHERE m.user_id = ?",
                                    {user_id}));
    for (const auto& r : assoc)
      for (auto& m : p.memberships)
        if (m.org_id == r.Int(0)) m.association_ids.push_back(r.Int(1));
  }
  RUTILE_ASSIGN_OR_RETURN(
      auto roles,
      c.Query("SELECT role FROM platform_roles WHERE user_id = ? ORDER BY role", {user_id}));
  for (const auto& r : roles)
    if (auto role = ParsePlatformRole(r.Text(0))) p.platform_roles.push_back(*role);
  return p;
}

Result<std::int64_t> CountAttempt(store::Connection& c, const std::string& key, std::int64_t now,
                                  std::int64_t window_start) {
  // One statement: concurrent attempts each see the count including every earlier one.
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO login_failures (throttle_key, window_start, failures) VALUES (?, ?, 1) "
              "ON CONFLICT (throttle_key) DO UPDATE SET "
              "failures = CASE WHEN login_failures.window_start >= ? "
              "THEN login_failures.failures + 1 ELSE 1 END, "
              "window_start = CASE WHEN login_failures.window_start >= ? THEN "
              "login_failures.window_start ELSE ? END "
              "RETURNING failures",
              {key, now, window_start, window_start, now}));
  return rows.at(0).Int(0);
}

Status UncountAttempt(store::Connection& c, const std::string& key) {
  RUTILE_TRY(c.Execute(
      "UPDATE login_failures SET failures = failures - 1 WHERE throttle_key = ? AND failures > 0",
      {key}));
  return Ok();
}

Result<std::int64_t> WindowStart(store::Connection& c, const std::string& key) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT window_start FROM login_failures WHERE throttle_key = ?", {key}));
  return rows.empty() ? std::int64_t{0} : rows[0].Int(0);
}

Status PurgeFailures(store::Connection& c, std::int64_t window_start) {
  RUTILE_TRY(c.Execute("DELETE FROM login_failures WHERE window_start < ?", {window_start}));
  return Ok();
}

Status ClearFailures(store::Connection& c, const std::string& key) {
  RUTILE_TRY(c.Execute("DELETE FROM login_failures WHERE throttle_key = ?", {key}));
  return Ok();
}

Result<std::int64_t> InsertPark(store::Connection& c, const Park& park) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO parks (name, region, manager_org_id) VALUES (?, ?, ?) RETURNING id",
              {park.name, park.region, IdOrNull(park.manager_org_id)}));
  return rows.at(0).Int(0);
}

Status SetParkManager(store::Connection& c, std::int64_t park_id, std::int64_t manager_org_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto changed,
      c.Execute("UPDATE parks SET manager_org_id = ? WHERE id = ?", {manager_org_id, park_id}));
  if (changed == 0) return NotFound("park " + std::to_string(park_id) + " does not exist");
  return Ok();
}

Result<std::optional<Park>> LoadPark(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT id, name, region, manager_org_id FROM parks WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<Park>();
  const Row& r = rows[0];
  return std::optional<Park>(Park{r.Int(0), r.Text(1), r.Text(2), r.OptInt(3).value_or(0)});
}

Result<std::vector<Park>> ListParks(store::Connection& c, const std::string& region) {
  std::string sql = "SELECT id, name, region, manager_org_id FROM parks";
  std::vector<Value> params;
  if (!region.empty()) {
    sql += " WHERE region = ?";
    params.push_back(region);
  }
  sql += " ORDER BY id";
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<Park> out;
  for (const auto& r : rows)
    out.push_back(Park{r.Int(0), r.Text(1), r.Text(2), r.OptInt(3).value_or(0)});
  return out;
}

}  // namespace rutile::identity::repository
