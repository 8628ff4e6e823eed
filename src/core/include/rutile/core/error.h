// Error: a canonical code, a human-readable message and optional per-field details.
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

// Parameters of a message code, by name, in the order the English text uses them.
using MessageParams = std::vector<std::pair<std::string, std::string>>;

// One problem with one named input field ("material", "medium.components[2].species").
// `message` is English for API clients and logs; `code` and `params` name the text a person
// reads in their language ("field.too_long" with {max: 200}, see web/src/i18n/*/labels.json).
// An error made without a code gets one from the HTTP layer's table of known phrasings.
struct FieldError {
  std::string field;
  std::string message;
  std::string code = {};
  MessageParams params = {};
  bool operator==(const FieldError&) const = default;
};

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Error(ErrorCode code, std::string message, std::vector<FieldError> fields)
      : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }

  // The message code and parameters of the text a person reads instead of `message`
  // ("identity.wrong_login"); empty when none was given.
  Error& WithMessageCode(std::string code, MessageParams params = {}) & {
    message_code_ = std::move(code);
    message_params_ = std::move(params);
    return *this;
  }
  Error&& WithMessageCode(std::string code, MessageParams params = {}) && {
    return std::move(WithMessageCode(std::move(code), std::move(params)));
  }
  const std::string& message_code() const { return message_code_; }
  const MessageParams& message_params() const { return message_params_; }

  // "not found: organization 42"
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldError> fields_;
  std::string message_code_;
  MessageParams message_params_;
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
