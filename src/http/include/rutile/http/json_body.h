// JsonFields: strict reading of a JSON request body. Parse() rejects a wrong content type,
// malformed JSON, invalid UTF-8 and a non-object top level; the typed getters then collect
// field errors instead of failing fast, and Finish() reports them all (plus every field the
// route did not ask for) as one InvalidArgument. Value type; not thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/http/request.h"

namespace rutile::http {

class JsonFields {
 public:
  // The body must have content type application/json (or application/<x>+json), a charset
  // other than UTF-8 is refused, and the top level must be an object.
  static Result<JsonFields> Parse(const Request& request);
  // Same checks on a body without headers.
  static Result<JsonFields> ParseBody(std::string_view body);
  // Reads a nested object the caller took from Raw(); field names get the prefix
  // ("medium." + "ph"), errors are reported by the nested reader's own Finish().
  static JsonFields FromObject(const boost::json::object& object, std::string field_prefix);

  // A member that is absent or null is "missing": an error when required, nullopt either way.
  // max_len counts Unicode code points.
  std::optional<std::string> String(std::string_view name, bool required,
                                    std::size_t max_len = 10000);
  std::optional<std::int64_t> Int(std::string_view name, bool required,
                                  std::int64_t min = std::numeric_limits<std::int64_t>::min(),
                                  std::int64_t max = std::numeric_limits<std::int64_t>::max());
  std::optional<double> Number(std::string_view name, bool required,
                               double min = -std::numeric_limits<double>::max(),
                               double max = std::numeric_limits<double>::max());
  std::optional<bool> Bool(std::string_view name, bool required);
  // The member as is (null pointer when absent) for arrays and nested objects; marks it known.
  const boost::json::value* Raw(std::string_view name);

  // Adds a problem found by the caller (cross-field rules); name is prefixed like the getters.
  void AddError(std::string_view name, std::string message);
  // The same with the message code (and parameters) a person reads instead of `message`.
  void AddError(std::string_view name, std::string message, std::string code,
                MessageParams params = {});

  // Ok when every getter was satisfied and there are no members the route did not read;
  // otherwise InvalidArgument("the request body has invalid fields", errors).
  Status Finish();

  const std::vector<FieldError>& errors() const { return errors_; }
  const boost::json::object& object() const { return object_; }

 private:
  JsonFields(boost::json::object object, std::string prefix)
      : object_(std::move(object)), prefix_(std::move(prefix)) {}
  const boost::json::value* Lookup(std::string_view name, bool required);
  std::string FieldName(std::string_view name) const;

  boost::json::object object_;
  std::string prefix_;
  std::set<std::string, std::less<>> known_;
  std::vector<FieldError> errors_;
};

}  // namespace rutile::http
