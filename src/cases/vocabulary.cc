#include "rutile/cases/vocabulary.h"

#include <algorithm>
#include <boost/json.hpp>

#include "rutile/cases/text_index.h"
#include "rutile/core/check.h"

namespace rutile::cases {

std::string_view EmbeddedCaseVocabularyJson();     // knowledge/cases/vocabulary.json
std::string_view EmbeddedEngineMaterialsJson();    // knowledge/engine/materials.json
std::string_view EmbeddedEnginePresetsJson();      // knowledge/engine/presets.json
std::string_view EmbeddedSimilarityWeightsJson();  // knowledge/cases/similarity_weights.json

namespace json = boost::json;

namespace {

Result<json::object> ParseObject(std::string_view text, const char* what) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return Corruption(std::string(what) + " is not a JSON object");
  return v.as_object();
}

Result<const json::array*> ArrayAt(const json::object& o, const char* key, const char* what) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_array())
    return Corruption(std::string(what) + ": \"" + key + "\" is not an array");
  return &v->as_array();
}

std::vector<std::string> Strings(const json::object& o, const char* key) {
  std::vector<std::string> out;
  if (const json::value* v = o.if_contains(key); v != nullptr && v->is_array())
    for (const auto& s : v->as_array())
      if (s.is_string()) out.emplace_back(s.as_string());
  return out;
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Whether `name` occurs in `terms` starting at `at`.
bool MatchesAt(const std::vector<std::string>& terms, std::size_t at,
               const std::vector<std::string>& name) {
  if (name.empty() || at + name.size() > terms.size()) return false;
  return std::equal(name.begin(), name.end(), terms.begin() + static_cast<std::ptrdiff_t>(at));
}

}  // namespace

Result<Vocabulary> Vocabulary::Parse(std::string_view concepts_json,
                                     std::string_view materials_json,
                                     std::string_view presets_json) {
  Vocabulary v;
  RUTILE_ASSIGN_OR_RETURN(auto materials, ParseObject(materials_json, "materials"));
  RUTILE_ASSIGN_OR_RETURN(auto material_list, ArrayAt(materials, "materials", "materials"));
  for (const auto& m : *material_list) {
    if (!m.is_object() || !m.as_object().contains("id")) return Corruption("material without id");
    const auto& o = m.as_object();
    v.material_ids_.emplace_back(o.at("id").as_string());
    for (const char* key : {"rate_group", "rate_fallback"})
      if (const json::value* g = o.if_contains(key); g != nullptr && g->is_string()) {
        std::string group(g->as_string());
        if (!group.empty() && !Contains(v.rate_groups_, group)) v.rate_groups_.push_back(group);
      }
  }
  RUTILE_ASSIGN_OR_RETURN(auto presets, ParseObject(presets_json, "presets"));
  RUTILE_ASSIGN_OR_RETURN(auto preset_list, ArrayAt(presets, "presets", "presets"));
  for (const auto& p : *preset_list) {
    if (!p.is_object() || !p.as_object().contains("id")) return Corruption("preset without id");
    v.preset_ids_.emplace_back(p.as_object().at("id").as_string());
  }

  RUTILE_ASSIGN_OR_RETURN(auto doc, ParseObject(concepts_json, "case vocabulary"));
  RUTILE_ASSIGN_OR_RETURN(auto concepts, ArrayAt(doc, "concepts", "case vocabulary"));
  for (const auto& item : *concepts) {
    if (!item.is_object()) return Corruption("case vocabulary: a concept is not an object");
    const auto& o = item.as_object();
    Concept c;
    if (!o.contains("id") || !o.contains("kind") || !o.contains("names"))
      return Corruption("case vocabulary: a concept lacks id, kind or names");
    c.id = std::string(o.at("id").as_string());
    c.kind = std::string(o.at("kind").as_string());
    c.engine_ids = Strings(o, "engine_ids");
    c.related = Strings(o, "related");
    for (const char* lang : {"en", "zh", "es", "fr", "pt", "ar"}) {
      const json::value* names = o.at("names").as_object().if_contains(lang);
      if (names == nullptr || !names->is_array() || names->as_array().empty())
        return Corruption("case vocabulary: " + c.id + " has no names in " + lang);
      for (const auto& n : names->as_array()) c.names.push_back(IndexTerms(n.as_string()));
      c.display[lang] = std::string(names->as_array().front().as_string());
    }
    std::vector<std::string> codes = c.engine_ids;
    for (auto& f : Strings(o, "formulas")) {
      c.names.push_back(IndexTerms(f));
      codes.push_back(std::move(f));
    }
    std::erase_if(c.names, [](const auto& n) { return n.empty(); });
    for (const auto& id : c.engine_ids) {
      if (c.kind == "bath" && !Contains(v.preset_ids_, id))
        return Corruption("case vocabulary: " + c.id + " names an unknown preset " + id);
      if (c.kind == "material" && !Contains(v.material_ids_, id))
        return Corruption("case vocabulary: " + c.id + " names an unknown material " + id);
    }
    if (c.kind == "species") {
      // Species are compared by code: the engine id, a formula, or a name written as a code.
      for (const auto& code : codes) v.by_folded_code_.emplace(FoldCode(code), v.concepts_.size());
      for (const char* lang : {"en", "zh", "es", "fr", "pt", "ar"})
        for (const auto& n : o.at("names").as_object().at(lang).as_array())
          v.by_folded_code_.emplace(FoldCode(n.as_string()), v.concepts_.size());
    }
    v.concepts_.push_back(std::move(c));
  }
  for (const auto& c : v.concepts_)
    for (const auto& r : c.related)
      if (std::none_of(v.concepts_.begin(), v.concepts_.end(),
                       [&](const Concept& x) { return x.id == r; }))
        return Corruption("case vocabulary: " + c.id + " is related to unknown " + r);
  return v;
}

bool Vocabulary::IsMaterial(std::string_view id) const {
  return Contains(material_ids_, id) || Contains(rate_groups_, id);
}

bool Vocabulary::IsBathPreset(std::string_view id) const { return Contains(preset_ids_, id); }

std::vector<TermAlternative> Vocabulary::AlternativesOf(const Concept& c) const {
  std::vector<TermAlternative> out;
  auto add = [&](const Concept& x) {
    for (const auto& n : x.names) {
      TermAlternative a{n, false};
      if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(std::move(a));
    }
  };
  add(c);
  for (const auto& r : c.related)
    for (const auto& x : concepts_)
      if (x.id == r) add(x);
  return out;
}

std::vector<TermGroup> Vocabulary::ExpandQuery(std::string_view text) const {
  const std::vector<std::string> terms = IndexTerms(text);
  std::vector<TermGroup> groups;
  auto has_plain = [&](const std::string& term) {
    return std::any_of(groups.begin(), groups.end(), [&](const TermGroup& g) {
      return g.concept_id.empty() && g.alternatives.front().terms.front() == term;
    });
  };
  for (std::size_t i = 0; i < terms.size();) {
    // The longest name of any concept starting here; the first concept listed wins a tie.
    const Concept* best = nullptr;
    std::size_t best_len = 0;
    for (const auto& c : concepts_)
      for (const auto& n : c.names)
        if (n.size() > best_len && MatchesAt(terms, i, n)) {
          best = &c;
          best_len = n.size();
        }
    if (best == nullptr) {
      if (!has_plain(terms[i])) groups.push_back({"", {{{terms[i]}, true}}});
      ++i;
      continue;
    }
    std::vector<std::string> typed(terms.begin() + static_cast<std::ptrdiff_t>(i),
                                   terms.begin() + static_cast<std::ptrdiff_t>(i + best_len));
    i += best_len;
    auto same = std::find_if(groups.begin(), groups.end(),
                             [&](const TermGroup& g) { return g.concept_id == best->id; });
    if (same != groups.end()) continue;
    TermGroup g{best->id, {}};
    g.alternatives.push_back({typed, true});
    for (auto& a : AlternativesOf(*best))
      if (a.terms != typed) g.alternatives.push_back(std::move(a));
    groups.push_back(std::move(g));
  }
  return groups;
}

std::string Vocabulary::SpeciesConcept(std::string_view species) const {
  auto it = by_folded_code_.find(FoldCode(species));
  return it == by_folded_code_.end() ? std::string() : concepts_[it->second].id;
}

std::string Vocabulary::BathFamily(std::string_view preset, std::string_view medium) const {
  if (!preset.empty())
    for (const auto& c : concepts_)
      if (c.kind == "bath" && Contains(c.engine_ids, preset)) return c.id;
  const std::vector<std::string> terms = IndexTerms(medium);
  for (std::size_t i = 0; i < terms.size(); ++i)
    for (const auto& c : concepts_)
      if (c.kind == "bath")
        for (const auto& n : c.names)
          if (MatchesAt(terms, i, n)) return c.id;
  return {};
}

std::string Vocabulary::NameOf(std::string_view concept_id, std::string_view lang) const {
  for (const auto& c : concepts_) {
    if (c.id != concept_id) continue;
    auto it = c.display.find(lang);
    return it != c.display.end() ? it->second : c.display.at("en");
  }
  return {};
}

std::set<std::string> Vocabulary::Chemistry(
    std::string_view preset, std::string_view medium,
    const std::vector<std::string>& component_species) const {
  std::set<std::string> out;
  auto add_concept = [&](const Concept& c) {
    if (c.kind == "species") out.insert(c.id);
    for (const auto& r : c.related) out.insert(r);
  };
  for (const auto& s : component_species) {
    std::string id = SpeciesConcept(s);
    out.insert(id.empty() ? "species:" + FoldCode(s) : id);
  }
  const std::vector<std::string> terms = IndexTerms(medium);
  for (std::size_t i = 0; i < terms.size(); ++i)
    for (const auto& c : concepts_)
      if (c.kind != "material")
        for (const auto& n : c.names)
          if (MatchesAt(terms, i, n)) {
            add_concept(c);
            break;
          }
  if (!preset.empty())
    for (const auto& c : concepts_)
      if (c.kind == "bath" && Contains(c.engine_ids, preset)) add_concept(c);
  return out;
}

Result<SimilarityWeights> ParseSimilarityWeights(std::string_view text) {
  RUTILE_ASSIGN_OR_RETURN(auto doc, ParseObject(text, "similarity weights"));
  const json::value* w = doc.if_contains("weights");
  if (w == nullptr || !w->is_object()) return Corruption("similarity weights: no \"weights\"");
  SimilarityWeights out;
  for (auto [key, field] : {std::pair<const char*, double*>{"mechanism", &out.mechanism},
                            {"material", &out.material},
                            {"chemistry", &out.chemistry},
                            {"bath_family", &out.bath_family},
                            {"temperature", &out.temperature},
                            {"environment", &out.environment}}) {
    const json::value* v = w->as_object().if_contains(key);
    if (v == nullptr || !v->is_number() || v->to_number<double>() < 0)
      return Corruption(std::string("similarity weights: \"") + key + "\" is not a weight");
    *field = v->to_number<double>();
  }
  if (const json::value* span = doc.if_contains("temperature_span_c")) {
    if (!span->is_number() || span->to_number<double>() <= 0)
      return Corruption("similarity weights: temperature_span_c must be positive");
    out.temperature_span_c = span->to_number<double>();
  }
  return out;
}

const SimilarityWeights& CaseSimilarityWeights() {
  static const SimilarityWeights weights = [] {
    auto w = ParseSimilarityWeights(EmbeddedSimilarityWeightsJson());
    RUTILE_CHECK(w.has_value(), "the embedded similarity weights are malformed");
    return std::move(w).value();
  }();
  return weights;
}

const Vocabulary& CaseVocabulary() {
  static const Vocabulary vocabulary = [] {
    auto v = Vocabulary::Parse(EmbeddedCaseVocabularyJson(), EmbeddedEngineMaterialsJson(),
                               EmbeddedEnginePresetsJson());
    // Embedded at build time and checked by the unit tests.
    RUTILE_CHECK(v.has_value(), "the embedded case vocabulary is malformed");
    return std::move(v).value();
  }();
  return vocabulary;
}

}  // namespace rutile::cases
