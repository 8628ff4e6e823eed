// HTTP routes of the regional supplementary annexes (/api/v1/annexes..., /api/v1/annex-clauses...).
// Reading annexes and matching are open to visitors; changes need a logged-in caller and the
// roles the service checks.
#pragma once

#include "rutile/http/router.h"
#include "rutile/standards/annex.h"

namespace rutile::standards {

void RegisterAnnexRoutes(http::Router& router, AnnexService& service);

}  // namespace rutile::standards
