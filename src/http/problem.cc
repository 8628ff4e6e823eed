// ErrorCode -> HTTP status and RFC 9457 problem+json (https://www.rfc-editor.org/rfc/rfc9457).
// The switches have no default: a new ErrorCode fails to compile (-Wswitch) until mapped here.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "rutile/http/response.h"

namespace rutile::http {

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kCorruption:
      return 500;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;  // not reached for a valid enumerator
}

std::string ProblemSlug(ErrorCode code) {
  // The canonical code name with hyphens: "permission denied" -> "permission-denied".
  std::string slug(ErrorCodeName(code));
  for (char& c : slug)
    if (c == ' ') c = '-';
  return slug;
}

std::string_view ProblemTitle(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "Invalid argument";
    case ErrorCode::kNotFound:
      return "Not found";
    case ErrorCode::kAlreadyExists:
      return "Already exists";
    case ErrorCode::kFailedPrecondition:
      return "Failed precondition";
    case ErrorCode::kConflict:
      return "Conflict";
    case ErrorCode::kUnauthenticated:
      return "Unauthenticated";
    case ErrorCode::kPermissionDenied:
      return "Permission denied";
    case ErrorCode::kResourceExhausted:
      return "Too many requests";
    case ErrorCode::kUnavailable:
      return "Service unavailable";
    case ErrorCode::kCorruption:
      return "Data corruption";
    case ErrorCode::kInternal:
      return "Internal error";
  }
  return "Internal error";
}

namespace {

// "permission-denied" -> "problem.permission_denied": the generic text of a canonical code.
std::string GenericCode(std::string_view slug) {
  std::string code = "problem.";
  for (char c : slug) code += (c == '-' || c == ' ') ? '_' : c;
  return code;
}

boost::json::object Params(const MessageParams& params) {
  boost::json::object out;
  for (const auto& [name, value] : params) out[name] = value;
  return out;
}

Response BuildProblem(int status, std::string_view slug, std::string_view title,
                      std::string_view detail, const std::vector<FieldError>& fields,
                      std::string_view code = {}, const MessageParams& params = {}) {
  boost::json::object body;
  std::string type(kProblemTypeBase);
  type += slug;
  body["type"] = type;
  body["title"] = title;
  body["status"] = status;
  body["detail"] = detail;
  // The message code the web renders in the reader's language; title and detail stay English
  // for API clients and logs.
  body["code"] = code.empty() ? GenericCode(slug) : std::string(code);
  body["params"] = Params(params);
  if (!fields.empty()) {
    boost::json::array errors;
    errors.reserve(fields.size());
    for (const FieldError& f : fields) {
      boost::json::object e{{"field", f.field}, {"message", f.message}};
      if (!f.code.empty()) {
        e["code"] = f.code;
        e["params"] = Params(f.params);
      }
      errors.push_back(std::move(e));
    }
    body["errors"] = std::move(errors);
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(body);
  return r;
}

}  // namespace

Response Problem(const Error& error) {
  ErrorCode code = error.code();
  // Internal details (SQL text, file paths) stay in the log, never in the answer.
  bool hide = code == ErrorCode::kInternal || code == ErrorCode::kCorruption;
  std::string_view detail = hide ? std::string_view("the server could not complete the request")
                                 : std::string_view(error.message());
  static const MessageParams kNone;
  return BuildProblem(StatusFor(code), ProblemSlug(code), ProblemTitle(code), detail,
                      error.fields(), hide ? std::string_view() : error.message_code(),
                      hide ? kNone : error.params());
}

Response Problem(int status, std::string_view slug, std::string_view title, std::string detail) {
  return BuildProblem(status, slug, title, detail, {});
}

}  // namespace rutile::http
