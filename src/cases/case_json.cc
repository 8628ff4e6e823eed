#include "rutile/cases/case_json.h"

#include <boost/json.hpp>

namespace rutile::cases {
namespace {

namespace json = boost::json;

json::value OptNumber(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::array Components(const std::vector<MediumComponent>& comps) {
  json::array a;
  for (const auto& c : comps)
    a.push_back(
        json::object{{"species", c.species}, {"concentration_g_per_l", c.concentration_g_per_l}});
  return a;
}

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::value(s));
  return a;
}

// Typed reads that collect field errors instead of throwing.
class Reader {
 public:
  explicit Reader(const json::object& o) : o_(o) {}

  std::string Str(const char* name, const std::string& fallback = "") {
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return fallback;
    if (!v->is_string()) {
      errors_.push_back({name, "must be a string"});
      return fallback;
    }
    return std::string(v->as_string());
  }
  std::optional<double> Num(const char* name) {
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (v->is_double()) return v->as_double();
    if (v->is_int64()) return static_cast<double>(v->as_int64());
    if (v->is_uint64()) return static_cast<double>(v->as_uint64());
    errors_.push_back({name, "must be a number"});
    return std::nullopt;
  }
  std::optional<std::int64_t> Int(const char* name) {
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (v->is_int64()) return v->as_int64();
    if (v->is_uint64() && v->as_uint64() < (1ull << 62))
      return static_cast<std::int64_t>(v->as_uint64());
    errors_.push_back({name, "must be a whole number"});
    return std::nullopt;
  }
  bool Bool(const char* name) {
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return false;
    if (!v->is_bool()) {
      errors_.push_back({name, "must be true or false"});
      return false;
    }
    return v->as_bool();
  }
  std::vector<std::string> StrList(const char* name) {
    std::vector<std::string> out;
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return out;
    if (!v->is_array()) {
      errors_.push_back({name, "must be an array of strings"});
      return out;
    }
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const auto& e = v->as_array()[i];
      if (!e.is_string()) {
        errors_.push_back({std::string(name) + "[" + std::to_string(i) + "]", "must be a string"});
        continue;
      }
      out.emplace_back(e.as_string());
    }
    return out;
  }
  std::vector<MediumComponent> Comps(const char* name) {
    std::vector<MediumComponent> out;
    const json::value* v = o_.if_contains(name);
    if (v == nullptr || v->is_null()) return out;
    if (!v->is_array()) {
      errors_.push_back({name, "must be an array of {species, concentration_g_per_l}"});
      return out;
    }
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
      const std::string f = std::string(name) + "[" + std::to_string(i) + "]";
      const auto& e = v->as_array()[i];
      if (!e.is_object()) {
        errors_.push_back({f, "must be an object"});
        continue;
      }
      Reader r(e.as_object());
      MediumComponent c;
      c.species = r.Str("species");
      c.concentration_g_per_l = r.Num("concentration_g_per_l").value_or(0);
      for (auto& fe : r.errors_) errors_.push_back({f + "." + fe.field, fe.message});
      out.push_back(std::move(c));
    }
    return out;
  }
  std::optional<FailureMode> Mode(const char* name, bool required) {
    const std::string s = Str(name);
    if (s.empty()) {
      if (required) errors_.push_back({name, "is required"});
      return std::nullopt;
    }
    auto m = ParseFailureMode(s);
    if (!m)
      errors_.push_back({name,
                         "must be one of pitting, crevice, hydriding, fluoride_attack, "
                         "erosion, scc, galvanic, general_thinning, weld, other"});
    return m;
  }
  std::vector<FieldError>& errors() { return errors_; }

 private:
  const json::object& o_;
  std::vector<FieldError> errors_;
};

}  // namespace

json::object CaseInputToJson(const CaseInput& in) {
  return json::object{{"equipment_type", in.equipment_type},
                      {"material", in.material},
                      {"grade", in.grade},
                      {"bath_preset", in.bath_preset},
                      {"medium", in.medium},
                      {"components", Components(in.components)},
                      {"temperature_c", in.temperature_c},
                      {"ph", OptNumber(in.ph)},
                      {"chloride_mg_per_l", OptNumber(in.chloride_mg_per_l)},
                      {"fluoride_mg_per_l", OptNumber(in.fluoride_mg_per_l)},
                      {"service_months",
                       in.service_months ? json::value(*in.service_months) : json::value(nullptr)},
                      {"failure_mode", FailureModeName(in.failure_mode)},
                      {"mechanism_ids", Strings(in.mechanism_ids)},
                      {"morphology", in.morphology},
                      {"root_cause", in.root_cause},
                      {"corrective_actions", in.corrective_actions},
                      {"cost_band", in.cost_band},
                      {"downtime_band", in.downtime_band},
                      {"occurred_on", in.occurred_on},
                      {"region", in.region},
                      {"industry", in.industry},
                      {"scale", in.scale},
                      {"narrative", in.narrative},
                      {"language", in.language}};
}

Result<CaseInput> CaseInputFromJson(const json::object& o) {
  Reader r(o);
  CaseInput in;
  in.equipment_type = r.Str("equipment_type");
  in.material = r.Str("material");
  in.grade = r.Str("grade");
  in.bath_preset = r.Str("bath_preset");
  in.medium = r.Str("medium");
  in.components = r.Comps("components");
  if (auto t = r.Num("temperature_c")) {
    in.temperature_c = *t;
  } else if (r.errors().empty() || r.errors().back().field != "temperature_c") {
    r.errors().push_back({"temperature_c", "is required"});
  }
  in.ph = r.Num("ph");
  in.chloride_mg_per_l = r.Num("chloride_mg_per_l");
  in.fluoride_mg_per_l = r.Num("fluoride_mg_per_l");
  in.service_months = r.Int("service_months");
  if (auto m = r.Mode("failure_mode", true)) in.failure_mode = *m;
  in.mechanism_ids = r.StrList("mechanism_ids");
  in.morphology = r.Str("morphology");
  in.root_cause = r.Str("root_cause");
  in.corrective_actions = r.Str("corrective_actions");
  in.cost_band = r.Str("cost_band", "unknown");
  in.downtime_band = r.Str("downtime_band", "unknown");
  in.occurred_on = r.Str("occurred_on");
  in.region = r.Str("region");
  in.industry = r.Str("industry");
  in.scale = r.Str("scale");
  in.narrative = r.Str("narrative");
  in.language = r.Str("language");
  if (!r.errors().empty()) return InvalidArgument("the case is not valid", std::move(r.errors()));
  return in;
}

json::object PublicCaseToJson(const PublicCase& c) {
  return json::object{{"id", c.id},
                      {"published_at", c.published_at},
                      {"equipment_type", c.equipment_type},
                      {"material", c.material},
                      {"grade", c.grade},
                      {"bath_preset", c.bath_preset},
                      {"medium", c.medium},
                      {"components", Components(c.components)},
                      {"temperature_c", c.temperature_c},
                      {"ph", OptNumber(c.ph)},
                      {"chloride_mg_per_l", OptNumber(c.chloride_mg_per_l)},
                      {"fluoride_mg_per_l", OptNumber(c.fluoride_mg_per_l)},
                      {"service_time_band", c.service_time_band},
                      {"failure_mode", FailureModeName(c.failure_mode)},
                      {"mechanism_ids", Strings(c.mechanism_ids)},
                      {"morphology", c.morphology},
                      {"root_cause", c.root_cause},
                      {"corrective_actions", c.corrective_actions},
                      {"cost_band", c.cost_band},
                      {"downtime_band", c.downtime_band},
                      {"region", c.region},
                      {"industry", c.industry},
                      {"scale", c.scale},
                      {"period", c.period},
                      {"narrative", c.narrative},
                      {"language", c.language},
                      {"synthetic", c.synthetic}};
}

Result<PublicCase> PublicCaseFromJson(const json::object& o) {
  Reader r(o);
  PublicCase c;
  c.id = r.Int("id").value_or(0);
  c.published_at = r.Int("published_at").value_or(0);
  c.equipment_type = r.Str("equipment_type");
  c.material = r.Str("material");
  c.grade = r.Str("grade");
  c.bath_preset = r.Str("bath_preset");
  c.medium = r.Str("medium");
  c.components = r.Comps("components");
  c.temperature_c = r.Num("temperature_c").value_or(0);
  c.ph = r.Num("ph");
  c.chloride_mg_per_l = r.Num("chloride_mg_per_l");
  c.fluoride_mg_per_l = r.Num("fluoride_mg_per_l");
  c.service_time_band = r.Str("service_time_band");
  if (auto m = r.Mode("failure_mode", true)) c.failure_mode = *m;
  c.mechanism_ids = r.StrList("mechanism_ids");
  c.morphology = r.Str("morphology");
  c.root_cause = r.Str("root_cause");
  c.corrective_actions = r.Str("corrective_actions");
  c.cost_band = r.Str("cost_band");
  c.downtime_band = r.Str("downtime_band");
  c.region = r.Str("region");
  c.industry = r.Str("industry");
  c.scale = r.Str("scale");
  c.period = r.Str("period");
  c.narrative = r.Str("narrative");
  c.language = r.Str("language");
  c.synthetic = r.Bool("synthetic");
  if (!r.errors().empty()) return Corruption("stored public case is malformed");
  return c;
}

json::object PreviewToJson(const PublicationPreview& p) {
  json::array fields;
  for (const auto& f : p.fields) {
    json::array risks;
    for (const auto& r : f.risks)
      risks.push_back(
          json::object{{"offset", r.offset}, {"length", r.length}, {"reason_code", r.reason}});
    fields.push_back(json::object{{"field", f.field},
                                  {"original", f.original},
                                  {"published", f.published},
                                  {"risks", std::move(risks)}});
  }
  return json::object{{"case_id", p.case_id},
                      {"proposed", PublicCaseToJson(p.proposed)},
                      {"fields", std::move(fields)},
                      {"replacements", p.replacements},
                      {"k", p.k},
                      {"generalization_level", p.generalization_level},
                      {"class_size", p.class_size}};
}

json::object FailureCaseToJson(const FailureCase& c) {
  json::object o = CaseInputToJson(c.input);
  o["id"] = c.id;
  o["org_id"] = c.org_id;
  o["submitted_by"] = c.submitted_by;
  o["created_at"] = c.created_at;
  o["status"] = CaseStatusName(c.status);
  o["public_case_id"] = c.public_case_id ? json::value(c.public_case_id) : json::value(nullptr);
  return o;
}

json::object SimilarityToJson(const SimilarityResult& r) {
  json::array matched;
  for (const auto& m : r.matched)
    matched.push_back(json::object{{"aspect", m.aspect}, {"score", m.score}, {"detail", m.detail}});
  return json::object{{"score", r.score}, {"matched", std::move(matched)}};
}

Result<SimilarityProbe> SimilarityProbeFromJson(const json::object& o) {
  static const std::vector<std::string_view> known = {"mechanism_ids",
                                                      "failure_mode",
                                                      "material",
                                                      "grade",
                                                      "bath_preset",
                                                      "medium",
                                                      "components",
                                                      "temperature_c",
                                                      "ph",
                                                      "chloride_mg_per_l",
                                                      "fluoride_mg_per_l",
                                                      "limit"};
  Reader r(o);
  SimilarityProbe p;
  p.mechanism_ids = r.StrList("mechanism_ids");
  p.failure_mode = r.Mode("failure_mode", false);
  p.material = r.Str("material");
  p.grade = r.Str("grade");
  p.bath_preset = r.Str("bath_preset");
  p.medium = r.Str("medium");
  p.components = r.Comps("components");
  p.temperature_c = r.Num("temperature_c");
  p.ph = r.Num("ph");
  p.chloride_mg_per_l = r.Num("chloride_mg_per_l");
  p.fluoride_mg_per_l = r.Num("fluoride_mg_per_l");
  for (const auto& [k, v] : o)
    if (std::find(known.begin(), known.end(), std::string_view(k)) == known.end())
      r.errors().push_back({std::string(k), "is not a known field"});
  if (!r.errors().empty())
    return InvalidArgument("the similarity query is not valid", std::move(r.errors()));
  return p;
}

}  // namespace rutile::cases
