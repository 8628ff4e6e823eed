#include "rutile/identity/regions.h"

#include <gtest/gtest.h>

namespace rutile::identity {
namespace {

TEST(RegionsTest, EmbeddedCatalogLoads) {
  const RegionCatalog& c = RegionCatalog::Default();
  ASSERT_GE(c.regions().size(), 2u);
  const Region* east = c.FindRegion("cn-east");
  ASSERT_NE(east, nullptr);
  EXPECT_EQ(east->category, "I");
  EXPECT_EQ(east->names.at("zh"), "华东");
  EXPECT_TRUE(c.HasIndustry("electroplating"));
  EXPECT_FALSE(c.HasIndustry("bakery"));
  EXPECT_EQ(c.FindRegion("atlantis"), nullptr);
}

// China 2011 industrial classification: both floors must be met for a class.
TEST(RegionsTest, FloorsNeedBothHeadcountAndRevenue) {
  const auto& t = RegionCatalog::Default().FindRegion("cn-east")->thresholds;
  EXPECT_EQ(ClassifyScale(t, 5, 1'000'000), ScaleClass::kMicro);
  EXPECT_EQ(ClassifyScale(t, 19, 50'000'000), ScaleClass::kMicro);  // headcount below 20
  EXPECT_EQ(ClassifyScale(t, 20, 3'000'000), ScaleClass::kSmall);   // both floors exactly
  EXPECT_EQ(ClassifyScale(t, 299, 30'000'000), ScaleClass::kSmall);
  EXPECT_EQ(ClassifyScale(t, 300, 20'000'000), ScaleClass::kMedium);
  EXPECT_EQ(ClassifyScale(t, 1000, 399'999'999), ScaleClass::kMedium);
  EXPECT_EQ(ClassifyScale(t, 1000, 400'000'000), ScaleClass::kLarge);
}

// EU Recommendation 2003/361/EC: a class needs both at or under its ceilings.
TEST(RegionsTest, CeilingsNeedBothUnder) {
  const auto& t = RegionCatalog::Default().FindRegion("eu-south")->thresholds;
  EXPECT_EQ(ClassifyScale(t, 9, 2'000'000), ScaleClass::kMicro);
  EXPECT_EQ(ClassifyScale(t, 9, 2'000'001), ScaleClass::kSmall);
  EXPECT_EQ(ClassifyScale(t, 49, 10'000'000), ScaleClass::kSmall);
  EXPECT_EQ(ClassifyScale(t, 50, 1'000'000), ScaleClass::kMedium);
  EXPECT_EQ(ClassifyScale(t, 249, 50'000'000), ScaleClass::kMedium);
  EXPECT_EQ(ClassifyScale(t, 250, 1'000'000), ScaleClass::kLarge);
}

TEST(RegionsTest, MalformedCatalogIsAnError) {
  EXPECT_FALSE(RegionCatalog::Parse("{").has_value());
  EXPECT_FALSE(RegionCatalog::Parse(R"({"threshold_sets": {}, "regions": [
      {"code": "x", "name": {}, "category": "IV", "threshold_set": "y"}], "industries": []})")
                   .has_value());
  auto missing_set = RegionCatalog::Parse(R"({"threshold_sets": {}, "regions": [
      {"code": "x", "name": {}, "category": "I", "threshold_set": "nope"}], "industries": []})");
  ASSERT_FALSE(missing_set.has_value());
  EXPECT_NE(missing_set.error().message().find("unknown threshold set"), std::string::npos);
}

}  // namespace
}  // namespace rutile::identity
