// MaintenanceService: maintenance plans per equipment item (activities from the risk grade, the
// rules file and the matched library clauses, plus calendar activities users add), the tasks they
// yield with due dates, completion records (who, when, findings, measurements, photos) and the
// enterprise task list with overdue tracking. Access goes through EquipmentService (reads) and
// access::Authorize (writes). Holds references that must outlive it; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/equipment/equipment_service.h"
#include "rutile/equipment/maintenance_rules.h"
#include "rutile/standards/standards_service.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::equipment {

// Schema (versions 630-649). Needs the identity and equipment tables.
std::vector<store::Migration> MaintenanceMigrations();

// A library clause an activity carries out, as the matcher found it for the item.
struct LinkedClause {
  std::string id;      // "rtb-5.1"
  std::string number;  // "RT-5.1"
  std::string title;
  std::string kind;  // "mandatory" or "recommended"
};

struct Activity {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  std::string kind;    // rule kinds, or "calendar" for a user's activity
  std::string origin;  // "rule" or "user"
  std::string title;
  std::optional<int> interval_days;  // unset: a one-off task
  IntervalSource source;             // rule activities: why this interval
  bool uncertain = false;            // the interval's confidence is "uncertain"
  std::vector<LinkedClause> clauses;
  std::string note;             // user activities: free text
  std::int64_t created_by = 0;  // user activities: who added it
  std::int64_t created_at = 0;
};

struct Measurement {
  std::string type;  // a reading type ("wall_thickness_mm") or a free name
  double value = 0;
  std::string unit;
  std::int64_t reading_id = 0;  // set when stored as an equipment reading too
};

struct PhotoInput {
  std::string name;
  std::string content_type;  // image/jpeg, image/png, image/webp
  std::string bytes;         // decoded
};

struct PhotoInfo {
  std::int64_t id = 0;
  std::string name;
  std::string content_type;
  std::int64_t size_bytes = 0;
};

struct Task {
  std::int64_t id = 0;
  std::int64_t activity_id = 0;
  std::int64_t item_id = 0;
  std::int64_t org_id = 0;
  std::string item_name;
  std::string kind;
  std::string title;
  std::string due_on;  // "YYYY-MM-DD"
  std::string status;  // "due" (open, not late), "overdue", "done", "cancelled"
  std::int64_t completed_at = 0;
  std::int64_t completed_by = 0;
  std::string findings;
  std::vector<Measurement> measurements;
  std::vector<PhotoInfo> photos;
  std::int64_t created_at = 0;
};

struct Plan {
  std::int64_t item_id = 0;
  std::int64_t org_id = 0;
  int grade = 1;
  std::string rules_version;
  std::string anchor_on;  // installation date, or the day the plan was first made
  std::int64_t generated_at = 0;
  std::vector<Activity> activities;  // active ones: rule activities first, then the user's
  std::vector<Task> open_tasks;      // the next task of each activity
  std::vector<Task> history;         // completed tasks, newest first
};

struct CalendarActivityInput {
  std::string title;
  std::optional<int> interval_days;  // unset: one-off
  std::string first_due_on;          // "YYYY-MM-DD"
  std::string note;
};

struct CompletionInput {
  std::string findings;
  std::vector<Measurement> measurements;
  std::vector<PhotoInput> photos;
  std::string completed_at;  // "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD"; empty: now
};

struct CompletionResult {
  Task task;
  std::optional<Task> next;
};

struct TaskFilter {
  std::optional<std::int64_t> org_id;   // unset: every organization the caller belongs to
  std::optional<std::int64_t> item_id;  // unset: every item
  std::string status;                   // "", "due", "overdue", "done"
  std::string from, to;                 // due dates (done: completion dates), inclusive
  int limit = 500;
};

struct Photo {
  PhotoInfo info;
  std::string bytes;
};

// Rule activities and their tasks are stored by kind, without a rendered title; these set
// `title` for a reader of `lang` (en, zh, es, fr, pt, ar) from the rules. User activities keep
// the title people typed.
void LocalizeTitles(const MaintenanceRules& rules, std::string_view lang, Activity& activity);
void LocalizeTitles(const MaintenanceRules& rules, std::string_view lang, Task& task);
void LocalizeTitles(const MaintenanceRules& rules, std::string_view lang, Plan& plan);
void LocalizeTitles(const MaintenanceRules& rules, std::string_view lang, CompletionResult& c);
void LocalizeTitles(const MaintenanceRules& rules, std::string_view lang, std::vector<Task>& tasks);

class MaintenanceService {
 public:
  MaintenanceService(store::Database& db, const Clock& clock, EquipmentService& equipment,
                     standards::StandardsService& standards,
                     const MaintenanceRules& rules = MaintenanceRules::Default());

  // Makes or remakes the plan from the item's current grade. Keeps user activities, completed
  // history and the next due date of unchanged activities.
  Result<Plan> Generate(const access::Principal& caller, std::int64_t item_id);
  // The stored plan; remade first when the item's grade changed since it was made. NotFound
  // when no plan was made yet.
  Result<Plan> GetPlan(const access::Principal& caller, std::int64_t item_id);
  Result<Activity> AddCalendarActivity(const access::Principal& caller, std::int64_t item_id,
                                       const CalendarActivityInput& input);
  // Removes a user activity; its open task is cancelled, its history stays.
  Status RemoveCalendarActivity(const access::Principal& caller, std::int64_t item_id,
                                std::int64_t activity_id);

  Result<std::vector<Task>> ListTasks(const access::Principal& caller, const TaskFilter& filter);
  Result<Task> GetTask(const access::Principal& caller, std::int64_t task_id);
  // Records the completion and schedules the next task from its date. Wall thickness and other
  // reading types among the measurements are also stored through EquipmentService.
  Result<CompletionResult> Complete(const access::Principal& caller, std::int64_t task_id,
                                    const CompletionInput& input);
  Result<Photo> GetPhoto(const access::Principal& caller, std::int64_t task_id,
                         std::int64_t photo_id);

  const MaintenanceRules& rules() const { return rules_; }

 private:
  Result<Plan> Regenerate(const access::Principal& caller, const Item& item);
  Result<Plan> Load(const Item& item);

  store::Database& db_;
  const Clock& clock_;
  EquipmentService& equipment_;
  standards::StandardsService& standards_;
  const MaintenanceRules& rules_;
};

}  // namespace rutile::equipment
