// The kit as a printable PDF in one language (src/documents: Cairo + Pango with the Noto fonts,
// right to left for Arabic). Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "rutile/core/result.h"
#include "rutile/kit/kit.h"
#include "rutile/texts/catalogue.h"

namespace rutile::kit {

// PDF bytes of the whole kit (positive list, blacklist, guides) in the texts' language.
Result<std::string> RenderKitPdf(const Kit& kit, const texts::Catalogue& t);

// "20–60 °C" with the language's digits left as ASCII (the page does the same).
std::string TemperatureRange(double min_c, double max_c);

}  // namespace rutile::kit
