// JSON forms of the case model (Boost.JSON), shared by storage, the ledger entry and routes.
// Pure functions.
#pragma once

#include <boost/json/object.hpp>

#include "rutile/cases/model.h"
#include "rutile/cases/text_index.h"
#include "rutile/core/result.h"

namespace rutile::cases {

boost::json::object CaseInputToJson(const CaseInput& input);
// Reads a stored or submitted object leniently typed (numbers may be int or double);
// InvalidArgument with field errors for wrong types or unknown enumerations.
Result<CaseInput> CaseInputFromJson(const boost::json::object& object);

boost::json::object PublicCaseToJson(const PublicCase& c);  // includes id and published_at
Result<PublicCase> PublicCaseFromJson(const boost::json::object& object);

boost::json::object PreviewToJson(const PublicationPreview& preview);
boost::json::object FailureCaseToJson(const FailureCase& c);
boost::json::object SimilarityToJson(const SimilarityResult& r);

Result<SimilarityProbe> SimilarityProbeFromJson(const boost::json::object& object);

}  // namespace rutile::cases
