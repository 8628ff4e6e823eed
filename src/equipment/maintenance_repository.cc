#include "maintenance_repository.h"

#include <boost/json.hpp>

#include "rutile/engine/thickness.h"

namespace rutile::equipment::maintenance_repository {
namespace {

namespace json = boost::json;
using store::Null;
using store::Row;
using store::Value;

std::string ClausesJson(const std::vector<LinkedClause>& clauses) {
  json::array a;
  for (const auto& c : clauses)
    a.push_back(
        json::object{{"id", c.id}, {"number", c.number}, {"title", c.title}, {"kind", c.kind}});
  return json::serialize(a);
}

// The objects of a stored JSON array, each turned into a T by `read`; other entries are skipped.
template <typename T, typename F>
std::vector<T> ObjectsFromJson(const std::string& text, F&& read) {
  std::vector<T> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array())
    if (e.is_object()) out.push_back(read(e.as_object()));
  return out;
}

std::string TextOf(const json::object& o, const char* key) {
  const json::value* x = o.if_contains(key);
  return x != nullptr && x->is_string() ? std::string(x->as_string()) : std::string();
}

std::vector<LinkedClause> ClausesFromJson(const std::string& text) {
  return ObjectsFromJson<LinkedClause>(text, [](const json::object& o) {
    return LinkedClause{TextOf(o, "id"), TextOf(o, "number"), TextOf(o, "title"),
                        TextOf(o, "kind")};
  });
}

std::string MeasurementsJson(const std::vector<Measurement>& ms) {
  json::array a;
  for (const auto& m : ms)
    a.push_back(json::object{
        {"type", m.type}, {"value", m.value}, {"unit", m.unit}, {"reading_id", m.reading_id}});
  return json::serialize(a);
}

std::vector<Measurement> MeasurementsFromJson(const std::string& text) {
  return ObjectsFromJson<Measurement>(text, [](const json::object& o) {
    Measurement m;
    m.type = TextOf(o, "type");
    m.unit = TextOf(o, "unit");
    if (const auto* x = o.if_contains("value"); x && x->is_number())
      m.value = x->to_number<double>();
    if (const auto* x = o.if_contains("reading_id"); x && x->is_int64())
      m.reading_id = x->as_int64();
    return m;
  });
}

constexpr std::string_view kActivityColumns =
    "id, item_id, kind, origin, title, interval_days, source, source_clause, source_number, "
    "confidence, source_note, clauses, note, created_by, created_at";

Activity ActivityFromRow(const Row& r) {
  Activity a;
  a.id = r.Int(0);
  a.item_id = r.Int(1);
  a.kind = r.Text(2);
  a.origin = r.Text(3);
  a.title = r.Text(4);
  if (auto d = r.OptInt(5)) a.interval_days = static_cast<int>(*d);
  a.source = {r.Text(6), r.Text(7), r.Text(8), r.Text(9), r.Text(10)};
  a.uncertain = a.source.confidence == "uncertain";
  a.clauses = ClausesFromJson(r.Text(11));
  a.note = r.Text(12);
  a.created_by = r.OptInt(13).value_or(0);
  a.created_at = r.Int(14);
  return a;
}

constexpr std::string_view kTaskSelect =
    "SELECT t.id, t.activity_id, t.item_id, t.org_id, i.name, a.kind, a.title, t.due_day, "
    "t.status, t.completed_at, t.completed_by, t.findings, t.measurements, t.created_at "
    "FROM maintenance_tasks t JOIN maintenance_activities a ON a.id = t.activity_id "
    "JOIN equipment_items i ON i.id = t.item_id ";

TaskRow TaskFromRow(const Row& r, std::int64_t today) {
  TaskRow row;
  Task& t = row.task;
  t.id = r.Int(0);
  t.activity_id = r.Int(1);
  t.item_id = r.Int(2);
  t.org_id = r.Int(3);
  t.item_name = r.Text(4);
  t.kind = r.Text(5);
  t.title = r.Text(6);
  row.due_day = r.Int(7);
  t.due_on = DayText(row.due_day);
  row.stored_status = r.Text(8);
  t.status = VisibleStatus(row.stored_status, row.due_day, today);
  t.completed_at = r.OptInt(9).value_or(0);
  t.completed_by = r.OptInt(10).value_or(0);
  t.findings = r.Text(11);
  t.measurements = MeasurementsFromJson(r.Text(12));
  t.created_at = r.Int(13);
  return row;
}

std::string Placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i == 0 ? "?" : ", ?";
  return s;
}

}  // namespace

std::string VisibleStatus(const std::string& stored, std::int64_t due_day, std::int64_t today) {
  if (stored != "open") return stored;
  return due_day < today ? "overdue" : "due";
}

std::string DayText(std::int64_t day) { return engine::FormatDate(engine::CivilFromDays(day)); }

Result<std::optional<PlanRow>> LoadPlan(store::Connection& c, std::int64_t item_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT item_id, org_id, grade, rules_version, anchor_day, generated_at "
                         "FROM maintenance_plans WHERE item_id = ?",
                         {item_id}));
  if (rows.empty()) return std::optional<PlanRow>();
  const Row& r = rows[0];
  return std::optional<PlanRow>(
      PlanRow{r.Int(0), r.Int(1), static_cast<int>(r.Int(2)), r.Text(3), r.Int(4), r.Int(5)});
}

Status UpsertPlan(store::Connection& c, const PlanRow& p) {
  RUTILE_TRY(
      c.Execute("INSERT INTO maintenance_plans (item_id, org_id, grade, rules_version, anchor_day, "
                "generated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET "
                "grade = excluded.grade, rules_version = excluded.rules_version, "
                "generated_at = excluded.generated_at",
                {p.item_id, p.org_id, static_cast<std::int64_t>(p.grade), p.rules_version,
                 p.anchor_day, p.generated_at}));
  return Ok();
}

Result<OrgProfile> LoadOrgProfile(store::Connection& c, std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT name, industry, scale_class, region FROM organizations WHERE id = ?",
              {org_id}));
  if (rows.empty()) return NotFound("organization " + std::to_string(org_id));
  return OrgProfile{rows[0].Text(0), rows[0].Text(1), rows[0].OptText(2).value_or(""),
                    rows[0].Text(3)};
}

Result<std::vector<std::int64_t>> StalePlanItems(store::Connection& c,
                                                 const std::vector<std::int64_t>& org_ids) {
  std::vector<std::int64_t> out;
  if (org_ids.empty()) return out;
  std::vector<Value> params(org_ids.begin(), org_ids.end());
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT p.item_id FROM maintenance_plans p JOIN equipment_items i ON i.id = "
              "p.item_id WHERE p.grade <> i.grade AND p.org_id IN (" +
                  Placeholders(org_ids.size()) + ") ORDER BY p.item_id",
              params));
  for (const auto& r : rows) out.push_back(r.Int(0));
  return out;
}

Result<std::vector<Activity>> ListActivities(store::Connection& c, std::int64_t item_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT " + std::string(kActivityColumns) +
                             " FROM maintenance_activities WHERE item_id = ? AND active = 1 "
                             "ORDER BY CASE origin WHEN 'rule' THEN 0 ELSE 1 END, id",
                         {item_id}));
  std::vector<Activity> out;
  for (const auto& r : rows) out.push_back(ActivityFromRow(r));
  return out;
}

Result<std::optional<Activity>> LoadActivity(store::Connection& c, std::int64_t activity_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT " + std::string(kActivityColumns) +
                                      " FROM maintenance_activities WHERE id = ? AND active = 1",
                                  {activity_id}));
  if (rows.empty()) return std::optional<Activity>();
  return std::optional<Activity>(ActivityFromRow(rows[0]));
}

Result<std::int64_t> InsertActivity(store::Connection& c, const Activity& a, std::int64_t now) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO maintenance_activities (item_id, kind, origin, title, interval_days, "
              "source, source_clause, source_number, confidence, source_note, clauses, note, "
              "active, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
              "?, ?, 1, ?, ?, ?) RETURNING id",
              {a.item_id, a.kind, a.origin, a.title,
               a.interval_days ? Value(static_cast<std::int64_t>(*a.interval_days)) : Value(Null{}),
               a.source.source, a.source.clause_id, a.source.number, a.source.confidence,
               a.source.note, ClausesJson(a.clauses), a.note,
               a.created_by != 0 ? Value(a.created_by) : Value(Null{}), now, now}));
  return rows.at(0).Int(0);
}

Status UpdateRuleActivity(store::Connection& c, const Activity& a, std::int64_t now) {
  RUTILE_TRY(c.Execute(
      "UPDATE maintenance_activities SET title = ?, interval_days = ?, source = ?, "
      "source_clause = ?, source_number = ?, confidence = ?, source_note = ?, clauses = ?, "
      "updated_at = ? WHERE id = ?",
      {a.title,
       a.interval_days ? Value(static_cast<std::int64_t>(*a.interval_days)) : Value(Null{}),
       a.source.source, a.source.clause_id, a.source.number, a.source.confidence, a.source.note,
       ClausesJson(a.clauses), now, a.id}));
  return Ok();
}

Status DeactivateActivity(store::Connection& c, std::int64_t activity_id, std::int64_t now) {
  RUTILE_TRY(c.Execute("UPDATE maintenance_activities SET active = 0, updated_at = ? WHERE id = ?",
                       {now, activity_id}));
  return CancelOpenTasks(c, activity_id);
}

Result<std::optional<TaskRow>> OpenTaskOf(store::Connection& c, std::int64_t activity_id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query(std::string(kTaskSelect) +
                             "WHERE t.activity_id = ? AND t.status = 'open' ORDER BY t.id LIMIT 1",
                         {activity_id}));
  if (rows.empty()) return std::optional<TaskRow>();
  return std::optional<TaskRow>(TaskFromRow(rows[0], 0));
}

Result<std::int64_t> InsertTask(store::Connection& c, const Activity& a, std::int64_t org_id,
                                std::int64_t due_day, std::int64_t now) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("INSERT INTO maintenance_tasks (activity_id, item_id, org_id, due_day, "
                         "status, created_at) VALUES (?, ?, ?, ?, 'open', ?) RETURNING id",
                         {a.id, a.item_id, org_id, due_day, now}));
  return rows.at(0).Int(0);
}

Status SetTaskDue(store::Connection& c, std::int64_t task_id, std::int64_t due_day) {
  RUTILE_TRY(c.Execute("UPDATE maintenance_tasks SET due_day = ? WHERE id = ? AND status = 'open'",
                       {due_day, task_id}));
  return Ok();
}

Status CancelOpenTasks(store::Connection& c, std::int64_t activity_id) {
  RUTILE_TRY(c.Execute(
      "UPDATE maintenance_tasks SET status = 'cancelled' WHERE activity_id = ? AND status = 'open'",
      {activity_id}));
  return Ok();
}

Result<std::optional<std::int64_t>> LastCompletedDay(store::Connection& c,
                                                     std::int64_t activity_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT MAX(completed_day) FROM maintenance_tasks WHERE "
                                  "activity_id = ? AND status = 'done'",
                                  {activity_id}));
  if (rows.empty() || rows[0].IsNull(0)) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(rows[0].Int(0));
}

Result<std::optional<TaskRow>> LoadTask(store::Connection& c, std::int64_t task_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query(std::string(kTaskSelect) + "WHERE t.id = ?", {task_id}));
  if (rows.empty()) return std::optional<TaskRow>();
  return std::optional<TaskRow>(TaskFromRow(rows[0], 0));
}

Result<std::vector<TaskRow>> ListTasks(store::Connection& c, const TaskQuery& q) {
  std::vector<TaskRow> out;
  if (q.org_ids.empty()) return out;
  std::string sql =
      std::string(kTaskSelect) + "WHERE t.org_id IN (" + Placeholders(q.org_ids.size()) + ")";
  std::vector<Value> params(q.org_ids.begin(), q.org_ids.end());
  if (q.item_id) {
    sql += " AND t.item_id = ?";
    params.emplace_back(*q.item_id);
  }
  const bool done = q.status == "done";
  const char* day = done ? "t.completed_day" : "t.due_day";
  if (done) {
    sql += " AND t.status = 'done'";
  } else {
    sql += " AND t.status = 'open'";
    if (q.status == "due") {
      sql += " AND t.due_day >= ?";
      params.emplace_back(q.today);
    } else if (q.status == "overdue") {
      sql += " AND t.due_day < ?";
      params.emplace_back(q.today);
    }
  }
  if (q.from_day) {
    sql += std::string(" AND ") + day + " >= ?";
    params.emplace_back(*q.from_day);
  }
  if (q.to_day) {
    sql += std::string(" AND ") + day + " <= ?";
    params.emplace_back(*q.to_day);
  }
  sql += done ? " ORDER BY t.completed_at DESC, t.id DESC" : " ORDER BY t.due_day, t.id";
  sql += " LIMIT ?";
  params.emplace_back(static_cast<std::int64_t>(q.limit));
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  for (const auto& r : rows) out.push_back(TaskFromRow(r, q.today));
  return out;
}

Result<bool> CompleteTask(store::Connection& c, std::int64_t task_id, std::int64_t completed_at,
                          std::int64_t completed_by, const std::string& findings,
                          const std::vector<Measurement>& measurements) {
  const std::int64_t day =
      completed_at >= 0 ? completed_at / 86400 : (completed_at - 86399) / 86400;
  RUTILE_ASSIGN_OR_RETURN(
      std::int64_t n,
      c.Execute(
          "UPDATE maintenance_tasks SET status = 'done', completed_at = ?, completed_day = ?, "
          "completed_by = ?, findings = ?, measurements = ? WHERE id = ? AND status = 'open'",
          {completed_at, day, completed_by, findings, MeasurementsJson(measurements), task_id}));
  return n == 1;
}

Result<std::int64_t> InsertPhoto(store::Connection& c, std::int64_t task_id,
                                 const PhotoInput& photo) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("INSERT INTO maintenance_photos (task_id, name, content_type, size_bytes, "
              "bytes) VALUES (?, ?, ?, ?, ?) RETURNING id",
              {task_id, photo.name, photo.content_type,
               static_cast<std::int64_t>(photo.bytes.size()), store::Blob{photo.bytes}}));
  return rows.at(0).Int(0);
}

Result<std::vector<PhotoInfo>> ListPhotos(store::Connection& c, std::int64_t task_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, name, content_type, size_bytes FROM "
                                             "maintenance_photos WHERE task_id = ? ORDER BY id",
                                             {task_id}));
  std::vector<PhotoInfo> out;
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3)});
  return out;
}

Result<std::optional<Photo>> LoadPhoto(store::Connection& c, std::int64_t task_id,
                                       std::int64_t photo_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT id, name, content_type, size_bytes, bytes FROM "
                                  "maintenance_photos WHERE task_id = ? AND id = ?",
                                  {task_id, photo_id}));
  if (rows.empty()) return std::optional<Photo>();
  const Row& r = rows[0];
  return std::optional<Photo>(Photo{{r.Int(0), r.Text(1), r.Text(2), r.Int(3)}, r.Bytes(4)});
}

Result<bool> ClaimReminder(store::Connection& c, std::int64_t task_id, const std::string& stage,
                           std::int64_t now) {
  RUTILE_ASSIGN_OR_RETURN(std::int64_t n,
                          c.Execute("INSERT INTO maintenance_reminders (task_id, stage, sent_at) "
                                    "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                    {task_id, stage, now}));
  return n == 1;
}

Result<bool> HasReminder(store::Connection& c, std::int64_t task_id, const std::string& stage) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT 1 FROM maintenance_reminders WHERE task_id = ? AND stage = ?",
                         {task_id, stage}));
  return !rows.empty();
}

Result<bool> ClaimDigest(store::Connection& c, std::int64_t org_id, std::int64_t day,
                         const std::string& subject, const std::string& body, std::int64_t now) {
  RUTILE_ASSIGN_OR_RETURN(
      std::int64_t n,
      c.Execute("INSERT INTO maintenance_digests (org_id, day, sent_at, subject, body, emailed) "
                "VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING",
                {org_id, day, now, subject, body}));
  return n == 1;
}

Result<std::vector<DigestRow>> DigestsNotEmailed(store::Connection& c, std::int64_t day) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT org_id, subject, body FROM maintenance_digests "
                                  "WHERE day = ? AND emailed = 0 ORDER BY org_id",
                                  {day}));
  std::vector<DigestRow> out;
  for (const auto& r : rows) out.push_back({r.Int(0), r.Text(1), r.Text(2)});
  return out;
}

Status MarkDigestEmailed(store::Connection& c, std::int64_t org_id, std::int64_t day) {
  RUTILE_TRY(c.Execute("UPDATE maintenance_digests SET emailed = 1 WHERE org_id = ? AND day = ?",
                       {org_id, day}));
  return Ok();
}

Result<std::vector<TaskRow>> OpenTasksDueBy(store::Connection& c, std::int64_t last_day,
                                            std::int64_t today) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query(std::string(kTaskSelect) + "WHERE t.status = 'open' AND t.due_day <= ? "
                                                    "ORDER BY t.org_id, t.due_day, t.id",
                         {last_day}));
  std::vector<TaskRow> out;
  for (const auto& r : rows) out.push_back(TaskFromRow(r, today));
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> MemberEmails(store::Connection& c,
                                                                      std::int64_t org_id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          c.Query("SELECT u.email, u.language FROM memberships m JOIN users u ON "
                                  "u.id = m.user_id WHERE m.org_id = ? ORDER BY u.id",
                                  {org_id}));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : rows) out.emplace_back(r.Text(0), r.Text(1));
  return out;
}

}  // namespace rutile::equipment::maintenance_repository
