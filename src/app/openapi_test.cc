// The OpenAPI document and the router describe the same API: every route is documented and
// every documented operation exists.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <set>

#include "platform.h"

namespace rutile::app {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApiTest, EveryRouteIsDocumentedAndEveryOperationExists) {
  auto dir = std::filesystem::temp_directory_path() / ("openapi_test_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  PlatformOptions options;
  options.data_dir = dir.string();
  options.database_url = "sqlite:" + (dir / "r.db").string();
  options.password_cost = identity::PasswordCost::kMinimal;
  auto platform = Platform::Open(options);
  ASSERT_TRUE(platform.has_value()) << platform.error().ToString();
  http::Router router = (*platform)->BuildRouter();

  boost::json::value doc = boost::json::parse(OpenApiDocument());
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, op] : item.as_object())
      documented.insert(Lower(std::string(method)) + " " + std::string(path));

  std::set<std::string> routed = {"get /healthz", "get /readyz", "get /metrics"};  // built in
  for (const auto& r : router.routes()) routed.insert(Lower(r.method) + " " + r.pattern);

  for (const auto& r : routed) EXPECT_TRUE(documented.count(r)) << "undocumented route: " << r;
  for (const auto& d : documented) EXPECT_TRUE(routed.count(d)) << "documented, not routed: " << d;
  platform->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rutile::app
