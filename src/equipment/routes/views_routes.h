// HTTP routes of the equipment views: the enterprise dashboard, the park overview, the regional
// early-warning report, exports (CSV, XLSX, PDF) and QR labels. Thin: parse, call the services,
// map the result. Every route needs a logged-in caller.
#pragma once

#include "rutile/equipment/dashboard.h"
#include "rutile/equipment/export.h"
#include "rutile/equipment/label.h"
#include "rutile/http/router.h"

namespace rutile::equipment {

void RegisterViewsRoutes(http::Router& router, DashboardService& views, ExportService& exports,
                         LabelService& labels);

}  // namespace rutile::equipment
