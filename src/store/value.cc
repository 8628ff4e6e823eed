#include "rutile/store/value.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <system_error>

#include "rutile/core/check.h"

namespace rutile::store {
namespace {

// PostgreSQL sends every cell as text; these parse it back. Malformed text in a column the
// caller reads as a number is a schema/query bug, so it stops the process like any CHECK.
std::int64_t ParseInt(std::string_view text) {
  std::int64_t out = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec == std::errc() && end == text.data() + text.size()) return out;
  // NUMERIC aggregates (SUM over BIGINT) come back as "42" or "42.000".
  std::string copy(text);
  char* parse_end = nullptr;
  double d = std::strtod(copy.c_str(), &parse_end);
  RUTILE_CHECK(
      parse_end != copy.c_str() && *parse_end == '\0' && std::isfinite(d) && d == std::trunc(d),
      "Row::Int on a cell that is not an integer");
  return static_cast<std::int64_t>(d);
}

double ParseReal(std::string_view text) {
  if (text == "Infinity") return HUGE_VAL;
  if (text == "-Infinity") return -HUGE_VAL;
  if (text == "NaN") return std::nan("");
  std::string copy(text);
  char* end = nullptr;
  double d = std::strtod(copy.c_str(), &end);
  RUTILE_CHECK(end != copy.c_str() && *end == '\0', "Row::Real on a cell that is not a number");
  return d;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string FormatReal(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  RUTILE_CHECK(ec == std::errc(), "double formatting failed");
  return std::string(buf, end);
}

}  // namespace

std::optional<std::string> DecodeByteaHex(std::string_view text) {
  if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0) {
    return std::nullopt;
  }
  std::string out;
  out.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i < text.size(); i += 2) {
    int hi = HexDigit(text[i]);
    int lo = HexDigit(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>((hi << 4) | lo));
  }
  return out;
}

const Value& Row::at(std::size_t i) const {
  RUTILE_CHECK(i < cells_.size(), "Row column index out of range");
  return cells_[i];
}

bool Row::IsNull(std::size_t i) const { return std::holds_alternative<Null>(at(i)); }

std::int64_t Row::Int(std::size_t i) const {
  const Value& v = at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) {
    RUTILE_CHECK(std::isfinite(*d) && *d == std::trunc(*d), "Row::Int on a fractional REAL");
    return static_cast<std::int64_t>(*d);
  }
  if (const auto* s = std::get_if<std::string>(&v)) return ParseInt(*s);
  RUTILE_CHECK(false, "Row::Int on a NULL or BLOB cell");
  return 0;
}

double Row::Real(std::size_t i) const {
  const Value& v = at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return ParseReal(*s);
  RUTILE_CHECK(false, "Row::Real on a NULL or BLOB cell");
  return 0;
}

std::string Row::Text(std::size_t i) const {
  const Value& v = at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return FormatReal(*d);
  if (const auto* b = std::get_if<Blob>(&v)) return b->bytes;
  RUTILE_CHECK(false, "Row::Text on a NULL cell");
  return {};
}

std::string Row::Bytes(std::size_t i) const {
  const Value& v = at(i);
  if (const auto* b = std::get_if<Blob>(&v)) return b->bytes;
  if (const auto* s = std::get_if<std::string>(&v)) {
    // A BYTEA column read as text arrives in PostgreSQL's hex output format.
    if (auto decoded = DecodeByteaHex(*s)) return *std::move(decoded);
    return *s;
  }
  RUTILE_CHECK(false, "Row::Bytes on a NULL or numeric cell");
  return {};
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

std::optional<std::string> Row::OptText(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

}  // namespace rutile::store
