#include "annex_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "rutile/standards/json_codec.h"
#include "self_inspection_routes_caller.h"
#include "self_inspection_test_fixture.h"

namespace rutile::standards {
namespace {

namespace json = boost::json;
using testing::Body;
using testing::Fields;

class AnnexRoutesTest : public testing::SelfCheckFixture {
 protected:
  void SetUp() override {
    SelfCheckFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::tie(authority_org_, authority_) =
        AddAuthority("East Authority", "cn-east", "authority@example.com");
    AnnexRules rules;
    rules.promote_threshold = 1;
    service_ = std::make_unique<AnnexService>(*db_, clock_, *standards_,
                                              identity::RegionCatalog::Default(),
                                              engine::wire::DefaultKnowledge(), rules);
    RegisterAnnexRoutes(router_, *service_);
  }
  void TearDown() override {
    service_.reset();
    SelfCheckFixture::TearDown();
  }
  std::string LocalClauseBody() {
    Clause c = standards_->GetClause("rtb-3.4").value();
    c.id = "cn-east-9.1";
    c.number = "CE-9.1";
    c.kind = ClauseKind::kMandatory;
    c.conditions = {};
    c.conditions.media = {"hf-hno3-pickling"};
    return json::serialize(json::object{{"action", "add"},
                                        {"clause", ClauseToJson(c)},
                                        {"justification", "Provincial air rule for HF fumes."}});
  }
  std::int64_t authority_org_ = 0;
  access::Principal authority_;
  std::unique_ptr<AnnexService> service_;
  http::Router router_;
  testing::RouteCaller caller_{router_};
};

TEST_P(AnnexRoutesTest, FromAnnexToNationalProposal) {
  auto created = caller_.Call("POST", "/api/v1/annexes", authority_,
                              R"({"org_id":)" + std::to_string(authority_org_) +
                                  R"(,"region":"cn-east","document_code":"RTB","title":"East"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string annex = std::to_string(Body(created).at("id").as_int64());
  EXPECT_EQ(Body(created).at("region_category").as_string(), "I");

  auto clause =
      caller_.Call("POST", "/api/v1/annexes/" + annex + "/clauses", authority_, LocalClauseBody());
  ASSERT_EQ(clause.status, 201) << clause.body;
  const std::string base =
      "/api/v1/annex-clauses/" + std::to_string(Body(clause).at("id").as_int64());

  // Visitors read annexes and match.
  auto listed = caller_.Call("GET", "/api/v1/annexes", {}, "", {{"region", "cn-east"}});
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(Body(listed).at("items").as_array().size(), 1u);
  EXPECT_EQ(caller_.Call("GET", "/api/v1/annexes/" + annex, {}).status, 200);
  auto match = caller_.Call("POST", "/api/v1/annex-clauses/match", {},
                            R"({"region":"cn-east","profile":{"material":"Ti-Gr2",)"
                            R"("preset":"hf-hno3-pickling","temperature_c":40}})");
  ASSERT_EQ(match.status, 200) << match.body;
  EXPECT_EQ(Body(match).at("items").as_array().size(), 1u);

  auto review = caller_.Call("POST", base + "/reviews", experts_[0],
                             R"({"verdict":"equivalent","note":"same ground"})");
  ASSERT_EQ(review.status, 200) << review.body;
  EXPECT_EQ(Body(review).at("status").as_string(), "verified");
  auto applied = caller_.Call("POST", base + "/applications", member_,
                              R"({"org_id":)" + std::to_string(org_) + R"(,"note":"hoods"})");
  ASSERT_EQ(applied.status, 201) << applied.body;
  const std::string app =
      std::to_string(Body(applied).at("applications").at(0).at("id").as_int64());
  auto verified = caller_.Call("POST", base + "/applications/" + app + "/verify", experts_[1]);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_TRUE(Body(verified).at("promotable").as_bool());
  auto promoted = caller_.Call("POST", base + "/promote", authority_);
  ASSERT_EQ(promoted.status, 201) << promoted.body;
  EXPECT_EQ(Body(promoted).at("state").as_string(), "proposal");
  EXPECT_EQ(caller_.Call("POST", base + "/promote", authority_).status, 409);
}

TEST_P(AnnexRoutesTest, BadInputWrongRoleAndState) {
  auto bad = caller_.Call("POST", "/api/v1/annexes", authority_,
                          R"({"org_id":"x","region":"","title":"t","extra":true})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  auto fields = Fields(bad);
  for (const char* f : {"org_id", "region", "document_code", "extra"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f << " " << bad.body;
  EXPECT_EQ(caller_
                .Call("POST", "/api/v1/annexes", admin_,
                      R"({"org_id":)" + std::to_string(org_) +
                          R"(,"region":"cn-east","document_code":"RTB","title":"x"})")
                .status,
            403);
  EXPECT_EQ(caller_.Call("POST", "/api/v1/annexes", {}, R"({})").status, 401);
  EXPECT_EQ(caller_.Call("GET", "/api/v1/annexes/0", {}).status, 400);
  EXPECT_EQ(caller_.Call("GET", "/api/v1/annexes/99", {}).status, 404);

  auto annex = service_->Create(authority_, {authority_org_, "cn-east", "RTB", "East"}).value();
  auto no_clause = caller_.Call("POST", "/api/v1/annexes/" + std::to_string(annex.id) + "/clauses",
                                authority_, R"({"action":"add","justification":"j","clause":{}})");
  ASSERT_EQ(no_clause.status, 400) << no_clause.body;
  EXPECT_GE(Fields(no_clause).size(), 3u);
  auto clause = caller_.Call("POST", "/api/v1/annexes/" + std::to_string(annex.id) + "/clauses",
                             authority_, LocalClauseBody());
  ASSERT_EQ(clause.status, 201);
  const std::string base =
      "/api/v1/annex-clauses/" + std::to_string(Body(clause).at("id").as_int64());
  EXPECT_EQ(caller_.Call("POST", base + "/reviews", member_, R"({"verdict":"equivalent"})").status,
            403);
  EXPECT_EQ(
      Fields(caller_.Call("POST", base + "/reviews", experts_[0], R"({"verdict":"perhaps"})")),
      std::vector<std::string>{"verdict"});
  EXPECT_EQ(caller_.Call("POST", base + "/promote", authority_).status, 409);
  EXPECT_EQ(caller_.Call("POST", base + "/applications/abc/verify", experts_[0]).status, 400);
  EXPECT_EQ(caller_.Call("POST", base + "/applications/5/verify", experts_[0]).status, 404);
  EXPECT_EQ(Fields(caller_.Call("POST", "/api/v1/annex-clauses/match", {},
                                R"({"region":"mars","profile":{"grade":9}})")),
            std::vector<std::string>{"profile.grade"});
}

// An organization is given as {"id", "name"} next to each org_id, and only where the id is: a
// visitor or an unrelated organization reads the annex's authority, not who applies a clause.
TEST_P(AnnexRoutesTest, OrganizationsAreNamedWhereTheirIdsAre) {
  auto created = caller_.Call("POST", "/api/v1/annexes", authority_,
                              R"({"org_id":)" + std::to_string(authority_org_) +
                                  R"(,"region":"cn-east","document_code":"RTB","title":"East"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Body(created).at("org"),
            (json::object{{"id", authority_org_}, {"name", "East Authority"}}));
  EXPECT_EQ(Body(created).at("org_id").as_int64(), authority_org_);
  const std::string annex = "/api/v1/annexes/" + std::to_string(Body(created).at("id").as_int64());
  auto clause = caller_.Call("POST", annex + "/clauses", authority_, LocalClauseBody());
  ASSERT_EQ(clause.status, 201) << clause.body;
  const std::string base =
      "/api/v1/annex-clauses/" + std::to_string(Body(clause).at("id").as_int64());
  auto applied = caller_.Call("POST", base + "/applications", member_,
                              R"({"org_id":)" + std::to_string(org_) + R"(,"note":"hoods"})");
  ASSERT_EQ(applied.status, 201) << applied.body;
  const json::object applied_body = Body(applied);
  const json::object& own = applied_body.at("applications").at(0).as_object();
  EXPECT_EQ(own.at("org_id").as_int64(), org_);
  EXPECT_EQ(own.at("org"), (json::object{{"id", org_}, {"name", "Plating Works"}}));
  ASSERT_EQ(caller_
                .Call("POST", base + "/applications", outsider_,
                      R"({"org_id":)" + std::to_string(other_org_) + "}")
                .status,
            201);

  // A visitor and another region's authority: the annex's authority by name, no applicants.
  const access::Principal west =
      AddAuthority("West Authority", "cn-west", "west@example.com").second;
  for (const access::Principal& stranger : {access::Principal{}, west}) {
    for (const auto& [path, query] :
         std::vector<std::pair<std::string, std::multimap<std::string, std::string>>>{
             {annex, {}}, {"/api/v1/annexes", {{"region", "cn-east"}}}}) {
      auto read = caller_.Call("GET", path, stranger, "", query);
      ASSERT_EQ(read.status, 200) << read.body;
      const json::object body = Body(read);
      const json::object& a = body.contains("items") ? body.at("items").at(0).as_object() : body;
      EXPECT_EQ(a.at("org"), (json::object{{"id", authority_org_}, {"name", "East Authority"}}));
      EXPECT_TRUE(a.at("created_by").is_null());
      EXPECT_TRUE(a.at("clauses").at(0).at("applications").as_array().empty());
      EXPECT_EQ(a.at("clauses").at(0).at("application_count").as_int64(), 2);
      EXPECT_EQ(read.body.find("Plating Works"), std::string::npos) << read.body;
      EXPECT_EQ(read.body.find("Heater Maker"), std::string::npos) << read.body;
    }
  }
  auto match = caller_.Call("POST", "/api/v1/annex-clauses/match", {},
                            R"({"region":"cn-east","profile":{"material":"Ti-Gr2",)"
                            R"("preset":"hf-hno3-pickling","temperature_c":40}})");
  ASSERT_EQ(match.status, 200) << match.body;
  EXPECT_EQ(match.body.find("Plating Works"), std::string::npos) << match.body;
  EXPECT_EQ(match.body.find("Heater Maker"), std::string::npos) << match.body;

  // A reporting organization reads its own application by name, not the other one.
  auto mine = caller_.Call("GET", annex, member_);
  ASSERT_EQ(mine.status, 200);
  const json::object mine_body = Body(mine);
  const json::array& seen = mine_body.at("clauses").at(0).at("applications").as_array();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].at("org").at("name").as_string(), "Plating Works");
  EXPECT_EQ(mine.body.find("Heater Maker"), std::string::npos) << mine.body;

  // The annex's authority reads every applicant by name.
  auto all = caller_.Call("GET", annex, authority_);
  ASSERT_EQ(all.status, 200);
  std::vector<std::string> names;
  const json::object all_body = Body(all);
  for (const auto& app : all_body.at("clauses").at(0).at("applications").as_array()) {
    EXPECT_EQ(app.at("org").at("id"), app.at("org_id"));
    names.emplace_back(app.at("org").at("name").as_string());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Plating Works", "Heater Maker"}));
}

TEST_P(AnnexRoutesTest, EveryRouteIsInTheOpenApiFragment) {
  testing::ExpectRoutesInFragment(router_, RUTILE_SELFCHECK_FRAGMENT);
}

INSTANTIATE_TEST_SUITE_P(Databases, AnnexRoutesTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::standards
