// HTTP routes of the clause library and the revision lifecycle. Matching, search, clauses and
// standards are open to visitors; /api/v1/proposals... need a logged-in caller and the
// lifecycle roles (checked by the service).
#pragma once

#include "rutile/http/router.h"
#include "rutile/standards/standards_service.h"

namespace rutile::standards {

void RegisterStandardsRoutes(http::Router& router, StandardsService& service);

}  // namespace rutile::standards
