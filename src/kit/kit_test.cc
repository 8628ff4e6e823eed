#include "rutile/kit/kit.h"

#include <gtest/gtest.h>

#include <string>

#include "pdf_tools.h"
#include "rutile/engine/risk_engine.h"
#include "rutile/engine/wire/engine_wire.h"
#include "rutile/kit/kit_document.h"
#include "rutile/texts/catalogue.h"

namespace rutile::kit {
namespace {

const engine::KnowledgeBase& Kb() { return engine::wire::DefaultKnowledge(); }

bool HasField(const Error& e, const std::string& prefix) {
  for (const auto& f : e.fields()) {
    if (f.field.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

TEST(PositiveList, SeawaterListsWhatTheEngineGradesLow) {
  const Kit& kit = DefaultKit();
  int seawater_rows = 0;
  for (const PositiveRow& row : kit.positive_list) {
    EXPECT_LE(row.grade, 2);
    EXPECT_LE(row.temperature_min_c, row.temperature_max_c);
    if (row.preset != "seawater") continue;
    ++seawater_rows;
    // Every grid temperature of the row gets exactly the row's grade from the engine.
    for (double t : kit.config.temperatures_c) {
      if (t < row.temperature_min_c || t > row.temperature_max_c) continue;
      engine::AssessmentRequest request;
      request.material = row.material;
      request.medium.preset = "seawater";
      request.medium.temperature_c = t;
      EXPECT_EQ(engine::AssessGrade(Kb(), request).value(), row.grade) << row.material << " " << t;
    }
  }
  EXPECT_GT(seawater_rows, 0);
  // Grade 2 titanium in seawater at room temperature: the engine says low.
  engine::AssessmentRequest request;
  request.material = "Ti-Gr2";
  request.medium.preset = "seawater";
  request.medium.temperature_c = 20;
  ASSERT_EQ(engine::AssessGrade(Kb(), request).value(), 1);
  bool listed = false;
  for (const PositiveRow& row : kit.positive_list) {
    listed |= row.preset == "seawater" && row.material == "Ti-Gr2" && row.grade == 1 &&
              row.temperature_min_c == 20;
  }
  EXPECT_TRUE(listed);
}

TEST(PositiveList, EachListedBathStatesItsComposition) {
  const Kit& kit = DefaultKit();
  const Bath* seawater = nullptr;
  for (const Bath& b : kit.baths) {
    if (b.preset == "seawater") seawater = &b;
  }
  ASSERT_NE(seawater, nullptr);
  const engine::Preset* preset = Kb().FindPreset("seawater");
  ASSERT_EQ(seawater->components.size(), preset->components.size());
  EXPECT_EQ(seawater->components[0].species, preset->components[0].species);
  EXPECT_EQ(seawater->components[0].value, preset->components[0].value);
  for (const PositiveRow& row : kit.positive_list) {
    bool stated = false;
    for (const Bath& b : kit.baths) stated |= b.preset == row.preset;
    EXPECT_TRUE(stated) << row.preset;
  }
}

TEST(PositiveList, ProhibitedCombinationsAreLeftOut) {
  for (const PositiveRow& row : DefaultKit().positive_list) {
    EXPECT_FALSE(row.preset == "hf-hno3-pickling" && row.material.rfind("Ti-", 0) == 0)
        << row.material;
    EXPECT_FALSE(row.preset == "dry-chlorine" && row.material.rfind("Ti-", 0) == 0);
  }
}

TEST(PositiveList, RowsLinkTheClausesOfTheirBath) {
  std::vector<ClauseCondition> clauses = {
      {{"c-1", "C-1"}, {"seawater"}, {"titanium"}},
      {{"c-2", "C-2"}, {"seawater"}, {}},
      {{"c-3", "C-3"}, {"watts-nickel"}, {}},
  };
  PositiveListConfig config{{20, 30}, 2};
  auto rows = BuildPositiveList(Kb(), config, clauses);
  ASSERT_TRUE(rows.has_value());
  bool checked_ti = false, checked_other = false;
  for (const PositiveRow& row : *rows) {
    if (row.preset != "seawater") continue;
    bool titanium = Kb().FindMaterial(row.material)->family == "titanium";
    ASSERT_EQ(row.clauses.size(), titanium ? 2u : 1u) << row.material;
    EXPECT_EQ(row.clauses.back().id, "c-2");
    (titanium ? checked_ti : checked_other) = true;
  }
  EXPECT_TRUE(checked_ti);
  EXPECT_TRUE(checked_other);
}

KitFiles FilesWithBlacklist(std::string blacklist, std::string& storage) {
  storage = std::move(blacklist);
  KitFiles files = EmbeddedKitFiles();
  files.blacklist_json = storage;
  return files;
}

TEST(Blacklist, AReagentWithoutASourceFailsToLoad) {
  std::string storage;
  auto kit = LoadKit(FilesWithBlacklist(R"({"reagents": [{"code": "x", "mechanism":
      "fluoride_attack", "species": ["HF"], "sources": [], "confidence": "verified"}]})",
                                        storage),
                     Kb(), {});
  ASSERT_FALSE(kit.has_value());
  EXPECT_TRUE(HasField(kit.error(), "blacklist.json:reagents[0].sources"))
      << kit.error().ToString();
}

TEST(Blacklist, AReagentCitingNoPublicationFailsToLoad) {
  std::string storage;
  auto kit = LoadKit(FilesWithBlacklist(R"({"reagents": [{"code": "x", "mechanism":
      "fluoride_attack", "species": ["HF"], "sources": ["general-knowledge"],
      "confidence": "uncertain"}]})",
                                        storage),
                     Kb(), {});
  ASSERT_FALSE(kit.has_value());
  EXPECT_TRUE(HasField(kit.error(), "blacklist.json:reagents[0].sources[0]"))
      << kit.error().ToString();
}

TEST(Blacklist, UnknownSourceMechanismAndSpeciesAreNamed) {
  std::string storage;
  auto kit = LoadKit(FilesWithBlacklist(R"({"reagents": [{"code": "x", "mechanism": "magic",
      "species": ["Unobtainium"], "sources": ["nowhere"], "confidence": "sure"}]})",
                                        storage),
                     Kb(), {});
  ASSERT_FALSE(kit.has_value());
  for (const char* field :
       {"blacklist.json:reagents[0].mechanism", "blacklist.json:reagents[0].species[0]",
        "blacklist.json:reagents[0].sources[0]", "blacklist.json:reagents[0].confidence"}) {
    EXPECT_TRUE(HasField(kit.error(), field)) << field << ": " << kit.error().ToString();
  }
}

TEST(Blacklist, EveryEmbeddedReagentHasASourceAndAKnownMechanism) {
  const Kit& kit = DefaultKit();
  ASSERT_GE(kit.blacklist.size(), 8u);
  for (const Reagent& r : kit.blacklist) {
    EXPECT_FALSE(r.sources.empty()) << r.code;
    for (const SourceCitation& s : r.sources) EXPECT_FALSE(s.citation.empty()) << s.id;
    EXPECT_NE(Kb().FindMechanism(r.mechanism), nullptr) << r.code;
  }
}

TEST(Guides, DecisionsNeedBothAnswersAndJumpForward) {
  KitFiles files = EmbeddedKitFiles();
  std::string guides = R"({"guides": [{"code": "g", "steps": [
      {"code": "a", "kind": "decision", "yes": "b"},
      {"code": "b", "next": "a"},
      {"code": "c", "next": "missing"}]}]})";
  files.guides_json = guides;
  auto kit = LoadKit(files, Kb(), {});
  ASSERT_FALSE(kit.has_value());
  EXPECT_TRUE(HasField(kit.error(), "guides.json:guides[0].steps[0]"));
  EXPECT_TRUE(HasField(kit.error(), "guides.json:guides[0].steps[1]"));
  EXPECT_TRUE(HasField(kit.error(), "guides.json:guides[0].steps[2]"));
}

TEST(Guides, TheThreeGuidesAreThereAndTheLeakGuideIsAFlowchart) {
  const Kit& kit = DefaultKit();
  ASSERT_EQ(kit.guides.size(), 3u);
  EXPECT_EQ(kit.guides[0].code, "cold_start");
  EXPECT_EQ(kit.guides[1].code, "nitrogen_standby");
  EXPECT_EQ(kit.guides[2].code, "leak_emergency");
  EXPECT_TRUE(kit.guides[2].flowchart);
  int decisions = 0;
  for (const GuideStep& s : kit.guides[2].steps) decisions += s.kind == StepKind::kDecision;
  EXPECT_GE(decisions, 2);
}

// Every code of the data files has its text in all six languages.
TEST(Texts, EveryCodeHasATextInEveryLanguage) {
  const Kit& kit = DefaultKit();
  for (std::string_view lang : texts::kLanguages) {
    const texts::Catalogue& t = texts::Catalogue::ForLanguage(lang);
    ASSERT_EQ(t.lang(), lang);
    for (const Reagent& r : kit.blacklist) {
      EXPECT_TRUE(t.Has("kit:blacklist." + r.code + ".name")) << lang << " " << r.code;
      EXPECT_TRUE(t.Has("kit:blacklist." + r.code + ".reason")) << lang << " " << r.code;
      EXPECT_TRUE(t.Has("kb:mechanism." + r.mechanism)) << lang << " " << r.mechanism;
    }
    for (const Guide& g : kit.guides) {
      EXPECT_TRUE(t.Has("kit:guide." + g.code + ".title")) << lang << " " << g.code;
      for (const GuideStep& s : g.steps) {
        EXPECT_TRUE(t.Has("kit:guide." + g.code + "." + s.code)) << lang << " " << s.code;
      }
    }
    for (const PositiveRow& row : kit.positive_list) {
      EXPECT_TRUE(t.Has("kb:preset." + row.preset)) << lang << " " << row.preset;
      EXPECT_TRUE(t.Has("kb:material." + row.material)) << lang << " " << row.material;
    }
  }
}

TEST(Pdf, ChineseAndArabicKitsCarryTheirLanguage) {
  for (auto [lang, needle] : {std::pair{"zh", "钛"}, std::pair{"ar", "التيتانيوم"}}) {
    auto pdf = RenderKitPdf(DefaultKit(), texts::Catalogue::ForLanguage(lang));
    ASSERT_TRUE(pdf.has_value()) << pdf.error().ToString();
    EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
    std::string text = documents::testing::PdfToText(*pdf).value_or("");
    EXPECT_NE(text.find(needle), std::string::npos) << lang;
  }
}

TEST(Pdf, TemperatureRanges) {
  EXPECT_EQ(TemperatureRange(20, 60), "20–60 °C");
  EXPECT_EQ(TemperatureRange(90, 90), "90 °C");
}

}  // namespace
}  // namespace rutile::kit
