// HTTP route of the simplified manual: GET /api/v1/manuals/simplified, open to visitors.
#pragma once

#include "rutile/http/router.h"
#include "rutile/standards/manual_service.h"

namespace rutile::standards {

// GET /api/v1/manuals/simplified?industry=&grade=&lang=&format=pdf|html
void RegisterManualRoutes(http::Router& router, ManualService& service);

}  // namespace rutile::standards
