// HTTP routes of the compliance self-inspection (/api/v1/self-inspections...). Every route needs
// a logged-in caller; the service decides access (the organization's private data).
#pragma once

#include <functional>
#include <string>

#include "rutile/core/result.h"
#include "rutile/http/json_body.h"
#include "rutile/http/router.h"
#include "rutile/standards/self_inspection.h"

namespace rutile::standards {

// Renders a self-inspection report as PDF bytes in a language ("en", "zh").
using SelfInspectionPdf =
    std::function<Result<std::string>(const SelfInspection&, const std::string& lang)>;

// `pdf` may be empty: GET .../report.pdf then answers 503 (kUnavailable).
void RegisterSelfInspectionRoutes(http::Router& router, SelfInspectionService& service,
                                  SelfInspectionPdf pdf = {});

// Reads a match profile (the body of POST /api/v1/clauses/match) from `f`; problems are
// collected in `f` like its other getters.
MatchProfile ReadMatchProfile(http::JsonFields& f);

// Adds a route whose handler receives the {id} path parameter, already checked (400 otherwise).
void AddRouteWithId(http::Router& router, std::string method, std::string pattern,
                    bool requires_login,
                    std::function<http::Response(http::Request&, std::int64_t)> fn);

// Reads the required object member `name` of `f` as a match profile (errors named
// "<name>.<field>"); `raw_json`, when given, receives the member as JSON text.
MatchProfile ReadProfileMember(http::JsonFields& f, std::string_view name,
                               std::string* raw_json = nullptr);

}  // namespace rutile::standards
