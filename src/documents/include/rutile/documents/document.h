// Document: a flow of blocks (title, headings, paragraphs, bullets, key/value lines, tables, QR
// codes, small print) laid out top to bottom and paginated by a renderer: RenderPdf (Cairo +
// Pango, fonts from Debian's Noto packages embedded in the file) or RenderHtml (one self-contained,
// escaped page). A Document is a plain value: build it on one thread, render it from any.
//
// Thread-safety: RenderPdf may run on many threads at once. Pango font maps are not thread-safe,
// so each thread renders with its own PangoCairoFontMap (created on first use, kept for the
// thread's life); fontconfig (>= 2.10) and Cairo surfaces used by one thread only are safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::documents {

// Page geometry in millimetres; the footer line is printed on every page next to "page N / M".
struct PageOptions {
  double width_mm = 210, height_mm = 297, margin_mm = 18;
  std::string footer;
};

enum class BlockKind {
  kTitle,
  kHeading,
  kParagraph,
  kBullet,
  kKeyValue,
  kTable,
  kQrCode,
  kSmallPrint,
  kPageBreak,
};

// One block of the flow. Which fields are used depends on `kind`:
// text (title, heading, paragraph, bullet, small print, key/value key, QR payload),
// value (key/value), header + rows (table), size_mm + caption (QR code).
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  std::string value;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  double size_mm = 0;
  std::string caption;
};

// A flow document.
class Document {
 public:
  explicit Document(std::string lang);  // "en", "zh", "ar" (RTL), ... sets fonts and direction

  void Title(std::string text);
  void Heading(std::string text);
  void Paragraph(std::string text);
  void Bullet(std::string text);
  void KeyValue(std::string key, std::string value);
  void Table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows);
  void QrCode(std::string payload, double size_mm, std::string caption = "");
  void SmallPrint(std::string text);
  void PageBreak();

  // Accessors for the renderers.
  const std::string& lang() const { return lang_; }
  bool right_to_left() const { return right_to_left_; }
  // The first Title's text ("" when there is none): the PDF title and the HTML <title>.
  const std::string& title() const { return title_; }
  const std::vector<Block>& blocks() const { return blocks_; }

 private:
  Block& Add(BlockKind kind);

  std::string lang_;
  bool right_to_left_ = false;
  std::string title_;
  std::vector<Block> blocks_;
};

// The text with each byte that is not part of a well-formed UTF-8 sequence replaced by U+FFFD.
// Document's setters apply it to every text (the QR payload is kept as given).
std::string ValidUtf8(std::string_view text);

// True for languages written right to left (ar, fa, he, ur, ...), by primary subtag.
bool IsRightToLeft(std::string_view lang);

// PDF bytes. InvalidArgument when a QR payload is too long to encode or the page is too small;
// Internal when Cairo fails.
Result<std::string> RenderPdf(const Document& doc, const PageOptions& page = {});

// A complete, self-contained HTML page (lang and dir on <html>, inline CSS, QR codes as inline
// SVG); every text is escaped.
std::string RenderHtml(const Document& doc);

}  // namespace rutile::documents
