#include "rutile/equipment/maintenance_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "maintenance_test_fixture.h"
#include "rutile/media/crafted_images.h"

namespace rutile::equipment {
namespace {

namespace json = boost::json;
using testing::Midnight;

class MaintenanceServiceTest : public testing::MaintenanceFixture {
 protected:
  static TaskFilter Filter(std::string status, std::string from = "", std::string to = "") {
    TaskFilter f;
    f.status = std::move(status);
    f.from = std::move(from);
    f.to = std::move(to);
    return f;
  }
  TaskFilter OfOrg(std::int64_t org_id) const {
    TaskFilter f;
    f.org_id = org_id;
    return f;
  }
  static const Activity* Find(const Plan& p, const std::string& kind) {
    for (const auto& a : p.activities)
      if (a.kind == kind) return &a;
    return nullptr;
  }
  static const Task* OpenTask(const Plan& p, std::int64_t activity_id) {
    for (const auto& t : p.open_tasks)
      if (t.activity_id == activity_id) return &t;
    return nullptr;
  }
  static bool HasClause(const Activity& a, const std::string& number) {
    for (const auto& c : a.clauses)
      if (c.number == number) return !c.title.empty();
    return false;
  }
};

// Golden plans per grade (testdata/plan_golden.json states where each expectation comes from).
TEST_P(MaintenanceServiceTest, GoldenPlansPerGrade) {
  std::ifstream in(RUTILE_MAINTENANCE_TESTDATA "/plan_golden.json");
  ASSERT_TRUE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const json::array cases = json::parse(text.str()).at("cases").as_array();
  ASSERT_EQ(cases.size(), 4u);
  for (const auto& cv : cases) {
    const json::object& c = cv.as_object();
    SCOPED_TRACE(std::string(c.at("name").as_string()));
    Item item =
        Heater(std::string(c.at("preset").as_string()), c.at("temperature_c").to_number<double>());
    ASSERT_EQ(item.grade, c.at("grade").as_int64());
    auto plan = service_->Generate(admin_, item.id);
    ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
    EXPECT_EQ(plan->grade, item.grade);
    EXPECT_EQ(plan->anchor_on, "2026-01-10");
    const json::array& expected = c.at("activities").as_array();
    ASSERT_EQ(plan->activities.size(), expected.size());
    ASSERT_EQ(plan->open_tasks.size(), expected.size());
    for (const auto& ev : expected) {
      const json::object& e = ev.as_object();
      const std::string kind(e.at("kind").as_string());
      SCOPED_TRACE(kind);
      const Activity* a = Find(*plan, kind);
      ASSERT_NE(a, nullptr);
      EXPECT_EQ(a->origin, "rule");
      if (e.at("interval_days").is_null())
        EXPECT_FALSE(a->interval_days.has_value());
      else
        EXPECT_EQ(a->interval_days.value_or(-1), e.at("interval_days").as_int64());
      EXPECT_EQ(a->source.number, e.at("source_number").as_string());
      EXPECT_FALSE(a->source.confidence.empty());
      for (const auto& n : e.at("clauses_include").as_array())
        EXPECT_TRUE(HasClause(*a, std::string(n.as_string()))) << n;
      if (const json::value* ex = e.if_contains("clauses_exclude")) {
        for (const auto& n : ex->as_array())
          EXPECT_FALSE(HasClause(*a, std::string(n.as_string()))) << n;
      }
      const Task* t = OpenTask(*plan, a->id);
      ASSERT_NE(t, nullptr);
      EXPECT_EQ(t->due_on, e.at("due_on").as_string());
      EXPECT_EQ(t->status, e.at("status").as_string());
    }
  }
}

TEST_P(MaintenanceServiceTest, DueDatesFromPlanningDayAndCompletion) {
  Item item = Heater("watts-nickel", 55, "");  // no installation date: counted from today
  auto plan = service_->Generate(admin_, item.id);
  ASSERT_TRUE(plan.has_value()) << plan.error().ToString();
  EXPECT_EQ(plan->anchor_on, "2026-06-01");
  const Activity* bath = Find(*plan, "bath_analysis");
  ASSERT_NE(bath, nullptr);
  const Task* task = OpenTask(*plan, bath->id);
  ASSERT_NE(task, nullptr);
  EXPECT_EQ(task->due_on, "2026-07-01");

  // Completed early, on a given date: the next one is an interval after that date.
  CompletionInput done;
  done.findings = "Free fluoride below detection; acid strength in range.";
  done.completed_at = "2026-05-30T15:00:00Z";
  auto completed = service_->Complete(member_, task->id, done);
  ASSERT_TRUE(completed.has_value()) << completed.error().ToString();
  EXPECT_EQ(completed->task.status, "done");
  EXPECT_EQ(completed->task.completed_by, member_.user_id);
  EXPECT_EQ(completed->task.completed_at, Midnight("2026-05-30") + 15 * 3600);
  ASSERT_TRUE(completed->next.has_value());
  EXPECT_EQ(completed->next->due_on, "2026-06-29");
  EXPECT_EQ(completed->next->status, "due");

  // Regenerating with the same grade keeps the next due date and the history.
  auto again = service_->Generate(admin_, item.id);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(OpenTask(*again, bath->id)->due_on, "2026-06-29");
  ASSERT_EQ(again->history.size(), 1u);
  EXPECT_EQ(again->history[0].findings, done.findings);
}

// Rule tasks are stored by kind: a plan an English-speaking admin made reads Chinese for a
// Chinese reader and Arabic for an Arabic one; a title people typed stays as typed.
TEST_P(MaintenanceServiceTest, RuleTitlesAreRenderedInTheReadersLanguage) {
  Item item = Heater("watts-nickel", 55, "");
  ASSERT_TRUE(service_->Generate(admin_, item.id).has_value());
  CalendarActivityInput shutdown;
  shutdown.title = "Annual shutdown";
  shutdown.first_due_on = "2026-08-01";
  ASSERT_TRUE(service_->AddCalendarActivity(admin_, item.id, shutdown).has_value());

  auto plan = service_->GetPlan(member_, item.id);
  ASSERT_TRUE(plan.has_value());
  const Activity* bath = Find(*plan, "bath_analysis");
  ASSERT_NE(bath, nullptr);
  EXPECT_EQ(bath->title, "");  // no sentence is stored
  Plan zh = *plan;
  LocalizeTitles(service_->rules(), "zh", zh);
  EXPECT_EQ(Find(zh, "bath_analysis")->title, "槽液分析：酸度、氯离子、氟离子及温度");
  EXPECT_EQ(OpenTask(zh, bath->id)->title, "槽液分析：酸度、氯离子、氟离子及温度");
  EXPECT_EQ(Find(zh, "calendar")->title, "Annual shutdown");
  Plan ar = *plan;
  LocalizeTitles(service_->rules(), "ar", ar);
  EXPECT_EQ(Find(ar, "visual_inspection")->title, "فحص بصري لأسطح التسخين والتثبيتات والعزل");
  // An unknown language reads English.
  auto tasks = service_->ListTasks(member_, {}).value();
  ASSERT_FALSE(tasks.empty());
  LocalizeTitles(service_->rules(), "de", tasks);
  for (const auto& t : tasks) EXPECT_FALSE(t.title.empty()) << t.kind;
  // Every rule names its activity in the six languages.
  for (const auto& rule : service_->rules().activities)
    for (const char* lang : {"en", "zh", "es", "fr", "pt", "ar"})
      EXPECT_TRUE(rule.title.contains(lang)) << rule.kind << " " << lang;
}

TEST_P(MaintenanceServiceTest, CompletionStoresMeasurementsAsReadingsAndPhotos) {
  Item item = Heater("watts-nickel", 55);
  auto plan = service_->Generate(admin_, item.id).value();
  const Activity* thickness = Find(plan, "thickness_measurement");
  ASSERT_NE(thickness, nullptr);
  const std::int64_t task_id = OpenTask(plan, thickness->id)->id;

  CompletionInput in;
  in.findings = "No pitting; sheath clean.";
  in.measurements = {{"wall_thickness_mm", 1.15, "mm"}, {"coupon_mass_loss_g", 0.02, "g"}};
  in.photos = {{"sheath.png", "image/png", media::testing::PngWithGpsAndXmp()},
               {"sheath.jpg", "image/jpeg", media::testing::JpegWithGpsAndXmp()},
               {"sheath.webp", "image/webp", media::testing::WebpWithGpsAndXmp()}};
  auto r = service_->Complete(admin_, task_id, in);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  ASSERT_EQ(r->task.measurements.size(), 2u);
  EXPECT_NE(r->task.measurements[0].reading_id, 0);
  EXPECT_EQ(r->task.measurements[1].reading_id, 0);  // not a reading type: kept here only
  auto readings = equipment_->ListReadings(admin_, item.id, "wall_thickness_mm");
  ASSERT_TRUE(readings.has_value());
  ASSERT_EQ(readings->size(), 1u);
  EXPECT_DOUBLE_EQ((*readings)[0].value, 1.15);
  EXPECT_EQ((*readings)[0].source, "maintenance");
  // Photos are stored and served without their GPS position, XMP packet or comments.
  ASSERT_EQ(r->task.photos.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    auto photo = service_->GetPhoto(member_, task_id, r->task.photos[i].id);
    ASSERT_TRUE(photo.has_value());
    EXPECT_EQ(photo->bytes, media::StripImageMetadata(in.photos[i].bytes).value());
    EXPECT_FALSE(media::testing::CarriesMetadata(photo->bytes)) << in.photos[i].name;
    EXPECT_EQ(photo->info.content_type, in.photos[i].content_type);
    EXPECT_EQ(r->task.photos[i].size_bytes, static_cast<std::int64_t>(photo->bytes.size()));
  }
  ASSERT_TRUE(r->next.has_value());
  EXPECT_EQ(r->next->due_on, "2027-06-01");

  // A task is completed once.
  auto twice = service_->Complete(admin_, task_id, {});
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code(), ErrorCode::kConflict);
}

TEST_P(MaintenanceServiceTest, GradeChangeRegeneratesLazilyKeepingCalendarAndHistory) {
  Item item = Heater("watts-nickel", 55);
  auto plan = service_->Generate(admin_, item.id).value();
  const std::int64_t visual_id = Find(plan, "visual_inspection")->id;
  CompletionInput done;
  done.completed_at = "2026-05-20";
  ASSERT_TRUE(service_->Complete(admin_, OpenTask(plan, visual_id)->id, done).has_value());
  CalendarActivityInput shutdown{"Annual shutdown: drain, inspect and re-passivate", 365,
                                 "2026-08-15", "Plant holiday week"};
  auto calendar = service_->AddCalendarActivity(admin_, item.id, shutdown);
  ASSERT_TRUE(calendar.has_value()) << calendar.error().ToString();

  ItemPatch hotter;
  hotter.operating_temperature_c = 80;
  auto updated = equipment_->Update(admin_, item.id, hotter);
  ASSERT_TRUE(updated.has_value()) << updated.error().ToString();
  ASSERT_EQ(updated->grade, 3);

  auto regenerated = service_->GetPlan(member_, item.id);
  ASSERT_TRUE(regenerated.has_value()) << regenerated.error().ToString();
  EXPECT_EQ(regenerated->grade, 3);
  const Activity* visual = Find(*regenerated, "visual_inspection");
  ASSERT_NE(visual, nullptr);
  EXPECT_EQ(visual->id, visual_id);
  EXPECT_EQ(visual->interval_days.value_or(0), 91);
  EXPECT_EQ(OpenTask(*regenerated, visual_id)->due_on, "2026-08-19");  // last done + 91 days
  const Activity* user = Find(*regenerated, "calendar");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(OpenTask(*regenerated, user->id)->due_on, "2026-08-15");
  ASSERT_EQ(regenerated->history.size(), 1u);

  // Grade 4: routine activities end, the removal task appears; the user's calendar stays.
  ItemPatch anodizing;
  anodizing.bath_preset = "sulfuric-anodizing";
  ASSERT_EQ(equipment_->Update(admin_, item.id, anodizing)->grade, 4);
  auto tasks = service_->ListTasks(admin_, OfOrg(org_));
  ASSERT_TRUE(tasks.has_value()) << tasks.error().ToString();
  std::vector<std::string> kinds;
  for (const auto& t : *tasks) kinds.push_back(t.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"removal_from_service", "calendar"}));
  EXPECT_TRUE(service_->RemoveCalendarActivity(admin_, item.id, user->id).has_value());
  EXPECT_EQ(service_->ListTasks(admin_, OfOrg(org_))->size(), 1u);
  // Planned activities change only with the grade; retired ones are gone.
  EXPECT_EQ(
      service_->RemoveCalendarActivity(admin_, item.id, (*tasks)[0].activity_id).error().code(),
      ErrorCode::kFailedPrecondition);
  EXPECT_EQ(service_->RemoveCalendarActivity(admin_, item.id, visual_id).error().code(),
            ErrorCode::kNotFound);
}

TEST_P(MaintenanceServiceTest, EnterpriseTaskListFiltersByStatusAndDates) {
  Item g1 = Heater("watts-nickel", 55);
  Item g3 = Heater("watts-nickel", 80);
  ASSERT_TRUE(service_->Generate(admin_, g1.id).has_value());
  ASSERT_TRUE(service_->Generate(admin_, g3.id).has_value());
  auto all = service_->ListTasks(member_, {});
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), 8u);
  auto overdue = service_->ListTasks(member_, Filter("overdue")).value();
  EXPECT_EQ(overdue.size(), 5u);  // g1 bath analysis; g3 visual, thickness, cleaning, bath
  for (const auto& t : overdue) EXPECT_LT(t.due_on, "2026-06-01");
  auto due = service_->ListTasks(member_, Filter("due", "2027-01-01")).value();
  EXPECT_EQ(due.size(), 3u);
  auto one_item = service_->ListTasks(member_, [&] {
    TaskFilter f = Filter("overdue", "", "2026-02-01");
    f.item_id = g3.id;
    return f;
  }());
  ASSERT_EQ(one_item->size(), 1u);
  EXPECT_EQ((*one_item)[0].kind, "bath_analysis");

  CompletionInput done;
  ASSERT_TRUE(service_->Complete(admin_, (*one_item)[0].id, done).has_value());
  auto finished = service_->ListTasks(member_, Filter("done", "2026-06-01")).value();
  ASSERT_EQ(finished.size(), 1u);
  EXPECT_EQ(service_->ListTasks(member_, Filter("overdue"))->size(), 4u);

  // The clock moves on: a due task becomes overdue without any write.
  world_->clock().Advance(std::chrono::hours(24 * 400));
  EXPECT_EQ(service_->ListTasks(member_, Filter("due"))->size(), 0u);
}

TEST_P(MaintenanceServiceTest, OtherOrganizationsAreRefused) {
  Item item = Heater("watts-nickel", 55);
  auto plan = service_->Generate(admin_, item.id).value();
  const std::int64_t task_id = plan.open_tasks[0].id;
  // Their items and tasks answer exactly as missing ones.
  EXPECT_EQ(service_->Generate(stranger_, item.id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetPlan(stranger_, item.id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetTask(stranger_, task_id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetTask(stranger_, task_id).error().message(),
            "maintenance task " + std::to_string(task_id));
  EXPECT_EQ(service_->GetPhoto(stranger_, task_id, 1).error().message(),
            "maintenance task " + std::to_string(task_id));
  EXPECT_EQ(service_->Complete(stranger_, task_id, {}).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->ListTasks(stranger_, OfOrg(org_)).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(service_->ListTasks(stranger_, {})->empty());
  EXPECT_EQ(service_->GetTask(admin_, 999999).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetPlan(admin_, Heater("acid-copper-sulfate", 50).id).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->ListTasks(access::Principal{}, {}).error().code(),
            ErrorCode::kUnauthenticated);
}

TEST_P(MaintenanceServiceTest, BadInputNamesEveryFieldAndChangesNothing) {
  Item item = Heater("watts-nickel", 55);
  auto plan = service_->Generate(admin_, item.id).value();
  const std::int64_t task_id = plan.open_tasks[0].id;
  CompletionInput bad;
  bad.completed_at = "2030-01-01";
  bad.measurements = {{"Wall Thickness", 1, "mm"}};
  bad.photos = {{"x.jpg", "image/jpeg", "not a jpeg"}};
  auto r = service_->Complete(admin_, task_id, bad);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"measurements[0].type", "photos[0].content_type",
                                              "completed_at"}));
  // A photo that only starts like an image is refused before anything is stored.
  CompletionInput truncated;
  truncated.photos = {{"x.jpg", "image/jpeg", media::testing::JpegWithGpsAndXmp().substr(0, 60)}};
  auto cut = service_->Complete(admin_, task_id, truncated);
  ASSERT_FALSE(cut.has_value());
  EXPECT_EQ(cut.error().fields().at(0).field, "photos[0].data_base64");

  // A reading type with an impossible value is reported under the measurement's index.
  CompletionInput range;
  range.measurements = {{"note_only", 1, ""}, {"wall_thickness_mm", -3, "mm"}};
  auto ranged = service_->Complete(admin_, task_id, range);
  ASSERT_FALSE(ranged.has_value());
  ASSERT_FALSE(ranged.error().fields().empty());
  EXPECT_EQ(ranged.error().fields()[0].field, "measurements[1].value");
  EXPECT_EQ(service_->GetTask(admin_, task_id)->status, plan.open_tasks[0].status);
  EXPECT_TRUE(equipment_->ListReadings(admin_, item.id, "")->empty());

  auto cal = service_->AddCalendarActivity(admin_, item.id, {"", 0, "2026-13-01", ""});
  ASSERT_FALSE(cal.has_value());
  EXPECT_EQ(cal.error().fields().size(), 3u);
  auto filter = service_->ListTasks(admin_, [] {
    TaskFilter f = Filter("late", "x");
    f.limit = 0;
    return f;
  }());
  ASSERT_FALSE(filter.has_value());
  EXPECT_EQ(filter.error().fields().size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Databases, MaintenanceServiceTest,
                         ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::equipment
