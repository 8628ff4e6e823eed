#include "rutile/cases/text_index.h"

#include <gtest/gtest.h>

#include "rutile/cases/vocabulary.h"

namespace rutile::cases {
namespace {

using Terms = std::vector<std::string>;

TEST(IndexTermsTest, ChineseBecomesBigrams) {
  EXPECT_EQ(IndexTerms("缝隙腐蚀"), (Terms{"缝隙", "隙腐", "腐蚀"}));
  EXPECT_EQ(IndexTerms("钛"), (Terms{"钛"}));
  // Mixed scripts split at the boundary; numbers stay as words.
  EXPECT_EQ(IndexTerms("Gr.2钛管80℃"), (Terms{"gr", "钛管", "80"}));
}

TEST(IndexTermsTest, LatinIsFoldedAndStopWordsDropped) {
  EXPECT_EQ(IndexTerms("Corrosión por HENDIDURA"), (Terms{"corrosion", "hendidura"}));
  EXPECT_EQ(IndexTerms("attaque par les fluorures"), (Terms{"attaque", "fluorures"}));
  EXPECT_EQ(IndexTerms("hidretação no aço"), (Terms{"hidretacao", "aco"}));
}

TEST(IndexTermsTest, ArabicIsNormalized) {
  // Hamza on alef folded, article stripped, harakat ignored: both spellings meet.
  EXPECT_EQ(IndexTerms("تآكل"), IndexTerms("تاكل"));
  EXPECT_EQ(IndexTerms("الأنابيب"), IndexTerms("انابيب"));
  EXPECT_EQ(IndexTerms("تَآكُل"), IndexTerms("تاكل"));
}

TEST(IndexTermsTest, PlaceholdersAreNotIndexed) {
  EXPECT_EQ(IndexTerms("[ORG-1] heater [PHONE-12]"), (Terms{"heater"}));
}

PublicCase Candidate() {
  PublicCase c;
  c.failure_mode = FailureMode::kCrevice;
  c.mechanism_ids = {"crevice_corrosion"};
  c.material = "ti_cp";
  c.grade = "Gr.2";
  c.medium = "acidified brine";
  c.components = {{"sodium_chloride", 300}};
  c.temperature_c = 90;
  c.ph = 3;
  c.chloride_mg_per_l = 180000;
  c.fluoride_mg_per_l = 0;
  return c;
}

TEST(SimilarityTest, IdenticalDescriptionScoresOne) {
  SimilarityProbe p;
  p.failure_mode = FailureMode::kCrevice;
  p.mechanism_ids = {"crevice_corrosion"};
  p.material = "ti_cp";
  p.grade = "gr2";
  p.medium = "Acidified brine";
  p.components = {{"sodium_chloride", 250}};
  p.temperature_c = 90;
  p.ph = 3;
  p.chloride_mg_per_l = 180000;
  p.fluoride_mg_per_l = 0;
  const auto r = ScoreSimilarity(p, Candidate());
  EXPECT_NEAR(r.score, 1.0, 1e-12);
  // mechanism, material, chemistry, bath family (both brine), temperature, environment.
  ASSERT_EQ(r.matched.size(), 6u);
  EXPECT_EQ(r.matched[0].aspect, "mechanism");
  EXPECT_EQ(r.matched[1].detail, "Gr.2");
  EXPECT_EQ(r.matched[2].aspect, "chemistry");
  EXPECT_EQ(r.matched[3].aspect, "bath_family");
  EXPECT_EQ(r.matched[3].detail, "seawater_brine");
}

TEST(SimilarityTest, OnlyGivenAspectsCount) {
  SimilarityProbe p;
  p.temperature_c = 70;  // 20 °C away: half the temperature score
  const auto r = ScoreSimilarity(p, Candidate());
  EXPECT_NEAR(r.score, 0.5, 1e-12);
  ASSERT_EQ(r.matched.size(), 1u);
  EXPECT_EQ(r.matched[0].detail, "Δ 20 °C");
}

TEST(SimilarityTest, DifferentMechanismAndFluorideLowerTheScore) {
  SimilarityProbe p;
  p.failure_mode = FailureMode::kFluorideAttack;
  p.material = "ti_cp";
  p.fluoride_mg_per_l = 500;
  const auto r = ScoreSimilarity(p, Candidate());
  // Mechanism 0, material 0.8, environment 0, with the weights of the data file.
  const SimilarityWeights& w = CaseSimilarityWeights();
  EXPECT_NEAR(r.score, w.material * 0.8 / (w.mechanism + w.material + w.environment), 1e-9);
}

}  // namespace
}  // namespace rutile::cases
