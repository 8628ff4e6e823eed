#include "rutile/http/response.h"

#include <strings.h>

#include <boost/json/serialize.hpp>

namespace rutile::http {

Response& Response::SetHeader(std::string name, std::string value) {
  for (auto& [n, v] : headers) {
    if (n.size() == name.size() && strncasecmp(n.c_str(), name.c_str(), n.size()) == 0) {
      v = std::move(value);
      return *this;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

Response Json(const boost::json::value& value, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = boost::json::serialize(value);
  return r;
}

Response Text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

}  // namespace rutile::http
