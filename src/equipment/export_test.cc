#include "rutile/equipment/export.h"

#include <minizip/unzip.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "dashboard_test_fixture.h"
#include "pdf_tools.h"

namespace rutile::equipment {
namespace {

TEST(CsvFieldTest, GuardsFormulasAndQuotes) {
  EXPECT_EQ(CsvField("plain text"), "plain text");
  EXPECT_EQ(CsvField("=SUM(A1:A9)"), "'=SUM(A1:A9)");
  EXPECT_EQ(CsvField("+31 20 555"), "'+31 20 555");
  EXPECT_EQ(CsvField("-2+3"), "'-2+3");
  EXPECT_EQ(CsvField("@cmd"), "'@cmd");
  EXPECT_EQ(CsvField("\tx"), "'\tx");
  EXPECT_EQ(CsvField("Line 2, tank 3"), "\"Line 2, tank 3\"");
  EXPECT_EQ(CsvField("the \"big\" one"), "\"the \"\"big\"\" one\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
  EXPECT_EQ(CsvField(""), "");
}

TEST(CsvFieldTest, NumbersStayNumbersAndLinesEndWithCrlf) {
  ExportTable t;
  t.header = {"name", "value"};
  t.rows = {{std::string("=1+1"), -3.5}, {std::string("b"), 0.1}};
  EXPECT_EQ(WriteCsv(t), "name,value\r\n'=1+1,-3.5\r\nb,0.1\r\n");
}

// The named entry of a zip archive given as bytes; "" when it is missing.
std::string ZipEntry(const std::string& bytes, const std::string& name) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("rutile-export-test-" + std::to_string(getpid()) + ".zip"))
                               .string();
  std::ofstream(path, std::ios::binary) << bytes;
  std::string out;
  if (unzFile zip = unzOpen(path.c_str())) {
    if (unzLocateFile(zip, name.c_str(), 0) == UNZ_OK && unzOpenCurrentFile(zip) == UNZ_OK) {
      char buf[4096];
      for (int n; (n = unzReadCurrentFile(zip, buf, sizeof buf)) > 0;) out.append(buf, n);
      unzCloseCurrentFile(zip);
    }
    unzClose(zip);
  }
  std::remove(path.c_str());
  return out;
}

TEST(XlsxTest, WorkbookOpensBackWithTheSheetAndItsCells) {
  ExportTable t;
  t.title = "Readings: EQ/000001";
  t.header = {"type", "value"};
  t.rows = {{std::string("ph"), 6.25}, {std::string("=not a formula"), 7.0}};
  auto bytes = WriteXlsx(t);
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message();
  ASSERT_EQ(bytes->substr(0, 2), "PK");
  const std::string workbook = ZipEntry(*bytes, "xl/workbook.xml");
  EXPECT_NE(workbook.find("Readings_ EQ_000001"), std::string::npos) << workbook;
  const std::string sheet = ZipEntry(*bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<v>6.25</v>"), std::string::npos) << sheet;
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);  // text is never written as a formula
  const std::string strings = ZipEntry(*bytes, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("=not a formula"), std::string::npos);
}

class ExportServiceTest : public ViewsTest {
 protected:
  void SetUp() override {
    ViewsTest::SetUp();
    if (IsSkipped()) return;
    exports_ = std::make_unique<ExportService>(world_->db(), world_->clock(), *equipment_, *views_);
  }
  void TearDown() override {
    exports_.reset();
    ViewsTest::TearDown();
  }
  std::unique_ptr<ExportService> exports_;
};

TEST_P(ExportServiceTest, ItemsWithGradeLatestReadingsAndNextInspection) {
  auto in = Heater("=Tank, \"north\"");
  in.location = "Line 2";
  const Item tank = Create(owner_a_, org_a_, in);
  Ingest(owner_a_, tank.id,
         {{"ph", 6.5, "pH", "2027-01-14T08:00:00Z"},
          {"wall_thickness_mm", 10, "mm", "2010-01-01"},
          {"wall_thickness_mm", 6.5, "mm", "2020-01-01"}});

  auto csv = exports_->ExportItems(owner_a_, org_a_, ExportFormat::kCsv);
  ASSERT_TRUE(csv.has_value()) << csv.error().message();
  EXPECT_EQ(csv->content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv->filename, "equipment-" + std::to_string(org_a_) + "-2027-01-15.csv");
  EXPECT_NE(csv->bytes.find("\"'=Tank, \"\"north\"\"\""), std::string::npos) << csv->bytes;
  EXPECT_NE(csv->bytes.find("ph,ph measured_at"), std::string::npos);
  EXPECT_NE(csv->bytes.find(",6.5,2027-01-14T08:00:00Z"), std::string::npos);
  EXPECT_NE(csv->bytes.find(",yes,"), std::string::npos);  // the inspection is overdue

  auto xlsx = exports_->ExportItems(owner_a_, org_a_, ExportFormat::kXlsx);
  ASSERT_TRUE(xlsx.has_value());
  EXPECT_NE(ZipEntry(xlsx->bytes, "xl/sharedStrings.xml").find("Line 2"), std::string::npos);

  auto pdf = exports_->ExportItems(owner_a_, org_a_, ExportFormat::kPdf);
  ASSERT_TRUE(pdf.has_value()) << pdf.error().message();
  auto text = documents::testing::PdfToText(pdf->bytes);
  ASSERT_TRUE(text.has_value());
  EXPECT_NE(text->find("EQ-"), std::string::npos) << *text;
  EXPECT_NE(text->find("north"), std::string::npos) << *text;

  EXPECT_EQ(exports_->ExportItems(stranger_, org_a_, ExportFormat::kCsv).error().code(),
            ErrorCode::kPermissionDenied);
}

TEST_P(ExportServiceTest, ReadingsOfOneItemOldestFirst) {
  const Item tank = Create(owner_a_, org_a_, Heater("Tank 1"));
  Ingest(owner_a_, tank.id,
         {{"ph", 6.5, "pH", "2027-01-14T08:00:00Z"}, {"ph", -0.5, "pH", "2027-01-13T08:00:00Z"}});
  auto csv = exports_->ExportReadings(owner_a_, tank.id, ExportFormat::kCsv);
  ASSERT_TRUE(csv.has_value()) << csv.error().message();
  const auto first = csv->bytes.find("-0.5"), second = csv->bytes.find(",6.5,");
  ASSERT_NE(first, std::string::npos) << csv->bytes;
  EXPECT_LT(first, second);
  EXPECT_EQ(csv->bytes.find("'-0.5"), std::string::npos);  // numbers are not guarded
  auto xlsx = exports_->ExportReadings(owner_a_, tank.id, ExportFormat::kXlsx);
  ASSERT_TRUE(xlsx.has_value());
  EXPECT_NE(ZipEntry(xlsx->bytes, "xl/worksheets/sheet1.xml").find("<v>6.5</v>"),
            std::string::npos);
  EXPECT_EQ(exports_->ExportReadings(owner_a_, tank.id, ExportFormat::kPdf).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(exports_->ExportReadings(stranger_, tank.id, ExportFormat::kCsv).error().code(),
            ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Databases, ExportServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::equipment
