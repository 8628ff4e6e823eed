#include "rutile/engine/risk_matrix.h"

#include <gtest/gtest.h>

#include "rutile/engine/wire/engine_wire.h"

namespace rutile::engine {
namespace {

const RiskMatrixConfig& M() { return wire::DefaultKnowledge().risk_matrix; }

TEST(RiskMatrixTest, CategoriesFromBounds) {
  EXPECT_EQ(ProbabilityCategory(M(), 1e-6), 1);
  EXPECT_EQ(ProbabilityCategory(M(), 3.06e-5), 1);
  EXPECT_EQ(ProbabilityCategory(M(), 3.1e-5), 2);
  EXPECT_EQ(ProbabilityCategory(M(), 0.5), 5);
  EXPECT_EQ(ConsequenceCategoryByArea(M(), 5), "A");
  EXPECT_EQ(ConsequenceCategoryByArea(M(), 500), "D");
  EXPECT_EQ(ConsequenceCategoryByArea(M(), 5000), "E");
  EXPECT_EQ(ConsequenceCategoryByCost(M(), 2e5), "C");
}

TEST(RiskMatrixTest, DefaultBalancedMapping) {
  EXPECT_EQ(RiskLevel(M(), 1, "A").value(), "Low");
  EXPECT_EQ(RiskLevel(M(), 5, "A").value(), "Medium");
  EXPECT_EQ(RiskLevel(M(), 3, "D").value(), "Medium High");
  EXPECT_EQ(RiskLevel(M(), 5, "E").value(), "High");
  EXPECT_EQ(RiskLevel(M(), 1, "E").value(), "Medium High");
  EXPECT_FALSE(RiskLevel(M(), 6, "A").has_value());
  EXPECT_FALSE(RiskLevel(M(), 3, "F").has_value());
}

TEST(RiskMatrixTest, MappingIsConfiguration) {
  RiskMatrixConfig custom = M();
  custom.cells[0][0] = 3;  // an owner's stricter matrix
  EXPECT_EQ(RiskLevel(custom, 1, "A").value(), "High");
}

}  // namespace
}  // namespace rutile::engine
