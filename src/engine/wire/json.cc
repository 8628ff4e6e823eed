#include "rutile/engine/wire/json.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include "rutile/core/utf8.h"
#include "rutile/engine/number_format.h"

namespace rutile::engine::wire {

JsonValue JsonValue::Bool(bool b) {
  JsonValue v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  return v;
}
JsonValue JsonValue::Number(double n) {
  JsonValue v;
  v.type_ = Type::kNumber;
  v.number_ = n;
  return v;
}
JsonValue JsonValue::String(std::string s) {
  JsonValue v;
  v.type_ = Type::kString;
  v.string_ = std::move(s);
  return v;
}
JsonValue JsonValue::Array(std::vector<JsonValue> items) {
  JsonValue v;
  v.type_ = Type::kArray;
  v.items_ = std::move(items);
  return v;
}
JsonValue JsonValue::Object(std::vector<Member> members) {
  JsonValue v;
  v.type_ = Type::kObject;
  v.members_ = std::move(members);
  return v;
}

const JsonValue* JsonValue::Find(std::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string_view JsonTypeName(JsonValue::Type type) {
  switch (type) {
    case JsonValue::Type::kNull:
      return "null";
    case JsonValue::Type::kBool:
      return "a boolean";
    case JsonValue::Type::kNumber:
      return "a number";
    case JsonValue::Type::kString:
      return "a string";
    case JsonValue::Type::kArray:
      return "an array";
    case JsonValue::Type::kObject:
      return "an object";
  }
  return "a value";
}

namespace {

// Exact powers of ten representable in a double (Clinger's fast path).
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

class Parser {
 public:
  Parser(std::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {}

  Result<JsonValue> Parse() {
    SkipSpace();
    JsonValue v;
    if (!ParseValue(v, 0)) return Failure();
    SkipSpace();
    if (pos_ != text_.size()) {
      Fail("unexpected data after the JSON value");
      return Failure();
    }
    return v;
  }

 private:
  Error Failure() const {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < error_pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return InvalidArgument("invalid JSON: " + error_ + " at line " + std::to_string(line) +
                               ", column " + std::to_string(column),
                           {{"$", error_}});
  }

  bool Fail(std::string message) {
    if (error_.empty()) {
      error_ = std::move(message);
      error_pos_ = pos_;
    }
    return false;
  }

  void SkipSpace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool Literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return Fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool ParseValue(JsonValue& out, int depth) {
    if (pos_ >= text_.size()) return Fail("unexpected end of input");
    const char c = text_[pos_];
    switch (c) {
      case '{':
        return ParseObject(out, depth + 1);
      case '[':
        return ParseArray(out, depth + 1);
      case '"': {
        std::string s;
        if (!ParseString(s)) return false;
        out = JsonValue::String(std::move(s));
        return true;
      }
      case 't':
        if (!Literal("true")) return false;
        out = JsonValue::Bool(true);
        return true;
      case 'f':
        if (!Literal("false")) return false;
        out = JsonValue::Bool(false);
        return true;
      case 'n':
        if (!Literal("null")) return false;
        out = JsonValue::Null();
        return true;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(out);
        return Fail("unexpected character");
    }
  }

  bool ParseObject(JsonValue& out, int depth) {
    if (depth > max_depth_) return Fail("nesting deeper than " + std::to_string(max_depth_));
    ++pos_;
    std::vector<JsonValue::Member> members;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      out = JsonValue::Object(std::move(members));
      return true;
    }
    while (true) {
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != '"') return Fail("expected a string key");
      std::string key;
      const std::size_t key_pos = pos_;
      if (!ParseString(key)) return false;
      for (const auto& m : members) {
        if (m.first == key) {
          pos_ = key_pos;
          return Fail("duplicate key \"" + key + "\"");
        }
      }
      SkipSpace();
      if (pos_ >= text_.size() || text_[pos_] != ':') return Fail("expected ':'");
      ++pos_;
      SkipSpace();
      JsonValue v;
      if (!ParseValue(v, depth)) return false;
      members.emplace_back(std::move(key), std::move(v));
      SkipSpace();
      if (pos_ >= text_.size()) return Fail("unexpected end of input");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == '}') {
        ++pos_;
        out = JsonValue::Object(std::move(members));
        return true;
      }
      return Fail("expected ',' or '}'");
    }
  }

  bool ParseArray(JsonValue& out, int depth) {
    if (depth > max_depth_) return Fail("nesting deeper than " + std::to_string(max_depth_));
    ++pos_;
    std::vector<JsonValue> items;
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      out = JsonValue::Array(std::move(items));
      return true;
    }
    while (true) {
      SkipSpace();
      JsonValue v;
      if (!ParseValue(v, depth)) return false;
      items.push_back(std::move(v));
      SkipSpace();
      if (pos_ >= text_.size()) return Fail("unexpected end of input");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == ']') {
        ++pos_;
        out = JsonValue::Array(std::move(items));
        return true;
      }
      return Fail("expected ',' or ']'");
    }
  }

  bool Hex4(std::uint32_t& out) {
    if (pos_ + 4 > text_.size()) return Fail("truncated \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_++];
      out <<= 4;
      if (c >= '0' && c <= '9') {
        out |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        out |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        out |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return Fail("invalid \\u escape");
      }
    }
    return true;
  }

  // Validates one UTF-8 sequence starting at pos_ and appends it.
  bool Utf8(std::string& s) {
    const auto cp = utf8::DecodeAt(text_, pos_);
    if (!cp) return Fail("invalid UTF-8");
    s.append(text_.substr(pos_, cp->length));
    pos_ += cp->length;
    return true;
  }

  bool ParseString(std::string& s) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= text_.size()) return Fail("unterminated string");
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return Fail("control character in string");
      if (c == '\\') {
        ++pos_;
        if (pos_ >= text_.size()) return Fail("unterminated string");
        const char e = text_[pos_++];
        switch (e) {
          case '"':
            s.push_back('"');
            break;
          case '\\':
            s.push_back('\\');
            break;
          case '/':
            s.push_back('/');
            break;
          case 'b':
            s.push_back('\b');
            break;
          case 'f':
            s.push_back('\f');
            break;
          case 'n':
            s.push_back('\n');
            break;
          case 'r':
            s.push_back('\r');
            break;
          case 't':
            s.push_back('\t');
            break;
          case 'u': {
            std::uint32_t cp = 0;
            if (!Hex4(cp)) return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (pos_ + 2 > text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') {
                return Fail("unpaired surrogate");
              }
              pos_ += 2;
              std::uint32_t low = 0;
              if (!Hex4(low)) return false;
              if (low < 0xDC00 || low > 0xDFFF) return Fail("unpaired surrogate");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return Fail("unpaired surrogate");
            }
            utf8::Append(s, static_cast<char32_t>(cp));
            break;
          }
          default:
            --pos_;
            return Fail("invalid escape");
        }
        continue;
      }
      if (static_cast<unsigned char>(c) >= 0x80) {
        if (!Utf8(s)) return false;
        continue;
      }
      s.push_back(c);
      ++pos_;
    }
  }

  bool ParseNumber(JsonValue& out) {
    const std::size_t start = pos_;
    bool negative = false;
    if (text_[pos_] == '-') {
      negative = true;
      ++pos_;
    }
    if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9') {
      return Fail("invalid number");
    }
    std::uint64_t mantissa = 0;
    int digits = 0;      // significant digits kept in mantissa
    int exponent10 = 0;  // decimal exponent adjustment
    bool nonzero_seen = false;
    auto take_digit = [&](char c, bool fraction) {
      const int d = c - '0';
      if (!nonzero_seen && d == 0) {
        if (fraction) --exponent10;
        return;
      }
      nonzero_seen = true;
      if (digits < 19) {
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(d);
        ++digits;
        if (fraction) --exponent10;
      } else if (!fraction) {
        ++exponent10;  // dropped integer digit
      }
    };
    if (text_[pos_] == '0') {
      ++pos_;
      if (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        return Fail("leading zero in number");
      }
    } else {
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        take_digit(text_[pos_++], false);
      }
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9') {
        return Fail("invalid number");
      }
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        take_digit(text_[pos_++], true);
      }
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      bool exp_negative = false;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) {
        exp_negative = text_[pos_] == '-';
        ++pos_;
      }
      if (pos_ >= text_.size() || text_[pos_] < '0' || text_[pos_] > '9') {
        return Fail("invalid number");
      }
      int e = 0;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        if (e < 100000) e = e * 10 + (text_[pos_] - '0');
        ++pos_;
      }
      exponent10 += exp_negative ? -e : e;
    }
    double value = 0;
    if (mantissa != 0) {
      if (mantissa <= (std::uint64_t{1} << 53) && exponent10 >= -22 && exponent10 <= 22) {
        value = static_cast<double>(mantissa);
        value = exponent10 < 0 ? value / kPow10[-exponent10] : value * kPow10[exponent10];
      } else {
        // Slow path: deterministic (IEEE operations only) though not always correctly rounded.
        value = static_cast<double>(mantissa);
        int e = exponent10;
        while (e > 22 && !std::isinf(value)) {
          value *= 1e22;
          e -= 22;
        }
        while (e < -22 && value != 0) {
          value /= 1e22;
          e += 22;
        }
        if (e >= -22 && e <= 22) value = e < 0 ? value / kPow10[-e] : value * kPow10[e];
      }
    }
    if (std::isinf(value)) {
      pos_ = start;
      return Fail("number out of range");
    }
    out = JsonValue::Number(negative ? -value : value);
    return true;
  }

  std::string_view text_;
  int max_depth_;
  std::size_t pos_ = 0;
  std::string error_;
  std::size_t error_pos_ = 0;
};

}  // namespace

Result<JsonValue> ParseJson(std::string_view text, int max_depth) {
  return Parser(text, max_depth).Parse();
}

namespace {

// True when any of the 8 bytes is a control character, '"' or '\\' (SWAR test).
inline bool NeedsEscape8(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHigh = 0x8080808080808080ull;
  const std::uint64_t quote = x ^ (kOnes * '"');
  const std::uint64_t backslash = x ^ (kOnes * '\\');
  const std::uint64_t control = (x - kOnes * 0x20) & ~x;
  return (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) | control) & kHigh;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t start = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (i + 8 <= value.size() && !NeedsEscape8(value.data() + i)) {
      i += 7;
      continue;
    }
    const auto u = static_cast<unsigned char>(value[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out.append(value.data() + start, i - start);
    start = i + 1;
    switch (u) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out.push_back(kHex[u >> 4]);
        out.push_back(kHex[u & 0xF]);
    }
  }
  out.append(value.data() + start, value.size() - start);
  out.push_back('"');
}

void JsonWriter::Separator() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::BeginObject() {
  Separator();
  out_.push_back('{');
  first_.push_back(true);
  return *this;
}
JsonWriter& JsonWriter::EndObject() {
  out_.push_back('}');
  first_.pop_back();
  return *this;
}
JsonWriter& JsonWriter::BeginArray() {
  Separator();
  out_.push_back('[');
  first_.push_back(true);
  return *this;
}
JsonWriter& JsonWriter::EndArray() {
  out_.push_back(']');
  first_.pop_back();
  return *this;
}
JsonWriter& JsonWriter::Key(std::string_view key) {
  Separator();
  AppendJsonString(out_, key);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}
JsonWriter& JsonWriter::String(std::string_view value) {
  Separator();
  AppendJsonString(out_, value);
  return *this;
}
JsonWriter& JsonWriter::Number(double value) {
  Separator();
  AppendNumber(out_, value);
  return *this;
}
JsonWriter& JsonWriter::Int(long long value) {
  Separator();
  out_ += std::to_string(value);
  return *this;
}
JsonWriter& JsonWriter::Bool(bool value) {
  Separator();
  out_ += value ? "true" : "false";
  return *this;
}
JsonWriter& JsonWriter::Null() {
  Separator();
  out_ += "null";
  return *this;
}
JsonWriter& JsonWriter::Value(const JsonValue& v) {
  switch (v.type()) {
    case JsonValue::Type::kNull:
      return Null();
    case JsonValue::Type::kBool:
      return Bool(v.as_bool());
    case JsonValue::Type::kNumber:
      return Number(v.as_number());
    case JsonValue::Type::kString:
      return String(v.as_string());
    case JsonValue::Type::kArray:
      BeginArray();
      for (const auto& item : v.items()) Value(item);
      return EndArray();
    case JsonValue::Type::kObject:
      BeginObject();
      for (const auto& [k, item] : v.members()) {
        Key(k);
        Value(item);
      }
      return EndObject();
  }
  return *this;
}

std::string SerializeJson(const JsonValue& value) {
  JsonWriter w;
  w.Value(value);
  return w.Take();
}

}  // namespace rutile::engine::wire
