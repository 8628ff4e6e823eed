#include "rutile/http/router.h"

#include <gtest/gtest.h>

namespace rutile::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Text(name); };
}

std::string Call(const Match& m, Request& r) { return m.route ? m.route->handler(r).body : ""; }

TEST(Router, ExactAndParams) {
  Router router;
  router.Get("/api/v1/orgs", Named("list"));
  router.Get("/api/v1/orgs/{id}", Named("one"));
  router.Get("/api/v1/orgs/mine", Named("mine"));
  router.Post("/api/v1/orgs", Named("create"));
  router.Get("/api/v1/orgs/{org}/members/{user}", Named("member"));

  Request r;
  EXPECT_EQ(Call(router.Find("GET", "/api/v1/orgs", r), r), "list");
  EXPECT_EQ(Call(router.Find("POST", "/api/v1/orgs", r), r), "create");
  EXPECT_EQ(Call(router.Find("GET", "/api/v1/orgs/7", r), r), "one");
  EXPECT_EQ(r.PathParam("id"), "7");
  EXPECT_EQ(Call(router.Find("GET", "/api/v1/orgs/mine", r), r), "mine");
  EXPECT_TRUE(r.path_params.empty());
  EXPECT_EQ(Call(router.Find("GET", "/api/v1/orgs/3/members/9", r), r), "member");
  EXPECT_EQ(r.PathParam("org"), "3");
  EXPECT_EQ(r.PathParam("user"), "9");
}

TEST(Router, ExactSegmentWinsRegardlessOfOrder) {
  Router router;
  router.Get("/a/{x}/c", Named("param-first"));
  router.Get("/a/b/{y}", Named("literal-first"));
  Request r;
  EXPECT_EQ(Call(router.Find("GET", "/a/b/c", r), r), "literal-first");
  EXPECT_EQ(r.PathParam("y"), "c");
}

TEST(Router, NoMatchAndMethodNotAllowed) {
  Router router;
  router.Get("/x/{id}", Named("get"));
  router.Delete("/x/{id}", Named("del"));
  Request r;
  Match none = router.Find("GET", "/y", r);
  EXPECT_EQ(none.route, nullptr);
  EXPECT_TRUE(none.allowed.empty());
  Match wrong = router.Find("POST", "/x/1", r);
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_EQ(wrong.allowed, (std::vector<std::string>{"DELETE", "GET", "HEAD"}));
  // Empty parameter segments and extra segments do not match.
  EXPECT_EQ(router.Find("GET", "/x/", r).route, nullptr);
  EXPECT_EQ(router.Find("GET", "/x/1/2", r).route, nullptr);
  EXPECT_EQ(router.Find("GET", "/x", r).route, nullptr);
}

TEST(Router, HeadAnsweredByGet) {
  Router router;
  router.Get("/h", Named("get"));
  Request r;
  Match m = router.Find("HEAD", "/h", r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method, "GET");
}

TEST(Router, RequiresLoginAndExecutionAreKept) {
  Router router;
  router.Add(Route{"PUT", "/p", Named("p"), Execution::kInline, true});
  Request r;
  Match m = router.Find("PUT", "/p", r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_TRUE(m.route->requires_login);
  EXPECT_EQ(m.route->execution, Execution::kInline);
  EXPECT_EQ(router.routes().size(), 1u);
}

}  // namespace
}  // namespace rutile::http
