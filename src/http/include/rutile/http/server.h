// Server: the Beast/Asio HTTP/1.1 server. Owns its io_context threads and the worker pool that
// runs blocking handlers. Run() blocks until Stop() or SIGTERM/SIGINT, then drains in-flight
// requests and returns.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "rutile/access/principal.h"
#include "rutile/core/result.h"
#include "rutile/http/router.h"

namespace rutile::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 picks a free port; BoundPort() tells which
  int io_threads = 2;
  int worker_threads = 4;
  std::size_t body_limit_bytes = 1 << 20;
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds idle_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  std::string static_dir;  // built web app; empty: not served
  bool handle_signals = true;
  // Take the client address and the TLS flag from X-Forwarded-For / X-Forwarded-Proto (set
  // only behind a proxy that overwrites them).
  bool trust_forwarded_headers = false;
  // One JSON line per request through spdlog (info level).
  bool access_log = true;
};

// Resolves a bearer token or session cookie value to a principal. Returns kUnauthenticated for
// an unknown or expired token (-> 401). Runs on the worker pool.
using Authenticator = std::function<Result<access::Principal>(const std::string& token)>;

// Text for /metrics beyond the server's own (pool statistics and the like).
using MetricsSource = std::function<std::string()>;

class Server {
 public:
  Server(ServerOptions options, Router router, Authenticator authenticator,
         MetricsSource extra_metrics = {});
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  Status Listen();  // binds; after it, BoundPort() is valid
  unsigned short BoundPort() const;
  void Run();   // serves until stopped
  void Stop();  // thread-safe; same as SIGTERM

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rutile::http
