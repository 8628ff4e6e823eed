// HTTP routes of the free quick query: the corrosion risk engine, the ISO 9223 atmosphere
// calculator, the API 510/570 thickness calculator and the risk matrix, open to visitors.
// Requests and answers are exactly the engine's JSON wire format, so the API, the command line
// and the offline WebAssembly engine give the same bytes for the same question.
#pragma once

#include "rutile/http/router.h"

namespace rutile::quickquery {

//   POST /api/v1/engine/assess        risk grade for a material in a medium
//   GET  /api/v1/engine/vocabulary    materials, species with aliases, bath presets
//   POST /api/v1/engine/atmosphere    ISO 9223 corrosivity from climate and pollution
//   POST /api/v1/engine/thickness     API 510/570 rates, remaining life, next inspection
//   POST /api/v1/engine/risk-matrix   probability x consequence category
void RegisterQuickQueryRoutes(http::Router& router);

}  // namespace rutile::quickquery
