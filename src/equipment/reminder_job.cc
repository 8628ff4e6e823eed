#include "rutile/equipment/reminder_job.h"

#include <algorithm>
#include <map>

#include "maintenance_repository.h"
#include "rutile/equipment/digest.h"
#include "rutile/notifications/notification_service.h"

namespace rutile::equipment {
namespace {

namespace repo = maintenance_repository;

constexpr std::int64_t kDayS = 86400;

// The latest stage the task has reached today, or nullptr before the first one.
const ReminderStage* CurrentStage(const std::vector<ReminderStage>& stages, std::int64_t due_day,
                                  std::int64_t today) {
  const ReminderStage* current = nullptr;
  for (const auto& s : stages)  // ordered from the earliest to the latest
    if (today >= due_day - s.days_before_due) current = &s;
  return current;
}

notifications::Message ReminderMessage(const repo::TaskRow& row, const ReminderStage& stage,
                                       std::int64_t today) {
  const Task& t = row.task;
  return notifications::CodedMessage("equipment.maintenance_reminder",
                                     notifications::NoticeParams()
                                         .Add("task_id", t.id)
                                         .Add("task_title", t.title.substr(0, 200))
                                         .Add("item_name", t.item_name.substr(0, 120))
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
              c, row.task.org_id, ReminderMessage(row, *stage, today), false, now));
          ++r.reminders;
        }
        for (const auto& [org_id, tasks] : digest_tasks) {
          RUTILE_ASSIGN_OR_RETURN(auto org, repo::LoadOrgProfile(c, org_id));
          std::vector<Task> ordered = tasks;
          std::stable_sort(ordered.begin(), ordered.end(), [](const Task& a, const Task& b) {
            return (a.status == "overdue") > (b.status == "overdue");
          });
          DigestText d = ComposeDigest(org.name, date, ordered, rules_.digest_max_listed);
          RUTILE_ASSIGN_OR_RETURN(bool claimed,
                                  repo::ClaimDigest(c, org_id, today, d.subject, d.body, now));
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
    if (auto sent = SendMail(*smtp_, {to, d.subject, d.body}, now); !sent.has_value()) {
      report.email_errors.push_back(sent.error().message());
      continue;
    }
    RUTILE_TRY(store::Write(
        db_, [&](store::Connection& c) { return repo::MarkDigestEmailed(c, d.org_id, today); }));
    ++report.emails;
  }
  return report;
}

}  // namespace rutile::equipment
