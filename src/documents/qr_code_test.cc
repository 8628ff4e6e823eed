#include "rutile/documents/qr_code.h"

#include <gtest/gtest.h>

#include <string>

namespace rutile::documents {
namespace {

TEST(QrCodeTest, ShortPayloadIsVersionOneWithFinderPatterns) {
  auto matrix = EncodeQr("https://rutile.example/v/1");
  ASSERT_TRUE(matrix.has_value()) << matrix.error().ToString();
  EXPECT_EQ(matrix->size % 4, 1);  // 21, 25, 29, ... modules
  int n = matrix->size;
  // The three 7x7 finder patterns: dark outer ring, light ring, dark 3x3 centre.
  for (auto [ox, oy] : {std::pair{0, 0}, std::pair{n - 7, 0}, std::pair{0, n - 7}}) {
    for (int i = 0; i < 7; ++i) {
      EXPECT_TRUE(matrix->At(ox + i, oy));
      EXPECT_TRUE(matrix->At(ox + i, oy + 6));
      EXPECT_TRUE(matrix->At(ox, oy + i));
      EXPECT_TRUE(matrix->At(ox + 6, oy + i));
    }
    EXPECT_FALSE(matrix->At(ox + 1, oy + 1));
    EXPECT_TRUE(matrix->At(ox + 3, oy + 3));
  }
}

TEST(QrCodeTest, RectanglesCoverExactlyTheDarkModules) {
  auto matrix = EncodeQr("certificate 2026-000123 issued to 钛设备有限公司");
  ASSERT_TRUE(matrix.has_value());
  std::vector<bool> painted(matrix->dark.size(), false);
  for (const QrRect& r : QrRectangles(*matrix)) {
    EXPECT_EQ(r.height, 1);
    for (int x = r.x; x < r.x + r.width; ++x) {
      size_t at = static_cast<size_t>(r.y) * matrix->size + x;
      EXPECT_FALSE(painted[at]) << "overlap at " << x << "," << r.y;
      painted[at] = true;
    }
  }
  EXPECT_EQ(painted, matrix->dark);
}

TEST(QrCodeTest, RunsAreMerged) {
  QrMatrix m{3, {true, true, false, false, false, false, true, true, true}};
  EXPECT_EQ(QrRectangles(m), (std::vector<QrRect>{{0, 0, 2, 1}, {0, 2, 3, 1}}));
}

TEST(QrCodeTest, EmptyAndOversizedPayloadsAreRejected) {
  auto empty = EncodeQr("");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code(), ErrorCode::kInvalidArgument);
  auto huge = EncodeQr(std::string(5000, 'x'));
  ASSERT_FALSE(huge.has_value());
  EXPECT_EQ(huge.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(huge.error().fields().size(), 1u);
  EXPECT_EQ(huge.error().fields()[0].field, "qr.payload");
}

}  // namespace
}  // namespace rutile::documents
