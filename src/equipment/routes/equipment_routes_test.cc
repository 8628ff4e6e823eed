#include "equipment_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/equipment/rollups.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/testing/test_world.h"

namespace rutile::equipment {
namespace {

namespace json = boost::json;

class EquipmentRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.Open(rutile::testing::Migrations(
        notifications::NotificationMigrations(), EquipmentMigrations(), RollupMigrations())));
    const std::int64_t org = world_.Org("Works", "cn-east", "", std::nullopt, std::nullopt);
    principal_ = world_.SignIn("a@example.com", "A", org, access::OrgRole::kAdmin);
    service_ = std::make_unique<EquipmentService>(world_.db(), world_.clock(),
                                                  engine::wire::DefaultKnowledge());
    RegisterEquipmentRoutes(router_, *service_);
  }
  void TearDown() override { service_.reset(); }

  http::Response Call(const std::string& method, const std::string& path, std::string body = "",
                      std::string content_type = "application/json") {
    http::Request req;
    req.method = method;
    auto q = path.find('?');
    req.path = path.substr(0, q);
    req.target = path;
    if (q != std::string::npos) {
      std::string query = path.substr(q + 1);
      auto eq = query.find('=');
      req.query.emplace(query.substr(0, eq), query.substr(eq + 1));
    }
    req.body = std::move(body);
    req.headers["content-type"] = content_type;
    req.principal = principal_;
    http::Match m = router_.Find(method, req.path, req);
    if (m.route == nullptr) {
      ADD_FAILURE() << "no route for " << method << " " << path;
      return {};
    }
    return m.route->handler(req);
  }
  static json::object Body(const http::Response& r) { return json::parse(r.body).as_object(); }

  rutile::testing::TestWorld world_{"sqlite", FromUnixSeconds(1'800'000'000)};
  std::unique_ptr<EquipmentService> service_;
  access::Principal principal_;
  http::Router router_;
};

TEST_F(EquipmentRoutesTest, ItemReadingsWindowsAlertsAndThicknessOverHttp) {
  auto created = Call("POST", "/api/v1/equipment", R"({
    "name": "Tank 3 heater", "type": "immersion_heater", "material": "Ti-Gr2",
    "power_kw": 12, "nominal_wall_mm": 10, "required_wall_mm": 6,
    "bath_preset": "saturated-brine", "operating_temperature_c": 60})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = Body(created).at("id").as_int64();
  const std::string base = "/api/v1/equipment/" + std::to_string(id);
  EXPECT_GE(Body(created).at("risk").at("grade").as_int64(), 1);

  auto bad = Call("POST", "/api/v1/equipment", R"({"name": "x", "colour": "red"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("colour"), std::string::npos);

  auto patched = Call("PATCH", base, R"({"location": "Line 2", "power_kw": null})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_TRUE(Body(patched).at("power_kw").is_null());
  EXPECT_EQ(Call("GET", "/api/v1/equipment").status, 200);
  EXPECT_EQ(Call("GET", base).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/equipment/abc").status, 400);

  auto put = Call("PUT", base + "/windows",
                  R"({"windows": [{"type": "ph", "target_min": 6.5, "critical_min": 5}]})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Call("GET", base + "/windows").status, 200);

  auto rejected = Call("POST", base + "/readings", R"({"readings": [
    {"type": "ph", "value": 6, "unit": "pH", "measured_at": "2026-12-01T08:00:00Z"},
    {"type": "ph", "value": 99, "unit": "pH", "measured_at": "2026-12-01T09:00:00Z"}]})");
  ASSERT_EQ(rejected.status, 400);
  EXPECT_NE(rejected.body.find("readings[1].value"), std::string::npos) << rejected.body;

  auto ok = Call("POST", base + "/readings", R"({"readings": [
    {"type": "ph", "value": 6, "unit": "pH", "measured_at": "2026-12-01T08:00:00Z"},
    {"type": "wall_thickness_mm", "value": 10, "unit": "mm", "measured_at": "2020-01-01"}]})");
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Body(ok).at("alert_ids").as_array().size(), 1u);

  auto csv = Call("POST", base + "/readings/csv",
                  "type,value,unit,measured_at\nwall_thickness_mm,9,mm,2024-01-01\n", "text/csv");
  ASSERT_EQ(csv.status, 201) << csv.body;
  EXPECT_EQ(Call("POST", base + "/readings/csv", "x", "application/json").status, 400);

  auto listed = Call("GET", base + "/readings?type=wall_thickness_mm");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(Body(listed).at("items").as_array().size(), 2u);
  EXPECT_EQ(Body(listed).at("items").as_array()[1].at("measured_at").as_string(),
            "2020-01-01T00:00:00Z");

  auto thickness = Call("GET", base + "/thickness-analysis");
  ASSERT_EQ(thickness.status, 200) << thickness.body;
  EXPECT_NEAR(Body(thickness).at("cr_long_term_mm_per_a").to_number<double>(), 0.25, 1e-9);

  auto alerts = Call("GET", base + "/alerts?status=open");
  ASSERT_EQ(alerts.status, 200);
  const auto alert_id = Body(alerts).at("items").as_array()[0].at("id").as_int64();
  const json::object alert_list = Body(alerts);
  const auto& first = alert_list.at("items").as_array()[0].as_object();
  EXPECT_EQ(first.at("code").as_string(), "alert.below_target");
  EXPECT_DOUBLE_EQ(first.at("params").at("limit").to_number<double>(), 6.5);
  EXPECT_EQ(first.at("params").at("type").as_string(), first.at("type").as_string());
  EXPECT_FALSE(first.contains("message"));
  const std::string alert = base + "/alerts/" + std::to_string(alert_id);
  EXPECT_EQ(Call("POST", alert + "/acknowledge").status, 200);
  EXPECT_EQ(Call("POST", alert + "/resolve").status, 200);
  EXPECT_EQ(Call("POST", alert + "/resolve").status, 409);
  EXPECT_EQ(Call("GET", base + "/grade-history").status, 200);
}

// Every registered route is described in the OpenAPI fragment the lead merges.
// A heater in hot brine registered without saying whether it has crevices: "moderate" with the
// question open; the owner's answer is stored and the item graded again; clearing it reopens it.
TEST_F(EquipmentRoutesTest, TheGradeSaysWhatItDependsOnAndStoresTheAnswer) {
  auto created = Call("POST", "/api/v1/equipment", R"({
    "name": "Brine heater", "type": "immersion_heater", "material": "Ti-Gr2",
    "bath_preset": "saturated-brine", "operating_temperature_c": 90})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto item = Body(created);
  EXPECT_TRUE(item.at("crevices").is_null());
  EXPECT_EQ(item.at("risk").at("grade").as_int64(), 2);
  const auto& conditions = item.at("risk").at("conditions").as_array();
  ASSERT_EQ(conditions.size(), 1u) << created.body;
  EXPECT_EQ(conditions[0].at("id").as_string(), "crevices");
  EXPECT_EQ(conditions[0].at("field").as_string(), "crevices");
  EXPECT_EQ(conditions[0].at("answers").at(0).at("value").as_bool(), false);
  EXPECT_EQ(conditions[0].at("answers").at(1).at("grade").as_int64(), 3);
  const std::string base = "/api/v1/equipment/" + std::to_string(item.at("id").as_int64());

  auto answered = Call("PATCH", base, R"({"crevices": true})");
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(Body(answered).at("crevices").as_bool(), true);
  EXPECT_EQ(Body(answered).at("risk").at("grade").as_int64(), 3);
  EXPECT_TRUE(Body(answered).at("risk").at("conditions").as_array().empty());
  EXPECT_EQ(Body(Call("GET", base)).at("crevices").as_bool(), true);  // stored

  auto cleared = Call("PATCH", base, R"({"crevices": null})");
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(Body(cleared).at("crevices").is_null());
  EXPECT_EQ(Body(cleared).at("risk").at("conditions").as_array().size(), 1u);

  auto bad = Call("PATCH", base, R"({"crevices": "yes"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("crevices"), std::string::npos) << bad.body;
  bad = Call("PATCH", base, R"({"aeration": "bubbly"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("aeration"), std::string::npos) << bad.body;
  EXPECT_TRUE(Body(Call("GET", base)).at("aeration").is_null());  // nothing half-written
}

TEST_F(EquipmentRoutesTest, EveryRouteIsInTheOpenApiFragment) {
  std::ifstream in(RUTILE_EQUIPMENT_FRAGMENT);
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
  }
  EXPECT_TRUE(doc.contains("schemas"));
}

}  // namespace
}  // namespace rutile::equipment
