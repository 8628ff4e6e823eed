// Periodic jobs of a running server (maintenance reminders, bulletin auto-drafts, the case
// search index): one thread runs each job at its interval until Stop() or destruction. A failing
// job is logged and runs again at its next turn. Start/Stop from one thread; jobs run on the
// worker thread only.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::app {

class BackgroundJobs {
 public:
  using Job = std::function<Status()>;

  BackgroundJobs() = default;
  ~BackgroundJobs();
  BackgroundJobs(const BackgroundJobs&) = delete;
  BackgroundJobs& operator=(const BackgroundJobs&) = delete;

  // Registers a job before Start(); its first run is right after Start().
  void Add(std::string name, std::chrono::seconds interval, Job job);
  void Start();
  // Waits for a running job to finish; no job starts afterwards.
  void Stop();

  // Runs of each job so far (success or failure), in Add() order.
  std::vector<long long> RunCounts() const;

 private:
  struct Entry {
    std::string name;
    std::chrono::seconds interval;
    Job job;
    std::chrono::steady_clock::time_point next;
    long long runs = 0;
  };
  void Loop();

  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::vector<Entry> entries_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rutile::app
