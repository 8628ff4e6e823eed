// Metrics: the server's Prometheus counters. Requests are labelled by route pattern, never by
// raw path, so label cardinality stays bounded. Thread-safe (one mutex per Record()).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace rutile::http::internal {

class Metrics {
 public:
  // Upper bounds of the duration histogram in seconds (le="+Inf" is added when rendering).
  static constexpr std::array<double, 12> kBucketsSeconds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0};

  // method: normalised to a known verb or "OTHER"; route: the pattern or a fixed label.
  void Record(std::string_view method, std::string_view route, int status, double seconds);

  void RequestStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void RequestFinished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
  void ConnectionOpened() { connections_.fetch_add(1, std::memory_order_relaxed); }
  void ConnectionClosed() { connections_.fetch_sub(1, std::memory_order_relaxed); }
  void ConnectionRefused() { refused_.fetch_add(1, std::memory_order_relaxed); }
  void SetConnectionLimit(std::int64_t limit) { limit_ = limit; }
  std::int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }

  // Prometheus text exposition format 0.0.4.
  std::string Render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBucketsSeconds.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };

  mutable std::mutex mu_;
  std::map<std::string, std::uint64_t, std::less<>> requests_;  // rendered label set -> count
  std::map<std::string, Histogram, std::less<>> durations_;     // route -> histogram
  std::atomic<std::int64_t> in_flight_{0};
  std::atomic<std::int64_t> connections_{0};
  std::atomic<std::uint64_t> refused_{0};
  std::int64_t limit_ = 0;  // set before serving; 0: not reported
};

// Escapes a label value for the text format (backslash, double quote, newline).
std::string EscapeLabel(std::string_view value);

}  // namespace rutile::http::internal
