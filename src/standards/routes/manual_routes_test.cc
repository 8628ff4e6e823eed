#include "manual_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "manual_test_fixture.h"
#include "pdf_tools.h"

namespace rutile::standards {
namespace {

namespace json = boost::json;

class ManualRoutesTest : public ManualFixture {
 protected:
  void SetUp() override {
    ManualFixture::SetUp();
    RegisterManualRoutes(router_, *manuals_);
  }
  http::Response Get(std::multimap<std::string, std::string> query,
                     std::map<std::string, std::string> headers = {}) {
    http::Request r;
    r.method = "GET";
    r.path = "/api/v1/manuals/simplified";
    r.target = r.path;
    r.query = std::move(query);
    r.headers = std::move(headers);
    auto match = router_.Find(r.method, r.path, r);
    EXPECT_NE(match.route, nullptr);
    EXPECT_FALSE(match.route->requires_login);
    return match.route->handler(r);
  }
  static std::string HeaderOf(const http::Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return value;
    }
    return "";
  }
  static std::set<std::string> ProblemFields(const http::Response& response) {
    std::set<std::string> fields;
    auto problem = json::parse(response.body).as_object();
    for (const auto& e : problem.at("errors").as_array())
      fields.insert(std::string(e.at("field").as_string()));
    return fields;
  }

  http::Router router_;
};

TEST_F(ManualRoutesTest, ChinesePdfDownload) {
  auto response = Get({{"industry", "electroplating"}, {"grade", "3"}, {"lang", "zh"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/pdf");
  EXPECT_EQ(response.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(HeaderOf(response, "Content-Disposition"),
            "attachment; filename=\"rutile-manual-electroplating-grade3-zh.pdf\"");
  EXPECT_EQ(HeaderOf(response, "Content-Language"), "zh");
  EXPECT_EQ(HeaderOf(response, "Cache-Control"), "public, max-age=3600");
  std::string text = documents::testing::PdfToText(response.body).value_or("");
  EXPECT_NE(text.find("与槽体电气隔离"), std::string::npos) << text;
}

TEST_F(ManualRoutesTest, HtmlAndConditionalRequests) {
  auto response = Get({{"industry", "electroplating"}, {"grade", "3"}, {"format", "html"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "text/html; charset=utf-8");
  EXPECT_NE(response.body.find("Electrical isolation from the tank"), std::string::npos);
  std::string etag = HeaderOf(response, "ETag");
  ASSERT_FALSE(etag.empty());
  auto again = Get({{"industry", "electroplating"}, {"grade", "3"}, {"format", "html"}},
                   {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(ManualRoutesTest, BadInputIsAProblemNamingTheField) {
  auto bad_grade = Get({{"industry", "electroplating"}, {"grade", "7"}});
  EXPECT_EQ(bad_grade.status, 400);
  EXPECT_EQ(bad_grade.content_type, "application/problem+json");
  EXPECT_EQ(ProblemFields(bad_grade), (std::set<std::string>{"grade"}));
  auto not_number = Get({{"industry", "electroplating"}, {"grade", "three"}});
  EXPECT_EQ(ProblemFields(not_number), (std::set<std::string>{"grade"}));
  auto everything = Get({{"industry", "bakery"}, {"lang", "??"}, {"format", "docx"}});
  EXPECT_EQ(everything.status, 400);
  EXPECT_EQ(ProblemFields(everything),
            (std::set<std::string>{"industry", "grade", "lang", "format"}));
}

// Every registered route is described in the fragment, and only those.
TEST_F(ManualRoutesTest, FragmentDescribesEveryRoute) {
  std::ifstream in(RUTILE_MANUAL_FRAGMENT);
  ASSERT_TRUE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = json::parse(ss.str()).as_object();
  std::set<std::string> documented, registered;
  for (const auto& [path, ops] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : ops.as_object()) {
      std::string m(method);
      for (auto& ch : m) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented.insert(m + " " + std::string(path));
      EXPECT_TRUE(op.as_object().contains("responses"));
    }
  }
  for (const auto& route : router_.routes()) registered.insert(route.method + " " + route.pattern);
  EXPECT_EQ(documented, registered);
  EXPECT_TRUE(doc.contains("schemas"));
}

}  // namespace
}  // namespace rutile::standards
