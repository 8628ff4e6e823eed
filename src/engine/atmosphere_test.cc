#include "rutile/engine/atmosphere.h"

#include <gtest/gtest.h>

#include "rutile/engine/wire/engine_wire.h"

namespace rutile::engine {
namespace {

const AtmosphereModel& Model() { return wire::DefaultKnowledge().atmosphere; }

const AtmosphereMetal& Metal(std::string_view id) {
  for (const auto& m : Model().metals) {
    if (m.id == id) return m;
  }
  ADD_FAILURE() << "no metal " << id;
  return Model().metals.front();
}

// Reference value from Schnichols/Global-Corrosion-Analysis- tests/test_corrosion_model.py.
TEST(AtmosphereTest, ZincMatchesPublishedRegressionValue) {
  AtmosphereInput in{15, 70, 4, 3, std::nullopt};
  EXPECT_NEAR(DoseResponseRate(Metal("zinc"), in), 0.6217112857992437, 1e-12);
}

// Steel: ISO 9223 eq. 1 evaluated independently (warm branch of f_St).
TEST(AtmosphereTest, CarbonSteelWarmBranch) {
  AtmosphereInput in{15, 70, 4, 3, std::nullopt};
  EXPECT_NEAR(DoseResponseRate(Metal("carbon_steel"), in), 14.96680290177236, 1e-9);
}

// Cold branch of f_St (T <= 10 °C) lands on the C3/C4 boundary (50 µm/a).
TEST(AtmosphereTest, CarbonSteelColdBranchAndCategory) {
  AtmosphereInput in{5, 80, 20, 100, std::nullopt};
  const double r = DoseResponseRate(Metal("carbon_steel"), in);
  EXPECT_NEAR(r, 50.002092713694886, 1e-9);
  EXPECT_EQ(CorrosivityCategory(Model(), Metal("carbon_steel"), r), "C4");
  EXPECT_EQ(CorrosivityCategory(Model(), Metal("carbon_steel"), 50.0), "C3");  // inclusive bound
  EXPECT_EQ(CorrosivityCategory(Model(), Metal("carbon_steel"), 1.3), "C1");
  EXPECT_EQ(CorrosivityCategory(Model(), Metal("carbon_steel"), 1000), "CX");
}

TEST(AtmosphereTest, ZincCategoryBounds) {
  EXPECT_EQ(CorrosivityCategory(Model(), Metal("zinc"), 0.1), "C1");
  EXPECT_EQ(CorrosivityCategory(Model(), Metal("zinc"), 0.62), "C2");
  EXPECT_EQ(CorrosivityCategory(Model(), Metal("zinc"), 2.2), "C4");
  EXPECT_EQ(CorrosivityCategory(Model(), Metal("zinc"), 9), "CX");
}

// ISO 9224 check value from the same test suite: zinc r = 1, t = 30 a, b = 0.813.
TEST(AtmosphereTest, Iso9224LongTerm) {
  EXPECT_NEAR(LongTermLoss(1.0, 0.813, 30, 20), 16.06486657718427, 1e-12);
  EXPECT_NEAR(LongTermLoss(2.0, 0.5, 16, 20), 8.0, 1e-12);
}

TEST(AtmosphereTest, WarnsOutsideValidityAndRejectsNonsense) {
  auto ok = AssessAtmosphere(Model(), {35, 95, 0.1, 1000, 25.0});
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->metals.size(), 4u);
  EXPECT_GE(ok->warnings.size(), 5u);  // T, RH, Pd, Sd + the estimation note
  ASSERT_TRUE(ok->metals[0].long_term_loss.has_value());
  EXPECT_GT(*ok->metals[0].long_term_loss_upper, *ok->metals[0].long_term_loss);

  auto bad = AssessAtmosphere(Model(), {15, 120, -1, 3, std::nullopt});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().fields().size(), 2u);
}

}  // namespace
}  // namespace rutile::engine
