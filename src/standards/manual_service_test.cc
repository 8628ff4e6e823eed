#include "rutile/standards/manual_service.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "manual_test_fixture.h"
#include "pdf_tools.h"

namespace rutile::standards {
namespace {

using documents::testing::PdfFonts;
using documents::testing::PdfToText;

// pdftotext guesses word gaps and breaks lines; compare texts without spaces and newlines.
std::string Squeeze(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n') out += c;
  }
  return out;
}

std::vector<std::string> RuleIds(const Manual& manual) {
  std::vector<std::string> ids;
  for (const auto& topic : manual.topics) {
    for (const auto& rule : topic.rules) ids.push_back(rule.clause_id);
  }
  return ids;
}

bool Has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

using ManualServiceTest = ManualFixture;

// Golden, from knowledge/standards/starter_library.json: at grade 3 in electroplating,
// RT-3.1 (listed for electroplating and anodizing), RT-1.3 (grades 3-4) and RT-4.16 (grades 3-4)
// apply; RT-1.2 (grade 4 only) and RT-2.2 (a named bath only) do not.
TEST_F(ManualServiceTest, ElectroplatingGradeThreeSelectsTheMandatoryRules) {
  auto manual = manuals_->Build({"electroplating", 3, "en"});
  ASSERT_TRUE(manual.has_value()) << manual.error().ToString();
  auto ids = RuleIds(*manual);
  EXPECT_TRUE(Has(ids, "rtb-3.1"));
  EXPECT_TRUE(Has(ids, "rtb-1.3"));
  EXPECT_TRUE(Has(ids, "rtb-4.16"));
  EXPECT_TRUE(Has(ids, "rtb-6.1"));
  EXPECT_FALSE(Has(ids, "rtb-1.2"));
  EXPECT_FALSE(Has(ids, "rtb-2.2"));
  EXPECT_EQ(manual->rule_count, static_cast<int>(ids.size()));
  EXPECT_GT(manual->rule_count, 10);
  EXPECT_LT(manual->rule_count, 100);
  EXPECT_EQ(manual->omitted, 0);
  for (const auto& id : ids) {
    auto clause = standards_->GetClause(id);
    ASSERT_TRUE(clause.has_value());
    EXPECT_EQ(clause->kind, ClauseKind::kMandatory) << id;
  }
  EXPECT_EQ(manual->industry_name, "Electroplating");
  EXPECT_EQ(manual->grade_verdict, "high");
  EXPECT_EQ(manual->library, "RTB 1.0");
  EXPECT_FALSE(manual->fell_back);
}

TEST_F(ManualServiceTest, TopicsComeInOrder) {
  auto manual = manuals_->Build({"electroplating", 3, "en"});
  ASSERT_TRUE(manual.has_value());
  std::vector<std::string> topics;
  for (const auto& t : manual->topics) topics.push_back(t.id);
  EXPECT_EQ(topics, (std::vector<std::string>{"material", "installation", "operation",
                                              "maintenance", "emergency"}));
  // Within a topic, by clause number: RT-6.1 ... RT-6.5.
  const auto& emergency = manual->topics.back().rules;
  ASSERT_GE(emergency.size(), 2u);
  EXPECT_EQ(emergency.front().number, "RT-6.1");
}

TEST_F(ManualServiceTest, IndustryConditionsAreApplied) {
  auto pickling = manuals_->Build({"pickling", 3, "en"});
  ASSERT_TRUE(pickling.has_value());
  EXPECT_FALSE(Has(RuleIds(*pickling), "rtb-3.1"));  // listed for electroplating and anodizing
  auto grade1 = manuals_->Build({"electroplating", 1, "en"});
  ASSERT_TRUE(grade1.has_value());
  EXPECT_FALSE(Has(RuleIds(*grade1), "rtb-1.3"));
  EXPECT_LT(grade1->rule_count, pickling->rule_count + 2);
}

TEST_F(ManualServiceTest, ChinesePdfCarriesTheRulesInChinese) {
  auto manual = manuals_->Build({"electroplating", 3, "zh"});
  ASSERT_TRUE(manual.has_value());
  EXPECT_EQ(manual->lang, "zh");
  auto pdf = ManualService::Pdf(*manual);
  ASSERT_TRUE(pdf.has_value()) << pdf.error().ToString();
  std::string text = Squeeze(PdfToText(*pdf).value_or(""));
  for (const char* expected : {"与槽体电气隔离", "三级须书面批准", "三级每日检查", "电镀",
                               "钛加热设备简明手册", "RT-3.1", "2026-11-18"}) {
    EXPECT_NE(text.find(Squeeze(expected)), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_NE(PdfFonts(*pdf).value_or("").find("NotoSansCJK"), std::string::npos);
  // The disclaimer is in every page's footer.
  int pages = documents::testing::PdfPageCount(*pdf);
  EXPECT_GE(pages, 1);
  int footers = 0;
  for (size_t at = text.find("仅为摘要"); at != std::string::npos;
       at = text.find("仅为摘要", at + 1))
    ++footers;
  EXPECT_EQ(footers, pages);
}

TEST_F(ManualServiceTest, EnglishPdfAndHtmlCarryTheRulesInEnglish) {
  auto manual = manuals_->Build({"electroplating", 3, "en"});
  ASSERT_TRUE(manual.has_value());
  auto pdf = ManualService::Pdf(*manual);
  ASSERT_TRUE(pdf.has_value());
  std::string text = Squeeze(PdfToText(*pdf).value_or(""));
  std::string html = ManualService::Html(*manual);
  for (const char* expected : {"Electrical isolation from the tank", "Written approval at grade 3",
                               "Daily checks at grade 3", "Electroplating"}) {
    EXPECT_NE(text.find(Squeeze(expected)), std::string::npos) << expected << "\n" << text;
    EXPECT_NE(html.find(expected), std::string::npos) << expected;
  }
  EXPECT_NE(html.find("<html lang=\"en\" dir=\"ltr\">"), std::string::npos);
  EXPECT_EQ(ManualService::FileName(*manual, "pdf"), "rutile-manual-electroplating-grade3-en.pdf");
}

TEST_F(ManualServiceTest, OtherLanguagesFallBackToEnglishWithANote) {
  auto manual = manuals_->Build({"anodizing", 2, "de"});
  ASSERT_TRUE(manual.has_value());
  EXPECT_TRUE(manual->fell_back);
  EXPECT_EQ(manual->lang, "en");
  std::string html = ManualService::Html(*manual);
  EXPECT_NE(html.find("not yet available in the requested language (de)"), std::string::npos);
  // The six languages of the platform have their own manual; Arabic is written right to left.
  for (const char* lang : {"ar", "es", "fr", "pt"}) {
    auto own = manuals_->Build({"anodizing", 2, lang});
    ASSERT_TRUE(own.has_value()) << lang;
    EXPECT_FALSE(own->fell_back) << lang;
    EXPECT_EQ(own->lang, lang);
  }
  const std::string ar = ManualService::Html(manuals_->Build({"anodizing", 2, "ar"}).value());
  EXPECT_NE(ar.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
  EXPECT_EQ(ar.find("Electrical isolation from the tank"), std::string::npos);
  auto zh_cn = manuals_->Build({"anodizing", 2, "zh-CN"});
  ASSERT_TRUE(zh_cn.has_value());
  EXPECT_EQ(zh_cn->lang, "zh");
  EXPECT_FALSE(zh_cn->fell_back);
}

TEST_F(ManualServiceTest, BadRequestsNameTheField) {
  auto bad = manuals_->Build({"", 5, "not a tag"});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  std::set<std::string> fields;
  for (const auto& f : bad.error().fields()) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"industry", "grade", "lang"}));
  auto unknown = manuals_->Build({"baking", 2, "en"});
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().fields().at(0).field, "industry");
}

}  // namespace
}  // namespace rutile::standards
