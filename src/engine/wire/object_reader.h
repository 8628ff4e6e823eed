// ObjectReader: strict field access on a parsed JSON object. Records a FieldError (with the
// dotted path) for a missing required field, a wrong type, and, on Finish(), every field that
// was never read. Internal to rutile_engine_wire.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/error.h"
#include "rutile/engine/knowledge_base.h"
#include "rutile/engine/wire/json.h"

namespace rutile::engine::wire {

inline std::string JoinPath(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  std::string out(path);
  out.push_back('.');
  out.append(key);
  return out;
}

inline std::string IndexPath(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

class ObjectReader {
 public:
  // `value` may be null or a non-object: the reader then records one error and reads nothing.
  ObjectReader(const JsonValue* value, std::string path, std::vector<FieldError>* errors)
      : value_(value), path_(std::move(path)), errors_(errors) {
    if (value_ == nullptr || !value_->is_object()) {
      errors_->push_back({path_.empty() ? "$" : path_, "expected an object", "field.invalid"});
      value_ = nullptr;
    } else {
      used_.assign(value_->members().size(), false);
    }
  }

  bool ok() const { return value_ != nullptr; }
  const std::string& path() const { return path_; }
  std::string Path(std::string_view key) const { return JoinPath(path_, key); }

  const JsonValue* Get(std::string_view key) {
    if (value_ == nullptr) return nullptr;
    const auto& members = value_->members();
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i].first == key) {
        used_[i] = true;
        return &members[i].second;
      }
    }
    return nullptr;
  }

  bool Has(std::string_view key) const { return value_ != nullptr && value_->Find(key) != nullptr; }

  // A present null counts as absent for optional fields.
  const JsonValue* Typed(std::string_view key, JsonValue::Type type, bool required) {
    const JsonValue* v = Get(key);
    if (v == nullptr || (v->is_null() && !required)) {
      if (required && ok()) errors_->push_back({Path(key), "required", "field.required"});
      return nullptr;
    }
    if (v->type() != type) {
      errors_->push_back(
          {Path(key),
           "expected " + std::string(JsonTypeName(type)) + ", got " +
               std::string(JsonTypeName(v->type())),
           type == JsonValue::Type::kNumber ? "field.not_a_number" : "field.invalid"});
      return nullptr;
    }
    return v;
  }

  std::optional<double> Number(std::string_view key, bool required = false) {
    const JsonValue* v = Typed(key, JsonValue::Type::kNumber, required);
    if (v == nullptr) return std::nullopt;
    return v->as_number();
  }
  std::optional<std::string> String(std::string_view key, bool required = false) {
    const JsonValue* v = Typed(key, JsonValue::Type::kString, required);
    if (v == nullptr) return std::nullopt;
    return v->as_string();
  }
  std::optional<bool> Bool(std::string_view key, bool required = false) {
    const JsonValue* v = Typed(key, JsonValue::Type::kBool, required);
    if (v == nullptr) return std::nullopt;
    return v->as_bool();
  }
  const JsonValue* Array(std::string_view key, bool required = false) {
    return Typed(key, JsonValue::Type::kArray, required);
  }
  const JsonValue* Object(std::string_view key, bool required = false) {
    return Typed(key, JsonValue::Type::kObject, required);
  }
  std::optional<int> Int(std::string_view key, bool required = false) {
    auto n = Number(key, required);
    if (!n) return std::nullopt;
    if (*n != std::floor(*n) || std::fabs(*n) > 1e9) {
      errors_->push_back({Path(key), "expected an integer", "field.not_integer"});
      return std::nullopt;
    }
    return static_cast<int>(*n);
  }
  std::vector<std::string> Strings(std::string_view key, bool required = false) {
    std::vector<std::string> out;
    const JsonValue* a = Array(key, required);
    if (a == nullptr) return out;
    for (std::size_t i = 0; i < a->items().size(); ++i) {
      const auto& item = a->items()[i];
      if (!item.is_string()) {
        errors_->push_back({IndexPath(Path(key), i), "expected a string", "field.invalid"});
        continue;
      }
      out.push_back(item.as_string());
    }
    return out;
  }

  // `code` is the message a person reads ("field.required", see web labels.json); without one
  // the HTTP layer finds it from the English phrasing.
  void Error(std::string_view key, std::string message, std::string code = {},
             MessageParams params = {}) {
    errors_->push_back({Path(key), std::move(message), std::move(code), std::move(params)});
  }

  // Reports every member that was not read as an unknown field.
  void Finish() {
    if (value_ == nullptr) return;
    const auto& members = value_->members();
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (!used_[i]) {
        errors_->push_back({Path(members[i].first), "unknown field", "field.unknown"});
      }
    }
  }

 private:
  const JsonValue* value_;
  std::string path_;
  std::vector<FieldError>* errors_;
  std::vector<bool> used_;
};

// {species, wt_pct | mg_per_l | g_per_l | vol_pct}: exactly one concentration.
inline bool ReadComponentSpec(const JsonValue* value, const std::string& path,
                              std::vector<FieldError>* errors, ComponentSpec* out) {
  const std::size_t before = errors->size();
  ObjectReader r(value, path, errors);
  if (!r.ok()) return false;
  if (auto s = r.String("species", true)) out->species = *s;
  static constexpr std::pair<std::string_view, ConcentrationUnit> kUnits[] = {
      {"wt_pct", ConcentrationUnit::kWtPct},
      {"mg_per_l", ConcentrationUnit::kMgPerL},
      {"g_per_l", ConcentrationUnit::kGPerL},
      {"vol_pct", ConcentrationUnit::kVolPct}};
  int count = 0;
  for (const auto& [key, unit] : kUnits) {
    if (!r.Has(key)) continue;
    ++count;
    if (auto n = r.Number(key, true)) {
      out->unit = unit;
      out->value = *n;
      if (*n < 0) r.Error(key, "must be zero or positive", "field.not_negative");
      if (unit == ConcentrationUnit::kWtPct || unit == ConcentrationUnit::kVolPct) {
        if (*n > 100) r.Error(key, "must be at most 100", "field.at_most", {{"max", "100"}});
      }
    }
  }
  if (count == 0) {
    errors->push_back(
        {path, "needs one of wt_pct, mg_per_l, g_per_l, vol_pct", "field.needs_concentration"});
  } else if (count > 1) {
    errors->push_back(
        {path, "give only one of wt_pct, mg_per_l, g_per_l, vol_pct", "field.one_concentration"});
  }
  r.Finish();
  return errors->size() == before;
}

}  // namespace rutile::engine::wire
