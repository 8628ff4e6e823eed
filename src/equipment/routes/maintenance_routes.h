// HTTP routes of equipment maintenance: the plan of an item under /api/v1/equipment/{id}/
// maintenance-plan and the enterprise task list under /api/v1/maintenance/tasks. Thin: parse,
// call MaintenanceService, map the result. Every route needs a logged-in caller.
#pragma once

#include "rutile/equipment/maintenance_service.h"
#include "rutile/http/router.h"

namespace rutile::equipment {

void RegisterMaintenanceRoutes(http::Router& router, MaintenanceService& service);

}  // namespace rutile::equipment
