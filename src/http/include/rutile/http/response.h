// Response: status, headers and body a handler returns. Helpers build JSON and problem+json.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rutile/core/error.h"
#include "rutile/core/result.h"

namespace rutile::http {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string body;

  Response& SetHeader(std::string name, std::string value);
};

Response Json(const boost::json::value& value, int status = 200);
Response Text(std::string body, std::string content_type = "text/plain; charset=utf-8",
              int status = 200);
Response NoContent();

// RFC 9457 problem+json for an Error: type, title, status, detail, and errors[] with
// {field, message} for validation errors. The ErrorCode -> status switch lives in problem.cc.
Response Problem(const Error& error);
int StatusFor(ErrorCode code);

// Every problem "type" is this base followed by a slug ("invalid-argument", "not-found").
inline constexpr std::string_view kProblemTypeBase = "https://rutile.example/problems/";

// The slug and title used for an ErrorCode ("not-found", "Not found").
std::string ProblemSlug(ErrorCode code);
std::string_view ProblemTitle(ErrorCode code);

// A problem+json answer that has no ErrorCode of its own (405, 413, 415, 431 from the server).
Response Problem(int status, std::string_view slug, std::string_view title, std::string detail);

// A route's answer to a service result: `to_json` of the value with `status`, or the error as a
// problem. The one reply helper every module's routes use.
template <typename T, typename ToJson>
Response Reply(const Result<T>& result, ToJson&& to_json, int status = 200) {
  if (!result.has_value()) return Problem(result.error());
  return Json(to_json(*result), status);
}

}  // namespace rutile::http
