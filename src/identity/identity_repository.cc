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

Status InsertSession(store::Connection& c, const std::string& digest, std::int64_t user_id,
                     std::int64_t created_at, std::int64_t expires_at) {
  RUTILE_TRY(c.Execute(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
      {digest, user_id, created_at, expires_at}));
  return Ok();
}

Result<std::optional<LiveSession>> SessionUser(store::Connection& c, const std::string& digest,
                                               std::int64_t now) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT user_id, expires_at FROM sessions WHERE token_hash = ? AND "
                         "expires_at > ?",
                         {digest, now}));
  if (rows.empty()) return std::optional<LiveSession>();
  return std::optional<LiveSession>(LiveSession{rows[0].Int(0), rows[0].Int(1)});
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

Result<std::int64_t> RecentFailures(store::Connection& c, const std::string& key,
                                    std::int64_t window_start) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT failures FROM login_failures WHERE throttle_key = ? AND window_start >= ?",
              {key, window_start}));
  return rows.empty() ? std::int64_t{0} : rows[0].Int(0);
}

Status AddFailure(store::Connection& c, const std::string& key, std::int64_t now,
                  std::int64_t window_start) {
  // A window that has expired starts again at this failure.
  RUTILE_TRY(c.Execute(
      "INSERT INTO login_failures (throttle_key, window_start, failures) VALUES (?, ?, 1) "
      "ON CONFLICT (throttle_key) DO UPDATE SET "
      "failures = CASE WHEN login_failures.window_start >= ? THEN login_failures.failures + 1 "
      "ELSE 1 END, "
      "window_start = CASE WHEN login_failures.window_start >= ? THEN "
      "login_failures.window_start ELSE ? END",
      {key, now, window_start, window_start, now}));
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
