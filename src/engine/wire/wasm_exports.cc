// C exports of the string API for the WebAssembly builds. Each returns a NUL-terminated UTF-8
// JSON string owned by the module and valid until the next call of the same export; errors
// come back as {"error": {"code", "message", "errors": [{"field", "message", "code", "params"}]}}.
#include <string>

#include "rutile/engine/wire/engine_wire.h"

namespace {

const char* Hold(std::string* slot, rutile::Result<std::string> result) {
  *slot = result.has_value() ? std::move(result).value()
                             : rutile::engine::wire::ErrorJson(result.error());
  return slot->c_str();
}

}  // namespace

extern "C" {

const char* rutile_assess(const char* request_json) {
  static std::string out;
  namespace w = rutile::engine::wire;
  return Hold(&out, w::AssessJson(w::DefaultKnowledge(), request_json));
}

const char* rutile_vocabulary() {
  static std::string out;
  namespace w = rutile::engine::wire;
  return Hold(&out, w::VocabularyJson(w::DefaultKnowledge()));
}

const char* rutile_atmosphere(const char* request_json) {
  static std::string out;
  return Hold(&out, rutile::engine::wire::AtmosphereJson(request_json));
}

const char* rutile_thickness(const char* request_json) {
  static std::string out;
  return Hold(&out, rutile::engine::wire::ThicknessJson(request_json));
}

const char* rutile_risk_matrix(const char* request_json) {
  static std::string out;
  return Hold(&out, rutile::engine::wire::RiskMatrixJson(request_json));
}

}  // extern "C"
