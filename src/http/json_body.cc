#include "rutile/http/json_body.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <cmath>
#include <set>

namespace rutile::http {
namespace {

constexpr std::size_t kMaxDepth = 32;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "application/json", "application/merge-patch+json", optionally "; charset=utf-8".
bool IsJsonContentType(std::string_view value) {
  std::string v = Lower(value);
  std::string_view rest = v;
  std::size_t semi = rest.find(';');
  std::string_view media = Trim(rest.substr(0, semi));
  bool json = media == "application/json" ||
              (media.starts_with("application/") && media.ends_with("+json"));
  if (!json) return false;
  while (semi != std::string_view::npos) {
    rest.remove_prefix(semi + 1);
    semi = rest.find(';');
    std::string_view param = Trim(rest.substr(0, semi));
    if (param.starts_with("charset=")) {
      std::string_view cs = param.substr(8);
      if (cs.size() >= 2 && cs.front() == '"' && cs.back() == '"') cs = cs.substr(1, cs.size() - 2);
      if (cs != "utf-8" && cs != "utf8") return false;
    }
  }
  return true;
}

// A basic_parser handler that only tracks member names, to find an object that repeats one.
// boost::json::parse keeps one of the values silently; parsers that keep another would read
// the same body differently, so a repeated name is refused.
struct DuplicateKeyFinder {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  std::vector<std::set<std::string, std::less<>>> objects;
  std::string key;
  std::string duplicate;
  bool found = false;

  using ec_t = boost::system::error_code;
  using sv = boost::json::string_view;
  bool on_document_begin(ec_t&) { return true; }
  bool on_document_end(ec_t&) { return true; }
  bool on_array_begin(ec_t&) { return true; }
  bool on_array_end(std::size_t, ec_t&) { return true; }
  bool on_object_begin(ec_t&) {
    objects.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, ec_t&) {
    objects.pop_back();
    return true;
  }
  bool on_string_part(sv, std::size_t, ec_t&) { return true; }
  bool on_string(sv, std::size_t, ec_t&) { return true; }
  bool on_key_part(sv s, std::size_t, ec_t&) {
    key.append(s.data(), s.size());
    return true;
  }
  bool on_key(sv s, std::size_t, ec_t& ec) {
    key.append(s.data(), s.size());
    bool inserted = objects.back().insert(key).second;
    if (!inserted) {
      duplicate = std::move(key);
      found = true;
      ec = boost::json::error::syntax;
    }
    key.clear();
    return inserted;
  }
  bool on_number_part(sv, ec_t&) { return true; }
  bool on_int64(std::int64_t, sv, ec_t&) { return true; }
  bool on_uint64(std::uint64_t, sv, ec_t&) { return true; }
  bool on_double(double, sv, ec_t&) { return true; }
  bool on_bool(bool, ec_t&) { return true; }
  bool on_null(ec_t&) { return true; }
  bool on_comment_part(sv, ec_t&) { return true; }
  bool on_comment(sv, ec_t&) { return true; }
};

std::optional<std::string> FindDuplicateKey(std::string_view body,
                                            const boost::json::parse_options& options) {
  boost::json::basic_parser<DuplicateKeyFinder> parser(options);
  boost::system::error_code ec;
  parser.write_some(false, body.data(), body.size(), ec);
  if (parser.handler().found) return parser.handler().duplicate;
  return std::nullopt;
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Result<JsonFields> JsonFields::Parse(const Request& request) {
  auto type = request.Header("content-type");
  if (!type)
    return InvalidArgument("the request needs Content-Type: application/json")
        .WithMessageCode("problem.bad_body");
  if (!IsJsonContentType(*type)) {
    return InvalidArgument("unsupported content type \"" + *type +
                           "\"; send application/json in UTF-8")
        .WithMessageCode("problem.bad_body");
  }
  return ParseBody(request.body);
}

Result<JsonFields> JsonFields::ParseBody(std::string_view body) {
  if (body.empty())
    return InvalidArgument("the request body is empty; a JSON object is expected")
        .WithMessageCode("problem.bad_body");
  boost::json::parse_options options;
  options.max_depth = kMaxDepth;
  options.allow_comments = false;
  options.allow_trailing_commas = false;
  options.allow_invalid_utf8 = false;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec)
    return InvalidArgument("the request body is not valid JSON: " + ec.message())
        .WithMessageCode("problem.bad_body");
  if (!value.is_object())
    return InvalidArgument("the request body must be a JSON object")
        .WithMessageCode("problem.bad_body");
  if (auto name = FindDuplicateKey(body, options)) {
    return InvalidArgument("the request body repeats the member \"" + *name + "\"")
        .WithMessageCode("problem.bad_body");
  }
  return JsonFields(std::move(value.as_object()), "");
}

JsonFields JsonFields::FromObject(const boost::json::object& object, std::string field_prefix) {
  return JsonFields(object, std::move(field_prefix));
}

std::string JsonFields::FieldName(std::string_view name) const {
  std::string out = prefix_;
  out += name;
  return out;
}

const boost::json::value* JsonFields::Lookup(std::string_view name, bool required) {
  known_.emplace(name);
  const boost::json::value* v = object_.if_contains(name);
  if (v == nullptr || v->is_null()) {
    if (required) AddError(name, "is required", "field.required");
    return nullptr;
  }
  return v;
}

void JsonFields::AddError(std::string_view name, std::string message) {
  errors_.push_back(FieldError{FieldName(name), std::move(message)});
}

void JsonFields::AddError(std::string_view name, std::string message, std::string code,
                          MessageParams params) {
  errors_.push_back(
      FieldError{FieldName(name), std::move(message), std::move(code), std::move(params)});
}

std::optional<std::string> JsonFields::String(std::string_view name, bool required,
                                              std::size_t max_len) {
  const boost::json::value* v = Lookup(name, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    AddError(name, "must be a string", "field.invalid");
    return std::nullopt;
  }
  std::string_view s = v->get_string();
  if (CodePoints(s) > max_len) {
    AddError(name, "must be at most " + std::to_string(max_len) + " characters", "field.too_long",
             {{"max", std::to_string(max_len)}});
    return std::nullopt;
  }
  if (s.find('\0') != std::string_view::npos) {
    AddError(name, "must not contain NUL characters", "field.invalid");
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<std::int64_t> JsonFields::Int(std::string_view name, bool required, std::int64_t min,
                                            std::int64_t max) {
  const boost::json::value* v = Lookup(name, required);
  if (v == nullptr) return std::nullopt;
  std::optional<std::int64_t> out;
  bool out_of_range = false;
  if (v->is_int64()) {
    out = v->get_int64();
  } else if (v->is_uint64()) {
    out_of_range = true;  // above INT64_MAX
  } else if (v->is_double()) {
    double d = v->get_double();
    if (std::isfinite(d) && std::trunc(d) == d) {
      if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
        out = static_cast<std::int64_t>(d);
      } else {
        out_of_range = true;
      }
    }
  }
  if (!out && !out_of_range) {
    AddError(name, "must be an integer", "field.not_integer");
    return std::nullopt;
  }
  if (out_of_range || *out < min || *out > max) {
    AddError(name, "must be between " + std::to_string(min) + " and " + std::to_string(max),
             "field.out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
    return std::nullopt;
  }
  return out;
}

std::optional<double> JsonFields::Number(std::string_view name, bool required, double min,
                                         double max) {
  const boost::json::value* v = Lookup(name, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) {
    AddError(name, "must be a number", "field.not_a_number");
    return std::nullopt;
  }
  double d = v->to_number<double>();
  if (!std::isfinite(d)) {
    AddError(name, "must be a finite number", "field.not_a_number");
    return std::nullopt;
  }
  if (d < min || d > max) {
    auto fmt = [](double x) {
      std::string s = boost::json::serialize(boost::json::value(x));
      return s;
    };
    AddError(name, "must be between " + fmt(min) + " and " + fmt(max), "field.out_of_range",
             {{"min", fmt(min)}, {"max", fmt(max)}});
    return std::nullopt;
  }
  return d;
}

std::optional<bool> JsonFields::Bool(std::string_view name, bool required) {
  const boost::json::value* v = Lookup(name, required);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) {
    AddError(name, "must be true or false", "field.invalid");
    return std::nullopt;
  }
  return v->get_bool();
}

const boost::json::value* JsonFields::Raw(std::string_view name) {
  return Lookup(name, /*required=*/false);
}

Status JsonFields::Finish() {
  for (const auto& member : object_) {
    if (known_.find(std::string_view(member.key())) == known_.end()) {
      AddError(member.key(), "unknown field", "field.unknown");
    }
  }
  known_.clear();
  for (const auto& member : object_) known_.emplace(member.key());  // report unknowns once
  if (errors_.empty()) return Ok();
  return InvalidArgument("the request body has invalid fields", errors_);
}

}  // namespace rutile::http
