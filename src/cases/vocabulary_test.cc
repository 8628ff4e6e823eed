#include "rutile/cases/vocabulary.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "rutile/cases/model.h"
#include "rutile/cases/text_index.h"

namespace rutile::cases {
namespace {

bool HasAlternative(const TermGroup& g, std::string_view text) {
  const std::vector<std::string> terms = IndexTerms(text);
  return std::any_of(g.alternatives.begin(), g.alternatives.end(),
                     [&](const TermAlternative& a) { return a.terms == terms; });
}

TEST(VocabularyTest, EmbeddedDataParses) {
  const Vocabulary& v = CaseVocabulary();
  EXPECT_TRUE(v.IsMaterial("Ti-Gr2"));
  EXPECT_TRUE(v.IsMaterial("ti_cp"));  // a rate group, as older cases name the material
  EXPECT_FALSE(v.IsMaterial("titanium"));
  EXPECT_FALSE(v.IsMaterial("ti-gr2"));
  EXPECT_TRUE(v.IsBathPreset("hard-chrome-sulfate"));
  EXPECT_FALSE(v.IsBathPreset("hard chrome"));
  EXPECT_GE(v.PresetIds().size(), 20u);
}

TEST(VocabularyTest, ChromeIsFoundFromEveryLanguage) {
  const Vocabulary& v = CaseVocabulary();
  for (const char* q : {"铬", "cromo", "chrome", "Cr", "CrO3", "كروم", "الكروم"}) {
    SCOPED_TRACE(q);
    auto groups = v.ExpandQuery(q);
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].concept_id, "chromium");
    EXPECT_TRUE(groups[0].alternatives.front().original);
    // The English words an English case uses and the Chinese bigrams a Chinese case uses.
    EXPECT_TRUE(HasAlternative(groups[0], "chromium"));
    EXPECT_TRUE(HasAlternative(groups[0], "chromic acid"));
    EXPECT_TRUE(HasAlternative(groups[0], "铬酸"));
    EXPECT_TRUE(HasAlternative(groups[0], "cromo"));
  }
}

TEST(VocabularyTest, LongestNameWinsAndPlainWordsStay) {
  const Vocabulary& v = CaseVocabulary();
  auto groups = v.ExpandQuery("hard chrome heater");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].concept_id, "chrome_plating");
  // A bath family also reaches the names of what its baths are made of.
  EXPECT_TRUE(HasAlternative(groups[0], "chromium"));
  EXPECT_TRUE(HasAlternative(groups[0], "镀铬"));
  EXPECT_EQ(groups[1].concept_id, "");
  ASSERT_EQ(groups[1].alternatives.size(), 1u);
  EXPECT_EQ(groups[1].alternatives[0].terms, std::vector<std::string>{"heater"});

  auto caustic = v.ExpandQuery("氢氧化钠");
  ASSERT_EQ(caustic.size(), 1u);
  EXPECT_EQ(caustic[0].concept_id, "caustic");
  EXPECT_TRUE(HasAlternative(caustic[0], "caustic soda"));
  EXPECT_TRUE(HasAlternative(caustic[0], "soude caustique"));
}

TEST(VocabularyTest, SpeciesAndBathFamilies) {
  const Vocabulary& v = CaseVocabulary();
  EXPECT_EQ(v.SpeciesConcept("CrO3"), "chromium");
  EXPECT_EQ(v.SpeciesConcept("chromic_acid"), "chromium");
  EXPECT_EQ(v.SpeciesConcept("hcl"), "hydrochloric_acid");
  EXPECT_EQ(v.SpeciesConcept("Hydrochloric acid"), "hydrochloric_acid");
  EXPECT_EQ(v.SpeciesConcept("sodium_fluorosilicate"), "fluoride");
  EXPECT_EQ(v.SpeciesConcept("unobtainium"), "");
  EXPECT_EQ(v.BathFamily("hard-chrome-mixed-catalyst", ""), "chrome_plating");
  EXPECT_EQ(v.BathFamily("", "hard chromium bath with fluoride catalyst"), "chrome_plating");
  EXPECT_EQ(v.BathFamily("", "hydrochloric acid pickling"), "pickling");
  EXPECT_EQ(v.BathFamily("", "镀硬铬槽"), "chrome_plating");
  EXPECT_EQ(v.BathFamily("", "caustic soda concentration"), "");
  EXPECT_EQ(v.NameOf("nickel_plating", "zh"), "镀镍");
  EXPECT_EQ(v.NameOf("nickel_plating", "en"), "nickel plating");
  EXPECT_EQ(v.NameOf("nickel_plating", "de"), "nickel plating");
  EXPECT_EQ(v.NameOf("unobtainium", "en"), "");
}

TEST(VocabularyTest, MalformedDataIsRejected) {
  const char* materials = R"({"materials": [{"id": "Ti-Gr2", "rate_group": "ti_cp"}]})";
  const char* presets = R"({"presets": [{"id": "watts-nickel"}]})";
  EXPECT_FALSE(Vocabulary::Parse("[]", materials, presets).has_value());
  // A name missing in one of the six languages.
  EXPECT_FALSE(Vocabulary::Parse(R"({"concepts": [{"id": "nickel", "kind": "species",
      "names": {"en": ["nickel"]}}]})",
                                 materials, presets)
                   .has_value());
  // A bath family naming a preset the engine does not have.
  EXPECT_FALSE(Vocabulary::Parse(R"({"concepts": [{"id": "x", "kind": "bath",
      "engine_ids": ["no-such-bath"], "names": {"en": ["a"], "zh": ["b"], "es": ["c"],
      "fr": ["d"], "pt": ["e"], "ar": ["f"]}}]})",
                                 materials, presets)
                   .has_value());
}

TEST(VocabularyTest, CaseMaterialAndBathAreValidated) {
  CaseInput in;
  in.equipment_type = "immersion_heater";
  in.material = "titanium";
  in.bath_preset = "chrome";
  in.temperature_c = 50;
  in.narrative = "n";
  in.language = "en";
  Status s = ValidateCaseInput(in);
  ASSERT_FALSE(s.has_value());
  std::vector<std::string> fields;
  for (const auto& f : s.error().fields()) fields.push_back(f.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "material"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "bath_preset"), fields.end());

  // A preset from the list stands for the medium; the free text may add to it or stay empty.
  in.material = "Ti-Gr2";
  in.bath_preset = "hard-chrome-sulfate";
  EXPECT_TRUE(ValidateCaseInput(in).has_value());
  in.bath_preset.clear();
  s = ValidateCaseInput(in);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().fields().at(0).field, "medium");
}

}  // namespace
}  // namespace rutile::cases
