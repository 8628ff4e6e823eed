#include "rutile/equipment/export.h"

#include <xlsxwriter.h>

#include <charconv>
#include <map>
#include <set>

#include "rollup_repository.h"
#include "rutile/access/policy.h"
#include "rutile/documents/document.h"
#include "rutile/engine/thickness.h"
#include "rutile/equipment/label.h"
#include "rutile/equipment/rollups.h"
#include "xlsx_workbook.h"

namespace rutile::equipment {
namespace {

constexpr std::size_t kXlsxMaxRows = 1'048'576;  // Office Open XML sheet limit
constexpr std::size_t kXlsxMaxString = 32'767;   // characters per cell
constexpr std::size_t kPdfMaxRows = 2'000;       // a PDF beyond this is not a useful print

std::string Number(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

std::string CellText(const ExportCell& cell) {
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  return Number(std::get<double>(cell));
}

// Sheet names: at most 31 characters, none of []:*?/\ .
std::string SheetName(std::string_view title) {
  std::string out;
  for (char ch : title) {
    if (std::string_view("[]:*?/\\").find(ch) != std::string_view::npos) ch = '_';
    out.push_back(ch);
  }
  if (out.empty()) out = "Sheet1";
  return out.substr(0, 31);
}

// The named columns of a table, in the given order.
ExportTable SelectColumns(const ExportTable& table, const std::vector<std::string>& names) {
  std::vector<std::size_t> keep;
  for (const auto& n : names)
    for (std::size_t i = 0; i < table.header.size(); ++i)
      if (table.header[i] == n) keep.push_back(i);
  ExportTable out;
  out.title = table.title;
  for (std::size_t i : keep) out.header.push_back(table.header[i]);
  for (const auto& row : table.rows) {
    std::vector<ExportCell> cells;
    for (std::size_t i : keep) cells.push_back(row[i]);
    out.rows.push_back(std::move(cells));
  }
  return out;
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "xlsx") return ExportFormat::kXlsx;
  if (name == "pdf") return ExportFormat::kPdf;
  return std::nullopt;
}

std::string CsvField(std::string_view text) {
  std::string value;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    value = "'";
  value += text;
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char ch : value) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  return quoted + '"';
}

std::string WriteCsv(const ExportTable& table) {
  std::string out;
  auto line = [&out](const auto& cells, auto&& text_of) {
    bool first = true;
    for (const auto& c : cells) {
      if (!first) out += ',';
      first = false;
      out += text_of(c);
    }
    out += "\r\n";
  };
  line(table.header, [](const std::string& h) { return CsvField(h); });
  for (const auto& row : table.rows)
    line(row, [](const ExportCell& c) {
      // Numbers are data, never formulas: "-3.5" stays as it is.
      if (const auto* d = std::get_if<double>(&c)) return Number(*d);
      return CsvField(std::get<std::string>(c));
    });
  return out;
}

Result<std::string> WriteXlsx(const ExportTable& table) {
  if (table.rows.size() + 1 > kXlsxMaxRows)
    return InvalidArgument("too many rows for one XLSX sheet",
                           {{"limit", "at most 1048575 rows fit in a sheet"}});
  return WorkbookBytes([&](lxw_workbook* wb) {
    const std::string sheet_name = SheetName(table.title);
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    auto text = [&](std::size_t r, std::size_t c, const std::string& s, lxw_format* f) {
      const std::string cut = s.size() > kXlsxMaxString ? s.substr(0, kXlsxMaxString) : s;
      worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), cut.c_str(),
                             f);
    };
    for (std::size_t c = 0; c < table.header.size(); ++c) text(0, c, table.header[c], bold);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
        const ExportCell& cell = table.rows[r][c];
        if (const auto* d = std::get_if<double>(&cell))
          worksheet_write_number(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), *d,
                                 nullptr);
        else
          text(r + 1, c, std::get<std::string>(cell), nullptr);
      }
    }
    worksheet_freeze_panes(ws, 1, 0);
  });
}

Result<std::string> WritePdf(const ExportTable& table, std::string_view as_of) {
  if (table.rows.size() > kPdfMaxRows)
    return InvalidArgument("too many rows for a PDF; export CSV or XLSX instead",
                           {{"format", "PDF exports hold at most 2000 rows"}});
  documents::Document doc("en");
  doc.Title(table.title);
  doc.Paragraph("As of " + std::string(as_of) + " (UTC). " + std::to_string(table.rows.size()) +
                " rows.");
  std::vector<std::vector<std::string>> rows;
  rows.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (const auto& c : row) cells.push_back(CellText(c));
    rows.push_back(std::move(cells));
  }
  doc.Table(table.header, std::move(rows));
  documents::PageOptions page;
  page.width_mm = 297;
  page.height_mm = 210;
  page.margin_mm = 12;
  page.footer = "Rutile equipment export, " + std::string(as_of);
  return documents::RenderPdf(doc, page);
}

Result<ExportFile> Render(const ExportTable& table, ExportFormat format, std::string_view stem,
                          std::string_view as_of) {
  ExportFile file;
  switch (format) {
    case ExportFormat::kCsv:
      file.content_type = "text/csv; charset=utf-8";
      file.filename = std::string(stem) + ".csv";
      file.bytes = WriteCsv(table);
      return file;
    case ExportFormat::kXlsx: {
      file.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      file.filename = std::string(stem) + ".xlsx";
      RUTILE_ASSIGN_OR_RETURN(file.bytes, WriteXlsx(table));
      return file;
    }
    case ExportFormat::kPdf: {
      file.content_type = "application/pdf";
      file.filename = std::string(stem) + ".pdf";
      RUTILE_ASSIGN_OR_RETURN(file.bytes, WritePdf(table, as_of));
      return file;
    }
  }
  return Internal("unknown export format");
}

ExportService::ExportService(store::Database& db, const Clock& clock, EquipmentService& equipment,
                             DashboardService& views)
    : db_(db), clock_(clock), equipment_(equipment), views_(views) {}

std::string ExportService::Today() const {
  return engine::FormatDate(engine::CivilFromDays(DayOf(UnixSeconds(clock_.Now()))));
}

Result<ExportTable> ExportService::ItemsTable(const access::Principal& caller,
                                              std::int64_t org_id) {
  access::RecordRef org;
  org.owner_org_id = org_id;
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, org));
  RUTILE_TRY(views_.RefreshInspections());
  std::vector<views::ItemFact> facts;
  std::vector<views::LatestReading> latest;
  RUTILE_TRY(store::Read(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(facts, views::LoadItemFacts(c, "i.org_id = ?", {{org_id}}));
    RUTILE_ASSIGN_OR_RETURN(latest, views::LatestReadingsOfOrg(c, org_id));
    return Ok();
  }));
  std::set<std::string> types;
  std::map<std::pair<std::int64_t, std::string>, const views::LatestReading*> by_item;
  for (const auto& l : latest) {
    types.insert(l.type);
    by_item[{l.item_id, l.type}] = &l;
  }
  const std::string today = Today();
  ExportTable t;
  t.title = "Equipment";
  t.header = {"id",
              "code",
              "name",
              "type",
              "material",
              "level",
              "grade",
              "verdict",
              "location",
              "open_warning_alerts",
              "open_critical_alerts",
              "next_inspection_date",
              "inspection_overdue"};
  for (const auto& type : types) {
    t.header.push_back(type);
    t.header.push_back(type + " measured_at");
  }
  for (const auto& f : facts) {
    std::vector<ExportCell> row = {static_cast<double>(f.id),
                                   ItemCode(f.id),
                                   f.name,
                                   f.type,
                                   f.material,
                                   f.level,
                                   static_cast<double>(f.grade),
                                   f.verdict,
                                   f.location,
                                   static_cast<double>(f.open_warning_alerts),
                                   static_cast<double>(f.open_critical_alerts),
                                   f.next_inspection_date,
                                   std::string(f.next_inspection_date.empty()   ? ""
                                               : f.next_inspection_date < today ? "yes"
                                                                                : "no")};
    for (const auto& type : types) {
      auto it = by_item.find({f.id, type});
      if (it == by_item.end()) {
        row.insert(row.end(), {std::string(), std::string()});
      } else {
        row.push_back(it->second->value);
        row.push_back(FormatTimestamp(it->second->measured_at));
      }
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

Result<ExportFile> ExportService::ExportItems(const access::Principal& caller, std::int64_t org_id,
                                              ExportFormat format) {
  RUTILE_ASSIGN_OR_RETURN(ExportTable t, ItemsTable(caller, org_id));
  // A printed page has room for the main columns only.
  if (format == ExportFormat::kPdf)
    t = SelectColumns(t, {"code", "name", "type", "grade", "open_critical_alerts",
                          "next_inspection_date", "inspection_overdue"});
  const std::string today = Today();
  t.title = "Equipment of organization " + std::to_string(org_id);
  return Render(t, format, "equipment-" + std::to_string(org_id) + "-" + today, today);
}

Result<ExportFile> ExportService::ExportReadings(const access::Principal& caller,
                                                 std::int64_t item_id, ExportFormat format,
                                                 std::int64_t limit) {
  if (format == ExportFormat::kPdf)
    return InvalidArgument("readings export as csv or xlsx",
                           {{"format", "must be csv or xlsx for readings"}});
  if (limit < 1 || limit > 1'000'000)
    return InvalidArgument("invalid limit", {{"limit", "must be from 1 to 1000000"}});
  RUTILE_ASSIGN_OR_RETURN(Item item, equipment_.Get(caller, item_id));
  ExportTable t;
  t.title = "Readings " + ItemCode(item.id);
  t.header = {"id", "type", "value", "unit", "measured_at", "recorded_at", "source"};
  RUTILE_TRY(store::Read(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(
        auto rows, c.Query("SELECT id, type, value, unit, measured_at, recorded_at, source FROM "
                           "equipment_readings WHERE item_id = ? ORDER BY measured_at, id LIMIT ?",
                           {item_id, limit}));
    t.rows.reserve(rows.size());
    for (const auto& r : rows)
      t.rows.push_back({static_cast<double>(r.Int(0)), r.Text(1), r.Real(2), r.Text(3),
                        FormatTimestamp(r.Int(4)), FormatTimestamp(r.Int(5)), r.Text(6)});
    return Ok();
  }));
  const std::string today = Today();
  return Render(t, format, "readings-" + ItemCode(item.id) + "-" + today, today);
}

}  // namespace rutile::equipment
