#include "rutile/equipment/regional_report.h"

#include "dashboard_test_fixture.h"

namespace rutile::equipment {
namespace {

using access::DataLevel;

// Rows {a, b, a+b} over a 2x2 table with margins; index = row * 3 + column.
std::vector<std::vector<std::size_t>> Lines3x3() {
  return {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {0, 3, 6}, {1, 4, 7}, {2, 5, 8}};
}

TEST(SuppressCellsTest, LargeCellsStayPublished) {
  auto hidden = SuppressCells({10, 20, 30, 5, 6, 11, 15, 26, 41}, Lines3x3(), 5);
  for (bool h : hidden) EXPECT_FALSE(h);
}

TEST(SuppressCellsTest, ASmallCellTakesOthersWithItSoMarginsDoNotRevealIt) {
  //  10  2 | 12
  //   8  9 | 17
  //  18 11 | 29
  auto hidden = SuppressCells({10, 2, 12, 8, 9, 17, 18, 11, 29}, Lines3x3(), 5);
  EXPECT_TRUE(hidden[1]);
  // Every line holds zero or at least two suppressed cells.
  for (const auto& line : Lines3x3()) {
    int n = 0;
    for (auto i : line) n += hidden[i];
    EXPECT_NE(n, 1);
  }
  EXPECT_FALSE(hidden[8]);  // the grand total is not needed here
}

TEST(SuppressCellsTest, ZeroCellsAreNotSensitiveButForcedCellsAre) {
  auto hidden = SuppressCells({0, 7, 7, 6, 6, 12, 6, 13, 19}, Lines3x3(), 5);
  for (bool h : hidden) EXPECT_FALSE(h);
  auto forced = SuppressCells({0, 7, 7, 6, 6, 12, 6, 13, 19}, Lines3x3(), 5,
                              {false, false, false, false, true});
  EXPECT_TRUE(forced[4]);
  for (const auto& line : Lines3x3()) {
    int n = 0;
    for (auto i : line) n += forced[i];
    EXPECT_NE(n, 1);
  }
}

class RegionalReportTest : public ViewsTest {
 protected:
  ViewsOptions Options() const override {
    ViewsOptions o;
    o.min_cell_size = 3;
    return o;
  }
};

TEST_P(RegionalReportTest, CountsByRegionAndIndustryWithSmallGroupsSuppressed) {
  for (int i = 0; i < 4; ++i) Create(owner_a_, org_a_, Heater("A " + std::to_string(i)));
  Create(owner_b_, org_b_, Heater("B private", DataLevel::kPrivate));
  Create(stranger_, other_org_, Heater("West 1", DataLevel::kPrivate));  // cn-west: a group of one

  auto report = views_->GetRegionalReport(regulator_, {});
  ASSERT_TRUE(report.has_value()) << report.error().message();
  EXPECT_EQ(report->min_cell_size, 3);
  ASSERT_EQ(report->rows.size(), 2u);
  EXPECT_EQ(report->rows[0].region, "cn-east");
  EXPECT_EQ(report->rows[0].industry, "electroplating");
  EXPECT_EQ(report->rows[1].region, "cn-west");
  // The single cn-west item is hidden, and so is a complement: the published total cannot be
  // used to get it back.
  EXPECT_FALSE(report->rows[1].items.has_value());
  EXPECT_FALSE(report->rows[0].items.has_value() && report->total.items.has_value());
  EXPECT_GT(report->suppressed_cells, 0);

  auto east = views_->GetRegionalReport(regulator_, {"cn-east", "electroplating"});
  ASSERT_TRUE(east.has_value());
  ASSERT_EQ(east->rows.size(), 1u);
  EXPECT_EQ(east->rows[0].items, Cell(5));
  EXPECT_EQ(east->total.items, Cell(5));
  EXPECT_EQ(east->rows[0].overdue_inspections, Cell(0));

  EXPECT_EQ(views_->GetRegionalReport(owner_a_, {}).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(views_->GetRegionalReport(manager_, {}).error().code(), ErrorCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Databases, RegionalReportTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::equipment
