// HTTP routes of the equipment module under /api/v1/equipment: items, readings (JSON and CSV),
// thickness analysis, operating windows and alerts. Thin: parse, call EquipmentService, map
// the result. Every route needs a logged-in caller.
#pragma once

#include "rutile/equipment/equipment_service.h"
#include "rutile/http/router.h"

namespace rutile::equipment {

void RegisterEquipmentRoutes(http::Router& router, EquipmentService& service);

}  // namespace rutile::equipment
