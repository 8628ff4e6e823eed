// Clock: the one seam for "now". Services take a Clock&; tests pass a FakeClock.
// SystemClock is stateless; FakeClock is thread-safe.
#pragma once

#include <atomic>
#include <chrono>

namespace rutile {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void Advance(TimePoint::duration d) { now_ += d.count(); }
  void Set(TimePoint t) { now_ = t.time_since_epoch().count(); }

 private:
  std::atomic<TimePoint::duration::rep> now_;
};

// Seconds since the Unix epoch, the unit stored in the database.
inline long long UnixSeconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
inline TimePoint FromUnixSeconds(long long s) { return TimePoint(std::chrono::seconds(s)); }

}  // namespace rutile
