// Value: one SQL parameter or result cell. Row: one result row. Both plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rutile::store {

struct Null {
  bool operator==(const Null&) const = default;
};

// Bytes stored as BLOB (SQLite) / BYTEA (PostgreSQL).
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

using Value = std::variant<Null, std::int64_t, double, std::string, Blob>;

// One result row. Accessors check the column index (programmer bug if out of range) and
// convert where the databases differ (PostgreSQL returns every column as text on the wire).
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> cells) : cells_(std::move(cells)) {}

  std::size_t size() const { return cells_.size(); }
  bool IsNull(std::size_t i) const;
  std::int64_t Int(std::size_t i) const;
  double Real(std::size_t i) const;
  std::string Text(std::size_t i) const;
  std::string Bytes(std::size_t i) const;  // a BLOB/BYTEA column's raw bytes
  std::optional<std::int64_t> OptInt(std::size_t i) const;
  std::optional<std::string> OptText(std::size_t i) const;
  const Value& at(std::size_t i) const;

 private:
  std::vector<Value> cells_;
};

// Decodes PostgreSQL's BYTEA hex text form ("\x0a1b..."); nullopt if the text is not in it.
std::optional<std::string> DecodeByteaHex(std::string_view text);

}  // namespace rutile::store
