#include "rutile/documents/document.h"

#include <array>
#include <utility>

namespace rutile::documents {

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    size_t length = lead < 0x80           ? 1
                    : (lead >> 5) == 0x6  ? 2
                    : (lead >> 4) == 0xE  ? 3
                    : (lead >> 3) == 0x1E ? 4
                                          : 0;
    bool ok = length > 0 && i + length <= text.size();
    for (size_t k = 1; ok && k < length; ++k) ok = (byte(i + k) & 0xC0) == 0x80;
    if (ok && length > 1) {
      // Reject overlong forms, surrogates and code points above U+10FFFF.
      char32_t cp = lead & (0x7F >> length);
      for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
      static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= kMin[length] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (ok) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  return out;
}

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
