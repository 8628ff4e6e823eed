// HTTP routes of the experience atlas (registered users) and the macro case counts (regulator
// analysts). Thin: parse, call CaseAtlasService, map the result.
#pragma once

#include "rutile/cases/atlas_service.h"
#include "rutile/http/router.h"

namespace rutile::cases {

void RegisterCaseAtlasRoutes(http::Router& router, CaseAtlasService& service);

}  // namespace rutile::cases
