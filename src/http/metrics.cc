#include "metrics.h"

#include <cstdio>

namespace rutile::http::internal {
namespace {

std::string_view NormaliseMethod(std::string_view m) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (m == known) return known;
  }
  return "OTHER";
}

std::string FormatDouble(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

std::string EscapeLabel(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Metrics::Record(std::string_view method, std::string_view route, int status, double seconds) {
  std::string key = "method=\"";
  key += NormaliseMethod(method);
  key += "\",route=\"";
  key += EscapeLabel(route);
  key += "\",status=\"";
  key += std::to_string(status);
  key += '"';
  std::lock_guard lock(mu_);
  ++requests_[key];
  auto it = durations_.find(route);
  if (it == durations_.end()) it = durations_.emplace(std::string(route), Histogram{}).first;
  Histogram& h = it->second;
  for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (seconds <= kBucketsSeconds[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render() const {
  std::string out;
  out +=
      "# HELP rutile_http_requests_total HTTP requests answered, by method, route pattern and "
      "status.\n# TYPE rutile_http_requests_total counter\n";
  std::lock_guard lock(mu_);
  for (const auto& [labels, count] : requests_) {
    out += "rutile_http_requests_total{" + labels + "} " + std::to_string(count) + "\n";
  }
  out +=
      "# HELP rutile_http_request_duration_seconds Time from a complete request to its response, "
      "by route pattern.\n# TYPE rutile_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : durations_) {
    std::string label = "route=\"" + EscapeLabel(route) + "\"";
    for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i) {
      out += "rutile_http_request_duration_seconds_bucket{" + label + ",le=\"" +
             FormatDouble(kBucketsSeconds[i]) + "\"} " + std::to_string(h.buckets[i]) + "\n";
    }
    out += "rutile_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "rutile_http_request_duration_seconds_sum{" + label + "} " + FormatDouble(h.sum) + "\n";
    out += "rutile_http_request_duration_seconds_count{" + label + "} " + std::to_string(h.count) +
           "\n";
  }
  out +=
      "# HELP rutile_http_requests_in_flight Requests being handled now.\n"
      "# TYPE rutile_http_requests_in_flight gauge\n"
      "rutile_http_requests_in_flight " +
      std::to_string(in_flight_.load()) +
      "\n# HELP rutile_http_connections_open Open client connections.\n"
      "# TYPE rutile_http_connections_open gauge\n"
      "rutile_http_connections_open " +
      std::to_string(connections_.load()) + "\n";
  if (limit_ > 0) {
    out +=
        "# HELP rutile_http_connections_limit Most client connections served at once "
        "(max-connections).\n# TYPE rutile_http_connections_limit gauge\n"
        "rutile_http_connections_limit " +
        std::to_string(limit_) + "\n";
  }
  out +=
      "# HELP rutile_http_connections_refused_total Connections closed at once because the "
      "connection limit was reached.\n# TYPE rutile_http_connections_refused_total counter\n"
      "rutile_http_connections_refused_total " +
      std::to_string(refused_.load()) + "\n";
  return out;
}

}  // namespace rutile::http::internal
