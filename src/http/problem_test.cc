#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "rutile/http/response.h"

namespace rutile::http {
namespace {

TEST(StatusFor, MapsEveryCode) {
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(ErrorCode::kAlreadyExists), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kFailedPrecondition), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(StatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(StatusFor(ErrorCode::kResourceExhausted), 429);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(StatusFor(ErrorCode::kCorruption), 500);
  EXPECT_EQ(StatusFor(ErrorCode::kInternal), 500);
}

TEST(Problem, EveryCodeHasATypeUriAndTitle) {
  for (int c = 0; c <= static_cast<int>(ErrorCode::kInternal); ++c) {
    auto code = static_cast<ErrorCode>(c);
    Response r = Problem(Error(code, "x"));
    auto body = boost::json::parse(r.body).as_object();
    std::string type(body.at("type").as_string());
    EXPECT_TRUE(type.starts_with(kProblemTypeBase)) << type;
    EXPECT_GT(type.size(), kProblemTypeBase.size());
    EXPECT_FALSE(body.at("title").as_string().empty());
    EXPECT_EQ(body.at("status").as_int64(), StatusFor(code));
    EXPECT_EQ(r.status, StatusFor(code));
  }
}

TEST(Problem, ShapeWithFieldErrors) {
  Response r = Problem(InvalidArgument("bad body", {{"name", "is required"}, {"ph", "too low"}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/problem+json");
  auto body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "https://rutile.example/problems/invalid-argument");
  EXPECT_EQ(body.at("title").as_string(), "Invalid argument");
  EXPECT_EQ(body.at("detail").as_string(), "bad body");
  const auto& errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field").as_string(), "name");
  EXPECT_EQ(errors[0].at("message").as_string(), "is required");
  EXPECT_EQ(errors[1].at("field").as_string(), "ph");
}

TEST(Problem, CarriesMessageCodesForPeople) {
  auto generic = boost::json::parse(Problem(PermissionDenied("not yours")).body).as_object();
  EXPECT_EQ(generic.at("code").as_string(), "problem.permission_denied");
  EXPECT_TRUE(generic.at("params").as_object().empty());

  // A detail's code is the one the error was made with; the English sentence is not parsed.
  auto login = boost::json::parse(
      Problem(Unauthenticated("wrong e-mail or password").WithMessageCode("identity.wrong_login"))
          .body);
  EXPECT_EQ(login.at("code").as_string(), "identity.wrong_login");
  auto uncoded = boost::json::parse(Problem(Unauthenticated("wrong e-mail or password")).body);
  EXPECT_EQ(uncoded.at("code").as_string(), "problem.unauthenticated");
  auto named = boost::json::parse(Problem(AlreadyExists("taken").WithMessageCode(
                                              "identity.org_name_taken", {{"name", "Jinhe"}}))
                                      .body);
  EXPECT_EQ(named.at("params").at("name").as_string(), "Jinhe");

  Error e = InvalidArgument("the request body has invalid fields",
                            {{"organization.name", "is required"},
                             {"ph", "must be between 0 and 14"},
                             {"name", "must be at most 200 characters"},
                             {"x", "odd"}});
  auto body = boost::json::parse(Problem(e).body).as_object();
  EXPECT_EQ(body.at("code").as_string(), "problem.fields");
  const auto& errors = body.at("errors").as_array();
  EXPECT_EQ(errors[0].at("code").as_string(), "field.required");
  EXPECT_EQ(errors[1].at("code").as_string(), "field.out_of_range");
  EXPECT_EQ(errors[1].at("params").at("min").as_string(), "0");
  EXPECT_EQ(errors[1].at("params").at("max").as_string(), "14");
  EXPECT_EQ(errors[2].at("params").at("max").as_string(), "200");
  EXPECT_FALSE(errors[3].as_object().contains("code"));
  EXPECT_EQ(errors[3].at("message").as_string(), "odd");

  // A field error made with its code keeps it, whatever its English says.
  FieldError coded{"ph", "below the bath's range", "field.out_of_range", {{"min", "2"}}};
  auto with_code = boost::json::parse(Problem(InvalidArgument("bad", {coded})).body).as_object();
  const auto& e0 = with_code.at("errors").as_array().at(0);
  EXPECT_EQ(e0.at("code").as_string(), "field.out_of_range");
  EXPECT_EQ(e0.at("params").at("min").as_string(), "2");
  EXPECT_EQ(e0.at("message").as_string(), "below the bath's range");
}

TEST(Problem, LongFieldMessagesGetNoGuessedCode) {
  std::string name(5000, 'a');
  auto body =
      boost::json::parse(Problem(InvalidArgument("bad", {{"name", "must be one of " + name}})).body)
          .as_object();
  EXPECT_FALSE(body.at("errors").as_array().at(0).as_object().contains("code"));
}

TEST(Problem, HiddenDetailsKeepOnlyTheGenericCode) {
  auto body = boost::json::parse(Problem(Internal("log in first")).body).as_object();
  EXPECT_EQ(body.at("code").as_string(), "problem.internal");
  EXPECT_TRUE(body.at("params").as_object().empty());
}

TEST(Problem, ExplicitStatusHasAGenericCode) {
  auto body = boost::json::parse(Problem(413, "payload-too-large", "Payload too large", "big").body)
                  .as_object();
  EXPECT_EQ(body.at("code").as_string(), "problem.payload_too_large");
}

TEST(Problem, NoErrorsMemberWithoutFieldErrors) {
  auto body = boost::json::parse(Problem(NotFound("org 4")).body).as_object();
  EXPECT_FALSE(body.contains("errors"));
  EXPECT_EQ(body.at("detail").as_string(), "org 4");
}

TEST(Problem, InternalDetailsAreNotSentToTheClient) {
  auto body = boost::json::parse(Problem(Internal("SELECT * FROM secrets failed")).body);
  EXPECT_EQ(body.at("detail").as_string().find("secrets"), std::string::npos);
}

TEST(Problem, WithExplicitStatus) {
  Response r = Problem(413, "payload-too-large", "Payload too large", "over 10 bytes");
  EXPECT_EQ(r.status, 413);
  auto body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "https://rutile.example/problems/payload-too-large");
  EXPECT_EQ(body.at("status").as_int64(), 413);
}

TEST(Response, HelpersAndSetHeaderReplaces) {
  Response j = Json(boost::json::object{{"a", 1}}, 201);
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.body, R"({"a":1})");
  Response t = Text("hi");
  EXPECT_EQ(t.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(NoContent().status, 204);
  EXPECT_TRUE(NoContent().body.empty());
  t.SetHeader("X-A", "1").SetHeader("x-a", "2").SetHeader("X-B", "3");
  ASSERT_EQ(t.headers.size(), 2u);
  EXPECT_EQ(t.headers[0].second, "2");
}

}  // namespace
}  // namespace rutile::http
