#include <gtest/gtest.h>

#include <set>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/identity/regions.h"
#include "rutile/standards/json_codec.h"

namespace rutile::standards {
namespace {

TEST(StarterLibraryTest, ParsesWithEnoughBilingualClauses) {
  auto lib = ParseLibrary(StarterLibraryJson());
  ASSERT_TRUE(lib.has_value()) << lib.error().ToString() << " "
                               << (lib.error().fields().empty() ? ""
                                                                : lib.error().fields()[0].field);
  EXPECT_EQ(lib->document.code, "RTB");
  EXPECT_EQ(lib->document.kind, StandardKind::kInternationalHarmonizedBaseline);
  EXPECT_EQ(lib->version, "1.0");
  EXPECT_GE(lib->clauses.size(), 80u);
  int mandatory = 0;
  std::set<std::string> numbers;
  for (const auto& c : lib->clauses) {
    SCOPED_TRACE(c.id);
    EXPECT_FALSE(c.title.at("en").empty());
    EXPECT_FALSE(c.title.at("zh").empty());
    EXPECT_FALSE(c.text.at("en").empty());
    EXPECT_FALSE(c.text.at("zh").empty());
    EXPECT_TRUE(numbers.insert(c.number).second);
    if (c.kind == ClauseKind::kMandatory) ++mandatory;
  }
  EXPECT_GT(mandatory, 20);
  EXPECT_GT(static_cast<int>(lib->clauses.size()) - mandatory, 20);
}

TEST(StarterLibraryTest, ConditionsUseKnownVocabulary) {
  auto lib = ParseLibrary(StarterLibraryJson());
  ASSERT_TRUE(lib.has_value());
  const auto& kb = engine::wire::DefaultKnowledge();
  const auto& regions = identity::RegionCatalog::Default();
  const std::set<std::string> equipment{"immersion_heater", "coil_heater", "plate_heat_exchanger",
                                        "shell_tube_exchanger", "anode_basket"};
  for (const auto& c : lib->clauses) {
    SCOPED_TRACE(c.id);
    for (const auto& m : c.conditions.media) {
      const auto* p = kb.FindPreset(m);
      ASSERT_NE(p, nullptr) << m;
      EXPECT_EQ(p->id, m);
    }
    for (const auto& m : c.conditions.mechanisms) EXPECT_NE(kb.FindMechanism(m), nullptr) << m;
    for (const auto& i : c.conditions.industries) EXPECT_TRUE(regions.HasIndustry(i)) << i;
    for (const auto& e : c.conditions.equipment_types) EXPECT_TRUE(equipment.contains(e)) << e;
    for (const auto& f : c.conditions.material_families) {
      bool known = false;
      for (const auto& m : kb.materials) known = known || m.family == f;
      EXPECT_TRUE(known) << f;
    }
  }
}

TEST(StarterLibraryTest, CodecRoundTrips) {
  auto lib = ParseLibrary(StarterLibraryJson());
  ASSERT_TRUE(lib.has_value());
  for (const auto& c : lib->clauses) {
    std::vector<FieldError> errors;
    Clause back = ClauseFromJson(ClauseToJson(c), "", errors);
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(back, c);
  }
}

TEST(StarterLibraryTest, EquivalenceNotesAreInEveryLanguage) {
  auto lib = ParseLibrary(StarterLibraryJson());
  ASSERT_TRUE(lib.has_value());
  int notes = 0;
  for (const auto& c : lib->clauses) {
    for (const auto& e : c.equivalences) {
      if (e.note.empty()) continue;
      SCOPED_TRACE(c.id + " " + e.ref);
      ++notes;
      for (const char* lang : {"en", "zh", "es", "fr", "pt", "ar"}) {
        ASSERT_TRUE(e.note.contains(lang)) << lang;
        EXPECT_FALSE(e.note.at(lang).empty()) << lang;
      }
      EXPECT_EQ(e.note.size(), 6u);
    }
  }
  EXPECT_GE(notes, 12);
}

Clause MinimalClause(const std::string& equivalence) {
  auto v = boost::json::parse(
      R"({"id":"x","number":"X-1","kind":"recommended","grades":[1],"title":{"en":"t"},)"
      R"("text":{"en":"t"},"equivalences":[)" +
      equivalence + "]}");
  std::vector<FieldError> errors;
  Clause c = ClauseFromJson(v, "", errors);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].field);
  return c;
}

TEST(StarterLibraryTest, LocalizedNoteRoundTrips) {
  Clause c = MinimalClause(
      R"({"ref":"ISO 1","extent":"full","note":{"en":"Same ground.","zh":"范围相同。",)"
      R"("ar":"النطاق نفسه."}})");
  ASSERT_EQ(c.equivalences.size(), 1u);
  const LocalizedText want{{"en", "Same ground."}, {"zh", "范围相同。"}, {"ar", "النطاق نفسه."}};
  EXPECT_EQ(c.equivalences[0].note, want);
  boost::json::object out = ClauseToJson(c);
  EXPECT_EQ(out.at("equivalences").as_array()[0].at("note"),
            boost::json::value(LocalizedToJson(want)));
  std::vector<FieldError> errors;
  EXPECT_EQ(ClauseFromJson(out, "", errors), c);
  EXPECT_TRUE(errors.empty());
}

TEST(StarterLibraryTest, PlainStringNoteIsReadAsEnglish) {
  // Clause bodies stored before notes were localized hold a plain string, "" for none.
  Clause c = MinimalClause(
      R"({"ref":"ISO 1","extent":"full","note":"Same ground."},)"
      R"({"ref":"ISO 2","extent":"related","note":""},{"ref":"ISO 3","extent":"related"})");
  ASSERT_EQ(c.equivalences.size(), 3u);
  EXPECT_EQ(c.equivalences[0].note, (LocalizedText{{"en", "Same ground."}}));
  EXPECT_TRUE(c.equivalences[1].note.empty());
  EXPECT_TRUE(c.equivalences[2].note.empty());
  // No note is written as no member, so what is written reads back the same.
  const boost::json::object out = ClauseToJson(c);
  const auto& eq = out.at("equivalences").as_array();
  EXPECT_FALSE(eq[1].as_object().contains("note"));
  EXPECT_FALSE(eq[2].as_object().contains("note"));
}

TEST(StarterLibraryTest, BadNoteNamesTheLanguage) {
  auto v = boost::json::parse(
      R"({"id":"x","number":"X-1","kind":"recommended","grades":[1],"title":{"en":"t"},)"
      R"("text":{"en":"t"},"equivalences":[{"ref":"ISO 1","extent":"full","note":{"en":"n"}},)"
      R"({"ref":"ISO 2","extent":"full","note":{"zh":5,"fr":""}},)"
      R"({"ref":"ISO 3","extent":"full","note":["n"]}]})");
  std::vector<FieldError> errors;
  (void)ClauseFromJson(v, "clause.", errors);
  std::set<std::string> fields;
  for (const auto& e : errors) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{
                        "clause.equivalences[1].note.zh", "clause.equivalences[1].note.fr",
                        "clause.equivalences[1].note.en", "clause.equivalences[2].note"}));
}

TEST(StarterLibraryTest, BadClauseNamesEveryField) {
  auto v = boost::json::parse(
      R"({"id":"x y","number":"","kind":"must","grades":[0],"title":{"zh":"t"},"text":{"en":""},)"
      R"("conditions":{"region_categories":["IV"],"colour":[]},"extra":1})");
  std::vector<FieldError> errors;
  (void)ClauseFromJson(v, "clause.", errors);
  std::set<std::string> fields;
  for (const auto& e : errors) fields.insert(e.field);
  for (const char* f :
       {"clause.id", "clause.kind", "clause.grades", "clause.title.en", "clause.text.en",
        "clause.conditions.region_categories", "clause.conditions.colour", "clause.extra"})
    EXPECT_TRUE(fields.contains(f)) << f;
}

}  // namespace
}  // namespace rutile::standards
