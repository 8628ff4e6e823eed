// Result<T>: a value or an Error, with std::expected's member names so it can become an alias
// for std::expected<T, Error> once the toolchain has it. [[nodiscard]]: ignoring one is a bug.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "rutile/core/check.h"
#include "rutile/core/error.h"

namespace rutile {

// Carries an Error into a Result of any T (std::unexpected's role).
struct Unexpected {
  Error error;
};
inline Unexpected Fail(Error e) { return Unexpected{std::move(e)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(const T& value) : data_(value) {}
  Result(T&& value) : data_(std::move(value)) {}
  template <typename U>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, Result> &&
           !std::is_same_v<std::decay_t<U>, Error> && !std::is_same_v<std::decay_t<U>, Unexpected>)
      Result(U&& value)
      : data_(T(std::forward<U>(value))) {}
  Result(Error error) : data_(std::move(error)) {}
  Result(Unexpected u) : data_(std::move(u.error)) {}

  bool has_value() const { return data_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    RUTILE_CHECK(has_value(), "value() on an error Result");
    return std::get<0>(data_);
  }
  const T& value() const& {
    RUTILE_CHECK(has_value(), "value() on an error Result");
    return std::get<0>(data_);
  }
  T&& value() && {
    RUTILE_CHECK(has_value(), "value() on an error Result");
    return std::move(std::get<0>(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    RUTILE_CHECK(!has_value(), "error() on a Result holding a value");
    return std::get<1>(data_);
  }
  Error&& error() && {
    RUTILE_CHECK(!has_value(), "error() on a Result holding a value");
    return std::move(std::get<1>(data_));
  }

  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? std::get<0>(data_) : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;

  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}
  Result(Unexpected u) : error_(std::move(u.error)), failed_(true) {}

  bool has_value() const { return !failed_; }
  explicit operator bool() const { return has_value(); }
  void value() const { RUTILE_CHECK(has_value(), "value() on an error Result"); }
  const Error& error() const& {
    RUTILE_CHECK(failed_, "error() on a successful Result");
    return error_;
  }
  Error&& error() && {
    RUTILE_CHECK(failed_, "error() on a successful Result");
    return std::move(error_);
  }

 private:
  Error error_{ErrorCode::kInternal, ""};
  bool failed_ = false;
};

using Status = Result<void>;
inline Status Ok() { return Status(); }

}  // namespace rutile

// Evaluates a Result expression; on error returns the error from the enclosing function.
#define RUTILE_TRY(expr)                                            \
  do {                                                              \
    auto rutile_try_result_ = (expr);                               \
    if (!rutile_try_result_.has_value())                            \
      return ::rutile::Fail(std::move(rutile_try_result_).error()); \
  } while (false)

#define RUTILE_CONCAT_INNER(a, b) a##b
#define RUTILE_CONCAT(a, b) RUTILE_CONCAT_INNER(a, b)

// RUTILE_ASSIGN_OR_RETURN(auto x, Expr()); declares x from the value or returns the error.
#define RUTILE_ASSIGN_OR_RETURN(lhs, expr) \
  RUTILE_ASSIGN_OR_RETURN_IMPL(RUTILE_CONCAT(rutile_result_, __LINE__), lhs, expr)
#define RUTILE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)                   \
  auto tmp = (expr);                                                   \
  if (!tmp.has_value()) return ::rutile::Fail(std::move(tmp).error()); \
  lhs = std::move(tmp).value()
