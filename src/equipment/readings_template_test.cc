#include "rutile/equipment/readings_template.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <unzip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "rutile/equipment/model.h"
#include "rutile/equipment/readings_xlsx.h"
#include "rutile/texts/catalogue.h"

namespace rutile::equipment {
namespace {

std::string Text(std::string_view lang, std::string_view key) {
  return texts::Catalogue::ForLanguage(lang).Get(key);
}

// The text of one entry of a zip archive given as bytes; "" when absent.
std::string ZipEntry(const std::string& zip, const char* name) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("rutile_template_test_" + std::to_string(getpid()) + ".zip");
  std::ofstream(path, std::ios::binary) << zip;
  std::string out;
  if (unzFile f = unzOpen64(path.c_str())) {
    if (unzLocateFile(f, name, 1) == UNZ_OK && unzOpenCurrentFile(f) == UNZ_OK) {
      char buf[4096];
      for (int n; (n = unzReadCurrentFile(f, buf, sizeof buf)) > 0;) out.append(buf, n);
      unzCloseCurrentFile(f);
    }
    unzClose(f);
  }
  std::filesystem::remove(path);
  return out;
}

TEST(ReadingsTemplateTest, EveryTextAndReadingTypeIsInEveryLanguage) {
  const char* keys[] = {"readings:template.title",          "readings:template.how",
                        "readings:template.column_type",    "readings:template.column_value",
                        "readings:template.column_unit",    "readings:template.column_measured_at",
                        "readings:template.example",        "readings:template.types",
                        "readings:template.type_line",      "readings:template.head_code",
                        "readings:template.head_label",     "readings:template.head_unit",
                        "readings:template.head_aliases",   "readings:template.head_min",
                        "readings:template.head_max",       "readings:template.invalid_title",
                        "readings:template.invalid_message"};
  for (auto lang : texts::kLanguages) {
    for (const char* key : keys) EXPECT_NE(Text(lang, key), key) << lang << " " << key;
    for (const auto& t : ReadingTypes()) {
      const std::string key = "labels:reading_type." + std::string(t.name);
      EXPECT_NE(Text(lang, key), key) << lang;
    }
  }
  EXPECT_NE(Text("zh", "labels:reading_type.bath_temperature_c"),
            Text("en", "labels:reading_type.bath_temperature_c"));
  // Error titles of a data validation are at most 32 characters in Excel.
  for (auto lang : texts::kLanguages) {
    const std::string title = Text(lang, "readings:template.invalid_title");
    EXPECT_LE(std::count_if(title.begin(), title.end(), [](char c) { return (c & 0xC0) != 0x80; }),
              32);
  }
}

TEST(ReadingsTemplateTest, TheCsvDocumentsEveryTypeAndImportsOnceFilled) {
  for (auto lang : texts::kLanguages) {
    const std::string csv = ReadingsTemplateCsv(lang);
    for (const auto& t : ReadingTypes()) {
      const std::string code = "# " + std::string(t.name);
      EXPECT_NE(csv.find(code), std::string::npos) << lang << " " << t.name;
      EXPECT_NE(csv.find(Text(lang, "labels:reading_type." + std::string(t.name))),
                std::string::npos);
    }
    EXPECT_NE(csv.find("\r\ntype,value,unit,measured_at\r\n"), std::string::npos);
    // As downloaded: the header and no reading (the example row is a note).
    auto empty = DecodeReadingsCsv(csv);
    ASSERT_EQ(empty.errors.size(), 1u) << lang;
    EXPECT_EQ(empty.errors[0].field, "rows");
    EXPECT_TRUE(empty.rows.empty());
    // Filled below the header.
    auto filled = DecodeReadingsCsv(csv +
                                    "ph,7.1,pH,2026-03-01\r\nwall_thickness_mm,2.5,mm,"
                                    "2026-03-02T10:00:00Z\r\n");
    EXPECT_TRUE(filled.errors.empty()) << lang;
    ASSERT_EQ(filled.rows.size(), 2u);
    EXPECT_EQ(filled.rows[0].reading.type, "ph");
  }
  EXPECT_NE(ReadingsTemplateCsv("en").find("# ph: pH; unit pH; from -2 to 16"), std::string::npos);
  EXPECT_NE(ReadingsTemplateCsv("en").find("conductivity_us_cm: Conductivity; unit uS/cm; from 0 "
                                           "to 2000000"),
            std::string::npos);
}

TEST(ReadingsTemplateTest, TheWorkbookHasTheTypesSheetAndAListOfCodes) {
  for (auto lang : texts::kLanguages) {
    auto xlsx = ReadingsTemplateXlsx(lang);
    ASSERT_TRUE(xlsx.has_value()) << xlsx.error().ToString();
    // As downloaded it decodes with the right header and no reading: the example is a note.
    auto decoded = DecodeReadingsXlsx(*xlsx);
    ASSERT_EQ(decoded.errors.size(), 1u) << lang << " " << decoded.errors[0].message;
    EXPECT_EQ(decoded.errors[0].field, "rows");
    const std::string workbook = ZipEntry(*xlsx, "xl/workbook.xml");
    EXPECT_NE(workbook.find("name=\"readings\""), std::string::npos);
    EXPECT_NE(workbook.find("name=\"types\""), std::string::npos);
    const std::string sheet = ZipEntry(*xlsx, "xl/worksheets/sheet1.xml");
    EXPECT_NE(sheet.find("<dataValidation type=\"list\""), std::string::npos);
    EXPECT_NE(sheet.find("types!$A$2:$A$" + std::to_string(ReadingTypes().size() + 1)),
              std::string::npos);
    const std::string strings = ZipEntry(*xlsx, "xl/sharedStrings.xml");
    for (const auto& t : ReadingTypes()) {
      EXPECT_NE(strings.find(">" + std::string(t.name) + "<"), std::string::npos) << t.name;
    }
    EXPECT_NE(strings.find(Text(lang, "labels:reading_type.chloride_mg_l")), std::string::npos);
  }
}

}  // namespace
}  // namespace rutile::equipment
