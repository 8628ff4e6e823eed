// JSON forms of warning bulletins (Boost.JSON), shared by storage, the ledger entry and routes.
// Pure functions.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "rutile/cases/bulletin.h"
#include "rutile/core/result.h"

namespace rutile::cases {

boost::json::object RuleToJson(const MatchingRule& rule);
boost::json::array TextsToJson(const std::vector<BulletinText>& texts);
// The public form (no author, no origin details) or, for reviewers, every field.
boost::json::object BulletinToJson(const Bulletin& b, bool for_reviewer);

// Strict readers: InvalidArgument with a FieldError per wrong type or unknown member, field
// names prefixed ("rule.", "texts[0].").
Result<MatchingRule> RuleFromJson(const boost::json::value& value, const std::string& prefix);
Result<std::vector<BulletinText>> TextsFromJson(const boost::json::value& value,
                                                const std::string& prefix);

}  // namespace rutile::cases
