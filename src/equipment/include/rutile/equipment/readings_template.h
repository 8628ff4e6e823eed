// Readings templates to download: a CSV file with '#' note lines and an XLSX workbook (a
// "readings" sheet to fill, with a list of the type codes on its type column, and a "types"
// sheet), each documenting every reading type the archive accepts: its code, its name in the
// reader's language, its unit and the accepted range. The texts are the web catalogue's
// "readings:template.*" and "labels:reading_type.*" (rutile/texts). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "rutile/core/result.h"

namespace rutile::equipment {

// The CSV template (UTF-8 with a byte order mark, CRLF): notes, one note line per reading type,
// an example row as a note, then the header "type,value,unit,measured_at".
std::string ReadingsTemplateCsv(std::string_view lang);

// The XLSX template. Sheet "readings": the header row, an example row whose type cell starts
// with '#' (skipped on import), and a list validation of the type codes below it. Sheet "types":
// one row per reading type, then the notes. Errors only when the workbook cannot be written.
Result<std::string> ReadingsTemplateXlsx(std::string_view lang);

}  // namespace rutile::equipment
