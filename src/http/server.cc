// Server: Beast HTTP/1.1 with C++20 coroutines. Thread model: `io_threads` threads run one
// io_context; every connection is a coroutine on its own strand. Handlers marked kBlocking and
// the Authenticator run on a separate thread_pool (co_spawn(pool, ..., use_awaitable)); the
// connection coroutine resumes on its strand afterwards. Network events (EOF, timeouts,
// cancellation) come back as values through as_tuple, never as exceptions.
#include "rutile/http/server.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <csignal>
#include <exception>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <vector>

#include "metrics.h"
#include "request_builder.h"
#include "static_files.h"

namespace rutile::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr auto kTok = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kHeaderLimitBytes = 16 * 1024;
constexpr std::string_view kSessionCookie = "rutile_session";
constexpr auto kRefusalLogInterval = std::chrono::seconds(60);

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  std::string remote;
  bool idle = false;  // waiting for the next request; touched only on the connection's strand
};

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t a = rng(), b = rng();
  std::string id(32, '0');
  for (int i = 0; i < 16; ++i) {
    id[i] = kHex[(a >> (i * 4)) & 0xF];
    id[16 + i] = kHex[(b >> (i * 4)) & 0xF];
  }
  return id;
}

bool IsNetworkError(const beast::error_code& ec) {
  return ec == beast::error::timeout || ec == asio::error::operation_aborted ||
         ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::bad_descriptor ||
         ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool HasHeader(const Response& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (IEquals(n, name)) return true;
  }
  return false;
}

bool SafeHeaderText(std::string_view s) {
  return s.find_first_of("\r\n") == std::string_view::npos &&
         s.find('\0') == std::string_view::npos;
}

// Token from "Authorization: Bearer X", else the session cookie; nullopt when neither is there.
std::optional<std::string> ExtractToken(const Request& req) {
  if (auto auth = req.Header("authorization")) {
    std::string_view v = *auth;
    if (v.size() > 7 && IEquals(v.substr(0, 7), "bearer ")) {
      std::string_view token = v.substr(7);
      while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
      while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
      return std::string(token);
    }
    return std::string();  // another scheme: present but not acceptable
  }
  if (auto cookie = req.Cookie(kSessionCookie)) return *cookie;
  return std::nullopt;
}

bool IsStateChanging(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// "scheme://host[:port]" with the scheme's default port dropped and letters lower-cased.
std::string NormaliseOrigin(std::string_view scheme, std::string_view host_port) {
  std::string out(scheme);
  out += "://";
  for (char c : host_port) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view default_port = scheme == "https" ? ":443" : ":80";
  if (out.ends_with(default_port)) out.resize(out.size() - default_port.size());
  return out;
}

// CSRF: a state-changing request that a browser could have sent on its own (authenticated by the
// session cookie alone) must come from this origin. Browsers send Origin on every POST, PUT,
// PATCH and DELETE, and Sec-Fetch-Site wherever the origin is secure (https, localhost).
// Requests with Authorization (bearer tokens) and without the cookie pass: a foreign page
// cannot set that header, and without the cookie there is no session to ride.
bool PassesCsrfCheck(const Request& req) {
  if (!IsStateChanging(req.method)) return true;
  if (req.Header("authorization")) return true;
  if (!req.Cookie(kSessionCookie)) return true;
  if (auto site = req.Header("sec-fetch-site")) {
    if (*site == "same-origin" || *site == "none") return true;
  }
  auto origin = req.Header("origin");
  auto host = req.Header("host");
  if (!origin || !host || host->empty()) return false;
  std::string_view o = *origin;
  std::size_t sep = o.find("://");
  if (sep == std::string_view::npos) return false;  // "null" and other opaque origins
  std::string_view scheme = o.substr(0, sep);
  std::string expected_scheme = req.secure ? "https" : "http";
  if (!IEquals(scheme, expected_scheme)) return false;
  return NormaliseOrigin(expected_scheme, o.substr(sep + 3)) ==
         NormaliseOrigin(expected_scheme, *host);
}

std::string JoinAllow(const std::vector<std::string>& methods) {
  std::string out;
  for (const auto& m : methods) {
    if (!out.empty()) out += ", ";
    out += m;
  }
  return out;
}

Response MethodNotAllowed(const std::vector<std::string>& allowed) {
  Response r = Problem(405, "method-not-allowed", "Method not allowed",
                       "this path does not accept that method");
  r.SetHeader("Allow", JoinAllow(allowed));
  return r;
}

Response Unauthorized(std::string detail) {
  Response r = Problem(Unauthenticated(std::move(detail)));
  r.SetHeader("WWW-Authenticate", "Bearer");
  return r;
}

Response CallHandler(const Route& route, Request& req) {
  try {
    return route.handler(req);
  } catch (const std::exception& e) {
    spdlog::error("handler for {} {} threw (request {}): {}", route.method, route.pattern,
                  req.request_id, e.what());
  } catch (...) {
    spdlog::error("handler for {} {} threw a non-standard exception (request {})", route.method,
                  route.pattern, req.request_id);
  }
  return Problem(Internal("the handler failed"));
}

// Runs on the worker pool. Pointers stay valid: the awaiting session keeps them alive.
asio::awaitable<Response> RunHandlerOnPool(const Route* route, Request* req) {
  co_return CallHandler(*route, *req);
}

asio::awaitable<std::optional<Result<access::Principal>>> AuthenticateOnPool(
    const Authenticator* authenticator, std::string token) {
  try {
    co_return (*authenticator)(token);
  } catch (const std::exception& e) {
    spdlog::error("authenticator threw: {}", e.what());
  } catch (...) {
    spdlog::error("authenticator threw a non-standard exception");
  }
  co_return Result<access::Principal>(Internal("authentication failed"));
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Router r, Authenticator a, MetricsSource m)
      : options(std::move(o)),
        router(std::move(r)),
        authenticator(std::move(a)),
        extra_metrics(std::move(m)),
        static_files(options.static_dir),
        ioc(std::max(1, options.io_threads)),
        control(asio::make_strand(ioc)),
        acceptor(control),
        signals(control),
        grace_timer(control),
        pool(static_cast<std::size_t>(std::max(1, options.worker_threads))) {
    metrics.SetConnectionLimit(static_cast<std::int64_t>(options.max_connections));
  }

  asio::awaitable<void> AcceptLoop();
  asio::awaitable<void> Session(std::shared_ptr<Connection> conn);
  asio::awaitable<Response> Dispatch(Request& req, std::string& route_label);
  Response Builtin(const Request& req);
  void BeginShutdown();
  void RefuseConnection(tcp::socket socket);
  void ConnectionDone(std::uint64_t id);
  void LogAccess(const Request& req, const std::string& remote, int status, double seconds,
                 std::size_t bytes);

  ServerOptions options;
  Router router;
  Authenticator authenticator;
  MetricsSource extra_metrics;
  internal::StaticFiles static_files;
  internal::Metrics metrics;

  std::atomic<bool> stopping{false};
  std::atomic<unsigned short> bound_port{0};
  bool listening = false;

  std::mutex conns_mu;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> conns;
  std::uint64_t next_conn_id = 0;
  // Touched only on the control strand.
  std::uint64_t refused_since_log = 0;
  SteadyClock::time_point last_refusal_log = SteadyClock::now() - kRefusalLogInterval;

  // Everything above outlives the io_context, whose destructor destroys suspended connection
  // frames. The pool is declared last so it is joined first, while the io_context and the
  // frames that blocking work points into still exist.
  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> control;  // acceptor, signals, shutdown timer
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer grace_timer;
  asio::thread_pool pool;
};

asio::awaitable<void> Server::Impl::AcceptLoop() {
  asio::steady_timer backoff(control);
  while (!stopping.load()) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTok);
    if (ec) {
      if (stopping.load() || !acceptor.is_open()) co_return;
      spdlog::warn("accept failed: {}", ec.message());
      backoff.expires_after(std::chrono::milliseconds(50));  // e.g. out of file descriptors
      co_await backoff.async_wait(kTok);
      continue;
    }
    if (stopping.load()) co_return;
    std::size_t open;
    {
      std::lock_guard lock(conns_mu);
      open = conns.size();
    }
    if (open >= options.max_connections) {
      RefuseConnection(std::move(socket));
      continue;
    }
    beast::error_code opt_ec;
    socket.set_option(tcp::no_delay(true), opt_ec);
    auto conn = std::make_shared<Connection>(std::move(socket));
    auto endpoint = conn->stream.socket().remote_endpoint(opt_ec);
    if (!opt_ec) conn->remote = endpoint.address().to_string();
    std::uint64_t id;
    {
      std::lock_guard lock(conns_mu);
      id = next_conn_id++;
      conns.emplace(id, conn);
    }
    auto executor = conn->stream.get_executor();
    asio::co_spawn(executor, Session(std::move(conn)), [this, id](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          spdlog::error("connection ended by an exception: {}", ex.what());
        } catch (...) {
          spdlog::error("connection ended by a non-standard exception");
        }
      }
      ConnectionDone(id);
    });
  }
}

// Runs on the control strand. A best-effort 503 written without waiting (a fresh socket's send
// buffer takes it), then the socket is closed. One warning per kRefusalLogInterval at most.
void Server::Impl::RefuseConnection(tcp::socket socket) {
  static const std::string kBusy = [] {
    std::string body =
        "{\"type\":\"https://rutile.example/problems/connection-limit\",\"title\":\"Service "
        "unavailable\",\"status\":503,\"detail\":\"too many open connections; retry later\","
        "\"code\":\"problem.unavailable\",\"params\":{}}";
    return "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: "
           "application/problem+json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  }();
  metrics.ConnectionRefused();
  beast::error_code ec;
  socket.non_blocking(true, ec);
  if (!ec) socket.write_some(asio::buffer(kBusy.data(), kBusy.size()), ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
  ++refused_since_log;
  auto now = SteadyClock::now();
  if (now - last_refusal_log >= kRefusalLogInterval) {
    spdlog::warn(
        "connection limit reached ({} open); refused {} connection(s) since the last "
        "warning",
        options.max_connections, refused_since_log);
    refused_since_log = 0;
    last_refusal_log = now;
  }
}

void Server::Impl::ConnectionDone(std::uint64_t id) {
  bool last = false;
  {
    std::lock_guard lock(conns_mu);
    conns.erase(id);
    last = conns.empty() && stopping.load();
  }
  if (last) {
    asio::post(control, [this] { grace_timer.cancel(); });
  }
}

// Runs on the control strand.
void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("http server shutting down");
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(conns_mu);
    for (auto& [id, weak] : conns) {
      if (auto c = weak.lock()) live.push_back(std::move(c));
    }
  }
  if (live.empty()) return;
  // Idle keep-alive connections are closed now; busy ones close after their response.
  for (auto& c : live) {
    asio::post(c->stream.get_executor(), [c] {
      if (c->idle) c->stream.cancel();
    });
  }
  grace_timer.expires_after(options.shutdown_grace);
  grace_timer.async_wait([this](beast::error_code wait_ec) {
    if (wait_ec) return;  // cancelled: every connection closed in time
    std::size_t open;
    {
      std::lock_guard lock(conns_mu);
      open = conns.size();
    }
    spdlog::warn("shutdown grace period over with {} connection(s) open; stopping", open);
    ioc.stop();
  });
}

Response Server::Impl::Builtin(const Request& req) {
  if (req.method != "GET" && req.method != "HEAD") return MethodNotAllowed({"GET", "HEAD"});
  if (req.path == "/healthz") return Json(boost::json::object{{"status", "ok"}});
  if (req.path == "/readyz") {
    if (stopping.load()) {
      return Problem(Unavailable("the server is shutting down"));
    }
    return Json(boost::json::object{{"status", "ready"}});
  }
  if (!options.metrics_access.Allows(req.remote_address,
                                     req.Header("authorization").value_or(""))) {
    if (options.metrics_access.mode == MetricsAccess::Mode::kToken) {
      return Unauthorized("/metrics needs the configured bearer token");
    }
    return Problem(403, "metrics-forbidden", "Forbidden",
                   "/metrics answers only clients on this machine (metrics-access)");
  }
  std::string text = metrics.Render();
  if (extra_metrics) {
    try {
      text += extra_metrics();
    } catch (const std::exception& e) {
      spdlog::error("extra metrics source threw: {}", e.what());
    }
  }
  return Text(std::move(text), "text/plain; version=0.0.4; charset=utf-8");
}

asio::awaitable<Response> Server::Impl::Dispatch(Request& req, std::string& route_label) {
  const std::string& path = req.path;
  if (path == "/healthz" || path == "/readyz" || path == "/metrics") {
    route_label = path;
    co_return Builtin(req);
  }
  Match match = router.Find(req.method, path, req);
  if (match.route == nullptr) {
    if (!match.allowed.empty()) {
      route_label = "unmatched";
      co_return MethodNotAllowed(match.allowed);
    }
    bool api = path == "/api" || path.starts_with("/api/");
    if (static_files.enabled() && !api && (req.method == "GET" || req.method == "HEAD")) {
      route_label = "static";
      co_return static_files.Serve(req);
    }
    route_label = "unmatched";
    co_return Problem(NotFound("no resource at this path"));
  }
  const Route& route = *match.route;
  route_label = route.pattern;

  if (!PassesCsrfCheck(req)) {
    co_return Problem(403, "csrf-origin", "Cross-site request refused",
                      "a request that changes data with a session cookie must come from this "
                      "site's own pages (Origin or Sec-Fetch-Site)");
  }

  if (auto token = ExtractToken(req)) {
    if (token->empty() || !authenticator) co_return Unauthorized("invalid or expired token");
    auto result = co_await asio::co_spawn(pool, AuthenticateOnPool(&authenticator, *token),
                                          asio::use_awaitable);
    if (!result->has_value()) {
      const Error& error = result->error();
      if (error.code() == ErrorCode::kUnauthenticated) {
        co_return Unauthorized("invalid or expired token");
      }
      co_return Problem(error);
    }
    req.principal = std::move(*result).value();
  }
  if (route.requires_login && req.principal.anonymous()) {
    co_return Unauthorized("this request needs a signed-in user");
  }

  if (route.execution == Execution::kInline) co_return CallHandler(route, req);
  co_return co_await asio::co_spawn(pool, RunHandlerOnPool(&route, &req), asio::use_awaitable);
}

void Server::Impl::LogAccess(const Request& req, const std::string& remote, int status,
                             double seconds, std::size_t bytes) {
  if (!options.access_log || !spdlog::default_logger_raw()->should_log(spdlog::level::info)) {
    return;
  }
  boost::json::object line;
  line["msg"] = "http";
  line["method"] = req.method;
  line["path"] = req.path;
  line["status"] = status;
  line["duration_ms"] = seconds * 1000.0;
  line["bytes"] = bytes;
  line["request_id"] = req.request_id;
  // The client as resolved through trusted proxies; the TCP peer too when it differs.
  const std::string& client = req.remote_address.empty() ? remote : req.remote_address;
  line["remote"] = client;
  if (client != remote) line["peer"] = remote;
  spdlog::info("{}", boost::json::serialize(line));
}

asio::awaitable<void> Server::Impl::Session(std::shared_ptr<Connection> conn) {
  beast::tcp_stream& stream = conn->stream;
  beast::flat_buffer buffer;
  bool first = true;
  metrics.ConnectionOpened();
  struct Closer {
    internal::Metrics& m;
    ~Closer() { m.ConnectionClosed(); }
  } closer{metrics};

  while (!stopping.load()) {
    if (buffer.size() == 0) {
      // Waiting for the next request: the only state in which shutdown may cut the connection.
      conn->idle = true;
      stream.expires_after(first ? options.header_timeout : options.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTok);
      conn->idle = false;
      if (ec) break;
      buffer.commit(n);
    }
    first = false;

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(kHeaderLimitBytes);
    parser.body_limit(options.body_limit_bytes);
    stream.expires_after(options.header_timeout);
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kTok);
    if (!ec && !parser.is_done()) {
      auto expect = parser.get()[bhttp::field::expect];
      if (IEquals(std::string_view(expect.data(), expect.size()), "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        stream.expires_after(options.idle_timeout);
        auto [wec, wn] = co_await asio::async_write(
            stream, asio::buffer(kContinue.data(), kContinue.size()), kTok);
        ec = wec;
      }
      if (!ec) {
        stream.expires_after(options.idle_timeout);
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTok);
        ec = bec;
      }
    }
    if (ec && IsNetworkError(ec)) break;

    SteadyClock::time_point start = SteadyClock::now();
    metrics.RequestStarted();
    Request req;
    Response res;
    std::string route_label = "unmatched";
    bool close = false;
    unsigned version = 11;
    if (ec) {
      close = true;
      req.method = "-";
      if (ec == bhttp::error::body_limit) {
        res = Problem(413, "payload-too-large", "Payload too large",
                      "the request body is larger than " +
                          std::to_string(options.body_limit_bytes) + " bytes");
      } else if (ec == bhttp::error::header_limit) {
        res = Problem(
            431, "headers-too-large", "Request header fields too large",
            "the request headers are larger than " + std::to_string(kHeaderLimitBytes) + " bytes");
      } else {
        res = Problem(InvalidArgument("malformed HTTP request: " + ec.message()));
      }
      req.request_id = NewRequestId();
    } else {
      auto& msg = parser.get();
      version = msg.version();
      close = !msg.keep_alive();
      std::vector<internal::RawHeader> headers;
      headers.reserve(16);
      for (const auto& field : msg) {
        headers.push_back({std::string_view(field.name_string().data(), field.name_string().size()),
                           std::string_view(field.value().data(), field.value().size())});
      }
      auto built = internal::BuildRequest(
          std::string_view(msg.method_string().data(), msg.method_string().size()),
          std::string_view(msg.target().data(), msg.target().size()), headers,
          std::move(msg.body()));
      if (built.has_value()) {
        req = std::move(built).value();
        ClientOrigin origin = ResolveClient(options.trusted_proxies, conn->remote, req.headers);
        req.remote_address = std::move(origin.address);
        req.secure = origin.secure;
        auto incoming = req.Header("x-request-id");
        req.request_id =
            incoming && internal::IsSaneRequestId(*incoming) ? *incoming : NewRequestId();
        try {
          res = co_await Dispatch(req, route_label);
        } catch (const std::exception& e) {
          spdlog::error("request {} failed: {}", req.request_id, e.what());
          res = Problem(Internal("request failed"));
        }
      } else {
        req.method = std::string(msg.method_string());
        req.request_id = NewRequestId();
        res = Problem(built.error());
        close = true;
      }
    }

    // Response headers.
    bhttp::response<bhttp::string_body> out;
    out.version(version);
    out.result(static_cast<unsigned>(res.status));
    out.set(bhttp::field::server, "rutile");
    if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
    for (const auto& [name, value] : res.headers) {
      if (SafeHeaderText(name) && SafeHeaderText(value) && !name.empty()) out.set(name, value);
    }
    if (!HasHeader(res, "cache-control")) out.set(bhttp::field::cache_control, "no-store");
    if (!HasHeader(res, "x-content-type-options")) {
      out.set("X-Content-Type-Options", "nosniff");
    }
    if (!HasHeader(res, "content-security-policy") && !options.content_security_policy.empty()) {
      out.set("Content-Security-Policy", options.content_security_policy);
    }
    if (!HasHeader(res, "referrer-policy")) {
      out.set("Referrer-Policy", "strict-origin-when-cross-origin");
    }
    if (!HasHeader(res, "x-frame-options")) out.set("X-Frame-Options", "DENY");
    if (req.secure) out.set("Strict-Transport-Security", "max-age=31536000");
    out.set("X-Request-Id", req.request_id);
    out.keep_alive(!close && !stopping.load());
    std::size_t body_bytes = res.body.size();
    bool no_body =
        res.status == 204 || res.status == 304 || (res.status >= 100 && res.status < 200);
    if (no_body) {
      body_bytes = 0;
    } else if (req.method == "HEAD") {
      out.content_length(res.body.size());
      body_bytes = 0;
    } else {
      out.body() = std::move(res.body);
      out.prepare_payload();
    }
    bool keep_alive = out.keep_alive();

    stream.expires_after(options.idle_timeout);
    auto [wec, wn] = co_await bhttp::async_write(stream, out, kTok);
    double seconds = std::chrono::duration<double>(SteadyClock::now() - start).count();
    metrics.RequestFinished();
    metrics.Record(req.method, route_label, res.status, seconds);
    LogAccess(req, conn->remote, res.status, seconds, body_bytes);
    if (wec || !keep_alive) break;
  }
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.socket().close(ec);
}

Server::Server(ServerOptions options, Router router, Authenticator authenticator,
               MetricsSource extra_metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router), std::move(authenticator),
                                   std::move(extra_metrics))) {}

Server::~Server() {
  if (impl_) impl_->pool.join();
}

Status Server::Listen() {
  Impl& s = *impl_;
  if (s.listening) return Ok();
  beast::error_code ec;
  auto address = asio::ip::make_address(s.options.host, ec);
  if (ec) return InvalidArgument("bad listen address \"" + s.options.host + "\": " + ec.message());
  tcp::endpoint endpoint(address, s.options.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    return Unavailable("cannot listen on " + s.options.host + ":" + std::to_string(s.options.port) +
                       ": " + ec.message());
  }
  s.bound_port = s.acceptor.local_endpoint(ec).port();
  s.listening = true;
  return Ok();
}

unsigned short Server::BoundPort() const { return impl_->bound_port.load(); }

void Server::Run() {
  Impl& s = *impl_;
  if (!s.listening) {
    Status st = Listen();
    if (!st.has_value()) {
      spdlog::error("http server: {}", st.error().ToString());
      return;
    }
  }
  spdlog::info("http server listening on {}:{}", s.options.host, s.bound_port.load());
  if (!s.options.static_dir.empty() && !s.static_files.enabled()) {
    spdlog::warn("static directory \"{}\" not found; only the API is served", s.options.static_dir);
  }
  asio::co_spawn(s.control, s.AcceptLoop(), [](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      spdlog::error("accept loop ended by an exception: {}", ex.what());
    } catch (...) {
    }
  });
  if (s.options.handle_signals) {
    beast::error_code ec;
    s.signals.add(SIGINT, ec);
    s.signals.add(SIGTERM, ec);
    s.signals.async_wait([&s](beast::error_code wait_ec, int signal) {
      if (wait_ec) return;
      spdlog::info("signal {} received", signal);
      s.BeginShutdown();
    });
  }
  std::vector<std::thread> threads;
  for (int i = 1; i < s.options.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  spdlog::info("http server stopped");
}

void Server::Stop() {
  Impl* s = impl_.get();
  asio::post(s->control, [s] { s->BeginShutdown(); });
}

}  // namespace rutile::http
