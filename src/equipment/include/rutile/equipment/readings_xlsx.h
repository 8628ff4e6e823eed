// Decoding of a readings workbook (.xlsx): the first worksheet, with the header row
// "type | value | unit | measured_at" in columns A to D, one reading per row. Dates may be Excel
// date cells (serial numbers, 1900 or 1904 system) or ISO text. Rows whose column A starts with
// '#' are notes (a template's example row) and are skipped, before or after the header. Only the
// layout is checked here, as for CSV; EquipmentService checks the readings. Pure function;
// thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

#include "rutile/equipment/readings_csv.h"

namespace rutile::equipment {

// Largest uncompressed size of one part of the workbook (the worksheet or the shared strings);
// a larger part is refused rather than inflated, and inflating stops at this many bytes.
inline constexpr std::size_t kMaxXlsxPartBytes = 64u << 20;

// Rows are named by their spreadsheet row number ("rows[7].value"); a file that is not a
// readable workbook gives the single error "file". The worksheet is inflated and parsed in
// pieces of at most about a row (1 MiB); reading stops at the row after `max_rows` readings (error
// "rows") or after `max_errors` errors, so memory stays bounded by the caps below whatever the
// compression ratio: cell texts are kept to 256 bytes, the shared-string table to 200,000
// strings and 8 MiB.
CsvDecoded DecodeReadingsXlsx(std::string_view xlsx, std::size_t max_errors = 100,
                              std::size_t max_rows = kMaxReadingsPerFile);

// An Excel serial date-time (days since the epoch of the workbook's date system) as
// "YYYY-MM-DDTHH:MM:SSZ", rounded to the second; "" when out of the range Excel supports.
std::string ExcelSerialToTimestamp(double serial, bool date1904 = false);

}  // namespace rutile::equipment
