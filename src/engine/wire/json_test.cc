#include "rutile/engine/wire/json.h"

#include <gtest/gtest.h>

#include <string>

#include "rutile/engine/number_format.h"

namespace rutile::engine::wire {
namespace {

TEST(JsonTest, ParsesAllTypesAndKeepsOrder) {
  auto v = ParseJson(R"( {"b": [1, -2.5e2, true, false, null], "a": {"x": "y"}} )");
  ASSERT_TRUE(v.has_value()) << v.error().ToString();
  ASSERT_EQ(v->members().size(), 2u);
  EXPECT_EQ(v->members()[0].first, "b");
  const auto& arr = v->Find("b")->items();
  EXPECT_EQ(arr[0].as_number(), 1);
  EXPECT_EQ(arr[1].as_number(), -250);
  EXPECT_TRUE(arr[2].as_bool());
  EXPECT_TRUE(arr[4].is_null());
  EXPECT_EQ(v->Find("a")->Find("x")->as_string(), "y");
}

TEST(JsonTest, Numbers) {
  auto n = [](std::string_view s) { return ParseJson(s).value().as_number(); };
  EXPECT_EQ(n("0"), 0);
  EXPECT_EQ(n("0.1"), 0.1);
  EXPECT_EQ(n("1e-7"), 1e-7);
  EXPECT_EQ(n("123456789012"), 123456789012.0);
  EXPECT_EQ(n("-0.000001"), -0.000001);
  EXPECT_NEAR(n("1.7976931348623157e308") / 1.7976931348623157e308, 1.0, 1e-15);
  EXPECT_NEAR(n("12345678901234567890123"), 1.2345678901234568e22, 1e8);
  EXPECT_EQ(n("1e-400"), 0);
  EXPECT_EQ(n("123456789012345678901234567890e-99999"), 0);
  EXPECT_EQ(n("0e99999"), 0);
  for (const char* bad : {"01", "1.", ".5", "-", "1e", "+1", "1e999", "NaN", "0x10",
                          "123456789012345678901234567890e99999"}) {
    EXPECT_FALSE(ParseJson(bad).has_value()) << bad;
  }
}

TEST(JsonTest, StringsEscapesAndUtf8) {
  auto v = ParseJson(R"("a\"b\\c\/d\n\t\u00e9\u6c34\ud83d\ude00")");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->as_string(), "a\"b\\c/d\n\té水😀");
  EXPECT_TRUE(ParseJson("\"盐酸\"").has_value());
  for (const char* bad : {"\"\\ud83d\"", "\"\\x\"", "\"abc", "\"\x01\"", "\"\xff\"", "\"\xc0\xaf\"",
                          "\"\xed\xa0\x80\"", "\"\\u12\""}) {
    EXPECT_FALSE(ParseJson(bad).has_value()) << bad;
  }
  std::string out;
  AppendJsonString(out, "q\"\\\n\x01水");
  EXPECT_EQ(out, "\"q\\\"\\\\\\n\\u0001水\"");
}

// The 8-byte fast path must find an escapable byte at every offset.
TEST(JsonTest, EscapesAtEveryOffset) {
  for (std::size_t pos = 0; pos < 24; ++pos) {
    for (char c : {'"', '\\', '\x01', '\x1f', '\n'}) {
      std::string text(24, 'a');
      text[pos] = c;
      text += "\xe6\xb0\xb4";  // UTF-8 bytes >= 0x80 pass through
      std::string out;
      AppendJsonString(out, text);
      auto back = ParseJson(out);
      ASSERT_TRUE(back.has_value()) << out;
      EXPECT_EQ(back->as_string(), text) << pos;
    }
  }
}

TEST(JsonTest, StructuralErrors) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[1 2]", "nul",
                          "{\"a\":1}x", "{\"a\":1,\"a\":2}", "tru", "]"}) {
    auto r = ParseJson(bad);
    EXPECT_FALSE(r.has_value()) << bad;
    if (!r.has_value()) {
      EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    }
  }
  auto r = ParseJson("{\n  \"a\": ?}");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message().find("line 2"), std::string::npos);
}

TEST(JsonTest, DepthLimit) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_FALSE(ParseJson(deep).has_value());
  EXPECT_TRUE(ParseJson(deep, 200).has_value());
  std::string ok(64, '[');
  ok += std::string(64, ']');
  EXPECT_TRUE(ParseJson(ok).has_value());
}

// Garbage never crashes: every prefix and every single-byte mutation of a valid document.
TEST(JsonTest, GarbageNeverCrashes) {
  const std::string doc =
      R"({"material":"Ti-Gr2","medium":{"components":[{"species":"HCl","wt_pct":1.5e0}],)"
      R"("temperature_c":-20,"ok":[true,false,null,"\u00e9"]}})";
  for (std::size_t i = 0; i <= doc.size(); ++i) (void)ParseJson(doc.substr(0, i));
  for (std::size_t i = 0; i < doc.size(); ++i) {
    for (int b : std::initializer_list<int>{0, '"', '\\', '{', ']', 0x80, 0xff, '9'}) {
      std::string m = doc;
      m[i] = static_cast<char>(b);
      (void)ParseJson(m);
    }
  }
  SUCCEED();
}

TEST(JsonTest, WriterAndNumberFormat) {
  JsonWriter w;
  w.BeginObject().Key("a").Number(0.1).Key("b").BeginArray().Int(-3).Bool(true).Null().EndArray();
  w.Key("c").String("x").EndObject();
  EXPECT_EQ(w.str(), R"({"a":0.1,"b":[-3,true,null],"c":"x"})");
  EXPECT_EQ(FormatNumber(0.6217112857992437), "0.621711");
  EXPECT_EQ(FormatNumber(2.5), "2.5");
  EXPECT_EQ(FormatNumber(-0.0000001), "0");
  EXPECT_EQ(FormatNumber(1e9 + 0.4), "1000000000");
  EXPECT_EQ(FormatNumber(1.5e20), "1.5e20");
  EXPECT_EQ(FormatNumber(1.0 / 0.0), "null");
  auto round_trip = ParseJson(R"({"k":[1,"s",{"n":null}]})").value();
  EXPECT_EQ(SerializeJson(round_trip), R"({"k":[1,"s",{"n":null}]})");
}

}  // namespace
}  // namespace rutile::engine::wire
