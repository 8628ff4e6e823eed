// The rutile_http server with trivial routes, for bench/http/run.sh. Serves the built-in
// /healthz, an inline router route /api/v1/ping and a blocking (worker pool) route
// /api/v1/ping-blocking. Usage: rutile_http_bench_server PORT [IO_THREADS] [WORKER_THREADS]
#include <boost/json/object.hpp>
#include <cstdlib>
#include <iostream>

#include "rutile/http/server.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: rutile_http_bench_server PORT [IO_THREADS] [WORKER_THREADS]\n";
    return 2;
  }
  rutile::http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = static_cast<unsigned short>(std::atoi(argv[1]));
  options.io_threads = argc > 2 ? std::atoi(argv[2]) : 2;
  options.worker_threads = argc > 3 ? std::atoi(argv[3]) : 2;
  options.shutdown_grace = std::chrono::seconds(2);

  auto ok = [](rutile::http::Request&) {
    return rutile::http::Json(boost::json::object{{"status", "ok"}});
  };
  rutile::http::Router router;
  router.Get("/healthz", ok, rutile::http::Execution::kInline);  // the built-in answers first
  router.Get("/api/v1/ping", ok, rutile::http::Execution::kInline);
  router.Get("/api/v1/ping-blocking", ok, rutile::http::Execution::kBlocking);

  rutile::http::Server server(options, std::move(router), {});
  rutile::Status listening = server.Listen();
  if (!listening.has_value()) {
    std::cerr << listening.error().ToString() << "\n";
    return 1;
  }
  server.Run();
  return 0;
}
