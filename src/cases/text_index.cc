#include "rutile/cases/text_index.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "rutile/cases/vocabulary.h"
#include "rutile/core/utf8.h"

namespace rutile::cases {
namespace {

bool IsCjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF);
}
bool IsArabicMark(char32_t c) { return (c >= 0x064B && c <= 0x0652) || c == 0x0640; }
bool IsArabicLetter(char32_t c) {
  return (c >= 0x0621 && c <= 0x064A) || (c >= 0x0671 && c <= 0x06D3);
}
bool IsWordChar(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x4FF) ||
         IsArabicLetter(c);
}

// Lower case and accent folding for Latin; letter folding for Arabic.
char32_t Fold(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c - 'A' + 'a';
  static constexpr std::string_view kUpper = "aaaaaaaceeeeiiiidnooooo_ouuuuyts";
  static constexpr std::string_view kLower = "aaaaaaaceeeeiiiidnooooo_ouuuuyty";
  if (c >= 0xC0 && c <= 0xDF) return static_cast<char32_t>(kUpper[c - 0xC0]);
  if (c >= 0xE0 && c <= 0xFF) return static_cast<char32_t>(kLower[c - 0xE0]);
  if (c == 0x152 || c == 0x153) return 'o';
  if (c >= 0x100 && c <= 0x17F) {
    // Latin Extended-A pairs upper/lower as even/odd: fold to the lower-case form.
    return (c % 2 == 0) ? c + 1 : c;
  }
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;  // Cyrillic capitals
  if (c == 0x0623 || c == 0x0625 || c == 0x0622) return 0x0627;
  if (c == 0x0629) return 0x0647;
  if (c == 0x0649) return 0x064A;
  return c;
}

const std::set<std::string>& StopWords() {
  static const std::set<std::string> words = {
      // en
      "the", "and", "of", "in", "on", "at", "to", "an", "is", "was", "for", "with", "by", "from",
      "after", "were", "be", "it", "its", "as", "or", "this", "that", "had", "has",
      // es / pt / fr
      "el", "la", "los", "las", "de", "del", "en", "por", "con", "que", "se", "un", "una", "al",
      "os", "as", "do", "da", "dos", "das", "em", "no", "na", "um", "uma", "le", "les", "des", "du",
      "et", "une", "par", "pour", "sur", "au", "aux", "dans", "est",
      // ar (folded)
      "في", "من", "علي", "عن", "الي", "مع"};
  return words;
}

void EmitWord(std::u32string& word, std::vector<std::string>& out) {
  if (word.empty()) return;
  bool arabic = IsArabicLetter(word[0]);
  if (arabic && word.size() >= 4) {
    if (word[0] == 0x0648 && word[1] == 0x0627 && word[2] == 0x0644)  // وال
      word.erase(0, 3);
    else if (word[0] == 0x0627 && word[1] == 0x0644)  // ال
      word.erase(0, 2);
  }
  if (word.size() >= 2) {
    std::string utf8;
    for (char32_t c : word) utf8::Append(utf8, c);
    if (!StopWords().count(utf8)) out.push_back(std::move(utf8));
  }
  word.clear();
}

void EmitCjkRun(const std::u32string& run, std::vector<std::string>& out) {
  if (run.size() == 1) {
    std::string s;
    utf8::Append(s, run[0]);
    out.push_back(std::move(s));
    return;
  }
  for (std::size_t i = 0; i + 1 < run.size(); ++i) {
    std::string s;
    utf8::Append(s, run[i]);
    utf8::Append(s, run[i + 1]);
    out.push_back(std::move(s));
  }
}

// Length of a placeholder like "[ORG-12]" starting at i, or 0.
std::size_t PlaceholderAt(std::string_view s, std::size_t i) {
  if (s[i] != '[') return 0;
  std::size_t j = i + 1;
  while (j < s.size() && s[j] >= 'A' && s[j] <= 'Z') ++j;
  if (j == i + 1 || j >= s.size() || s[j] != '-') return 0;
  std::size_t k = j + 1;
  while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
  if (k == j + 1 || k >= s.size() || s[k] != ']') return 0;
  return k + 1 - i;
}

double Jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t common = 0;
  for (const auto& x : a) common += b.count(x);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::string Join(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::string out;
  for (const auto& x : a)
    if (b.count(x)) out += (out.empty() ? "" : ", ") + x;
  return out;
}

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::string FoldCode(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '.' || c == '-' || c == '_') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::set<std::string> MediumTerms(std::string_view medium,
                                  const std::vector<MediumComponent>& components) {
  std::set<std::string> t;
  for (auto& w : IndexTerms(medium)) t.insert(std::move(w));
  for (const auto& comp : components) t.insert("species:" + FoldCode(comp.species));
  return t;
}

std::vector<std::string> IndexTerms(std::string_view text) {
  std::vector<std::string> out;
  std::u32string word;
  std::u32string cjk;
  auto flush = [&] {
    EmitWord(word, out);
    if (!cjk.empty()) EmitCjkRun(cjk, out);
    cjk.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    if (std::size_t p = PlaceholderAt(text, i); p > 0) {
      flush();
      i += p;
      continue;
    }
    const utf8::CodePoint d = utf8::DecodeLenient(text, i);
    i += d.length;
    if (IsArabicMark(d.value)) continue;  // harakat and tatweel do not break a word
    if (IsCjk(d.value)) {
      EmitWord(word, out);
      cjk.push_back(d.value);
    } else if (IsWordChar(d.value)) {
      if (!cjk.empty()) {
        EmitCjkRun(cjk, out);
        cjk.clear();
      }
      word.push_back(Fold(d.value));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

static std::vector<std::string> SpeciesOf(const std::vector<MediumComponent>& components) {
  std::vector<std::string> out;
  for (const auto& c : components) out.push_back(c.species);
  return out;
}

SimilarityResult ScoreSimilarity(const SimilarityProbe& probe, const PublicCase& c) {
  const SimilarityWeights& w = CaseSimilarityWeights();
  const Vocabulary& v = CaseVocabulary();
  SimilarityResult r;
  double weight_sum = 0;
  double total = 0;
  auto aspect = [&](const char* name, double weight, double score, std::string detail) {
    weight_sum += weight;
    total += weight * score;
    if (score >= 0.5) r.matched.push_back({name, score, std::move(detail)});
  };

  std::set<std::string> probe_mech(probe.mechanism_ids.begin(), probe.mechanism_ids.end());
  if (probe.failure_mode)
    for (auto& m : DefaultMechanisms(*probe.failure_mode)) probe_mech.insert(m);
  if (!probe_mech.empty() || probe.failure_mode) {
    std::set<std::string> case_mech(c.mechanism_ids.begin(), c.mechanism_ids.end());
    double s = Jaccard(probe_mech, case_mech);
    std::string detail = Join(probe_mech, case_mech);
    if (probe.failure_mode && *probe.failure_mode == c.failure_mode) {
      s = std::max(s, 0.8);
      detail = std::string(FailureModeName(c.failure_mode)) + (detail.empty() ? "" : "; " + detail);
    }
    aspect("mechanism", w.mechanism, s, detail);
  }
  if (!probe.material.empty() || !probe.grade.empty()) {
    double s = 0;
    std::string detail;
    if (!probe.grade.empty() && FoldCode(probe.grade) == FoldCode(c.grade)) {
      s = 1;
      detail = c.grade;
    } else if (!probe.material.empty() && FoldCode(probe.material) == FoldCode(c.material)) {
      s = 0.8;
      detail = c.material;
    } else if (FoldCode(probe.material).rfind("ti", 0) == 0 &&
               FoldCode(c.material).rfind("ti", 0) == 0) {
      s = 0.4;
      detail = "titanium";
    }
    aspect("material", w.material, s, detail);
  }
  if (!probe.medium.empty() || !probe.components.empty() || !probe.bath_preset.empty()) {
    const auto a = v.Chemistry(probe.bath_preset, probe.medium, SpeciesOf(probe.components));
    const auto b = v.Chemistry(c.bath_preset, c.medium, SpeciesOf(c.components));
    aspect("chemistry", w.chemistry, Jaccard(a, b), Join(a, b));
    const std::string family = v.BathFamily(probe.bath_preset, probe.medium);
    if (!family.empty()) {
      const bool same = family == v.BathFamily(c.bath_preset, c.medium);
      aspect("bath_family", w.bath_family, same ? 1.0 : 0.0, same ? family : "");
    }
  }
  if (probe.temperature_c) {
    const double delta = std::fabs(*probe.temperature_c - c.temperature_c);
    aspect("temperature", w.temperature, std::max(0.0, 1 - delta / w.temperature_span_c),
           "Δ " + FormatNumber(delta) + " °C");
  }
  {
    std::vector<double> parts;
    std::string detail;
    if (probe.ph && c.ph) {
      parts.push_back(std::max(0.0, 1 - std::fabs(*probe.ph - *c.ph) / 3));
      detail += "pH";
    }
    if (probe.chloride_mg_per_l && c.chloride_mg_per_l) {
      const double a = *probe.chloride_mg_per_l, b = *c.chloride_mg_per_l;
      double s = 0;
      if ((a > 0) == (b > 0)) s = 1 - std::min(1.0, std::fabs(std::log10((a + 1) / (b + 1))) / 2);
      parts.push_back(s);
      detail += detail.empty() ? "chloride" : ", chloride";
    }
    if (probe.fluoride_mg_per_l && c.fluoride_mg_per_l) {
      parts.push_back((*probe.fluoride_mg_per_l > 0) == (*c.fluoride_mg_per_l > 0) ? 1.0 : 0.0);
      detail += detail.empty() ? "fluoride" : ", fluoride";
    }
    if (!parts.empty()) {
      double sum = 0;
      for (double p : parts) sum += p;
      aspect("environment", w.environment, sum / static_cast<double>(parts.size()), detail);
    }
  }
  r.score = weight_sum > 0 ? total / weight_sum : 0;
  return r;
}

}  // namespace rutile::cases
