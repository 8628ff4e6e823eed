#include "rutile/equipment/maintenance_service.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "maintenance_repository.h"
#include "rutile/access/policy.h"
#include "rutile/engine/thickness.h"
#include "rutile/identity/regions.h"
#include "rutile/media/image_metadata.h"

namespace rutile::equipment {
namespace {

namespace repo = maintenance_repository;

constexpr std::int64_t kDayS = 86400;
constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxNote = 2000;
constexpr std::size_t kMaxFindings = 10000;
constexpr std::size_t kMaxMeasurements = 50;
constexpr std::size_t kMaxPhotos = 5;
constexpr std::size_t kMaxPhotoBytes = 1 << 20;
constexpr int kMaxIntervalDays = 3660;
constexpr std::int64_t kFutureToleranceS = 300;

std::int64_t DayOf(std::int64_t unix_seconds) {
  return unix_seconds >= 0 ? unix_seconds / kDayS : (unix_seconds - kDayS + 1) / kDayS;
}

std::optional<std::int64_t> ParseDay(std::string_view text) {
  auto d = engine::ParseDate(text);
  if (!d.has_value()) return std::nullopt;
  return engine::DaysFromCivil(*d);
}

access::RecordRef RecordOf(const Item& item) {
  access::RecordRef r;
  r.owner_org_id = item.org_id;
  r.level = item.input.level;
  if (item.park_id != 0) r.shared_park_ids = {item.park_id};
  return r;
}

// The image types a completion accepts, recognised by their first bytes.
bool LooksLike(const std::string& content_type, const std::string& bytes) {
  auto starts = [&](std::string_view magic) { return bytes.rfind(magic, 0) == 0; };
  if (content_type == "image/jpeg") return starts("\xFF\xD8\xFF");
  if (content_type == "image/png") return starts("\x89PNG\r\n\x1A\n");
  if (content_type == "image/webp")
    return bytes.size() >= 12 && starts("RIFF") && bytes.compare(8, 4, "WEBP") == 0;
  return false;
}

bool IsTypeName(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

// The activities the rules give for the item's grade, linked to the clauses the matcher found.
std::vector<Activity> DesiredActivities(const MaintenanceRules& rules, const Item& item,
                                        const standards::MatchResult& match,
                                        std::optional<double> remaining_life_a) {
  std::map<std::string, LinkedClause> matched;
  for (const auto* list : {&match.mandatory, &match.recommended})
    for (const auto& m : *list)
      matched[m.id] = {m.id, m.number, m.title, std::string(standards::ClauseKindName(m.kind))};
  std::vector<Activity> out;
  for (const auto& rule : rules.activities) {
    const GradeInterval* g = rule.ForGrade(item.grade);
    if (g == nullptr) continue;
    Activity a;
    a.item_id = item.id;
    a.kind = rule.kind;
    a.origin = "rule";
    // Stored by kind: readers see the rules' title in their language (LocalizeTitles).
    a.title.clear();
    if (!g->once) a.interval_days = g->days;
    a.source = g->source;
    if (rule.remaining_life_fraction && remaining_life_a && a.interval_days) {
      const double cap = *remaining_life_a * 365.25 * *rule.remaining_life_fraction;
      if (cap < *a.interval_days) {
        a.interval_days = std::max(1, static_cast<int>(std::floor(cap)));
        a.source = rule.remaining_life_source;
        char note[96];
        std::snprintf(note, sizeof note, " (remaining life %.2f a)", *remaining_life_a);
        a.source.note += note;
      }
    }
    a.uncertain = a.source.confidence == "uncertain";
    for (const auto& id : rule.clauses)
      if (auto it = matched.find(id); it != matched.end()) a.clauses.push_back(it->second);
    out.push_back(std::move(a));
  }
  return out;
}

// Due day of an activity's next task: one-offs are due on `today`; recurring ones an interval
// after the last completion, or after the plan's anchor when never done.
Result<std::int64_t> NextDue(store::Connection& c, const Activity& a, std::int64_t anchor_day,
                             std::int64_t today) {
  if (!a.interval_days) return today;
  RUTILE_ASSIGN_OR_RETURN(auto last, repo::LastCompletedDay(c, a.id));
  return last.value_or(anchor_day) + *a.interval_days;
}

Result<std::vector<Task>> Visible(store::Connection& c, std::vector<repo::TaskRow> rows,
                                  std::int64_t today) {
  std::vector<Task> out;
  for (auto& r : rows) {
    r.task.status = repo::VisibleStatus(r.stored_status, r.due_day, today);
    RUTILE_ASSIGN_OR_RETURN(r.task.photos, repo::ListPhotos(c, r.task.id));
    out.push_back(std::move(r.task));
  }
  return out;
}

Result<Plan> LoadPlanIn(store::Connection& c, const Item& item, std::int64_t today) {
  RUTILE_ASSIGN_OR_RETURN(auto row, repo::LoadPlan(c, item.id));
  if (!row)
    return NotFound("equipment item " + std::to_string(item.id) +
                    " has no maintenance plan yet; POST to make one");
  Plan p;
  p.item_id = item.id;
  p.org_id = row->org_id;
  p.grade = row->grade;
  p.rules_version = row->rules_version;
  p.anchor_on = repo::DayText(row->anchor_day);
  p.generated_at = row->generated_at;
  RUTILE_ASSIGN_OR_RETURN(p.activities, repo::ListActivities(c, item.id));
  repo::TaskQuery q;
  q.org_ids = {item.org_id};
  q.item_id = item.id;
  q.today = today;
  RUTILE_ASSIGN_OR_RETURN(auto open, repo::ListTasks(c, q));
  RUTILE_ASSIGN_OR_RETURN(p.open_tasks, Visible(c, std::move(open), today));
  q.status = "done";
  q.limit = 100;
  RUTILE_ASSIGN_OR_RETURN(auto done, repo::ListTasks(c, q));
  RUTILE_ASSIGN_OR_RETURN(p.history, Visible(c, std::move(done), today));
  return p;
}

Result<Task> LoadVisibleTask(store::Connection& c, std::int64_t task_id, std::int64_t today) {
  RUTILE_ASSIGN_OR_RETURN(auto row, repo::LoadTask(c, task_id));
  if (!row) return NotFound("maintenance task " + std::to_string(task_id));
  std::vector<repo::TaskRow> rows;
  rows.push_back(std::move(*row));
  RUTILE_ASSIGN_OR_RETURN(auto tasks, Visible(c, std::move(rows), today));
  return std::move(tasks[0]);
}

std::vector<FieldError> ValidateCompletion(const CompletionInput& in, std::int64_t now,
                                           std::int64_t* completed_at) {
  std::vector<FieldError> e;
  if (in.findings.size() > kMaxFindings) e.push_back({"findings", "must be at most 10000 bytes"});
  if (in.measurements.size() > kMaxMeasurements)
    e.push_back({"measurements", "at most 50 measurements"});
  for (std::size_t i = 0; i < in.measurements.size(); ++i) {
    const Measurement& m = in.measurements[i];
    const std::string at = "measurements[" + std::to_string(i) + "].";
    if (!IsTypeName(m.type)) e.push_back({at + "type", "must be 1 to 64 of a-z, 0-9 and _"});
    if (!std::isfinite(m.value)) e.push_back({at + "value", "must be a number"});
    if (m.unit.size() > 16) e.push_back({at + "unit", "must be at most 16 bytes"});
  }
  if (in.photos.size() > kMaxPhotos) e.push_back({"photos", "at most 5 photos"});
  for (std::size_t i = 0; i < in.photos.size(); ++i) {
    const PhotoInput& p = in.photos[i];
    const std::string at = "photos[" + std::to_string(i) + "].";
    if (p.name.empty() || p.name.size() > kMaxTitle)
      e.push_back({at + "name", "must be 1 to 200 bytes"});
    if (p.bytes.empty() || p.bytes.size() > kMaxPhotoBytes)
      e.push_back({at + "data_base64", "must decode to 1 byte to 1 MiB"});
    else if (!LooksLike(p.content_type, p.bytes))
      e.push_back(
          {at + "content_type", "must be image/jpeg, image/png or image/webp and match the data"});
  }
  *completed_at = now;
  if (!in.completed_at.empty()) {
    auto t = ParseTimestamp(in.completed_at);
    if (!t)
      e.push_back({"completed_at", "must be YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD"});
    else if (*t > now + kFutureToleranceS)
      e.push_back({"completed_at", "must not be in the future"});
    else
      *completed_at = *t;
  }
  return e;
}

// "readings[3].value" from IngestReadings -> "measurements[<index of the 3rd reading>].value".
Error MapReadingErrors(const Error& error, const std::vector<std::size_t>& index) {
  std::vector<FieldError> fields;
  for (const auto& f : error.fields()) {
    FieldError m = f;
    if (f.field.rfind("readings[", 0) == 0) {
      const auto close = f.field.find(']');
      std::size_t k = index.size();
      if (close != std::string::npos)
        std::from_chars(f.field.data() + 9, f.field.data() + close, k);
      if (k < index.size())
        m.field = "measurements[" + std::to_string(index[k]) + "]" + f.field.substr(close + 1);
    }
    fields.push_back(std::move(m));
  }
  return Error(error.code(), error.message(), std::move(fields));
}

}  // namespace

MaintenanceService::MaintenanceService(store::Database& db, const Clock& clock,
                                       EquipmentService& equipment,
                                       standards::StandardsService& standards,
                                       const MaintenanceRules& rules)
    : db_(db), clock_(clock), equipment_(equipment), standards_(standards), rules_(rules) {}

Result<Plan> MaintenanceService::Generate(const access::Principal& caller, std::int64_t item_id) {
  RUTILE_ASSIGN_OR_RETURN(Item item, equipment_.Get(caller, item_id));
  RUTILE_TRY(access::Authorize(caller, access::Action::kWrite, RecordOf(item)));
  return Regenerate(caller, item);
}

Result<Plan> MaintenanceService::Regenerate(const access::Principal& caller, const Item& item) {
  const std::int64_t now = UnixSeconds(clock_.Now());
  const std::int64_t today = DayOf(now);
  RUTILE_ASSIGN_OR_RETURN(auto org, store::Read(db_, [&](store::Connection& c) {
                            return repo::LoadOrgProfile(c, item.org_id);
                          }));
  standards::MatchProfile profile;
  profile.material = item.input.material;
  profile.preset = item.input.bath_preset;
  for (const auto& comp : item.input.components)
    profile.components.push_back({comp.species, comp.unit, comp.value});
  profile.temperature_c = item.input.operating_temperature_c;
  profile.ph = item.input.ph;
  profile.crevices = item.input.crevices;
  profile.industry = org.industry;
  profile.equipment_type = item.input.type;
  profile.scale_class = org.scale_class;
  if (const auto* region = identity::RegionCatalog::Default().FindRegion(org.region))
    profile.region_category = region->category;
  RUTILE_ASSIGN_OR_RETURN(auto match, standards_.Match(profile));
  std::optional<double> remaining_life;
  if (auto t = equipment_.AnalyzeThickness(caller, item.id); t.has_value())
    remaining_life = t->remaining_life_a;
  std::vector<Activity> desired = DesiredActivities(rules_, item, match, remaining_life);

  return store::Write(db_, [&](store::Connection& c) -> Result<Plan> {
    RUTILE_ASSIGN_OR_RETURN(auto plan, repo::LoadPlan(c, item.id));
    std::int64_t anchor = today;
    if (plan)
      anchor = plan->anchor_day;
    else if (auto installed = ParseDay(item.input.installed_on))
      anchor = *installed;
    RUTILE_ASSIGN_OR_RETURN(auto existing, repo::ListActivities(c, item.id));
    for (Activity& a : desired) {
      auto old = std::find_if(existing.begin(), existing.end(), [&](const Activity& e) {
        return e.origin == "rule" && e.kind == a.kind;
      });
      if (old != existing.end()) {
        a.id = old->id;
        RUTILE_TRY(repo::UpdateRuleActivity(c, a, now));
        RUTILE_ASSIGN_OR_RETURN(auto open, repo::OpenTaskOf(c, a.id));
        if (open && old->interval_days != a.interval_days) {
          RUTILE_ASSIGN_OR_RETURN(std::int64_t due, NextDue(c, a, anchor, today));
          RUTILE_TRY(repo::SetTaskDue(c, open->task.id, due));
        } else if (!open && a.interval_days) {
          RUTILE_ASSIGN_OR_RETURN(std::int64_t due, NextDue(c, a, anchor, today));
          RUTILE_TRY(repo::InsertTask(c, a, item.org_id, due, now));
        }
        existing.erase(old);
      } else {
        RUTILE_ASSIGN_OR_RETURN(a.id, repo::InsertActivity(c, a, now));
        RUTILE_ASSIGN_OR_RETURN(std::int64_t due, NextDue(c, a, anchor, today));
        RUTILE_TRY(repo::InsertTask(c, a, item.org_id, due, now));
      }
    }
    for (const Activity& gone : existing)
      if (gone.origin == "rule") RUTILE_TRY(repo::DeactivateActivity(c, gone.id, now));
    RUTILE_TRY(
        repo::UpsertPlan(c, {item.id, item.org_id, item.grade, rules_.version, anchor, now}));
    return LoadPlanIn(c, item, today);
  });
}

Result<Plan> MaintenanceService::Load(const Item& item) {
  const std::int64_t today = DayOf(UnixSeconds(clock_.Now()));
  return store::Read(db_, [&](store::Connection& c) { return LoadPlanIn(c, item, today); });
}

Result<Plan> MaintenanceService::GetPlan(const access::Principal& caller, std::int64_t item_id) {
  RUTILE_ASSIGN_OR_RETURN(Item item, equipment_.Get(caller, item_id));
  RUTILE_ASSIGN_OR_RETURN(auto plan, Load(item));
  // Lazy regeneration: the item's grade changed since the plan was made.
  if (plan.grade != item.grade) return Regenerate(caller, item);
  return plan;
}

Result<Activity> MaintenanceService::AddCalendarActivity(const access::Principal& caller,
                                                         std::int64_t item_id,
                                                         const CalendarActivityInput& in) {
  std::vector<FieldError> e;
  if (in.title.empty() || in.title.size() > kMaxTitle)
    e.push_back({"title", "must be 1 to 200 bytes"});
  if (in.interval_days && (*in.interval_days < 1 || *in.interval_days > kMaxIntervalDays))
    e.push_back({"interval_days", "must be 1 to 3660, or null for a one-off"});
  auto first = ParseDay(in.first_due_on);
  if (!first) e.push_back({"first_due_on", "must be a date YYYY-MM-DD"});
  if (in.note.size() > kMaxNote) e.push_back({"note", "must be at most 2000 bytes"});
  if (!e.empty()) return InvalidArgument("the calendar activity is not valid", std::move(e));
  RUTILE_ASSIGN_OR_RETURN(Item item, equipment_.Get(caller, item_id));
  RUTILE_TRY(access::Authorize(caller, access::Action::kWrite, RecordOf(item)));
  const bool has_plan = store::Read(db_, [&](store::Connection& c) -> Result<bool> {
                          RUTILE_ASSIGN_OR_RETURN(auto p, repo::LoadPlan(c, item.id));
                          return p.has_value();
                        }).value_or(false);
  if (!has_plan) RUTILE_TRY(Regenerate(caller, item));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Activity> {
    Activity a;
    a.item_id = item.id;
    a.kind = "calendar";
    a.origin = "user";
    a.title = in.title;
    a.interval_days = in.interval_days;
    a.note = in.note;
    a.created_by = caller.user_id;
    a.created_at = now;
    RUTILE_ASSIGN_OR_RETURN(a.id, repo::InsertActivity(c, a, now));
    RUTILE_TRY(repo::InsertTask(c, a, item.org_id, *first, now));
    return a;
  });
}

Status MaintenanceService::RemoveCalendarActivity(const access::Principal& caller,
                                                  std::int64_t item_id, std::int64_t activity_id) {
  RUTILE_ASSIGN_OR_RETURN(Item item, equipment_.Get(caller, item_id));
  RUTILE_TRY(access::Authorize(caller, access::Action::kWrite, RecordOf(item)));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(auto a, repo::LoadActivity(c, activity_id));
    if (!a || a->item_id != item.id)
      return NotFound("maintenance activity " + std::to_string(activity_id));
    if (a->origin != "user")
      return FailedPrecondition("activities from the rules change only with the grade");
    return repo::DeactivateActivity(c, a->id, now);
  });
}

Result<std::vector<Task>> MaintenanceService::ListTasks(const access::Principal& caller,
                                                        const TaskFilter& f) {
  if (caller.anonymous()) return Unauthenticated("log in to see maintenance tasks");
  std::vector<FieldError> e;
  const std::int64_t today = DayOf(UnixSeconds(clock_.Now()));
  repo::TaskQuery q;
  q.today = today;
  q.item_id = f.item_id;
  q.limit = f.limit;
  if (f.status != "" && f.status != "due" && f.status != "overdue" && f.status != "done")
    e.push_back({"status", "must be due, overdue or done"});
  q.status = f.status;
  if (!f.from.empty() && !(q.from_day = ParseDay(f.from)))
    e.push_back({"from", "must be a date YYYY-MM-DD"});
  if (!f.to.empty() && !(q.to_day = ParseDay(f.to)))
    e.push_back({"to", "must be a date YYYY-MM-DD"});
  if (q.from_day && q.to_day && *q.from_day > *q.to_day)
    e.push_back({"to", "must not be before from"});
  if (f.limit < 1 || f.limit > 1000) e.push_back({"limit", "must be 1 to 1000"});
  if (!e.empty()) return InvalidArgument("the task filter is not valid", std::move(e));
  if (f.org_id) {
    access::RecordRef org;
    org.owner_org_id = *f.org_id;
    RUTILE_TRY(access::Authorize(caller, access::Action::kRead, org));
    q.org_ids = {*f.org_id};
  } else {
    for (const auto& m : caller.memberships) q.org_ids.push_back(m.org_id);
  }
  RUTILE_ASSIGN_OR_RETURN(auto stale, store::Read(db_, [&](store::Connection& c) {
                            return repo::StalePlanItems(c, q.org_ids);
                          }));
  for (std::int64_t item_id : stale) {
    RUTILE_ASSIGN_OR_RETURN(Item item, equipment_.Get(caller, item_id));
    RUTILE_TRY(Regenerate(caller, item));
  }
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Task>> {
    RUTILE_ASSIGN_OR_RETURN(auto rows, repo::ListTasks(c, q));
    return Visible(c, std::move(rows), today);
  });
}

Result<Task> MaintenanceService::GetTask(const access::Principal& caller, std::int64_t task_id) {
  const std::int64_t today = DayOf(UnixSeconds(clock_.Now()));
  RUTILE_ASSIGN_OR_RETURN(Task task, store::Read(db_, [&](store::Connection& c) {
                            return LoadVisibleTask(c, task_id, today);
                          }));
  // A task of an item the caller may not read answers exactly as a missing task.
  if (auto item = equipment_.Get(caller, task.item_id); !item.has_value()) {
    if (item.error().code() == ErrorCode::kNotFound)
      return NotFound("maintenance task " + std::to_string(task_id));
    return item.error();
  }
  return task;
}

Result<CompletionResult> MaintenanceService::Complete(const access::Principal& caller,
                                                      std::int64_t task_id,
                                                      const CompletionInput& input) {
  if (caller.anonymous()) return Unauthenticated("log in to complete a task");
  const std::int64_t now = UnixSeconds(clock_.Now());
  const std::int64_t today = DayOf(now);
  std::int64_t completed_at = now;
  auto errors = ValidateCompletion(input, now, &completed_at);
  if (!errors.empty()) return InvalidArgument("the completion is not valid", std::move(errors));
  // Photos are stored without their metadata (EXIF with GPS, XMP, comments).
  std::vector<PhotoInput> photos = input.photos;
  for (std::size_t i = 0; i < photos.size(); ++i) {
    auto stripped = media::StripImageMetadata(photos[i].bytes);
    if (!stripped.has_value())
      errors.push_back({"photos[" + std::to_string(i) + "].data_base64",
                        "must be a well-formed JPEG, PNG or WebP image"});
    else
      photos[i].bytes = std::move(*stripped);
  }
  if (!errors.empty()) return InvalidArgument("the completion is not valid", std::move(errors));
  RUTILE_ASSIGN_OR_RETURN(Task task, GetTask(caller, task_id));
  RUTILE_ASSIGN_OR_RETURN(Item item, equipment_.Get(caller, task.item_id));
  RUTILE_TRY(access::Authorize(caller, access::Action::kWrite, RecordOf(item)));
  if (task.status == "done" || task.status == "cancelled")
    return Conflict("maintenance task " + std::to_string(task_id) + " is already " + task.status);

  std::vector<Measurement> measurements = input.measurements;
  std::vector<ReadingInput> readings;
  std::vector<std::size_t> index;
  for (std::size_t i = 0; i < measurements.size(); ++i)
    if (FindReadingType(measurements[i].type) != nullptr) {
      readings.push_back({measurements[i].type, measurements[i].value, measurements[i].unit,
                          FormatTimestamp(completed_at)});
      index.push_back(i);
    }
  if (!readings.empty()) {
    auto ingested = equipment_.IngestReadings(caller, item.id, readings, "maintenance");
    if (!ingested.has_value()) return MapReadingErrors(ingested.error(), index);
    for (std::size_t k = 0; k < index.size() && k < ingested->reading_ids.size(); ++k)
      measurements[index[k]].reading_id = ingested->reading_ids[k];
  }

  return store::Write(db_, [&](store::Connection& c) -> Result<CompletionResult> {
    RUTILE_ASSIGN_OR_RETURN(bool done, repo::CompleteTask(c, task_id, completed_at, caller.user_id,
                                                          input.findings, measurements));
    if (!done) return Conflict("maintenance task " + std::to_string(task_id) + " is not open");
    for (const auto& p : photos) RUTILE_TRY(repo::InsertPhoto(c, task_id, p));
    CompletionResult out;
    RUTILE_ASSIGN_OR_RETURN(auto activity, repo::LoadActivity(c, task.activity_id));
    if (activity && activity->interval_days) {
      RUTILE_ASSIGN_OR_RETURN(auto open, repo::OpenTaskOf(c, activity->id));
      if (!open) {
        const std::int64_t due = DayOf(completed_at) + *activity->interval_days;
        RUTILE_ASSIGN_OR_RETURN(std::int64_t next_id,
                                repo::InsertTask(c, *activity, item.org_id, due, now));
        RUTILE_ASSIGN_OR_RETURN(out.next, LoadVisibleTask(c, next_id, today));
      }
    }
    RUTILE_ASSIGN_OR_RETURN(out.task, LoadVisibleTask(c, task_id, today));
    return out;
  });
}

Result<Photo> MaintenanceService::GetPhoto(const access::Principal& caller, std::int64_t task_id,
                                           std::int64_t photo_id) {
  RUTILE_TRY(GetTask(caller, task_id));
  RUTILE_ASSIGN_OR_RETURN(auto photo, store::Read(db_, [&](store::Connection& c) {
                            return repo::LoadPhoto(c, task_id, photo_id);
                          }));
  if (!photo) return NotFound("photo " + std::to_string(photo_id));
  // Photos stored before they were stripped at upload lose their metadata here.
  auto stripped = media::StripImageMetadata(photo->bytes);
  if (!stripped.has_value())
    return Corruption("photo " + std::to_string(photo_id) +
                      " cannot be served without its metadata");
  photo->bytes = std::move(*stripped);
  photo->info.size_bytes = static_cast<std::int64_t>(photo->bytes.size());
  return std::move(*photo);
}

void LocalizeTitles(const MaintenanceRules& rules, std::string_view lang, Activity& activity) {
  if (activity.origin == "rule")
    activity.title = rules.TitleOf(activity.kind, activity.title, lang);
}

void LocalizeTitles(const MaintenanceRules& rules, std::string_view lang, Task& task) {
  task.title = rules.TitleOf(task.kind, task.title, lang);
}

void LocalizeTitles(const MaintenanceRules& rules, std::string_view lang, Plan& plan) {
  for (auto& a : plan.activities) LocalizeTitles(rules, lang, a);
  LocalizeTitles(rules, lang, plan.open_tasks);
  LocalizeTitles(rules, lang, plan.history);
}

void LocalizeTitles(const MaintenanceRules& rules, std::string_view lang, CompletionResult& c) {
  LocalizeTitles(rules, lang, c.task);
  if (c.next) LocalizeTitles(rules, lang, *c.next);
}

void LocalizeTitles(const MaintenanceRules& rules, std::string_view lang,
                    std::vector<Task>& tasks) {
  for (auto& t : tasks) LocalizeTitles(rules, lang, t);
}

}  // namespace rutile::equipment
