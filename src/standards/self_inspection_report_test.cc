#include "rutile/standards/self_inspection_report.h"

#include <gtest/gtest.h>

#include "pdf_tools.h"
#include "self_inspection_routes.h"
#include "self_inspection_routes_caller.h"
#include "self_inspection_test_fixture.h"

namespace rutile::standards {
namespace {

SelfInspection Sample() {
  SelfInspection s;
  s.id = 7;
  s.org_id = 3;
  s.org_name = "Jinhe Plating";
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
        "Correct the installation", "2027-01-15", "not applicable", "Jinhe Plating"})
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

// Every language of the platform labels the whole report in itself: no empty label, no English
// label left, Arabic written right to left with its own remediation text.
TEST(SelfInspectionReportTest, EveryLanguageLabelsTheWholeReport) {
  auto blocks = [](const documents::Document& doc) {
    std::vector<std::string> texts;
    for (const auto& b : doc.blocks()) {
      // Labels first (a table's are its header), then the value and the table's labelled cells.
      std::string t = b.text;
      for (const auto& h : b.header) t += h + " ";
      t += "|" + b.value;
      for (const auto& row : b.rows) t += " " + row.at(1) + " " + row.at(3);  // kind, answer
      texts.push_back(t);
    }
    return texts;
  };
  const auto english = blocks(SelfInspectionDocument(Sample(), "en"));
  for (const char* lang : {"zh", "ar", "es", "fr", "pt"}) {
    const auto doc = SelfInspectionDocument(Sample(), lang);
    const auto texts = blocks(doc);
    ASSERT_EQ(texts.size(), english.size()) << lang;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      EXPECT_NE(texts[i].rfind("|", 0), 0u) << lang << " block " << i << " has no label";
      if (texts[i] != english[i] || english[i].find("RT-") != std::string::npos) continue;
      ADD_FAILURE() << lang << " block " << i << " is the English one: " << texts[i];
    }
  }
  const auto ar = SelfInspectionDocument(Sample(), "ar-EG");
  EXPECT_TRUE(ar.right_to_left());
  std::string all;
  for (const auto& t : blocks(ar)) all += t + "\n";
  EXPECT_NE(all.find("الثغرات والإجراءات التصحيحية"), std::string::npos) << all;
  EXPECT_EQ(all.find("Correct the installation"), std::string::npos) << all;
  // A language the platform does not speak is labelled in English.
  EXPECT_EQ(blocks(SelfInspectionDocument(Sample(), "de")), english);
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

namespace rutile::standards {
namespace {

class SelfInspectionReportRouteTest : public testing::SelfCheckFixture {};

// The route with the real renderer: a Chinese report of a stored inspection.
TEST_P(SelfInspectionReportRouteTest, ReportRouteRendersTheStoredInspection) {
  SelfInspectionService service(*db_, clock_, *standards_);
  http::Router router;
  RegisterSelfInspectionRoutes(router, service, &RenderSelfInspectionPdf);
  NewSelfInspection in;
  in.org_id = org_;
  in.title = "Tank 3 heater";
  in.profile.grade = 3;
  in.profile.lang = "zh";
  auto s = service.Create(member_, in);
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  testing::RouteCaller caller(router);
  auto pdf = caller.Call("GET", "/api/v1/self-inspections/" + std::to_string(s->id) + "/report.pdf",
                         member_);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.content_type, "application/pdf");
  auto text = documents::testing::PdfToText(pdf.body);
  ASSERT_TRUE(text.has_value());
  EXPECT_NE(text->find("合规自查报告"), std::string::npos);
  EXPECT_NE(text->find(s->items.at(0).number), std::string::npos);
  // The organization by its name, not its number.
  EXPECT_EQ(s->org_name, "Plating Works");
  EXPECT_NE(text->find("Plating Works"), std::string::npos) << *text;
  EXPECT_EQ(caller
                .Call("GET", "/api/v1/self-inspections/" + std::to_string(s->id) + "/report.pdf",
                      outsider_)
                .status,
            404);
}

INSTANTIATE_TEST_SUITE_P(Databases, SelfInspectionReportRouteTest,
                         ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::standards
