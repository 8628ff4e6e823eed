#include "static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace rutile::http::internal {
namespace {
namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("rutile_static_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "www";
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<html>app</html>");
    Write(root_ / "sw.js", "self.x=1");
    Write(root_ / "assets" / "app-1234.js", "console.log(1)");
    Write(root_ / "assets" / "app-1234.js.gz", "GZIPPED");
    Write(root_ / "engine.wasm", "\0asm");
    Write(base_ / "secret.txt", "secret");
  }
  void TearDown() override { fs::remove_all(base_); }
  static void Write(const fs::path& p, const std::string& s) { std::ofstream(p) << s; }
  static Request Get(std::string path) {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    return r;
  }
  static std::string HeaderOf(const Response& r, std::string_view name) {
    for (const auto& [n, v] : r.headers)
      if (n == name) return v;
    return "";
  }
  fs::path base_, root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCaching) {
  StaticFiles files(root_.string());
  ASSERT_TRUE(files.enabled());
  Response index = files.Serve(Get("/"));
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<html>app</html>");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
  EXPECT_FALSE(HeaderOf(index, "ETag").empty());

  Response asset = files.Serve(Get("/assets/app-1234.js"));
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "console.log(1)");
  EXPECT_EQ(asset.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOf(asset, "Vary"), "Accept-Encoding");

  EXPECT_EQ(files.Serve(Get("/sw.js")).content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(files.Serve(Get("/engine.wasm")).content_type, "application/wasm");
}

TEST_F(StaticFilesTest, GzipSiblingAndConditionalGet) {
  StaticFiles files(root_.string());
  Request r = Get("/assets/app-1234.js");
  r.headers["accept-encoding"] = "br, gzip, deflate";
  Response gz = files.Serve(r);
  EXPECT_EQ(gz.body, "GZIPPED");
  EXPECT_EQ(HeaderOf(gz, "Content-Encoding"), "gzip");
  r.headers["if-none-match"] = HeaderOf(gz, "ETag");
  Response not_modified = files.Serve(r);
  EXPECT_EQ(not_modified.status, 304);
  EXPECT_TRUE(not_modified.body.empty());
}

TEST_F(StaticFilesTest, SpaFallbackOnlyForExtensionlessPaths) {
  StaticFiles files(root_.string());
  Response route = files.Serve(Get("/equipment/42"));
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, "<html>app</html>");
  EXPECT_EQ(files.Serve(Get("/missing.js")).status, 404);
  EXPECT_EQ(files.Serve(Get("/api/v1/x")).status, 404);
}

TEST_F(StaticFilesTest, RefusesTraversal) {
  StaticFiles files(root_.string());
  for (std::string p : {"/../secret.txt", "/assets/../../secret.txt", "/..", "/./index.html",
                        "/assets/..\\..\\secret.txt", "//../secret.txt"}) {
    Response r = files.Serve(Get(p));
    EXPECT_EQ(r.status, 404) << p;
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << p;
  }
  fs::create_symlink(base_ / "secret.txt", root_ / "link.txt");
  EXPECT_EQ(files.Serve(Get("/link.txt")).status, 404);
}

TEST(StaticFiles, DisabledWithoutDirectory) {
  EXPECT_FALSE(StaticFiles("").enabled());
  EXPECT_FALSE(StaticFiles("/nonexistent/rutile").enabled());
}

}  // namespace
}  // namespace rutile::http::internal
