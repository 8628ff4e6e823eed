// Property tests over deterministic input grids: monotonicity of the grade in temperature and
// fluoride, Pd grades never worse than grade 2, crevice-free never worse than creviced, and an
// unstated condition never raising the grade above "moderate" without giving both answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rutile/engine/risk_engine.h"
#include "rutile/engine/wire/engine_wire.h"

namespace rutile::engine {
namespace {

const KnowledgeBase& Kb() { return wire::DefaultKnowledge(); }

int Grade(const AssessmentRequest& r) {
  auto g = AssessGrade(Kb(), r);
  EXPECT_TRUE(g.has_value()) << g.error().ToString();
  return g.has_value() ? g.value() : 0;
}

std::vector<std::string> AssessableMaterials() {
  std::vector<std::string> out;
  for (const auto& m : Kb().materials) {
    if (m.assessable) out.push_back(m.id);
  }
  return out;
}

const std::vector<std::string> kReducingAcids = {"HCl", "H2SO4", "H3PO4", "HCOOH", "H2C2O4"};
const std::vector<double> kConcentrations = {0.5, 1, 2, 3, 5, 10, 15, 20, 30};
const std::vector<std::string> kPdGrades = {"Ti-Gr7", "Ti-Gr11", "Ti-Gr16", "Ti-Gr17"};

AssessmentRequest Acid(const std::string& material, const std::string& acid, double pct,
                       double temperature_c, bool crevices, Aeration aeration) {
  AssessmentRequest r;
  r.material = material;
  r.medium.components.push_back({acid, ConcentrationUnit::kWtPct, pct});
  r.medium.temperature_c = temperature_c;
  r.medium.aeration = aeration;
  r.features.crevices = crevices;
  return r;
}

TEST(PropertiesTest, RaisingTemperatureNeverLowersGradeInReducingAcid) {
  int checked = 0;
  for (const auto& material : AssessableMaterials()) {
    for (const auto& acid : kReducingAcids) {
      for (double pct : kConcentrations) {
        for (bool crevices : {false, true}) {
          for (Aeration aeration : {Aeration::kAerated, Aeration::kDeaerated}) {
            int previous = 0;
            for (double t = 0; t <= 250; t += 5) {
              const int g = Grade(Acid(material, acid, pct, t, crevices, aeration));
              ASSERT_GE(g, previous) << material << " " << pct << " % " << acid << " at " << t;
              previous = g;
              ++checked;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 100000);
}

TEST(PropertiesTest, AddingFluorideNeverLowersGrade) {
  struct Base {
    std::string preset;
    std::vector<ComponentSpec> components;
    double temperature_c;
    std::optional<double> ph;
  };
  std::vector<Base> bases;
  for (const auto& acid : {"HCl", "H2SO4", "HNO3", "H3PO4", "CrO3"}) {
    for (double pct : {0.5, 5.0, 20.0}) {
      for (double t : {25.0, 60.0, 90.0}) {
        bases.push_back({"", {{acid, ConcentrationUnit::kWtPct, pct}}, t, std::nullopt});
        bases.push_back(
            {"",
             {{acid, ConcentrationUnit::kWtPct, pct}, {"Cu2+", ConcentrationUnit::kMgPerL, 50}},
             t,
             std::nullopt});
      }
    }
  }
  for (const char* preset : {"watts-nickel", "hard-chrome-sulfate", "seawater", "saturated-brine",
                             "acid-copper-sulfate", "sulfuric-anodizing", "zinc-phosphating"}) {
    for (double t : {25.0, 55.0, 85.0}) bases.push_back({preset, {}, t, std::nullopt});
  }
  for (double ph : {1.0, 3.0, 5.0, 7.0, 9.0}) {
    bases.push_back({"", {{"NaCl", ConcentrationUnit::kWtPct, 3.5}}, 40, ph});
    bases.push_back(
        {"",
         {{"H2SO4", ConcentrationUnit::kWtPct, 1}, {"Al3+", ConcentrationUnit::kMgPerL, 20}},
         40,
         std::nullopt});
  }
  const std::vector<double> fluoride_mg_l = {0, 0.5, 1, 5, 9.4, 9.5, 20, 100, 999, 1000, 5000};
  int checked = 0;
  for (const auto& material : AssessableMaterials()) {
    for (const auto& base : bases) {
      int previous = 0;
      for (double f : fluoride_mg_l) {
        AssessmentRequest r;
        r.material = material;
        r.medium.preset = base.preset;
        r.medium.components = base.components;
        if (f > 0) r.medium.components.push_back({"F-", ConcentrationUnit::kMgPerL, f});
        r.medium.temperature_c = base.temperature_c;
        r.medium.ph = base.ph;
        const int g = Grade(r);
        ASSERT_GE(g, previous) << material << " " << base.preset << " F- " << f;
        previous = g;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 5000);
}

TEST(PropertiesTest, PdGradeNeverWorseThanGrade2InReducingAcid) {
  for (const auto& pd : kPdGrades) {
    for (const auto& acid : kReducingAcids) {
      for (double pct : kConcentrations) {
        for (double t = 0; t <= 250; t += 10) {
          for (bool crevices : {false, true}) {
            for (Aeration a : {Aeration::kAerated, Aeration::kDeaerated, Aeration::kUnspecified}) {
              const int g2 = Grade(Acid("Ti-Gr2", acid, pct, t, crevices, a));
              const int gpd = Grade(Acid(pd, acid, pct, t, crevices, a));
              ASSERT_LE(gpd, g2) << pd << " " << pct << " % " << acid << " at " << t;
            }
          }
        }
      }
    }
  }
}

TEST(PropertiesTest, PdGradeNeverWorseThanGrade2InCreviceConditions) {
  for (const auto& pd : kPdGrades) {
    for (double nacl : {0.1, 0.5, 3.5, 10.0, 26.0}) {
      for (double ph = 0; ph <= 12; ph += 0.5) {
        for (double t = 20; t <= 300; t += 10) {
          for (bool crevices : {false, true}) {
            AssessmentRequest r;
            r.material = "Ti-Gr2";
            r.medium.components.push_back({"NaCl", ConcentrationUnit::kWtPct, nacl});
            r.medium.temperature_c = t;
            r.medium.ph = ph;
            r.features.crevices = crevices;
            const int g2 = Grade(r);
            r.material = pd;
            ASSERT_LE(Grade(r), g2) << pd << " " << nacl << " % NaCl pH " << ph << " at " << t;
          }
        }
      }
    }
  }
}

// Every preset at five temperatures, and 5 % NaCl over a pH and temperature grid that crosses
// the crevice rules of every class; `aeration` as given.
std::vector<AssessmentRequest> CreviceMedia(Aeration aeration) {
  std::vector<AssessmentRequest> media;
  for (const auto& preset : Kb().presets) {
    for (double t : {20.0, 60.0, 75.0, 95.0, 150.0}) {
      AssessmentRequest r;
      r.medium.preset = preset.id;
      r.medium.temperature_c = t;
      r.medium.aeration = aeration;
      media.push_back(r);
    }
  }
  for (double ph = 0; ph <= 12; ph += 1) {
    for (double t : {50.0, 71.0, 100.0, 200.0, 270.0}) {
      AssessmentRequest r;
      r.medium.components.push_back({"NaCl", ConcentrationUnit::kWtPct, 5});
      r.medium.temperature_c = t;
      r.medium.ph = ph;
      r.medium.aeration = aeration;
      media.push_back(r);
    }
  }
  return media;
}

TEST(PropertiesTest, RemovingCrevicesNeverRaisesGrade) {
  const auto media = CreviceMedia(Aeration::kUnspecified);
  for (const auto& material : AssessableMaterials()) {
    for (auto r : media) {
      r.material = material;
      r.features.crevices = true;
      const int with = Grade(r);
      r.features.crevices.reset();
      const int unstated = Grade(r);
      r.features.crevices = false;
      const int without = Grade(r);
      ASSERT_LE(without, with) << material << " " << r.medium.preset;
      ASSERT_LE(without, unstated) << material << " " << r.medium.preset;
    }
  }
}

// Over the same media: with crevices unstated, the headline is the crevice-free grade lifted to
// at most "moderate" (2); and whenever the two answers grade differently the assessment names
// the condition with exactly those two grades.
TEST(PropertiesTest, UnstatedCrevicesNeverRaiseTheGradeAboveModerateSilently) {
  const auto media = CreviceMedia(Aeration::kAerated);
  int open = 0;
  for (const auto& material : AssessableMaterials()) {
    for (auto r : media) {
      r.material = material;
      r.features.crevices = false;
      const int without = Grade(r);
      r.features.crevices = true;
      const int with = Grade(r);
      r.features.crevices.reset();
      auto a = Assess(Kb(), r);
      ASSERT_TRUE(a.has_value());
      ASSERT_EQ(a->grade, std::max(without, std::min(with, 2)))
          << material << " " << r.medium.preset << " at " << *r.medium.temperature_c;
      const Condition* crevices = nullptr;
      for (const auto& c : a->conditions) {
        if (c.id == "crevices") crevices = &c;
      }
      if (with == without) {
        ASSERT_EQ(crevices, nullptr) << material << " " << r.medium.preset;
        continue;
      }
      ++open;
      ASSERT_NE(crevices, nullptr) << material << " " << r.medium.preset;
      ASSERT_EQ(crevices->answers[0].grade, without);
      ASSERT_EQ(crevices->answers[1].grade, with);
    }
  }
  EXPECT_GT(open, 0);  // the grid does reach the crevice trigger
}

// Credit with a margin. Over reducing acids, concentrations and temperatures, for each oxidizer
// swept on a fine geometric grid: no amount turns an uninhibited grade 3 or 4 into grade 1 unless
// it is at least about twice the smallest amount that earned any credit (the threshold, to the
// grid's 5 % resolution), and an amount below that threshold never lowers the grade.
TEST(PropertiesTest, NoOxidizerBelowTwiceItsThresholdMakesAHighGradeLow) {
  const std::vector<std::string> oxidizers = {"Cu2+", "Fe3+", "Pt4+", "HNO3", "Cl2"};
  int checked = 0;
  for (const auto& acid : {"HCl", "H2SO4"}) {
    for (double pct : {5.0, 10.0, 15.0, 20.0}) {
      for (double t : {40.0, 60.0, 80.0}) {
        auto base = Acid("Ti-Gr2", acid, pct, t, false, Aeration::kAerated);
        const int uninhibited = Grade(base);
        if (uninhibited < 3) continue;
        for (const auto& ox : oxidizers) {
          double threshold = 0;  // the smallest swept amount that lowered the grade
          for (double mg = 0.1; mg < 200000; mg *= 1.05) {
            auto r = base;
            r.medium.components.push_back({ox, ConcentrationUnit::kMgPerL, mg});
            const int g = Grade(r);
            if (g < uninhibited && threshold == 0) threshold = mg;
            if (threshold == 0) {
              ASSERT_GE(g, uninhibited) << ox << " " << mg << " mg/L in " << pct << " % " << acid;
            }
            if (g == 1) {
              ++checked;
              ASSERT_GT(threshold, 0);
              ASSERT_GE(mg, 1.9 * threshold)
                  << ox << " " << mg << " mg/L in " << pct << " % " << acid << " at " << t;
            }
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 0);  // the sweep does reach full credit
}

// The same for fluoride-complexing cations: in fluoride-bearing acid graded 3 or 4, no amount
// of Al3+ or Fe3+ below twice the stoichiometric need (6 F per ion) makes the grade 1, and the
// free fluoride never reaches zero.
TEST(PropertiesTest, NoComplexerBelowTwiceItsNeedMakesAHighGradeLow) {
  struct Complexer {
    const char* ion;
    double molar_mass;
  };
  int checked = 0;
  for (const Complexer& cx : {Complexer{"Al3+", 26.982}, Complexer{"Fe3+", 55.845}}) {
    for (double fluoride : {10.0, 20.0, 50.0, 200.0, 2000.0}) {
      AssessmentRequest base;
      base.material = "Ti-Gr2";
      base.medium.components.push_back({"H2SO4", ConcentrationUnit::kWtPct, 1});
      base.medium.components.push_back({"F-", ConcentrationUnit::kMgPerL, fluoride});
      base.medium.temperature_c = 25;
      base.medium.aeration = Aeration::kAerated;
      base.features.crevices = false;
      const int uninhibited = Grade(base);
      ASSERT_GE(uninhibited, 3) << fluoride;
      const double need = fluoride / (6 * 18.998) * cx.molar_mass;  // mg/L of the ion
      for (double mg = need / 20; mg < need * 50; mg *= 1.05) {
        auto r = base;
        r.medium.components.push_back({cx.ion, ConcentrationUnit::kMgPerL, mg});
        auto a = Assess(Kb(), r);
        ASSERT_TRUE(a.has_value());
        if (a->grade == 1) {
          ++checked;
          ASSERT_GE(mg, 2 * need * 0.999) << cx.ion << " " << mg << " mg/L for " << fluoride;
        }
        for (const auto& m : a->mechanisms) {
          for (const auto& l : m.limits) {
            if (l.parameter == "free_fluoride_mg_l") ASSERT_GT(l.observed, 0);
          }
        }
      }
    }
  }
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace rutile::engine
