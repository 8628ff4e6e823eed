// A small JSON reader and writer on the C++ standard library only (the engine builds to
// WebAssembly, where Boost.JSON is unavailable; see docs/adr/0040-engine-json-codec.md).
// Objects keep member order; duplicate keys are rejected; strings are validated UTF-8; nesting
// depth is limited. JsonValue is a plain value type; JsonWriter is single-threaded.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::engine::wire {

class JsonValue {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  using Member = std::pair<std::string, JsonValue>;

  JsonValue() = default;
  static JsonValue Null() { return JsonValue(); }
  static JsonValue Bool(bool b);
  static JsonValue Number(double n);
  static JsonValue String(std::string s);
  static JsonValue Array(std::vector<JsonValue> items = {});
  static JsonValue Object(std::vector<Member> members = {});

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  bool is_bool() const { return type_ == Type::kBool; }
  bool is_number() const { return type_ == Type::kNumber; }
  bool is_string() const { return type_ == Type::kString; }
  bool is_array() const { return type_ == Type::kArray; }
  bool is_object() const { return type_ == Type::kObject; }

  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return string_; }
  const std::vector<JsonValue>& items() const { return items_; }
  const std::vector<Member>& members() const { return members_; }
  std::vector<JsonValue>& mutable_items() { return items_; }
  std::vector<Member>& mutable_members() { return members_; }

  // Member by key; nullptr when absent or not an object.
  const JsonValue* Find(std::string_view key) const;

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> items_;
  std::vector<Member> members_;
};

std::string_view JsonTypeName(JsonValue::Type type);

inline constexpr int kDefaultMaxJsonDepth = 64;

// Parses exactly one JSON text (RFC 8259). Errors are kInvalidArgument naming line and column.
Result<JsonValue> ParseJson(std::string_view text, int max_depth = kDefaultMaxJsonDepth);

// Serializes compactly with the engine's deterministic number format.
std::string SerializeJson(const JsonValue& value);

// Streaming writer producing compact JSON; the caller keeps calls balanced.
class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Number(double value);
  JsonWriter& Int(long long value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  JsonWriter& Value(const JsonValue& value);

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }
  void Reserve(std::size_t n) { out_.reserve(n); }

 private:
  void Separator();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

// Appends `value` as a quoted JSON string (escapes ", \, control characters; keeps UTF-8).
void AppendJsonString(std::string& out, std::string_view value);

}  // namespace rutile::engine::wire
