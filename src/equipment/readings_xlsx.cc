#include "rutile/equipment/readings_xlsx.h"

#include <unzip.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rutile::equipment {
namespace {

// ---- The zip container, read from memory through minizip's I/O hooks. ----

struct MemoryFile {
  std::string_view data;
  ZPOS64_T pos = 0;
};

voidpf ZCALLBACK MemOpen(voidpf opaque, const void*, int) { return opaque; }
uLong ZCALLBACK MemRead(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  if (f->pos >= f->data.size()) return 0;
  uLong n = static_cast<uLong>(std::min<ZPOS64_T>(size, f->data.size() - f->pos));
  std::memcpy(buf, f->data.data() + f->pos, n);
  f->pos += n;
  return n;
}
uLong ZCALLBACK MemWrite(voidpf, voidpf, const void*, uLong) { return 0; }
ZPOS64_T ZCALLBACK MemTell(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->pos; }
long ZCALLBACK MemSeek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  ZPOS64_T base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR)
    base = f->pos;
  else if (origin == ZLIB_FILEFUNC_SEEK_END)
    base = f->data.size();
  else if (origin != ZLIB_FILEFUNC_SEEK_SET)
    return -1;
  if (offset > f->data.size() - std::min<ZPOS64_T>(base, f->data.size())) return -1;
  f->pos = base + offset;
  return 0;
}
int ZCALLBACK MemClose(voidpf, voidpf) { return 0; }
int ZCALLBACK MemError(voidpf, voidpf) { return 0; }

struct UnzCloser {
  void operator()(void* f) const { unzClose(f); }
};

class Zip {
 public:
  explicit Zip(std::string_view data) : file_{data, 0} {
    zlib_filefunc64_def io{};
    io.zopen64_file = MemOpen;
    io.zread_file = MemRead;
    io.zwrite_file = MemWrite;
    io.ztell64_file = MemTell;
    io.zseek64_file = MemSeek;
    io.zclose_file = MemClose;
    io.zerror_file = MemError;
    io.opaque = &file_;
    handle_.reset(unzOpen2_64("memory", &io));
  }
  bool ok() const { return handle_ != nullptr; }

  // The uncompressed entry; nullopt if absent, damaged or larger than the cap.
  std::optional<std::string> Read(const std::string& name, std::string& problem) {
    unzFile f = handle_.get();
    if (unzLocateFile(f, name.c_str(), 1) != UNZ_OK) return std::nullopt;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(f, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      problem = name + " cannot be read";
      return std::nullopt;
    }
    if (info.uncompressed_size > kMaxXlsxPartBytes) {
      problem = name + " is larger than " + std::to_string(kMaxXlsxPartBytes >> 20) + " MiB";
      return std::nullopt;
    }
    if (unzOpenCurrentFile(f) != UNZ_OK) {
      problem = name + " cannot be opened";
      return std::nullopt;
    }
    std::string out;
    char buf[65536];
    while (true) {
      int n = unzReadCurrentFile(f, buf, sizeof buf);
      if (n < 0 || out.size() + static_cast<std::size_t>(n) > kMaxXlsxPartBytes) {
        unzCloseCurrentFile(f);
        problem = name + " is damaged";
        return std::nullopt;
      }
      if (n == 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    if (unzCloseCurrentFile(f) != UNZ_OK) {
      problem = name + " fails its checksum";
      return std::nullopt;
    }
    return out;
  }

 private:
  MemoryFile file_;
  std::unique_ptr<void, UnzCloser> handle_;
};

// ---- The small XML subset of SpreadsheetML: elements, attributes, text, entities. ----

struct Tag {
  std::string_view name;  // local name, namespace prefix removed
  std::string_view attributes;
  bool closing = false;
  bool self_closing = false;
};

class XmlReader {
 public:
  explicit XmlReader(std::string_view xml) : xml_(xml) {}

  // Advances to the next element tag; the text skipped since the previous tag is in text().
  // False at the end or on malformed markup.
  bool Next(Tag& tag) {
    while (true) {
      std::size_t lt = xml_.find('<', pos_);
      if (lt == std::string_view::npos) return false;
      text_ = xml_.substr(pos_, lt - pos_);
      if (xml_.compare(lt, 4, "<!--") == 0) {
        std::size_t end = xml_.find("-->", lt + 4);
        if (end == std::string_view::npos) return false;
        pos_ = end + 3;
        continue;
      }
      if (xml_.compare(lt, 9, "<![CDATA[") == 0) {
        std::size_t end = xml_.find("]]>", lt + 9);
        if (end == std::string_view::npos) return false;
        pos_ = end + 3;
        continue;
      }
      std::size_t gt = xml_.find('>', lt);
      if (gt == std::string_view::npos) return false;
      pos_ = gt + 1;
      std::string_view inside = xml_.substr(lt + 1, gt - lt - 1);
      if (!inside.empty() && (inside.front() == '?' || inside.front() == '!')) continue;
      tag = Tag{};
      if (!inside.empty() && inside.front() == '/') {
        tag.closing = true;
        inside.remove_prefix(1);
      }
      if (!inside.empty() && inside.back() == '/') {
        tag.self_closing = true;
        inside.remove_suffix(1);
      }
      std::size_t space = inside.find_first_of(" \t\r\n");
      std::string_view name = inside.substr(0, space);
      if (std::size_t colon = name.find(':'); colon != std::string_view::npos)
        name.remove_prefix(colon + 1);
      tag.name = name;
      tag.attributes = space == std::string_view::npos ? std::string_view() : inside.substr(space);
      return true;
    }
  }
  std::string_view text() const { return text_; }

 private:
  std::string_view xml_;
  std::size_t pos_ = 0;
  std::string_view text_;
};

void AppendUtf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp <= 0x10FFFF) {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Replaces the five predefined entities and numeric character references; others stay as is.
std::string Unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out.push_back('&');
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "amp")
      out.push_back('&');
    else if (name == "lt")
      out.push_back('<');
    else if (name == "gt")
      out.push_back('>');
    else if (name == "quot")
      out.push_back('"');
    else if (name == "apos")
      out.push_back('\'');
    else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      unsigned long cp = 0;
      auto [end, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
        out.append(s.substr(i, semi - i + 1));
      } else {
        AppendUtf8(out, cp);
      }
    } else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
  return out;
}

// The value of attribute `name` (exact qualified name), unescaped; nullopt if absent.
std::optional<std::string> Attribute(std::string_view attrs, std::string_view name) {
  std::size_t pos = 0;
  while (pos < attrs.size()) {
    std::size_t eq = attrs.find('=', pos);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view key = attrs.substr(pos, eq - pos);
    while (!key.empty() && std::strchr(" \t\r\n", key.front())) key.remove_prefix(1);
    while (!key.empty() && std::strchr(" \t\r\n", key.back())) key.remove_suffix(1);
    std::size_t q = attrs.find_first_of("\"'", eq);
    if (q == std::string_view::npos) return std::nullopt;
    std::size_t end = attrs.find(attrs[q], q + 1);
    if (end == std::string_view::npos) return std::nullopt;
    if (key == name) return Unescape(attrs.substr(q + 1, end - q - 1));
    pos = end + 1;
  }
  return std::nullopt;
}

// Shared strings: the text of every <si>, rich-text runs joined, phonetic hints left out.
std::vector<std::string> SharedStrings(std::string_view xml) {
  std::vector<std::string> out;
  XmlReader r(xml);
  Tag tag;
  bool in_si = false, in_t = false;
  int phonetic_depth = 0;
  std::string current;
  while (r.Next(tag)) {
    if (in_t && phonetic_depth == 0) current += Unescape(r.text());
    if (tag.name == "si") {
      if (tag.closing || tag.self_closing) {
        out.push_back(std::move(current));
        current.clear();
        in_si = false;
      } else {
        in_si = true;
      }
    } else if (tag.name == "rPh") {
      if (!tag.self_closing) phonetic_depth += tag.closing ? -1 : 1;
    } else if (tag.name == "t" && in_si) {
      in_t = !tag.closing && !tag.self_closing;
    }
  }
  return out;
}

// Column letters of a cell reference ("AB12") as a 0-based index; -1 if none.
int ColumnOf(std::string_view ref) {
  int col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; ++i)
    col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? -1 : col - 1;
}

struct Cell {
  int column = 0;
  bool is_number = false;
  double number = 0;
  std::string text;  // for text cells; also the raw text of number cells
};

struct SheetRow {
  std::size_t number = 0;  // 1-based spreadsheet row
  std::vector<Cell> cells;
};

// Rows with at least one non-empty cell, in document order. False on malformed markup.
bool ReadRows(std::string_view xml, const std::vector<std::string>& shared,
              std::vector<SheetRow>& rows, std::string& problem) {
  XmlReader r(xml);
  Tag tag;
  SheetRow row;
  bool in_row = false, in_cell = false, in_v = false, in_inline_t = false;
  std::size_t last_row = 0;
  int next_col = 0;
  Cell cell;
  std::string cell_type, value;
  auto finish_cell = [&]() -> bool {
    if (cell_type == "s") {
      std::size_t index = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), index);
      if (value.empty() || ec != std::errc() || end != value.data() + value.size() ||
          index >= shared.size()) {
        problem = "a cell refers to a shared string that does not exist";
        return false;
      }
      cell.text = shared[index];
    } else if (cell_type == "str" || cell_type == "inlineStr" || cell_type == "d" ||
               cell_type == "e") {
      cell.text = value;
    } else if (cell_type == "b") {
      cell.text = value == "1" ? "TRUE" : "FALSE";
    } else {
      cell.text = value;
      if (!value.empty()) {
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), cell.number);
        cell.is_number = ec == std::errc() && end == value.data() + value.size();
      }
    }
    if (!cell.text.empty()) row.cells.push_back(std::move(cell));
    return true;
  };
  while (r.Next(tag)) {
    if (in_v || in_inline_t) value += Unescape(r.text());
    if (tag.name == "row") {
      if (tag.closing) {
        if (!row.cells.empty()) rows.push_back(std::move(row));
        row = SheetRow{};
        in_row = false;
        continue;
      }
      auto number = Attribute(tag.attributes, "r");
      std::size_t n = last_row + 1;
      if (number) {
        auto [end, ec] = std::from_chars(number->data(), number->data() + number->size(), n);
        if (ec != std::errc() || end != number->data() + number->size() || n == 0) {
          problem = "a row has an invalid number";
          return false;
        }
      }
      row = SheetRow{};
      row.number = last_row = n;
      next_col = 0;
      in_row = !tag.self_closing;
    } else if (tag.name == "c" && in_row) {
      if (tag.closing) {
        if (in_cell && !finish_cell()) return false;
        in_cell = false;
        continue;
      }
      cell = Cell{};
      auto ref = Attribute(tag.attributes, "r");
      cell.column = ref ? ColumnOf(*ref) : next_col;
      if (cell.column < 0) cell.column = next_col;
      next_col = cell.column + 1;
      cell_type = Attribute(tag.attributes, "t").value_or("n");
      value.clear();
      in_cell = !tag.self_closing;
    } else if (tag.name == "v" && in_cell) {
      in_v = !tag.closing && !tag.self_closing;
    } else if (tag.name == "t" && in_cell && cell_type == "inlineStr") {
      in_inline_t = !tag.closing && !tag.self_closing;
    }
  }
  if (in_row && !row.cells.empty()) rows.push_back(std::move(row));
  return true;
}

// The worksheet part of the workbook's first sheet ("xl/worksheets/sheet1.xml" as a fallback).
std::string FirstSheetPath(Zip& zip, bool& date1904) {
  std::string problem;
  std::string fallback = "xl/worksheets/sheet1.xml";
  auto workbook = zip.Read("xl/workbook.xml", problem);
  if (!workbook) return fallback;
  std::optional<std::string> rel_id;
  XmlReader r(*workbook);
  Tag tag;
  while (r.Next(tag)) {
    if (tag.name == "workbookPr" && !tag.closing) {
      auto v = Attribute(tag.attributes, "date1904");
      date1904 = v && (*v == "1" || *v == "true");
    } else if (tag.name == "sheet" && !tag.closing && !rel_id) {
      rel_id = Attribute(tag.attributes, "r:id");
    }
  }
  if (!rel_id) return fallback;
  auto rels = zip.Read("xl/_rels/workbook.xml.rels", problem);
  if (!rels) return fallback;
  XmlReader rr(*rels);
  while (rr.Next(tag)) {
    if (tag.name != "Relationship" || tag.closing) continue;
    if (Attribute(tag.attributes, "Id") != rel_id) continue;
    std::string target = Attribute(tag.attributes, "Target").value_or("");
    if (target.empty()) return fallback;
    if (target.front() == '/') return target.substr(1);
    return "xl/" + target;
  }
  return fallback;
}

std::string Trimmed(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string ExcelSerialToTimestamp(double serial, bool date1904) {
  // Day 25569 of the 1900 system (24107 of the 1904 system) is 1970-01-01. Serials below 61
  // fall before Excel's fictitious 1900-02-29 and are not accepted.
  constexpr double kMaxSerial = 2958465;  // 9999-12-31
  if (!std::isfinite(serial) || serial < (date1904 ? 0 : 61) || serial > kMaxSerial) return "";
  const double epoch = date1904 ? 24107 : 25569;
  const auto seconds = static_cast<std::int64_t>(std::llround((serial - epoch) * 86400.0));
  return FormatTimestamp(seconds);
}

CsvDecoded DecodeReadingsXlsx(std::string_view xlsx, std::size_t max_errors) {
  CsvDecoded out;
  auto fail = [&](std::string message) {
    out.errors.push_back({"file", std::move(message)});
    return out;
  };
  Zip zip(xlsx);
  if (!zip.ok()) return fail("is not an .xlsx workbook (not a zip archive)");
  bool date1904 = false;
  const std::string sheet_path = FirstSheetPath(zip, date1904);
  std::string problem;
  std::vector<std::string> shared;
  if (auto strings = zip.Read("xl/sharedStrings.xml", problem)) {
    shared = SharedStrings(*strings);
  } else if (!problem.empty()) {
    return fail(problem);
  }
  auto sheet = zip.Read(sheet_path, problem);
  if (!sheet) return fail(problem.empty() ? "has no worksheet " + sheet_path : problem);
  std::vector<SheetRow> rows;
  if (!ReadRows(*sheet, shared, rows, problem)) return fail(problem);
  if (rows.empty()) return fail("the first worksheet is empty");

  static const char* const kHeader[] = {"type", "value", "unit", "measured_at"};
  const SheetRow& header = rows.front();
  bool header_ok = header.cells.size() == 4;
  for (std::size_t i = 0; header_ok && i < 4; ++i)
    header_ok = header.cells[i].column == static_cast<int>(i) &&
                Trimmed(header.cells[i].text) == kHeader[i];
  if (!header_ok) {
    out.errors.push_back({"rows[" + std::to_string(header.number) + "]",
                          "the header must be type, value, unit, measured_at in columns A to D"});
    return out;
  }
  for (std::size_t k = 1; k < rows.size(); ++k) {
    const SheetRow& row = rows[k];
    const std::string at = "rows[" + std::to_string(row.number) + "]";
    if (out.errors.size() >= max_errors) {
      out.errors.push_back({"rows", "more errors follow; fix these first"});
      break;
    }
    const Cell* cells[4] = {nullptr, nullptr, nullptr, nullptr};
    bool extra = false;
    for (const Cell& c : row.cells) {
      if (c.column >= 0 && c.column < 4)
        cells[c.column] = &c;
      else
        extra = true;
    }
    if (extra || !cells[0] || !cells[1] || !cells[2] || !cells[3]) {
      out.errors.push_back(
          {at, "must have exactly the 4 cells type, value, unit, measured_at in columns A to D"});
      continue;
    }
    CsvReading reading;
    reading.line = row.number;
    reading.reading.type = Trimmed(cells[0]->text);
    reading.reading.unit = Trimmed(cells[2]->text);
    if (cells[1]->is_number) {
      reading.reading.value = cells[1]->number;
    } else {
      const std::string v = Trimmed(cells[1]->text);
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), reading.reading.value);
      if (v.empty() || ec != std::errc() || end != v.data() + v.size()) {
        out.errors.push_back({at + ".value", "must be a number"});
        continue;
      }
    }
    if (cells[3]->is_number) {
      reading.reading.measured_at = ExcelSerialToTimestamp(cells[3]->number, date1904);
      if (reading.reading.measured_at.empty()) {
        out.errors.push_back({at + ".measured_at", "is not a date Excel can represent"});
        continue;
      }
    } else {
      reading.reading.measured_at = Trimmed(cells[3]->text);
    }
    out.rows.push_back(std::move(reading));
  }
  if (out.errors.empty() && out.rows.empty())
    out.errors.push_back({"rows", "the worksheet has no readings"});
  return out;
}

}  // namespace rutile::equipment
