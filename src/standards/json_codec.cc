#include "rutile/standards/json_codec.h"

#include <algorithm>
#include <set>

namespace rutile::standards {
namespace json = boost::json;

namespace {

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

// A strict object reader that records errors under a prefix.
class Reader {
 public:
  Reader(const json::value& v, std::string prefix, std::vector<FieldError>& errors)
      : prefix_(std::move(prefix)), errors_(errors) {
    if (const auto* o = v.if_object()) {
      obj_ = o;
    } else {
      errors_.push_back(
          {prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1), "must be an object"});
    }
  }
  bool ok() const { return obj_ != nullptr; }
  const json::value* Get(std::string_view name, bool required) {
    known_.insert(std::string(name));
    if (!obj_) return nullptr;
    const json::value* v = obj_->if_contains(name);
    if ((v == nullptr || v->is_null()) && required) Error(name, "is required");
    return v == nullptr || v->is_null() ? nullptr : v;
  }
  std::string String(std::string_view name, bool required) {
    const json::value* v = Get(name, required);
    if (!v) return {};
    if (!v->is_string()) {
      Error(name, "must be a string");
      return {};
    }
    if (required && v->as_string().empty()) Error(name, "must not be empty");
    return std::string(v->as_string());
  }
  std::vector<std::string> StringList(std::string_view name) {
    std::vector<std::string> out;
    const json::value* v = Get(name, false);
    if (!v) return out;
    if (!v->is_array()) {
      Error(name, "must be an array of strings");
      return out;
    }
    for (const auto& e : v->as_array()) {
      if (!e.is_string() || e.as_string().empty()) {
        Error(name, "must be an array of non-empty strings");
        return {};
      }
      out.emplace_back(e.as_string());
    }
    return out;
  }
  LocalizedText Localized(std::string_view name) {
    const json::value* v = Get(name, true);
    return v ? LocalizedOf(*v, name) : LocalizedText{};
  }
  // An optional text per language: absent or null means none. A plain string is also accepted
  // and read as the English text ({"en": ...}), "" as none: clause bodies stored before this text
  // was localized hold one.
  LocalizedText OptionalLocalized(std::string_view name) {
    const json::value* v = Get(name, false);
    if (!v) return {};
    if (const auto* s = v->if_string()) {
      if (s->empty()) return {};
      return {{"en", std::string(*s)}};
    }
    return LocalizedOf(*v, name);
  }
  void Error(std::string_view name, std::string message) {
    errors_.push_back({prefix_ + std::string(name), std::move(message)});
  }
  void Finish() {
    if (!obj_) return;
    for (const auto& kv : *obj_)
      if (!known_.contains(std::string(kv.key()))) Error(kv.key(), "is not a known field");
  }
  const std::string& prefix() const { return prefix_; }

 private:
  // An object of language tag to non-empty text, with English present.
  LocalizedText LocalizedOf(const json::value& v, std::string_view name) {
    LocalizedText out;
    if (!v.is_object()) {
      Error(name, "must be an object of language tag to text");
      return out;
    }
    for (const auto& kv : v.as_object()) {
      if (!kv.value().is_string() || kv.value().as_string().empty()) {
        Error(std::string(name) + "." + std::string(kv.key()), "must be a non-empty string");
        continue;
      }
      out[std::string(kv.key())] = std::string(kv.value().as_string());
    }
    if (!out.contains("en")) Error(std::string(name) + ".en", "is required");
    return out;
  }

  const json::object* obj_ = nullptr;
  std::string prefix_;
  std::vector<FieldError>& errors_;
  std::set<std::string> known_;
};

const std::set<std::string>& RegionCategories() {
  static const std::set<std::string> s{"I", "II", "III"};
  return s;
}
const std::set<std::string>& ScaleClasses() {
  static const std::set<std::string> s{"micro", "small", "medium", "large"};
  return s;
}

}  // namespace

json::object LocalizedToJson(const LocalizedText& text) {
  json::object o;
  for (const auto& [k, v] : text) o[k] = v;
  return o;
}

json::object ClauseToJson(const Clause& c) {
  json::object o;
  o["id"] = c.id;
  o["number"] = c.number;
  o["kind"] = ClauseKindName(c.kind);
  json::array grades;
  for (int g : c.grades) grades.push_back(g);
  o["grades"] = std::move(grades);
  o["title"] = LocalizedToJson(c.title);
  o["text"] = LocalizedToJson(c.text);
  json::object cond;
  const auto& k = c.conditions;
  if (!k.industries.empty()) cond["industries"] = Strings(k.industries);
  if (!k.equipment_types.empty()) cond["equipment_types"] = Strings(k.equipment_types);
  if (!k.media.empty()) cond["media"] = Strings(k.media);
  if (!k.mechanisms.empty()) cond["mechanisms"] = Strings(k.mechanisms);
  if (!k.region_categories.empty()) cond["region_categories"] = Strings(k.region_categories);
  if (!k.scale_classes.empty()) cond["scale_classes"] = Strings(k.scale_classes);
  if (!k.material_families.empty()) cond["material_families"] = Strings(k.material_families);
  o["conditions"] = std::move(cond);
  json::array eq;
  for (const auto& e : c.equivalences) {
    json::object q{{"ref", e.ref}, {"extent", e.extent}};
    if (!e.note.empty()) q["note"] = LocalizedToJson(e.note);
    q["uncertain"] = e.uncertain;
    eq.push_back(std::move(q));
  }
  o["equivalences"] = std::move(eq);
  if (!c.source.empty()) {
    o["source"] = c.source;
    o["confidence"] = c.confidence;
  }
  return o;
}

Clause ClauseFromJson(const json::value& value, const std::string& prefix,
                      std::vector<FieldError>& errors) {
  Clause c;
  Reader r(value, prefix, errors);
  if (!r.ok()) return c;
  c.id = r.String("id", true);
  if (!c.id.empty() && (c.id.size() > 64 || c.id.find_first_of(" /?#") != std::string::npos))
    r.Error("id", "must be at most 64 characters without spaces, '/', '?' or '#'");
  c.number = r.String("number", true);
  std::string kind = r.String("kind", true);
  if (!kind.empty()) {
    if (auto k = ParseClauseKind(kind))
      c.kind = *k;
    else
      r.Error("kind", "must be mandatory or recommended");
  }
  if (const json::value* g = r.Get("grades", true)) {
    bool bad = !g->is_array() || g->as_array().empty();
    if (!bad) {
      for (const auto& e : g->as_array()) {
        if (!e.is_int64() || e.as_int64() < 1 || e.as_int64() > 4) {
          bad = true;
          break;
        }
        c.grades.push_back(static_cast<int>(e.as_int64()));
      }
    }
    if (bad) {
      r.Error("grades", "must be a non-empty array of grades 1 to 4");
      c.grades.clear();
    }
    std::sort(c.grades.begin(), c.grades.end());
    c.grades.erase(std::unique(c.grades.begin(), c.grades.end()), c.grades.end());
  }
  c.title = r.Localized("title");
  c.text = r.Localized("text");
  if (const json::value* cv = r.Get("conditions", false)) {
    Reader cr(*cv, prefix + "conditions.", errors);
    if (cr.ok()) {
      auto& k = c.conditions;
      k.industries = cr.StringList("industries");
      k.equipment_types = cr.StringList("equipment_types");
      k.media = cr.StringList("media");
      k.mechanisms = cr.StringList("mechanisms");
      k.region_categories = cr.StringList("region_categories");
      for (const auto& s : k.region_categories)
        if (!RegionCategories().contains(s))
          cr.Error("region_categories", "must contain only I, II or III");
      k.scale_classes = cr.StringList("scale_classes");
      for (const auto& s : k.scale_classes)
        if (!ScaleClasses().contains(s))
          cr.Error("scale_classes", "must contain only micro, small, medium or large");
      k.material_families = cr.StringList("material_families");
      cr.Finish();
    }
  }
  if (const json::value* ev = r.Get("equivalences", false)) {
    if (!ev->is_array()) {
      r.Error("equivalences", "must be an array");
    } else {
      int i = 0;
      for (const auto& e : ev->as_array()) {
        Reader er(e, prefix + "equivalences[" + std::to_string(i++) + "].", errors);
        if (!er.ok()) continue;
        Equivalence q;
        q.ref = er.String("ref", true);
        q.extent = er.String("extent", true);
        if (!q.extent.empty() && q.extent != "full" && q.extent != "partial" &&
            q.extent != "related")
          er.Error("extent", "must be full, partial or related");
        q.note = er.OptionalLocalized("note");
        if (const json::value* u = er.Get("uncertain", false)) {
          if (u->is_bool())
            q.uncertain = u->as_bool();
          else
            er.Error("uncertain", "must be true or false");
        }
        er.Finish();
        c.equivalences.push_back(std::move(q));
      }
    }
  }
  c.source = r.String("source", false);
  c.confidence = r.String("confidence", false);
  if (!c.confidence.empty() && c.confidence != "verified" && c.confidence != "secondary" &&
      c.confidence != "uncertain")
    r.Error("confidence", "must be verified, secondary or uncertain");
  if (!c.source.empty() && c.confidence.empty()) r.Error("confidence", "is required with source");
  r.Finish();
  return c;
}

Result<Library> ParseLibrary(std::string_view json_text) {
  boost::system::error_code ec;
  json::value root = json::parse(json_text, ec);
  if (ec) return InvalidArgument("the library is not valid JSON: " + ec.message());
  std::vector<FieldError> errors;
  Library lib;
  Reader r(root, "", errors);
  if (!r.ok()) return InvalidArgument("the library is invalid", errors);
  (void)r.Get("about", false);
  (void)r.Get("vocabulary", false);
  if (const json::value* s = r.Get("standard", true)) {
    Reader sr(*s, "standard.", errors);
    if (sr.ok()) {
      lib.document.code = sr.String("code", true);
      lib.document.title = sr.Localized("title");
      std::string kind = sr.String("kind", true);
      if (auto k = ParseStandardKind(kind))
        lib.document.kind = *k;
      else
        sr.Error("kind", "is not a known standard kind");
      lib.version = sr.String("version", true);
      (void)sr.String("status", false);
      sr.Finish();
    }
  }
  if (const json::value* cs = r.Get("clauses", true)) {
    if (!cs->is_array()) {
      r.Error("clauses", "must be an array");
    } else {
      std::set<std::string> ids;
      int i = 0;
      for (const auto& v : cs->as_array()) {
        std::string prefix = "clauses[" + std::to_string(i++) + "].";
        Clause c = ClauseFromJson(v, prefix, errors);
        if (!c.id.empty() && !ids.insert(c.id).second)
          errors.push_back({prefix + "id", "duplicates another clause id"});
        lib.clauses.push_back(std::move(c));
      }
    }
  }
  r.Finish();
  if (!errors.empty()) return InvalidArgument("the library is invalid", std::move(errors));
  return lib;
}

}  // namespace rutile::standards
