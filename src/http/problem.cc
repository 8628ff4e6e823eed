// ErrorCode -> HTTP status and RFC 9457 problem+json (https://www.rfc-editor.org/rfc/rfc9457).
// The switches have no default: a new ErrorCode fails to compile (-Wswitch) until mapped here.
// Each problem also carries a message code ("code", "params", and per field error) that the web
// renders in the reader's language: the specific code of a known message, else the generic
// problem.<kind> (problem.fields when there are field errors).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <optional>
#include <regex>
#include <utility>
#include <vector>

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

using Params = std::vector<std::pair<std::string, std::string>>;

// A message code with its parameters, for the text a person reads.
struct Coded {
  std::string code;
  Params params;
};

// One English message pattern of the modules and the code the web catalogue renders for it.
// Each capture group becomes the parameter of the same position in `names`.
struct MessagePattern {
  std::regex pattern;
  std::string code;
  std::vector<std::string> names;
};

MessagePattern P(const char* re, const char* code, std::vector<std::string> names = {}) {
  return MessagePattern{std::regex(re, std::regex::ECMAScript | std::regex::optimize), code,
                        std::move(names)};
}

// Longer messages carry quoted input; std::regex backtracks, so they get the generic text.
constexpr std::size_t kMaxMatchedMessage = 400;

std::optional<Coded> Match(const std::vector<MessagePattern>& table, const std::string& message) {
  if (message.size() > kMaxMatchedMessage) return std::nullopt;
  std::smatch m;
  for (const MessagePattern& p : table) {
    if (!std::regex_match(message, m, p.pattern)) continue;
    Coded out{p.code, {}};
    for (std::size_t i = 0; i < p.names.size() && i + 1 < m.size(); ++i)
      out.params.emplace_back(p.names[i], m[i + 1].str());
    return out;
  }
  return std::nullopt;
}

// Field messages: the shared JSON body checks (http/json_body.cc, http/params.cc), identity's
// validation, and the phrasing the modules share ("unknown ...", "must be one of ...").
const std::vector<MessagePattern>& FieldPatterns() {
  static const std::vector<MessagePattern> kTable = [] {
    std::vector<MessagePattern> t;
    t.push_back(P("(is )?required|must not be empty|missing", "field.required"));
    t.push_back(P("must be at most (\\d+) characters( long)?", "field.too_long", {"max"}));
    t.push_back(P("must be at least (\\d+) characters( long)?", "field.too_short", {"min"}));
    t.push_back(P("must be an integer", "field.not_integer"));
    t.push_back(P("not a non-negative integer.*", "field.not_integer"));
    t.push_back(P("must be a whole number of at least (-?\\d+)", "field.int_at_least", {"min"}));
    t.push_back(
        P("must be a whole number from (-?\\d+) to (-?\\d+)", "field.int_range", {"min", "max"}));
    t.push_back(P("must be between (\\S+) and (\\S+)", "field.out_of_range", {"min", "max"}));
    t.push_back(P("must be a (finite )?number", "field.not_a_number"));
    t.push_back(P("must be zero or more|must not be negative", "field.not_negative"));
    t.push_back(P("must be an e-mail address.*", "field.email"));
    t.push_back(P("unknown field", "field.unknown"));
    // equipment: a reading type outside the archive's list, with the list ("ph (pH), ...").
    t.push_back(P("unknown reading type \"(.{0,40})\"; known types: (.*)",
                  "field.unknown_reading_type", {"type", "known"}));
    t.push_back(P("(must be one of|unknown|not a known|not an?) .*", "field.unknown_value"));
    t.push_back(P("must be a string|must be true or false|must not contain NUL characters",
                  "field.invalid"));
    t.push_back(P("no park with this id", "identity.no_such_park"));
    t.push_back(P("the park is in region .*", "identity.park_other_region"));
    t.push_back(P("an account with this e-mail already exists", "identity.email_taken"));
    t.push_back(P("the current password is wrong", "identity.wrong_password"));
    return t;
  }();
  return kTable;
}

// Problem details that people meet on the public and account pages.
const std::vector<MessagePattern>& DetailPatterns() {
  static const std::vector<MessagePattern> kTable = [] {
    std::vector<MessagePattern> t;
    t.push_back(P("wrong e-mail or password", "identity.wrong_login"));
    t.push_back(P("log in first", "identity.log_in_first"));
    t.push_back(P("invalid or expired token", "identity.session_expired"));
    t.push_back(P("e-mail and password are required", "identity.login_required"));
    t.push_back(P("a user with e-mail .* already exists", "identity.email_taken"));
    t.push_back(P("an organization named '(.*)' already exists in .*", "identity.org_name_taken",
                  {"name"}));
    t.push_back(P("the current password is wrong", "identity.wrong_password"));
    t.push_back(P("the ledger has no checkpoint yet", "ledger.no_checkpoint"));
    t.push_back(P("the request (body (is|must|repeats)|needs) .*|unsupported content type .*",
                  "problem.bad_body"));
    return t;
  }();
  return kTable;
}

std::optional<Coded> FieldMessageCode(const std::string& message) {
  return Match(FieldPatterns(), message);
}

std::optional<Coded> DetailMessageCode(const std::string& message) {
  return Match(DetailPatterns(), message);
}

// "permission-denied" -> "problem.permission_denied": the generic text of a canonical code.
std::string GenericCode(std::string_view slug) {
  std::string code = "problem.";
  for (char c : slug) code += (c == '-' || c == ' ') ? '_' : c;
  return code;
}

boost::json::object ParamsJson(const Params& params) {
  boost::json::object out;
  for (const auto& [name, value] : params) out[name] = value;
  return out;
}

Response BuildProblem(int status, std::string_view slug, std::string_view title,
                      std::string_view detail, const std::vector<FieldError>& fields,
                      const std::optional<Coded>& coded = std::nullopt) {
  boost::json::object body;
  std::string type(kProblemTypeBase);
  type += slug;
  body["type"] = type;
  body["title"] = title;
  body["status"] = status;
  body["detail"] = detail;
  // The message code the web renders in the reader's language; title and detail stay English
  // for API clients and logs.
  if (coded) {
    body["code"] = coded->code;
    body["params"] = ParamsJson(coded->params);
  } else {
    body["code"] = fields.empty() ? GenericCode(slug) : std::string("problem.fields");
    body["params"] = boost::json::object{};
  }
  if (!fields.empty()) {
    boost::json::array errors;
    errors.reserve(fields.size());
    for (const FieldError& f : fields) {
      boost::json::object e{{"field", f.field}, {"message", f.message}};
      if (auto c = FieldMessageCode(f.message)) {
        e["code"] = c->code;
        e["params"] = ParamsJson(c->params);
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
  std::optional<Coded> coded;
  if (!hide) {
    coded = DetailMessageCode(error.message());
  }
  return BuildProblem(StatusFor(code), ProblemSlug(code), ProblemTitle(code), detail,
                      error.fields(), coded);
}

Response Problem(int status, std::string_view slug, std::string_view title, std::string detail) {
  return BuildProblem(status, slug, title, detail, {});
}

}  // namespace rutile::http
