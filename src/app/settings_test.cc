#include "settings.h"

#include <gtest/gtest.h>

namespace rutile::app {
namespace {

TEST(SettingsTest, FlagBeatsEnvironmentBeatsFileBeatsDefault) {
  auto config = ParseConfigText("# comment\nlisten = \"0.0.0.0:9000\"\ndata-dir = /srv/rutile\n");
  ASSERT_TRUE(config.has_value());
  std::map<std::string, std::string> env = {{"RUTILE_DATA_DIR", "/env/dir"}};
  Settings s(*config, [&](const std::string& n) -> std::optional<std::string> {
    auto it = env.find(n);
    if (it == env.end()) return std::nullopt;
    return it->second;
  });
  EXPECT_EQ(s.Resolve("listen", std::nullopt, "127.0.0.1:8080"), "0.0.0.0:9000");
  EXPECT_EQ(s.Resolve("listen", std::string("127.0.0.1:1"), "x"), "127.0.0.1:1");
  EXPECT_EQ(s.Resolve("data-dir", std::nullopt, "var"), "/env/dir");
  EXPECT_EQ(s.Resolve("data-dir", std::string("flag"), "var"), "flag");
  EXPECT_EQ(s.Resolve("log-level", std::nullopt, "info"), "info");
}

TEST(SettingsTest, EnvironmentNames) {
  EXPECT_EQ(Settings::EnvName("data-dir"), "RUTILE_DATA_DIR");
  EXPECT_EQ(Settings::EnvName("listen"), "RUTILE_LISTEN");
}

TEST(SettingsTest, BadConfigLinesAreReportedWithTheirNumber) {
  auto bad = ParseConfigText("listen = x\nthis line has no equals\n");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(ParseConfigText(" = value").has_value());
}

TEST(SettingsTest, UnknownKeysAreFound) {
  Settings s(*ParseConfigText("listen = a\nlisten_port = 3\n"), nullptr);
  EXPECT_EQ(s.UnknownKey({"listen", "database"}), "listen_port");
  EXPECT_EQ(Settings(*ParseConfigText("listen = a\n"), nullptr).UnknownKey({"listen"}),
            std::nullopt);
}

}  // namespace
}  // namespace rutile::app
