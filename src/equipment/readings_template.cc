#include "rutile/equipment/readings_template.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <mutex>

#include "rutile/core/check.h"
#include "rutile/equipment/model.h"
#include "rutile/texts/catalogue.h"
#include "xlsx_workbook.h"

namespace rutile::equipment {

namespace {

// A catalogue text in the template's language.
std::string Text(std::string_view lang, std::string_view key, const texts::Params& params = {}) {
  return texts::Catalogue::ForLanguage(lang).Get(key, params);
}

// 400000 -> "400000", 0.01 -> "0.01", -50 -> "-50".
std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// An example reading in a past month, the same in every template.
constexpr const char* kExampleType = "ph";
constexpr const char* kExampleValue = "7.2";
constexpr double kExampleNumber = 7.2;
constexpr const char* kExampleUnit = "pH";
constexpr const char* kExampleTime = "2026-06-01T08:00:00Z";

std::string Label(std::string_view lang, const ReadingType& t) {
  return Text(lang, "labels:reading_type." + std::string(t.name));
}

std::string TypeLine(std::string_view lang, const ReadingType& t) {
  return Text(lang, "readings:template.type_line",
              {{"code", std::string(t.name)},
               {"label", Label(lang, t)},
               {"unit", std::string(t.unit)},
               {"min", Number(t.min)},
               {"max", Number(t.max)}});
}

// The notes both templates carry, in order.
std::vector<std::string> Notes(std::string_view lang) {
  std::vector<std::string> out;
  for (const char* key : {"readings:template.title", "readings:template.how",
                          "readings:template.column_type", "readings:template.column_value",
                          "readings:template.column_unit", "readings:template.column_measured_at"})
    out.push_back(Text(lang, key));
  return out;
}

}  // namespace

std::string ReadingsTemplateCsv(std::string_view lang) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&out](const std::string& text) { out += text + "\r\n"; };
  for (const auto& note : Notes(lang)) line("# " + note);
  line("#");
  line("# " + Text(lang, "readings:template.types"));
  for (const auto& t : ReadingTypes()) line("# " + TypeLine(lang, t));
  line("#");
  line("# " + Text(lang, "readings:template.example"));
  line(std::string("# ") + kExampleType + "," + kExampleValue + "," + kExampleUnit + "," +
       kExampleTime);
  line("type,value,unit,measured_at");
  return out;
}

namespace {

Result<std::string> WriteTemplateXlsx(std::string_view lang) {
  return WorkbookBytes([&](lxw_workbook* wb) {
    lxw_worksheet* readings = workbook_add_worksheet(wb, "readings");
    lxw_worksheet* types = workbook_add_worksheet(wb, "types");
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* note = workbook_add_format(wb);
    format_set_italic(note);
    format_set_font_color(note, LXW_COLOR_GRAY);
    lxw_format* text_cells = workbook_add_format(wb);
    format_set_num_format(text_cells, "@");

    // The sheet to fill: header, example row (a note), then the rows to fill.
    const char* header[] = {"type", "value", "unit", "measured_at"};
    for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(readings, 0, c, header[c], bold);
    worksheet_write_string(readings, 1, 0, (std::string("# ") + kExampleType).c_str(), note);
    worksheet_write_number(readings, 1, 1, kExampleNumber, note);
    worksheet_write_string(readings, 1, 2, kExampleUnit, note);
    worksheet_write_string(readings, 1, 3, kExampleTime, note);
    worksheet_set_column(readings, 0, 0, 24, nullptr);
    worksheet_set_column(readings, 1, 2, 12, nullptr);
    // The time column is text, so "2026-06-01T08:00:00Z" stays as typed (date cells are read too).
    worksheet_set_column(readings, 3, 3, 24, text_cells);
    worksheet_freeze_panes(readings, 1, 0);

    // The types sheet: one row per type, then the notes.
    const auto& all = ReadingTypes();
    const char* heads[] = {"readings:template.head_code", "readings:template.head_label",
                           "readings:template.head_unit", "readings:template.head_aliases",
                           "readings:template.head_min",  "readings:template.head_max"};
    for (lxw_col_t c = 0; c < 6; ++c)
      worksheet_write_string(types, 0, c, Text(lang, heads[c]).c_str(), bold);
    lxw_row_t row = 1;
    for (const auto& t : all) {
      std::string aliases;
      for (auto a : t.unit_aliases) {
        if (a == t.unit) continue;
        aliases += (aliases.empty() ? "" : ", ") + std::string(a);
      }
      worksheet_write_string(types, row, 0, std::string(t.name).c_str(), nullptr);
      worksheet_write_string(types, row, 1, Label(lang, t).c_str(), nullptr);
      worksheet_write_string(types, row, 2, std::string(t.unit).c_str(), nullptr);
      worksheet_write_string(types, row, 3, aliases.c_str(), nullptr);
      worksheet_write_number(types, row, 4, t.min, nullptr);
      worksheet_write_number(types, row, 5, t.max, nullptr);
      ++row;
    }
    ++row;
    for (const auto& n : Notes(lang)) worksheet_write_string(types, row++, 0, n.c_str(), note);
    worksheet_set_column(types, 0, 0, 24, nullptr);
    worksheet_set_column(types, 1, 1, 28, nullptr);
    worksheet_set_column(types, 2, 5, 16, nullptr);
    worksheet_freeze_panes(types, 1, 0);

    // The type column offers the codes of the types sheet and refuses others.
    std::string formula = "=types!$A$2:$A$" + std::to_string(all.size() + 1);
    std::string title = Text(lang, "readings:template.invalid_title");
    std::string message = Text(lang, "readings:template.invalid_message");
    lxw_data_validation validation{};
    validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    validation.value_formula = formula.data();
    validation.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    validation.error_title = title.data();
    validation.error_message = message.data();
    worksheet_data_validation_range(readings, 2, 0, 10001, 0, &validation);
  });
}

}  // namespace

Result<std::string> ReadingsTemplateXlsx(std::string_view asked) {
  const std::string_view lang = texts::IsLanguage(asked) ? asked : std::string_view("en");
  // The workbook depends only on the language: each is written once and kept. That also bounds
  // libxlsxwriter 1.1.4's leak of the list formula (tests/lsan.supp) to one string per language.
  static std::mutex mutex;
  static std::map<std::string, std::string, std::less<>> written;
  std::lock_guard lock(mutex);
  if (auto it = written.find(lang); it != written.end()) return it->second;
  auto bytes = WriteTemplateXlsx(lang);
  if (!bytes) return bytes;
  return written.emplace(std::string(lang), std::move(*bytes)).first->second;
}

}  // namespace rutile::equipment
