// HTTP routes of the inbox: GET /api/v1/notifications, POST /api/v1/notifications/{id}/read,
// POST /api/v1/notifications/read-all. All need a logged-in caller.
#pragma once

#include "rutile/http/router.h"
#include "rutile/notifications/notification_service.h"

namespace rutile::notifications {

void RegisterNotificationRoutes(http::Router& router, NotificationService& service);

}  // namespace rutile::notifications
