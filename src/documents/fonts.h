// Font family lists per language, shared by the PDF renderer (fontconfig names) and the HTML
// renderer (CSS font-family). Internal to rutile_documents.
#pragma once

#include <string>
#include <string_view>

namespace rutile::documents {

// Comma-separated family names, the one covering the language's script first.
std::string FontFamilies(std::string_view lang);

}  // namespace rutile::documents
