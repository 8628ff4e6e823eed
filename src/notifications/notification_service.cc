#include "rutile/notifications/notification_service.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace rutile::notifications {
namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxBody = 4000;

Status CheckMessage(const Message& m) {
  std::vector<FieldError> errors;
  if (m.kind.empty()) errors.push_back({"kind", "must not be empty"});
  if (m.title.empty() || m.title.size() > kMaxTitle)
    errors.push_back({"title", "must be 1 to 200 bytes"});
  if (m.body.size() > kMaxBody) errors.push_back({"body", "must be at most 4000 bytes"});
  if (!errors.empty()) return InvalidArgument("the notification is not valid", std::move(errors));
  return Ok();
}

Status Insert(store::Connection& c, std::int64_t user_id, const Message& m, std::int64_t now) {
  RUTILE_TRY(
      c.Execute("INSERT INTO notifications (user_id, kind, title, body, link, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                {user_id, m.kind, m.title, m.body, m.link, now}));
  return Ok();
}

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (u < 0x20) {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += ch;
    }
  }
  out += '"';
}

}  // namespace

NoticeParams& NoticeParams::Add(std::string_view name, std::int64_t value) {
  if (!members_.empty()) members_ += ',';
  AppendJsonString(members_, name);
  members_ += ':' + std::to_string(value);
  return *this;
}

NoticeParams& NoticeParams::Add(std::string_view name, std::string_view value) {
  if (!members_.empty()) members_ += ',';
  AppendJsonString(members_, name);
  members_ += ':';
  AppendJsonString(members_, value);
  return *this;
}

NoticeParams& NoticeParams::AddReal(std::string_view name, double value) {
  if (!members_.empty()) members_ += ',';
  AppendJsonString(members_, name);
  members_ += ':';
  if (!std::isfinite(value)) {
    members_ += "null";
    return *this;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  members_.append(buf, ec == std::errc() ? end : buf);
  return *this;
}

std::string NoticeParams::Json() const { return "{" + members_ + "}"; }

Message CodedMessage(std::string code, const NoticeParams& params, std::string link) {
  Message m;
  m.title = code;
  m.kind = std::move(code);
  m.body = params.Json();
  m.link = std::move(link);
  return m;
}

std::vector<store::Migration> NotificationMigrations() {
  return {{200, "notifications_inbox", R"sql(
CREATE TABLE notifications (
  id {{AUTOINCREMENT_PK}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  link TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, id);
)sql"}};
}

Status NotificationService::NotifyUser(std::int64_t user_id, const Message& message) {
  RUTILE_TRY(CheckMessage(message));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) { return Insert(c, user_id, message, now); });
}

Status NotificationService::NotifyUserIn(store::Connection& c, std::int64_t user_id,
                                         const Message& message, std::int64_t now) {
  RUTILE_TRY(CheckMessage(message));
  return Insert(c, user_id, message, now);
}

Status NotificationService::NotifyOrganizationIn(store::Connection& c, std::int64_t org_id,
                                                 const Message& message, bool admins_only,
                                                 std::int64_t now) {
  RUTILE_TRY(CheckMessage(message));
  std::string sql = "SELECT user_id FROM memberships WHERE org_id = ?";
  if (admins_only) sql += " AND role = 'admin'";
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, {org_id}));
  for (const auto& r : rows) RUTILE_TRY(Insert(c, r.Int(0), message, now));
  return Ok();
}

Status NotificationService::NotifyOrganization(std::int64_t org_id, const Message& message,
                                               bool admins_only) {
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) {
    return NotifyOrganizationIn(c, org_id, message, admins_only, now);
  });
}

Result<Inbox> NotificationService::List(const access::Principal& caller, int limit,
                                        bool unread_only) {
  if (caller.anonymous()) return Unauthenticated("log in to read your notifications");
  if (limit < 1 || limit > 200)
    return InvalidArgument("invalid limit", {{"limit", "must be from 1 to 200"}});
  return store::Read(db_, [&](store::Connection& c) -> Result<Inbox> {
    Inbox inbox;
    std::string sql =
        "SELECT id, user_id, kind, title, body, link, created_at, read_at FROM notifications "
        "WHERE user_id = ?";
    if (unread_only) sql += " AND read_at IS NULL";
    sql += " ORDER BY id DESC LIMIT ?";
    RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, {caller.user_id, std::int64_t{limit}}));
    for (const auto& r : rows)
      inbox.items.push_back(Notification{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4),
                                         r.Text(5), r.Int(6), !r.IsNull(7)});
    RUTILE_ASSIGN_OR_RETURN(auto count,
                            c.Query("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND "
                                    "read_at IS NULL",
                                    {caller.user_id}));
    inbox.unread = count.at(0).Int(0);
    return inbox;
  });
}

Status NotificationService::MarkRead(const access::Principal& caller, std::int64_t id) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(auto rows,
                            c.Query("SELECT user_id FROM notifications WHERE id = ?", {id}));
    // Someone else's notification is reported as missing: its existence is not the caller's.
    if (rows.empty() || rows[0].Int(0) != caller.user_id)
      return NotFound("notification " + std::to_string(id) + " does not exist");
    RUTILE_TRY(c.Execute("UPDATE notifications SET read_at = ? WHERE id = ? AND read_at IS NULL",
                         {now, id}));
    return Ok();
  });
}

Status NotificationService::MarkAllRead(const access::Principal& caller) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Status {
    RUTILE_TRY(
        c.Execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND "
                  "read_at IS NULL",
                  {now, caller.user_id}));
    return Ok();
  });
}

}  // namespace rutile::notifications
