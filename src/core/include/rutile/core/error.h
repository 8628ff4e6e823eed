// Error: a canonical code, a human-readable message and optional per-field details, each with
// an optional message code and parameters the web renders in the reader's language.
// Value type; cheap to move. Shape follows leveldb's Status and absl's canonical codes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rutile {

// The short canonical set. Adding a code makes every exhaustive switch over it fail to
// compile until the new code is mapped (see http/problem.cc).
enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kConflict,
  kUnauthenticated,
  kPermissionDenied,
  kResourceExhausted,
  kUnavailable,
  kCorruption,
  kInternal,
};

std::string_view ErrorCodeName(ErrorCode code);

// Parameters of a message code, by name ("max" -> "64"), in the order they were given.
using MessageParams = std::vector<std::pair<std::string, std::string>>;

// One problem with one named input field ("material", "medium.components[2].species").
// `message` is English for logs and API clients; `code` ("field.required") names the text a
// person reads, with `params`. An empty code makes the web show a generic translated message.
struct FieldError {
  std::string field;
  std::string message;
  std::string code = {};
  MessageParams params = {};
  // Equal when they name the same field with the same message; the code and its parameters
  // are the same message for people.
  bool operator==(const FieldError& o) const { return field == o.field && message == o.message; }
};

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Error(ErrorCode code, std::string message, std::vector<FieldError> fields)
      : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  // The message code of the detail ("ledger.no_checkpoint"); empty when only the canonical
  // code's generic text applies.
  const std::string& message_code() const { return message_code_; }
  const MessageParams& params() const { return params_; }

  // Names the text a person reads for this error: Fail(NotFound("...").WithCode("x.y")).
  Error& WithCode(std::string message_code, MessageParams params = {}) & {
    message_code_ = std::move(message_code);
    params_ = std::move(params);
    return *this;
  }
  Error&& WithCode(std::string message_code, MessageParams params = {}) && {
    return std::move(WithCode(std::move(message_code), std::move(params)));
  }

  // "not found: organization 42"
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldError> fields_;
  std::string message_code_;
  MessageParams params_;
};

// Shorthands for the common codes.
Error InvalidArgument(std::string message, std::vector<FieldError> fields = {});
Error NotFound(std::string message);
Error AlreadyExists(std::string message);
Error FailedPrecondition(std::string message);
Error Conflict(std::string message);
Error Unauthenticated(std::string message);
Error PermissionDenied(std::string message);
Error ResourceExhausted(std::string message);
Error Unavailable(std::string message);
Error Corruption(std::string message);
Error Internal(std::string message);

}  // namespace rutile
