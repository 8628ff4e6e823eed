#include "connection_pool.h"

#include <string>
#include <utility>

namespace rutile::store {

struct ConnectionPool::State {
  int size = 0;
  std::chrono::milliseconds acquire_timeout{0};
  Factory factory;

  mutable std::mutex mu;
  std::condition_variable cv;
  std::vector<std::unique_ptr<PooledConnection>> idle;  // guarded by mu
  int open = 0;            // connections in existence or being opened; guarded by mu
  int in_use = 0;          // guarded by mu
  std::int64_t waits = 0;  // guarded by mu
  bool closed = false;     // guarded by mu

  void Release(PooledConnection* raw) {
    std::unique_ptr<PooledConnection> conn(raw);
    conn->ResetForReuse();
    bool keep = conn->Healthy();
    std::unique_ptr<PooledConnection> drop;
    {
      std::lock_guard<std::mutex> lock(mu);
      --in_use;
      if (keep && !closed) {
        idle.push_back(std::move(conn));
      } else {
        --open;
        drop = std::move(conn);
      }
    }
    cv.notify_one();
    // drop (if any) closes outside the lock.
  }
};

ConnectionPool::ConnectionPool(int size, std::chrono::milliseconds acquire_timeout, Factory factory)
    : state_(std::make_shared<State>()) {
  state_->size = size;
  state_->acquire_timeout = acquire_timeout;
  state_->factory = std::move(factory);
}

ConnectionPool::~ConnectionPool() {
  std::vector<std::unique_ptr<PooledConnection>> idle;
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->closed = true;
    idle.swap(state_->idle);
    state_->open -= static_cast<int>(idle.size());
  }
  state_->cv.notify_all();
}

Status ConnectionPool::Prime() {
  RUTILE_ASSIGN_OR_RETURN(auto conn, Acquire());
  return Ok();
}

Result<Database::ConnectionPtr> ConnectionPool::Acquire() {
  std::shared_ptr<State> s = state_;
  std::unique_ptr<PooledConnection> conn;
  {
    std::unique_lock<std::mutex> lock(s->mu);
    auto ready = [&] { return s->closed || !s->idle.empty() || s->open < s->size; };
    if (!ready()) {
      ++s->waits;
      if (!s->cv.wait_for(lock, s->acquire_timeout, ready)) {
        return Unavailable("no free database connection after " +
                           std::to_string(s->acquire_timeout.count()) + " ms (pool size " +
                           std::to_string(s->size) + ")");
      }
    }
    if (s->closed) return Unavailable("database is closed");
    if (!s->idle.empty()) {
      conn = std::move(s->idle.back());
      s->idle.pop_back();
    } else {
      ++s->open;  // reserve the slot before opening outside the lock
    }
    ++s->in_use;
  }
  // A pooled connection whose link broke is replaced by a fresh one here.
  if (conn != nullptr && !conn->Healthy()) conn.reset();
  if (conn == nullptr) {
    auto opened = s->factory();
    if (!opened.has_value()) {
      {
        std::lock_guard<std::mutex> lock(s->mu);
        --s->open;
        --s->in_use;
      }
      s->cv.notify_one();
      return Fail(std::move(opened).error());
    }
    conn = std::move(opened).value();
  }
  PooledConnection* raw = conn.release();
  return Database::ConnectionPtr(
      raw, [s](Connection* c) { s->Release(static_cast<PooledConnection*>(c)); });
}

PoolStats ConnectionPool::Stats() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  PoolStats stats;
  stats.size = state_->size;
  stats.in_use = state_->in_use;
  stats.waits = state_->waits;
  return stats;
}

}  // namespace rutile::store
