#include "rutile/http/params.h"

#include <gtest/gtest.h>

namespace rutile::http {
namespace {

TEST(Params, ParseIntChecksFormAndRange) {
  EXPECT_EQ(*ParseInt("42", "limit", 1, 100), 42);
  for (const char* bad : {"", "abc", "4x", "-1", "101", " 5", "1e3", "99999999999999999999"}) {
    auto r = ParseInt(bad, "limit", 1, 100);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().fields().at(0).field, "limit");
    EXPECT_EQ(r.error().fields().at(0).message, "must be a whole number from 1 to 100");
    EXPECT_EQ(r.error().fields().at(0).code, "field.int_range");
    EXPECT_EQ(r.error().fields().at(0).params, (MessageParams{{"min", "1"}, {"max", "100"}}));
  }
}

TEST(Params, PathIdIsPositiveAndQueryIntFallsBack) {
  Request r;
  r.path_params["id"] = "7";
  EXPECT_EQ(*PathId(r, "id"), 7);
  r.path_params["id"] = "0";
  EXPECT_EQ(PathId(r, "id").error().fields().at(0).message, "must be a whole number of at least 1");
  EXPECT_EQ(PathId(r, "id").error().fields().at(0).code, "field.int_at_least");
  EXPECT_EQ(*QueryInt(r, "limit", 50, 1, 200), 50);
  r.query.emplace("limit", "500");
  EXPECT_FALSE(QueryInt(r, "limit", 50, 1, 200).has_value());
}

}  // namespace
}  // namespace rutile::http
