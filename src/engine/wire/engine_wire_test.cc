#include "rutile/engine/wire/engine_wire.h"

#include <gtest/gtest.h>

#include <string>

#include "rutile/engine/wire/json.h"

namespace rutile::engine::wire {
namespace {

bool HasField(const Error& e, std::string_view field) {
  for (const auto& f : e.fields()) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(EngineWireTest, AssessJsonShapeAndKeyOrder) {
  auto out = AssessJson(DefaultKnowledge(),
                        R"({"material":"Ti-Gr2","medium":{"preset":"hard-chrome-sulfate",)"
                        R"("temperature_c":55},"features":{"crevices":true}})");
  ASSERT_TRUE(out.has_value()) << out.error().ToString();
  auto v = ParseJson(*out);
  ASSERT_TRUE(v.has_value());
  std::vector<std::string> keys;
  for (const auto& [k, _] : v->members()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "material", "grade", "verdict", "governing_mechanism", "mechanisms",
                      "general_rate_mm_per_y", "operating_limits", "mitigations", "conditions",
                      "alternatives", "warnings", "warning_phrases", "knowledge_version"}));
  EXPECT_EQ(v->Find("grade")->as_number(), 1);
  EXPECT_EQ(v->Find("verdict")->as_string(), "low");
  EXPECT_EQ(v->Find("knowledge_version")->as_string(), DefaultKnowledge().version);
  // Deterministic: same input, same bytes.
  EXPECT_EQ(*out, *AssessJson(DefaultKnowledge(),
                              R"({"material":"Ti-Gr2","medium":{"preset":"hard-chrome-sulfate",)"
                              R"("temperature_c":55},"features":{"crevices":true}})"));
}

// Every reason and warning comes with its phrases: codes and parameters, numbers as numbers and
// knowledge-base ids as strings, so the reader's page renders them in its own language.
TEST(EngineWireTest, ReasonsAndWarningsCarryPhrases) {
  auto out = AssessJson(DefaultKnowledge(), R"({"material":"Ti-Gr2","medium":{"preset":"seawater",)"
                                            R"("temperature_c":80}})");
  ASSERT_TRUE(out.has_value()) << out.error().ToString();
  auto v = ParseJson(*out);
  ASSERT_TRUE(v.has_value());
  const auto& mechanisms = v->Find("mechanisms")->items();
  ASSERT_FALSE(mechanisms.empty());
  bool crevice = false;
  for (const auto& m : mechanisms) {
    const auto& phrases = m.Find("reason_phrases")->items();
    EXPECT_FALSE(phrases.empty()) << m.Find("id")->as_string();
    if (m.Find("id")->as_string() != "crevice_corrosion") continue;
    crevice = true;
    ASSERT_EQ(phrases.size(), 3u);
    EXPECT_EQ(phrases[0].Find("code")->as_string(), "chloride_at_temperature");
    EXPECT_EQ(phrases[0].Find("params")->Find("temperature")->as_number(), 80);
    EXPECT_GT(phrases[0].Find("params")->Find("chloride")->as_number(), 10000);
    EXPECT_EQ(phrases[2].Find("code")->as_string(), "crevice_if_present");
    EXPECT_EQ(phrases[2].Find("params")->Find("material")->as_string(), "Ti-Gr2");
  }
  EXPECT_TRUE(crevice);
  const auto& warnings = v->Find("warnings")->items();
  const auto& coded = v->Find("warning_phrases")->items();
  ASSERT_EQ(warnings.size(), coded.size());
}

// Crevices not stated in hot seawater: the headline is "moderate" (a design can remove the
// trigger) and the condition gives the grade under each answer, as the values a client sends.
TEST(EngineWireTest, UnstatedCrevicesAreACondition) {
  auto out = AssessJson(DefaultKnowledge(), R"({"material":"Ti-Gr2","medium":{"preset":"seawater",)"
                                            R"("temperature_c":80}})");
  ASSERT_TRUE(out.has_value()) << out.error().ToString();
  auto v = ParseJson(*out);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->Find("grade")->as_number(), 2);
  const auto& conditions = v->Find("conditions")->items();
  ASSERT_EQ(conditions.size(), 1u);
  EXPECT_EQ(conditions[0].Find("id")->as_string(), "crevices");
  EXPECT_EQ(conditions[0].Find("field")->as_string(), "features.crevices");
  const auto& answers = conditions[0].Find("answers")->items();
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_FALSE(answers[0].Find("value")->as_bool());
  EXPECT_EQ(answers[0].Find("grade")->as_number(), 2);
  EXPECT_TRUE(answers[1].Find("value")->as_bool());
  EXPECT_EQ(answers[1].Find("grade")->as_number(), 3);

  // Answered: no condition, and the grade of that answer.
  out = AssessJson(DefaultKnowledge(), R"({"material":"Ti-Gr2","medium":{"preset":"seawater",)"
                                       R"("temperature_c":80},"features":{"crevices":true}})");
  ASSERT_TRUE(out.has_value());
  v = ParseJson(*out);
  EXPECT_EQ(v->Find("grade")->as_number(), 3);
  EXPECT_TRUE(v->Find("conditions")->items().empty());
}

TEST(EngineWireTest, FieldErrors) {
  auto r = AssessJson(DefaultKnowledge(),
                      R"({"material":"Ti-Gr2","medium":{"components":[{"species":"HCl",)"
                      R"("wt_pct":1,"g_per_l":2}],"temperature":20},"extra":1})");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(HasField(r.error(), "medium.components[0]"));
  EXPECT_TRUE(HasField(r.error(), "medium.temperature"));
  EXPECT_TRUE(HasField(r.error(), "extra"));

  r = AssessJson(DefaultKnowledge(), R"({"material":"Ti-Gr2","medium":{"components":[]}})");
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(HasField(r.error(), "medium.temperature_c"));

  r = AssessJson(DefaultKnowledge(), "not json");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  r = AssessJson(DefaultKnowledge(), "[1]");
  EXPECT_FALSE(r.has_value());
}

TEST(EngineWireTest, ErrorJson) {
  auto r = AssessJson(DefaultKnowledge(),
                      R"({"material":"Ti-Gr2","medium":{"components":[{"species":"HCL",)"
                      R"("wt_pct":1}],"temperature_c":20}})");
  ASSERT_FALSE(r.has_value());
  const std::string json = ErrorJson(r.error());
  auto v = ParseJson(json);
  ASSERT_TRUE(v.has_value());
  const auto* errors = v->Find("error")->Find("errors");
  ASSERT_EQ(errors->items().size(), 1u);
  EXPECT_EQ(errors->items()[0].Find("field")->as_string(), "medium.components[0].species");
  EXPECT_NE(errors->items()[0].Find("message")->as_string().find(
                "unknown species 'HCL'; did you mean HCl (hydrochloric acid)"),
            std::string::npos);
}

TEST(EngineWireTest, Vocabulary) {
  auto out = VocabularyJson(DefaultKnowledge());
  ASSERT_TRUE(out.has_value());
  auto v = ParseJson(*out).value();
  EXPECT_GE(v.Find("materials")->items().size(), 13u);
  EXPECT_GE(v.Find("species")->items().size(), 40u);
  EXPECT_GE(v.Find("presets")->items().size(), 18u);
  EXPECT_NE(out->find("盐酸"), std::string::npos);
}

TEST(EngineWireTest, AtmosphereJson) {
  auto out = AtmosphereJson(R"({"temperature_c":15,"rh_pct":70,"so2_mg_m2_d":4,"cl_mg_m2_d":3})");
  ASSERT_TRUE(out.has_value()) << out.error().ToString();
  auto v = ParseJson(*out).value();
  EXPECT_EQ(v.Find("zinc")->Find("rate_um_per_a")->as_number(), 0.621711);
  EXPECT_EQ(v.Find("zinc")->Find("category")->as_string(), "C2");
  EXPECT_NE(v.Find("aluminium")->Find("rate_g_m2_a"), nullptr);
  EXPECT_EQ(v.Find("carbon_steel")->Find("category")->as_string(), "C2");
  auto bad = AtmosphereJson(R"({"temperature_c":15,"rh_pct":70,"so2_mg_m2_d":4})");
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(HasField(bad.error(), "cl_mg_m2_d"));
}

TEST(EngineWireTest, ThicknessJson) {
  auto out = ThicknessJson(
      R"({"kind":"piping","piping_class":2,"readings":[{"date":"2016-01-01","thickness_mm":7.1},)"
      R"({"date":"2024-01-01","thickness_mm":6.3},{"date":"2020-01-01","thickness_mm":6.8}],)"
      R"("design":{"pressure_mpa":2,"outside_diameter_mm":114.3,"allowable_stress_mpa":138},)"
      R"("as_of":"2024-03-01"})");
  ASSERT_TRUE(out.has_value()) << out.error().ToString();
  auto v = ParseJson(*out).value();
  EXPECT_GT(v.Find("cr_short_term_mm_per_a")->as_number(),
            v.Find("cr_long_term_mm_per_a")->as_number());
  EXPECT_EQ(v.Find("governing_rate_mm_per_a")->as_number(),
            v.Find("cr_short_term_mm_per_a")->as_number());
  EXPECT_EQ(v.Find("next_inspection_date")->as_string().size(), 10u);
  auto bad = ThicknessJson(R"({"kind":"tank","readings":[],"as_of":"2024-13-01"})");
  ASSERT_FALSE(bad.has_value());
  EXPECT_TRUE(HasField(bad.error(), "kind"));
  EXPECT_TRUE(HasField(bad.error(), "as_of"));
}

TEST(EngineWireTest, RiskMatrixJson) {
  auto out = RiskMatrixJson(R"({"pof_per_year":0.001,"area_m2":500})");
  ASSERT_TRUE(out.has_value()) << out.error().ToString();
  auto v = ParseJson(*out).value();
  EXPECT_EQ(v.Find("probability_category")->as_number(), 3);
  EXPECT_EQ(v.Find("consequence_category")->as_string(), "D");
  EXPECT_EQ(v.Find("level")->as_string(), "Medium High");
  EXPECT_FALSE(RiskMatrixJson(R"({"area_m2":500})").has_value());
}

}  // namespace
}  // namespace rutile::engine::wire
