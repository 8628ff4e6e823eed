#include "rutile/documents/document.h"

#include <gtest/gtest.h>

#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "pdf_tools.h"

namespace rutile::documents {
namespace {

using testing::PdfFonts;
using testing::PdfInfo;
using testing::PdfPageCount;
using testing::PdfToText;

// pdftotext guesses word gaps from glyph positions; compare texts without spaces.
std::string Squeeze(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n') out += c;
  }
  return out;
}

TEST(DocumentTest, LanguageSetsDirection) {
  EXPECT_FALSE(Document("en").right_to_left());
  EXPECT_FALSE(Document("zh-CN").right_to_left());
  EXPECT_TRUE(Document("ar").right_to_left());
  EXPECT_TRUE(Document("fa-IR").right_to_left());
  EXPECT_EQ(Document("").lang(), "en");
}

TEST(DocumentTest, InvalidUtf8IsReplaced) {
  EXPECT_EQ(ValidUtf8("ok 钛 \xD8\xAF"), "ok 钛 \xD8\xAF");
  EXPECT_EQ(ValidUtf8("a\xFF\xFE"
                      "b"),
            "a\uFFFD\uFFFDb");
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), "\uFFFD\uFFFD");            // overlong '/'
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // surrogate
  EXPECT_EQ(ValidUtf8("\xE4\xB8"), "\uFFFD\uFFFD");            // cut short
  Document doc("en");
  doc.Paragraph("before \xFF after");
  doc.Table({"h\xC3"}, {{"x\xE4\xB8"}});
  EXPECT_EQ(doc.blocks()[0].text, "before \uFFFD after");
  EXPECT_EQ(doc.blocks()[1].header[0], "h\uFFFD");
  EXPECT_TRUE(RenderPdf(doc).has_value());
}

TEST(DocumentTest, EnglishPdfCarriesTextAndMetadata) {
  Document doc("en");
  doc.Title("Inspection report");
  doc.Heading("Findings");
  doc.Paragraph("The heater sheath shows no pitting after 2000 hours in the nickel bath.");
  doc.Bullet("Check the anode bag every week.");
  doc.KeyValue("Equipment", "Immersion heater TI-42");
  doc.SmallPrint("Generated for the owner only.");
  auto pdf = RenderPdf(doc, {.footer = "Rutile test footer"});
  ASSERT_TRUE(pdf.has_value()) << pdf.error().ToString();
  std::string text = PdfToText(*pdf).value_or("");
  for (const char* expected : {"Inspection report", "Findings", "no pitting after 2000 hours",
                               "anode bag every week", "Equipment", "Immersion heater TI-42",
                               "Generated for the owner only.", "Rutile test footer"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  EXPECT_NE(Squeeze(text).find("1/1"), std::string::npos);
  std::string info = PdfInfo(*pdf).value_or("");
  EXPECT_NE(info.find("Inspection report"), std::string::npos) << info;
  EXPECT_NE(info.find("Rutile"), std::string::npos) << info;
}

TEST(DocumentTest, ChinesePdfEmbedsCjkFont) {
  Document doc("zh");
  doc.Title("钛加热设备简明手册");
  doc.Paragraph("严禁在含氟离子的溶液中使用未经评估的钛加热器。");
  doc.KeyValue("行业", "电镀");
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.has_value());
  std::string text = PdfToText(*pdf).value_or("");
  EXPECT_NE(text.find("钛加热设备简明手册"), std::string::npos) << text;
  EXPECT_NE(text.find("严禁在含氟离子的溶液中使用"), std::string::npos) << text;
  EXPECT_NE(text.find("电镀"), std::string::npos) << text;
  std::string fonts = PdfFonts(*pdf).value_or("");
  EXPECT_NE(fonts.find("NotoSansCJK"), std::string::npos) << fonts;
  // Every font is embedded: the "emb" column (fifth from the end) says yes on each font line.
  std::istringstream lines(fonts);
  std::string line;
  int font_lines = 0;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::vector<std::string> w{std::istream_iterator<std::string>(words), {}};
    if (w.size() < 6 || line.rfind("name", 0) == 0 || line.rfind("---", 0) == 0) continue;
    ++font_lines;
    EXPECT_EQ(w[w.size() - 5], "yes") << line;
  }
  EXPECT_GE(font_lines, 1);
}

TEST(DocumentTest, ArabicPdfIsShapedAndExtractable) {
  Document doc("ar");
  doc.Title("دليل مبسط");
  doc.Paragraph("يجب فحص السخان كل أسبوع");
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.has_value());
  std::string text = PdfToText(*pdf).value_or("");
  EXPECT_NE(text.find("دليل"), std::string::npos) << text;
  EXPECT_NE(text.find("السخان"), std::string::npos) << text;
  std::string fonts = PdfFonts(*pdf).value_or("");
  EXPECT_NE(fonts.find("Arabic"), std::string::npos) << fonts;
}

TEST(DocumentTest, LongDocumentPaginatesWithPageNumbers) {
  Document doc("en");
  doc.Title("Long");
  for (int i = 0; i < 300; ++i) {
    doc.Paragraph("Paragraph number " + std::to_string(i) +
                  " wraps because it is long enough to need more than one line on an A4 page "
                  "with the default margins of eighteen millimetres on each side.");
  }
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.has_value());
  int pages = PdfPageCount(*pdf);
  EXPECT_GT(pages, 5);
  std::string text = PdfToText(*pdf).value_or("");
  EXPECT_NE(text.find("Paragraph number 299 "), std::string::npos);
  std::string squeezed = Squeeze(text);
  EXPECT_NE(squeezed.find("1/" + std::to_string(pages)), std::string::npos);
  EXPECT_NE(squeezed.find(std::to_string(pages) + "/" + std::to_string(pages)), std::string::npos);
}

TEST(DocumentTest, PageBreakStartsANewPage) {
  Document doc("en");
  doc.Paragraph("first");
  doc.PageBreak();
  doc.Paragraph("second");
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.has_value());
  EXPECT_EQ(PdfPageCount(*pdf), 2);
}

TEST(DocumentTest, TableCellsWrapAndLongTablesRepeatTheHeader) {
  Document doc("en");
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 80; ++i) {
    rows.push_back({"R" + std::to_string(i),
                    "A long cell text that cannot fit in one line of its column and wraps onto "
                    "several lines inside the cell without spilling into the next column",
                    "ok"});
  }
  doc.Table({"Id", "Observation", "Verdict"}, rows);
  auto pdf = RenderPdf(doc);
  ASSERT_TRUE(pdf.has_value());
  EXPECT_GT(PdfPageCount(*pdf), 1);
  std::string text = PdfToText(*pdf).value_or("");
  EXPECT_NE(text.find("R79"), std::string::npos);
  // The header is printed again at the top of each page.
  size_t headers = 0;
  for (size_t at = text.find("Observation"); at != std::string::npos;
       at = text.find("Observation", at + 1)) {
    ++headers;
  }
  EXPECT_EQ(static_cast<int>(headers), PdfPageCount(*pdf));
}

TEST(DocumentTest, QrCodeIsDrawnWithItsCaption) {
  Document with_qr("en");
  with_qr.QrCode("https://rutile.example/verify/abc", 30, "Scan to verify");
  Document without_qr("en");
  without_qr.Paragraph("Scan to verify");
  auto a = RenderPdf(with_qr);
  auto b = RenderPdf(without_qr);
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_NE(PdfToText(*a).value_or("").find("Scan to verify"), std::string::npos);
  EXPECT_GT(a->size(), b->size());  // the module rectangles are in the page content
}

TEST(DocumentTest, BadInputIsInvalidArgument) {
  Document doc("en");
  doc.QrCode(std::string(5000, 'x'), 30);
  auto pdf = RenderPdf(doc);
  ASSERT_FALSE(pdf.has_value());
  EXPECT_EQ(pdf.error().code(), ErrorCode::kInvalidArgument);
  auto tiny =
      RenderPdf(Document("en"), {.width_mm = 30, .height_mm = 30, .margin_mm = 10, .footer = ""});
  ASSERT_FALSE(tiny.has_value());
  EXPECT_EQ(tiny.error().fields().at(0).field, "page");
}

TEST(DocumentTest, EmptyDocumentIsOnePage) {
  auto pdf = RenderPdf(Document("en"));
  ASSERT_TRUE(pdf.has_value());
  EXPECT_EQ(PdfPageCount(*pdf), 1);
}

TEST(DocumentTest, RendersConcurrently) {
  std::vector<std::string> texts(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &texts] {
      for (int round = 0; round < 3; ++round) {
        Document doc(t % 2 == 0 ? "zh" : "ar");
        doc.Title(t % 2 == 0 ? "线程" + std::to_string(t) : "خيط " + std::to_string(t));
        for (int i = 0; i < 40; ++i) doc.Paragraph("维护 maintenance صيانة " + std::to_string(i));
        auto pdf = RenderPdf(doc);
        if (pdf.has_value()) texts[t] = *pdf;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) {
    ASSERT_FALSE(texts[t].empty()) << t;
    EXPECT_NE(PdfToText(texts[t]).value_or("").find("maintenance"), std::string::npos);
  }
}

TEST(DocumentTest, HtmlFontsFollowTheLanguage) {
  EXPECT_NE(RenderHtml(Document("zh")).find("font-family:'Noto Sans CJK SC','Noto Sans'"),
            std::string::npos);
  EXPECT_NE(RenderHtml(Document("zh-TW")).find("font-family:'Noto Sans CJK TC'"),
            std::string::npos);
  EXPECT_NE(RenderHtml(Document("ar")).find("font-family:'Noto Sans Arabic'"), std::string::npos);
  EXPECT_NE(RenderHtml(Document("en")).find("font-family:'Noto Sans','Noto Sans CJK SC'"),
            std::string::npos);
}

TEST(DocumentTest, HtmlIsEscapedAndCarriesLanguageAndDirection) {
  Document doc("ar");
  doc.Title("<script>alert(1)</script>");
  doc.Paragraph("a & b \"quoted\" 'single'");
  doc.Bullet("one");
  doc.Bullet("two");
  doc.KeyValue("k<", "v>");
  doc.Table({"h"}, {{"<b>cell</b>"}});
  doc.QrCode("payload", 20, "caption");
  std::string html = RenderHtml(doc);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("a &amp; b &quot;quoted&quot; &#39;single&#39;"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"ar\" dir=\"rtl\">"), std::string::npos);
  EXPECT_NE(html.find("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;cell&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<figcaption>caption</figcaption>"), std::string::npos);
  EXPECT_NE(html.find("<title>&lt;script&gt;"), std::string::npos);
}

}  // namespace
}  // namespace rutile::documents
