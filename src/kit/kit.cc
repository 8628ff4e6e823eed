#include "rutile/kit/kit.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "rutile/engine/risk_engine.h"
#include "rutile/engine/wire/engine_wire.h"
#include "rutile/engine/wire/knowledge_loader.h"
#include "rutile/standards/json_codec.h"

namespace rutile::kit {

std::string_view EmbeddedBlacklist();
std::string_view EmbeddedGuides();
std::string_view EmbeddedPositiveList();

namespace {

namespace json = boost::json;

// Collects problems as FieldErrors "<file>:<path>".
struct Problems {
  std::vector<FieldError> list;
  void Add(std::string_view file, const std::string& path, std::string message) {
    list.push_back({std::string(file) + ":" + path, std::move(message)});
  }
};

std::string StringAt(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::vector<std::string> StringsAt(const json::object& o, std::string_view key, bool& ok) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(key);
  if (!v) return out;
  if (!v->is_array()) {
    ok = false;
    return out;
  }
  for (const json::value& x : v->as_array()) {
    if (!x.is_string()) {
      ok = false;
      continue;
    }
    out.emplace_back(x.as_string());
  }
  return out;
}

Result<json::value> Parse(std::string_view text, std::string_view file) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) {
    return InvalidArgument("kit data is not a JSON object",
                           {{std::string(file), ec ? ec.message() : "expected an object"}});
  }
  return v;
}

// Source ids of sources.json that name no publication (practice, encoding choices, derivations).
bool IsNotAPublication(std::string_view id) {
  return id == "general-knowledge" || id == "engine-encoding" || id == "bath-practice" ||
         id == "formula-derived";
}

std::vector<SourceCitation> ResolveSources(const std::vector<std::string>& ids,
                                           const std::map<std::string, std::string>& sources,
                                           std::string_view file, const std::string& path,
                                           Problems& p) {
  std::vector<SourceCitation> out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto it = sources.find(ids[i]);
    if (it == sources.end()) {
      p.Add(file, path + "[" + std::to_string(i) + "]", "unknown source id " + ids[i]);
      continue;
    }
    out.push_back({it->first, it->second});
  }
  return out;
}

void LoadBlacklist(const json::object& root, const engine::KnowledgeBase& kb,
                   const std::map<std::string, std::string>& sources, Kit& kit, Problems& p) {
  constexpr std::string_view kFile = "blacklist.json";
  const json::value* list = root.if_contains("reagents");
  if (!list || !list->is_array()) {
    p.Add(kFile, "reagents", "expected an array");
    return;
  }
  std::set<std::string> codes;
  std::size_t i = 0;
  for (const json::value& v : list->as_array()) {
    std::string path = "reagents[" + std::to_string(i++) + "]";
    if (!v.is_object()) {
      p.Add(kFile, path, "expected an object");
      continue;
    }
    const json::object& o = v.as_object();
    Reagent r;
    r.code = StringAt(o, "code");
    r.mechanism = StringAt(o, "mechanism");
    r.confidence = StringAt(o, "confidence");
    bool ok = true;
    r.species = StringsAt(o, "species", ok);
    std::vector<std::string> source_ids = StringsAt(o, "sources", ok);
    if (!ok) p.Add(kFile, path, "species and sources are arrays of strings");
    if (r.code.empty()) p.Add(kFile, path + ".code", "required");
    if (!codes.insert(r.code).second) p.Add(kFile, path + ".code", "duplicate code " + r.code);
    if (!kb.FindMechanism(r.mechanism)) {
      p.Add(kFile, path + ".mechanism", "unknown engine mechanism " + r.mechanism);
    }
    for (std::size_t s = 0; s < r.species.size(); ++s) {
      if (!kb.FindSpecies(r.species[s])) {
        p.Add(kFile, path + ".species[" + std::to_string(s) + "]",
              "unknown engine species " + r.species[s]);
      }
    }
    if (source_ids.empty()) p.Add(kFile, path + ".sources", "a reagent needs at least one source");
    for (std::size_t s = 0; s < source_ids.size(); ++s) {
      if (IsNotAPublication(source_ids[s])) {
        p.Add(kFile, path + ".sources[" + std::to_string(s) + "]",
              source_ids[s] + " is not a publication; a reagent cites a publication");
      }
    }
    r.sources = ResolveSources(source_ids, sources, kFile, path + ".sources", p);
    if (r.confidence != "verified" && r.confidence != "secondary" && r.confidence != "uncertain") {
      p.Add(kFile, path + ".confidence", "expected verified, secondary or uncertain");
    }
    kit.blacklist.push_back(std::move(r));
  }
}

void LoadGuides(const json::object& root, const std::map<std::string, std::string>& sources,
                Kit& kit, Problems& p) {
  constexpr std::string_view kFile = "guides.json";
  const json::value* list = root.if_contains("guides");
  if (!list || !list->is_array()) {
    p.Add(kFile, "guides", "expected an array");
    return;
  }
  std::set<std::string> guide_codes;
  std::size_t g = 0;
  for (const json::value& gv : list->as_array()) {
    std::string gpath = "guides[" + std::to_string(g++) + "]";
    if (!gv.is_object()) {
      p.Add(kFile, gpath, "expected an object");
      continue;
    }
    const json::object& go = gv.as_object();
    Guide guide;
    guide.code = StringAt(go, "code");
    if (guide.code.empty()) p.Add(kFile, gpath + ".code", "required");
    if (!guide_codes.insert(guide.code).second) p.Add(kFile, gpath + ".code", "duplicate code");
    if (const json::value* f = go.if_contains("flowchart"); f && f->is_bool()) {
      guide.flowchart = f->as_bool();
    }
    const json::value* steps = go.if_contains("steps");
    if (!steps || !steps->is_array() || steps->as_array().empty()) {
      p.Add(kFile, gpath + ".steps", "expected a non-empty array");
      continue;
    }
    std::map<std::string, std::size_t> position;
    std::size_t s = 0;
    for (const json::value& sv : steps->as_array()) {
      std::string spath = gpath + ".steps[" + std::to_string(s) + "]";
      if (!sv.is_object()) {
        p.Add(kFile, spath, "expected an object");
        ++s;
        continue;
      }
      const json::object& so = sv.as_object();
      GuideStep step;
      step.code = StringAt(so, "code");
      std::string kind = StringAt(so, "kind");
      if (kind == "decision") {
        step.kind = StepKind::kDecision;
      } else if (!kind.empty() && kind != "action") {
        p.Add(kFile, spath + ".kind", "expected action or decision");
      }
      step.next = StringAt(so, "next");
      step.yes = StringAt(so, "yes");
      step.no = StringAt(so, "no");
      bool ok = true;
      std::vector<std::string> ids = StringsAt(so, "sources", ok);
      if (!ok) p.Add(kFile, spath + ".sources", "expected an array of strings");
      step.sources = ResolveSources(ids, sources, kFile, spath + ".sources", p);
      if (step.code.empty()) p.Add(kFile, spath + ".code", "required");
      if (!position.emplace(step.code, s).second) p.Add(kFile, spath + ".code", "duplicate code");
      if (step.kind == StepKind::kDecision && (step.yes.empty() || step.no.empty())) {
        p.Add(kFile, spath, "a decision names both yes and no");
      }
      if (step.kind == StepKind::kAction && (!step.yes.empty() || !step.no.empty())) {
        p.Add(kFile, spath, "only a decision has yes and no");
      }
      guide.steps.push_back(std::move(step));
      ++s;
    }
    // Jumps go forward to a known step, so every guide ends.
    for (std::size_t i = 0; i < guide.steps.size(); ++i) {
      const GuideStep& step = guide.steps[i];
      for (const std::string* target : {&step.next, &step.yes, &step.no}) {
        if (target->empty()) continue;
        auto it = position.find(*target);
        std::string spath = gpath + ".steps[" + std::to_string(i) + "]";
        if (it == position.end()) {
          p.Add(kFile, spath, "jump to unknown step " + *target);
        } else if (it->second <= i) {
          p.Add(kFile, spath, "jump back to step " + *target);
        }
      }
    }
    kit.guides.push_back(std::move(guide));
  }
}

void LoadConfig(const json::object& root, PositiveListConfig& config, Problems& p) {
  constexpr std::string_view kFile = "positive_list.json";
  const json::value* temps = root.if_contains("temperatures_c");
  if (!temps || !temps->is_array() || temps->as_array().empty()) {
    p.Add(kFile, "temperatures_c", "expected a non-empty array of numbers");
  } else {
    for (const json::value& t : temps->as_array()) {
      if (!t.is_number()) {
        p.Add(kFile, "temperatures_c", "expected numbers");
        continue;
      }
      config.temperatures_c.push_back(t.to_number<double>());
    }
    if (!std::is_sorted(config.temperatures_c.begin(), config.temperatures_c.end())) {
      p.Add(kFile, "temperatures_c", "expected ascending temperatures");
    }
  }
  const json::value* grade = root.if_contains("max_grade");
  if (!grade || !grade->is_int64() || grade->as_int64() < 1 || grade->as_int64() > 2) {
    p.Add(kFile, "max_grade", "expected 1 or 2 (low, or low and moderate)");
  } else {
    config.max_grade = static_cast<int>(grade->as_int64());
  }
}

std::string_view UnitName(engine::ConcentrationUnit unit) {
  switch (unit) {
    case engine::ConcentrationUnit::kWtPct:
      return "wt_pct";
    case engine::ConcentrationUnit::kMgPerL:
      return "mg_per_l";
    case engine::ConcentrationUnit::kGPerL:
      return "g_per_l";
    case engine::ConcentrationUnit::kVolPct:
      return "vol_pct";
  }
  return "wt_pct";
}

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

Result<std::vector<PositiveRow>> BuildPositiveList(const engine::KnowledgeBase& kb,
                                                   const PositiveListConfig& config,
                                                   const std::vector<ClauseCondition>& clauses) {
  std::vector<PositiveRow> rows;
  for (const engine::Preset& preset : kb.presets) {
    for (const engine::Material& material : kb.materials) {
      if (!material.assessable) continue;
      std::vector<ClauseLink> links;
      for (const ClauseCondition& c : clauses) {
        if (!Contains(c.media, preset.id)) continue;
        if (!c.material_families.empty() && !Contains(c.material_families, material.family)) {
          continue;
        }
        links.push_back(c.clause);
      }
      std::optional<PositiveRow> run;
      auto close = [&] {
        if (run) rows.push_back(std::move(*run));
        run.reset();
      };
      for (double t : config.temperatures_c) {
        engine::AssessmentRequest request;
        request.material = material.id;
        request.medium.preset = preset.id;
        request.medium.temperature_c = t;
        RUTILE_ASSIGN_OR_RETURN(int grade, engine::AssessGrade(kb, request));
        if (grade > config.max_grade) {
          close();
          continue;
        }
        if (run && run->grade != grade) close();
        if (!run) {
          run = PositiveRow{preset.id, material.id, grade, t, t, links};
        }
        run->temperature_max_c = t;
      }
      close();
    }
  }
  return rows;
}

Result<Kit> LoadKit(const KitFiles& files, const engine::KnowledgeBase& kb,
                    const std::vector<ClauseCondition>& clauses) {
  RUTILE_ASSIGN_OR_RETURN(json::value sources_doc, Parse(files.sources_json, "sources.json"));
  RUTILE_ASSIGN_OR_RETURN(json::value blacklist_doc, Parse(files.blacklist_json, "blacklist.json"));
  RUTILE_ASSIGN_OR_RETURN(json::value guides_doc, Parse(files.guides_json, "guides.json"));
  RUTILE_ASSIGN_OR_RETURN(json::value config_doc,
                          Parse(files.positive_list_json, "positive_list.json"));
  std::map<std::string, std::string> sources;
  if (const json::value* list = sources_doc.as_object().if_contains("sources");
      list && list->is_array()) {
    for (const json::value& s : list->as_array()) {
      if (!s.is_object()) continue;
      std::string id = StringAt(s.as_object(), "id");
      if (!id.empty()) sources[id] = StringAt(s.as_object(), "citation");
    }
  }
  Kit kit;
  kit.knowledge_version = kb.version;
  Problems p;
  LoadBlacklist(blacklist_doc.as_object(), kb, sources, kit, p);
  LoadGuides(guides_doc.as_object(), sources, kit, p);
  LoadConfig(config_doc.as_object(), kit.config, p);
  if (!p.list.empty()) return InvalidArgument("the kit data files are invalid", std::move(p.list));
  RUTILE_ASSIGN_OR_RETURN(kit.positive_list, BuildPositiveList(kb, kit.config, clauses));
  for (const engine::Preset& preset : kb.presets) {
    bool listed = std::any_of(kit.positive_list.begin(), kit.positive_list.end(),
                              [&](const PositiveRow& r) { return r.preset == preset.id; });
    if (!listed) continue;
    Bath bath{preset.id, {}, preset.ph};
    for (const engine::ComponentSpec& c : preset.components) {
      bath.components.push_back({c.species, std::string(UnitName(c.unit)), c.value});
    }
    kit.baths.push_back(std::move(bath));
  }
  return kit;
}

KitFiles EmbeddedKitFiles() {
  KitFiles files;
  files.blacklist_json = EmbeddedBlacklist();
  files.guides_json = EmbeddedGuides();
  files.positive_list_json = EmbeddedPositiveList();
  for (const engine::wire::KnowledgeFile& f : engine::wire::EmbeddedKnowledgeFiles()) {
    if (f.name == "sources.json") files.sources_json = f.content;
  }
  return files;
}

const Kit& DefaultKit() {
  static const Kit kit = [] {
    std::vector<ClauseCondition> conditions;
    auto library = standards::ParseLibrary(standards::StarterLibraryJson());
    RUTILE_CHECK(library.has_value(), "the embedded starter clause library is invalid");
    for (const standards::Clause& c : library->clauses) {
      if (c.conditions.media.empty()) continue;
      conditions.push_back({{c.id, c.number}, c.conditions.media, c.conditions.material_families});
    }
    auto loaded = LoadKit(EmbeddedKitFiles(), engine::wire::DefaultKnowledge(), conditions);
    RUTILE_CHECK(loaded.has_value(), loaded.has_value() ? "" : loaded.error().ToString().c_str());
    return std::move(loaded).value();
  }();
  return kit;
}

}  // namespace rutile::kit
