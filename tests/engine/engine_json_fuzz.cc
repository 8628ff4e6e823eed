// libFuzzer target for the engine's outside-input decoders: the JSON reader and every string
// API entry point. Any input must give a value or an Error, never a crash or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/engine/wire/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace w = rutile::engine::wire;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = w::ParseJson(text);
  if (parsed.has_value()) (void)w::SerializeJson(*parsed);
  (void)w::AssessJson(w::DefaultKnowledge(), text);
  (void)w::AtmosphereJson(text);
  (void)w::ThicknessJson(text);
  (void)w::RiskMatrixJson(text);
  return 0;
}
