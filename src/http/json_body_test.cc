#include "rutile/http/json_body.h"

#include <gtest/gtest.h>

#include <map>

namespace rutile::http {
namespace {

Request JsonRequest(std::string body, std::string type = "application/json") {
  Request r;
  r.method = "POST";
  if (!type.empty()) r.headers["content-type"] = type;
  r.body = std::move(body);
  return r;
}

JsonFields MustParse(std::string body) {
  auto f = JsonFields::Parse(JsonRequest(std::move(body)));
  EXPECT_TRUE(f.has_value()) << (f.has_value() ? "" : f.error().ToString());
  return std::move(f).value();
}

TEST(JsonFieldsParse, ContentType) {
  EXPECT_FALSE(JsonFields::Parse(JsonRequest("{}", "")).has_value());
  EXPECT_FALSE(JsonFields::Parse(JsonRequest("{}", "text/plain")).has_value());
  EXPECT_FALSE(
      JsonFields::Parse(JsonRequest("{}", "application/json; charset=latin1")).has_value());
  EXPECT_FALSE(JsonFields::Parse(JsonRequest("{}", "application/jsonx")).has_value());
  EXPECT_TRUE(JsonFields::Parse(JsonRequest("{}", "application/json")).has_value());
  EXPECT_TRUE(JsonFields::Parse(JsonRequest("{}", "Application/JSON; Charset=UTF-8")).has_value());
  EXPECT_TRUE(JsonFields::Parse(JsonRequest("{}", "application/merge-patch+json")).has_value());
  auto e = JsonFields::Parse(JsonRequest("{}", "text/xml"));
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(e.error().fields().empty());
  EXPECT_NE(e.error().message().find("content type"), std::string::npos);
  EXPECT_EQ(e.error().message_code(), "problem.bad_body");
}

// Every check of the reader names the code of the text a person reads, with its parameters.
TEST(JsonFields, ErrorsCarryTheirMessageCodes) {
  auto f = MustParse(R"({"name":7,"title":"abcdef","n":2.5,"k":50,"x":"7","b":1,"extra":0})");
  f.String("name", true);
  f.String("title", true, 3);
  f.String("missing", true);
  f.Int("n", true);
  f.Int("k", true, 1, 10);
  f.Number("x", true);
  f.Bool("b", true);
  ASSERT_FALSE(f.Finish().has_value());
  std::map<std::string, FieldError> by_field;
  for (const auto& e : f.errors()) by_field[e.field] = e;
  EXPECT_EQ(by_field["name"].code, "field.invalid");
  EXPECT_EQ(by_field["title"].code, "field.too_long");
  EXPECT_EQ(by_field["title"].params, (MessageParams{{"max", "3"}}));
  EXPECT_EQ(by_field["missing"].code, "field.required");
  EXPECT_EQ(by_field["n"].code, "field.not_integer");
  EXPECT_EQ(by_field["k"].code, "field.out_of_range");
  EXPECT_EQ(by_field["k"].params, (MessageParams{{"min", "1"}, {"max", "10"}}));
  EXPECT_EQ(by_field["x"].code, "field.not_a_number");
  EXPECT_EQ(by_field["b"].code, "field.invalid");
  EXPECT_EQ(by_field["extra"].code, "field.unknown");
  EXPECT_EQ(JsonFields::Parse(JsonRequest("[1]")).error().message_code(), "problem.bad_body");
}

TEST(JsonFieldsParse, RejectsBadBodies) {
  for (std::string body :
       {std::string(""), std::string("{"), std::string("[1]"), std::string("3"),
        std::string("\"s\""), std::string("{\"a\":1,}"), std::string("{/*c*/}"),
        std::string("{} {}"), std::string("{\"a\":\"\xff\"}"), std::string("{\"a\":\"\xc3\"}"),
        std::string(100, '[') + std::string(100, ']')}) {
    auto f = JsonFields::Parse(JsonRequest(body));
    EXPECT_FALSE(f.has_value()) << body;
    if (!f.has_value()) {
      EXPECT_EQ(f.error().code(), ErrorCode::kInvalidArgument);
    }
  }
}

TEST(JsonFieldsParse, RejectsRepeatedMembers) {
  for (std::string body : {R"({"role":"user","role":"admin"})", R"({"a":{"x":1,"x":2}})",
                           R"({"":1,"":2})", R"({"a":[{"k":1},{"k":2,"k":3}]})"}) {
    auto f = JsonFields::Parse(JsonRequest(body));
    EXPECT_FALSE(f.has_value()) << body;
  }
  auto e = JsonFields::Parse(JsonRequest(R"({"role":"user","role":"admin"})"));
  ASSERT_FALSE(e.has_value());
  EXPECT_NE(e.error().message().find("\"role\""), std::string::npos);
  // The same name in sibling objects is fine.
  EXPECT_TRUE(
      JsonFields::Parse(JsonRequest(R"({"a":{"k":1},"b":{"k":2},"k":[{"k":3}]})")).has_value());
}

TEST(JsonFieldsParse, RejectsDeepNesting) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "{\"a\":";
  deep += "1";
  deep += std::string(100, '}');
  EXPECT_FALSE(JsonFields::Parse(JsonRequest(deep)).has_value());
}

TEST(JsonFields, TypedGettersAndFinish) {
  JsonFields f = MustParse(
      R"({"name":"Ti Gr.2","count":5,"ratio":0.5,"ok":true,"big":5.0,"nested":{"x":1},
          "none":null})");
  EXPECT_EQ(f.String("name", true), "Ti Gr.2");
  EXPECT_EQ(f.Int("count", true, 0, 10), 5);
  EXPECT_EQ(f.Number("ratio", true, 0, 1), 0.5);
  EXPECT_EQ(f.Bool("ok", true), true);
  EXPECT_EQ(f.Int("big", true), 5);
  const boost::json::value* nested = f.Raw("nested");
  ASSERT_NE(nested, nullptr);
  EXPECT_TRUE(nested->is_object());
  EXPECT_FALSE(f.String("none", false).has_value());
  EXPECT_FALSE(f.String("absent", false).has_value());
  EXPECT_TRUE(f.Finish().has_value());
}

TEST(JsonFields, CollectsEveryErrorAndUnknownFields) {
  JsonFields f = MustParse(
      R"({"name":7,"count":11,"ratio":"x","ok":1,"frac":1.5,"long":"abcdef","extra":1,"x2":[]})");
  EXPECT_FALSE(f.String("name", true).has_value());
  EXPECT_FALSE(f.Int("count", true, 0, 10).has_value());
  EXPECT_FALSE(f.Number("ratio", true).has_value());
  EXPECT_FALSE(f.Bool("ok", true).has_value());
  EXPECT_FALSE(f.Int("frac", true).has_value());
  EXPECT_FALSE(f.String("long", true, 5).has_value());
  EXPECT_FALSE(f.String("missing", true).has_value());
  Status s = f.Finish();
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.error().message(), "the request body has invalid fields");
  std::vector<FieldError> want = {
      {"name", "must be a string", "field.invalid"},
      {"count", "must be between 0 and 10", "field.out_of_range", {{"min", "0"}, {"max", "10"}}},
      {"ratio", "must be a number", "field.not_a_number"},
      {"ok", "must be true or false", "field.invalid"},
      {"frac", "must be an integer", "field.not_integer"},
      {"long", "must be at most 5 characters", "field.too_long", {{"max", "5"}}},
      {"missing", "is required", "field.required"},
      {"extra", "unknown field", "field.unknown"},
      {"x2", "unknown field", "field.unknown"},
  };
  EXPECT_EQ(s.error().fields(), want);
}

TEST(JsonFields, MaxLengthCountsCodePoints) {
  JsonFields f = MustParse(R"({"s":"钛钛钛"})");
  EXPECT_EQ(f.String("s", true, 3), "钛钛钛");
  EXPECT_TRUE(f.Finish().has_value());
  JsonFields g = MustParse(R"({"s":"钛钛钛"})");
  EXPECT_FALSE(g.String("s", true, 2).has_value());
}

TEST(JsonFields, IntegerLimits) {
  JsonFields f = MustParse(
      R"({"a":9223372036854775807,"b":18446744073709551615,"c":-9223372036854775808,"d":1e300})");
  EXPECT_EQ(f.Int("a", true), INT64_MAX);
  EXPECT_FALSE(f.Int("b", true).has_value());
  EXPECT_EQ(f.Int("c", true), INT64_MIN);
  EXPECT_FALSE(f.Int("d", true).has_value());
  EXPECT_EQ(f.errors().size(), 2u);
}

TEST(JsonFields, NumberRangeAndNestedPrefix) {
  JsonFields f = MustParse(R"({"t":-300,"medium":{"ph":15,"z":1}})");
  EXPECT_FALSE(f.Number("t", true, -273.15, 1000).has_value());
  const boost::json::value* m = f.Raw("medium");
  ASSERT_NE(m, nullptr);
  JsonFields nested = JsonFields::FromObject(m->as_object(), "medium.");
  EXPECT_FALSE(nested.Number("ph", true, 0, 14).has_value());
  Status ns = nested.Finish();
  ASSERT_FALSE(ns.has_value());
  ASSERT_EQ(ns.error().fields().size(), 2u);
  EXPECT_EQ(ns.error().fields()[0].field, "medium.ph");
  EXPECT_EQ(ns.error().fields()[1], (FieldError{"medium.z", "unknown field", "field.unknown"}));
  Status s = f.Finish();
  ASSERT_FALSE(s.has_value());
  ASSERT_EQ(s.error().fields().size(), 1u);
  EXPECT_EQ(s.error().fields()[0].field, "t");
}

TEST(JsonFields, AddErrorAndRequiredNull) {
  JsonFields f = MustParse(R"({"a":null})");
  EXPECT_FALSE(f.String("a", true).has_value());
  f.AddError("b", "must be after a");
  Status s = f.Finish();
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().fields(), (std::vector<FieldError>{{"a", "is required", "field.required"},
                                                         {"b", "must be after a"}}));
}

TEST(JsonFields, FinishTwiceDoesNotRepeatUnknowns) {
  JsonFields f = MustParse(R"({"u":1})");
  EXPECT_FALSE(f.Finish().has_value());
  Status again = f.Finish();
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().fields().size(), 1u);
}

}  // namespace
}  // namespace rutile::http
