// NotificationService: one inbox per user. Modules send through it (to a user, or to every
// member or administrator of an organization); users list and mark their notifications.
// Holds references to the database and clock; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::notifications {

// Schema (versions 200-299).
std::vector<store::Migration> NotificationMigrations();

struct Notification {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string kind;   // machine-readable, e.g. "identity.real_name_decided"
  std::string title;  // short, in the recipient's language where the sender knows it
  std::string body;
  std::string link;  // path in the web app, may be empty
  std::int64_t created_at = 0;
  bool read = false;
};

struct Message {
  std::string kind;
  std::string title;
  std::string body;
  std::string link;
};

// Parameters of a coded notice, written as one JSON object (names and strings escaped, numbers
// as integers). Stored records keep the code and these parameters, never a rendered sentence.
class NoticeParams {
 public:
  NoticeParams& Add(std::string_view name, std::int64_t value);
  NoticeParams& Add(std::string_view name, std::string_view value);
  NoticeParams& Add(std::string_view name, const char* value) {
    return Add(name, std::string_view(value));
  }
  // A real number in its shortest round-trip form (3.5, 0.1); null when not finite.
  NoticeParams& AddReal(std::string_view name, double value);
  // The parameters as a JSON object text, e.g. {"case_id":4,"item_name":"Tank \"A\""}.
  std::string Json() const;

 private:
  std::string members_;
};

// A notice as a message code with parameters: kind and title are the code, the body is the
// parameters' JSON; the reader's client renders both in the reader's language. `link` is the
// web app path of the notice's subject.
Message CodedMessage(std::string code, const NoticeParams& params, std::string link);

struct Inbox {
  std::vector<Notification> items;  // newest first
  std::int64_t unread = 0;
};

class NotificationService {
 public:
  NotificationService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Status NotifyUser(std::int64_t user_id, const Message& message);
  // Every member of the organization, or only its administrators.
  Status NotifyOrganization(std::int64_t org_id, const Message& message, bool admins_only);
  // The same, inside a transaction the caller already holds (so a change and its notices
  // commit together).
  static Status NotifyUserIn(store::Connection& c, std::int64_t user_id, const Message& message,
                             std::int64_t now);
  static Status NotifyOrganizationIn(store::Connection& c, std::int64_t org_id,
                                     const Message& message, bool admins_only, std::int64_t now);

  Result<Inbox> List(const access::Principal& caller, int limit, bool unread_only);
  Status MarkRead(const access::Principal& caller, std::int64_t notification_id);
  Status MarkAllRead(const access::Principal& caller);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rutile::notifications
