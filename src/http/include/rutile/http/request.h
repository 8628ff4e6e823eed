// Request: what a handler sees of one HTTP request. No Beast types leak out of src/http.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"

namespace rutile::http {

// Header names are stored lower-case.
struct Request {
  std::string method;                             // "GET", "POST", ...
  std::string target;                             // raw "/api/v1/x?a=b"
  std::string path;                               // decoded path without the query
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::map<std::string, std::string> headers;
  std::map<std::string, std::string> path_params;  // from the route pattern "{id}"
  std::string body;
  std::string remote_address;
  std::string request_id;
  bool secure = false;  // arrived over TLS or behind a proxy that said so

  // Who is calling: filled by the authentication step before the handler runs. Anonymous
  // visitors get a Principal with no user.
  access::Principal principal;

  std::optional<std::string> Header(std::string_view lower_name) const;
  std::optional<std::string> Query(std::string_view name) const;
  std::string PathParam(std::string_view name) const;
  std::optional<std::string> Cookie(std::string_view name) const;
};

}  // namespace rutile::http
