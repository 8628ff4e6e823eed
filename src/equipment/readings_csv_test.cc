#include "rutile/equipment/readings_csv.h"

#include <gtest/gtest.h>

namespace rutile::equipment {
namespace {

TEST(ReadingsCsvTest, DecodesRowsWithTheirLineNumbers) {
  auto d = DecodeReadingsCsv(
      "\xEF\xBB\xBFtype,value,unit,measured_at\r\n\r\n ph , 7.25 ,pH,2026-12-01\r\n"
      "wall_thickness_mm,9,mm,2026-12-01T08:00:00Z");
  EXPECT_TRUE(d.errors.empty());
  ASSERT_EQ(d.rows.size(), 2u);
  EXPECT_EQ(d.rows[0].line, 3u);
  EXPECT_EQ(d.rows[0].reading.type, "ph");
  EXPECT_DOUBLE_EQ(d.rows[0].reading.value, 7.25);
  EXPECT_EQ(d.rows[1].line, 4u);
  EXPECT_EQ(d.rows[1].reading.measured_at, "2026-12-01T08:00:00Z");
}

TEST(ReadingsCsvTest, CommentLinesDocumentATemplateAndAreSkipped) {
  auto d = DecodeReadingsCsv(
      "# Readings template: one reading per row under the header\n"
      "# ph = pH, unit pH\n"
      "type,value,unit,measured_at\n"
      "# wall_thickness_mm = wall thickness, unit mm\n"
      "ph,7,pH,2026-12-01\n");
  EXPECT_TRUE(d.errors.empty());
  ASSERT_EQ(d.rows.size(), 1u);
  EXPECT_EQ(d.rows[0].line, 5u);
  EXPECT_EQ(DecodeReadingsCsv("# only a comment\n").errors.at(0).field, "rows[1]");
}

TEST(ReadingsCsvTest, NotesAndPaddingAsASpreadsheetSavesThemAreSkipped) {
  // A template opened and saved by a spreadsheet: notes with commas quoted, lines padded.
  auto d = DecodeReadingsCsv(
      "\"# ph: pH, unit pH\",,,,\r\n"
      "# bath_temperature_c: Bath temperature; unit C,,,\r\n"
      "type,value,unit,measured_at,,\r\n"
      "ph,7,pH,2026-12-01,,\r\n");
  EXPECT_TRUE(d.errors.empty());
  ASSERT_EQ(d.rows.size(), 1u);
  EXPECT_EQ(d.rows[0].line, 4u);
  EXPECT_EQ(d.rows[0].reading.measured_at, "2026-12-01");
  // A fifth cell with content is still a layout error.
  EXPECT_EQ(
      DecodeReadingsCsv("type,value,unit,measured_at\nph,7,pH,2026-12-01,x\n").errors.at(0).field,
      "rows[2]");
}

TEST(ReadingsCsvTest, LayoutErrorsNameTheLine) {
  auto d = DecodeReadingsCsv("type,value,unit,measured_at\nph,,pH,x\nph,1,2\nph,1e400,pH,x\n");
  ASSERT_EQ(d.errors.size(), 3u);
  EXPECT_EQ(d.errors[0].field, "rows[2].value");
  EXPECT_EQ(d.errors[1].field, "rows[3]");
  EXPECT_EQ(d.errors[2].field, "rows[4].value");
  EXPECT_EQ(DecodeReadingsCsv("").errors.at(0).field, "rows[1]");
  EXPECT_EQ(DecodeReadingsCsv("type,value,unit,measured_at\n").errors.at(0).field, "rows");
  EXPECT_EQ(DecodeReadingsCsv("value,type\n").errors.at(0).field, "rows[1]");
}

TEST(ReadingsCsvTest, StopsAtTheRowLimit) {
  std::string csv = "type,value,unit,measured_at\n";
  for (int i = 0; i < 50; ++i) csv += "ph,7,pH,2026-12-01\n";
  auto d = DecodeReadingsCsv(csv, 100, 20);
  EXPECT_EQ(d.rows.size(), 20u);
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].field, "rows");
  EXPECT_NE(d.errors[0].message.find("at most 20 readings"), std::string::npos);
  EXPECT_TRUE(DecodeReadingsCsv(csv, 100, 50).errors.empty());
}

TEST(ReadingsCsvTest, StopsAfterTheErrorLimitAndOrdersByLine) {
  std::string csv = "type,value,unit,measured_at\n";
  for (int i = 0; i < 50; ++i) csv += "bad\n";
  auto d = DecodeReadingsCsv(csv, 10);
  EXPECT_EQ(d.errors.size(), 11u);
  EXPECT_EQ(d.errors.back().field, "rows");
  EXPECT_LT(CsvErrorLine({"rows[3].unit", ""}), CsvErrorLine({"rows[10]", ""}));
  EXPECT_EQ(CsvErrorLine({"rows", ""}), SIZE_MAX);
  EXPECT_EQ(CsvErrorLine({"rows[x]", ""}), SIZE_MAX);
}

}  // namespace
}  // namespace rutile::equipment
