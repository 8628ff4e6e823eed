// libFuzzer target: StripImageMetadata on arbitrary bytes must not crash, and what it returns
// must be stable (stripping a stripped image changes nothing) and still start like an image.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rutile/media/image_metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  auto once = rutile::media::StripImageMetadata(in);
  if (!once.has_value()) return 0;
  if (rutile::media::SniffImageFormat(*once) != rutile::media::SniffImageFormat(in)) std::abort();
  auto twice = rutile::media::StripImageMetadata(*once);
  if (!twice.has_value() || *twice != *once) std::abort();
  return 0;
}
