#include "rutile/engine/sensitivity.h"

#include <gtest/gtest.h>

#include "rutile/engine/wire/engine_wire.h"

namespace rutile::engine {
namespace {

const KnowledgeBase& Kb() { return wire::DefaultKnowledge(); }

AssessmentRequest Bath(const std::string& preset, double temperature_c) {
  AssessmentRequest r;
  r.material = "Ti-Gr2";
  r.medium.preset = preset;
  r.medium.temperature_c = temperature_c;
  return r;
}

const Threshold* Find(const std::vector<Threshold>& all, std::string_view parameter) {
  for (const auto& t : all)
    if (t.parameter == parameter) return &t;
  return nullptr;
}

int Grade(const AssessmentRequest& r) { return AssessGrade(Kb(), r).value(); }

// Watts nickel (chloride, pH about 4) at 55 °C is low; above 70 °C the crevice trigger fires and
// the grade rises to moderate (crevices not stated): the temperature threshold is 70 °C.
TEST(SensitivityTest, TheBathTemperatureAtWhichTheCreviceTriggerFires) {
  const auto r = Bath("watts-nickel", 55);
  ASSERT_EQ(Grade(r), 1);
  auto all = Sensitivity(Kb(), r);
  ASSERT_TRUE(all.has_value()) << all.error().ToString();
  const Threshold* t = Find(*all, "temperature_c");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->bound, "max");
  EXPECT_NEAR(t->value, 70, 0.11);
  EXPECT_EQ(t->grade, 1);
  EXPECT_EQ(t->grade_beyond, 2);
}

// A fluoride-free acid bath: fluoride arriving by contamination raises the grade from a trace on,
// so titanium in it gets a fluoride threshold in total mg/L.
TEST(SensitivityTest, AFluorideFreeAcidBathHasAFluorideThreshold) {
  const auto r = Bath("watts-nickel", 55);
  auto all = Sensitivity(Kb(), r);
  ASSERT_TRUE(all.has_value());
  const Threshold* f = Find(*all, "fluoride_mg_l");
  ASSERT_NE(f, nullptr);
  EXPECT_GT(f->value, 0);
  EXPECT_LE(f->value, 10);
  auto more = r;
  more.medium.components.push_back({"F-", ConcentrationUnit::kMgPerL, f->value * 1.05});
  EXPECT_GT(Grade(more), 1);
}

// Complexing aluminium moves the fluoride threshold up: totals, not free fluoride, are what a
// bath analysis reports.
TEST(SensitivityTest, ComplexersRaiseTheTotalFluorideThreshold) {
  auto plain = Bath("watts-nickel", 55);
  auto with_al = plain;
  with_al.medium.components.push_back({"Al3+", ConcentrationUnit::kMgPerL, 50});
  auto uncomplexed = Sensitivity(Kb(), plain);
  auto complexed = Sensitivity(Kb(), with_al);
  ASSERT_TRUE(uncomplexed.has_value());
  ASSERT_TRUE(complexed.has_value());
  const Threshold* a = Find(*uncomplexed, "fluoride_mg_l");
  const Threshold* b = Find(*complexed, "fluoride_mg_l");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_GT(b->value, a->value);
}

// Over every preset and three temperatures, each threshold is a real boundary: at the value the
// grade is the request's, just beyond it the grade is higher.
TEST(SensitivityTest, EveryThresholdIsWhereTheGradeRises) {
  int seen = 0;
  for (const auto& preset : Kb().presets) {
    for (double temperature : {25.0, 55.0, 80.0}) {
      auto r = Bath(preset.id, temperature);
      auto grade = AssessGrade(Kb(), r);
      if (!grade.has_value()) continue;  // a gas preset at this temperature, for example
      auto all = Sensitivity(Kb(), r);
      ASSERT_TRUE(all.has_value()) << preset.id;
      for (const auto& t : *all) {
        ++seen;
        SCOPED_TRACE(preset.id + " " + std::to_string(temperature) + " " +
                     std::string(t.parameter));
        EXPECT_EQ(t.grade, *grade);
        EXPECT_GT(t.grade_beyond, t.grade);
        AssessmentRequest at = r, beyond = r;
        if (t.parameter == "temperature_c") {
          at.medium.temperature_c = t.value;
          beyond.medium.temperature_c = t.value + 0.2;
        } else if (t.parameter == "ph") {
          at.medium.ph = t.value;
          beyond.medium.ph = t.value - 0.1;
        } else {
          const auto totals = Totals(Kb(), r).value();
          const double present =
              t.parameter == "chloride_mg_l" ? totals.chloride_mg_l : totals.fluoride_mg_l;
          const std::string ion = t.parameter == "chloride_mg_l" ? "Cl-" : "F-";
          if (t.value > present)
            at.medium.components.push_back({ion, ConcentrationUnit::kMgPerL, t.value - present});
          beyond.medium.components.push_back(
              {ion, ConcentrationUnit::kMgPerL, t.value * 1.03 - present});
          at.medium.ph = totals.ph;  // as the engine read it before the ion was added
          beyond.medium.ph = totals.ph;
        }
        EXPECT_LE(Grade(at), *grade);
        EXPECT_GT(Grade(beyond), *grade);
      }
    }
  }
  EXPECT_GT(seen, 50);
}

}  // namespace
}  // namespace rutile::engine
