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
