#include "rutile/engine/wire/engine_wire.h"

#include <cmath>
#include <string>
#include <utility>
#include <variant>

#include "object_reader.h"
#include "rutile/core/check.h"
#include "rutile/engine/risk_matrix.h"
#include "rutile/engine/wire/json.h"
#include "rutile/engine/wire/knowledge_loader.h"

namespace rutile::engine::wire {
namespace {

Error Invalid(std::vector<FieldError> errors, std::string_view what) {
  return InvalidArgument("invalid " + std::string(what), std::move(errors));
}

Result<JsonValue> ParseRequest(std::string_view text) {
  auto v = ParseJson(text);
  if (!v.has_value()) return v;
  if (!v->is_object())
    return InvalidArgument("request must be a JSON object", {{"$", "expected an object"}});
  return v;
}

void WriteSources(JsonWriter& w, const std::vector<SourceRef>& sources) {
  w.Key("sources").BeginArray();
  for (std::size_t i = 0; i < sources.size(); ++i) {
    bool seen = false;
    for (std::size_t j = 0; j < i; ++j) {
      seen = seen || (sources[j].source == sources[i].source &&
                      sources[j].confidence == sources[i].confidence);
    }
    if (seen) continue;
    w.BeginObject();
    w.Key("source").String(sources[i].source);
    w.Key("confidence").String(ConfidenceName(sources[i].confidence));
    w.EndObject();
  }
  w.EndArray();
}

std::string_view UnitKey(ConcentrationUnit u) {
  switch (u) {
    case ConcentrationUnit::kWtPct:
      return "wt_pct";
    case ConcentrationUnit::kMgPerL:
      return "mg_per_l";
    case ConcentrationUnit::kGPerL:
      return "g_per_l";
    case ConcentrationUnit::kVolPct:
      return "vol_pct";
  }
  return "wt_pct";
}

// [{"code": "...", "params": {"name": number or string, ...}}, ...]
void WritePhrases(JsonWriter& w, const std::vector<Phrase>& phrases) {
  w.BeginArray();
  for (const auto& phrase : phrases) {
    w.BeginObject();
    w.Key("code").String(phrase.code);
    w.Key("params").BeginObject();
    for (const auto& [name, value] : phrase.params) {
      w.Key(name);
      if (const double* number = std::get_if<double>(&value)) {
        w.Number(*number);
      } else {
        w.String(std::get<std::string>(value));
      }
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

const KnowledgeBase& DefaultKnowledge() {
  static const KnowledgeBase kb = [] {
    auto loaded = LoadKnowledge(EmbeddedKnowledgeFiles());
    RUTILE_CHECK(loaded.has_value(), "embedded knowledge base is invalid");
    return std::move(loaded).value();
  }();
  return kb;
}

Result<AssessmentRequest> DecodeAssessmentRequest(std::string_view request_json) {
  RUTILE_ASSIGN_OR_RETURN(JsonValue root, ParseRequest(request_json));
  std::vector<FieldError> errors;
  AssessmentRequest req;
  ObjectReader r(&root, "", &errors);
  req.material = r.String("material", true).value_or("");
  if (const JsonValue* m = r.Object("medium", true)) {
    ObjectReader mr(m, "medium", &errors);
    req.medium.preset = mr.String("preset").value_or("");
    if (const JsonValue* comps = mr.Array("components")) {
      if (comps->items().size() > 64) {
        mr.Error("components", "at most 64 components", "field.too_many", {{"max", "64"}});
        return Invalid(std::move(errors), "assessment request");
      }
      for (std::size_t i = 0; i < comps->items().size(); ++i) {
        ComponentSpec c;
        ReadComponentSpec(&comps->items()[i], IndexPath("medium.components", i), &errors, &c);
        req.medium.components.push_back(std::move(c));
      }
    }
    req.medium.temperature_c = mr.Number("temperature_c");
    req.medium.boiling = mr.Bool("boiling").value_or(false);
    req.medium.ph = mr.Number("ph");
    if (auto a = mr.String("aeration")) {
      if (*a == "aerated") {
        req.medium.aeration = Aeration::kAerated;
      } else if (*a == "deaerated") {
        req.medium.aeration = Aeration::kDeaerated;
      } else if (*a != "unknown") {
        mr.Error("aeration", "expected aerated, deaerated or unknown", "field.unknown_value");
      }
    }
    if (auto p = mr.String("phase")) {
      if (*p == "liquid") {
        req.medium.phase = Phase::kLiquid;
      } else if (*p == "gas") {
        req.medium.phase = Phase::kGas;
      } else {
        mr.Error("phase", "expected liquid or gas", "field.unknown_value");
      }
    }
    if (req.medium.preset.empty() && !mr.Has("components")) {
      mr.Error("components", "required unless a preset is given", "field.required");
    }
    mr.Finish();
  }
  if (const JsonValue* f = r.Object("features")) {
    ObjectReader fr(f, "features", &errors);
    req.features.crevices = fr.Bool("crevices");
    req.features.galvanic_couple = fr.String("galvanic_couple").value_or("");
    req.features.potential_v_sce = fr.Number("potential_v_sce");
    req.features.cathodic_protection = fr.Bool("cathodic_protection").value_or(false);
    req.features.anodic_polarization_v = fr.Number("anodic_polarization_v");
    req.features.residual_stress = fr.Bool("residual_stress").value_or(false);
    req.features.velocity_m_s = fr.Number("velocity_m_s");
    fr.Finish();
  }
  r.Finish();
  if (!errors.empty()) return Invalid(std::move(errors), "assessment request");
  return req;
}

std::string EncodeAssessment(const Assessment& a) {
  JsonWriter w;
  w.Reserve(4096);
  w.BeginObject();
  w.Key("material").String(a.material);
  w.Key("grade").Int(a.grade);
  w.Key("verdict").String(a.verdict);
  w.Key("governing_mechanism").String(a.governing_mechanism);
  w.Key("mechanisms").BeginArray();
  for (const auto& m : a.mechanisms) {
    w.BeginObject();
    w.Key("id").String(m.id);
    w.Key("grade").Int(m.grade);
    w.Key("reason").String(m.reason);
    w.Key("reason_phrases");
    WritePhrases(w, m.reason_phrases);
    w.Key("limits").BeginArray();
    for (const auto& l : m.limits) {
      w.BeginObject();
      w.Key("parameter").String(l.parameter);
      w.Key("comparison").String(l.comparison);
      w.Key("limit").Number(l.limit);
      w.Key("observed").Number(l.observed);
      w.EndObject();
    }
    w.EndArray();
    WriteSources(w, m.sources);
    w.EndObject();
  }
  w.EndArray();
  w.Key("general_rate_mm_per_y");
  if (a.general_rate_mm_per_y) {
    w.Number(*a.general_rate_mm_per_y);
  } else {
    w.Null();
  }
  w.Key("operating_limits").BeginArray();
  for (const auto& l : a.operating_limits) {
    w.BeginObject();
    w.Key("parameter").String(l.parameter);
    w.Key("bound").String(l.bound);
    w.Key("value").Number(l.value);
    w.Key("mechanism").String(l.mechanism);
    w.Key("source").String(l.source.source);
    w.Key("confidence").String(ConfidenceName(l.source.confidence));
    w.EndObject();
  }
  w.EndArray();
  w.Key("mitigations").BeginArray();
  for (const auto& m : a.mitigations) w.String(m);
  w.EndArray();
  w.Key("conditions").BeginArray();
  for (const auto& c : a.conditions) {
    w.BeginObject();
    w.Key("id").String(c.id);
    w.Key("field").String(c.field);
    w.Key("answers").BeginArray();
    for (const auto& answer : c.answers) {
      w.BeginObject();
      w.Key("value");
      if (answer.value == "true" || answer.value == "false") {
        w.Bool(answer.value == "true");
      } else {
        w.String(answer.value);
      }
      w.Key("grade").Int(answer.grade);
      w.Key("verdict").String(answer.verdict);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("alternatives").BeginArray();
  for (const auto& alt : a.alternatives) {
    w.BeginObject();
    w.Key("material").String(alt.material);
    w.Key("grade").Int(alt.grade);
    w.EndObject();
  }
  w.EndArray();
  w.Key("warnings").BeginArray();
  for (const auto& s : a.warnings) w.String(s);
  w.EndArray();
  w.Key("warning_phrases");
  WritePhrases(w, a.warning_phrases);
  w.Key("knowledge_version").String(a.knowledge_version);
  w.EndObject();
  return w.Take();
}

Result<std::string> AssessJson(const KnowledgeBase& kb, std::string_view request_json) {
  RUTILE_ASSIGN_OR_RETURN(AssessmentRequest req, DecodeAssessmentRequest(request_json));
  RUTILE_ASSIGN_OR_RETURN(Assessment a, Assess(kb, req));
  return EncodeAssessment(a);
}

Result<std::string> VocabularyJson(const KnowledgeBase& kb) {
  JsonWriter w;
  w.BeginObject();
  w.Key("knowledge_version").String(kb.version);
  w.Key("materials").BeginArray();
  for (const auto& m : kb.materials) {
    w.BeginObject();
    w.Key("id").String(m.id);
    w.Key("name_en").String(m.name_en);
    w.Key("name_zh").String(m.name_zh);
    w.Key("aliases").BeginArray();
    for (const auto& a : m.aliases) w.String(a);
    w.EndArray();
    w.Key("family").String(m.family);
    w.Key("assessable").Bool(m.assessable);
    w.EndObject();
  }
  w.EndArray();
  w.Key("species").BeginArray();
  for (const auto& s : kb.species) {
    w.BeginObject();
    w.Key("id").String(s.id);
    w.Key("name_en").String(s.name_en);
    w.Key("name_zh").String(s.name_zh);
    w.Key("aliases").BeginArray();
    for (const auto& a : s.aliases) w.String(a);
    w.EndArray();
    w.Key("kind").String(s.kind);
    w.EndObject();
  }
  w.EndArray();
  w.Key("presets").BeginArray();
  for (const auto& p : kb.presets) {
    w.BeginObject();
    w.Key("id").String(p.id);
    w.Key("name_en").String(p.name_en);
    w.Key("name_zh").String(p.name_zh);
    w.Key("aliases").BeginArray();
    for (const auto& a : p.aliases) w.String(a);
    w.EndArray();
    w.Key("phase").String(p.phase == Phase::kGas ? "gas" : "liquid");
    w.Key("components").BeginArray();
    for (const auto& c : p.components) {
      w.BeginObject();
      w.Key("species").String(c.species);
      w.Key(UnitKey(c.unit)).Number(c.value);
      w.EndObject();
    }
    w.EndArray();
    w.Key("ph");
    if (p.ph) {
      w.Number(*p.ph);
    } else {
      w.Null();
    }
    w.Key("typical_temperature_c");
    if (p.typical_temperature_c) {
      w.Number(*p.typical_temperature_c);
    } else {
      w.Null();
    }
    w.Key("source").String(p.citation.source);
    w.Key("confidence").String(ConfidenceName(p.citation.confidence));
    w.EndObject();
  }
  w.EndArray();
  w.Key("mechanisms").BeginArray();
  for (const auto& m : kb.mechanisms) {
    w.BeginObject();
    w.Key("id").String(m.id);
    w.Key("name").String(m.name);
    w.EndObject();
  }
  w.EndArray();
  w.Key("verdicts").BeginArray();
  for (const auto& v : kb.grading.verdicts) w.String(v);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

Result<std::string> AtmosphereJson(std::string_view request_json) {
  const KnowledgeBase& kb = DefaultKnowledge();
  RUTILE_ASSIGN_OR_RETURN(JsonValue root, ParseRequest(request_json));
  std::vector<FieldError> errors;
  ObjectReader r(&root, "", &errors);
  AtmosphereInput in;
  in.temperature_c = r.Number("temperature_c", true).value_or(0);
  in.rh_pct = r.Number("rh_pct", true).value_or(0);
  in.so2_mg_m2_d = r.Number("so2_mg_m2_d", true).value_or(0);
  in.cl_mg_m2_d = r.Number("cl_mg_m2_d", true).value_or(0);
  in.years = r.Number("years");
  r.Finish();
  if (!errors.empty()) return Invalid(std::move(errors), "atmosphere request");
  RUTILE_ASSIGN_OR_RETURN(AtmosphereResult res, AssessAtmosphere(kb.atmosphere, in));
  JsonWriter w;
  w.BeginObject();
  for (const auto& m : res.metals) {
    const bool grams = m.unit == "g_m2_a";
    w.Key(m.metal).BeginObject();
    w.Key(grams ? "rate_g_m2_a" : "rate_um_per_a").Number(m.rate);
    w.Key("category").String(m.category);
    if (m.long_term_loss) {
      w.Key(grams ? "iso9224_loss_g_m2" : "iso9224_loss_um").Number(*m.long_term_loss);
      w.Key(grams ? "iso9224_loss_upper_g_m2" : "iso9224_loss_upper_um")
          .Number(*m.long_term_loss_upper);
    }
    w.Key("confidence").String(ConfidenceName(m.confidence));
    w.EndObject();
  }
  w.Key("warnings").BeginArray();
  for (const auto& s : res.warnings) w.String(s);
  w.EndArray();
  w.Key("knowledge_version").String(kb.version);
  w.EndObject();
  return w.Take();
}

Result<std::string> ThicknessJson(std::string_view request_json) {
  const KnowledgeBase& kb = DefaultKnowledge();
  RUTILE_ASSIGN_OR_RETURN(JsonValue root, ParseRequest(request_json));
  std::vector<FieldError> errors;
  ObjectReader r(&root, "", &errors);
  ThicknessRequest req;
  if (auto kind = r.String("kind", true)) {
    if (*kind == "vessel") {
      req.kind = EquipmentKind::kVessel;
    } else if (*kind == "piping") {
      req.kind = EquipmentKind::kPiping;
    } else {
      r.Error("kind", "expected vessel or piping");
    }
  }
  req.piping_class = r.Int("piping_class");
  if (const JsonValue* list = r.Array("readings", true)) {
    for (std::size_t i = 0; i < list->items().size(); ++i) {
      ObjectReader rr(&list->items()[i], IndexPath("readings", i), &errors);
      ThicknessReading reading;
      if (auto d = rr.String("date", true)) {
        auto parsed = ParseDate(*d);
        if (parsed.has_value()) {
          reading.date = *parsed;
        } else {
          rr.Error("date", "expected YYYY-MM-DD");
        }
      }
      reading.thickness_mm = rr.Number("thickness_mm", true).value_or(0);
      rr.Finish();
      req.readings.push_back(reading);
    }
  }
  req.t_required_mm = r.Number("t_required_mm");
  if (const JsonValue* d = r.Object("design")) {
    ObjectReader dr(d, "design", &errors);
    if (req.kind == EquipmentKind::kVessel) {
      ShellDesign s;
      s.pressure_mpa = dr.Number("pressure_mpa", true).value_or(0);
      s.inside_radius_mm = dr.Number("inside_radius_mm", true).value_or(0);
      s.allowable_stress_mpa = dr.Number("allowable_stress_mpa", true).value_or(0);
      s.joint_efficiency = dr.Number("joint_efficiency").value_or(1);
      req.shell_design = s;
    } else {
      PipeDesign p;
      p.pressure_mpa = dr.Number("pressure_mpa", true).value_or(0);
      p.outside_diameter_mm = dr.Number("outside_diameter_mm", true).value_or(0);
      p.allowable_stress_mpa = dr.Number("allowable_stress_mpa", true).value_or(0);
      p.joint_quality_factor = dr.Number("joint_quality_factor").value_or(1);
      p.weld_strength_factor = dr.Number("weld_strength_factor").value_or(1);
      p.y_coefficient = dr.Number("y_coefficient");
      p.allowance_mm = dr.Number("allowance_mm").value_or(0);
      req.pipe_design = p;
    }
    dr.Finish();
  }
  if (auto d = r.String("as_of", true)) {
    auto parsed = ParseDate(*d);
    if (parsed.has_value()) {
      req.as_of = *parsed;
    } else {
      r.Error("as_of", "expected YYYY-MM-DD");
    }
  }
  r.Finish();
  if (!errors.empty()) return Invalid(std::move(errors), "thickness request");
  RUTILE_ASSIGN_OR_RETURN(ThicknessResult res, AnalyzeThickness(kb.inspection, req));
  JsonWriter w;
  w.BeginObject();
  w.Key("cr_long_term_mm_per_a").Number(res.cr_long_term_mm_per_a);
  w.Key("cr_short_term_mm_per_a").Number(res.cr_short_term_mm_per_a);
  w.Key("governing_rate_mm_per_a").Number(res.governing_rate_mm_per_a);
  w.Key("remaining_life_a");
  if (res.remaining_life_a) {
    w.Number(*res.remaining_life_a);
  } else {
    w.Null();
  }
  w.Key("next_inspection_interval_a").Number(res.next_inspection_interval_a);
  w.Key("next_inspection_date").String(FormatDate(res.next_inspection_date));
  w.Key("t_required_mm").Number(res.t_required_mm);
  w.Key("flags").BeginArray();
  for (const auto& f : res.flags) w.String(f);
  w.EndArray();
  w.Key("knowledge_version").String(kb.version);
  w.EndObject();
  return w.Take();
}

Result<std::string> RiskMatrixJson(std::string_view request_json) {
  const KnowledgeBase& kb = DefaultKnowledge();
  RUTILE_ASSIGN_OR_RETURN(JsonValue root, ParseRequest(request_json));
  std::vector<FieldError> errors;
  ObjectReader r(&root, "", &errors);
  auto pof_cat = r.Int("probability_category");
  auto pof = r.Number("pof_per_year");
  auto cof_cat = r.String("consequence_category");
  auto area = r.Number("area_m2");
  auto cost = r.Number("cost_usd");
  r.Finish();
  if ((pof_cat.has_value() ? 1 : 0) + (pof.has_value() ? 1 : 0) != 1) {
    errors.push_back(
        {"probability_category", "give exactly one of probability_category, pof_per_year"});
  }
  if ((cof_cat ? 1 : 0) + (area ? 1 : 0) + (cost ? 1 : 0) != 1) {
    errors.push_back(
        {"consequence_category", "give exactly one of consequence_category, area_m2, cost_usd"});
  }
  if (!errors.empty()) return Invalid(std::move(errors), "risk matrix request");
  const auto& m = kb.risk_matrix;
  const int p = pof_cat ? *pof_cat : ProbabilityCategory(m, *pof);
  std::string c = cof_cat ? *cof_cat
                  : area  ? std::string(ConsequenceCategoryByArea(m, *area))
                          : std::string(ConsequenceCategoryByCost(m, *cost));
  RUTILE_ASSIGN_OR_RETURN(std::string_view level, RiskLevel(m, p, c));
  JsonWriter w;
  w.BeginObject();
  w.Key("probability_category").Int(p);
  w.Key("consequence_category").String(c);
  w.Key("level").String(level);
  w.Key("source").String(m.citation.source);
  w.Key("confidence").String(ConfidenceName(m.citation.confidence));
  w.Key("knowledge_version").String(kb.version);
  w.EndObject();
  return w.Take();
}

std::string ErrorJson(const Error& error) {
  JsonWriter w;
  w.BeginObject();
  w.Key("error").BeginObject();
  w.Key("code").String(ErrorCodeName(error.code()));
  w.Key("message").String(error.message());
  w.Key("errors").BeginArray();
  for (const auto& f : error.fields()) {
    w.BeginObject();
    w.Key("field").String(f.field);
    w.Key("message").String(f.message);
    if (!f.code.empty()) {
      w.Key("code").String(f.code);
      w.Key("params").BeginObject();
      for (const auto& [name, value] : f.params) w.Key(name).String(value);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace rutile::engine::wire
