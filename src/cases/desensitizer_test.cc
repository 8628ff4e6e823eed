#include "rutile/cases/desensitizer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "arabic_names.h"
#include "leak_check.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;

std::vector<std::string> Strings(const json::value& v) {
  std::vector<std::string> out;
  for (const auto& s : v.as_array()) out.emplace_back(s.as_string());
  return out;
}

json::object LoadCorpus() {
  std::ifstream in(RUTILE_CASES_CORPUS);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str()).as_object();
}

NameDictionary CorpusDictionary(const json::object& corpus) {
  const auto& d = corpus.at("dictionary").as_object();
  return {Strings(d.at("people")), Strings(d.at("organizations")), Strings(d.at("parks"))};
}

TEST(ChecksumTest, ResidentIdentityNumbers) {
  EXPECT_TRUE(IsValidResidentId("11010519491231002X"));  // worked example in the notes
  EXPECT_TRUE(IsValidResidentId("11010519491231002x"));
  EXPECT_TRUE(IsValidResidentId("320502198003151236"));
  EXPECT_FALSE(IsValidResidentId("320502198003151237"));
  EXPECT_FALSE(IsValidResidentId("32050219800315123"));
  EXPECT_FALSE(IsValidResidentId("3205021980031512A6"));
}

TEST(ChecksumTest, UnifiedSocialCreditCodes) {
  EXPECT_TRUE(IsValidCreditCode("91350100M000100Y43"));  // worked example in the notes
  EXPECT_TRUE(IsValidCreditCode("91320594MA1N2K3L5Y"));
  EXPECT_FALSE(IsValidCreditCode("91350100M000100Y44"));
  EXPECT_FALSE(IsValidCreditCode("91350100I000100Y43"));  // I is not in the alphabet
  EXPECT_FALSE(IsValidCreditCode("91350100M000100Y4"));
}

TEST(DesensitizerTest, PlantedCorpusLeavesNothingBehind) {
  const json::object corpus = LoadCorpus();
  const Desensitizer d(CorpusDictionary(corpus));
  int texts = 0;
  for (const auto& entry : corpus.at("texts").as_array()) {
    const auto& e = entry.as_object();
    const std::string text(e.at("text").as_string());
    const std::string out = d.ScrubText(text);
    SCOPED_TRACE(std::string(e.at("lang").as_string()) + ": " + out);
    EXPECT_EQ(testing::Leaks(out, Strings(e.at("planted"))), std::vector<std::string>{});
    for (const auto& keep : Strings(e.at("keep")))
      EXPECT_NE(out.find(keep), std::string::npos) << "lost technical content: " << keep;
    ++texts;
  }
  EXPECT_GE(texts, 12);
}

TEST(DesensitizerTest, PlaceholdersAreConsistentAcrossFields) {
  const Desensitizer d({{"Carlos Mendes"}, {"Acme Titanium Heaters Ltd."}, {}});
  PlaceholderMap map;
  auto a = d.Scrub("Carlos Mendes at Acme Titanium Heaters Ltd. called 13812345678.", map);
  auto b = d.Scrub("Later Mendes wrote that Acme Titanium Heaters and 138 1234 5678 agreed.", map);
  EXPECT_EQ(a.text, "[PERSON-1] at [ORG-1] called [PHONE-1].");
  EXPECT_EQ(b.text, "Later [PERSON-1] wrote that [ORG-1] and [PHONE-1] agreed.");
  ASSERT_EQ(a.findings.size(), 3u);
  EXPECT_EQ(a.findings[0].offset, 0u);
  EXPECT_EQ(a.findings[0].length, std::string("Carlos Mendes").size());
}

TEST(DesensitizerTest, TechnicalNumbersSurvive) {
  const Desensitizer d({});
  const std::string text =
      "Bath at 85 °C, pH 2.5, chloride 1200 mg/L, fluoride 0.5 g/L; wall 1.2 mm lost 0.35 mm in "
      "18 months (2023-05-12 to 2024-11-20); Ti Gr.7 recommended, ASTM B338, 316L clamps.";
  EXPECT_EQ(d.ScrubText(text), text);
}

TEST(DesensitizerTest, InvalidChecksumsStillCaughtAsLongNumbers) {
  const Desensitizer d({});
  // A mistyped identity number fails its checksum but must not be published either.
  EXPECT_EQ(d.ScrubText("id 320502198003151237 end"), "id [NUMBER-1] end");
  EXPECT_EQ(d.ScrubText("证件320502198003151236。"), "证件[ID-1]。");
  EXPECT_EQ(d.ScrubText("USCC 91350100M000100Y43."), "USCC [USCC-1].");
}

TEST(DesensitizerTest, EmptyAndPlainTexts) {
  const Desensitizer d({{"王建国"}, {}, {}});
  EXPECT_EQ(d.ScrubText(""), "");
  EXPECT_EQ(d.ScrubText("钛管在80℃的镀镍液中点蚀"), "钛管在80℃的镀镍液中点蚀");
}

}  // namespace
}  // namespace rutile::cases

namespace rutile::cases {
namespace {

TEST(DiscoverNamesTest, ContextRevealsNamesForOtherFields) {
  const NameDictionary found = DiscoverNames(
      "El Sr. Ramírez y M. Lefèvre; السيد خالد منصور; contratista Tubos Norte S.A.; "
      "联系人：赵一鸣；上海恒达钛业有限公司");
  EXPECT_EQ(found.people, (std::vector<std::string>{"Ramírez", "Lefèvre", "خالد منصور", "赵一鸣"}));
  EXPECT_EQ(found.organizations,
            (std::vector<std::string>{"Tubos Norte S.A.", "上海恒达钛业有限公司"}));
  // Found names then work as dictionary entries where they stand alone.
  const Desensitizer d(found);
  EXPECT_EQ(d.ScrubText("Ramírez llamó; منصور وافق"), "[PERSON-1] llamó; [PERSON-2] وافق");
}

}  // namespace
}  // namespace rutile::cases

namespace rutile::cases {
namespace {

// Every recognizer is linear (RE2, Aho-Corasick, bounded scanners): these inputs used to make
// the std::regex engine backtrack for minutes. No time is asserted; a regression shows as a
// test that does not finish.
TEST(DesensitizerTest, AdversarialLongInputsAreHandled) {
  const Desensitizer d({{"王建国"}, {"Acme Titanium Heaters Ltd."}, {}});
  std::string spaces(20000, ' ');
  spaces[0] = '1';
  std::string letters(20000, 'A');
  std::string streets;
  while (streets.size() < 20000) streets += "Via 1 , ";
  std::string decimals;
  while (decimals.size() < 20000) decimals += "12.34567 ";
  for (const std::string* s : {&spaces, &letters, &streets, &decimals}) {
    const std::string out = d.ScrubText(*s);
    EXPECT_FALSE(out.empty());
  }
  EXPECT_EQ(d.ScrubText(spaces), spaces);
}

}  // namespace
}  // namespace rutile::cases

namespace rutile::cases {
namespace {

std::string Repeat(std::string_view unit, std::size_t size = 20000) {
  std::string s;
  while (s.size() + unit.size() <= size) s += unit;
  return s;
}

// 20 KB fields of the shapes that make backtracking engines or naive scanners go quadratic;
// the output must still be exactly right.
TEST(DesensitizerTest, PathologicalFieldsAreScrubbedCorrectly) {
  const Desensitizer d({{"王建国", "Carlos Mendes"}, {"Acme Titanium Heaters Ltd."}, {}});
  // One long digit run is one long number.
  EXPECT_EQ(d.ScrubText(std::string(20000, '7')), "[NUMBER-1]");
  EXPECT_EQ(d.ScrubText("x " + std::string(20000, '7') + " y"), "x [NUMBER-1] y");
  // Many short e-mail addresses: all replaced by one placeholder each, nothing else touched.
  const std::string emails = Repeat("ab@cd.org ");
  {
    PlaceholderMap map;
    const ScrubbedText out = d.Scrub(emails, map);
    EXPECT_EQ(out.findings.size(), emails.size() / 10);
    EXPECT_TRUE(out.text == Repeat("[EMAIL-1] ", out.text.size()));
  }
  // "a@a.a" has no real top-level domain: glued together, every "@" still ends up in a
  // replaced span or stays where no address can be read.
  const std::string glued = Repeat("a@a.a");
  const std::string glued_out = d.ScrubText(glued);
  EXPECT_EQ(glued_out.find("a@a.aa"), std::string::npos);
  // Separators and brackets alone are not identifiers.
  // Separators, brackets and lone digits between them are not identifiers.
  // Digit groups without a currency ("100 100 ...") took std::regex 47 s and 77 s ("100,").
  for (std::string_view unit :
       {"-", ". ", "1 -. ", "1-", "(", ")", "[", "+", "@", "(1)", "100 ", "100,", "1.000 "}) {
    const std::string s = Repeat(unit);
    EXPECT_TRUE(d.ScrubText(s) == s) << "changed: " << unit;
  }
  const std::string nested = std::string(10000, '(') + "x" + std::string(10000, ')');
  EXPECT_TRUE(d.ScrubText(nested) == nested);
  const std::string phone_in_brackets =
      std::string(5000, '(') + "call 13812345678" + std::string(5000, ')');
  EXPECT_TRUE(d.ScrubText(phone_in_brackets) ==
              std::string(5000, '(') + "call [PHONE-1]" + std::string(5000, ')'));
  // Long CJK runs: technical text stays, a dictionary name inside is still found.
  const std::string cjk = Repeat("钛管点蚀");
  EXPECT_TRUE(d.ScrubText(cjk) == cjk);
  const std::string cjk_name = Repeat("钛", 9999) + "王建国" + Repeat("钛", 9999);
  EXPECT_TRUE(d.ScrubText(cjk_name) == Repeat("钛", 9999) + "[PERSON-1]" + Repeat("钛", 9999));
  // Thousands of context-revealed names: each is replaced, none survives alone later on.
  std::string titled, later;
  for (int i = 0; i < 1500; ++i) {
    const std::string name = "Q" + std::string(1, static_cast<char>('a' + i % 26)) +
                             std::string(1, static_cast<char>('a' + (i / 26) % 26)) + "x";
    titled += "Mr " + name + ", ";
    later += name + " ";
  }
  const std::string names_out = d.ScrubText(titled + later);
  EXPECT_EQ(names_out.find("Qaax"), std::string::npos);
  EXPECT_EQ(names_out.find("Qzbx"), std::string::npos);
}

TEST(DesensitizerTest, InvalidUtf8IsRepairedNotCopied) {
  const Desensitizer d({});
  const std::string bad = std::string("pit \xE9 at \xF0\x9F 13812345678 ") + "\xC0\xAF";
  EXPECT_EQ(d.ScrubText(bad),
            "pit \xEF\xBF\xBD at \xEF\xBF\xBD\xEF\xBF\xBD [PHONE-1] "
            "\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace rutile::cases

namespace rutile::cases {
namespace {

TEST(DesensitizerTest, ChineseNamesByFormOfAddressWithoutDictionary) {
  const Desensitizer d({});
  EXPECT_EQ(
      d.ScrubText("王工和李经理到场，张伟先生签字，欧阳明华老师复核，小刘和老陈记录。"),
      "[PERSON-1]和[PERSON-2]到场，[PERSON-3]签字，[PERSON-4]复核，[PERSON-5]和[PERSON-6]记录。");
  // Words that only look like a surname with a title or 小/老 stay.
  const std::string technical =
      "施工期间温度小于80℃，每小时检查一次，小孔腐蚀，材料老化，汇总见附表，减小流速。";
  EXPECT_EQ(d.ScrubText(technical), technical);
  // A name found with its title is also found alone in the rest of the case.
  PlaceholderMap map;
  EXPECT_EQ(d.Scrub("王建国经理到场", map).text, "[PERSON-1]到场");
}

TEST(DesensitizerTest, RomanizedFormsOfDictionaryNames) {
  const Desensitizer d({{"王建国", "欧阳明华"}, {"苏州华瑞电镀有限公司"}, {}});
  for (const char* form : {"Wang Jianguo", "Jianguo Wang", "WANG Jian-guo", "Jian Guo Wang",
                           "wangjianguo", "Ouyang Minghua", "Minghua Ouyang"})
    EXPECT_EQ(d.ScrubText(std::string("by ") + form + "."), "by [PERSON-1].") << form;
  EXPECT_EQ(d.ScrubText("Jianguo approved"), "[PERSON-1] approved");
  EXPECT_EQ(d.ScrubText("Suzhou Huarui Diandu and Huarui and Hua-rui"),
            "[ORG-1] and [ORG-1] and [ORG-1]");
  // Pinyin syllables inside ordinary words are not names.
  EXPECT_EQ(d.ScrubText("Huaruination wangjianguox"), "Huaruination wangjianguox");
}

TEST(DesensitizerTest, LatinAndArabicNamesInContext) {
  const Desensitizer d({});
  EXPECT_EQ(d.ScrubText("Welder Tom Briggs found it. Later Briggs said so; according to Okonkwo, "
                        "Table 3 holds."),
            "Welder [PERSON-1] found it. Later [PERSON-1] said so; according to [PERSON-2], "
            "Table 3 holds.");
  EXPECT_EQ(d.ScrubText("según Marta Ruiz; selon Claire Petit; segundo Ana Lima."),
            "según [PERSON-1]; selon [PERSON-2]; segundo [PERSON-3].");
  EXPECT_EQ(d.ScrubText("قال الأستاذ سعيد العلي إن عبد الله بن سالم وأبو خالد حضروا"),
            "قال [PERSON-1] إن عبد [PERSON-2] و[PERSON-3] حضروا");
}

TEST(DesensitizerTest, ContactsMessengersUrlsSerialsAndPlates) {
  const Desensitizer d({});
  PlaceholderMap map;
  const ScrubbedText out = d.Scrub(
      "Mail li at huarui dot cn or li[at]huarui.cn or ｌｉ＠ｈｕａｒｕｉ．ｃｎ; WeChat: wang_jg88, "
      "QQ 123456, Telegram @tbriggs_weld; see https://huarui.example/x?id=7. or huarui.cn/cases; "
      "S/N TX-2020-118, Lot L2301, 批号B230415, N° de série 55-AX-9031; plate AB12 CDE, "
      "plaque AB-123-CD, لوحة دبي A 12345.",
      map);
  EXPECT_EQ(out.text,
            "Mail [EMAIL-1] or [EMAIL-2] or [EMAIL-3]; WeChat: [MESSENGER-1], QQ [MESSENGER-2], "
            "Telegram [MESSENGER-3]; see [URL-1]. or [URL-2]; S/N [SERIAL-1], Lot [SERIAL-2], "
            "批号[SERIAL-3], N° de série [SERIAL-4]; plate [PLATE-1], plaque [PLATE-2], لوحة "
            "[PLATE-3].");
  // The full-width address is reported at its original bytes.
  const std::string original_fw = "ｌｉ＠ｈｕａｒｕｉ．ｃｎ";
  bool found_fw = false;
  for (const auto& f : out.findings)
    if (f.kind == EntityKind::kEmail && f.length == original_fw.size()) found_fw = true;
  EXPECT_TRUE(found_fw);
  // Labels without an identifier, and ordinary words after them, stay.
  const std::string plain = "The lot was bad; the order of steps; Line 3 pressure; www is down.";
  EXPECT_EQ(d.ScrubText(plain), plain);
  EXPECT_EQ(EntityLabel(EntityKind::kUrl), "URL");
  EXPECT_EQ(EntityLabel(EntityKind::kMessenger), "MESSENGER");
  EXPECT_EQ(EntityLabel(EntityKind::kSerial), "SERIAL");
}

}  // namespace
}  // namespace rutile::cases

namespace rutile::cases {
namespace {

TEST(ResidualRiskTest, MarksWhatAReviewerShouldLookAtTwice) {
  // Offsets count code points: "钛" is one.
  const std::string text =
      "钛 [PERSON-1] Okoro and [ORG-1] said 1234567 units; code TX20A118 at x@y; [PERSON-2]王明 "
      "came.";
  const std::vector<ResidualRisk> risks = FindResidualRisks(text);
  ASSERT_EQ(risks.size(), 5u);
  EXPECT_EQ(risks[0], (ResidualRisk{13, 5, "cases.residual_risk.capitalized_near_placeholder"}));
  EXPECT_EQ(risks[1], (ResidualRisk{36, 7, "cases.residual_risk.digit_run"}));
  EXPECT_EQ(risks[2], (ResidualRisk{56, 8, "cases.residual_risk.code"}));
  EXPECT_EQ(risks[3], (ResidualRisk{69, 1, "cases.residual_risk.at_sign"}));
  EXPECT_EQ(risks[4], (ResidualRisk{83, 2, "cases.residual_risk.surname_near_placeholder"}));
  // Ordinary technical text carries no risk.
  EXPECT_EQ(FindResidualRisks("Ti Gr.2 at 60 °C, pH 2.5, 316L clamps; [PERSON-1] said The bath "
                              "was fine; 钛管点蚀 [ORG-1]的设备"),
            std::vector<ResidualRisk>{});
}

}  // namespace
}  // namespace rutile::cases

namespace rutile::cases {
namespace {

TEST(RomanizedArabicNamesTest, SkeletonsFoldTheUsualSpellings) {
  EXPECT_EQ(ArabicSkeleton(U"محمد"), "mhmd");
  for (const char* spelling : {"Mohammed", "Muhammad", "Mohamed", "Mohammad"})
    EXPECT_EQ(LatinSkeletons(spelling), std::vector<std::string>{"mhmd"}) << spelling;
  EXPECT_EQ(ArabicSkeleton(U"الفارسي"), "frs");
  EXPECT_EQ(LatinSkeletons("Al-Farsi"), std::vector<std::string>{"frs"});
  EXPECT_EQ(LatinSkeletons("Alfarsi"), (std::vector<std::string>{"lfrs", "frs"}));
  EXPECT_TRUE(LatinSkeletons("Al").empty());
  EXPECT_EQ(ArabicSkeleton(U"عبدالله"), LatinSkeletons("Abdullah").front());
  EXPECT_EQ(ArabicSkeleton(U"خالد"), LatinSkeletons("Khaled").front());
  // Too short to match on its own: one word, or under five consonants.
  EXPECT_TRUE(ArabicNameSkeletons("علي").empty());
  EXPECT_TRUE(ArabicNameSkeletons("Carlos Mendes").empty());
  EXPECT_EQ(ArabicNameSkeletons("أحمد الفارسي"), (std::vector<std::string>{"hmd", "frs"}));
}

TEST(RomanizedArabicNamesTest, LatinSpellingsOfADictionaryNameAreScrubbed) {
  const Desensitizer d({{"أحمد الفارسي", "خالد بن سعيد"}, {}, {}});
  PlaceholderMap map;
  const std::string out =
      d.Scrub(
           "Ahmed Al-Farsi checked the coil; Ahmad Alfarsi and AHMED AL FARSI signed. "
           "Khalid bin Saeed replaced it.",
           map)
          .text;
  EXPECT_EQ(out,
            "[PERSON-1] checked the coil; [PERSON-1] and [PERSON-1] signed. [PERSON-2] replaced "
            "it.");
  // Other names with a shared word stay: the whole name must be there, in order.
  EXPECT_EQ(d.ScrubText("Ahmed Hassan and the Farsi carpet"), "Ahmed Hassan and the Farsi carpet");
}

}  // namespace
}  // namespace rutile::cases
