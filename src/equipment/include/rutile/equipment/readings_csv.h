// Decoding of a readings CSV file (header "type,value,unit,measured_at", one reading per line,
// no quoting; lines starting with '#' or '"#' are comments, so a template can document the
// codes, and empty cells at the end of a line are ignored, as spreadsheets pad lines with them).
// Only the layout is checked here; types, units, ranges and times are checked by EquipmentService
// like any other batch. Pure function; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "rutile/core/error.h"
#include "rutile/equipment/model.h"

namespace rutile::equipment {

// Readings one file may carry (the batch limit of EquipmentService).
inline constexpr std::size_t kMaxReadingsPerFile = 10000;

struct CsvReading {
  std::size_t line = 0;  // 1-based line number in the file
  ReadingInput reading;
};

struct CsvDecoded {
  std::vector<CsvReading> rows;
  std::vector<FieldError> errors;  // "rows[4]" (layout) or "rows[4].value" (not a number)
};

// A UTF-8 BOM is skipped, blank lines and '#' comment lines are ignored, CRLF is accepted. Stops
// after max_errors errors, or at the line after max_rows readings (error "rows"), so the rows kept
// stay bounded whatever the file's size.
CsvDecoded DecodeReadingsCsv(std::string_view csv, std::size_t max_errors = 100,
                             std::size_t max_rows = kMaxReadingsPerFile);

// The line number in a "rows[n]..." field name; SIZE_MAX for other names. Orders CSV errors.
std::size_t CsvErrorLine(const FieldError& error);

}  // namespace rutile::equipment
