// MetricsAccess: who may read /metrics. Value type.
#pragma once

#include <string>
#include <string_view>

#include "rutile/core/result.h"

namespace rutile::http {

struct MetricsAccess {
  enum class Mode {
    kLoopback,  // only clients on a loopback address (after trusted-proxy resolution)
    kOpen,      // anyone
    kToken,     // anyone presenting "Authorization: Bearer <token>"
  };
  Mode mode = Mode::kLoopback;
  std::string token;  // kToken only; never empty there

  // "loopback", "open" or "token:<secret>" (the secret at least 16 characters).
  static Result<MetricsAccess> Parse(std::string_view text);

  // Whether a request from `client_address` with the given Authorization header value may read.
  bool Allows(std::string_view client_address, std::string_view authorization) const;
};

}  // namespace rutile::http
