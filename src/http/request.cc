#include "rutile/http/request.h"

namespace rutile::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> Request::Header(std::string_view lower_name) const {
  auto it = headers.find(std::string(lower_name));
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string Request::PathParam(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  if (it == path_params.end()) return {};
  return it->second;
}

// Cookie header (RFC 6265 §5.4): "a=1; b=2". The first cookie with the name wins; a value in
// double quotes is returned without them.
std::optional<std::string> Request::Cookie(std::string_view name) const {
  auto it = headers.find("cookie");
  if (it == headers.end() || name.empty()) return std::nullopt;
  std::string_view rest = it->second;
  while (!rest.empty()) {
    std::size_t semi = rest.find(';');
    std::string_view pair = Trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

}  // namespace rutile::http
