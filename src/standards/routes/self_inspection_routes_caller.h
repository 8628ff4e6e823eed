// Test helper for the self-inspection and annex route tests: calls routes without sockets, as
// the server does after authentication, and reads problem+json bodies.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "rutile/http/router.h"

namespace rutile::standards::testing {

namespace json = boost::json;

// Runs the routes without sockets, like the server would after authentication.
class RouteCaller {
 public:
  explicit RouteCaller(http::Router& router) : router_(router) {}
  http::Response Call(const std::string& method, const std::string& path,
                      const access::Principal& principal, const std::string& body = "",
                      std::multimap<std::string, std::string> query = {}) {
    http::Request r;
    r.method = method;
    r.path = path;
    r.target = path;
    r.query = std::move(query);
    r.body = body;
    if (!body.empty()) r.headers["content-type"] = "application/json";
    r.principal = principal;
    auto match = router_.Find(method, path, r);
    if (!match.route) return http::Response{404, "text/plain", {}, "no route"};
    if (match.route->requires_login && r.principal.anonymous())
      return http::Response{401, "text/plain", {}, "login required"};
    return match.route->handler(r);
  }

 private:
  http::Router& router_;
};

inline json::object Body(const http::Response& r) { return json::parse(r.body).as_object(); }

inline std::vector<std::string> Fields(const http::Response& r) {
  std::vector<std::string> out;
  const json::object body = Body(r);
  for (const auto& e : body.at("errors").as_array()) out.emplace_back(e.at("field").as_string());
  return out;
}

// Every route registered on `router` is described in the OpenAPI fragment at `fragment_path`.
inline void ExpectRoutesInFragment(const http::Router& router, const std::string& fragment_path) {
  std::ifstream in(fragment_path);
  ASSERT_TRUE(in.good()) << fragment_path;
  std::stringstream text;
  text << in.rdbuf();
  json::object doc = json::parse(text.str()).as_object();
  const json::object& paths = doc.at("paths").as_object();
  for (const auto& route : router.routes()) {
    std::string method = route.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    const json::value* path = paths.if_contains(route.pattern);
    ASSERT_NE(path, nullptr) << route.pattern;
    EXPECT_TRUE(path->as_object().contains(method)) << route.method << " " << route.pattern;
  }
  EXPECT_TRUE(doc.contains("schemas"));
}

}  // namespace rutile::standards::testing
