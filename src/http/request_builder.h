// Turns the parts of a parsed HTTP/1.1 request into a Request: decodes the target's path and
// query, lower-cases header names. Internal to src/http; shared by the server and the fuzzer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/http/request.h"

namespace rutile::http::internal {

struct RawHeader {
  std::string_view name;
  std::string_view value;
};

// InvalidArgument when the target is not an origin-form URI ("/path?query").
Result<Request> BuildRequest(std::string_view method, std::string_view target,
                             const std::vector<RawHeader>& headers, std::string body);

// An incoming X-Request-Id is kept when it is 1..128 characters of [A-Za-z0-9._:-].
bool IsSaneRequestId(std::string_view id);

}  // namespace rutile::http::internal
