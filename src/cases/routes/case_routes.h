// HTTP routes of the failure case database: private cases, publication preview and approval,
// the reviewers' queue, search and similar cases over the public set. Thin: parse, call
// CaseService, map the result.
#pragma once

#include "rutile/cases/case_service.h"
#include "rutile/http/router.h"

namespace rutile::cases {

void RegisterCaseRoutes(http::Router& router, CaseService& service);
// GET /api/v1/case-publications: the reviewers' queue (operators and experts).
void RegisterCaseReviewRoutes(http::Router& router, CaseService& service);

}  // namespace rutile::cases
