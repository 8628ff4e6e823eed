#include "rutile/cases/bulletin_json.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <initializer_list>
#include <string_view>

namespace rutile::cases {
namespace {

namespace json = boost::json;

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::value(s));
  return a;
}

json::value OptNumber(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

// Reads one object member by member, collecting errors; unknown members are errors too.
class StrictObject {
 public:
  StrictObject(const json::value& v, std::string prefix, std::vector<FieldError>& errors,
               std::initializer_list<std::string_view> known)
      : prefix_(std::move(prefix)), errors_(errors) {
    if (!v.is_object()) {
      errors_.push_back({Trimmed(), "must be an object"});
      return;
    }
    o_ = &v.as_object();
    for (const auto& [k, ignored] : *o_)
      if (std::find(known.begin(), known.end(), std::string_view(k)) == known.end())
        errors_.push_back({prefix_ + std::string(k), "is not a known field"});
  }

  std::string Str(std::string_view name) {
    const json::value* v = Get(name);
    if (v == nullptr) return "";
    if (!v->is_string()) {
      errors_.push_back({prefix_ + std::string(name), "must be a string"});
      return "";
    }
    return std::string(v->as_string());
  }
  std::optional<double> Num(std::string_view name) {
    const json::value* v = Get(name);
    if (v == nullptr) return std::nullopt;
    if (v->is_double() && std::isfinite(v->as_double())) return v->as_double();
    if (v->is_int64()) return static_cast<double>(v->as_int64());
    errors_.push_back({prefix_ + std::string(name), "must be a number"});
    return std::nullopt;
  }
  std::vector<std::string> StrList(std::string_view name) {
    std::vector<std::string> out;
    const json::value* v = Get(name);
    if (v == nullptr) return out;
    const std::string field = prefix_ + std::string(name);
    if (!v->is_array()) {
      errors_.push_back({field, "must be an array of strings"});
      return out;
    }
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const json::value& e = v->as_array()[i];
      if (e.is_string())
        out.emplace_back(e.as_string());
      else
        errors_.push_back({field + "[" + std::to_string(i) + "]", "must be a string"});
    }
    return out;
  }
  std::vector<int> IntList(std::string_view name) {
    std::vector<int> out;
    const json::value* v = Get(name);
    if (v == nullptr) return out;
    const std::string field = prefix_ + std::string(name);
    if (!v->is_array()) {
      errors_.push_back({field, "must be an array of whole numbers"});
      return out;
    }
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const json::value& e = v->as_array()[i];
      if (e.is_int64() && e.as_int64() >= -1000 && e.as_int64() <= 1000)
        out.push_back(static_cast<int>(e.as_int64()));
      else
        errors_.push_back({field + "[" + std::to_string(i) + "]", "must be a whole number"});
    }
    return out;
  }

 private:
  const json::value* Get(std::string_view name) const {
    if (o_ == nullptr) return nullptr;
    const json::value* v = o_->if_contains(name);
    return v == nullptr || v->is_null() ? nullptr : v;
  }
  std::string Trimmed() const {
    return !prefix_.empty() && prefix_.back() == '.' ? prefix_.substr(0, prefix_.size() - 1)
                                                     : prefix_;
  }

  const json::object* o_ = nullptr;
  std::string prefix_;
  std::vector<FieldError>& errors_;
};

}  // namespace

json::object RuleToJson(const MatchingRule& r) {
  json::array grades;
  for (int g : r.grades) grades.push_back(g);
  return json::object{{"mechanisms", Strings(r.mechanisms)},
                      {"materials", Strings(r.materials)},
                      {"bath_presets", Strings(r.bath_presets)},
                      {"species", Strings(r.species)},
                      {"min_temperature_c", OptNumber(r.min_temperature_c)},
                      {"max_temperature_c", OptNumber(r.max_temperature_c)},
                      {"equipment_types", Strings(r.equipment_types)},
                      {"grades", std::move(grades)}};
}

json::array TextsToJson(const std::vector<BulletinText>& texts) {
  json::array a;
  for (const auto& t : texts)
    a.push_back(json::object{{"language", t.language}, {"title", t.title}, {"summary", t.summary}});
  return a;
}

json::object BulletinToJson(const Bulletin& b, bool for_reviewer) {
  json::array cases;
  for (auto id : b.case_ids) cases.push_back(id);
  json::object o{{"id", b.id},
                 {"state", BulletinStateName(b.state)},
                 {"severity", BulletinSeverityName(b.severity)},
                 {"texts", TextsToJson(b.texts)},
                 {"case_ids", std::move(cases)},
                 {"rule", RuleToJson(b.rule)},
                 {"published_at", b.published_at == 0 ? json::value(nullptr) : b.published_at},
                 {"withdrawn_at", b.withdrawn_at == 0 ? json::value(nullptr) : b.withdrawn_at}};
  if (for_reviewer) {
    o["origin"] = b.origin;
    o["cluster_key"] = b.cluster_key;
    o["author_id"] = b.author_id == 0 ? json::value(nullptr) : b.author_id;
    o["created_at"] = b.created_at;
    o["updated_at"] = b.updated_at;
  }
  return o;
}

Result<MatchingRule> RuleFromJson(const json::value& value, const std::string& prefix) {
  std::vector<FieldError> errors;
  StrictObject o(value, prefix, errors,
                 {"mechanisms", "materials", "bath_presets", "species", "min_temperature_c",
                  "max_temperature_c", "equipment_types", "grades"});
  MatchingRule r;
  r.mechanisms = o.StrList("mechanisms");
  r.materials = o.StrList("materials");
  r.bath_presets = o.StrList("bath_presets");
  r.species = o.StrList("species");
  r.min_temperature_c = o.Num("min_temperature_c");
  r.max_temperature_c = o.Num("max_temperature_c");
  r.equipment_types = o.StrList("equipment_types");
  r.grades = o.IntList("grades");
  if (!errors.empty()) return InvalidArgument("the matching rule is not valid", std::move(errors));
  return r;
}

Result<std::vector<BulletinText>> TextsFromJson(const json::value& value,
                                                const std::string& prefix) {
  std::vector<FieldError> errors;
  std::vector<BulletinText> out;
  if (!value.is_array()) {
    errors.push_back({prefix, "must be an array of {language, title, summary}"});
  } else {
    for (std::size_t i = 0; i < value.as_array().size(); ++i) {
      StrictObject o(value.as_array()[i], prefix + "[" + std::to_string(i) + "].", errors,
                     {"language", "title", "summary"});
      out.push_back({o.Str("language"), o.Str("title"), o.Str("summary")});
    }
  }
  if (!errors.empty()) return InvalidArgument("the bulletin text is not valid", std::move(errors));
  return out;
}

}  // namespace rutile::cases
