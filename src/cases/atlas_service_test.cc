#include "rutile/cases/atlas_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "application_test_fixture.h"
#include "leak_check.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;
using testing::CaseAccessTest;

class AtlasServiceTest : public CaseAccessTest {
 protected:
  void SetUp() override {
    CaseAccessTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    service_ = std::make_unique<CaseAtlasService>(world_->db());
  }
  void TearDown() override {
    service_.reset();
    CaseAccessTest::TearDown();
  }
  std::unique_ptr<CaseAtlasService> service_;
};

const AtlasGroup* Find(const Atlas& a, const std::string& group) {
  for (const auto& g : a.groups)
    if (g.group == group) return &g;
  return nullptr;
}

TEST_P(AtlasServiceTest, GroupsUnderKAreSuppressedAndLessonsAreShared) {
  CaseInput zh = Input();
  zh.language = "zh";
  zh.region = "cn-east";
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(cases_->PublishSynthetic(zh).has_value());
  CaseInput fr = Input();
  fr.language = "fr-CA";
  fr.region = "eu-south";
  fr.failure_mode = FailureMode::kCrevice;
  fr.mechanism_ids.clear();
  fr.root_cause = "unique lesson";
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(cases_->PublishSynthetic(fr).has_value());

  auto by_language = service_->Build(applicant_, "language");
  ASSERT_TRUE(by_language.has_value()) << by_language.error().ToString();
  EXPECT_EQ(by_language->k, 5);
  const AtlasGroup* zh_group = Find(*by_language, "zh");
  ASSERT_NE(zh_group, nullptr);
  EXPECT_FALSE(zh_group->suppressed);
  EXPECT_EQ(zh_group->cases, 5);
  ASSERT_EQ(zh_group->mechanisms.size(), 1u);
  EXPECT_EQ(zh_group->mechanisms[0].text, "anodic_breakdown");
  ASSERT_EQ(zh_group->root_causes.size(), 1u);
  EXPECT_EQ(zh_group->root_causes[0].count, 5);
  const AtlasGroup* fr_group = Find(*by_language, "fr");
  ASSERT_NE(fr_group, nullptr);
  EXPECT_TRUE(fr_group->suppressed);
  EXPECT_TRUE(fr_group->mechanisms.empty());

  auto by_model = service_->Build(applicant_, "regulatory_model");
  ASSERT_TRUE(by_model.has_value());
  ASSERT_NE(Find(*by_model, "category-I"), nullptr);  // cn-east and eu-south are category I
  EXPECT_EQ(Find(*by_model, "category-I")->cases, 7);
  auto by_environment = service_->Build(applicant_, "environment");
  ASSERT_TRUE(by_environment.has_value());
  ASSERT_EQ(by_environment->groups.size(), 1u);
  EXPECT_EQ(by_environment->groups[0].group, "unknown");
  EXPECT_EQ(service_->Build(applicant_, "colour").error().code(), ErrorCode::kInvalidArgument);
  // The atlas is built from public cases only: a visitor reads it too.
  EXPECT_TRUE(service_->Build(access::Principal{}, "region").has_value());
}

TEST_P(AtlasServiceTest, MacroCountsSuppressSmallCellsAndReleaseOnlySafeTotals) {
  // Five organizations report pitting in cn-east in 2024-Q2; only the plant reports crevice.
  std::vector<access::Principal> reporters = {owner_};
  for (int i = 0; i < 4; ++i) {
    const std::int64_t org = Org("reporter " + std::to_string(i), "cn-east", "electroplating");
    reporters.push_back(User("r" + std::to_string(i) + "@example.test",
                             "Reporter " + std::to_string(i), org, access::OrgRole::kAdmin, {}));
  }
  for (const auto& who : reporters) ASSERT_TRUE(cases_->Submit(who, 0, Input()).has_value());
  CaseInput crevice = Input();
  crevice.failure_mode = FailureMode::kCrevice;
  crevice.occurred_on = "2024-08-02";
  ASSERT_TRUE(cases_->Submit(owner_, 0, crevice).has_value());
  ASSERT_TRUE(cases_->Submit(owner_, 0, crevice).has_value());

  EXPECT_EQ(service_->CaseCounts(applicant_, "", "").error().code(), ErrorCode::kPermissionDenied);
  auto table = service_->CaseCounts(analyst_, "", "");
  ASSERT_TRUE(table.has_value()) << table.error().ToString();
  ASSERT_EQ(table->cells.size(), 2u);
  const MacroCell& crevice_cell = table->cells[1];
  EXPECT_EQ(crevice_cell.mechanism, "crevice_corrosion");
  EXPECT_TRUE(crevice_cell.suppressed);
  EXPECT_FALSE(crevice_cell.cases.has_value());
  const MacroCell& pitting = table->cells[0];
  EXPECT_EQ(pitting.mechanism, "anodic_breakdown");
  EXPECT_EQ(pitting.region, "cn-east");
  EXPECT_EQ(pitting.quarter, "2024-Q2");
  EXPECT_EQ(pitting.cases, 5);
  // The region total would be 7 with the suppressed cell; only the published 5 is released.
  for (const auto& t : table->totals) {
    if (t.dimension == "region" || t.dimension == "all") {
      EXPECT_EQ(t.published_cases, 5);
      EXPECT_EQ(t.suppressed_cells, 1);
    }
  }
  auto q3 = service_->CaseCounts(analyst_, "2024-Q3", "2024-Q4");
  ASSERT_TRUE(q3.has_value());
  ASSERT_EQ(q3->cells.size(), 1u);
  EXPECT_TRUE(q3->cells[0].suppressed);
  auto bad = service_->CaseCounts(analyst_, "2024", "2023-Q1");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields().size(), 1u);
  EXPECT_EQ(service_->CaseCounts(analyst_, "2024-Q3", "2024-Q1").error().code(),
            ErrorCode::kInvalidArgument);
}

TEST_P(AtlasServiceTest, PlantedIdentifiersNeverReachTheAtlas) {
  std::ifstream in(RUTILE_CASES_CORPUS);
  std::stringstream ss;
  ss << in.rdbuf();
  const json::value corpus = json::parse(ss.str());
  // The names are on the platform (the desensitizer's dictionary), as in the case service test.
  const auto& dict = corpus.at("dictionary").as_object();
  int n = 0;
  for (const auto& name : dict.at("organizations").as_array())
    if (name.as_string() != "Acme Titanium Heaters Ltd." &&
        name.as_string() != "苏州华瑞电镀有限公司")
      Org(std::string(name.as_string()), "cn-east", "electroplating");
  for (const auto& name : dict.at("people").as_array())
    if (name.as_string() != "王建国" && name.as_string() != "Carlos Mendes")
      User("u" + std::to_string(n++) + "@example.test", std::string(name.as_string()),
           applicant_org_, access::OrgRole::kMember, {});
  for (const auto& name : dict.at("parks").as_array())
    ASSERT_TRUE(world_->identity()
                    .CreatePark(std::string(name.as_string()), "cn-east", plant_)
                    .has_value());
  std::vector<std::string> planted;
  for (const auto& t : corpus.at("texts").as_array()) {
    for (const auto& p : t.at("planted").as_array()) planted.emplace_back(p.as_string());
    CaseInput c = Input();
    c.narrative = std::string(t.at("text").as_string());
    c.root_cause = c.narrative;  // the same text in five cases: a "shared lesson"
    c.corrective_actions = c.narrative;
    c.language = std::string(t.at("lang").as_string());
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(cases_->PublishSynthetic(c).has_value());
  }
  for (std::string_view by : AtlasDimensions()) {
    auto atlas = service_->Build(applicant_, by);
    ASSERT_TRUE(atlas.has_value());
    std::string all;
    for (const auto& g : atlas->groups) {
      all += g.group + "\n";
      for (const auto& l : g.root_causes) all += l.text + "\n";
      for (const auto& l : g.corrective_actions) all += l.text + "\n";
    }
    EXPECT_EQ(rutile::cases::testing::Leaks(all, planted), std::vector<std::string>{}) << by;
  }
}

INSTANTIATE_TEST_SUITE_P(Databases, AtlasServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::cases
