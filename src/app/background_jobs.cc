#include "background_jobs.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace rutile::app {

BackgroundJobs::~BackgroundJobs() { Stop(); }

void BackgroundJobs::Add(std::string name, std::chrono::seconds interval, Job job) {
  std::lock_guard lock(mu_);
  entries_.push_back({std::move(name), std::max(interval, std::chrono::seconds(1)), std::move(job),
                      std::chrono::steady_clock::now(), 0});
}

void BackgroundJobs::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || entries_.empty()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void BackgroundJobs::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::vector<long long> BackgroundJobs::RunCounts() const {
  std::lock_guard lock(mu_);
  std::vector<long long> counts;
  for (const auto& e : entries_) counts.push_back(e.runs);
  return counts;
}

void BackgroundJobs::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    auto due = std::min_element(entries_.begin(), entries_.end(),
                                [](const Entry& a, const Entry& b) { return a.next < b.next; });
    if (std::chrono::steady_clock::now() < due->next) {
      wake_.wait_until(lock, due->next);
      continue;
    }
    Job job = due->job;
    const std::string name = due->name;
    lock.unlock();
    Status status = job();
    lock.lock();
    if (!status.has_value()) spdlog::warn("job {} failed: {}", name, status.error().message());
    // entries_ does not change after Start(), so the iterator is still valid.
    due->runs++;
    due->next = std::chrono::steady_clock::now() + due->interval;
  }
}

}  // namespace rutile::app
