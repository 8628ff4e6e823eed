// Whole-number path and query parameters, checked once for every route: a malformed or
// out-of-range value is an InvalidArgument naming the field (a 400 problem).
#pragma once

#include <cstdint>
#include <limits>
#include <string_view>

#include "rutile/core/result.h"
#include "rutile/http/request.h"

namespace rutile::http {

Result<std::int64_t> ParseInt(std::string_view text, std::string_view field, std::int64_t min,
                              std::int64_t max);
// A path parameter that is a record id: a positive whole number.
Result<std::int64_t> PathId(const Request& request, std::string_view name);
// A query parameter, or `fallback` when it is absent.
Result<std::int64_t> QueryInt(const Request& request, std::string_view name, std::int64_t fallback,
                              std::int64_t min, std::int64_t max);

}  // namespace rutile::http
