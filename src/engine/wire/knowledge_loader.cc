#include "rutile/engine/wire/knowledge_loader.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "object_reader.h"
#include "rutile/engine/wire/json.h"

namespace rutile::engine::wire {
namespace {

constexpr std::string_view kRequiredFiles[] = {
    "sources.json",    "materials.json",       "species.json",
    "presets.json",    "corrosion_rates.json", "mechanisms.json",
    "atmosphere.json", "inspection.json",      "risk_matrix.json"};

// Reads one file's tree into the KnowledgeBase, collecting errors with the file's prefix.
class Loader {
 public:
  explicit Loader(KnowledgeBase* kb) : kb_(kb) {}

  std::vector<FieldError>& errors() { return errors_; }

  void Sources(const JsonValue& root) {
    ObjectReader r(&root, "", &errors_);
    if (const JsonValue* list = r.Array("sources", true)) {
      for (std::size_t i = 0; i < list->items().size(); ++i) {
        ObjectReader s(&list->items()[i], IndexPath("sources", i), &errors_);
        auto id = s.String("id", true);
        auto citation = s.String("citation", true);
        if (id && citation) {
          if (!sources_.emplace(*id, *citation).second) s.Error("id", "duplicate source id");
        }
        s.Finish();
      }
    }
    r.Finish();
  }

  std::optional<Confidence> ReadConfidence(ObjectReader& r, std::string_view key) {
    auto c = r.String(key, true);
    if (!c) return std::nullopt;
    if (*c == "verified") return Confidence::kVerified;
    if (*c == "secondary") return Confidence::kSecondary;
    if (*c == "uncertain") return Confidence::kUncertain;
    r.Error(key, "expected verified, secondary or uncertain");
    return std::nullopt;
  }

  Citation ReadCitation(ObjectReader& r, std::string_view source_key = "source",
                        std::string_view confidence_key = "confidence") {
    Citation c;
    if (auto id = r.String(source_key, true)) {
      auto it = sources_.find(*id);
      if (it == sources_.end()) {
        r.Error(source_key, "unknown source id '" + *id + "'");
      } else {
        c.source = it->second;
      }
    }
    if (auto conf = ReadConfidence(r, confidence_key)) c.confidence = *conf;
    return c;
  }

  Fact ReadFact(ObjectReader& parent, std::string_view key) {
    Fact f;
    const JsonValue* v = parent.Object(key, true);
    if (v == nullptr) return f;
    ObjectReader r(v, parent.Path(key), &errors_);
    if (auto n = r.Number("value", true)) f.value = *n;
    f.citation = ReadCitation(r);
    r.Finish();
    return f;
  }

  int ReadGrade(ObjectReader& r, std::string_view key) {
    auto g = r.Int(key, true);
    if (!g) return 1;
    if (*g < 1 || *g > 4) {
      r.Error(key, "grade must be 1..4");
      return 1;
    }
    return *g;
  }

  void Materials(const JsonValue& root) {
    ObjectReader r(&root, "", &errors_);
    if (const JsonValue* list = r.Array("materials", true)) {
      for (std::size_t i = 0; i < list->items().size(); ++i) {
        ObjectReader m(&list->items()[i], IndexPath("materials", i), &errors_);
        Material mat;
        mat.id = m.String("id", true).value_or("");
        mat.name_en = m.String("name_en", true).value_or("");
        mat.name_zh = m.String("name_zh", true).value_or("");
        mat.aliases = m.Strings("aliases");
        mat.family = m.String("family", true).value_or("");
        mat.assessable = m.Bool("assessable", true).value_or(false);
        mat.rate_group = m.String("rate_group", mat.assessable).value_or("");
        mat.rate_fallback = m.String("rate_fallback").value_or("");
        mat.crevice_class = m.String("crevice_class", mat.assessable).value_or("none");
        mat.galvanic = m.String("galvanic").value_or("");
        mat.pd_grade = m.Bool("pd_grade").value_or(false);
        mat.cost_rank = m.Int("cost_rank", mat.assessable).value_or(0);
        if (m.Has("max_service_temperature_c")) {
          mat.max_service_temperature_c = ReadFact(m, "max_service_temperature_c");
        }
        if (!mat.galvanic.empty() && mat.galvanic != "active" && mat.galvanic != "noble") {
          m.Error("galvanic", "expected active or noble");
        }
        mat.citation = ReadCitation(m);
        m.Finish();
        kb_->materials.push_back(std::move(mat));
      }
    }
    r.Finish();
  }

  void SpeciesList(const JsonValue& root) {
    ObjectReader r(&root, "", &errors_);
    if (const JsonValue* list = r.Array("species", true)) {
      for (std::size_t i = 0; i < list->items().size(); ++i) {
        ObjectReader s(&list->items()[i], IndexPath("species", i), &errors_);
        Species sp;
        sp.id = s.String("id", true).value_or("");
        sp.name_en = s.String("name_en", true).value_or("");
        sp.name_zh = s.String("name_zh", true).value_or("");
        sp.aliases = s.Strings("aliases");
        sp.kind = s.String("kind", true).value_or("");
        sp.molar_mass_g_mol = s.Number("molar_mass_g_mol", true).value_or(0);
        if (sp.molar_mass_g_mol <= 0) s.Error("molar_mass_g_mol", "must be positive");
        sp.strong_acid_protons = s.Number("strong_acid_protons").value_or(0);
        if (auto v = s.Number("pka")) sp.pka = *v;
        sp.strong_base_hydroxides = s.Number("strong_base_hydroxides").value_or(0);
        if (auto v = s.Number("pkb")) sp.pkb = *v;
        sp.reducing_acid = s.Bool("reducing_acid").value_or(false);
        sp.oxidizer = s.Bool("oxidizer").value_or(false);
        if (const JsonValue* pv = s.Array("provides")) {
          for (std::size_t j = 0; j < pv->items().size(); ++j) {
            ObjectReader p(&pv->items()[j], IndexPath(s.Path("provides"), j), &errors_);
            IonShare share;
            share.ion = p.String("ion", true).value_or("");
            share.mass_fraction = p.Number("mass_fraction", true).value_or(0);
            if (share.mass_fraction < 0 || share.mass_fraction > 1) {
              p.Error("mass_fraction", "must be between 0 and 1");
            }
            p.Finish();
            sp.provides.push_back(std::move(share));
          }
        }
        sp.citation = ReadCitation(s);
        s.Finish();
        kb_->species.push_back(std::move(sp));
      }
    }
    r.Finish();
  }

  void Presets(const JsonValue& root) {
    ObjectReader r(&root, "", &errors_);
    if (const JsonValue* list = r.Array("presets", true)) {
      for (std::size_t i = 0; i < list->items().size(); ++i) {
        ObjectReader s(&list->items()[i], IndexPath("presets", i), &errors_);
        Preset p;
        p.id = s.String("id", true).value_or("");
        p.name_en = s.String("name_en", true).value_or("");
        p.name_zh = s.String("name_zh", true).value_or("");
        p.aliases = s.Strings("aliases");
        if (const JsonValue* comps = s.Array("components", true)) {
          for (std::size_t j = 0; j < comps->items().size(); ++j) {
            ComponentSpec c;
            if (ReadComponentSpec(&comps->items()[j], IndexPath(s.Path("components"), j), &errors_,
                                  &c)) {
              p.components.push_back(std::move(c));
            }
          }
        }
        if (auto v = s.Number("ph")) p.ph = *v;
        if (auto v = s.Number("typical_temperature_c")) p.typical_temperature_c = *v;
        const std::string phase = s.String("phase", true).value_or("liquid");
        if (phase == "gas") {
          p.phase = Phase::kGas;
        } else if (phase != "liquid") {
          s.Error("phase", "expected liquid or gas");
        }
        p.citation = ReadCitation(s);
        s.Finish();
        kb_->presets.push_back(std::move(p));
      }
    }
    r.Finish();
  }

  std::vector<double> Numbers(ObjectReader& r, std::string_view key) {
    std::vector<double> out;
    const JsonValue* a = r.Array(key, true);
    if (a == nullptr) return out;
    for (std::size_t i = 0; i < a->items().size(); ++i) {
      if (!a->items()[i].is_number()) {
        errors_.push_back({IndexPath(r.Path(key), i), "expected a number"});
        continue;
      }
      out.push_back(a->items()[i].as_number());
    }
    return out;
  }

  void Rates(const JsonValue& root) {
    ObjectReader r(&root, "", &errors_);
    if (const JsonValue* list = r.Array("grids", true)) {
      for (std::size_t i = 0; i < list->items().size(); ++i) {
        ObjectReader s(&list->items()[i], IndexPath("grids", i), &errors_);
        RateGrid g;
        g.rate_group = s.String("rate_group", true).value_or("");
        g.species = s.String("species", true).value_or("");
        g.wt_pct = Numbers(s, "wt_pct");
        g.temperature_c = Numbers(s, "temperature_c");
        g.note = s.String("note").value_or("");
        auto ascending = [](const std::vector<double>& v) {
          for (std::size_t k = 1; k < v.size(); ++k) {
            if (!(v[k] > v[k - 1])) return false;
          }
          return !v.empty();
        };
        if (!ascending(g.wt_pct)) s.Error("wt_pct", "must be non-empty and ascending");
        if (!ascending(g.temperature_c))
          s.Error("temperature_c", "must be non-empty and ascending");
        const JsonValue* rows = s.Array("rate_mm_per_y", true);
        const JsonValue* conf = s.Array("cell_confidence", true);
        if (rows != nullptr) {
          if (rows->items().size() != g.wt_pct.size()) {
            s.Error("rate_mm_per_y", "needs one row per wt_pct value");
          }
          for (std::size_t k = 0; k < rows->items().size(); ++k) {
            const auto& row = rows->items()[k];
            const std::string path = IndexPath(s.Path("rate_mm_per_y"), k);
            if (!row.is_array() || row.items().size() != g.temperature_c.size()) {
              errors_.push_back({path, "needs one value per temperature"});
              continue;
            }
            for (const auto& cell : row.items()) {
              if (!cell.is_number() || cell.as_number() < 0) {
                errors_.push_back({path, "rates must be non-negative numbers"});
                break;
              }
              g.rate_mm_per_y.push_back(cell.as_number());
            }
          }
        }
        if (conf != nullptr) {
          for (std::size_t k = 0; k < conf->items().size(); ++k) {
            const auto& row = conf->items()[k];
            const std::string path = IndexPath(s.Path("cell_confidence"), k);
            if (!row.is_string() || row.as_string().size() != g.temperature_c.size()) {
              errors_.push_back({path, "needs one of V/S/U per temperature"});
              continue;
            }
            for (char c : row.as_string()) {
              if (c == 'V') {
                g.confidence.push_back(Confidence::kVerified);
              } else if (c == 'S') {
                g.confidence.push_back(Confidence::kSecondary);
              } else if (c == 'U') {
                g.confidence.push_back(Confidence::kUncertain);
              } else {
                errors_.push_back({path, "needs one of V/S/U per temperature"});
                break;
              }
            }
          }
        }
        if (g.rate_mm_per_y.size() != g.wt_pct.size() * g.temperature_c.size() ||
            g.confidence.size() != g.rate_mm_per_y.size()) {
          s.Error("rate_mm_per_y", "grid shape does not match its axes");
        }
        g.citation = ReadCitation(s);
        s.Finish();
        kb_->grids.push_back(std::move(g));
      }
    }
    if (const JsonValue* list = r.Array("inert", true)) {
      for (std::size_t i = 0; i < list->items().size(); ++i) {
        ObjectReader s(&list->items()[i], IndexPath("inert", i), &errors_);
        InertList l;
        l.family = s.String("family", true).value_or("");
        l.species = s.Strings("species", true);
        l.citation = ReadCitation(s);
        s.Finish();
        kb_->inert.push_back(std::move(l));
      }
    }
    r.Finish();
  }

  void Mechanisms(const JsonValue& root) {
    ObjectReader r(&root, "", &errors_);
    if (const JsonValue* g = r.Object("grading", true)) {
      ObjectReader s(g, "grading", &errors_);
      auto verdicts = s.Strings("verdicts", true);
      if (verdicts.size() != 4) {
        s.Error("verdicts", "needs four verdicts");
      } else {
        for (std::size_t i = 0; i < 4; ++i) kb_->grading.verdicts[i] = verdicts[i];
      }
      kb_->grading.rate_grade1_max_mm_per_y = ReadFact(s, "rate_grade1_max_mm_per_y");
      kb_->grading.rate_grade2_max_mm_per_y = ReadFact(s, "rate_grade2_max_mm_per_y");
      kb_->grading.rate_grade3_max_mm_per_y = ReadFact(s, "rate_grade3_max_mm_per_y");
      s.Finish();
    }
    if (const JsonValue* list = r.Array("mechanisms", true)) {
      for (std::size_t i = 0; i < list->items().size(); ++i) {
        ObjectReader s(&list->items()[i], IndexPath("mechanisms", i), &errors_);
        MechanismInfo m;
        m.id = s.String("id", true).value_or("");
        m.name = s.String("name", true).value_or("");
        m.mitigations = s.Strings("mitigations", true);
        s.Finish();
        kb_->mechanisms.push_back(std::move(m));
      }
    }
    if (const JsonValue* v = r.Object("general_corrosion", true)) {
      ObjectReader s(v, "general_corrosion", &errors_);
      auto& g = kb_->general;
      g.out_of_range_grade_step = ReadFact(s, "out_of_range_grade_step");
      g.deaerated_reducing_acid_grade_step = ReadFact(s, "deaerated_reducing_acid_grade_step");
      g.boiling_grid_temperature_c = ReadFact(s, "boiling_grid_temperature_c");
      g.data_gap_grade = ReadFact(s, "data_gap_grade");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("crevice_corrosion", true)) {
      ObjectReader s(v, "crevice_corrosion", &errors_);
      if (const JsonValue* list = s.Array("classes", true)) {
        for (std::size_t i = 0; i < list->items().size(); ++i) {
          ObjectReader c(&list->items()[i], IndexPath(s.Path("classes"), i), &errors_);
          CreviceClass cc;
          cc.id = c.String("id", true).value_or("");
          cc.chloride_min_mg_l = ReadFact(c, "chloride_min_mg_l");
          cc.temperature_above_c = ReadFact(c, "temperature_above_c");
          cc.ph_below = ReadFact(c, "ph_below");
          cc.temperature_max_c = ReadFact(c, "temperature_max_c");
          cc.grade_with_crevices = ReadGrade(c, "grade_with_crevices");
          cc.grade_crevice_free = ReadGrade(c, "grade_crevice_free");
          c.Finish();
          kb_->crevice.classes.push_back(std::move(cc));
        }
      }
      kb_->crevice.grade_crevices_unstated = ReadGrade(s, "grade_crevices_unstated");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("fluoride_attack", true)) {
      ObjectReader s(v, "fluoride_attack", &errors_);
      if (const JsonValue* list = s.Array("families", true)) {
        for (std::size_t i = 0; i < list->items().size(); ++i) {
          ObjectReader c(&list->items()[i], IndexPath(s.Path("families"), i), &errors_);
          FluorideFamilyRule f;
          f.family = c.String("family", true).value_or("");
          f.trace_mg_l = ReadFact(c, "trace_mg_l");
          f.threshold_mg_l = ReadFact(c, "threshold_mg_l");
          f.prohibit_mg_l = ReadFact(c, "prohibit_mg_l");
          f.acid_ph_below = ReadFact(c, "acid_ph_below");
          f.grade_trace_acid = ReadGrade(c, "grade_trace_acid");
          f.grade_acid = ReadGrade(c, "grade_acid");
          f.grade_neutral = ReadGrade(c, "grade_neutral");
          f.grade_prohibit = ReadGrade(c, "grade_prohibit");
          f.prohibit_species = c.Strings("prohibit_species", true);
          c.Finish();
          kb_->fluoride.families.push_back(std::move(f));
        }
      }
      if (const JsonValue* list = s.Array("complexers", true)) {
        for (std::size_t i = 0; i < list->items().size(); ++i) {
          ObjectReader c(&list->items()[i], IndexPath(s.Path("complexers"), i), &errors_);
          FluorideComplexer x;
          x.ion = c.String("ion", true).value_or("");
          x.molar_mass_g_mol = c.Number("molar_mass_g_mol", true).value_or(1);
          x.fluoride_per_ion = ReadFact(c, "fluoride_per_ion");
          c.Finish();
          kb_->fluoride.complexers.push_back(std::move(x));
        }
      }
      kb_->fluoride.fluoride_molar_mass_g_mol =
          s.Number("fluoride_molar_mass_g_mol", true).value_or(18.998);
      auto& fl = kb_->fluoride;
      fl.complexation_full_ratio = ReadFact(s, "complexation_full_ratio");
      fl.complexed_residual_fraction = ReadFact(s, "complexed_residual_fraction");
      fl.partial_complexation = ReadFact(s, "partial_complexation");
      if (fl.complexation_full_ratio.value < 1)
        s.Error("complexation_full_ratio", "must be at least 1");
      if (!(fl.complexed_residual_fraction.value > 0 && fl.complexed_residual_fraction.value < 1))
        s.Error("complexed_residual_fraction", "must be between 0 and 1");
      if (!(fl.partial_complexation.value > 0 && fl.partial_complexation.value <= 1))
        s.Error("partial_complexation", "must be above 0 and at most 1");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("hydrogen_embrittlement", true)) {
      ObjectReader s(v, "hydrogen_embrittlement", &errors_);
      auto& h = kb_->hydrogen;
      h.temperature_above_c = ReadFact(s, "temperature_above_c");
      h.ph_below = ReadFact(s, "ph_below");
      h.ph_above = ReadFact(s, "ph_above");
      h.potential_below_v_sce = ReadFact(s, "potential_below_v_sce");
      h.potential_prohibit_below_v_sce = ReadFact(s, "potential_prohibit_below_v_sce");
      h.h2_gas_min_water_pct = ReadFact(s, "h2_gas_min_water_pct");
      h.grade = ReadGrade(s, "grade");
      h.grade_prohibit = ReadGrade(s, "grade_prohibit");
      h.grade_cool = ReadGrade(s, "grade_cool");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("alkaline_hydrogen_pickup", true)) {
      ObjectReader s(v, "alkaline_hydrogen_pickup", &errors_);
      kb_->alkaline.ph_at_least = ReadFact(s, "ph_at_least");
      kb_->alkaline.temperature_above_c = ReadFact(s, "temperature_above_c");
      kb_->alkaline.grade = ReadGrade(s, "grade");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("ignition", true)) {
      ObjectReader s(v, "ignition", &errors_);
      auto& ig = kb_->ignition;
      if (const JsonValue* list = s.Array("dry_chlorine_min_water_pct", true)) {
        for (std::size_t i = 0; i < list->items().size(); ++i) {
          ObjectReader c(&list->items()[i], IndexPath(s.Path("dry_chlorine_min_water_pct"), i),
                         &errors_);
          WaterPoint w;
          w.temperature_c = c.Number("temperature_c", true).value_or(0);
          w.water_pct = ReadFact(c, "water_pct");
          c.Finish();
          ig.dry_chlorine_min_water_pct.push_back(std::move(w));
        }
      }
      ig.fuming_nitric_min_hno3_wt_pct = ReadFact(s, "fuming_nitric_min_hno3_wt_pct");
      ig.fuming_nitric_min_water_wt_pct = ReadFact(s, "fuming_nitric_min_water_wt_pct");
      ig.fuming_nitric_max_no2_wt_pct = ReadFact(s, "fuming_nitric_max_no2_wt_pct");
      ig.fuming_nitric_high_hno3_wt_pct = ReadFact(s, "fuming_nitric_high_hno3_wt_pct");
      ig.oxygen_min_vol_pct = ReadFact(s, "oxygen_min_vol_pct");
      ig.grade = ReadGrade(s, "grade");
      ig.grade_fuming_wet = ReadGrade(s, "grade_fuming_wet");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("scc_methanol", true)) {
      ObjectReader s(v, "scc_methanol", &errors_);
      auto& m = kb_->methanol;
      m.methanol_min_wt_pct = ReadFact(s, "methanol_min_wt_pct");
      m.min_water_with_acid_pct = ReadFact(s, "min_water_with_acid_pct");
      m.min_water_pct = ReadFact(s, "min_water_pct");
      m.grade_with_acid = ReadGrade(s, "grade_with_acid");
      m.grade = ReadGrade(s, "grade");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("oxidizer_passivation", true)) {
      ObjectReader s(v, "oxidizer_passivation", &errors_);
      if (const JsonValue* list = s.Array("oxidizers", true)) {
        for (std::size_t i = 0; i < list->items().size(); ++i) {
          ObjectReader c(&list->items()[i], IndexPath(s.Path("oxidizers"), i), &errors_);
          Oxidizer o;
          o.ion = c.String("ion").value_or("");
          o.species = c.String("species").value_or("");
          if (o.ion.empty() == o.species.empty())
            c.Error("ion", "give exactly one of ion, species");
          o.parameter = c.String("parameter", true).value_or("");
          if (const JsonValue* pts = c.Array("min_mg_l_by_hcl_normality", true)) {
            for (std::size_t j = 0; j < pts->items().size(); ++j) {
              ObjectReader pr(&pts->items()[j], IndexPath(c.Path("min_mg_l_by_hcl_normality"), j),
                              &errors_);
              NormalityPoint np;
              np.normality = pr.Number("normality", true).value_or(0);
              np.mg_l = ReadFact(pr, "mg_l");
              if (np.mg_l.value <= 0) pr.Error("mg_l", "must be positive");
              pr.Finish();
              o.min_mg_l_by_hcl_normality.push_back(std::move(np));
            }
            if (o.min_mg_l_by_hcl_normality.empty()) {
              c.Error("min_mg_l_by_hcl_normality", "needs at least one point");
            }
          }
          c.Finish();
          kb_->oxidizer.oxidizers.push_back(std::move(o));
        }
      }
      kb_->oxidizer.passive_rate_mm_per_y = ReadFact(s, "passive_rate_mm_per_y");
      kb_->oxidizer.subthreshold_grade_step = s.Int("subthreshold_grade_step", true).value_or(1);
      kb_->oxidizer.full_credit_ratio = ReadFact(s, "full_credit_ratio");
      if (kb_->oxidizer.full_credit_ratio.value < 1)
        s.Error("full_credit_ratio", "must be at least 1");
      kb_->oxidizer.marginal_grade_credit = s.Int("marginal_grade_credit", true).value_or(1);
      s.Finish();
    }
    if (const JsonValue* v = r.Object("anodic_breakdown", true)) {
      ObjectReader s(v, "anodic_breakdown", &errors_);
      kb_->anodic.breakdown_v = ReadFact(s, "breakdown_v");
      kb_->anodic.breakdown_halide_v = ReadFact(s, "breakdown_halide_v");
      kb_->anodic.halide_min_mg_l = ReadFact(s, "halide_min_mg_l");
      kb_->anodic.grade = ReadGrade(s, "grade");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("erosion", true)) {
      ObjectReader s(v, "erosion", &errors_);
      kb_->erosion.max_velocity_m_s = ReadFact(s, "max_velocity_m_s");
      kb_->erosion.grade = ReadGrade(s, "grade");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("temperature_limit", true)) {
      ObjectReader s(v, "temperature_limit", &errors_);
      kb_->temperature_limit_grade = ReadGrade(s, "grade");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("input", true)) {
      ObjectReader s(v, "input", &errors_);
      kb_->input.density_kg_per_l = ReadFact(s, "density_kg_per_l");
      kb_->input.ph_contradiction_tolerance = ReadFact(s, "ph_contradiction_tolerance");
      kb_->input.temperature_min_c = s.Number("temperature_min_c", true).value_or(-60);
      kb_->input.temperature_max_c = s.Number("temperature_max_c", true).value_or(1200);
      s.Finish();
    }
    r.Finish();
  }

  void Pair(ObjectReader& r, std::string_view key, std::array<double, 2>* out) {
    auto v = Numbers(r, key);
    if (v.size() != 2 || v[0] > v[1]) {
      r.Error(key, "expected [min, max]");
      return;
    }
    (*out)[0] = v[0];
    (*out)[1] = v[1];
  }

  void Atmosphere(const JsonValue& root) {
    ObjectReader r(&root, "", &errors_);
    auto& a = kb_->atmosphere;
    if (const JsonValue* list = r.Array("metals", true)) {
      for (std::size_t i = 0; i < list->items().size(); ++i) {
        ObjectReader s(&list->items()[i], IndexPath("metals", i), &errors_);
        AtmosphereMetal m;
        m.id = s.String("id", true).value_or("");
        m.unit = s.String("unit", true).value_or("");
        if (m.unit != "um_per_a" && m.unit != "g_m2_a")
          s.Error("unit", "expected um_per_a or g_m2_a");
        double* fields[] = {&m.so2_coeff, &m.so2_exp,    &m.so2_rh,     &m.cl_coeff,
                            &m.cl_exp,    &m.cl_rh,      &m.cl_t,       &m.ft_low,
                            &m.ft_high,   &m.ft_pivot_c, &m.iso9224_b1, &m.iso9224_b2};
        const char* names[] = {"so2_coeff", "so2_exp",    "so2_rh",     "cl_coeff",
                               "cl_exp",    "cl_rh",      "cl_t",       "ft_low",
                               "ft_high",   "ft_pivot_c", "iso9224_b1", "iso9224_b2"};
        for (std::size_t k = 0; k < std::size(names); ++k) {
          *fields[k] = s.Number(names[k], true).value_or(0);
        }
        auto bounds = Numbers(s, "category_bounds");
        if (bounds.size() != 6) {
          s.Error("category_bounds", "needs six bounds (C1..CX)");
        } else {
          for (std::size_t k = 0; k < 6; ++k) m.category_bounds[k] = bounds[k];
        }
        m.citation = ReadCitation(s);
        m.bounds_citation = ReadCitation(s, "bounds_source", "bounds_confidence");
        s.Finish();
        a.metals.push_back(std::move(m));
      }
    }
    auto cats = r.Strings("categories", true);
    if (cats.size() != 6) {
      r.Error("categories", "needs six categories");
    } else {
      for (std::size_t k = 0; k < 6; ++k) a.categories[k] = cats[k];
    }
    if (const JsonValue* v = r.Object("validity", true)) {
      ObjectReader s(v, "validity", &errors_);
      Pair(s, "temperature_c", &a.temperature_c);
      Pair(s, "rh_pct", &a.rh_pct);
      Pair(s, "so2_mg_m2_d", &a.so2_mg_m2_d);
      Pair(s, "cl_mg_m2_d", &a.cl_mg_m2_d);
      a.validity_citation = ReadCitation(s);
      s.Finish();
    }
    a.iso9224_break_years = r.Number("iso9224_break_years", true).value_or(20);
    r.Finish();
  }

  void Inspection(const JsonValue& root) {
    ObjectReader r(&root, "", &errors_);
    auto& in = kb_->inspection;
    if (const JsonValue* v = r.Object("vessel", true)) {
      ObjectReader s(v, "vessel", &errors_);
      in.vessel_half_life_fraction = ReadFact(s, "half_life_fraction");
      in.vessel_max_interval_a = ReadFact(s, "max_interval_a");
      in.vessel_short_life_threshold_a = ReadFact(s, "short_life_threshold_a");
      in.vessel_short_life_max_interval_a = ReadFact(s, "short_life_max_interval_a");
      in.vessel_external_max_interval_a = ReadFact(s, "external_max_interval_a");
      s.Finish();
    }
    if (const JsonValue* v = r.Object("piping", true)) {
      ObjectReader s(v, "piping", &errors_);
      in.piping_half_life_fraction = ReadFact(s, "half_life_fraction");
      if (const JsonValue* list = s.Array("classes", true)) {
        for (std::size_t i = 0; i < list->items().size(); ++i) {
          ObjectReader c(&list->items()[i], IndexPath(s.Path("classes"), i), &errors_);
          PipingClassRule pc;
          pc.piping_class = c.Int("class", true).value_or(0);
          pc.thickness_interval_a = ReadFact(c, "thickness_interval_a");
          pc.external_interval_a = ReadFact(c, "external_interval_a");
          c.Finish();
          in.piping_classes.push_back(std::move(pc));
        }
      }
      s.Finish();
    }
    in.b31_3_y_default = ReadFact(r, "b31_3_y_default");
    in.ug27_circ_p_ratio_max = ReadFact(r, "ug27_circ_p_ratio_max");
    in.ug27_long_p_ratio_max = ReadFact(r, "ug27_long_p_ratio_max");
    in.b31_3_p_ratio_max = ReadFact(r, "b31_3_p_ratio_max");
    r.Finish();
  }

  void Matrix(const JsonValue& root) {
    ObjectReader r(&root, "", &errors_);
    auto& m = kb_->risk_matrix;
    m.citation = ReadCitation(r);
    m.levels = r.Strings("levels", true);
    if (m.levels.empty()) r.Error("levels", "needs at least one level");
    auto cof = r.Strings("consequence_categories", true);
    if (cof.size() != 5) {
      r.Error("consequence_categories", "needs five categories");
    } else {
      for (std::size_t i = 0; i < 5; ++i) m.consequence_categories[i] = cof[i];
    }
    auto pof = Numbers(r, "probability_categories");
    if (pof.size() != 5) r.Error("probability_categories", "needs five categories");
    if (const JsonValue* cells = r.Object("cells", true)) {
      ObjectReader c(cells, "cells", &errors_);
      for (int p = 1; p <= 5; ++p) {
        auto row = c.Strings(std::to_string(p), true);
        if (row.size() != 5) {
          c.Error(std::to_string(p), "needs five levels");
          continue;
        }
        for (std::size_t k = 0; k < 5; ++k) {
          int level = -1;
          for (std::size_t l = 0; l < m.levels.size(); ++l) {
            if (m.levels[l] == row[k]) level = static_cast<int>(l);
          }
          if (level < 0) c.Error(std::to_string(p), "unknown level '" + row[k] + "'");
          m.cells[static_cast<std::size_t>(p - 1)][k] = std::max(level, 0);
        }
      }
      c.Finish();
    }
    auto read4 = [&](std::string_view key, std::array<double, 4>* out) {
      auto v = Numbers(r, key);
      if (v.size() != 4) {
        r.Error(key, "needs four ascending bounds");
        return;
      }
      for (std::size_t i = 0; i < 4; ++i) (*out)[i] = v[i];
    };
    read4("pof_upper_bounds_per_year", &m.pof_upper_bounds_per_year);
    read4("cof_area_upper_bounds_m2", &m.cof_area_upper_bounds_m2);
    read4("cof_financial_upper_bounds_usd", &m.cof_financial_upper_bounds_usd);
    r.Finish();
  }

  // Cross-file references: grid species, preset species, inert species, mechanisms.
  void CrossCheck() {
    std::set<std::string> species;
    for (const auto& s : kb_->species) {
      if (!species.insert(s.id).second) {
        errors_.push_back({"species.json:species", "duplicate species id '" + s.id + "'"});
      }
    }
    std::set<std::string> materials;
    for (const auto& m : kb_->materials) {
      if (!materials.insert(m.id).second) {
        errors_.push_back({"materials.json:materials", "duplicate material id '" + m.id + "'"});
      }
      if (m.assessable && m.crevice_class != "none" &&
          kb_->FindCreviceClass(m.crevice_class) == nullptr) {
        errors_.push_back(
            {"materials.json:materials",
             "material '" + m.id + "' names unknown crevice class '" + m.crevice_class + "'"});
      }
    }
    for (std::size_t i = 0; i < kb_->grids.size(); ++i) {
      if (species.count(kb_->grids[i].species) == 0) {
        errors_.push_back({"corrosion_rates.json:" + IndexPath("grids", i) + ".species",
                           "unknown species '" + kb_->grids[i].species + "'"});
      }
    }
    for (std::size_t i = 0; i < kb_->inert.size(); ++i) {
      for (const auto& s : kb_->inert[i].species) {
        if (s != "*" && species.count(s) == 0) {
          errors_.push_back({"corrosion_rates.json:" + IndexPath("inert", i) + ".species",
                             "unknown species '" + s + "'"});
        }
      }
    }
    for (std::size_t i = 0; i < kb_->presets.size(); ++i) {
      for (std::size_t j = 0; j < kb_->presets[i].components.size(); ++j) {
        const auto& id = kb_->presets[i].components[j].species;
        if (species.count(id) == 0) {
          errors_.push_back({"presets.json:" + IndexPath("presets", i) + "." +
                                 IndexPath("components", j) + ".species",
                             "unknown species '" + id + "'"});
        }
      }
    }
    std::set<std::string> ions;
    for (const auto& s : kb_->species) {
      for (const auto& share : s.provides) ions.insert(share.ion);
    }
    if (ions.size() > kMaxIons) {
      errors_.push_back(
          {"species.json:species", "more than " + std::to_string(kMaxIons) + " distinct ions"});
    }
    if (kb_->oxidizer.oxidizers.size() > kMaxOxidizers) {
      errors_.push_back({"mechanisms.json:oxidizer_passivation.oxidizers",
                         "at most " + std::to_string(kMaxOxidizers) + " oxidizers"});
    }
    if (kb_->fluoride.complexers.size() > kMaxComplexers) {
      errors_.push_back({"mechanisms.json:fluoride_attack.complexers",
                         "at most " + std::to_string(kMaxComplexers) + " complexers"});
    }
    for (const char* id :
         {"general_corrosion", "crevice_corrosion", "fluoride_attack", "hydrogen_embrittlement",
          "ignition", "scc_methanol", "alkaline_hydrogen_pickup", "anodic_breakdown",
          "oxidizer_subthreshold", "data_gap", "temperature_limit", "erosion"}) {
      if (kb_->FindMechanism(id) == nullptr) {
        errors_.push_back(
            {"mechanisms.json:mechanisms", std::string("missing mechanism '") + id + "'"});
      }
    }
  }

 private:
  KnowledgeBase* kb_;
  std::vector<FieldError> errors_;
  std::map<std::string, std::string, std::less<>> sources_;
};

}  // namespace

std::string KnowledgeVersion(const std::vector<KnowledgeFile>& files) {
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&](std::string_view bytes) {
    for (char c : bytes) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
    }
    h ^= 0;
    h *= 1099511628211ull;
  };
  for (const auto& f : files) {
    mix(f.name);
    mix(f.content);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 15; i >= 4; --i) out.push_back(kHex[(h >> (i * 4)) & 0xF]);
  return out;
}

Result<KnowledgeBase> LoadKnowledge(const std::vector<KnowledgeFile>& files) {
  KnowledgeBase kb;
  Loader loader(&kb);
  std::map<std::string_view, JsonValue> parsed;
  std::vector<FieldError> errors;
  for (const auto& f : files) {
    auto v = ParseJson(f.content);
    if (!v.has_value()) {
      errors.push_back({std::string(f.name), v.error().message()});
      continue;
    }
    parsed.emplace(f.name, std::move(v).value());
  }
  for (std::string_view name : kRequiredFiles) {
    if (parsed.count(name) == 0 && errors.empty()) {
      errors.push_back({std::string(name), "missing knowledge file"});
    }
  }
  if (!errors.empty()) return InvalidArgument("invalid knowledge base", std::move(errors));

  using Step = void (Loader::*)(const JsonValue&);
  const std::pair<std::string_view, Step> steps[] = {
      {"sources.json", &Loader::Sources},       {"materials.json", &Loader::Materials},
      {"species.json", &Loader::SpeciesList},   {"presets.json", &Loader::Presets},
      {"corrosion_rates.json", &Loader::Rates}, {"mechanisms.json", &Loader::Mechanisms},
      {"atmosphere.json", &Loader::Atmosphere}, {"inspection.json", &Loader::Inspection},
      {"risk_matrix.json", &Loader::Matrix}};
  for (const auto& [name, step] : steps) {
    const std::size_t before = loader.errors().size();
    (loader.*step)(parsed.at(name));
    for (std::size_t i = before; i < loader.errors().size(); ++i) {
      auto& e = loader.errors()[i];
      e.field = std::string(name) + ":" + e.field;
    }
  }
  if (loader.errors().empty()) {
    kb.BuildIndex();
    loader.CrossCheck();
  }
  if (!loader.errors().empty()) {
    return InvalidArgument("invalid knowledge base", std::move(loader.errors()));
  }
  kb.version = KnowledgeVersion(files);
  return kb;
}

}  // namespace rutile::engine::wire
