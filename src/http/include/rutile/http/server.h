// Server: the Beast/Asio HTTP/1.1 server. Owns its io_context threads and the worker pool that
// runs blocking handlers. Run() blocks until Stop() or SIGTERM/SIGINT, then drains in-flight
// requests and returns.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "rutile/access/principal.h"
#include "rutile/core/result.h"
#include "rutile/http/metrics_access.h"
#include "rutile/http/router.h"
#include "rutile/http/trusted_proxies.h"

namespace rutile::http {

inline constexpr std::string_view kDefaultContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

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
  // Peers whose Forwarded / X-Forwarded-For / X-Forwarded-Proto headers give the client address
  // and the TLS flag (see ResolveClient); from anyone else those headers are ignored.
  TrustedProxies trusted_proxies;
  // Who may read /metrics.
  MetricsAccess metrics_access;
  // Client connections served at once; beyond it a new connection gets 503 and is closed.
  std::size_t max_connections = 1024;
  // Sent on every response. The web app has no inline script or style; WebAssembly needs
  // 'wasm-unsafe-eval'.
  std::string content_security_policy = std::string(kDefaultContentSecurityPolicy);
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
