#include "rutile/engine/thickness.h"

#include <gtest/gtest.h>

#include "rutile/engine/wire/engine_wire.h"

namespace rutile::engine {
namespace {

const InspectionRules& Rules() { return wire::DefaultKnowledge().inspection; }

Date D(std::string_view s) { return ParseDate(s).value(); }

TEST(ThicknessTest, Dates) {
  EXPECT_EQ(DaysFromCivil(D("1970-01-01")), 0);
  EXPECT_EQ(DaysFromCivil(D("2000-03-01")) - DaysFromCivil(D("2000-02-28")), 2);
  EXPECT_EQ(FormatDate(CivilFromDays(DaysFromCivil(D("2024-02-29")) + 366)), "2025-03-01");
  EXPECT_FALSE(ParseDate("2023-02-29").has_value());
  EXPECT_FALSE(ParseDate("2023-1-01").has_value());
  EXPECT_FALSE(ParseDate("20230101xx").has_value());
}

// API 510 7.1.1: rates from the first, previous and last readings; governing = greater.
TEST(ThicknessTest, VesselRatesRemainingLifeInterval) {
  ThicknessRequest req;
  req.kind = EquipmentKind::kVessel;
  req.readings = {{D("2014-01-01"), 12.0}, {D("2019-01-01"), 11.0}, {D("2024-01-01"), 9.5}};
  req.t_required_mm = 6.0;
  req.as_of = D("2024-06-01");
  auto r = AnalyzeThickness(Rules(), req);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  const double years_long =
      (DaysFromCivil(D("2024-01-01")) - DaysFromCivil(D("2014-01-01"))) / 365.25;
  const double years_short =
      (DaysFromCivil(D("2024-01-01")) - DaysFromCivil(D("2019-01-01"))) / 365.25;
  EXPECT_NEAR(r->cr_long_term_mm_per_a, 2.5 / years_long, 1e-6);
  EXPECT_NEAR(r->cr_short_term_mm_per_a, 1.5 / years_short, 1e-6);
  EXPECT_DOUBLE_EQ(r->governing_rate_mm_per_a, r->cr_short_term_mm_per_a);
  ASSERT_TRUE(r->remaining_life_a.has_value());
  EXPECT_NEAR(*r->remaining_life_a, 3.5 / (1.5 / years_short), 1e-3);
  // RL ~ 11.7 a -> interval = min(RL/2, 10) ~ 5.8 a.
  EXPECT_NEAR(r->next_inspection_interval_a, *r->remaining_life_a / 2, 1e-3);
  EXPECT_TRUE(r->flags.empty());
}

TEST(ThicknessTest, VesselShortLifeAndCaps) {
  ThicknessRequest req;
  req.readings = {{D("2020-01-01"), 10.0}, {D("2024-01-01"), 8.0}};
  req.t_required_mm = 7.0;  // RL = 1 / 0.5 = 2 a (< 4 a) -> interval = min(RL, 2 a)
  req.as_of = D("2024-01-01");
  auto r = AnalyzeThickness(Rules(), req);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(*r->remaining_life_a, 2.0, 0.01);
  EXPECT_NEAR(r->next_inspection_interval_a, 2.0, 0.01);

  req.t_required_mm = 2.0;                                          // RL ~ 12 a -> min(6, 10)
  req.readings = {{D("2020-01-01"), 8.2}, {D("2024-01-01"), 8.0}};  // ~0.05 mm/a, RL ~ 120 a
  r = AnalyzeThickness(Rules(), req);
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ(r->next_inspection_interval_a, 10.0);  // API 510 10-year cap
}

TEST(ThicknessTest, PipingClassCapsAndErrors) {
  ThicknessRequest req;
  req.kind = EquipmentKind::kPiping;
  req.piping_class = 1;
  req.readings = {{D("2020-01-01"), 8.2}, {D("2024-01-01"), 8.0}};
  req.t_required_mm = 2.0;
  req.as_of = D("2024-01-01");
  auto r = AnalyzeThickness(Rules(), req);
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ(r->next_inspection_interval_a, 5.0);  // API 570 Table 2, class 1
  req.piping_class = 3;
  r = AnalyzeThickness(Rules(), req);
  EXPECT_DOUBLE_EQ(r->next_inspection_interval_a, 10.0);

  req.piping_class.reset();
  EXPECT_FALSE(AnalyzeThickness(Rules(), req).has_value());
  req.piping_class = 2;
  req.as_of = D("2023-01-01");  // before the last reading
  EXPECT_FALSE(AnalyzeThickness(Rules(), req).has_value());
  req.as_of = D("2024-01-01");
  req.readings = {{D("2024-01-01"), 8.0}};
  EXPECT_FALSE(AnalyzeThickness(Rules(), req).has_value());
}

TEST(ThicknessTest, BelowRequiredAndNoCorrosion) {
  ThicknessRequest req;
  req.readings = {{D("2020-01-01"), 6.0}, {D("2024-01-01"), 5.0}};
  req.t_required_mm = 5.5;
  req.as_of = D("2024-01-02");
  auto r = AnalyzeThickness(Rules(), req);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r->remaining_life_a, 0);
  EXPECT_EQ(r->flags.front(), "below_required_thickness");
  req.readings = {{D("2020-01-01"), 6.0}, {D("2024-01-01"), 6.0}};
  r = AnalyzeThickness(Rules(), req);
  EXPECT_FALSE(r->remaining_life_a.has_value());
  EXPECT_EQ(r->flags.front(), "no_measurable_corrosion");
}

// UG-27: P = 1 MPa, R = 500 mm, S = 138 MPa, E = 0.85.
TEST(ThicknessTest, Ug27Shell) {
  ShellDesign d{1.0, 500, 138, 0.85};
  auto r = ShellRequiredThickness(Rules(), d);
  ASSERT_TRUE(r.has_value());
  const double circ = 1.0 * 500 / (138 * 0.85 - 0.6);
  EXPECT_NEAR(r->t_required_mm, circ, 1e-9);
  EXPECT_TRUE(r->flags.empty());
  d.pressure_mpa = 60;  // above 0.385 S E
  r = ShellRequiredThickness(Rules(), d);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->flags.front(), "ug27_outside_thin_wall_range");
}

// B31.3 eq. 3a: P = 2 MPa, D = 114.3 mm, S = 138 MPa, E = 1, W = 1, Y = 0.4 (titanium), c = 1.
TEST(ThicknessTest, B313Pipe) {
  PipeDesign d;
  d.pressure_mpa = 2;
  d.outside_diameter_mm = 114.3;
  d.allowable_stress_mpa = 138;
  d.allowance_mm = 1;
  auto r = PipeRequiredThickness(Rules(), d);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->t_required_mm, 2 * 114.3 / (2 * (138 + 2 * 0.4)) + 1, 1e-9);
  d.pressure_mpa = 80;
  r = PipeRequiredThickness(Rules(), d);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->flags.front(), "b31_3_special_consideration");
}

}  // namespace
}  // namespace rutile::engine
