// libFuzzer target: arbitrary bytes as an uploaded workbook. The decoder must never crash, hang
// or read out of bounds, and must either decode rows or report errors.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rutile/equipment/readings_xlsx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  rutile::equipment::CsvDecoded d = rutile::equipment::DecodeReadingsXlsx(bytes);
  if (d.rows.empty() && d.errors.empty()) __builtin_trap();
  if (size >= sizeof(double)) {
    double serial = 0;
    __builtin_memcpy(&serial, data, sizeof serial);
    (void)rutile::equipment::ExcelSerialToTimestamp(serial, (data[0] & 1) != 0);
  }
  return 0;
}
