#include "rutile/http/metrics_access.h"

#include <gtest/gtest.h>

namespace rutile::http {
namespace {

TEST(MetricsAccessTest, LoopbackIsTheDefaultAndAdmitsOnlyLoopbackClients) {
  MetricsAccess def;
  EXPECT_EQ(def.mode, MetricsAccess::Mode::kLoopback);
  auto parsed = MetricsAccess::Parse("loopback");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->Allows("127.0.0.1", ""));
  EXPECT_TRUE(parsed->Allows("127.8.9.10", ""));
  EXPECT_TRUE(parsed->Allows("::1", ""));
  EXPECT_TRUE(parsed->Allows("::ffff:127.0.0.1", ""));
  EXPECT_FALSE(parsed->Allows("198.51.100.7", ""));
  EXPECT_FALSE(parsed->Allows("2001:db8::1", ""));
  EXPECT_FALSE(parsed->Allows("", ""));
}

TEST(MetricsAccessTest, OpenAdmitsAnyone) {
  auto parsed = MetricsAccess::Parse("open");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->Allows("198.51.100.7", ""));
}

TEST(MetricsAccessTest, TokenNeedsTheExactBearerToken) {
  auto parsed = MetricsAccess::Parse("token:0123456789abcdef-scrape");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->mode, MetricsAccess::Mode::kToken);
  EXPECT_TRUE(parsed->Allows("198.51.100.7", "Bearer 0123456789abcdef-scrape"));
  EXPECT_TRUE(parsed->Allows("198.51.100.7", "bearer  0123456789abcdef-scrape "));
  EXPECT_FALSE(parsed->Allows("127.0.0.1", ""));
  EXPECT_FALSE(parsed->Allows("198.51.100.7", "Bearer 0123456789abcdef-scrapf"));
  EXPECT_FALSE(parsed->Allows("198.51.100.7", "Bearer 0123456789abcdef-scrape2"));
  EXPECT_FALSE(parsed->Allows("198.51.100.7", "Basic 0123456789abcdef-scrape"));
}

TEST(MetricsAccessTest, RejectsUnknownModesAndShortTokens) {
  for (std::string_view bad :
       {"", "public", "token:", "token:short", "Loopback", "token:has a blank in it ok"}) {
    EXPECT_FALSE(MetricsAccess::Parse(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace rutile::http
