#include "rutile/documents/document.h"

#include <array>
#include <utility>

#include "rutile/core/utf8.h"

namespace rutile::documents {

std::string ValidUtf8(std::string_view text) { return utf8::Sanitize(text); }

bool IsRightToLeft(std::string_view lang) {
  std::string_view primary = lang.substr(0, lang.find_first_of("-_"));
  static constexpr std::array<std::string_view, 8> kRtl = {"ar", "fa", "he", "ur",
                                                           "ps", "sd", "ug", "yi"};
  for (std::string_view rtl : kRtl) {
    if (primary == rtl) return true;
  }
  return false;
}

Document::Document(std::string lang) : lang_(std::move(lang)) {
  if (lang_.empty()) lang_ = "en";
  right_to_left_ = IsRightToLeft(lang_);
}

Block& Document::Add(BlockKind kind) {
  Block& block = blocks_.emplace_back();
  block.kind = kind;
  return block;
}

void Document::Title(std::string text) {
  text = ValidUtf8(text);
  if (title_.empty()) title_ = text;
  Add(BlockKind::kTitle).text = std::move(text);
}

void Document::Heading(std::string text) { Add(BlockKind::kHeading).text = ValidUtf8(text); }

void Document::Paragraph(std::string text) { Add(BlockKind::kParagraph).text = ValidUtf8(text); }

void Document::Bullet(std::string text) { Add(BlockKind::kBullet).text = ValidUtf8(text); }

void Document::KeyValue(std::string key, std::string value) {
  Block& block = Add(BlockKind::kKeyValue);
  block.text = ValidUtf8(key);
  block.value = ValidUtf8(value);
}

void Document::Table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows) {
  Block& block = Add(BlockKind::kTable);
  for (auto& cell : header) cell = ValidUtf8(cell);
  for (auto& row : rows) {
    for (auto& cell : row) cell = ValidUtf8(cell);
  }
  block.header = std::move(header);
  block.rows = std::move(rows);
}

void Document::QrCode(std::string payload, double size_mm, std::string caption) {
  Block& block = Add(BlockKind::kQrCode);
  block.text = std::move(payload);
  block.size_mm = size_mm;
  block.caption = ValidUtf8(caption);
}

void Document::SmallPrint(std::string text) { Add(BlockKind::kSmallPrint).text = ValidUtf8(text); }

void Document::PageBreak() { Add(BlockKind::kPageBreak); }

}  // namespace rutile::documents
