#include "rutile/equipment/readings_xlsx.h"

#include <unzip.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
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

constexpr std::size_t kChunkBytes = 64 * 1024;
// The workbook and its relationships are read whole; they name sheets and are small.
constexpr std::size_t kMaxSmallPartBytes = 1u << 20;
// Bounds of the memory one import may use beyond its upload (see kMaxCellTextBytes).
constexpr std::size_t kMaxPendingXmlBytes = 1u << 20;

// What a streaming consumer says after a piece of XML.
enum class Flow { kContinue, kStop, kFail };

// The end of the last complete closing tag `</name>` or `</prefix:name>` in `xml`; npos if none.
// "</" cannot occur in XML text or attribute values, so a match is a real tag (comments and
// CDATA sections aside, which worksheets do not use between rows).
std::size_t EndOfLastClosingTag(std::string_view xml, std::string_view name) {
  std::string needle(name);
  needle += '>';
  std::size_t pos = xml.rfind(needle);
  while (pos != std::string_view::npos) {
    std::size_t p = pos;
    if (p > 0 && xml[p - 1] == ':') {
      --p;
      while (p > 0 && (std::isalnum(static_cast<unsigned char>(xml[p - 1])) || xml[p - 1] == '_' ||
                       xml[p - 1] == '-' || xml[p - 1] == '.'))
        --p;
    }
    if (p >= 2 && xml[p - 2] == '<' && xml[p - 1] == '/') return pos + needle.size();
    if (pos == 0) break;
    pos = xml.rfind(needle, pos - 1);
  }
  return std::string_view::npos;
}

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

  // Inflates entry `name` in pieces and hands `feed` text that ends right after a closing tag
  // `</name>` of element `cut` (any namespace prefix), so only one such element and the current
  // piece are in memory. kStop from `feed` ends early. Missing entry: kFail with an empty
  // problem.
  Flow ReadInPieces(const std::string& name, std::string_view cut, std::string& problem,
                    const std::function<Flow(std::string_view)>& feed) {
    unzFile f = handle_.get();
    if (unzLocateFile(f, name.c_str(), 1) != UNZ_OK) return Flow::kFail;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(f, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      problem = name + " cannot be read";
      return Flow::kFail;
    }
    if (info.uncompressed_size > kMaxXlsxPartBytes) {
      problem = name + " is larger than " + std::to_string(kMaxXlsxPartBytes >> 20) + " MiB";
      return Flow::kFail;
    }
    if (unzOpenCurrentFile(f) != UNZ_OK) {
      problem = name + " cannot be opened";
      return Flow::kFail;
    }
    std::string pending;
    std::size_t total = 0;
    auto chunk = std::make_unique<char[]>(kChunkBytes);
    Flow flow = Flow::kContinue;
    while (flow == Flow::kContinue) {
      int n = unzReadCurrentFile(f, chunk.get(), static_cast<unsigned>(kChunkBytes));
      if (n < 0) {
        unzCloseCurrentFile(f);
        problem = name + " is damaged";
        return Flow::kFail;
      }
      total += static_cast<std::size_t>(n);
      if (total > kMaxXlsxPartBytes) {
        unzCloseCurrentFile(f);
        problem = name + " is larger than " + std::to_string(kMaxXlsxPartBytes >> 20) + " MiB";
        return Flow::kFail;
      }
      if (n == 0) {
        flow = feed(pending);
        pending.clear();
        break;
      }
      pending.append(chunk.get(), static_cast<std::size_t>(n));
      std::size_t end = EndOfLastClosingTag(pending, cut);
      if (end != std::string::npos) {
        flow = feed(std::string_view(pending).substr(0, end));
        pending.erase(0, end);
      } else if (pending.size() > kMaxPendingXmlBytes) {
        unzCloseCurrentFile(f);
        problem = name + " has an element larger than " +
                  std::to_string(kMaxPendingXmlBytes >> 20) + " MiB";
        return Flow::kFail;
      }
    }
    // The checksum is checked only when the entry was read to its end.
    if (unzCloseCurrentFile(f) != UNZ_OK && flow == Flow::kContinue) {
      problem = name + " fails its checksum";
      return Flow::kFail;
    }
    return flow;
  }

  // The whole entry; nullopt if absent, damaged or larger than max_bytes.
  std::optional<std::string> Read(const std::string& name, std::string& problem,
                                  std::size_t max_bytes) {
    unzFile f = handle_.get();
    if (unzLocateFile(f, name.c_str(), 1) != UNZ_OK) return std::nullopt;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(f, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      problem = name + " cannot be read";
      return std::nullopt;
    }
    if (info.uncompressed_size > max_bytes) {
      problem = name + " is larger than " + std::to_string(max_bytes) + " bytes";
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
      if (n < 0 || out.size() + static_cast<std::size_t>(n) > max_bytes) {
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

// Cell texts are kept to this many bytes (plus one, so an over-long text stays invalid): a
// reading's type, unit and time are short, and the cap bounds memory per row.
constexpr std::size_t kMaxCellTextBytes = 256;
// The shared-string table may hold at most this many strings and this much text.
constexpr std::size_t kMaxSharedStrings = 200000;
constexpr std::size_t kMaxSharedStringBytes = 8u << 20;

void CapText(std::string& s) {
  if (s.size() > kMaxCellTextBytes + 1) s.resize(kMaxCellTextBytes + 1);
}

// Shared strings: the text of every <si>, rich-text runs joined, phonetic hints left out; fed in
// pieces that end after a tag.
class SharedStringsParser {
 public:
  Flow Feed(std::string_view xml, std::string& problem) {
    XmlReader r(xml);
    Tag tag;
    while (r.Next(tag)) {
      if (in_t_ && phonetic_depth_ == 0 && current_.size() <= kMaxCellTextBytes) {
        current_ += Unescape(r.text());
      }
      if (tag.name == "si") {
        if (tag.closing || tag.self_closing) {
          CapText(current_);
          bytes_ += current_.size();
          if (strings_.size() >= kMaxSharedStrings || bytes_ > kMaxSharedStringBytes) {
            problem = "xl/sharedStrings.xml has more strings than an import may use";
            return Flow::kFail;
          }
          strings_.push_back(std::move(current_));
          current_.clear();
          in_si_ = false;
        } else {
          in_si_ = true;
        }
      } else if (tag.name == "rPh") {
        if (!tag.self_closing) phonetic_depth_ += tag.closing ? -1 : 1;
      } else if (tag.name == "t" && in_si_) {
        in_t_ = !tag.closing && !tag.self_closing;
      }
    }
    return Flow::kContinue;
  }
  std::vector<std::string> Take() { return std::move(strings_); }

 private:
  std::vector<std::string> strings_;
  std::size_t bytes_ = 0;
  bool in_si_ = false, in_t_ = false;
  int phonetic_depth_ = 0;
  std::string current_;
};

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
  std::string text;  // for text cells; also the raw text of number cells; capped
};

struct SheetRow {
  std::size_t number = 0;   // 1-based spreadsheet row
  std::vector<Cell> cells;  // columns A to D only
  bool extra = false;       // a non-empty cell beyond column D
};

// The worksheet's rows, fed in pieces that end after a tag. Each row with at least one non-empty
// cell goes to `on_row` in document order; it answers whether to go on.
class RowParser {
 public:
  using RowSink = std::function<Flow(SheetRow&&)>;
  RowParser(const std::vector<std::string>& shared, RowSink on_row)
      : shared_(shared), on_row_(std::move(on_row)) {}

  Flow Feed(std::string_view xml, std::string& problem) {
    XmlReader r(xml);
    Tag tag;
    while (r.Next(tag)) {
      if ((in_v_ || in_inline_t_) && value_.size() <= 2 * kMaxCellTextBytes) {
        value_ += Unescape(r.text());
      }
      if (tag.name == "row") {
        if (tag.closing) {
          in_row_ = false;
          if (Flow f = EmitRow(); f != Flow::kContinue) return f;
          continue;
        }
        auto number = Attribute(tag.attributes, "r");
        std::size_t n = last_row_ + 1;
        if (number) {
          auto [end, ec] = std::from_chars(number->data(), number->data() + number->size(), n);
          if (ec != std::errc() || end != number->data() + number->size() || n == 0) {
            problem = "a row has an invalid number";
            return Flow::kFail;
          }
        }
        row_ = SheetRow{};
        row_.number = last_row_ = n;
        next_col_ = 0;
        in_row_ = !tag.self_closing;
      } else if (tag.name == "c" && in_row_) {
        if (tag.closing) {
          if (in_cell_ && !FinishCell(problem)) return Flow::kFail;
          in_cell_ = false;
          continue;
        }
        cell_ = Cell{};
        auto ref = Attribute(tag.attributes, "r");
        cell_.column = ref ? ColumnOf(*ref) : next_col_;
        if (cell_.column < 0) cell_.column = next_col_;
        next_col_ = cell_.column + 1;
        cell_type_ = Attribute(tag.attributes, "t").value_or("n");
        value_.clear();
        in_cell_ = !tag.self_closing;
      } else if (tag.name == "v" && in_cell_) {
        in_v_ = !tag.closing && !tag.self_closing;
      } else if (tag.name == "t" && in_cell_ && cell_type_ == "inlineStr") {
        in_inline_t_ = !tag.closing && !tag.self_closing;
      }
    }
    return Flow::kContinue;
  }

  // After the last piece: a row left open still counts.
  Flow Finish() {
    if (!in_row_) return Flow::kContinue;
    in_row_ = false;
    return EmitRow();
  }

 private:
  Flow EmitRow() {
    if (row_.cells.empty() && !row_.extra) return Flow::kContinue;
    SheetRow done = std::move(row_);
    row_ = SheetRow{};
    return on_row_(std::move(done));
  }

  bool FinishCell(std::string& problem) {
    if (cell_type_ == "s") {
      std::size_t index = 0;
      auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
      if (value_.empty() || ec != std::errc() || end != value_.data() + value_.size() ||
          index >= shared_.size()) {
        problem = "a cell refers to a shared string that does not exist";
        return false;
      }
      cell_.text = shared_[index];
    } else if (cell_type_ == "str" || cell_type_ == "inlineStr" || cell_type_ == "d" ||
               cell_type_ == "e") {
      cell_.text = value_;
    } else if (cell_type_ == "b") {
      cell_.text = value_ == "1" ? "TRUE" : "FALSE";
    } else {
      cell_.text = value_;
      if (!value_.empty()) {
        auto [end, ec] =
            std::from_chars(value_.data(), value_.data() + value_.size(), cell_.number);
        cell_.is_number = ec == std::errc() && end == value_.data() + value_.size();
      }
    }
    CapText(cell_.text);
    if (cell_.text.empty()) return true;
    if (cell_.column >= 4) {
      row_.extra = true;  // not kept: only its presence matters
    } else {
      row_.cells.push_back(std::move(cell_));
    }
    return true;
  }

  const std::vector<std::string>& shared_;
  RowSink on_row_;
  SheetRow row_;
  bool in_row_ = false, in_cell_ = false, in_v_ = false, in_inline_t_ = false;
  std::size_t last_row_ = 0;
  int next_col_ = 0;
  Cell cell_;
  std::string cell_type_, value_;
};

// The worksheet part of the workbook's first sheet ("xl/worksheets/sheet1.xml" as a fallback).
std::string FirstSheetPath(Zip& zip, bool& date1904) {
  std::string problem;
  std::string fallback = "xl/worksheets/sheet1.xml";
  auto workbook = zip.Read("xl/workbook.xml", problem, kMaxSmallPartBytes);
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
  auto rels = zip.Read("xl/_rels/workbook.xml.rels", problem, kMaxSmallPartBytes);
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

CsvDecoded DecodeReadingsXlsx(std::string_view xlsx, std::size_t max_errors, std::size_t max_rows) {
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
  {
    SharedStringsParser parser;
    Flow flow = zip.ReadInPieces("xl/sharedStrings.xml", "si", problem,
                                 [&](std::string_view xml) { return parser.Feed(xml, problem); });
    if (flow == Flow::kFail && !problem.empty()) return fail(problem);
    shared = parser.Take();
  }

  static const char* const kHeader[] = {"type", "value", "unit", "measured_at"};
  bool header_seen = false;
  bool header_bad = false;
  auto on_row = [&](SheetRow&& row) -> Flow {
    // A note row (column A starts with '#', as a template's example row) is skipped.
    if (!row.cells.empty() && row.cells[0].column == 0 &&
        Trimmed(row.cells[0].text).rfind('#', 0) == 0)
      return Flow::kContinue;
    if (!header_seen) {
      header_seen = true;
      bool header_ok = row.cells.size() == 4 && !row.extra;
      for (std::size_t i = 0; header_ok && i < 4; ++i)
        header_ok =
            row.cells[i].column == static_cast<int>(i) && Trimmed(row.cells[i].text) == kHeader[i];
      if (!header_ok) {
        header_bad = true;
        out.errors.push_back(
            {"rows[" + std::to_string(row.number) + "]",
             "the header must be type, value, unit, measured_at in columns A to D"});
        return Flow::kStop;
      }
      return Flow::kContinue;
    }
    const std::string at = "rows[" + std::to_string(row.number) + "]";
    if (out.errors.size() >= max_errors) {
      out.errors.push_back({"rows", "more errors follow; fix these first"});
      return Flow::kStop;
    }
    if (out.rows.size() >= max_rows) {
      out.errors.push_back(
          {"rows", "at most " + std::to_string(max_rows) + " readings per file; split it"});
      return Flow::kStop;
    }
    const Cell* cells[4] = {nullptr, nullptr, nullptr, nullptr};
    for (const Cell& c : row.cells) {
      if (c.column >= 0 && c.column < 4) cells[c.column] = &c;
    }
    if (row.extra || !cells[0] || !cells[1] || !cells[2] || !cells[3]) {
      out.errors.push_back(
          {at, "must have exactly the 4 cells type, value, unit, measured_at in columns A to D"});
      return Flow::kContinue;
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
        return Flow::kContinue;
      }
    }
    if (cells[3]->is_number) {
      reading.reading.measured_at = ExcelSerialToTimestamp(cells[3]->number, date1904);
      if (reading.reading.measured_at.empty()) {
        out.errors.push_back({at + ".measured_at", "is not a date Excel can represent"});
        return Flow::kContinue;
      }
    } else {
      reading.reading.measured_at = Trimmed(cells[3]->text);
    }
    out.rows.push_back(std::move(reading));
    return Flow::kContinue;
  };

  RowParser rows(shared, on_row);
  Flow flow = zip.ReadInPieces(sheet_path, "row", problem,
                               [&](std::string_view xml) { return rows.Feed(xml, problem); });
  if (flow == Flow::kFail) {
    out.rows.clear();
    out.errors.clear();
    return fail(problem.empty() ? "has no worksheet " + sheet_path : problem);
  }
  if (flow == Flow::kContinue) flow = rows.Finish();
  if (header_bad) {
    out.rows.clear();
    return out;
  }
  if (!header_seen) return fail("the first worksheet is empty");
  if (out.errors.empty() && out.rows.empty())
    out.errors.push_back({"rows", "the worksheet has no readings"});
  return out;
}

}  // namespace rutile::equipment
