// Router: maps method + path pattern ("/api/v1/orgs/{id}") to a handler. Built once at start,
// read-only while serving, so lookups need no lock.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/http/request.h"
#include "rutile/http/response.h"

namespace rutile::http {

using Handler = std::function<Response(Request&)>;

enum class Execution {
  kBlocking,  // runs on the worker pool: may touch the database (the default)
  kInline,    // runs on the I/O thread: must not block (health checks, static answers)
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  Execution execution = Execution::kBlocking;
  bool requires_login = false;  // 401 before the handler when the caller is anonymous
};

struct Match {
  const Route* route = nullptr;      // null: no route for this path and method
  std::vector<std::string> allowed;  // methods that exist for the path (for 405 + Allow)
};

class Router {
 public:
  void Add(Route route);
  void Get(std::string pattern, Handler h, Execution e = Execution::kBlocking);
  void Post(std::string pattern, Handler h, Execution e = Execution::kBlocking);
  void Put(std::string pattern, Handler h, Execution e = Execution::kBlocking);
  void Patch(std::string pattern, Handler h, Execution e = Execution::kBlocking);
  void Delete(std::string pattern, Handler h, Execution e = Execution::kBlocking);

  // Fills request.path_params on a match.
  Match Find(std::string_view method, std::string_view path, Request& request) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace rutile::http
