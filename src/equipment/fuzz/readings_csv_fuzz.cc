// libFuzzer target for the readings CSV decoder and the timestamp parser it feeds: any byte
// string must decode without crashing, and every decoded row must name a line of the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rutile/equipment/model.h"
#include "rutile/equipment/readings_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto decoded = rutile::equipment::DecodeReadingsCsv(input, 100);
  std::size_t lines = 1;
  for (char c : input) lines += c == '\n';
  for (const auto& row : decoded.rows) {
    if (row.line == 0 || row.line > lines) std::abort();
    if (auto t = rutile::equipment::ParseTimestamp(row.reading.measured_at)) {
      if (rutile::equipment::ParseTimestamp(rutile::equipment::FormatTimestamp(*t)) != t)
        std::abort();
    }
  }
  if (decoded.errors.size() > 101) std::abort();
  return 0;
}
