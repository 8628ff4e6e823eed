#include "rutile/cases/anonymity.h"

#include <gtest/gtest.h>

namespace rutile::cases {
namespace {

TEST(GeneralizationTest, DatesToQuarters) {
  EXPECT_EQ(QuarterOf("2024-05-17"), "2024-Q2");
  EXPECT_EQ(QuarterOf("2024-12-31"), "2024-Q4");
  EXPECT_EQ(QuarterOf("2024-01-01"), "2024-Q1");
  EXPECT_EQ(QuarterOf("2024-13-01"), "");
  EXPECT_EQ(QuarterOf("May 2024"), "");
  EXPECT_EQ(YearOf("2021-07-02"), "2021");
}

TEST(GeneralizationTest, Bands) {
  EXPECT_EQ(HeadcountBand(5), "1-19");
  EXPECT_EQ(HeadcountBand(20), "20-99");
  EXPECT_EQ(HeadcountBand(999), "300-999");
  EXPECT_EQ(HeadcountBand(1000), "1000+");
  EXPECT_EQ(CapacityRange(0.4), "<1");
  EXPECT_EQ(CapacityRange(12), "5-20");
  EXPECT_EQ(CapacityRange(150), "100+");
  EXPECT_EQ(ServiceTimeBand(11), "<1y");
  EXPECT_EQ(ServiceTimeBand(40), "3-5y");
  EXPECT_EQ(ServiceTimeBand(130), "10y+");
  EXPECT_DOUBLE_EQ(RoundTo(83, 5), 85);
  EXPECT_DOUBLE_EQ(RoundTo(2.3, 0.5), 2.5);
  EXPECT_EQ(ParentRegion("cn-east"), "cn");
}

TEST(KAnonymityTest, KeepsDetailWhenTheCrowdIsLargeEnough) {
  std::vector<QuasiIdentifiers> population(6, {"cn-east", "electroplating", "small"});
  auto g = GeneralizeForK({"cn-east", "electroplating", "small"}, population, 5);
  EXPECT_EQ(g.level, 0);
  EXPECT_EQ(g.class_size, 6u);
  EXPECT_EQ(g.published.scale, "small");
}

TEST(KAnonymityTest, GeneralizesStepByStep) {
  std::vector<QuasiIdentifiers> population;
  population.push_back({"cn-east", "electroplating", "large"});  // the source
  for (int i = 0; i < 2; ++i) population.push_back({"cn-east", "electroplating", "small"});
  for (int i = 0; i < 2; ++i) population.push_back({"cn-west", "electroplating", "medium"});
  for (int i = 0; i < 3; ++i) population.push_back({"eu-south", "electroplating", "small"});
  const QuasiIdentifiers source{"cn-east", "electroplating", "large"};
  auto g = GeneralizeForK(source, population, 3);
  EXPECT_EQ(g.level, 1);  // three electroplaters in cn-east
  EXPECT_EQ(g.published, (QuasiIdentifiers{"cn-east", "electroplating", ""}));
  g = GeneralizeForK(source, population, 5);
  EXPECT_EQ(g.level, 2);  // five in cn-*
  EXPECT_EQ(g.published.region, "cn");
  g = GeneralizeForK(source, population, 8);
  EXPECT_EQ(g.level, 3);
  g = GeneralizeForK(source, population, 9);
  EXPECT_EQ(g.level, 4);  // fewer than 9 organizations at all: suppress everything
  EXPECT_EQ(g.published, (QuasiIdentifiers{"", "", ""}));
}

TEST(KAnonymityTest, SmallClassesAreListed) {
  std::vector<std::vector<std::string>> rows = {
      {"a", "x"}, {"a", "x"}, {"a", "y"}, {"b", "x"}, {"a", "x"}};
  EXPECT_EQ(SmallClasses(rows, 3), (std::vector<std::size_t>{2, 3}));
  EXPECT_TRUE(SmallClasses(rows, 1).empty());
}

}  // namespace
}  // namespace rutile::cases
