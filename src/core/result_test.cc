#include "rutile/core/result.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace rutile {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return InvalidArgument("odd", {{"x", "must be even"}});
  return x / 2;
}

Result<int> Quarter(int x) {
  RUTILE_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

Status CheckEven(int x) {
  RUTILE_TRY(Half(x));
  return Ok();
}

TEST(ResultTest, HoldsValueOrError) {
  auto ok = Half(8);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(*ok, 4);
  auto bad = Half(3);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(bad.error().fields().size(), 1u);
  EXPECT_EQ(bad.error().fields()[0].field, "x");
  EXPECT_EQ(bad.value_or(-1), -1);
}

TEST(ResultTest, PropagatesThroughMacros) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).has_value());  // 6/2 = 3 is odd
  EXPECT_TRUE(CheckEven(4).has_value());
  EXPECT_EQ(CheckEven(5).error().message(), "odd");
}

TEST(ResultTest, MoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r.has_value());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(ResultTest, ErrorToStringListsFields) {
  Error e = InvalidArgument("bad request", {{"a", "missing"}, {"b", "too long"}});
  EXPECT_EQ(e.ToString(), "invalid argument: bad request\n  a: missing\n  b: too long");
}

TEST(ResultTest, ValueOnErrorAborts) {
  Result<int> r = NotFound("nothing");
  EXPECT_DEATH((void)r.value(), "value\\(\\) on an error Result");
}

}  // namespace
}  // namespace rutile
