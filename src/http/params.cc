#include "rutile/http/params.h"

#include <charconv>
#include <string>

namespace rutile::http {

Result<std::int64_t> ParseInt(std::string_view text, std::string_view field, std::int64_t min,
                              std::int64_t max) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
    const bool open_ended = max == std::numeric_limits<std::int64_t>::max();
    FieldError error{std::string(field), "must be a whole number "};
    if (open_ended) {
      error.message += "of at least " + std::to_string(min);
      error.code = "field.int_at_least";
      error.params = {{"min", std::to_string(min)}};
    } else {
      error.message += "from " + std::to_string(min) + " to " + std::to_string(max);
      error.code = "field.int_range";
      error.params = {{"min", std::to_string(min)}, {"max", std::to_string(max)}};
    }
    return InvalidArgument("invalid " + std::string(field), {std::move(error)});
  }
  return v;
}

Result<std::int64_t> PathId(const Request& request, std::string_view name) {
  return ParseInt(request.PathParam(name), name, 1, std::numeric_limits<std::int64_t>::max());
}

Result<std::int64_t> QueryInt(const Request& request, std::string_view name, std::int64_t fallback,
                              std::int64_t min, std::int64_t max) {
  auto text = request.Query(name);
  if (!text) return fallback;
  return ParseInt(*text, name, min, max);
}

}  // namespace rutile::http
