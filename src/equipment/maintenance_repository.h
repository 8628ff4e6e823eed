// SQL for maintenance plans, activities, tasks, photos, reminders and digests. Free functions
// over a connection inside the caller's transaction; no access checks here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/equipment/maintenance_service.h"
#include "rutile/store/database.h"

namespace rutile::equipment::maintenance_repository {

struct PlanRow {
  std::int64_t item_id = 0;
  std::int64_t org_id = 0;
  int grade = 1;
  std::string rules_version;
  std::int64_t anchor_day = 0;
  std::int64_t generated_at = 0;
};

struct OrgProfile {
  std::string name;
  std::string industry;
  std::string scale_class;
  std::string region;
};

// A task row with its stored status ("open", "done", "cancelled") and day numbers.
struct TaskRow {
  Task task;
  std::string stored_status;
  std::int64_t due_day = 0;
};

// Stored status + today -> the status callers see ("due", "overdue", "done", "cancelled").
std::string VisibleStatus(const std::string& stored, std::int64_t due_day, std::int64_t today);
std::string DayText(std::int64_t day);  // days since 1970-01-01 -> "YYYY-MM-DD"

Result<std::optional<PlanRow>> LoadPlan(store::Connection& c, std::int64_t item_id);
Status UpsertPlan(store::Connection& c, const PlanRow& row);
Result<OrgProfile> LoadOrgProfile(store::Connection& c, std::int64_t org_id);
// Items of the organizations whose plan was made for another grade than the item's current one.
Result<std::vector<std::int64_t>> StalePlanItems(store::Connection& c,
                                                 const std::vector<std::int64_t>& org_ids);

Result<std::vector<Activity>> ListActivities(store::Connection& c, std::int64_t item_id);
Result<std::optional<Activity>> LoadActivity(store::Connection& c, std::int64_t activity_id);
Result<std::int64_t> InsertActivity(store::Connection& c, const Activity& a, std::int64_t now);
Status UpdateRuleActivity(store::Connection& c, const Activity& a, std::int64_t now);
Status DeactivateActivity(store::Connection& c, std::int64_t activity_id, std::int64_t now);

Result<std::optional<TaskRow>> OpenTaskOf(store::Connection& c, std::int64_t activity_id);
Result<std::int64_t> InsertTask(store::Connection& c, const Activity& a, std::int64_t org_id,
                                std::int64_t due_day, std::int64_t now);
Status SetTaskDue(store::Connection& c, std::int64_t task_id, std::int64_t due_day);
Status CancelOpenTasks(store::Connection& c, std::int64_t activity_id);
Result<std::optional<std::int64_t>> LastCompletedDay(store::Connection& c,
                                                     std::int64_t activity_id);
Result<std::optional<TaskRow>> LoadTask(store::Connection& c, std::int64_t task_id);

struct TaskQuery {
  std::vector<std::int64_t> org_ids;
  std::optional<std::int64_t> item_id;
  std::string status;  // "", "due", "overdue", "done", "open" (due + overdue)
  std::optional<std::int64_t> from_day, to_day;
  std::int64_t today = 0;
  int limit = 500;
};
Result<std::vector<TaskRow>> ListTasks(store::Connection& c, const TaskQuery& q);

// Marks an open task done; false when it was not open any more.
Result<bool> CompleteTask(store::Connection& c, std::int64_t task_id, std::int64_t completed_at,
                          std::int64_t completed_by, const std::string& findings,
                          const std::vector<Measurement>& measurements);
Result<std::int64_t> InsertPhoto(store::Connection& c, std::int64_t task_id,
                                 const PhotoInput& photo);
Result<std::vector<PhotoInfo>> ListPhotos(store::Connection& c, std::int64_t task_id);
Result<std::optional<Photo>> LoadPhoto(store::Connection& c, std::int64_t task_id,
                                       std::int64_t photo_id);

// Reminders and digests: true when this call recorded the stage (first sender wins).
Result<bool> ClaimReminder(store::Connection& c, std::int64_t task_id, const std::string& stage,
                           std::int64_t now);
Result<bool> HasReminder(store::Connection& c, std::int64_t task_id, const std::string& stage);
Result<bool> ClaimDigest(store::Connection& c, std::int64_t org_id, std::int64_t day,
                         const std::string& subject, const std::string& body, std::int64_t now);
struct DigestRow {
  std::int64_t org_id = 0;
  std::string subject;
  std::string body;
};
Result<std::vector<DigestRow>> DigestsNotEmailed(store::Connection& c, std::int64_t day);
Status MarkDigestEmailed(store::Connection& c, std::int64_t org_id, std::int64_t day);
// Open tasks of every organization due on or before last_day, by organization then due date.
Result<std::vector<TaskRow>> OpenTasksDueBy(store::Connection& c, std::int64_t last_day,
                                            std::int64_t today);
// Members' e-mail addresses with their account language, by user id.
Result<std::vector<std::pair<std::string, std::string>>> MemberEmails(store::Connection& c,
                                                                      std::int64_t org_id);

}  // namespace rutile::equipment::maintenance_repository
