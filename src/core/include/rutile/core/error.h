// Error: a canonical code, a human-readable message and optional per-field details.
// Value type; cheap to move. Shape follows leveldb's Status and absl's canonical codes.
#pragma once

#include <string>
#include <string_view>
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

// One problem with one named input field ("material", "medium.components[2].species").
struct FieldError {
  std::string field;
  std::string message;
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

  // "not found: organization 42"
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldError> fields_;
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
