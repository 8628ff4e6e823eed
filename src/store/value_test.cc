#include "rutile/store/value.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace rutile::store {
namespace {

TEST(RowTest, NativeCellsReadBack) {
  Row row({Null{}, std::int64_t{-7}, 2.5, std::string("钛"), Blob{std::string("a\0b", 3)}});
  EXPECT_EQ(row.size(), 5u);
  EXPECT_TRUE(row.IsNull(0));
  EXPECT_FALSE(row.IsNull(1));
  EXPECT_EQ(row.Int(1), -7);
  EXPECT_DOUBLE_EQ(row.Real(2), 2.5);
  EXPECT_EQ(row.Text(3), "钛");
  EXPECT_EQ(row.Bytes(4), std::string("a\0b", 3));
  EXPECT_EQ(row.OptInt(0), std::nullopt);
  EXPECT_EQ(row.OptInt(1), -7);
  EXPECT_EQ(row.OptText(0), std::nullopt);
  EXPECT_EQ(row.OptText(3), "钛");
}

TEST(RowTest, PostgresTextConvertsToNumbers) {
  Row row({std::string("9223372036854775807"), std::string("-9223372036854775808"),
           std::string("3.25"), std::string("42.000"), std::string("Infinity"),
           std::string("NaN")});
  EXPECT_EQ(row.Int(0), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(row.Int(1), std::numeric_limits<std::int64_t>::min());
  EXPECT_DOUBLE_EQ(row.Real(2), 3.25);
  EXPECT_EQ(row.Int(3), 42);  // NUMERIC aggregate
  EXPECT_TRUE(std::isinf(row.Real(4)));
  EXPECT_TRUE(std::isnan(row.Real(5)));
}

TEST(RowTest, NumbersConvertToText) {
  Row row({std::int64_t{12}, 0.5, 1.0});
  EXPECT_EQ(row.Text(0), "12");
  EXPECT_EQ(row.Text(1), "0.5");
  EXPECT_EQ(row.Real(0), 12.0);
  EXPECT_EQ(row.Int(2), 1);
}

TEST(RowTest, ByteaHexDecodes) {
  Row row({std::string("\\x00ff41"), std::string("\\x"), std::string("plain")});
  EXPECT_EQ(row.Bytes(0), std::string("\0\xff"
                                      "A",
                                      3));
  EXPECT_EQ(row.Bytes(1), "");
  EXPECT_EQ(row.Bytes(2), "plain");
}

TEST(RowTest, DecodeByteaHexRejectsMalformed) {
  EXPECT_EQ(DecodeByteaHex("\\x0"), std::nullopt);
  EXPECT_EQ(DecodeByteaHex("\\xzz"), std::nullopt);
  EXPECT_EQ(DecodeByteaHex("00"), std::nullopt);
  EXPECT_EQ(DecodeByteaHex("\\xABcd"), std::string("\xab\xcd"));
}

TEST(RowDeathTest, OutOfRangeAndWrongTypeStop) {
  Row row({Null{}, std::string("abc")});
  EXPECT_DEATH((void)row.at(2), "out of range");
  EXPECT_DEATH((void)row.Int(0), "NULL");
  EXPECT_DEATH((void)row.Int(1), "not an integer");
}

}  // namespace
}  // namespace rutile::store
