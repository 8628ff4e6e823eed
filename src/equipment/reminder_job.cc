#include "rutile/equipment/reminder_job.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <optional>
#include <utility>

#include "maintenance_repository.h"
#include "rutile/equipment/digest.h"
#include "rutile/notifications/notification_service.h"

namespace rutile::equipment {
namespace {

namespace repo = maintenance_repository;
namespace json = boost::json;

// A stored digest keeps what it lists, never its sentences: each recipient's e-mail is written
// in that recipient's language when it is sent.
constexpr std::string_view kDigestCode = "equipment.maintenance_digest";

std::string DigestContent(std::string_view org_name, std::string_view date,
                          const std::vector<Task>& tasks) {
  json::array list;
  for (const auto& t : tasks)
    list.push_back(json::object{{"id", t.id},
                                {"kind", t.kind},
                                {"title", t.title},
                                {"item_name", t.item_name},
                                {"due_on", t.due_on},
                                {"status", t.status}});
  return json::serialize(
      json::object{{"org_name", org_name}, {"date", date}, {"tasks", std::move(list)}});
}

struct StoredDigest {
  std::string org_name, date;
  std::vector<Task> tasks;
};

std::optional<StoredDigest> ParseDigestContent(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  const json::object* o = !ec ? v.if_object() : nullptr;
  if (o == nullptr) return std::nullopt;
  auto str = [](const json::object& x, std::string_view k) {
    const json::value* f = x.if_contains(k);
    return f != nullptr && f->is_string() ? std::string(f->as_string()) : std::string();
  };
  StoredDigest d{str(*o, "org_name"), str(*o, "date"), {}};
  if (const json::value* list = o->if_contains("tasks"); list != nullptr && list->is_array())
    for (const auto& e : list->as_array()) {
      if (!e.is_object()) continue;
      const json::object& x = e.as_object();
      Task t;
      if (const json::value* id = x.if_contains("id"); id != nullptr && id->is_int64())
        t.id = id->as_int64();
      t.kind = str(x, "kind");
      t.title = str(x, "title");
      t.item_name = str(x, "item_name");
      t.due_on = str(x, "due_on");
      t.status = str(x, "status");
      d.tasks.push_back(std::move(t));
    }
  return d;
}

constexpr std::int64_t kDayS = 86400;

// The latest stage the task has reached today, or nullptr before the first one.
const ReminderStage* CurrentStage(const std::vector<ReminderStage>& stages, std::int64_t due_day,
                                  std::int64_t today) {
  const ReminderStage* current = nullptr;
  for (const auto& s : stages)  // ordered from the earliest to the latest
    if (today >= due_day - s.days_before_due) current = &s;
  return current;
}

notifications::Message ReminderMessage(const MaintenanceRules& rules, const repo::TaskRow& row,
                                       const ReminderStage& stage, std::int64_t today) {
  const Task& t = row.task;
  // A rule task is named by its kind (the reader's client renders it); only a title people typed
  // travels as text.
  notifications::NoticeParams params;
  params.Add("task_id", t.id).Add("task_kind", t.kind);
  if (rules.Find(t.kind) == nullptr && !t.title.empty())
    params.Add("task_title", t.title.substr(0, 200));
  return notifications::CodedMessage("equipment.maintenance_reminder",
                                     params.Add("item_name", t.item_name.substr(0, 120))
                                         .Add("due_on", t.due_on)
                                         .Add("days", row.due_day - today)
                                         .Add("stage", stage.stage),
                                     "/equipment/maintenance");
}

}  // namespace

ReminderJob::ReminderJob(store::Database& db, std::optional<SmtpSettings> smtp,
                         const MaintenanceRules& rules)
    : db_(db), smtp_(std::move(smtp)), rules_(rules) {}

Result<ReminderReport> ReminderJob::RunOnce(TimePoint now_point) {
  const std::int64_t now = UnixSeconds(now_point);
  const std::int64_t today = now >= 0 ? now / kDayS : (now - kDayS + 1) / kDayS;
  const std::string date = repo::DayText(today);
  int horizon = rules_.digest_horizon_days;
  for (const auto& s : rules_.stages) horizon = std::max(horizon, s.days_before_due);

  RUTILE_ASSIGN_OR_RETURN(
      ReminderReport report, store::Write(db_, [&](store::Connection& c) -> Result<ReminderReport> {
        ReminderReport r;
        RUTILE_ASSIGN_OR_RETURN(auto rows, repo::OpenTasksDueBy(c, today + horizon, today));
        std::map<std::int64_t, std::vector<Task>> digest_tasks;
        for (const auto& row : rows) {
          if (row.due_day <= today + rules_.digest_horizon_days)
            digest_tasks[row.task.org_id].push_back(row.task);
          const ReminderStage* stage = CurrentStage(rules_.stages, row.due_day, today);
          if (stage == nullptr) continue;
          RUTILE_ASSIGN_OR_RETURN(bool claimed,
                                  repo::ClaimReminder(c, row.task.id, stage->stage, now));
          if (!claimed) continue;
          RUTILE_TRY(notifications::NotificationService::NotifyOrganizationIn(
              c, row.task.org_id, ReminderMessage(rules_, row, *stage, today), false, now));
          ++r.reminders;
        }
        for (const auto& [org_id, tasks] : digest_tasks) {
          RUTILE_ASSIGN_OR_RETURN(auto org, repo::LoadOrgProfile(c, org_id));
          std::vector<Task> ordered = tasks;
          std::stable_sort(ordered.begin(), ordered.end(), [](const Task& a, const Task& b) {
            return (a.status == "overdue") > (b.status == "overdue");
          });
          RUTILE_ASSIGN_OR_RETURN(bool claimed,
                                  repo::ClaimDigest(c, org_id, today, std::string(kDigestCode),
                                                    DigestContent(org.name, date, ordered), now));
          if (!claimed) continue;
          std::int64_t overdue = 0;
          for (const auto& task : ordered) overdue += task.status == "overdue" ? 1 : 0;
          notifications::Message m = notifications::CodedMessage(
              "equipment.maintenance_digest",
              notifications::NoticeParams()
                  .Add("date", date)
                  .Add("count", static_cast<std::int64_t>(ordered.size()))
                  .Add("overdue", overdue),
              "/equipment/maintenance");
          RUTILE_TRY(
              notifications::NotificationService::NotifyOrganizationIn(c, org_id, m, false, now));
          ++r.digests;
        }
        return r;
      }));

  if (!smtp_) return report;
  // E-mail outside the transaction: a slow or absent relay never holds the write lock.
  RUTILE_ASSIGN_OR_RETURN(auto pending, store::Read(db_, [&](store::Connection& c) {
                            return repo::DigestsNotEmailed(c, today);
                          }));
  for (const auto& d : pending) {
    RUTILE_ASSIGN_OR_RETURN(auto to, store::Read(db_, [&](store::Connection& c) {
                              return repo::MemberEmails(c, d.org_id);
                            }));
    if (to.empty()) continue;
    // One e-mail per language among the members, in the order the members first name it.
    std::vector<std::pair<std::string, std::vector<std::string>>> by_language;
    for (const auto& [email, language] : to) {
      auto it = std::find_if(by_language.begin(), by_language.end(),
                             [&](const auto& g) { return g.first == language; });
      if (it == by_language.end()) it = by_language.insert(by_language.end(), {language, {}});
      it->second.push_back(email);
    }
    const auto content =
        d.subject == kDigestCode ? ParseDigestContent(d.body) : std::optional<StoredDigest>();
    bool failed = false;
    for (const auto& [language, emails] : by_language) {
      MailMessage mail{emails, d.subject, d.body};  // a digest stored before codes: as written
      if (content) {
        DigestText text =
            ComposeDigest(texts::Catalogue::ForLanguage(language), rules_, content->org_name,
                          content->date, content->tasks, rules_.digest_max_listed);
        mail.subject = std::move(text.subject);
        mail.body = std::move(text.body);
      }
      if (auto sent = SendMail(*smtp_, mail, now); !sent.has_value()) {
        report.email_errors.push_back(sent.error().message());
        failed = true;
        break;
      }
    }
    if (failed) continue;
    RUTILE_TRY(store::Write(
        db_, [&](store::Connection& c) { return repo::MarkDigestEmailed(c, d.org_id, today); }));
    ++report.emails;
  }
  return report;
}

}  // namespace rutile::equipment
