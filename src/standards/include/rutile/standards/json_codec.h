// JSON form of clauses and of the starter library file (knowledge/standards/starter_library.json),
// shared by the service (clause bodies are stored as this JSON) and the routes. Stateless.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/standards/model.h"

namespace rutile::standards {

boost::json::object ClauseToJson(const Clause& clause);
boost::json::object LocalizedToJson(const LocalizedText& text);

// Reads a clause object; every problem becomes a FieldError whose name starts with `prefix`
// ("changes[0].clause."). Unknown members are errors too.
Clause ClauseFromJson(const boost::json::value& value, const std::string& prefix,
                      std::vector<FieldError>& errors);

// Parses a whole library file; kInvalidArgument listing every problem.
Result<Library> ParseLibrary(std::string_view json_text);

// The starter library embedded at build time.
std::string_view StarterLibraryJson();

}  // namespace rutile::standards
