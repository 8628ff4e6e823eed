// Starts rutile::http::Server in-process on port 0 and talks to it with a small blocking Beast
// client over loopback. Synchronisation uses promises and socket events, never sleeps.
#include "rutile/http/server.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

namespace rutile::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;
using HttpResponse = bhttp::response<bhttp::string_body>;

constexpr std::string_view kGoodToken = "good-token";

class Client {
 public:
  explicit Client(unsigned short port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  HttpResponse Send(std::string method, std::string target, std::string body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    bhttp::request<bhttp::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(bhttp::field::host, "127.0.0.1");
    for (auto& [n, v] : headers) req.set(n, v);
    req.body() = std::move(body);
    req.prepare_payload();
    bhttp::write(socket_, req);
    return Read(method == "HEAD");
  }

  HttpResponse Read(bool head = false) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.skip(head);
    parser.body_limit(64 << 20);
    bhttp::read(socket_, buffer_, parser);
    return parser.release();
  }

  void WriteRaw(std::string_view raw) {
    asio::write(socket_, asio::buffer(raw.data(), raw.size()));
  }

  // True when the server closed the connection (read hits EOF).
  bool WaitForClose() {
    char c;
    beast::error_code ec;
    socket_.read_some(asio::buffer(&c, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

boost::json::object JsonOf(const HttpResponse& r) {
  return boost::json::parse(r.body()).as_object();
}

std::string HeaderOf(const HttpResponse& r, std::string_view name) {
  auto it = r.find(beast::string_view(name.data(), name.size()));
  return it == r.end() ? "" : std::string(it->value());
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("rutile_http_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "www" / "assets");
    std::ofstream(base_ / "www" / "index.html") << "<!doctype html><title>Rutile</title>";
    std::ofstream(base_ / "www" / "assets" / "app-abc.js") << "console.log('rutile')";
    std::ofstream(base_ / "www" / "manifest.webmanifest") << "{}";
    std::ofstream(base_ / "secret.txt") << "top secret";
  }

  void TearDown() override {
    if (server_) {
      server_->Stop();
      if (thread_.joinable()) thread_.join();
    }
    fs::remove_all(base_);
  }

  static ServerOptions TestOptions() {
    ServerOptions options;
    options.handle_signals = false;
    options.access_log = false;
    return options;
  }

  void Start(ServerOptions options = TestOptions()) {
    Router router;
    router.Get("/api/v1/hello", [](Request&) {
      return Json(boost::json::object{{"hello", "ti"}});
    });
    router.Get("/api/v1/orgs/{id}", [](Request& r) {
      return Json(boost::json::object{{"id", r.PathParam("id")}, {"q", r.Query("q").value_or("")}});
    });
    router.Get("/api/v1/orgs/mine", [](Request&) { return Text("mine"); });
    router.Post("/api/v1/echo", [](Request& r) { return Text(r.body); });
    router.Delete("/api/v1/orgs/{id}", [](Request&) { return NoContent(); });
    router.Get("/api/v1/whoami", [](Request& r) {
      return Json(boost::json::object{{"user_id", r.principal.user_id}});
    });
    router.Add(Route{"GET", "/api/v1/private",
                     [](Request& r) {
                       return Json(boost::json::object{{"user_id", r.principal.user_id}});
                     },
                     Execution::kBlocking, true});
    router.Get("/api/v1/throws", [](Request&) -> Response { throw std::runtime_error("boom"); });
    router.Get("/api/v1/error", [](Request&) { return Problem(Conflict("version mismatch")); });
    router.Get("/api/v1/cached", [](Request&) {
      Response r = Text("x");
      r.SetHeader("Cache-Control", "max-age=60");
      return r;
    });
    router.Get(
        "/api/v1/thread/inline",
        [this](Request&) {
          inline_thread_ = std::this_thread::get_id();
          return Text("inline");
        },
        Execution::kInline);
    router.Get("/api/v1/thread/blocking", [this](Request&) {
      blocking_thread_ = std::this_thread::get_id();
      return Text("blocking");
    });
    router.Get("/api/v1/slow", [this](Request&) {
      slow_entered_.set_value();
      slow_release_.get_future().wait();
      return Text("slow done");
    });

    options.host = "127.0.0.1";
    options.port = 0;
    options.io_threads = 1;
    options.worker_threads = 2;
    options.body_limit_bytes = 1024;
    if (options.static_dir.empty()) options.static_dir = (base_ / "www").string();
    Authenticator auth = [](const std::string& token) -> Result<access::Principal> {
      if (token != kGoodToken) return Unauthenticated("unknown token");
      access::Principal p;
      p.user_id = 7;
      return p;
    };
    server_ = std::make_unique<Server>(options, std::move(router), auth,
                                       [] { return std::string("rutile_test_extra 1\n"); });
    Status listened = server_->Listen();
    ASSERT_TRUE(listened.has_value()) << listened.error().ToString();
    ASSERT_NE(server_->BoundPort(), 0);
    thread_ = std::thread([this] { server_->Run(); });
  }

  unsigned short port() const { return server_->BoundPort(); }

  fs::path base_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::thread::id inline_thread_, blocking_thread_;
  std::promise<void> slow_entered_, slow_release_;
};

void ExpectProblem(const HttpResponse& r, int status, std::string_view slug) {
  EXPECT_EQ(r.result_int(), status);
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/problem+json");
  auto body = JsonOf(r);
  EXPECT_EQ(body.at("type").as_string(), "https://rutile.example/problems/" + std::string(slug));
  EXPECT_EQ(body.at("status").as_int64(), status);
  EXPECT_TRUE(body.contains("title"));
  EXPECT_TRUE(body.contains("detail"));
}

TEST_F(ServerTest, RoutesAndPathParams) {
  Start();
  Client c(port());
  HttpResponse hello = c.Send("GET", "/api/v1/hello");
  EXPECT_EQ(hello.result_int(), 200);
  EXPECT_EQ(hello.body(), R"({"hello":"ti"})");
  EXPECT_EQ(HeaderOf(hello, "Content-Type"), "application/json");
  EXPECT_EQ(HeaderOf(hello, "Cache-Control"), "no-store");

  HttpResponse org = c.Send("GET", "/api/v1/orgs/42?q=a%20b");
  EXPECT_EQ(org.body(), R"({"id":"42","q":"a b"})");
  EXPECT_EQ(c.Send("GET", "/api/v1/orgs/mine").body(), "mine");
  EXPECT_EQ(c.Send("POST", "/api/v1/echo", "payload", {{"Content-Type", "text/plain"}}).body(),
            "payload");
  HttpResponse deleted = c.Send("DELETE", "/api/v1/orgs/1");
  EXPECT_EQ(deleted.result_int(), 204);
  EXPECT_TRUE(deleted.body().empty());
  EXPECT_EQ(HeaderOf(c.Send("GET", "/api/v1/cached"), "Cache-Control"), "max-age=60");
}

TEST_F(ServerTest, NotFoundAndMethodNotAllowedAreProblems) {
  Start();
  Client c(port());
  ExpectProblem(c.Send("GET", "/api/v1/nothing"), 404, "not-found");
  HttpResponse wrong = c.Send("PUT", "/api/v1/orgs/3");
  ExpectProblem(wrong, 405, "method-not-allowed");
  EXPECT_EQ(HeaderOf(wrong, "Allow"), "DELETE, GET, HEAD");
  HttpResponse conflict = c.Send("GET", "/api/v1/error");
  ExpectProblem(conflict, 409, "conflict");
  EXPECT_EQ(JsonOf(conflict).at("detail").as_string(), "version mismatch");
  ExpectProblem(c.Send("POST", "/healthz"), 405, "method-not-allowed");
}

TEST_F(ServerTest, HeadIsAnsweredByGetRoutesWithoutBody) {
  Start();
  Client c(port());
  HttpResponse head = c.Send("HEAD", "/api/v1/hello");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(HeaderOf(head, "Content-Length"), "14");
  EXPECT_TRUE(head.body().empty());
  EXPECT_EQ(c.Send("GET", "/api/v1/hello").body(), R"({"hello":"ti"})");  // same connection
}

TEST_F(ServerTest, BodyLimitGives413) {
  Start();
  Client c(port());
  HttpResponse r = c.Send("POST", "/api/v1/echo", std::string(2000, 'x'));
  ExpectProblem(r, 413, "payload-too-large");
  EXPECT_FALSE(r.keep_alive());
  EXPECT_FALSE(HeaderOf(r, "X-Request-Id").empty());
}

TEST_F(ServerTest, MalformedRequestGives400) {
  Start();
  {
    Client c(port());
    c.WriteRaw("GARBAGE\x01 / HTTP/1.1\r\n\r\n");
    ExpectProblem(c.Read(), 400, "invalid-argument");
  }
  {
    Client c(port());
    c.WriteRaw("GET / HTTP/1.1\r\nBad Header Line\r\n\r\n");
    ExpectProblem(c.Read(), 400, "invalid-argument");
  }
  {
    Client c(port());
    c.WriteRaw("GET http://evil.example/x HTTP/1.1\r\nHost: x\r\n\r\n");
    ExpectProblem(c.Read(), 400, "invalid-argument");
  }
}

TEST_F(ServerTest, KeepAliveReusesOneConnection) {
  Start();
  Client c(port());
  for (int i = 0; i < 5; ++i) {
    HttpResponse r = c.Send("GET", "/api/v1/hello");
    EXPECT_EQ(r.result_int(), 200);
    EXPECT_TRUE(r.keep_alive());
  }
  HttpResponse last = c.Send("GET", "/api/v1/hello", "", {{"Connection", "close"}});
  EXPECT_FALSE(last.keep_alive());
  EXPECT_TRUE(c.WaitForClose());
  Client m(port());
  std::string metrics = m.Send("GET", "/metrics").body();
  EXPECT_NE(metrics.find("route=\"/api/v1/hello\",status=\"200\"} 6"), std::string::npos)
      << metrics;
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Start();
  Client c(port());
  c.WriteRaw(
      "GET /api/v1/orgs/1 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/orgs/2 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(JsonOf(c.Read()).at("id").as_string(), "1");
  EXPECT_EQ(JsonOf(c.Read()).at("id").as_string(), "2");
  HttpResponse missing = c.Read();
  ExpectProblem(missing, 404, "not-found");
  EXPECT_EQ(HeaderOf(missing, "Cache-Control"), "no-store");
}

TEST_F(ServerTest, RequestIdIsEchoedOrGenerated) {
  Start();
  Client c(port());
  EXPECT_EQ(HeaderOf(c.Send("GET", "/api/v1/hello", "", {{"X-Request-Id", "req-123.abc"}}),
                     "X-Request-Id"),
            "req-123.abc");
  std::string generated = HeaderOf(c.Send("GET", "/api/v1/hello"), "X-Request-Id");
  EXPECT_EQ(generated.size(), 32u);
  std::string replaced = HeaderOf(
      c.Send("GET", "/api/v1/nothing", "", {{"X-Request-Id", "bad id<script>"}}), "X-Request-Id");
  EXPECT_EQ(replaced.size(), 32u);
  EXPECT_NE(replaced, generated);
}

TEST_F(ServerTest, Authentication) {
  Start();
  Client c(port());
  EXPECT_EQ(JsonOf(c.Send("GET", "/api/v1/whoami")).at("user_id").as_int64(), 0);
  EXPECT_EQ(JsonOf(c.Send("GET", "/api/v1/whoami", "",
                          {{"Authorization", "Bearer " + std::string(kGoodToken)}}))
                .at("user_id")
                .as_int64(),
            7);
  EXPECT_EQ(JsonOf(c.Send("GET", "/api/v1/whoami", "",
                          {{"Cookie", "theme=dark; rutile_session=" + std::string(kGoodToken)}}))
                .at("user_id")
                .as_int64(),
            7);
  HttpResponse bad = c.Send("GET", "/api/v1/whoami", "", {{"Authorization", "Bearer not-a-token"}});
  ExpectProblem(bad, 401, "unauthenticated");
  EXPECT_EQ(JsonOf(bad).at("detail").as_string(), "invalid or expired token");
  EXPECT_EQ(HeaderOf(bad, "WWW-Authenticate"), "Bearer");
  ExpectProblem(c.Send("GET", "/api/v1/whoami", "", {{"Authorization", "Basic dTpw"}}), 401,
                "unauthenticated");

  ExpectProblem(c.Send("GET", "/api/v1/private"), 401, "unauthenticated");
  HttpResponse ok = c.Send("GET", "/api/v1/private", "",
                           {{"Authorization", "Bearer " + std::string(kGoodToken)}});
  EXPECT_EQ(ok.result_int(), 200);
  EXPECT_EQ(JsonOf(ok).at("user_id").as_int64(), 7);
}

TEST_F(ServerTest, BlockingHandlersRunOffTheIoThread) {
  Start();
  Client c(port());
  EXPECT_EQ(c.Send("GET", "/api/v1/thread/inline").body(), "inline");
  EXPECT_EQ(c.Send("GET", "/api/v1/thread/blocking").body(), "blocking");
  EXPECT_NE(inline_thread_, std::thread::id());
  EXPECT_NE(blocking_thread_, std::thread::id());
  EXPECT_NE(inline_thread_, blocking_thread_);
  EXPECT_NE(blocking_thread_, thread_.get_id());  // thread_ is the (only) io thread
  EXPECT_EQ(inline_thread_, thread_.get_id());
}

TEST_F(ServerTest, HandlerExceptionGives500AndServerKeepsServing) {
  Start();
  Client c(port());
  HttpResponse r = c.Send("GET", "/api/v1/throws");
  ExpectProblem(r, 500, "internal");
  EXPECT_EQ(JsonOf(r).at("detail").as_string().find("boom"), std::string::npos);
  EXPECT_EQ(c.Send("GET", "/api/v1/hello").result_int(), 200);
}

TEST_F(ServerTest, StaticFilesSpaFallbackAndTraversal) {
  Start();
  Client c(port());
  HttpResponse index = c.Send("GET", "/");
  EXPECT_EQ(index.result_int(), 200);
  EXPECT_EQ(HeaderOf(index, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
  HttpResponse asset = c.Send("GET", "/assets/app-abc.js");
  EXPECT_EQ(asset.body(), "console.log('rutile')");
  EXPECT_EQ(HeaderOf(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOf(c.Send("GET", "/manifest.webmanifest"), "Content-Type"),
            "application/manifest+json");
  HttpResponse spa = c.Send("GET", "/equipment/42/history");
  EXPECT_EQ(spa.result_int(), 200);
  EXPECT_EQ(spa.body(), index.body());
  std::string etag = HeaderOf(index, "ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(c.Send("GET", "/", "", {{"If-None-Match", etag}}).result_int(), 304);
  EXPECT_EQ(c.Send("GET", "/missing.css").result_int(), 404);
  ExpectProblem(c.Send("GET", "/api/v2/unknown"), 404, "not-found");  // never the SPA shell
  for (std::string target : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/../secret.txt",
                             "/..%2fsecret.txt", "/%2e%2e%5csecret.txt"}) {
    Client t(port());
    HttpResponse r = t.Send("GET", target);
    EXPECT_NE(r.result_int(), 200) << target;
    EXPECT_EQ(r.body().find("top secret"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, BuiltinHealthReadinessAndMetrics) {
  Start();
  Client c(port());
  EXPECT_EQ(c.Send("GET", "/healthz").body(), R"({"status":"ok"})");
  EXPECT_EQ(c.Send("GET", "/readyz").result_int(), 200);
  c.Send("GET", "/api/v1/orgs/1");
  c.Send("GET", "/api/v1/orgs/2");
  c.Send("GET", "/api/v1/nope");
  HttpResponse m = c.Send("GET", "/metrics");
  EXPECT_EQ(m.result_int(), 200);
  EXPECT_EQ(HeaderOf(m, "Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = m.body();
  EXPECT_NE(text.find("rutile_http_requests_total{method=\"GET\",route=\"/api/v1/orgs/{id}\","
                      "status=\"200\"} 2"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("/api/v1/orgs/1"), std::string::npos);  // patterns, not raw paths
  EXPECT_NE(text.find("route=\"unmatched\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(text.find("rutile_http_request_duration_seconds_bucket{route=\"/api/v1/orgs/{id}\""),
            std::string::npos);
  EXPECT_NE(text.find("rutile_http_requests_in_flight 1"), std::string::npos);  // this request
  EXPECT_NE(text.find("rutile_test_extra 1"), std::string::npos);
}

TEST_F(ServerTest, GracefulStopLetsTheInFlightRequestFinish) {
  Start();
  Client idle(port());
  EXPECT_EQ(idle.Send("GET", "/healthz").result_int(), 200);  // now an idle keep-alive connection

  Client slow(port());
  slow.WriteRaw("GET /api/v1/slow HTTP/1.1\r\nHost: x\r\n\r\n");
  slow_entered_.get_future().wait();  // the handler is running on the pool

  server_->Stop();
  EXPECT_TRUE(idle.WaitForClose());  // shutdown has begun: idle connections are closed
  slow_release_.set_value();
  HttpResponse r = slow.Read();
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "slow done");
  EXPECT_FALSE(r.keep_alive());
  thread_.join();  // Run() returns once the last connection is gone

  beast::error_code ec;
  asio::io_context ioc;
  tcp::socket s(ioc);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()), ec);
  EXPECT_TRUE(ec);  // no longer accepting
}

TEST_F(ServerTest, GraceExpiryEndsRunEvenWithABlockedHandler) {
  ServerOptions options = TestOptions();
  options.shutdown_grace = std::chrono::seconds(0);
  Start(options);
  Client slow(port());
  slow.WriteRaw("GET /api/v1/slow HTTP/1.1\r\nHost: x\r\n\r\n");
  slow_entered_.get_future().wait();
  server_->Stop();
  thread_.join();  // returns although the handler is still blocked
  slow_release_.set_value();
  server_.reset();  // joins the worker pool
  EXPECT_TRUE(slow.WaitForClose());
}

TEST_F(ServerTest, SigtermStopsTheServer) {
  ServerOptions options = TestOptions();
  options.handle_signals = true;
  Start(options);
  Client c(port());
  // Run() installs the signal handler before it serves, so an answer means it is in place.
  EXPECT_EQ(c.Send("GET", "/healthz").result_int(), 200);
  ASSERT_EQ(::raise(SIGTERM), 0);
  EXPECT_TRUE(c.WaitForClose());
  thread_.join();
}

TEST_F(ServerTest, SlowHeadersAreCutAtTheHeaderTimeout) {
  ServerOptions options = TestOptions();
  options.header_timeout = std::chrono::seconds(1);
  Start(options);
  Client c(port());
  c.WriteRaw("GET /api/v1/hello HTTP/1.1\r\nHost: x\r\n");  // never finishes the headers
  EXPECT_TRUE(c.WaitForClose());
}

TEST_F(ServerTest, ExpectContinueIsAnswered) {
  Start();
  Client c(port());
  c.WriteRaw(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
      "Content-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(c.Read().result_int(), 100);
  c.WriteRaw("hello");
  HttpResponse r = c.Read();
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "hello");
}

TEST_F(ServerTest, AccessLogLineWithoutSecrets) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  ServerOptions options = TestOptions();
  options.access_log = true;
  Start(options);
  {
    Client c(port());
    c.Send("GET", "/api/v1/whoami?token=query-secret", "",
           {{"Authorization", "Bearer " + std::string(kGoodToken)},
            {"Cookie", "rutile_session=cookie-secret"},
            {"X-Request-Id", "log-check-1"}});
    // The first line is written before the connection reads its next request.
    c.Send("GET", "/healthz");
  }
  spdlog::set_default_logger(previous);
  std::string log = captured.str();
  std::size_t at = log.find("\"request_id\":\"log-check-1\"");
  ASSERT_NE(at, std::string::npos) << log;
  std::size_t begin = log.rfind('{', at);
  std::size_t end = log.find('\n', at);
  auto line = boost::json::parse(log.substr(begin, end - begin)).as_object();
  EXPECT_EQ(line.at("method").as_string(), "GET");
  EXPECT_EQ(line.at("path").as_string(), "/api/v1/whoami");
  EXPECT_EQ(line.at("status").as_int64(), 200);
  EXPECT_EQ(line.at("remote").as_string(), "127.0.0.1");
  EXPECT_TRUE(line.contains("duration_ms"));
  EXPECT_TRUE(line.contains("bytes"));
  EXPECT_EQ(log.find(kGoodToken), std::string::npos);
  EXPECT_EQ(log.find("cookie-secret"), std::string::npos);
  EXPECT_EQ(log.find("query-secret"), std::string::npos);
}

TEST_F(ServerTest, CsrfRefusesCookieWritesFromAnotherOrigin) {
  Start();
  Client c(port());
  const std::string cookie = "rutile_session=" + std::string(kGoodToken);
  const std::string own = "http://127.0.0.1";  // the client sends Host: 127.0.0.1
  ExpectProblem(c.Send("POST", "/api/v1/echo", "x", {{"Cookie", cookie}}), 403, "csrf-origin");
  ExpectProblem(c.Send("POST", "/api/v1/echo", "", {{"Cookie", cookie}}), 403, "csrf-origin");
  ExpectProblem(c.Send("DELETE", "/api/v1/orgs/1", "", {{"Cookie", cookie}}), 403, "csrf-origin");
  ExpectProblem(
      c.Send("POST", "/api/v1/echo", "x", {{"Cookie", cookie}, {"Origin", "http://evil.test"}}),
      403, "csrf-origin");
  ExpectProblem(c.Send("POST", "/api/v1/echo", "x", {{"Cookie", cookie}, {"Origin", "null"}}), 403,
                "csrf-origin");
  ExpectProblem(
      c.Send("POST", "/api/v1/echo", "x", {{"Cookie", cookie}, {"Origin", "https://127.0.0.1"}}),
      403, "csrf-origin");
  ExpectProblem(
      c.Send("POST", "/api/v1/echo", "x", {{"Cookie", cookie}, {"Sec-Fetch-Site", "cross-site"}}),
      403, "csrf-origin");

  EXPECT_EQ(c.Send("POST", "/api/v1/echo", "x", {{"Cookie", cookie}, {"Origin", own}}).body(), "x");
  EXPECT_EQ(
      c.Send("POST", "/api/v1/echo", "x", {{"Cookie", cookie}, {"Origin", "HTTP://127.0.0.1:80"}})
          .result_int(),
      200);
  EXPECT_EQ(c.Send("POST", "/api/v1/echo", "x", {{"Cookie", cookie}, {"Sec-Fetch-Site", "none"}})
                .result_int(),
            200);
  EXPECT_EQ(
      c.Send("POST", "/api/v1/echo", "x", {{"Cookie", cookie}, {"Sec-Fetch-Site", "same-origin"}})
          .result_int(),
      200);
  EXPECT_EQ(
      c.Send("DELETE", "/api/v1/orgs/1", "", {{"Cookie", cookie}, {"Origin", own}}).result_int(),
      204);
  // Bearer tokens, anonymous writes and cookie reads are not affected.
  EXPECT_EQ(c.Send("POST", "/api/v1/echo", "x",
                   {{"Cookie", cookie}, {"Authorization", "Bearer " + std::string(kGoodToken)}})
                .result_int(),
            200);
  EXPECT_EQ(c.Send("POST", "/api/v1/echo", "x").result_int(), 200);
  EXPECT_EQ(c.Send("POST", "/api/v1/echo", "x", {{"Cookie", "theme=dark"}}).result_int(), 200);
  EXPECT_EQ(c.Send("GET", "/api/v1/whoami", "", {{"Cookie", cookie}}).result_int(), 200);
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
  Start();
  Client c(port());
  for (const char* path :
       {"/api/v1/hello", "/", "/assets/app-abc.js", "/api/v1/nope", "/healthz"}) {
    HttpResponse r = c.Send("GET", path);
    EXPECT_EQ(HeaderOf(r, "Content-Security-Policy"), kDefaultContentSecurityPolicy) << path;
    EXPECT_EQ(HeaderOf(r, "X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(HeaderOf(r, "X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(HeaderOf(r, "Referrer-Policy"), "strict-origin-when-cross-origin") << path;
    EXPECT_EQ(HeaderOf(r, "Strict-Transport-Security"), "") << path;
  }
  // A forged X-Forwarded-Proto from an untrusted peer does not turn HSTS on.
  EXPECT_EQ(HeaderOf(c.Send("GET", "/api/v1/hello", "", {{"X-Forwarded-Proto", "https"}}),
                     "Strict-Transport-Security"),
            "");
}

TEST_F(ServerTest, TrustedProxyGivesClientAddressAndScheme) {
  ServerOptions options = TestOptions();
  options.trusted_proxies = TrustedProxies::Parse("127.0.0.1").value();
  Start(options);
  Client c(port());
  HttpResponse r =
      c.Send("GET", "/api/v1/hello", "",
             {{"X-Forwarded-For", "203.0.113.1, 198.51.100.7"}, {"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(HeaderOf(r, "Strict-Transport-Security"), "max-age=31536000");
  // The CSRF check compares Origin with the forwarded scheme.
  const std::string cookie = "rutile_session=" + std::string(kGoodToken);
  EXPECT_EQ(
      c.Send("POST", "/api/v1/echo", "x",
             {{"Cookie", cookie}, {"X-Forwarded-Proto", "https"}, {"Origin", "https://127.0.0.1"}})
          .result_int(),
      200);
  ExpectProblem(
      c.Send("POST", "/api/v1/echo", "x",
             {{"Cookie", cookie}, {"X-Forwarded-Proto", "https"}, {"Origin", "http://127.0.0.1"}}),
      403, "csrf-origin");
  // /metrics (loopback only) sees the forwarded client, not the proxy.
  ExpectProblem(c.Send("GET", "/metrics", "", {{"X-Forwarded-For", "198.51.100.7"}}), 403,
                "metrics-forbidden");
  EXPECT_EQ(c.Send("GET", "/metrics").result_int(), 200);
}

TEST_F(ServerTest, MetricsTokenAccess) {
  ServerOptions options = TestOptions();
  options.metrics_access = MetricsAccess::Parse("token:0123456789abcdef").value();
  Start(options);
  Client c(port());
  HttpResponse refused = c.Send("GET", "/metrics");
  ExpectProblem(refused, 401, "unauthenticated");
  EXPECT_EQ(HeaderOf(refused, "WWW-Authenticate"), "Bearer");
  EXPECT_EQ(
      c.Send("GET", "/metrics", "", {{"Authorization", "Bearer 0123456789abcdef"}}).result_int(),
      200);
}

TEST_F(ServerTest, ConnectionsBeyondTheLimitGet503AndAreClosed) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  ServerOptions options = TestOptions();
  options.max_connections = 2;
  Start(options);
  {
    Client a(port());
    Client b(port());
    EXPECT_EQ(a.Send("GET", "/healthz").result_int(), 200);  // both accepted and counted
    EXPECT_EQ(b.Send("GET", "/healthz").result_int(), 200);
    for (int i = 0; i < 3; ++i) {
      Client extra(port());
      HttpResponse r = extra.Read();
      EXPECT_EQ(r.result_int(), 503);
      EXPECT_EQ(HeaderOf(r, "Retry-After"), "1");
      EXPECT_TRUE(extra.WaitForClose());
    }
    std::string text = a.Send("GET", "/metrics").body();
    EXPECT_NE(text.find("rutile_http_connections_refused_total 3\n"), std::string::npos) << text;
    EXPECT_NE(text.find("rutile_http_connections_limit 2\n"), std::string::npos) << text;
  }
  spdlog::set_default_logger(previous);
  std::string log = captured.str();
  std::size_t first = log.find("connection limit reached");
  ASSERT_NE(first, std::string::npos) << log;
  EXPECT_EQ(log.find("connection limit reached", first + 1), std::string::npos) << log;
}

TEST_F(ServerTest, StopWithNoConnectionsReturnsPromptly) {
  Start();
  server_->Stop();
  thread_.join();
  SUCCEED();
}

}  // namespace
}  // namespace rutile::http
