// HTTP routes of the free basic kit, open to visitors (no login): the positive list, the
// blacklist, the guides as JSON (codes; the texts are the web catalogue's kit namespace) and the
// whole kit as a PDF in one of the six languages.
#pragma once

#include "rutile/http/router.h"
#include "rutile/kit/kit.h"

namespace rutile::kit {

//   GET /api/v1/kit/positive-list   rows computed by the engine, with clause links
//   GET /api/v1/kit/blacklist       forbidden reagents with mechanism and sources
//   GET /api/v1/kit/guides          the operating guides' steps and decisions
//   GET /api/v1/kit/kit.pdf?lang=   the printable kit (en, zh, es, fr, pt, ar)
// `kit` must outlive the router.
void RegisterKitRoutes(http::Router& router, const Kit& kit);

}  // namespace rutile::kit
