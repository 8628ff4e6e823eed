#include "rutile/cases/application_service.h"

#include <algorithm>
#include <boost/json.hpp>

#include "case_repository.h"
#include "rutile/access/policy.h"
#include "rutile/cases/desensitizer.h"
#include "rutile/notifications/notification_service.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;
using access::Principal;

constexpr std::int64_t kDefaultGrantSeconds = 90 * 24 * 3600;
constexpr std::int64_t kLongestGrantSeconds = 366 * 24 * 3600;

bool IsReviewer(const Principal& p) {
  return p.HasPlatformRole(access::PlatformRole::kOperator) ||
         p.HasPlatformRole(access::PlatformRole::kExpert);
}

access::RecordRef PrivateRef(std::int64_t org_id) {
  access::RecordRef r;
  r.owner_org_id = org_id;
  r.level = access::DataLevel::kPrivate;
  return r;
}

// Stored application with the owner's side kept for the checks.
struct Stored {
  CaseApplication value;
  std::int64_t owner_org_id = 0;
  std::int64_t applicant_org_id = 0;
};

constexpr const char* kSelect =
    "SELECT a.id, a.public_case_id, a.case_id, a.owner_org_id, a.applicant_user_id, "
    "a.applicant_org_id, a.purpose, a.requested_fields, a.status, a.created_at, a.decided_at, "
    "a.reason, a.expires_at, u.name, o.name FROM case_applications a "
    "JOIN users u ON u.id = a.applicant_user_id "
    "LEFT JOIN organizations o ON o.id = a.applicant_org_id ";

std::vector<std::string> SplitFields(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    std::size_t comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    out.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string JoinFields(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ",") + f;
  return out;
}

Stored FromRow(const store::Row& r, std::int64_t now) {
  Stored s;
  CaseApplication& a = s.value;
  a.id = r.Int(0);
  a.public_case_id = r.Int(1);
  a.case_id = r.Int(2);
  s.owner_org_id = r.Int(3);
  a.applicant_user_id = r.Int(4);
  s.applicant_org_id = r.Int(5);
  a.purpose = r.Text(6);
  a.requested_fields = SplitFields(r.Text(7));
  const std::string status = r.Text(8);
  a.status = status == "granted"   ? ApplicationStatus::kGranted
             : status == "refused" ? ApplicationStatus::kRefused
                                   : ApplicationStatus::kPending;
  a.created_at = r.Int(9);
  a.decided_at = r.OptInt(10).value_or(0);
  a.reason = r.OptText(11).value_or("");
  a.expires_at = r.OptInt(12).value_or(0);
  if (a.status == ApplicationStatus::kGranted && a.expires_at <= now)
    a.status = ApplicationStatus::kExpired;
  a.applicant_name = r.Text(13);
  a.applicant_org_name = r.OptText(14).value_or("");
  return s;
}

Result<Stored> Load(store::Connection& c, std::int64_t id, std::int64_t now) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kSelect) + "WHERE a.id = ?", {id}));
  if (rows.empty()) return NotFound("application " + std::to_string(id) + " does not exist");
  return FromRow(rows[0], now);
}

bool MayDecide(const Principal& p, const Stored& s) {
  if (p.IsAdminOf(s.owner_org_id) &&
      access::Allowed(p, access::Action::kWrite, PrivateRef(s.owner_org_id)))
    return true;
  return IsReviewer(p) && !p.IsMemberOf(s.applicant_org_id);
}

bool MayReadAsOwner(const Principal& p, const Stored& s) {
  return access::Allowed(p, access::Action::kRead, PrivateRef(s.owner_org_id)) || MayDecide(p, s);
}

// The caller's view: deciders see who applies and the private case; the applicant sees neither
// the owner nor the private case.
CaseApplication ViewFor(const Principal& p, Stored s) {
  CaseApplication a = std::move(s.value);
  const bool decider = MayDecide(p, s);
  if (!decider && !MayReadAsOwner(p, s)) a.case_id = 0;
  a.allowed_actions.clear();
  if (decider && a.status == ApplicationStatus::kPending) a.allowed_actions = {"grant", "refuse"};
  if (decider && a.status == ApplicationStatus::kGranted) a.allowed_actions = {"refuse"};
  if (p.user_id == a.applicant_user_id && a.status == ApplicationStatus::kGranted)
    a.allowed_actions.push_back("detail");
  return a;
}

Error StateError(const CaseApplication& a) {
  std::string allowed;
  for (const auto& action : a.allowed_actions) allowed += (allowed.empty() ? "" : ", ") + action;
  return Conflict("application " + std::to_string(a.id) + " is " +
                  std::string(ApplicationStatusName(a.status)) +
                  "; allowed actions: " + (allowed.empty() ? "none" : allowed));
}

std::string Trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The restricted detail of one private case: exact figures, desensitized text with one
// placeholder map (names the platform knows and names found by context are replaced).
json::object ReleaseFields(const FailureCase& fc, const NameDictionary& dictionary,
                           const std::vector<std::string>& fields) {
  const CaseInput& in = fc.input;
  NameDictionary names = dictionary;
  for (const std::string* text :
       {&in.narrative, &in.root_cause, &in.corrective_actions, &in.morphology, &in.medium}) {
    NameDictionary found = DiscoverNames(*text);
    names.people.insert(names.people.end(), found.people.begin(), found.people.end());
    names.organizations.insert(names.organizations.end(), found.organizations.begin(),
                               found.organizations.end());
  }
  const Desensitizer desensitizer(names);
  PlaceholderMap placeholders;
  auto scrub = [&](const std::string& text) {
    return json::value(desensitizer.Scrub(text, placeholders).text);
  };
  auto optional = [](const auto& v) { return v ? json::value(*v) : json::value(nullptr); };
  json::object out;
  for (const std::string& f : fields) {
    if (f == "temperature_c") out[f] = in.temperature_c;
    if (f == "ph") out[f] = optional(in.ph);
    if (f == "chloride_mg_per_l") out[f] = optional(in.chloride_mg_per_l);
    if (f == "fluoride_mg_per_l") out[f] = optional(in.fluoride_mg_per_l);
    if (f == "service_months") out[f] = optional(in.service_months);
    if (f == "occurred_on") out[f] = in.occurred_on;
    if (f == "components") {
      json::array components;
      for (const auto& comp : in.components)
        components.push_back(json::object{{"species", scrub(comp.species)},
                                          {"concentration_g_per_l", comp.concentration_g_per_l}});
      out[f] = std::move(components);
    }
    if (f == "medium") out[f] = scrub(in.medium);
    if (f == "morphology") out[f] = scrub(in.morphology);
    if (f == "root_cause") out[f] = scrub(in.root_cause);
    if (f == "corrective_actions") out[f] = scrub(in.corrective_actions);
    if (f == "narrative") out[f] = scrub(in.narrative);
  }
  return out;
}

Result<std::int64_t> CaseOfPublic(store::Connection& c, std::int64_t public_case_id,
                                  std::int64_t* owner_org_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT id, org_id FROM failure_cases WHERE public_case_id = ?", {public_case_id}));
  if (rows.empty()) return std::int64_t{0};
  *owner_org_id = rows[0].Int(1);
  return rows[0].Int(0);
}

}  // namespace

std::vector<store::Migration> CaseAccessMigrations() {
  return {{530, "cases_restricted_detail_applications", R"sql(
CREATE TABLE case_applications (
  id {{AUTOINCREMENT_PK}},
  public_case_id BIGINT NOT NULL REFERENCES public_cases(id),
  case_id BIGINT NOT NULL REFERENCES failure_cases(id),
  owner_org_id BIGINT NOT NULL REFERENCES organizations(id),
  applicant_user_id BIGINT NOT NULL REFERENCES users(id),
  applicant_org_id BIGINT NOT NULL REFERENCES organizations(id),
  purpose TEXT NOT NULL,
  requested_fields TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  decided_at BIGINT,
  decided_by BIGINT REFERENCES users(id),
  reason TEXT,
  expires_at BIGINT
);
CREATE INDEX case_applications_owner ON case_applications(owner_org_id, id);
CREATE INDEX case_applications_applicant ON case_applications(applicant_user_id, id);
CREATE TABLE case_access_log (
  id {{AUTOINCREMENT_PK}},
  application_id BIGINT NOT NULL REFERENCES case_applications(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL,
  fields TEXT NOT NULL
);
CREATE INDEX case_access_log_application ON case_access_log(application_id, id);
)sql"},
          {531, "cases_attachments", R"sql(
CREATE TABLE case_attachments (
  id {{AUTOINCREMENT_PK}},
  case_id BIGINT NOT NULL REFERENCES failure_cases(id),
  n BIGINT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  original {{BLOB}} NOT NULL,
  published {{BLOB}},
  UNIQUE (case_id, n)
);
)sql"},
          {532, "cases_attachment_review", R"sql(
ALTER TABLE case_attachments ADD COLUMN review TEXT NOT NULL DEFAULT 'with_case';
ALTER TABLE case_attachments ADD COLUMN reviewed_by BIGINT REFERENCES users(id);
ALTER TABLE case_attachments ADD COLUMN reviewed_at BIGINT;
CREATE INDEX case_attachments_review ON case_attachments(review, id);
)sql"}};
}

const std::vector<std::string_view>& ReleasableFields() {
  static const std::vector<std::string_view> fields = {"temperature_c",      "ph",
                                                       "chloride_mg_per_l",  "fluoride_mg_per_l",
                                                       "components",         "service_months",
                                                       "occurred_on",        "medium",
                                                       "morphology",         "root_cause",
                                                       "corrective_actions", "narrative"};
  return fields;
}

std::string_view ApplicationStatusName(ApplicationStatus status) {
  switch (status) {
    case ApplicationStatus::kPending:
      return "pending";
    case ApplicationStatus::kGranted:
      return "granted";
    case ApplicationStatus::kRefused:
      return "refused";
    case ApplicationStatus::kExpired:
      return "expired";
  }
  return "pending";
}

CaseApplicationService::CaseApplicationService(store::Database& db, const Clock& clock)
    : db_(db), clock_(clock) {}

Result<CaseApplication> CaseApplicationService::Apply(const Principal& caller,
                                                      std::int64_t public_case_id,
                                                      const ApplicationInput& input) {
  if (caller.anonymous()) return Unauthenticated("log in to apply for restricted detail");
  std::vector<FieldError> errors;
  const std::string purpose = Trimmed(input.purpose);
  if (purpose.empty()) errors.push_back({"purpose", "is required"});
  if (purpose.size() > 2000) errors.push_back({"purpose", "must be at most 2000 bytes"});
  std::vector<std::string> fields = input.requested_fields;
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (std::find(ReleasableFields().begin(), ReleasableFields().end(), fields[i]) ==
        ReleasableFields().end())
      errors.push_back(
          {"requested_fields[" + std::to_string(i) + "]", "is not a releasable field"});
  if (!errors.empty()) return InvalidArgument("the application is not valid", std::move(errors));
  if (fields.empty()) fields.assign(ReleasableFields().begin(), ReleasableFields().end());
  std::sort(fields.begin(), fields.end());
  fields.erase(std::unique(fields.begin(), fields.end()), fields.end());
  if (caller.memberships.empty())
    return PermissionDenied("only members of an organization apply for restricted detail");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<CaseApplication> {
    RUTILE_TRY(repository::LoadPublicCase(c, public_case_id));
    std::int64_t owner = 0;
    RUTILE_ASSIGN_OR_RETURN(std::int64_t case_id, CaseOfPublic(c, public_case_id, &owner));
    if (case_id == 0)
      return FailedPrecondition("public case " + std::to_string(public_case_id) +
                                " has no owner to ask (synthetic or imported record)");
    if (caller.IsMemberOf(owner))
      return FailedPrecondition("this case belongs to your organization; open it directly");
    RUTILE_ASSIGN_OR_RETURN(auto open,
                            c.Query("SELECT id FROM case_applications WHERE public_case_id = ? AND "
                                    "applicant_user_id = ? AND (status = 'pending' OR (status = "
                                    "'granted' AND expires_at > ?))",
                                    {public_case_id, caller.user_id, now}));
    if (!open.empty())
      return AlreadyExists("you already have an open application (" +
                           std::to_string(open[0].Int(0)) + ") for this case");
    const std::int64_t applicant_org = caller.memberships[0].org_id;
    RUTILE_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("INSERT INTO case_applications (public_case_id, case_id, owner_org_id, "
                "applicant_user_id, applicant_org_id, purpose, requested_fields, status, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?) RETURNING id",
                {public_case_id, case_id, owner, caller.user_id, applicant_org, purpose,
                 JoinFields(fields), now}));
    RUTILE_ASSIGN_OR_RETURN(Stored s, Load(c, rows.at(0).Int(0), now));
    const notifications::Message message =
        notifications::CodedMessage("cases.application",
                                    notifications::NoticeParams()
                                        .Add("application_id", s.value.id)
                                        .Add("public_case_id", public_case_id),
                                    "/case-access");
    RUTILE_TRY(
        notifications::NotificationService::NotifyOrganizationIn(c, owner, message, true, now));
    RUTILE_ASSIGN_OR_RETURN(
        auto reviewers,
        c.Query("SELECT DISTINCT user_id FROM platform_roles WHERE role = ? OR role = ?",
                {std::string("operator"), std::string("expert")}));
    for (const auto& r : reviewers)
      if (r.Int(0) != caller.user_id)
        RUTILE_TRY(notifications::NotificationService::NotifyUserIn(c, r.Int(0), message, now));
    return ViewFor(caller, std::move(s));
  });
}

Result<std::vector<CaseApplication>> CaseApplicationService::List(const Principal& caller,
                                                                  std::string_view role) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  if (role != "owner" && role != "applicant")
    return InvalidArgument("invalid role", {{"role", "must be owner or applicant"}});
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<CaseApplication>> {
    std::vector<store::Row> rows;
    if (role == "applicant") {
      RUTILE_ASSIGN_OR_RETURN(
          rows, c.Query(std::string(kSelect) + "WHERE a.applicant_user_id = ? ORDER BY a.id",
                        {caller.user_id}));
    } else if (IsReviewer(caller)) {
      RUTILE_ASSIGN_OR_RETURN(rows, c.Query(std::string(kSelect) + "ORDER BY a.id"));
    } else {
      for (const auto& m : caller.memberships) {
        if (m.role != access::OrgRole::kAdmin) continue;
        RUTILE_ASSIGN_OR_RETURN(
            auto more,
            c.Query(std::string(kSelect) + "WHERE a.owner_org_id = ? ORDER BY a.id", {m.org_id}));
        rows.insert(rows.end(), more.begin(), more.end());
      }
    }
    std::vector<CaseApplication> out;
    for (const auto& r : rows) {
      Stored s = FromRow(r, now);
      if (role == "owner" && !MayDecide(caller, s)) continue;
      out.push_back(ViewFor(caller, std::move(s)));
    }
    return out;
  });
}

Result<CaseApplication> CaseApplicationService::Get(const Principal& caller, std::int64_t id) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Read(db_, [&](store::Connection& c) -> Result<CaseApplication> {
    RUTILE_ASSIGN_OR_RETURN(Stored s, Load(c, id, now));
    if (caller.user_id != s.value.applicant_user_id && !MayReadAsOwner(caller, s))
      return NotFound("application " + std::to_string(id) + " does not exist");
    return ViewFor(caller, std::move(s));
  });
}

namespace {

// One decision inside one transaction: checks the decider and the state, updates, notifies.
template <typename Apply>
Result<CaseApplication> Decide(store::Database& db, const Principal& caller, std::int64_t id,
                               std::int64_t now, const char* action, Apply&& apply) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  return store::Write(db, [&](store::Connection& c) -> Result<CaseApplication> {
    RUTILE_ASSIGN_OR_RETURN(Stored s, Load(c, id, now));
    if (!MayDecide(caller, s)) {
      if (caller.user_id == s.value.applicant_user_id || MayReadAsOwner(caller, s))
        return PermissionDenied(
            "only administrators of the owning organization or platform reviewers decide");
      return NotFound("application " + std::to_string(id) + " does not exist");
    }
    CaseApplication view = ViewFor(caller, s);
    if (std::find(view.allowed_actions.begin(), view.allowed_actions.end(), action) ==
        view.allowed_actions.end())
      return StateError(view);
    RUTILE_ASSIGN_OR_RETURN(notifications::Message message, apply(c, s));
    RUTILE_TRY(notifications::NotificationService::NotifyUserIn(c, s.value.applicant_user_id,
                                                                message, now));
    RUTILE_ASSIGN_OR_RETURN(Stored after, Load(c, id, now));
    return ViewFor(caller, std::move(after));
  });
}

}  // namespace

Result<CaseApplication> CaseApplicationService::Grant(const Principal& caller, std::int64_t id,
                                                      const Decision& decision) {
  const std::int64_t now = UnixSeconds(clock_.Now());
  const std::int64_t expires = decision.expires_at.value_or(now + kDefaultGrantSeconds);
  std::vector<FieldError> errors;
  if (expires <= now) errors.push_back({"expires_at", "must be in the future"});
  if (expires > now + kLongestGrantSeconds)
    errors.push_back({"expires_at", "must be at most one year from now"});
  if (decision.reason.size() > 2000) errors.push_back({"reason", "must be at most 2000 bytes"});
  if (!errors.empty()) return InvalidArgument("the decision is not valid", std::move(errors));
  return Decide(db_, caller, id, now, "grant",
                [&](store::Connection& c, const Stored& s) -> Result<notifications::Message> {
                  RUTILE_TRY(
                      c.Execute("UPDATE case_applications SET status = 'granted', decided_at = ?, "
                                "decided_by = ?, reason = ?, expires_at = ? WHERE id = ?",
                                {now, caller.user_id, Trimmed(decision.reason), expires, id}));
                  return notifications::CodedMessage(
                      "cases.application_granted",
                      notifications::NoticeParams()
                          .Add("application_id", id)
                          .Add("public_case_id", s.value.public_case_id),
                      "/case-access");
                });
}

Result<CaseApplication> CaseApplicationService::Refuse(const Principal& caller, std::int64_t id,
                                                       const Decision& decision) {
  const std::int64_t now = UnixSeconds(clock_.Now());
  const std::string reason = Trimmed(decision.reason);
  if (reason.empty() || reason.size() > 2000)
    return InvalidArgument("the decision is not valid",
                           {{"reason", "is required (at most 2000 bytes) to refuse"}});
  if (decision.expires_at)
    return InvalidArgument("the decision is not valid",
                           {{"expires_at", "applies to a grant only"}});
  return Decide(db_, caller, id, now, "refuse",
                [&](store::Connection& c, const Stored& s) -> Result<notifications::Message> {
                  RUTILE_TRY(
                      c.Execute("UPDATE case_applications SET status = 'refused', decided_at = ?, "
                                "decided_by = ?, reason = ? WHERE id = ?",
                                {now, caller.user_id, reason, id}));
                  return notifications::CodedMessage(
                      "cases.application_refused",
                      notifications::NoticeParams()
                          .Add("application_id", id)
                          .Add("public_case_id", s.value.public_case_id),
                      "/case-access");
                });
}

Result<RestrictedDetail> CaseApplicationService::Detail(const Principal& caller, std::int64_t id) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<RestrictedDetail> {
    RUTILE_ASSIGN_OR_RETURN(Stored s, Load(c, id, now));
    if (caller.user_id != s.value.applicant_user_id) {
      if (MayReadAsOwner(caller, s))
        return PermissionDenied("only the applicant reads the released detail");
      return NotFound("application " + std::to_string(id) + " does not exist");
    }
    switch (s.value.status) {
      case ApplicationStatus::kGranted:
        break;
      case ApplicationStatus::kPending:
        return PermissionDenied("application " + std::to_string(id) + " is not decided yet");
      case ApplicationStatus::kRefused:
        return PermissionDenied("application " + std::to_string(id) + " was refused");
      case ApplicationStatus::kExpired:
        return PermissionDenied("the access granted by application " + std::to_string(id) +
                                " has expired");
    }
    RUTILE_ASSIGN_OR_RETURN(auto stored, repository::LoadCase(c, s.value.case_id));
    RUTILE_ASSIGN_OR_RETURN(auto dictionary, repository::LoadDictionary(c));
    RestrictedDetail d;
    d.application_id = id;
    d.public_case_id = s.value.public_case_id;
    d.released_at = now;
    d.expires_at = s.value.expires_at;
    d.fields = ReleaseFields(stored.value, dictionary, s.value.requested_fields);
    RUTILE_TRY(c.Execute(
        "INSERT INTO case_access_log (application_id, user_id, at, fields) VALUES (?, ?, ?, ?)",
        {id, caller.user_id, now, JoinFields(s.value.requested_fields)}));
    return d;
  });
}

Result<std::vector<AccessLogEntry>> CaseApplicationService::AccessLog(const Principal& caller,
                                                                      std::int64_t id) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<AccessLogEntry>> {
    RUTILE_ASSIGN_OR_RETURN(Stored s, Load(c, id, now));
    if (!MayReadAsOwner(caller, s)) {
      if (caller.user_id == s.value.applicant_user_id)
        return PermissionDenied("the access log is for the owning organization");
      return NotFound("application " + std::to_string(id) + " does not exist");
    }
    RUTILE_ASSIGN_OR_RETURN(
        auto rows, c.Query("SELECT l.user_id, u.name, l.at, l.fields FROM case_access_log l "
                           "JOIN users u ON u.id = l.user_id WHERE l.application_id = ? "
                           "ORDER BY l.id",
                           {id}));
    std::vector<AccessLogEntry> out;
    for (const auto& r : rows)
      out.push_back({r.Int(0), r.Text(1), r.Int(2), SplitFields(r.Text(3))});
    return out;
  });
}

}  // namespace rutile::cases
