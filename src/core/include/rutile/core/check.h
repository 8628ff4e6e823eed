// RUTILE_CHECK (always on) and RUTILE_ASSERT (debug builds only) stop the process on a
// programmer bug. Never use them for user input: that gets an Error.
#pragma once

namespace rutile::detail {
[[noreturn]] void CheckFailed(const char* condition, const char* message, const char* file,
                              int line);
}  // namespace rutile::detail

#define RUTILE_CHECK(condition, message)                                                      \
  do {                                                                                        \
    if (!(condition)) ::rutile::detail::CheckFailed(#condition, message, __FILE__, __LINE__); \
  } while (false)

#ifdef NDEBUG
#define RUTILE_ASSERT(condition, message) \
  do {                                    \
  } while (false)
#else
#define RUTILE_ASSERT(condition, message) RUTILE_CHECK(condition, message)
#endif
