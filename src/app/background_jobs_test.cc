#include "background_jobs.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace rutile::app {
namespace {

TEST(BackgroundJobsTest, RunsEachJobAfterStartAndKeepsGoingAfterAFailure) {
  BackgroundJobs jobs;
  std::promise<void> second_run;
  std::atomic<int> failing_runs{0};
  std::atomic<int> good_runs{0};
  jobs.Add("failing", std::chrono::seconds(1), [&]() -> Status {
    if (++failing_runs == 2) second_run.set_value();
    return Unavailable("broker down");
  });
  jobs.Add("good", std::chrono::seconds(3600), [&]() -> Status {
    ++good_runs;
    return Ok();
  });
  jobs.Start();
  // The failing job runs again one interval later: a failure does not stop the loop.
  second_run.get_future().wait();
  jobs.Stop();
  EXPECT_GE(failing_runs.load(), 2);
  EXPECT_EQ(good_runs.load(), 1);  // its interval is an hour: it ran once, at start
  const auto counts = jobs.RunCounts();
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[1], 1);
}

TEST(BackgroundJobsTest, StopWithoutStartAndWithoutJobsIsHarmless) {
  BackgroundJobs empty;
  empty.Start();
  empty.Stop();
  BackgroundJobs never_started;
  never_started.Add("x", std::chrono::seconds(1), [] { return Ok(); });
  never_started.Stop();
  EXPECT_EQ(never_started.RunCounts(), std::vector<long long>{0});
}

}  // namespace
}  // namespace rutile::app
