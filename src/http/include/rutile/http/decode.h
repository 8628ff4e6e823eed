// Request decoding without sockets: raw HTTP/1.1 bytes -> Request, using the same parser
// settings and target decoding as the server. For fuzzing and tests. Thread-safe (no state).
#pragma once

#include <cstddef>
#include <string_view>

#include "rutile/core/result.h"
#include "rutile/http/request.h"

namespace rutile::http {

// InvalidArgument for a malformed or incomplete message; ResourceExhausted when the header
// block or body is above the limits.
Result<Request> DecodeRequestForTesting(std::string_view raw,
                                        std::size_t body_limit_bytes = 1 << 20);

}  // namespace rutile::http
