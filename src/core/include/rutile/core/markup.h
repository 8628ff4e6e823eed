#pragma once
// Text placed in HTML or XML: the one escaping every module uses for markup it writes (pages,
// feeds, documents). Pure functions; thread-safe.
#include <string>
#include <string_view>

namespace rutile::markup {

/// Appends `text` with &, <, >, " and ' written as entities, so it is safe in element content and
/// in quoted attribute values of HTML and XML alike. C0 control characters other than tab, line
/// feed and carriage return (which XML 1.0 forbids) are dropped.
void AppendEscaped(std::string& out, std::string_view text);

/// The text escaped as AppendEscaped does.
std::string Escape(std::string_view text);

}  // namespace rutile::markup
