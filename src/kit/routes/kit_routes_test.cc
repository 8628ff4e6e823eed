#include "kit_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "pdf_tools.h"

namespace rutile::kit {
namespace {

namespace json = boost::json;

class KitRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override { RegisterKitRoutes(router_, DefaultKit()); }
  http::Response Get(const std::string& path, std::multimap<std::string, std::string> query = {}) {
    http::Request r;
    r.method = "GET";
    r.path = path;
    r.target = path;
    r.query = std::move(query);
    auto match = router_.Find(r.method, r.path, r);
    EXPECT_NE(match.route, nullptr) << path;
    if (!match.route) return {};
    EXPECT_FALSE(match.route->requires_login) << path;
    return match.route->handler(r);
  }
  http::Router router_;
};

TEST_F(KitRoutesTest, PositiveListRowsLinkClauses) {
  auto response = Get("/api/v1/kit/positive-list");
  ASSERT_EQ(response.status, 200);
  auto doc = json::parse(response.body).as_object();
  const auto& rows = doc.at("rows").as_array();
  ASSERT_FALSE(rows.empty());
  bool seawater_clause = false;
  for (const auto& row : rows) {
    const auto& o = row.as_object();
    EXPECT_LE(o.at("grade").as_int64(), 2);
    if (o.at("preset").as_string() == "seawater" && o.at("material").as_string() == "Ti-Gr2") {
      for (const auto& c : o.at("clauses").as_array()) {
        seawater_clause |= c.at("id").as_string() == "rtb-2.11";
      }
    }
  }
  EXPECT_TRUE(seawater_clause);
}

TEST_F(KitRoutesTest, BlacklistAndGuides) {
  auto blacklist = json::parse(Get("/api/v1/kit/blacklist").body).as_object();
  for (const auto& r : blacklist.at("reagents").as_array()) {
    EXPECT_FALSE(r.at("sources").as_array().empty()) << r.at("code").as_string();
  }
  auto guides = json::parse(Get("/api/v1/kit/guides").body).as_object();
  ASSERT_EQ(guides.at("guides").as_array().size(), 3u);
  const auto& leak = guides.at("guides").as_array()[2].as_object();
  EXPECT_TRUE(leak.at("flowchart").as_bool());
  EXPECT_EQ(leak.at("steps").as_array()[2].at("kind").as_string(), "decision");
}

TEST_F(KitRoutesTest, PdfInEachLanguageAndBadLanguage) {
  auto pdf = Get("/api/v1/kit/kit.pdf", {{"lang", "fr"}});
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.content_type, "application/pdf");
  std::string text = documents::testing::PdfToText(pdf.body).value_or("");
  EXPECT_NE(text.find("Liste noire des réactifs interdits"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/kit/kit.pdf", {{"lang", "fr"}}).body, pdf.body);  // kept, same bytes
  auto bad = Get("/api/v1/kit/kit.pdf", {{"lang", "xx"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("\"lang\""), std::string::npos);
}

}  // namespace
}  // namespace rutile::kit
