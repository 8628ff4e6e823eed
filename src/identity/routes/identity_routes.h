// HTTP routes of the identity module: registration, log-in, the caller, organizations, members,
// real-name filing, regions and parks. Thin: parse, call IdentityService, map the result.
#pragma once

#include "rutile/http/router.h"
#include "rutile/identity/identity_service.h"

namespace rutile::identity {

void RegisterIdentityRoutes(http::Router& router, IdentityService& service);

// The session cookie's name; the server reads the same name.
inline constexpr const char* kSessionCookie = "rutile_session";

}  // namespace rutile::identity
