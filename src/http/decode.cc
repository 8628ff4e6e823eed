#include "rutile/http/decode.h"

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "request_builder.h"

namespace rutile::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

Result<Request> DecodeRequestForTesting(std::string_view raw, std::size_t body_limit_bytes) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(body_limit_bytes);
  parser.eager(true);
  beast::error_code ec;
  std::string_view rest = raw;
  while (!parser.is_done()) {
    std::size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    rest.remove_prefix(used);
    if (ec == bhttp::error::need_more) {
      ec = {};
      if (rest.empty() || used == 0) {
        parser.put_eof(ec);
        break;
      }
      continue;
    }
    if (ec || used == 0) break;
  }
  if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit) {
    return ResourceExhausted("the request is too large: " + ec.message());
  }
  if (ec) return InvalidArgument("malformed request: " + ec.message());
  if (!parser.is_done()) return InvalidArgument("incomplete request");
  auto& msg = parser.get();
  std::vector<internal::RawHeader> headers;
  for (const auto& field : msg) {
    headers.push_back({std::string_view(field.name_string().data(), field.name_string().size()),
                       std::string_view(field.value().data(), field.value().size())});
  }
  return internal::BuildRequest(
      std::string_view(msg.method_string().data(), msg.method_string().size()),
      std::string_view(msg.target().data(), msg.target().size()), headers, std::move(msg.body()));
}

}  // namespace rutile::http
