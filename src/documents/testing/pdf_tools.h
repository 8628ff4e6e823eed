// Test helpers: run poppler-utils on PDF bytes (written to a temporary file) and return what
// they print. For tests only; the tool paths are fixed at configure time.
#pragma once

#include <string>

#include "rutile/core/result.h"

namespace rutile::documents::testing {

// `pdftotext -enc UTF-8 file -`.
Result<std::string> PdfToText(const std::string& pdf);
// `pdfinfo file`: "Title: ...", "Creator: ...", "Pages: N", ...
Result<std::string> PdfInfo(const std::string& pdf);
// The "Pages:" value of pdfinfo, or -1.
int PdfPageCount(const std::string& pdf);
// `pdffonts file`: one line per font with its embedded flag.
Result<std::string> PdfFonts(const std::string& pdf);

}  // namespace rutile::documents::testing
