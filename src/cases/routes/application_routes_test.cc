#include "application_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "application_test_fixture.h"
#include "atlas_routes.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;

class CaseAccessRoutesTest : public testing::CaseAccessTest {
 protected:
  void SetUp() override {
    CaseAccessTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    applications_ = std::make_unique<CaseApplicationService>(world_->db(), world_->clock());
    attachments_ = std::make_unique<CaseAttachmentService>(world_->db(), world_->clock());
    atlas_ = std::make_unique<CaseAtlasService>(world_->db());
    RegisterCaseApplicationRoutes(router_, *applications_);
    RegisterCaseAttachmentRoutes(router_, *attachments_);
    RegisterCaseAtlasRoutes(router_, *atlas_);
  }
  void TearDown() override {
    applications_.reset();
    attachments_.reset();
    atlas_.reset();
    CaseAccessTest::TearDown();
  }

  http::Response Call(const access::Principal& who, const std::string& method,
                      const std::string& path, std::string body = "",
                      std::string type = "application/json") {
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
    req.headers["content-type"] = type;
    req.principal = who;
    http::Match m = router_.Find(method, req.path, req);
    if (m.route == nullptr) {
      ADD_FAILURE() << "no route for " << method << " " << path;
      return {};
    }
    return m.route->handler(req);
  }

  std::unique_ptr<CaseApplicationService> applications_;
  std::unique_ptr<CaseAttachmentService> attachments_;
  std::unique_ptr<CaseAtlasService> atlas_;
  http::Router router_;
};

TEST_P(CaseAccessRoutesTest, ApplicationFlowOverHttp) {
  auto [case_id, public_id] = Publish(Input());
  const std::string pub = "/api/v1/public-cases/" + std::to_string(public_id);
  auto bad = Call(applicant_, "POST", pub + "/applications",
                  R"({"purpose": "", "requested_fields": ["narrative", 3], "colour": 1})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  std::set<std::string> fields;
  const json::value problem = json::parse(bad.body);
  for (const auto& e : problem.at("errors").as_array())
    fields.insert(std::string(e.at("field").as_string()));
  EXPECT_TRUE(fields.count("purpose"));
  EXPECT_TRUE(fields.count("requested_fields[1]"));
  EXPECT_TRUE(fields.count("colour"));

  auto created = Call(applicant_, "POST", pub + "/applications",
                      R"({"purpose": "same bath", "requested_fields": ["temperature_c"]})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_FALSE(json::parse(created.body).as_object().contains("case_id"));
  const std::string app =
      "/api/v1/case-applications/" + std::to_string(json::parse(created.body).at("id").as_int64());
  EXPECT_EQ(Call(applicant_, "GET", app + "/detail").status, 403);
  auto inbox = Call(owner_, "GET", "/api/v1/case-applications?role=owner");
  ASSERT_EQ(inbox.status, 200);
  EXPECT_EQ(json::parse(inbox.body).at("items").as_array().size(), 1u);
  EXPECT_EQ(Call(owner_, "GET", "/api/v1/case-applications?role=boss").status, 400);
  auto granted = Call(owner_, "POST", app + "/grant", "");
  ASSERT_EQ(granted.status, 200) << granted.body;
  auto conflict = Call(owner_, "POST", app + "/grant", "{}");
  EXPECT_EQ(conflict.status, 409);
  EXPECT_NE(conflict.body.find("allowed actions: refuse"), std::string::npos);
  auto detail = Call(applicant_, "GET", app + "/detail");
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(json::parse(detail.body).at("fields").at("temperature_c").as_double(), 61);
  auto log = Call(owner_, "GET", app + "/access-log");
  ASSERT_EQ(log.status, 200);
  EXPECT_EQ(json::parse(log.body).at("items").as_array().size(), 1u);
  EXPECT_EQ(Call(owner_, "POST", app + "/refuse", "{}").status, 400);  // reason required
  EXPECT_EQ(Call(owner_, "POST", app + "/refuse", R"({"reason": "done"})").status, 200);
  EXPECT_EQ(Call(applicant_, "GET", app + "/detail").status, 403);
  (void)case_id;
}

TEST_P(CaseAccessRoutesTest, AttachmentsAtlasAndMacroOverHttp) {
  auto c = cases_->Submit(owner_, 0, Input());
  ASSERT_TRUE(c.has_value());
  const std::string base = "/api/v1/cases/" + std::to_string(c->id) + "/attachments";
  const std::string png_without_iend("\x89PNG\r\n\x1a\n", 8);
  EXPECT_EQ(Call(owner_, "POST", base, png_without_iend, "image/png").status, 400);
  EXPECT_EQ(Call(owner_, "POST", base, "%PDF-1.4\n%%EOF", "image/jpeg").status, 201);
  auto original = Call(owner_, "GET", base + "/1");
  ASSERT_EQ(original.status, 200);
  EXPECT_EQ(original.content_type, "application/pdf");  // sniffed, not the declared type
  EXPECT_EQ(Call(applicant_, "GET", base + "/1").status, 404);
  EXPECT_EQ(Call(owner_, "GET", base + "/x").status, 400);

  auto atlas = Call(applicant_, "GET", "/api/v1/atlas?by=language");
  ASSERT_EQ(atlas.status, 200) << atlas.body;
  EXPECT_EQ(Call(applicant_, "GET", "/api/v1/atlas?by=colour").status, 400);
  EXPECT_EQ(Call(applicant_, "GET", "/api/v1/macro/case-counts").status, 403);
  auto macro = Call(analyst_, "GET", "/api/v1/macro/case-counts?from=2024-Q1&to=2024-Q4");
  ASSERT_EQ(macro.status, 200) << macro.body;
  const json::value m = json::parse(macro.body);
  ASSERT_EQ(m.at("cells").as_array().size(), 1u);
  EXPECT_TRUE(m.at("cells").at(0).at("cases").is_null());
  EXPECT_TRUE(m.at("cells").at(0).at("suppressed").as_bool());
  EXPECT_EQ(Call(analyst_, "GET", "/api/v1/macro/case-counts?from=soon").status, 400);
}

TEST_P(CaseAccessRoutesTest, EveryRouteIsInTheOpenApiFragment) {
  std::ifstream in(RUTILE_CASES_ACCESS_FRAGMENT);
  std::stringstream ss;
  ss << in.rdbuf();
  const json::object paths = json::parse(ss.str()).at("paths").as_object();
  std::size_t operations = 0;
  for (const auto& [path, item] : paths)
    for (const auto& [key, _] : item.as_object())
      if (key != "parameters") ++operations;
  EXPECT_EQ(operations, router_.routes().size());
  for (const auto& route : router_.routes()) {
    std::string method = route.method;
    for (char& ch : method) ch = static_cast<char>(std::tolower(ch));
    ASSERT_TRUE(paths.contains(route.pattern)) << route.pattern;
    EXPECT_TRUE(paths.at(route.pattern).as_object().contains(method))
        << route.method << " " << route.pattern;
  }
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CaseAccessRoutesTest, ::testing::Values("sqlite"));

}  // namespace
}  // namespace rutile::cases
