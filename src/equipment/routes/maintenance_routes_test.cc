#include "maintenance_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "../maintenance_test_fixture.h"
#include "rutile/media/crafted_images.h"

namespace rutile::equipment {
namespace {

namespace json = boost::json;

class MaintenanceRoutesTest : public testing::MaintenanceFixture {
 protected:
  void SetUp() override {
    MaintenanceFixture::SetUp();
    RegisterMaintenanceRoutes(router_, *service_);
  }

  http::Response Call(const std::string& method, const std::string& path, std::string body = "",
                      const access::Principal* who = nullptr,
                      const std::string& accept_language = "") {
    http::Request req;
    req.method = method;
    auto q = path.find('?');
    req.path = path.substr(0, q);
    req.target = path;
    if (q != std::string::npos) {
      std::stringstream query(path.substr(q + 1));
      std::string pair;
      while (std::getline(query, pair, '&')) {
        auto eq = pair.find('=');
        req.query.emplace(pair.substr(0, eq), pair.substr(eq + 1));
      }
    }
    req.body = std::move(body);
    req.headers["content-type"] = "application/json";
    if (!accept_language.empty()) req.headers["accept-language"] = accept_language;
    req.principal = who != nullptr ? *who : admin_;
    http::Match m = router_.Find(method, req.path, req);
    if (m.route == nullptr) {
      ADD_FAILURE() << "no route for " << method << " " << path;
      return {};
    }
    return m.route->handler(req);
  }
  static json::object Body(const http::Response& r) { return json::parse(r.body).as_object(); }

  http::Router router_;
};

TEST_P(MaintenanceRoutesTest, PlanTasksCompletionAndPhotosOverHttp) {
  Item item = Heater("watts-nickel", 55);
  const std::string plan_path =
      "/api/v1/equipment/" + std::to_string(item.id) + "/maintenance-plan";
  EXPECT_EQ(Call("GET", plan_path).status, 404);
  auto made = Call("POST", plan_path);
  ASSERT_EQ(made.status, 200) << made.body;
  json::object plan = Body(made);
  EXPECT_EQ(plan.at("grade").as_int64(), 1);
  const json::array& activities = plan.at("activities").as_array();
  ASSERT_EQ(activities.size(), 4u);
  const json::object& visual = activities[0].as_object();
  EXPECT_EQ(visual.at("kind").as_string(), "visual_inspection");
  EXPECT_EQ(visual.at("interval_source").at("number").as_string(), "RT-5.1");
  EXPECT_TRUE(visual.at("uncertain").as_bool());
  EXPECT_FALSE(visual.at("clauses").as_array().empty());
  EXPECT_EQ(visual.at("title").as_string(),
            "Visual inspection of the heating surfaces, mountings and insulation");
  EXPECT_EQ(Call("GET", plan_path).status, 200);
  // The plan an English admin made reads in the reader's language: ?lang=, else Accept-Language.
  auto zh = Body(Call("GET", plan_path + "?lang=zh", "", nullptr, "ar"));
  EXPECT_EQ(zh.at("activities").as_array()[0].at("title").as_string(),
            "加热面、安装件及绝缘目视检查");
  for (const auto& t : zh.at("open_tasks").as_array())
    if (t.at("kind").as_string() == "visual_inspection")
      EXPECT_EQ(t.at("title").as_string(), "加热面、安装件及绝缘目视检查");
  auto ar = Body(Call("GET", plan_path, "", nullptr, "de-DE, ar-SA;q=0.8, en;q=0.5"));
  EXPECT_EQ(ar.at("activities").as_array()[0].at("title").as_string(),
            "فحص بصري لأسطح التسخين والتثبيتات والعزل");

  auto added = Call("POST", plan_path + "/activities",
                    R"({"title": "Annual shutdown", "interval_days": 365,
                        "first_due_on": "2026-08-15"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const std::int64_t calendar_id = Body(added).at("id").as_int64();
  EXPECT_EQ(Call("POST", plan_path + "/activities", R"({"title": "", "colour": 1})").status, 400);

  auto overdue =
      Call("GET", "/api/v1/maintenance/tasks?org_id=" + std::to_string(org_) + "&status=overdue");
  ASSERT_EQ(overdue.status, 200) << overdue.body;
  const json::object overdue_body = Body(overdue);
  const json::array& late = overdue_body.at("items").as_array();
  ASSERT_EQ(late.size(), 1u);
  const std::int64_t task_id = late[0].at("id").as_int64();
  const std::string task_path = "/api/v1/maintenance/tasks/" + std::to_string(task_id);
  json::object august =
      Body(Call("GET", "/api/v1/maintenance/tasks?from=2026-08-01&to=2026-08-31"));
  EXPECT_EQ(august.at("items").as_array().size(), 1u);

  // A PNG with GPS EXIF and XMP base64-encoded, a wall-thickness measurement and findings.
  const std::string png = media::testing::PngWithGpsAndXmp();
  auto completed = Call("POST", task_path + "/complete",
                        R"({
    "findings": "Bath within limits",
    "completed_at": "2026-05-31T10:00:00Z",
    "measurements": [{"type": "wall_thickness_mm", "value": 1.18, "unit": "mm"}],
    "photos": [{"name": "bath.png", "content_type": "image/png", "data_base64": ")" +
                            media::testing::Base64(png) + R"("}]
  })");
  ASSERT_EQ(completed.status, 200) << completed.body;
  json::object result = Body(completed);
  EXPECT_EQ(result.at("task").at("status").as_string(), "done");
  EXPECT_EQ(result.at("task").at("completed_at").as_string(), "2026-05-31T10:00:00Z");
  EXPECT_EQ(result.at("next").at("due_on").as_string(), "2026-06-30");
  const std::int64_t photo_id = result.at("task").at("photos").as_array()[0].at("id").as_int64();
  auto photo = Call("GET", task_path + "/photos/" + std::to_string(photo_id));
  ASSERT_EQ(photo.status, 200);
  EXPECT_EQ(photo.content_type, "image/png");
  EXPECT_EQ(photo.body, media::StripImageMetadata(png).value());
  EXPECT_FALSE(media::testing::CarriesMetadata(photo.body));
  EXPECT_EQ(Call("POST", task_path + "/complete", "{}").status, 409);
  EXPECT_EQ(Call("GET", task_path).status, 200);

  EXPECT_EQ(Call("DELETE", plan_path + "/activities/" + std::to_string(calendar_id)).status, 204);
  EXPECT_EQ(Call("DELETE", plan_path + "/activities/" + std::to_string(calendar_id)).status, 404);
}

TEST_P(MaintenanceRoutesTest, BadInputIs400AndOtherOrganizationsRecordsAre404) {
  Item item = Heater("watts-nickel", 55);
  const std::string plan_path =
      "/api/v1/equipment/" + std::to_string(item.id) + "/maintenance-plan";
  ASSERT_EQ(Call("POST", plan_path).status, 200);
  const std::int64_t task_id = service_->ListTasks(admin_, {})->at(0).id;
  const std::string task_path = "/api/v1/maintenance/tasks/" + std::to_string(task_id);

  auto bad = Call("POST", task_path + "/complete", R"({
    "measurements": [{"type": "wall_thickness_mm"}],
    "photos": [{"name": "x.png", "content_type": "image/png", "data_base64": "%%%"}],
    "extra": true})");
  ASSERT_EQ(bad.status, 400);
  for (const char* field : {"measurements[0].value", "photos[0].data_base64", "extra"})
    EXPECT_NE(bad.body.find(field), std::string::npos) << field << " in " << bad.body;
  EXPECT_EQ(Call("GET", "/api/v1/maintenance/tasks?status=late&from=2026-02-30").status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/maintenance/tasks?org_id=abc").status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/maintenance/tasks/0").status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/maintenance/tasks/424242").status, 404);

  EXPECT_EQ(Call("GET", plan_path, "", &stranger_).status, 404);
  EXPECT_EQ(Call("POST", plan_path, "", &stranger_).status, 404);
  EXPECT_EQ(Call("GET", task_path, "", &stranger_).status, 404);
  EXPECT_EQ(Call("POST", task_path + "/complete", "{}", &stranger_).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/maintenance/tasks?org_id=" + std::to_string(org_), "", &stranger_)
                .status,
            403);
}

// Every registered route is described in the OpenAPI fragment the lead merges.
TEST_P(MaintenanceRoutesTest, EveryRouteIsInTheOpenApiFragment) {
  std::ifstream in(RUTILE_MAINTENANCE_FRAGMENT);
  ASSERT_TRUE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  json::object doc = json::parse(text.str()).as_object();
  const json::object& paths = doc.at("paths").as_object();
  for (const auto& route : router_.routes()) {
    std::string method = route.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    const json::value* path = paths.if_contains(route.pattern);
    ASSERT_NE(path, nullptr) << route.pattern;
    EXPECT_TRUE(path->as_object().contains(method)) << route.method << " " << route.pattern;
    EXPECT_TRUE(route.requires_login);
  }
  EXPECT_EQ(router_.routes().size(), 8u);
  EXPECT_TRUE(doc.contains("schemas"));
}

// The HTTP layer adds no SQL: SQLite is enough here.
INSTANTIATE_TEST_SUITE_P(Databases, MaintenanceRoutesTest, ::testing::Values("sqlite"));

}  // namespace
}  // namespace rutile::equipment
