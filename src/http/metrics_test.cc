#include "metrics.h"

#include <gtest/gtest.h>

namespace rutile::http::internal {
namespace {

TEST(Metrics, RendersCountersHistogramsAndGauges) {
  Metrics m;
  m.Record("GET", "/api/v1/orgs/{id}", 200, 0.002);
  m.Record("GET", "/api/v1/orgs/{id}", 200, 0.2);
  m.Record("BREW", "unmatched", 404, 0.0001);
  m.RequestStarted();
  std::string text = m.Render();
  EXPECT_NE(text.find("rutile_http_requests_total{method=\"GET\",route=\"/api/v1/orgs/{id}\","
                      "status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("rutile_http_requests_total{method=\"OTHER\",route=\"unmatched\","
                      "status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("rutile_http_request_duration_seconds_bucket{route=\"/api/v1/orgs/{id}\","
                      "le=\"0.0025\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("rutile_http_request_duration_seconds_bucket{route=\"/api/v1/orgs/{id}\","
                      "le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("rutile_http_request_duration_seconds_count{route=\"/api/v1/orgs/{id}\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("rutile_http_requests_in_flight 1\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE rutile_http_request_duration_seconds histogram"), std::string::npos);
}

TEST(Metrics, ConnectionLimitGaugeAndRefusals) {
  Metrics m;
  EXPECT_EQ(m.Render().find("rutile_http_connections_limit"), std::string::npos);
  m.SetConnectionLimit(64);
  m.ConnectionRefused();
  m.ConnectionRefused();
  std::string text = m.Render();
  EXPECT_NE(text.find("rutile_http_connections_limit 64\n"), std::string::npos) << text;
  EXPECT_NE(text.find("rutile_http_connections_refused_total 2\n"), std::string::npos) << text;
}

TEST(Metrics, EscapesLabels) { EXPECT_EQ(EscapeLabel("a\"b\\c\nd"), "a\\\"b\\\\c\\nd"); }

}  // namespace
}  // namespace rutile::http::internal
