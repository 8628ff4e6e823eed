#include "request_builder.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <cctype>

namespace rutile::http::internal {

Result<Request> BuildRequest(std::string_view method, std::string_view target,
                             const std::vector<RawHeader>& headers, std::string body) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return InvalidArgument("the request target is not a valid path");
  const boost::urls::url_view& url = *parsed;

  Request request;
  request.method = std::string(method);
  request.target = std::string(target);
  request.path = url.path();
  if (request.path.empty()) request.path = "/";
  if (request.path.find('\0') != std::string::npos) {
    return InvalidArgument("the request path contains a NUL character");
  }
  for (auto param : url.params()) {
    request.query.emplace(param.key, param.has_value ? param.value : std::string());
  }
  for (const RawHeader& h : headers) {
    std::string name(h.name);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = request.headers.emplace(name, std::string(h.value));
    if (!inserted) {
      it->second += name == "cookie" ? "; " : ", ";
      it->second += h.value;
    }
  }
  request.body = std::move(body);
  return request;
}

bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (unsigned char c : id) {
    if (!(std::isalnum(c) || c == '.' || c == '_' || c == '-' || c == ':')) return false;
  }
  return true;
}

}  // namespace rutile::http::internal
