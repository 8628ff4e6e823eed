// The reader's language of a request: one negotiation for every route that renders text for
// people (maintenance task titles, readings templates, ...). ?lang= names the language the page
// shows; Accept-Language is the fallback (the web app sends the page's language there too).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rutile/core/result.h"
#include "rutile/http/request.h"

namespace rutile::http {

// The languages people read the platform in.
inline constexpr std::string_view kLanguages[] = {"en", "zh", "es", "fr", "pt", "ar"};

// "zh-CN", "PT_br", "ar" -> "zh", "pt", "ar"; nullopt when the primary subtag is not one of
// kLanguages.
std::optional<std::string> SupportedLanguage(std::string_view tag);

// The first supported language of an Accept-Language value, in the header's order, skipping
// languages refused with q=0; nullopt when there is none.
std::optional<std::string> AcceptedLanguage(std::string_view header);

// ?lang= when given (an InvalidArgument naming "lang" when it is not supported), else the
// Accept-Language header's, else "en".
Result<std::string> ReaderLanguage(const Request& request);

}  // namespace rutile::http
