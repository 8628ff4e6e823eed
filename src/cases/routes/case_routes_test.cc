#include "case_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "rutile/notifications/notification_service.h"
#include "rutile/testing/test_world.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;

constexpr const char* kCase = R"({
  "equipment_type": "immersion_heater", "material": "ti_cp", "grade": "Gr.2",
  "medium": "Watts nickel bath", "components": [{"species": "nickel_chloride",
  "concentration_g_per_l": 45}], "temperature_c": 60, "ph": 4.2, "chloride_mg_per_l": 13000,
  "service_months": 14, "failure_mode": "pitting", "morphology": "pits facing the anodes",
  "root_cause": "stray current", "corrective_actions": "screen", "occurred_on": "2024-05-17",
  "narrative": "王建国发现钛加热管点蚀穿孔，电话13812345678。", "language": "zh"})";

class CaseRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.Open(
        rutile::testing::Migrations(notifications::NotificationMigrations(), CaseMigrations())));
    const std::int64_t org =
        world_.Org("Works", "cn-east", "electroplating", std::nullopt, std::nullopt);
    member_ = Login("a@example.com", "王建国", org, {});
    identity::NewOrganization platform;
    platform.name = "Platform operations";
    platform.kind = "service_provider";
    platform.region = "cn-east";
    const std::int64_t operations = world_.Org(platform);
    reviewer_ = Login("r@example.com", "Reviewer", operations, {access::PlatformRole::kOperator});
    service_ = std::make_unique<CaseService>(world_.db(), world_.clock());
    RegisterCaseRoutes(router_, *service_);
    RegisterCaseReviewRoutes(router_, *service_);
  }
  void TearDown() override { service_.reset(); }

  access::Principal Login(const std::string& email, const std::string& name, std::int64_t org,
                          std::vector<access::PlatformRole> roles) {
    return world_.SignIn(email, name, org, access::OrgRole::kAdmin, std::move(roles));
  }

  http::Response Call(const access::Principal& who, const std::string& method,
                      const std::string& path, std::string body = "") {
    http::Request req;
    req.method = method;
    auto q = path.find('?');
    req.path = path.substr(0, q);
    req.target = path;
    if (q != std::string::npos) {
      std::stringstream query(path.substr(q + 1));
      for (std::string pair; std::getline(query, pair, '&');) {
        auto eq = pair.find('=');
        req.query.emplace(pair.substr(0, eq), pair.substr(eq + 1));
      }
    }
    req.body = std::move(body);
    req.headers["content-type"] = "application/json";
    req.principal = who;
    http::Match m = router_.Find(method, req.path, req);
    if (m.route == nullptr) {
      ADD_FAILURE() << "no route for " << method << " " << path;
      return {};
    }
    return m.route->handler(req);
  }

  rutile::testing::TestWorld world_{"sqlite", FromUnixSeconds(1'750'000'000)};
  std::unique_ptr<CaseService> service_;
  http::Router router_;
  access::Principal member_, reviewer_;
};

TEST_F(CaseRoutesTest, SubmitPreviewApproveSearch) {
  auto created = Call(member_, "POST", "/api/v1/cases", kCase);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = json::parse(created.body).at("id").as_int64();
  const std::string base = "/api/v1/cases/" + std::to_string(id);
  EXPECT_EQ(Call(member_, "GET", base).status, 200);
  EXPECT_EQ(Call(member_, "GET", "/api/v1/cases/abc").status, 400);

  auto preview = Call(member_, "POST", base + "/publication");
  ASSERT_EQ(preview.status, 200) << preview.body;
  const json::value p = json::parse(preview.body);
  const std::string narrative(p.at("proposed").at("narrative").as_string());
  EXPECT_EQ(narrative, "[PERSON-1]发现钛加热管点蚀穿孔，电话[PHONE-1]。");
  EXPECT_GE(p.at("fields").as_array().size(), 10u);

  auto pending = Call(reviewer_, "GET", "/api/v1/case-publications");
  ASSERT_EQ(pending.status, 200) << pending.body;
  EXPECT_EQ(json::parse(pending.body).at("items").as_array().size(), 1u);
  EXPECT_EQ(pending.body.find("王建国"), std::string::npos);
  EXPECT_EQ(Call(member_, "GET", "/api/v1/case-publications").status, 403);

  auto approved = Call(reviewer_, "POST", base + "/publication/approve");
  ASSERT_EQ(approved.status, 201) << approved.body;
  const std::int64_t public_id = json::parse(approved.body).at("id").as_int64();
  EXPECT_EQ(Call(reviewer_, "POST", base + "/publication/approve").status, 409);

  auto found = Call(member_, "GET", "/api/v1/public-cases?q=钛加热管&mechanism=anodic_breakdown");
  ASSERT_EQ(found.status, 200) << found.body;
  const json::value page = json::parse(found.body);
  EXPECT_EQ(page.at("total").as_int64(), 1);
  EXPECT_EQ(found.body.find("王建国"), std::string::npos);
  EXPECT_EQ(found.body.find("13812345678"), std::string::npos);
  EXPECT_EQ(Call(member_, "GET", "/api/v1/public-cases?limit=0").status, 400);

  auto one = Call(member_, "GET", "/api/v1/public-cases/" + std::to_string(public_id));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body.find("王建国"), std::string::npos);

  auto similar = Call(member_, "POST", "/api/v1/public-cases/similar",
                      R"({"failure_mode": "pitting", "temperature_c": 62, "limit": 3})");
  ASSERT_EQ(similar.status, 200) << similar.body;
  EXPECT_EQ(json::parse(similar.body).at("items").as_array().size(), 1u);
  EXPECT_EQ(similar.body.find("13812345678"), std::string::npos);
}

TEST_F(CaseRoutesTest, BadBodiesGetFieldErrors) {
  auto r = Call(member_, "POST", "/api/v1/cases",
                R"({"colour": "blue", "temperature_c": "hot", "failure_mode": "melting"})");
  ASSERT_EQ(r.status, 400);
  std::set<std::string> fields;
  const json::value problem = json::parse(r.body);
  for (const auto& e : problem.at("errors").as_array())
    fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.count("colour"));
  EXPECT_TRUE(fields.count("temperature_c"));
  EXPECT_TRUE(fields.count("failure_mode"));
  EXPECT_EQ(Call(member_, "POST", "/api/v1/cases", "[1]").status, 400);
  EXPECT_EQ(Call(member_, "POST", "/api/v1/public-cases/similar", R"({"colour": 1})").status, 400);
  EXPECT_EQ(Call(member_, "POST", "/api/v1/public-cases/similar", R"({"limit": 99})").status, 400);
  EXPECT_EQ(Call(member_, "POST", "/api/v1/cases/1/publication/approve").status, 403);
}

TEST_F(CaseRoutesTest, EveryRouteIsInTheOpenApiFragment) {
  std::ifstream in(RUTILE_CASES_FRAGMENT);
  std::stringstream ss;
  ss << in.rdbuf();
  const json::object paths = json::parse(ss.str()).at("paths").as_object();
  std::size_t operations = 0;
  for (const auto& [path, item] : paths) operations += item.as_object().size();
  EXPECT_EQ(operations, router_.routes().size());
  for (const auto& route : router_.routes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(paths.contains(route.pattern)) << route.pattern;
    EXPECT_TRUE(paths.at(route.pattern).as_object().contains(method))
        << route.method << " " << route.pattern;
  }
}

}  // namespace
}  // namespace rutile::cases
