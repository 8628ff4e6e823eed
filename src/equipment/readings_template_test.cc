#include "rutile/equipment/readings_template.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <unzip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "rutile/equipment/model.h"
#include "rutile/equipment/readings_xlsx.h"

namespace rutile::equipment {
namespace {

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
  const char* keys[] = {"template.title",          "template.how",
                        "template.column_type",    "template.column_value",
                        "template.column_unit",    "template.column_measured_at",
                        "template.example",        "template.types",
                        "template.type_line",      "template.head_code",
                        "template.head_label",     "template.head_unit",
                        "template.head_aliases",   "template.head_min",
                        "template.head_max",       "template.invalid_title",
                        "template.invalid_message"};
  for (auto lang : kTemplateLanguages) {
    for (const char* key : keys) EXPECT_NE(TemplateText(lang, key), key) << lang << " " << key;
    for (const auto& t : ReadingTypes()) {
      const std::string key = "labels:reading_type." + std::string(t.name);
      EXPECT_NE(TemplateText(lang, key), key) << lang;
    }
  }
  EXPECT_NE(TemplateText("zh", "labels:reading_type.bath_temperature_c"),
            TemplateText("en", "labels:reading_type.bath_temperature_c"));
  // Error titles of a data validation are at most 32 characters in Excel.
  for (auto lang : kTemplateLanguages) {
    const std::string title = TemplateText(lang, "template.invalid_title");
    EXPECT_LE(std::count_if(title.begin(), title.end(), [](char c) { return (c & 0xC0) != 0x80; }),
              32);
  }
}

TEST(ReadingsTemplateTest, TheCsvDocumentsEveryTypeAndImportsOnceFilled) {
  for (auto lang : kTemplateLanguages) {
    const std::string csv = ReadingsTemplateCsv(lang);
    for (const auto& t : ReadingTypes()) {
      const std::string code = "# " + std::string(t.name);
      EXPECT_NE(csv.find(code), std::string::npos) << lang << " " << t.name;
      EXPECT_NE(csv.find(TemplateText(lang, "labels:reading_type." + std::string(t.name))),
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
  for (auto lang : kTemplateLanguages) {
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
    EXPECT_NE(strings.find(TemplateText(lang, "labels:reading_type.chloride_mg_l")),
              std::string::npos);
  }
}

}  // namespace
}  // namespace rutile::equipment
