#include "rutile/cases/bulletin.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "rutile/cases/bulletin_json.h"

namespace rutile::cases {
namespace {

PublicCase Case(std::int64_t id, std::string mechanism, std::string material, std::string medium,
                double temperature_c) {
  PublicCase pc;
  pc.id = id;
  pc.mechanism_ids = {std::move(mechanism)};
  pc.failure_mode = FailureMode::kPitting;
  pc.material = std::move(material);
  pc.grade = "Gr.2";
  pc.medium = std::move(medium);
  pc.equipment_type = "immersion_heater";
  pc.temperature_c = temperature_c;
  pc.root_cause = "stray current from the anode basket";
  pc.period = "2026-Q3";
  return pc;
}

RegisteredEquipment Heater() {
  RegisteredEquipment e;
  e.org_id = 7;
  e.item_id = 70;
  e.name = "Line 2 heater";
  e.type = "immersion_heater";
  e.material = "Ti-Gr2";
  e.bath_preset = "watts-nickel";
  e.species = {"NiSO4", "NiCl2", "H3BO3"};
  e.temperature_c = 60;
  e.grade = 3;
  e.governing_mechanism = "anodic_breakdown";
  return e;
}

TEST(BulletinNames, SeverityAndStateRoundTrip) {
  for (auto s : {BulletinSeverity::kAdvisory, BulletinSeverity::kWarning, BulletinSeverity::kAlert})
    EXPECT_EQ(ParseBulletinSeverity(BulletinSeverityName(s)), s);
  for (auto s : {BulletinState::kDraft, BulletinState::kPublished, BulletinState::kWithdrawn})
    EXPECT_EQ(ParseBulletinState(BulletinStateName(s)), s);
  EXPECT_FALSE(ParseBulletinSeverity("panic"));
  EXPECT_FALSE(ParseBulletinState("archived"));
}

TEST(MaterialFamily, CaseAndArchiveVocabulariesMeet) {
  for (const char* ti : {"ti_cp", "Ti-Gr2", "TA2", "Gr.2", "R50400", "titanium", "TC4", "钛"})
    EXPECT_EQ(MaterialFamily(ti), "titanium") << ti;
  EXPECT_EQ(MaterialFamily("SS316L"), "stainless");
  EXPECT_EQ(MaterialFamily("316L"), "stainless");
  EXPECT_EQ(MaterialFamily("Alloy-C276"), "nickel_alloy");
  EXPECT_EQ(MaterialFamily("PTFE-sheathed"), "polymer");
  EXPECT_EQ(MaterialFamily("Quartz"), "quartz");
  EXPECT_EQ(MaterialFamily("tantalum"), "tantalum");
  EXPECT_EQ(MaterialFamily(""), "");
}

TEST(Matches, EveryConstraintThatIsSetMustHold) {
  const RegisteredEquipment heater = Heater();
  MatchingRule rule;
  rule.mechanisms = {"anodic_breakdown"};
  EXPECT_TRUE(Matches(rule, heater));
  rule.materials = {"ti_cp"};
  EXPECT_TRUE(Matches(rule, heater));
  rule.bath_presets = {"Watts-Nickel"};
  EXPECT_TRUE(Matches(rule, heater));
  rule.min_temperature_c = 50;
  rule.max_temperature_c = 70;
  EXPECT_TRUE(Matches(rule, heater));
  rule.equipment_types = {"immersion_heater", "coil_heater"};
  rule.grades = {3, 4};
  EXPECT_TRUE(Matches(rule, heater));

  auto with = [&](auto change) {
    MatchingRule r = rule;
    change(r);
    return Matches(r, heater);
  };
  EXPECT_FALSE(with([](MatchingRule& r) { r.mechanisms = {"fluoride_attack"}; }));
  EXPECT_FALSE(with([](MatchingRule& r) { r.materials = {"SS316L"}; }));
  EXPECT_FALSE(with([](MatchingRule& r) { r.bath_presets = {"hcl-pickling"}; }));
  // The medium matches through a species when the preset differs.
  EXPECT_TRUE(with([](MatchingRule& r) {
    r.bath_presets = {"sulfamate-nickel"};
    r.species = {"nicl2"};
  }));
  EXPECT_FALSE(with([](MatchingRule& r) { r.max_temperature_c = 55; }));
  EXPECT_FALSE(with([](MatchingRule& r) { r.equipment_types = {"plate_exchanger"}; }));
  EXPECT_FALSE(with([](MatchingRule& r) { r.grades = {4}; }));

  RegisteredEquipment unknown_temperature = heater;
  unknown_temperature.temperature_c.reset();
  MatchingRule hot;
  hot.min_temperature_c = 80;
  EXPECT_TRUE(Matches(hot, unknown_temperature));
  EXPECT_FALSE(Matches(hot, heater));
}

TEST(Validate, FieldErrorsNameEveryBadEntry) {
  MatchingRule empty;
  auto s = ValidateRule(empty);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().fields().at(0).field, "rule");

  MatchingRule bad;
  bad.mechanisms = {"anodic_breakdown", "gremlins"};
  bad.grades = {0, 3};
  bad.min_temperature_c = 90;
  bad.max_temperature_c = 40;
  s = ValidateRule(bad);
  ASSERT_FALSE(s.has_value());
  std::set<std::string> fields;
  for (const auto& f : s.error().fields()) fields.insert(f.field);
  EXPECT_TRUE(fields.count("rule.mechanisms[1]"));
  EXPECT_TRUE(fields.count("rule.grades[0]"));
  EXPECT_TRUE(fields.count("rule.max_temperature_c"));
  EXPECT_FALSE(fields.count("rule.grades[1]"));

  EXPECT_FALSE(ValidateTexts({}).has_value());
  auto t = ValidateTexts({{"en", "Title", "Summary"}, {"en", "", "x"}, {"english", "T", "S"}});
  ASSERT_FALSE(t.has_value());
  fields.clear();
  for (const auto& f : t.error().fields()) fields.insert(f.field);
  EXPECT_EQ(fields,
            (std::set<std::string>{"texts[1].language", "texts[1].title", "texts[2].language"}));
  EXPECT_TRUE(ValidateTexts({{"zh", "钛加热管点蚀", "三起案例"}, {"pt-BR", "Pites", "Três casos"}})
                  .has_value());
}

TEST(Generated, RuleAndTextComeFromThePublicFields) {
  const std::vector<PublicCase> cases = {
      Case(3, "anodic_breakdown", "ti_cp", "Watts nickel bath", 55),
      Case(9, "anodic_breakdown", "ti_cp", "Watts nickel bath", 65)};
  const MatchingRule rule = RuleFromCases(cases);
  EXPECT_EQ(rule.mechanisms, std::vector<std::string>{"anodic_breakdown"});
  EXPECT_EQ(rule.materials, std::vector<std::string>{"titanium"});
  EXPECT_EQ(rule.min_temperature_c, 45);
  EXPECT_EQ(rule.max_temperature_c, 75);
  EXPECT_TRUE(Matches(rule, Heater()));

  // One text per platform language, English first, each naming the facts in its language.
  const std::vector<BulletinText> texts = TextsFromCases(cases);
  std::vector<std::string> languages;
  for (const auto& t : texts) languages.push_back(t.language);
  EXPECT_EQ(languages, (std::vector<std::string>{"en", "zh", "es", "fr", "pt", "ar"}));
  EXPECT_TRUE(ValidateTexts(texts).has_value());
  const BulletinText& en = texts[0];
  EXPECT_EQ(en.title,
            "Breakdown of the oxide film under anodic current: repeated failures in "
            "nickel plating");
  EXPECT_NE(en.summary.find("Published failure cases: 2 (#3 #9)"), std::string::npos) << en.summary;
  EXPECT_NE(en.summary.find("Material: commercially pure titanium Gr.2"), std::string::npos);
  EXPECT_NE(en.summary.find("Equipment: Immersion heater"), std::string::npos);
  EXPECT_NE(en.summary.find("Temperature: 55–65 °C"), std::string::npos) << en.summary;
  EXPECT_NE(en.summary.find("Period: 2026-Q3"), std::string::npos) << en.summary;
  const BulletinText& zh = texts[1];
  EXPECT_EQ(zh.title, "阳极电流下氧化膜击穿：镀镍中多起失效");
  EXPECT_NE(zh.summary.find("失效形式：点蚀"), std::string::npos) << zh.summary;
  EXPECT_NE(zh.summary.find("材质：工业纯钛 Gr.2"), std::string::npos) << zh.summary;
  EXPECT_NE(zh.summary.find("设备：浸入式加热器"), std::string::npos) << zh.summary;
  const BulletinText& ar = texts[5];
  EXPECT_NE(ar.summary.find("درجة الحرارة: 55–65 °م"), std::string::npos) << ar.summary;
  // The reporters' own words stay in the cases, and no text is left as a raw id or key.
  for (const auto& t : texts) {
    EXPECT_EQ(t.summary.find("stray current"), std::string::npos) << t.language;
    for (const std::string& s : {t.title, t.summary}) {
      EXPECT_EQ(s.find("anodic_breakdown"), std::string::npos) << t.language << ": " << s;
      EXPECT_EQ(s.find("immersion_heater"), std::string::npos) << t.language << ": " << s;
      EXPECT_EQ(s.find("ti_cp"), std::string::npos) << t.language << ": " << s;
      EXPECT_EQ(s.find("{{"), std::string::npos) << t.language << ": " << s;
      EXPECT_EQ(s.find("bulletin.auto"), std::string::npos) << t.language << ": " << s;
    }
  }
}

TEST(Generated, NamesFollowTheEngineVocabularyAndKeepWhatIsTyped) {
  PublicCase preset = Case(4, "fluoride_attack", "Ti-Gr2", "", 55);
  preset.bath_preset = "watts-nickel";
  preset.equipment_type = "anode_basket";
  PublicCase typed = Case(5, "fluoride_attack", "unobtainium", "a mystery bath", 60);
  typed.grade.clear();
  typed.mechanism_ids.clear();
  const std::vector<BulletinText> texts = TextsFromCases({preset, typed});
  const BulletinText& zh = texts[1];
  // An engine material and preset by their names; an unknown material and medium as typed.
  EXPECT_NE(zh.summary.find("二级纯钛（TA2）"), std::string::npos) << zh.summary;
  EXPECT_NE(zh.summary.find("瓦特镀镍"), std::string::npos) << zh.summary;
  EXPECT_NE(zh.summary.find("unobtainium"), std::string::npos) << zh.summary;
  EXPECT_NE(zh.summary.find("a mystery bath"), std::string::npos) << zh.summary;
  // Two different baths: the title names none of them.
  EXPECT_EQ(zh.title.find("瓦特镀镍"), std::string::npos) << zh.title;
  EXPECT_EQ(texts[0].title.rfind("Fluoride attack", 0), 0u) << texts[0].title;
}

TEST(Clustering, GroupsByMechanismMaterialFamilyAndMedium) {
  std::vector<PublicCase> cases = {
      Case(5, "anodic_breakdown", "ti_cp", "Watts nickel bath", 55),
      Case(2, "anodic_breakdown", "Ti-Gr2", "watts  Nickel bath ", 60),
      Case(8, "anodic_breakdown", "ti_cp", "Watts nickel bath", 50),
      Case(4, "fluoride_attack", "ti_cp", "Watts nickel bath", 55),
      Case(6, "anodic_breakdown", "ti_cp", "sulfamate nickel", 55),
      Case(7, "anodic_breakdown", "SS316L", "Watts nickel bath", 55),
  };
  EXPECT_EQ(ClusterKey(cases[1]), "anodic_breakdown|titanium|watts nickel bath");
  const auto clusters = ClusterCases(cases, 3);
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].key, "anodic_breakdown|titanium|watts nickel bath");
  std::vector<std::int64_t> ids;
  for (const auto& pc : clusters[0].cases) ids.push_back(pc.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{2, 5, 8}));

  // The same input in another order gives the same clusters.
  std::reverse(cases.begin(), cases.end());
  const auto again = ClusterCases(cases, 3);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].cases.front().id, 2);
  EXPECT_EQ(ClusterCases(cases, 2).size(), 1u);
  EXPECT_EQ(ClusterCases(cases, 1).size(), 4u);

  const BulletinDraft d = DraftFromCluster(clusters[0], 3);
  EXPECT_EQ(d.case_ids, (std::vector<std::int64_t>{2, 5, 8}));
  EXPECT_EQ(d.severity, BulletinSeverity::kAdvisory);
  ASSERT_TRUE(d.rule);
  EXPECT_EQ(d.rule->mechanisms, std::vector<std::string>{"anodic_breakdown"});
  EXPECT_TRUE(ValidateRule(*d.rule).has_value());
  EXPECT_EQ(DraftFromCluster(clusters[0], 1).severity, BulletinSeverity::kWarning);
}

TEST(BulletinJson, RuleAndTextsRoundTripAndUnknownFieldsAreNamed) {
  MatchingRule rule;
  rule.mechanisms = {"anodic_breakdown"};
  rule.species = {"HF"};
  rule.max_temperature_c = 80;
  rule.grades = {3, 4};
  auto back = RuleFromJson(RuleToJson(rule), "rule.");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, rule);
  const std::vector<BulletinText> texts = {{"fr", "Piqûres", "Trois cas"}};
  auto t = TextsFromJson(TextsToJson(texts), "texts");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, texts);

  auto bad =
      RuleFromJson(boost::json::parse(R"({"colour": 1, "grades": ["x"], "species": 3})"), "rule.");
  ASSERT_FALSE(bad.has_value());
  std::set<std::string> fields;
  for (const auto& f : bad.error().fields()) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"rule.colour", "rule.grades[0]", "rule.species"}));
  EXPECT_FALSE(TextsFromJson(boost::json::parse(R"([{"lang": "en"}])"), "texts").has_value());

  Bulletin b;
  b.id = 4;
  b.author_id = 12;
  b.texts = texts;
  b.rule = rule;
  const auto pub = BulletinToJson(b, false);
  EXPECT_FALSE(pub.contains("author_id"));
  EXPECT_TRUE(BulletinToJson(b, true).contains("author_id"));
}

}  // namespace
}  // namespace rutile::cases
