#include "arabic_names.h"

#include "chinese_names.h"
#include "rutile/core/utf8.h"

namespace rutile::cases {
namespace {

// One Latin consonant class per Arabic letter (0: dropped). Emphatic and plain letters share a
// class, as romanizations rarely tell them apart; q and k share one, as do j and g (Egyptian
// "Gamal" for جمال).
char ArabicClass(char32_t c) {
  switch (c) {
    case U'ب':
      return 'b';
    case U'ت':
    case U'ث':
    case U'ط':
      return 't';
    case U'ج':
      return 'j';
    case U'ح':
    case U'ه':
      return 'h';
    case U'خ':
      return 'x';
    case U'د':
    case U'ذ':
    case U'ض':
      return 'd';
    case U'ر':
      return 'r';
    case U'ز':
    case U'ظ':
      return 'z';
    case U'س':
    case U'ش':
    case U'ص':
      return 's';
    case U'غ':
      return 'j';
    case U'ف':
      return 'f';
    case U'ق':
    case U'ك':
      return 'k';
    case U'ل':
      return 'l';
    case U'م':
      return 'm';
    case U'ن':
      return 'n';
    case U'پ':
      return 'b';
    default:
      return 0;  // alef, waw, ya, ta marbuta, hamza, ain, diacritics
  }
}

bool IsArabicLetter(char32_t c) { return c >= 0x0600 && c <= 0x06FF; }

// Folds doubled letters and a final h ("Abdullah" / "Abdalla" / "عبدالله").
std::string Finish(std::string s) {
  std::string out;
  for (char c : s)
    if (out.empty() || out.back() != c) out.push_back(c);
  if (out.size() > 1 && out.back() == 'h') out.pop_back();
  return out;
}

std::string LatinSkeleton(std::string_view w) {
  std::string s;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const char next = i + 1 < w.size() ? static_cast<char>(w[i + 1] | 0x20) : '\0';
    if (next == 'h' &&
        (c == 'k' || c == 'g' || c == 's' || c == 't' || c == 'd' || c == 'c' || c == 'p')) {
      s.push_back(c == 'k' ? 'x' : c == 'g' ? 'j' : c == 'c' ? 's' : c == 'p' ? 'f' : c);
      ++i;
      continue;
    }
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
      case 'y':
      case 'w':
        break;
      case 'q':
      case 'c':
        s.push_back('k');
        break;
      case 'g':
        s.push_back('j');
        break;
      case 'v':
        s.push_back('f');
        break;
      case 'p':
        s.push_back('b');
        break;
      default:
        if (c >= 'a' && c <= 'z') s.push_back(c);
    }
  }
  return Finish(std::move(s));
}

}  // namespace

std::string ArabicSkeleton(std::u32string_view word) {
  if (word.size() > 2 && word[0] == U'ا' && word[1] == U'ل') word.remove_prefix(2);
  std::string s;
  for (char32_t c : word)
    if (char k = ArabicClass(c)) s.push_back(k);
  return Finish(std::move(s));
}

std::vector<std::string> LatinSkeletons(std::string_view word) {
  std::string lower;
  for (char c : word) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  // Articles written apart or hyphenated: "Al Farsi", "El-Sayed", "Ash-Shammari".
  for (std::string_view article :
       {"al-", "el-", "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-", "al'", "el'"}) {
    if (lower.size() > article.size() && lower.compare(0, article.size(), article) == 0) {
      return {LatinSkeleton(std::string_view(word).substr(article.size()))};
    }
  }
  if (lower == "al" || lower == "el" || lower == "al-" || lower == "el-") return {};
  std::vector<std::string> out{LatinSkeleton(word)};
  if (lower.size() > 4 && (lower.compare(0, 2, "al") == 0 || lower.compare(0, 2, "el") == 0))
    out.push_back(LatinSkeleton(std::string_view(word).substr(2)));
  return out;
}

std::vector<std::string> ArabicNameSkeletons(std::string_view name) {
  std::vector<std::string> words;
  std::size_t consonants = 0;
  std::u32string current;
  bool arabic = false;
  auto flush = [&] {
    if (current.empty()) return;
    std::string s = ArabicSkeleton(current);
    current.clear();
    if (s.empty()) return;
    consonants += s.size();
    words.push_back(std::move(s));
  };
  for (char32_t c : utf8::Decode(name)) {
    if (IsArabicLetter(c)) {
      arabic = true;
      current.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  if (!arabic || words.size() < 2 || consonants < 5) return {};
  return words;
}

}  // namespace rutile::cases
