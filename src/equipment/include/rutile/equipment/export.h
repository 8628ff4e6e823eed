// Equipment exports: tables written as CSV (RFC 4180 quoting, spreadsheet formula guard), XLSX
// (libxlsxwriter) or PDF (rutile_documents), and ExportService, which builds the item list and
// readings tables under the same access checks as the archive. Pure writers are thread-safe;
// ExportService holds references to the database, clock and services, which must outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/equipment/dashboard.h"
#include "rutile/equipment/equipment_service.h"
#include "rutile/store/database.h"

namespace rutile::equipment {

// A cell is text or a number; numbers stay numbers in XLSX.
using ExportCell = std::variant<std::string, double>;

struct ExportTable {
  std::string title;  // sheet name and PDF title
  std::vector<std::string> header;
  std::vector<std::vector<ExportCell>> rows;
};

enum class ExportFormat { kCsv, kXlsx, kPdf };
std::optional<ExportFormat> ParseExportFormat(std::string_view name);  // "csv", "xlsx", "pdf"

// A finished download.
struct ExportFile {
  std::string content_type;
  std::string filename;
  std::string bytes;
};

// One CSV field: text that a spreadsheet would run as a formula (starting with = + - @, tab or
// carriage return) gets a leading apostrophe; fields with a comma, quote or line break are
// quoted with inner quotes doubled.
std::string CsvField(std::string_view text);
// Header line and rows, CRLF line ends (RFC 4180). Numbers are written in the shortest form
// that reads back exactly.
std::string WriteCsv(const ExportTable& table);
// An .xlsx workbook with one sheet named after the table (header row bold and frozen).
Result<std::string> WriteXlsx(const ExportTable& table);
// A landscape A4 PDF with the title, the generation date and the table.
Result<std::string> WritePdf(const ExportTable& table, std::string_view as_of);

// Writes the table in the format and names the file "<stem>.<ext>".
Result<ExportFile> Render(const ExportTable& table, ExportFormat format, std::string_view stem,
                          std::string_view as_of);

class ExportService {
 public:
  ExportService(store::Database& db, const Clock& clock, EquipmentService& equipment,
                DashboardService& views);

  // The items of org_id (the caller must belong to it): grade, latest reading per type and the
  // next inspection date.
  Result<ExportFile> ExportItems(const access::Principal& caller, std::int64_t org_id,
                                 ExportFormat format);
  Result<ExportTable> ItemsTable(const access::Principal& caller, std::int64_t org_id);
  // The readings of one item (oldest first, at most `limit`); CSV or XLSX.
  Result<ExportFile> ExportReadings(const access::Principal& caller, std::int64_t item_id,
                                    ExportFormat format, std::int64_t limit = 1'000'000);

 private:
  std::string Today() const;

  store::Database& db_;
  const Clock& clock_;
  EquipmentService& equipment_;
  DashboardService& views_;
};

}  // namespace rutile::equipment
