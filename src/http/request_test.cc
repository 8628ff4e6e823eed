#include "rutile/http/request.h"

#include <gtest/gtest.h>

#include "request_builder.h"
#include "rutile/http/decode.h"

namespace rutile::http {
namespace {

TEST(Request, HeaderQueryPathParam) {
  Request r;
  r.headers["content-type"] = "application/json";
  r.query.emplace("q", "1");
  r.query.emplace("q", "2");
  r.path_params["id"] = "42";
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_FALSE(r.Header("accept").has_value());
  EXPECT_EQ(r.Query("q"), "1");
  EXPECT_FALSE(r.Query("z").has_value());
  EXPECT_EQ(r.PathParam("id"), "42");
  EXPECT_EQ(r.PathParam("nope"), "");
}

TEST(Request, Cookie) {
  Request r;
  EXPECT_FALSE(r.Cookie("a").has_value());
  r.headers["cookie"] = "a=1; rutile_session=tok%20x ;  quoted=\"v\"; flag; a=2";
  EXPECT_EQ(r.Cookie("a"), "1");
  EXPECT_EQ(r.Cookie("rutile_session"), "tok%20x");
  EXPECT_EQ(r.Cookie("quoted"), "v");
  EXPECT_FALSE(r.Cookie("flag").has_value());
  EXPECT_FALSE(r.Cookie("rutile").has_value());
}

TEST(BuildRequest, DecodesPathAndQueryAndLowercasesHeaders) {
  auto r = internal::BuildRequest("GET", "/api/v1/a%20b?x=1&y=hello%20world&flag",
                                  {{"Content-Type", "text/plain"},
                                   {"Cookie", "a=1"},
                                   {"cookie", "b=2"},
                                   {"X-Multi", "1"},
                                   {"x-multi", "2"}},
                                  "");
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->path, "/api/v1/a b");
  EXPECT_EQ(r->target, "/api/v1/a%20b?x=1&y=hello%20world&flag");
  EXPECT_EQ(r->Query("x"), "1");
  EXPECT_EQ(r->Query("y"), "hello world");
  EXPECT_EQ(r->Query("flag"), "");
  EXPECT_EQ(r->Header("content-type"), "text/plain");
  EXPECT_EQ(r->Header("x-multi"), "1, 2");
  EXPECT_EQ(r->Cookie("b"), "2");
}

TEST(BuildRequest, RejectsNonOriginForm) {
  EXPECT_FALSE(internal::BuildRequest("GET", "http://x/y", {}, "").has_value());
  EXPECT_FALSE(internal::BuildRequest("GET", "*", {}, "").has_value());
  EXPECT_FALSE(internal::BuildRequest("GET", "/a%00b", {}, "").has_value());
}

TEST(RequestId, Sanity) {
  EXPECT_TRUE(internal::IsSaneRequestId("abc-123_x.y:z"));
  EXPECT_FALSE(internal::IsSaneRequestId(""));
  EXPECT_FALSE(internal::IsSaneRequestId("a b"));
  EXPECT_FALSE(internal::IsSaneRequestId(std::string(129, 'a')));
}

TEST(DecodeRequestForTesting, ParsesACompleteRequest) {
  auto r = DecodeRequestForTesting(
      "POST /api/v1/x?a=1 HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\n"
      "Content-Length: 7\r\n\r\n{\"a\":1}");
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(r->method, "POST");
  EXPECT_EQ(r->path, "/api/v1/x");
  EXPECT_EQ(r->body, "{\"a\":1}");
}

TEST(DecodeRequestForTesting, RejectsGarbageAndOversizedBodies) {
  EXPECT_FALSE(DecodeRequestForTesting("NOT HTTP\r\n\r\n").has_value());
  EXPECT_FALSE(DecodeRequestForTesting("GET / HTTP/1.1\r\nHost: h\r\n").has_value());
  auto big = DecodeRequestForTesting("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n", 10);
  ASSERT_FALSE(big.has_value());
  EXPECT_EQ(big.error().code(), ErrorCode::kResourceExhausted);
}

}  // namespace
}  // namespace rutile::http
