#include "rutile/equipment/readings_csv.h"

#include <charconv>
#include <cstdint>
#include <string>

namespace rutile::equipment {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = line.find(',', start);
    out.push_back(
        Trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

CsvDecoded DecodeReadingsCsv(std::string_view csv, std::size_t max_errors, std::size_t max_rows) {
  CsvDecoded out;
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  std::size_t line_no = 0, pos = 0;
  bool header_seen = false;
  while (pos <= csv.size()) {
    std::size_t nl = csv.find('\n', pos);
    std::string_view line = Trim(csv.substr(pos, nl == csv.npos ? csv.npos : nl - pos));
    pos = nl == csv.npos ? csv.size() + 1 : nl + 1;
    ++line_no;
    // Blank, or a note: '#' first, also as a spreadsheet saves it ("# a, b",,,).
    if (line.empty() || line.front() == '#' || line.rfind("\"#", 0) == 0) continue;
    auto cells = Split(line);
    // A spreadsheet pads rows to its widest one with empty cells; they carry nothing.
    while (cells.size() > 1 && cells.back().empty()) cells.pop_back();
    const std::string at = "rows[" + std::to_string(line_no) + "]";
    if (!header_seen) {
      header_seen = true;
      if (cells != std::vector<std::string_view>{"type", "value", "unit", "measured_at"}) {
        out.errors.push_back({at, "the header must be type,value,unit,measured_at"});
        break;
      }
      continue;
    }
    if (out.errors.size() >= max_errors) {
      out.errors.push_back({"rows", "more errors follow; fix these first"});
      break;
    }
    if (out.rows.size() >= max_rows) {
      out.errors.push_back(
          {"rows", "at most " + std::to_string(max_rows) + " readings per file; split it"});
      break;
    }
    if (cells.size() != 4) {
      out.errors.push_back({at, "must have 4 comma-separated fields (quoting is not supported)"});
      continue;
    }
    CsvReading row;
    row.line = line_no;
    row.reading.type = std::string(cells[0]);
    row.reading.unit = std::string(cells[2]);
    row.reading.measured_at = std::string(cells[3]);
    const char* first = cells[1].data();
    const char* last = first + cells[1].size();
    auto [end, ec] = std::from_chars(first, last, row.reading.value);
    if (cells[1].empty() || ec != std::errc() || end != last) {
      out.errors.push_back({at + ".value", "must be a number"});
      continue;
    }
    out.rows.push_back(std::move(row));
  }
  if (!header_seen) out.errors.push_back({"rows[1]", "the file is empty"});
  if (out.errors.empty() && out.rows.empty())
    out.errors.push_back({"rows", "the file has no readings"});
  return out;
}

std::size_t CsvErrorLine(const FieldError& error) {
  constexpr std::string_view kPrefix = "rows[";
  if (error.field.rfind(kPrefix, 0) != 0) return SIZE_MAX;
  std::size_t n = 0;
  const char* first = error.field.data() + kPrefix.size();
  auto [end, ec] = std::from_chars(first, error.field.data() + error.field.size(), n);
  if (ec != std::errc() || *end != ']') return SIZE_MAX;
  return n;
}

}  // namespace rutile::equipment
