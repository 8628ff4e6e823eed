// ConnectionPool: a fixed-size pool of adapter connections shared by one Database. Internal.
// Thread-safe. Connections are opened lazily up to the size; a connection handed out returns
// to the pool when its ConnectionPtr is destroyed, even if the Database is gone by then.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/store/database.h"

namespace rutile::store {

// What the pool needs from an adapter's connection beyond the public interface.
class PooledConnection : public Connection {
 public:
  // Called when the connection comes back: abandon any transaction left open.
  virtual void ResetForReuse() = 0;
  // false when the link is broken; the pool then discards it and opens a fresh one.
  virtual bool Healthy() = 0;
};

class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<PooledConnection>>()>;

  ConnectionPool(int size, std::chrono::milliseconds acquire_timeout, Factory factory);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Opens the first connection now so a bad URL or path fails at open time.
  Status Prime();
  Result<Database::ConnectionPtr> Acquire();
  PoolStats Stats() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace rutile::store
