#include "bulletin_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "rutile/cases/case_service.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/testing/test_world.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;

class BulletinRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.Open(rutile::testing::Migrations(notifications::NotificationMigrations(),
                                                        CaseMigrations(), BulletinMigrations())));
    owner_org_ = Org("Works");
    member_ = Login("a@example.com", "Member", owner_org_, {});
    reviewer_ = Login("r@example.com", "Reviewer", Org("Platform operations"),
                      {access::PlatformRole::kOperator});
    cases_ = std::make_unique<CaseService>(world_.db(), world_.clock());
    service_ = std::make_unique<BulletinService>(
        world_.db(), world_.clock(),
        [this](store::Connection&) -> Result<std::vector<RegisteredEquipment>> {
          RegisteredEquipment e;
          e.org_id = owner_org_;
          e.item_id = 1;
          e.material = "Ti-Gr2";
          e.governing_mechanism = "anodic_breakdown";
          return std::vector<RegisteredEquipment>{e};
        });
    AtomFeedOptions feed;
    feed.site_url = "https://rutile.example";
    RegisterBulletinRoutes(router_, *service_, feed);
  }
  void TearDown() override {
    service_.reset();
    cases_.reset();
  }

  std::int64_t Org(const std::string& name) {
    return world_.Org(name, "cn-east", "electroplating", std::nullopt, std::nullopt);
  }

  access::Principal Login(const std::string& email, const std::string& name, std::int64_t org,
                          std::vector<access::PlatformRole> roles) {
    return world_.SignIn(email, name, org, access::OrgRole::kAdmin, std::move(roles));
  }

  std::int64_t PublicCaseId() {
    CaseInput in;
    in.equipment_type = "immersion_heater";
    in.material = "ti_cp";
    in.grade = "Gr.2";
    in.medium = "Watts nickel bath";
    in.temperature_c = 60;
    in.failure_mode = FailureMode::kPitting;
    in.narrative = "Heater perforated.";
    in.language = "en";
    return cases_->PublishSynthetic(in).value().id;
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
    req.headers["host"] = "feeds.example:8080";
    req.principal = who;
    http::Match m = router_.Find(method, req.path, req);
    if (m.route == nullptr) {
      ADD_FAILURE() << "no route for " << method << " " << path;
      return {};
    }
    return m.route->handler(req);
  }

  std::set<std::string> ErrorFields(const http::Response& r) {
    std::set<std::string> fields;
    const json::value problem = json::parse(r.body);
    for (const auto& e : problem.at("errors").as_array())
      fields.insert(std::string(e.at("field").as_string()));
    return fields;
  }

  rutile::testing::TestWorld world_{"sqlite", FromUnixSeconds(1'790'000'000)};
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<BulletinService> service_;
  http::Router router_;
  std::int64_t owner_org_ = 0;
  access::Principal member_, reviewer_, visitor_;
};

TEST_F(BulletinRoutesTest, DraftPublishReadFeedDeliveries) {
  const std::int64_t case_id = PublicCaseId();
  const std::string body = R"({"case_ids": [)" + std::to_string(case_id) +
                           R"(], "severity": "alert", "texts": [{"language": "en",
      "title": "Stray current <pits>", "summary": "Screen the heaters & earth them."}],
      "rule": {"mechanisms": ["anodic_breakdown"], "materials": ["titanium"]}})";
  EXPECT_EQ(Call(member_, "POST", "/api/v1/bulletins", body).status, 403);
  auto created = Call(reviewer_, "POST", "/api/v1/bulletins", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const json::value b = json::parse(created.body);
  const std::string base = "/api/v1/bulletins/" + std::to_string(b.at("id").as_int64());
  EXPECT_EQ(b.at("state").as_string(), "draft");
  EXPECT_EQ(b.at("severity").as_string(), "alert");
  EXPECT_EQ(b.at("origin").as_string(), "manual");

  EXPECT_EQ(Call(visitor_, "GET", base).status, 404);
  auto patched = Call(reviewer_, "PATCH", base, R"({"severity": "warning"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json::parse(patched.body).at("severity").as_string(), "warning");

  auto published = Call(reviewer_, "POST", base + "/publish");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(Call(reviewer_, "POST", base + "/publish").status, 409);
  EXPECT_EQ(Call(reviewer_, "PATCH", base, R"({"severity": "alert"})").status, 409);

  auto list = Call(visitor_, "GET", "/api/v1/bulletins");
  ASSERT_EQ(list.status, 200) << list.body;
  const json::value listed = json::parse(list.body);
  const auto& items = listed.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_FALSE(items[0].as_object().contains("author_id"));
  EXPECT_EQ(Call(visitor_, "GET", base).status, 200);
  EXPECT_EQ(Call(visitor_, "GET", "/api/v1/bulletins?state=draft").status, 401);
  EXPECT_EQ(Call(member_, "GET", "/api/v1/bulletins?state=draft").status, 403);
  EXPECT_EQ(Call(reviewer_, "GET", "/api/v1/bulletins?state=draft").status, 200);

  auto feed = Call(visitor_, "GET", "/api/v1/bulletins/feed.atom");
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.content_type, "application/atom+xml; charset=utf-8");
  EXPECT_NE(feed.body.find("<title>Stray current &lt;pits&gt;</title>"), std::string::npos);
  EXPECT_NE(feed.body.find("href=\"http://feeds.example:8080/api/v1/bulletins/feed.atom\""),
            std::string::npos)
      << feed.body;
  EXPECT_NE(feed.body.find("href=\"https://rutile.example/bulletins/"), std::string::npos);

  auto deliveries = Call(reviewer_, "GET", base + "/deliveries");
  ASSERT_EQ(deliveries.status, 200) << deliveries.body;
  const json::value d = json::parse(deliveries.body);
  EXPECT_EQ(d.at("organizations").as_int64(), 1);
  EXPECT_EQ(d.at("items").at(0).at("org_id").as_int64(), owner_org_);
  EXPECT_EQ(Call(member_, "GET", base + "/deliveries").status, 403);

  auto withdrawn = Call(reviewer_, "POST", base + "/withdraw");
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(
      json::parse(Call(visitor_, "GET", "/api/v1/bulletins").body).at("items").as_array().size(),
      0u);
}

TEST_F(BulletinRoutesTest, AutoDraftsFromRecentCases) {
  for (int i = 0; i < 3; ++i) PublicCaseId();
  EXPECT_EQ(Call(member_, "POST", "/api/v1/bulletins/auto-drafts", "{}").status, 403);
  auto none = Call(reviewer_, "POST", "/api/v1/bulletins/auto-drafts", "");
  ASSERT_EQ(none.status, 201) << none.body;
  EXPECT_EQ(json::parse(none.body).at("items").as_array().size(), 0u);  // synthetic left out
  auto drafts = Call(reviewer_, "POST", "/api/v1/bulletins/auto-drafts",
                     R"({"include_synthetic": true, "window_days": 30, "min_cases": 3})");
  ASSERT_EQ(drafts.status, 201) << drafts.body;
  const json::value made = json::parse(drafts.body);
  const auto& items = made.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("origin").as_string(), "auto");
  EXPECT_EQ(items[0].at("case_ids").as_array().size(), 3u);
  auto bad =
      Call(reviewer_, "POST", "/api/v1/bulletins/auto-drafts", R"({"min_cases": 1, "window": 3})");
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorFields(bad), (std::set<std::string>{"min_cases", "window"}));
}

TEST_F(BulletinRoutesTest, BadBodiesAndParametersGetFieldErrors) {
  auto r = Call(reviewer_, "POST", "/api/v1/bulletins",
                R"({"case_ids": [0, "x"], "severity": "panic", "texts": [{"language": "en",
                    "headline": "x"}], "rule": {"colour": 1, "grades": [9]}, "extra": true})");
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(ErrorFields(r), (std::set<std::string>{"case_ids[0]", "case_ids[1]", "severity",
                                                   "texts[0].headline", "rule.colour", "extra"}));
  auto missing = Call(reviewer_, "POST", "/api/v1/bulletins", "{}");
  ASSERT_EQ(missing.status, 400);
  EXPECT_EQ(ErrorFields(missing), std::set<std::string>{"case_ids"});
  auto unknown_case = Call(reviewer_, "POST", "/api/v1/bulletins", R"({"case_ids": [77]})");
  ASSERT_EQ(unknown_case.status, 400);
  EXPECT_EQ(ErrorFields(unknown_case), std::set<std::string>{"case_ids[0]"});
  EXPECT_EQ(Call(reviewer_, "POST", "/api/v1/bulletins", "[1]").status, 400);
  EXPECT_EQ(Call(reviewer_, "GET", "/api/v1/bulletins/abc").status, 400);
  EXPECT_EQ(Call(reviewer_, "GET", "/api/v1/bulletins/99").status, 404);
  EXPECT_EQ(Call(reviewer_, "GET", "/api/v1/bulletins?limit=0").status, 400);
  EXPECT_EQ(Call(reviewer_, "GET", "/api/v1/bulletins?state=old").status, 400);
  EXPECT_EQ(Call(reviewer_, "POST", "/api/v1/bulletins/99/publish").status, 404);
}

TEST_F(BulletinRoutesTest, EveryRouteIsInTheOpenApiFragment) {
  std::ifstream in(RUTILE_BULLETINS_FRAGMENT);
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
