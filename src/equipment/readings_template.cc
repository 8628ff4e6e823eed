#include "rutile/equipment/readings_template.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <map>
#include <mutex>

#include "rutile/core/check.h"
#include "rutile/equipment/model.h"
#include "xlsx_workbook.h"

namespace rutile::equipment {

#define RUTILE_TEMPLATE_LANG(l)                \
  std::string_view EmbeddedReadingsText_##l(); \
  std::string_view EmbeddedLabelsText_##l();
RUTILE_TEMPLATE_LANG(en)
RUTILE_TEMPLATE_LANG(zh)
RUTILE_TEMPLATE_LANG(es)
RUTILE_TEMPLATE_LANG(fr)
RUTILE_TEMPLATE_LANG(pt)
RUTILE_TEMPLATE_LANG(ar)
#undef RUTILE_TEMPLATE_LANG

namespace {

namespace json = boost::json;
using Texts = std::map<std::string, std::string, std::less<>>;

void Flatten(const json::value& v, const std::string& prefix, Texts& out) {
  if (v.is_string()) {
    out[prefix] = std::string(v.as_string());
    return;
  }
  if (!v.is_object()) return;
  for (const auto& [key, child] : v.as_object()) {
    std::string name = prefix;
    if (!name.empty() && name.back() != ':') name += '.';
    name += std::string(key);
    Flatten(child, name, out);
  }
}

// readings.json keys as they are ("template.how"), labels.json keys behind "labels:".
Texts Parse(std::string_view readings_json, std::string_view labels_json) {
  Texts texts;
  for (auto [ns, text] : {std::pair{"", readings_json}, std::pair{"labels:", labels_json}}) {
    boost::system::error_code ec;
    json::value v = json::parse(text, ec);
    RUTILE_CHECK(!ec && v.is_object(), "an embedded readings text catalogue is invalid");
    Flatten(v, ns, texts);
  }
  return texts;
}

const Texts& TextsFor(std::string_view lang) {
  static const std::map<std::string, Texts, std::less<>> all = [] {
    std::map<std::string, Texts, std::less<>> m;
    m.emplace("en", Parse(EmbeddedReadingsText_en(), EmbeddedLabelsText_en()));
    m.emplace("zh", Parse(EmbeddedReadingsText_zh(), EmbeddedLabelsText_zh()));
    m.emplace("es", Parse(EmbeddedReadingsText_es(), EmbeddedLabelsText_es()));
    m.emplace("fr", Parse(EmbeddedReadingsText_fr(), EmbeddedLabelsText_fr()));
    m.emplace("pt", Parse(EmbeddedReadingsText_pt(), EmbeddedLabelsText_pt()));
    m.emplace("ar", Parse(EmbeddedReadingsText_ar(), EmbeddedLabelsText_ar()));
    return m;
  }();
  auto it = all.find(lang);
  return it == all.end() ? all.at("en") : it->second;
}

bool Supported(std::string_view lang) {
  return std::find(std::begin(kTemplateLanguages), std::end(kTemplateLanguages), lang) !=
         std::end(kTemplateLanguages);
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
  return TemplateText(lang, "labels:reading_type." + std::string(t.name));
}

std::string TypeLine(std::string_view lang, const ReadingType& t) {
  return TemplateText(lang, "template.type_line",
                      {{"code", std::string(t.name)},
                       {"label", Label(lang, t)},
                       {"unit", std::string(t.unit)},
                       {"min", Number(t.min)},
                       {"max", Number(t.max)}});
}

// The notes both templates carry, in order.
std::vector<std::string> Notes(std::string_view lang) {
  std::vector<std::string> out;
  for (const char* key :
       {"template.title", "template.how", "template.column_type", "template.column_value",
        "template.column_unit", "template.column_measured_at"})
    out.push_back(TemplateText(lang, key));
  return out;
}

}  // namespace

std::string TemplateText(std::string_view lang, std::string_view key,
                         const std::vector<std::pair<std::string, std::string>>& params) {
  const Texts& texts = TextsFor(lang);
  auto it = texts.find(key);
  if (it == texts.end()) return std::string(key);
  std::string out = it->second;
  for (const auto& [name, value] : params) {
    const std::string slot = "{{" + name + "}}";
    for (std::size_t at = out.find(slot); at != std::string::npos;
         at = out.find(slot, at + value.size()))
      out.replace(at, slot.size(), value);
  }
  return out;
}

std::string ReadingsTemplateCsv(std::string_view lang) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&out](const std::string& text) { out += text + "\r\n"; };
  for (const auto& note : Notes(lang)) line("# " + note);
  line("#");
  line("# " + TemplateText(lang, "template.types"));
  for (const auto& t : ReadingTypes()) line("# " + TypeLine(lang, t));
  line("#");
  line("# " + TemplateText(lang, "template.example"));
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
    const char* heads[] = {"template.head_code",    "template.head_label", "template.head_unit",
                           "template.head_aliases", "template.head_min",   "template.head_max"};
    for (lxw_col_t c = 0; c < 6; ++c)
      worksheet_write_string(types, 0, c, TemplateText(lang, heads[c]).c_str(), bold);
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
    std::string title = TemplateText(lang, "template.invalid_title");
    std::string message = TemplateText(lang, "template.invalid_message");
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
  const std::string_view lang = Supported(asked) ? asked : std::string_view("en");
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
