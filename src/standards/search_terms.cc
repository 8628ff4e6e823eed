#include "rutile/standards/search_terms.h"

#include <algorithm>

#include "rutile/core/utf8.h"

namespace rutile::standards {
namespace {

// Decodes one UTF-8 code point at text[i]; returns its length (0 for an invalid sequence).
std::size_t Decode(std::string_view text, std::size_t i, char32_t& cp) {
  const auto decoded = utf8::DecodeAt(text, i);
  if (!decoded) return 0;
  cp = decoded->value;
  return decoded->length;
}

bool IsCjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2A6DF);
}
bool IsWordChar(char32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  // Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A/B).
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}
char32_t Lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  return cp;
}
void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::vector<std::string> SearchTerms(std::string_view text) {
  std::vector<std::string> terms;
  auto add = [&terms](std::string t) {
    if (!t.empty() && std::find(terms.begin(), terms.end(), t) == terms.end())
      terms.push_back(std::move(t));
  };
  std::string word;
  std::vector<char32_t> cjk;
  auto flush_word = [&] {
    add(std::move(word));
    word.clear();
  };
  auto flush_cjk = [&] {
    if (cjk.size() == 1) {
      std::string t;
      Append(t, cjk[0]);
      add(std::move(t));
    }
    for (std::size_t k = 0; k + 1 < cjk.size(); ++k) {
      std::string t;
      Append(t, cjk[k]);
      Append(t, cjk[k + 1]);
      add(std::move(t));
    }
    cjk.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    std::size_t len = Decode(text, i, cp);
    if (len == 0) {
      flush_word();
      flush_cjk();
      ++i;
      continue;
    }
    i += len;
    if (IsCjk(cp)) {
      flush_word();
      cjk.push_back(cp);
    } else if (IsWordChar(cp)) {
      flush_cjk();
      Append(word, Lower(cp));
    } else {
      flush_word();
      flush_cjk();
    }
  }
  flush_word();
  flush_cjk();
  return terms;
}

}  // namespace rutile::standards
