// String-in / string-out API of the engine, shared by the command line, the HTTP routes and
// the WebAssembly build so the JSON behaviour is identical everywhere. Every function is
// thread-safe. Errors are kInvalidArgument with FieldError paths ("material",
// "medium.components[2].species", "medium.temperature_c"); unknown fields are errors.
// Output key order is fixed and numbers are formatted deterministically.
#pragma once

#include <string>
#include <string_view>

#include "rutile/core/result.h"
#include "rutile/engine/atmosphere.h"
#include "rutile/engine/knowledge_base.h"
#include "rutile/engine/risk_engine.h"
#include "rutile/engine/thickness.h"

namespace rutile::engine::wire {

// The embedded knowledge base, parsed on first use (thread-safe), then shared.
const KnowledgeBase& DefaultKnowledge();

// {"material", "medium": {...}, "features": {...}} -> assessment JSON (docs/design/risk_model.md).
Result<std::string> AssessJson(const KnowledgeBase& kb, std::string_view request_json);
// Materials, species with aliases, presets and mechanisms.
Result<std::string> VocabularyJson(const KnowledgeBase& kb);
// {temperature_c, rh_pct, so2_mg_m2_d, cl_mg_m2_d, years?} -> ISO 9223/9224 JSON.
Result<std::string> AtmosphereJson(std::string_view request_json);
// {kind, piping_class?, readings, t_required_mm? | design, as_of} -> API 510/570 JSON.
Result<std::string> ThicknessJson(std::string_view request_json);
// {probability_category | pof_per_year, consequence_category | area_m2 | cost_usd} -> level.
Result<std::string> RiskMatrixJson(std::string_view request_json);

// Typed decode / encode steps, exposed for benchmarks and tests.
Result<AssessmentRequest> DecodeAssessmentRequest(std::string_view request_json);
std::string EncodeAssessment(const Assessment& assessment);

// {"error": {"message": ..., "errors": [{"field", "message"}]}} for the WebAssembly exports
// and for JSON Lines output.
std::string ErrorJson(const Error& error);

}  // namespace rutile::engine::wire
