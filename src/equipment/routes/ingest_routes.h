// HTTP routes for equipment ingestion beyond JSON and CSV: XLSX upload and device credentials
// for MQTT, and the readings templates. Thin: parse, call EquipmentService, map the result. Every
// route but the templates (public) needs a logged-in caller; the service decides access.
#pragma once

#include "rutile/equipment/equipment_service.h"
#include "rutile/http/router.h"

namespace rutile::equipment {

// POST /api/v1/equipment/{id}/readings/xlsx, POST|GET /api/v1/equipment/{id}/devices,
// POST /api/v1/equipment/{id}/devices/{device_id}/revoke,
// GET /api/v1/readings/template.csv|.xlsx (?lang=, else Accept-Language).
void RegisterIngestRoutes(http::Router& router, EquipmentService& service);

}  // namespace rutile::equipment
