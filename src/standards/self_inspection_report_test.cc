#include "rutile/standards/self_inspection_report.h"

#include <gtest/gtest.h>

#include "pdf_tools.h"

namespace rutile::standards {
namespace {

SelfInspection Sample() {
  SelfInspection s;
  s.id = 7;
  s.org_id = 3;
  s.title = "Tank 3 heater";
  s.grade = 3;
  s.state = "completed";
  s.created_at = 1'800'000'000;
  s.completed_at = 1'800'086'400;
  ChecklistItem a;
  a.clause_id = "rtb-3.1";
  a.number = "RT-3.1";
  a.kind = ClauseKind::kMandatory;
  a.title = "Electrical isolation from the tank";
  a.answer = Answer::kNo;
  a.note = "bushing missing";
  ChecklistItem b = a;
  b.clause_id = "rtb-1.1";
  b.number = "RT-1.1";
  b.title = "Risk grade before purchase";
  b.answer = Answer::kYes;
  b.note = "";
  ChecklistItem c = b;
  c.clause_id = "rtb-7.1";
  c.number = "RT-7.1";
  c.kind = ClauseKind::kRecommended;
  c.answer = Answer::kNotApplicable;
  s.items = {b, a, c};
  s.rates = ComputeRates(s.items);
  s.gaps = {a};
  return s;
}

TEST(SelfInspectionReportTest, EnglishPdfCarriesRatesGapsAndChecklist) {
  auto pdf = RenderSelfInspectionPdf(Sample(), "en");
  ASSERT_TRUE(pdf.has_value()) << pdf.error().ToString();
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  auto text = documents::testing::PdfToText(*pdf);
  ASSERT_TRUE(text.has_value()) << text.error().ToString();
  for (const char* want :
       {"Compliance self-inspection", "50.0 %", "RT-3.1", "Note: bushing", "Gaps and remediation",
        "Correct the installation", "2027-01-15", "not applicable"})
    EXPECT_NE(text->find(want), std::string::npos) << want << " in:\n" << *text;
}

TEST(SelfInspectionReportTest, ChineseLabelsAndRemediation) {
  auto pdf = RenderSelfInspectionPdf(Sample(), "zh");
  ASSERT_TRUE(pdf.has_value()) << pdf.error().ToString();
  auto text = documents::testing::PdfToText(*pdf);
  ASSERT_TRUE(text.has_value());
  for (const char* want : {"合规自查报告", "不符合项及整改建议", "整改安装", "RT-3.1"})
    EXPECT_NE(text->find(want), std::string::npos) << want << " in:\n" << *text;
}

TEST(SelfInspectionReportTest, NoGapsAndNoRate) {
  SelfInspection s = Sample();
  for (auto& it : s.items) it.answer = Answer::kNotApplicable;
  s.rates = ComputeRates(s.items);
  s.gaps.clear();
  auto doc = SelfInspectionDocument(s, "en");
  std::string all;
  for (const auto& b : doc.blocks()) all += b.text + "|" + b.value + "\n";
  EXPECT_NE(all.find("No item was answered no."), std::string::npos);
  EXPECT_NE(all.find("not rated"), std::string::npos);
}

}  // namespace
}  // namespace rutile::standards
