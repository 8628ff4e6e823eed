// HTTP routes for restricted case detail: applications and their decisions, the released
// detail and its access log, and case attachments (private originals, public stripped copies).
// Thin: parse, call the service, map the result.
#pragma once

#include "rutile/cases/application_service.h"
#include "rutile/cases/attachment_service.h"
#include "rutile/http/router.h"

namespace rutile::cases {

void RegisterCaseApplicationRoutes(http::Router& router, CaseApplicationService& service);
void RegisterCaseAttachmentRoutes(http::Router& router, CaseAttachmentService& service);

}  // namespace rutile::cases
