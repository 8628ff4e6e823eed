// RenderHtml: one self-contained page; every text goes through markup::AppendEscaped.
#include <string>

#include "fonts.h"
#include "rutile/core/markup.h"
#include "rutile/documents/document.h"
#include "rutile/documents/qr_code.h"

namespace rutile::documents {
namespace {

void Element(std::string& out, std::string_view tag, std::string_view text,
             std::string_view css_class = "") {
  out += '<';
  out += tag;
  if (!css_class.empty()) {
    out += " class=\"";
    out += css_class;
    out += '"';
  }
  out += '>';
  markup::AppendEscaped(out, text);
  out += "</";
  out += tag;
  out += ">\n";
}

void QrSvg(std::string& out, const Block& block) {
  auto matrix = EncodeQr(block.text);
  out += "<figure class=\"qr\">";
  if (matrix.has_value()) {
    constexpr int kQuiet = 4;
    int total = matrix->size + 2 * kQuiet;
    std::string size_mm = std::to_string(block.size_mm > 0 ? block.size_mm : 30.0);
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(total) +
           " " + std::to_string(total) + "\" width=\"" + size_mm + "mm\" height=\"" + size_mm +
           "mm\" shape-rendering=\"crispEdges\" role=\"img\"><title>";
    markup::AppendEscaped(out, block.text);
    out += "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    for (const QrRect& r : QrRectangles(*matrix)) {
      out += "M" + std::to_string(r.x + kQuiet) + " " + std::to_string(r.y + kQuiet) + "h" +
             std::to_string(r.width) + "v1h-" + std::to_string(r.width) + "z";
    }
    out += "\"/></svg>";
  }
  if (!block.caption.empty()) {
    out += "<figcaption>";
    markup::AppendEscaped(out, block.caption);
    out += "</figcaption>";
  }
  out += "</figure>\n";
}

// After the font-family declaration, which depends on the language.
constexpr std::string_view kStyle =
    "max-width:50em;margin:2em auto;padding:0 1em;line-height:1.5;color:#111}"
    "h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.5em}"
    "dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.3em 0}"
    "dl.kv dt{font-weight:bold}dl.kv dd{margin:0}"
    "table{border-collapse:collapse;width:100%;margin:.5em 0}"
    "th,td{border:1px solid #999;padding:.3em .5em;text-align:start;vertical-align:top}"
    "th{background:#eee}.small{font-size:.8em;color:#555}"
    "figure.qr{margin:.5em 0}.page-break{break-after:page}"
    "@media print{body{margin:0;max-width:none}}";

}  // namespace

std::string RenderHtml(const Document& doc) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  markup::AppendEscaped(out, doc.lang());
  out += "\" dir=\"";
  out += doc.right_to_left() ? "rtl" : "ltr";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"Rutile\">\n";
  Element(out, "title", doc.title());
  out += "<style>body{font-family:";
  std::string families = FontFamilies(doc.lang());
  for (size_t start = 0; start < families.size();) {
    size_t end = families.find(',', start);
    if (end == std::string::npos) end = families.size();
    out += '\'';
    out += families.substr(start, end - start);
    out += "',";
    start = families.find_first_not_of(' ', end + 1);
  }
  out += "sans-serif;";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n<main>\n";
  bool in_list = false;
  for (const Block& block : doc.blocks()) {
    if (in_list && block.kind != BlockKind::kBullet) {
      out += "</ul>\n";
      in_list = false;
    }
    switch (block.kind) {
      case BlockKind::kTitle:
        Element(out, "h1", block.text);
        break;
      case BlockKind::kHeading:
        Element(out, "h2", block.text);
        break;
      case BlockKind::kParagraph:
        Element(out, "p", block.text);
        break;
      case BlockKind::kBullet:
        if (!in_list) out += "<ul>\n";
        in_list = true;
        Element(out, "li", block.text);
        break;
      case BlockKind::kKeyValue:
        out += "<dl class=\"kv\">";
        Element(out, "dt", block.text);
        Element(out, "dd", block.value);
        out += "</dl>\n";
        break;
      case BlockKind::kTable:
        out += "<table>\n";
        if (!block.header.empty()) {
          out += "<thead><tr>";
          for (const std::string& cell : block.header) Element(out, "th", cell);
          out += "</tr></thead>\n";
        }
        out += "<tbody>\n";
        for (const auto& row : block.rows) {
          out += "<tr>";
          for (const std::string& cell : row) Element(out, "td", cell);
          out += "</tr>\n";
        }
        out += "</tbody></table>\n";
        break;
      case BlockKind::kQrCode:
        QrSvg(out, block);
        break;
      case BlockKind::kSmallPrint:
        Element(out, "p", block.text, "small");
        break;
      case BlockKind::kPageBreak:
        out += "<div class=\"page-break\"></div>\n";
        break;
    }
  }
  if (in_list) out += "</ul>\n";
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace rutile::documents
