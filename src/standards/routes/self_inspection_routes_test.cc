#include "self_inspection_routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "rutile/core/base64.h"
#include "rutile/ledger/merkle.h"
#include "rutile/media/crafted_images.h"
#include "self_inspection_routes_caller.h"
#include "self_inspection_test_fixture.h"

namespace rutile::standards {
namespace {

namespace json = boost::json;
using testing::Body;
using testing::Fields;
using testing::RouteCaller;

class SelfInspectionRoutesTest : public testing::SelfCheckFixture {
 protected:
  void SetUp() override {
    SelfCheckFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    service_ = std::make_unique<SelfInspectionService>(*db_, clock_, *standards_);
    RegisterSelfInspectionRoutes(
        router_, *service_, [](const SelfInspection& s, const std::string& lang) {
          return Result<std::string>("%PDF-fake " + lang + " " + std::to_string(s.items.size()));
        });
  }
  void TearDown() override {
    service_.reset();
    SelfCheckFixture::TearDown();
  }
  std::string CreateBody() const {
    return R"({"org_id":)" + std::to_string(org_) +
           R"(,"title":"Tank 3","profile":{"material":"Ti-Gr2","preset":"saturated-brine",)"
           R"("temperature_c":60,"equipment_type":"immersion_heater"}})";
  }
  std::unique_ptr<SelfInspectionService> service_;
  http::Router router_;
  RouteCaller caller_{router_};
};

TEST_P(SelfInspectionRoutesTest, CreateAnswerCompleteAndRead) {
  auto created = caller_.Call("POST", "/api/v1/self-inspections", member_, CreateBody());
  ASSERT_EQ(created.status, 201) << created.body;
  auto b = Body(created);
  const std::string base = "/api/v1/self-inspections/" + std::to_string(b.at("id").as_int64());
  EXPECT_EQ(b.at("profile").at("material").as_string(), "Ti-Gr2");
  json::array answers;
  std::string first;
  for (const auto& it : b.at("items").as_array()) {
    if (it.at("kind").as_string() != "mandatory") continue;
    std::string id(it.at("clause_id").as_string());
    json::object a{{"clause_id", id}, {"answer", first.empty() ? "no" : "yes"}};
    if (first.empty()) {
      first = id;
      a["note"] = "no isolation bushing";
      a["evidence"] =
          json::object{{"name", "photo.png"},
                       {"type", "image/png"},
                       {"content_base64", base64::Encode(media::testing::PngWithGpsAndXmp())}};
    }
    answers.push_back(std::move(a));
  }
  auto put = caller_.Call("PUT", base + "/answers", member_,
                          json::serialize(json::object{{"answers", answers}}));
  ASSERT_EQ(put.status, 200) << put.body;
  auto pb = Body(put);
  ASSERT_EQ(pb.at("gaps").as_array().size(), 1u);
  EXPECT_EQ(pb.at("gaps").at(0).at("clause_id").as_string(), first);
  EXPECT_LT(pb.at("rates").at("mandatory_rate").as_double(), 1.0);

  auto ev = caller_.Call("GET", base + "/items/" + first + "/evidence", admin_);
  ASSERT_EQ(ev.status, 200) << ev.body;
  EXPECT_EQ(ev.content_type, "image/png");
  EXPECT_EQ(ev.body, media::StripImageMetadata(media::testing::PngWithGpsAndXmp()).value());
  EXPECT_FALSE(media::testing::CarriesMetadata(ev.body));

  auto done = caller_.Call("POST", base + "/complete", admin_);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(Body(done).at("state").as_string(), "completed");
  EXPECT_EQ(caller_.Call("POST", base + "/complete", admin_).status, 409);
  EXPECT_EQ(caller_
                .Call("PUT", base + "/answers", member_,
                      json::serialize(json::object{{"answers", answers}}))
                .status,
            409);

  auto got = caller_.Call("GET", base, member_);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Body(got).at("items").as_array().size(), b.at("items").as_array().size());

  auto history = caller_.Call("GET", "/api/v1/self-inspections", admin_, "",
                              {{"org_id", std::to_string(org_)}});
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_EQ(Body(history).at("items").as_array().size(), 1u);
  EXPECT_FALSE(Body(history).at("items").at(0).as_object().contains("items"));

  auto pdf = caller_.Call("GET", base + "/report.pdf", member_, "", {{"lang", "zh"}});
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.content_type, "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-fake zh", 0), 0u);
}

TEST_P(SelfInspectionRoutesTest, BadInputWrongRoleAndState) {
  auto bad =
      caller_.Call("POST", "/api/v1/self-inspections", member_,
                   R"({"org_id":0,"title":"","profile":{"material":"Ti-Gr2","temperature_c":5000,)"
                   R"("components":[{"species":"HF","unit":"wt_pct"}]},"extra":1})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  auto fields = Fields(bad);
  for (const char* f :
       {"org_id", "title", "profile.temperature_c", "profile.components[0].value", "extra"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f << " in " << bad.body;
  EXPECT_EQ(caller_.Call("POST", "/api/v1/self-inspections", member_, R"({"org_id":1})").status,
            400);

  auto created = caller_.Call("POST", "/api/v1/self-inspections", member_, CreateBody());
  ASSERT_EQ(created.status, 201);
  const std::string base =
      "/api/v1/self-inspections/" + std::to_string(Body(created).at("id").as_int64());
  EXPECT_EQ(caller_.Call("GET", base, outsider_).status, 404);
  EXPECT_EQ(caller_.Call("GET", base, access::Principal{}).status, 401);
  EXPECT_EQ(caller_.Call("GET", "/api/v1/self-inspections/abc", member_).status, 400);
  EXPECT_EQ(caller_.Call("GET", "/api/v1/self-inspections/999", member_).status, 404);
  EXPECT_EQ(caller_.Call("GET", "/api/v1/self-inspections", member_).status, 400);
  EXPECT_EQ(caller_
                .Call("GET", "/api/v1/self-inspections", outsider_, "",
                      {{"org_id", std::to_string(org_)}})
                .status,
            403);
  auto bad_answers = caller_.Call(
      "PUT", base + "/answers", member_,
      R"({"answers":[{"clause_id":"rtb-1.1","answer":"maybe"},)"
      R"({"clause_id":"rtb-1.1","answer":"yes","evidence":{"name":"a.png","type":"image/png",)"
      R"("content_base64":"***"}}]})");
  ASSERT_EQ(bad_answers.status, 400) << bad_answers.body;
  EXPECT_EQ(Fields(bad_answers),
            (std::vector<std::string>{"answers[0].answer", "answers[1].evidence.content_base64"}));
  auto early = caller_.Call("POST", base + "/complete", member_);
  ASSERT_EQ(early.status, 409);
  EXPECT_NE(Body(early).at("detail").as_string().find("RT-"), std::string::npos);
}

// Every registered route is described in the OpenAPI fragment the lead merges.
TEST_P(SelfInspectionRoutesTest, EveryRouteIsInTheOpenApiFragment) {
  testing::ExpectRoutesInFragment(router_, RUTILE_SELFCHECK_FRAGMENT);
}

INSTANTIATE_TEST_SUITE_P(Databases, SelfInspectionRoutesTest,
                         ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::standards
