#include "rutile/equipment/label.h"

#include "dashboard_test_fixture.h"
#include "pdf_tools.h"

namespace rutile::equipment {
namespace {

TEST(LabelTest, QrPayloadIsTheItemPageOfTheWebApp) {
  EXPECT_EQ(ItemUrl("https://rutile.example", 42), "https://rutile.example/equipment/42");
  EXPECT_EQ(ItemUrl("https://rutile.example/app//", 7), "https://rutile.example/app/equipment/7");
  EXPECT_EQ(ItemCode(42), "EQ-000042");
  EXPECT_EQ(ItemCode(12345678), "EQ-12345678");
}

class LabelServiceTest : public ViewsTest {};

TEST_P(LabelServiceTest, LabelPdfCarriesNameAndCodeOnePagePerItem) {
  LabelOptions options;
  options.public_base_url = "https://rutile.example";
  LabelService labels(world_->db(), *equipment_, options);
  const Item tank = Create(owner_a_, org_a_, Heater("Tank 3 heater"));
  Create(owner_a_, org_a_, Heater("Rinse heater"));

  auto one = labels.ItemLabel(owner_a_, tank.id);
  ASSERT_TRUE(one.has_value()) << one.error().message();
  auto text = documents::testing::PdfToText(*one);
  ASSERT_TRUE(text.has_value());
  EXPECT_NE(text->find("Tank 3 heater"), std::string::npos) << *text;
  EXPECT_NE(text->find(ItemCode(tank.id)), std::string::npos) << *text;
  EXPECT_EQ(documents::testing::PdfPageCount(*one), 1);

  auto all = labels.OrgLabels(owner_a_, org_a_);
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(documents::testing::PdfPageCount(*all), 2);

  EXPECT_EQ(labels.ItemLabel(stranger_, tank.id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(labels.OrgLabels(stranger_, org_a_).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(labels.OrgLabels(owner_b_, org_b_).error().code(), ErrorCode::kFailedPrecondition);
}

INSTANTIATE_TEST_SUITE_P(Databases, LabelServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::equipment
