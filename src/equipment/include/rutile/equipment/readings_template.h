// Readings templates to download: a CSV file with '#' note lines and an XLSX workbook (a
// "readings" sheet to fill, with a list of the type codes on its type column, and a "types"
// sheet), each documenting every reading type the archive accepts: its code, its name in the
// reader's language, its unit and the accepted range. The texts come from the web catalogues
// readings.json and labels.json, embedded at build time. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::equipment {

inline constexpr std::string_view kTemplateLanguages[] = {"en", "zh", "es", "fr", "pt", "ar"};

// A catalogue text of a language of kTemplateLanguages ("template.how" from readings.json,
// "labels:reading_type.ph" from labels.json) with {{name}} parameters replaced; the key itself
// when missing (a test checks that none is).
std::string TemplateText(std::string_view lang, std::string_view key,
                         const std::vector<std::pair<std::string, std::string>>& params = {});

// The CSV template (UTF-8 with a byte order mark, CRLF): notes, one note line per reading type,
// an example row as a note, then the header "type,value,unit,measured_at".
std::string ReadingsTemplateCsv(std::string_view lang);

// The XLSX template. Sheet "readings": the header row, an example row whose type cell starts
// with '#' (skipped on import), and a list validation of the type codes below it. Sheet "types":
// one row per reading type, then the notes. Errors only when the workbook cannot be written.
Result<std::string> ReadingsTemplateXlsx(std::string_view lang);

}  // namespace rutile::equipment
