#include "standards_routes.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/standards/standards_migrations.h"

namespace rutile::standards {
namespace {

namespace json = boost::json;

identity::NewOrganization Org(const std::string& name, const std::string& kind) {
  identity::NewOrganization o;
  o.name = name;
  o.kind = kind;
  o.region = "cn-east";
  return o;
}

class StandardsRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("standards_routes_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(store::OpenDatabase("sqlite:" + (dir_ / "r.db").string()).value());
    auto migrations = identity::IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    for (auto& m : StandardsMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    identity::IdentityOptions options;
    options.password_cost = identity::PasswordCost::kMinimal;
    identity_ = std::make_unique<identity::IdentityService>(
        *db_, clock_, identity::RegionCatalog::Default(), options);
    org_ = identity_->CreateOrganization(Org("Works", "end_user_plant")).value().id;
    auto u = identity_->CreateUser({"admin@example.com", "long enough password", "A", "en"}, org_,
                                   access::OrgRole::kAdmin);
    admin_.user_id = u.value().id;
    access::OrgMembership m;
    m.org_id = org_;
    m.role = access::OrgRole::kAdmin;
    admin_.memberships.push_back(m);
    service_ = std::make_unique<StandardsService>(*db_, clock_, engine::wire::DefaultKnowledge());
    ASSERT_TRUE(service_->SeedStarterLibrary().has_value());
    RegisterStandardsRoutes(router_, *service_);
  }
  void TearDown() override {
    service_.reset();
    identity_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  http::Response Call(const std::string& method, const std::string& path,
                      const std::string& body = "",
                      std::multimap<std::string, std::string> query = {},
                      access::Principal principal = {}) {
    http::Request r;
    r.method = method;
    r.path = path;
    r.target = path;
    r.query = std::move(query);
    r.body = body;
    if (!body.empty()) r.headers["content-type"] = "application/json";
    r.principal = std::move(principal);
    auto match = router_.Find(method, path, r);
    if (!match.route) return http::Response{404, "text/plain", {}, "no route"};
    if (match.route->requires_login && r.principal.anonymous())
      return http::Response{401, "text/plain", {}, "login required"};
    return match.route->handler(r);
  }
  static json::value Body(const http::Response& r) { return json::parse(r.body); }

  std::filesystem::path dir_;
  FakeClock clock_{FromUnixSeconds(1'800'000'000)};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<StandardsService> service_;
  http::Router router_;
  std::int64_t org_ = 0;
  access::Principal admin_;
};

TEST_F(StandardsRoutesTest, MatchIsOpenToVisitors) {
  auto r = Call("POST", "/api/v1/clauses/match",
                R"({"material":"Ti-Gr2","preset":"hf-hno3-pickling","temperature_c":40,)"
                R"("industry":"pickling","lang":"zh"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto b = Body(r).as_object();
  EXPECT_EQ(b.at("grade").as_int64(), 4);
  EXPECT_EQ(b.at("governing_mechanism").as_string(), "fluoride_attack");
  bool found = false;
  for (const auto& m : b.at("mandatory").as_array())
    if (m.at("id").as_string() == "rtb-2.1") {
      found = true;
      EXPECT_EQ(m.at("title").as_string(), "含氟酸性槽液");
      EXPECT_FALSE(m.at("why").as_array().empty());
    }
  EXPECT_TRUE(found);
}

TEST_F(StandardsRoutesTest, MatchReportsEveryBadField) {
  auto r = Call("POST", "/api/v1/clauses/match",
                R"({"grade":9,"colour":"red","components":[{"species":"HCl","unit":"ppm"}]})");
  ASSERT_EQ(r.status, 400) << r.body;
  std::set<std::string> fields;
  const json::value problem = Body(r);
  for (const auto& e : problem.at("errors").as_array())
    fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.contains("grade"));
  EXPECT_TRUE(fields.contains("colour"));
  EXPECT_TRUE(fields.contains("components[0].value"));
}

TEST_F(StandardsRoutesTest, SearchAndRead) {
  auto r =
      Call("GET", "/api/v1/clauses", "", {{"q", "缝隙"}, {"lang", "zh"}, {"kind", "mandatory"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto b = Body(r).as_object();
  ASSERT_FALSE(b.at("items").as_array().empty());
  EXPECT_TRUE(b.at("facets").as_object().contains("kind"));
  EXPECT_EQ(Call("GET", "/api/v1/clauses", "", {{"grade", "9"}}).status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/clauses", "", {{"kind", "maybe"}}).status, 400);
  auto one = Call("GET", "/api/v1/clauses/rtb-3.1");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Body(one).at("number").as_string(), "RT-3.1");
  EXPECT_EQ(Call("GET", "/api/v1/clauses/rtb-99").status, 404);
  auto list = Call("GET", "/api/v1/standards");
  ASSERT_EQ(list.status, 200);
  auto id = Body(list).at("items").as_array().at(0).at("id").as_int64();
  EXPECT_EQ(Call("GET", "/api/v1/standards/" + std::to_string(id)).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/standards/x").status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/standards/" + std::to_string(id) + "/diff", "",
                 {{"from", "1.0"}, {"to", "1.0"}})
                .status,
            200);
}

TEST_F(StandardsRoutesTest, ProposalsNeedLoginAndRespectTheLifecycle) {
  const std::string body =
      R"({"org_id":)" + std::to_string(org_) +
      R"(,"document_code":"RTB","title":"Drop contacts","rationale":"Moved to the site plan.",)"
      R"("changes":[{"action":"remove","clause_id":"rtb-6.8"}]})";
  EXPECT_EQ(Call("POST", "/api/v1/proposals", body).status, 401);
  auto created = Call("POST", "/api/v1/proposals", body, {}, admin_);
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = std::to_string(Body(created).at("id").as_int64());
  EXPECT_EQ(Body(created).at("state").as_string(), "proposal");
  auto release = Call("POST", "/api/v1/proposals/" + id + "/release", "", {}, admin_);
  EXPECT_EQ(release.status, 409);
  EXPECT_NE(release.body.find("submit, withdraw, reject"), std::string::npos) << release.body;
  auto submitted = Call("POST", "/api/v1/proposals/" + id + "/submit", "", {}, admin_);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Body(submitted).at("state").as_string(), "expert_review");
  auto vote =
      Call("POST", "/api/v1/proposals/" + id + "/votes", R"({"vote":"approve"})", {}, admin_);
  EXPECT_EQ(vote.status, 403);
  auto bad =
      Call("POST", "/api/v1/proposals", R"({"org_id":1,"changes":[{"action":"x"}]})", {}, admin_);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Call("GET", "/api/v1/proposals/" + id, "", {}, admin_).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/proposals", "", {}, admin_).status, 200);
}

// Every registered route is described in the OpenAPI fragment, and only those.
TEST_F(StandardsRoutesTest, FragmentDescribesEveryRoute) {
  std::ifstream in(std::string(RUTILE_SOURCE_DIR) + "/api/fragments/standards.json");
  ASSERT_TRUE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = json::parse(ss.str()).as_object();
  const auto& paths = doc.at("paths").as_object();
  std::set<std::string> documented, registered;
  for (const auto& [path, ops] : paths)
    for (const auto& [method, op] : ops.as_object()) {
      std::string m(method);
      for (auto& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented.insert(m + " " + std::string(path));
      EXPECT_TRUE(op.as_object().contains("responses"));
    }
  for (const auto& route : router_.routes()) registered.insert(route.method + " " + route.pattern);
  EXPECT_EQ(documented, registered);
}

}  // namespace
}  // namespace rutile::standards
