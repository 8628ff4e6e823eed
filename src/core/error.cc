#include "rutile/core/error.h"

namespace rutile {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid argument";
    case ErrorCode::kNotFound:
      return "not found";
    case ErrorCode::kAlreadyExists:
      return "already exists";
    case ErrorCode::kFailedPrecondition:
      return "failed precondition";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kPermissionDenied:
      return "permission denied";
    case ErrorCode::kResourceExhausted:
      return "resource exhausted";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kCorruption:
      return "corruption";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Error::ToString() const {
  std::string out(ErrorCodeName(code_));
  out += ": ";
  out += message_;
  for (const auto& f : fields_) {
    out += "\n  ";
    out += f.field;
    out += ": ";
    out += f.message;
  }
  return out;
}

Error InvalidArgument(std::string m, std::vector<FieldError> f) {
  return Error(ErrorCode::kInvalidArgument, std::move(m), std::move(f));
}
Error NotFound(std::string m) { return Error(ErrorCode::kNotFound, std::move(m)); }
Error AlreadyExists(std::string m) { return Error(ErrorCode::kAlreadyExists, std::move(m)); }
Error FailedPrecondition(std::string m) {
  return Error(ErrorCode::kFailedPrecondition, std::move(m));
}
Error Conflict(std::string m) { return Error(ErrorCode::kConflict, std::move(m)); }
Error Unauthenticated(std::string m) { return Error(ErrorCode::kUnauthenticated, std::move(m)); }
Error PermissionDenied(std::string m) { return Error(ErrorCode::kPermissionDenied, std::move(m)); }
Error ResourceExhausted(std::string m) {
  return Error(ErrorCode::kResourceExhausted, std::move(m));
}
Error Unavailable(std::string m) { return Error(ErrorCode::kUnavailable, std::move(m)); }
Error Corruption(std::string m) { return Error(ErrorCode::kCorruption, std::move(m)); }
Error Internal(std::string m) { return Error(ErrorCode::kInternal, std::move(m)); }

}  // namespace rutile
