#include "views_routes.h"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "dashboard_test_fixture.h"

namespace rutile::equipment {
namespace {

namespace json = boost::json;

class ViewsRoutesTest : public ViewsTest {
 protected:
  void SetUp() override {
    ViewsTest::SetUp();
    if (IsSkipped()) return;
    exports_ = std::make_unique<ExportService>(world_->db(), world_->clock(), *equipment_, *views_);
    labels_ = std::make_unique<LabelService>(world_->db(), *equipment_);
    RegisterViewsRoutes(router_, *views_, *exports_, *labels_);
  }
  void TearDown() override {
    labels_.reset();
    exports_.reset();
    ViewsTest::TearDown();
  }

  http::Response Call(const access::Principal& who, const std::string& path) {
    http::Request req;
    req.method = "GET";
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
    req.principal = who;
    http::Match m = router_.Find("GET", req.path, req);
    if (m.route == nullptr) {
      ADD_FAILURE() << "no route for " << path;
      return {};
    }
    return m.route->handler(req);
  }

  std::unique_ptr<ExportService> exports_;
  std::unique_ptr<LabelService> labels_;
  http::Router router_;
};

TEST_P(ViewsRoutesTest, ViewsExportsAndLabelsOverHttp) {
  const Item tank = Create(owner_a_, org_a_, Heater("Tank 3 heater"));
  const std::string org = std::to_string(org_a_);
  const std::string item = "/api/v1/equipment/" + std::to_string(tank.id);

  auto dash = Call(owner_a_, "/api/v1/dashboard");
  ASSERT_EQ(dash.status, 200) << dash.body;
  EXPECT_EQ(json::parse(dash.body).at("items").as_int64(), 1);
  EXPECT_EQ(Call(owner_a_, "/api/v1/dashboard?org_id=abc").status, 400);
  EXPECT_EQ(Call(stranger_, "/api/v1/dashboard?org_id=" + org).status, 403);

  auto park = Call(manager_, "/api/v1/parks/" + std::to_string(park_id_) + "/equipment-overview");
  ASSERT_EQ(park.status, 200) << park.body;
  EXPECT_EQ(json::parse(park.body).at("total").at("items").as_int64(), 1);
  EXPECT_EQ(
      Call(owner_a_, "/api/v1/parks/" + std::to_string(park_id_) + "/equipment-overview").status,
      403);

  auto report = Call(regulator_, "/api/v1/reports/regional-risk?region=cn-east");
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_TRUE(json::parse(report.body).at("total").at("items").is_null());  // 1 < 5
  EXPECT_EQ(Call(owner_a_, "/api/v1/reports/regional-risk").status, 403);

  auto csv = Call(owner_a_, "/api/v1/equipment/export?format=csv&org_id=" + org);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("Tank 3 heater"), std::string::npos);
  EXPECT_EQ(Call(owner_a_, "/api/v1/equipment/export?format=doc").status, 400);
  auto xlsx = Call(owner_a_, item + "/readings/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(Call(owner_a_, item + "/readings/export?format=pdf").status, 400);

  auto label = Call(owner_a_, item + "/label.pdf");
  ASSERT_EQ(label.status, 200) << label.body;
  EXPECT_EQ(label.content_type, "application/pdf");
  EXPECT_EQ(label.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(Call(owner_a_, "/api/v1/equipment/labels.pdf").status, 200);
  EXPECT_EQ(Call(stranger_, item + "/label.pdf").status, 404);
}

// Every registered route is described in the views' OpenAPI fragment.
TEST_P(ViewsRoutesTest, EveryRouteIsInTheOpenApiFragment) {
  std::ifstream in(RUTILE_VIEWS_FRAGMENT);
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

INSTANTIATE_TEST_SUITE_P(Databases, ViewsRoutesTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::equipment
