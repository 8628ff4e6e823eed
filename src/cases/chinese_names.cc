#include "chinese_names.h"

#include <algorithm>

#include "rutile/core/utf8.h"

namespace rutile::cases {

std::string_view EmbeddedChineseNames();  // generated from knowledge/cases/chinese_names.txt

ChineseNames ChineseNames::Parse(std::string_view text) {
  ChineseNames names;
  std::string section;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    std::vector<std::string> words;
    for (std::size_t i = 0; i < line.size();) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      if (j > i) words.emplace_back(line.substr(i, j - i));
      i = j;
    }
    if (words.empty()) continue;
    if (words[0].size() > 2 && words[0].front() == '[' && words[0].back() == ']') {
      section = words[0].substr(1, words[0].size() - 2);
      continue;
    }
    const std::u32string chars = utf8::Decode(words[0]);
    std::vector<std::string> readings(words.begin() + 1, words.end());
    if (section == "surnames") {
      names.surnames[chars] = readings;
      if (chars.size() == 1) {
        auto& r = names.readings[chars[0]];
        if (r.empty()) r = readings;
      }
    } else if (section == "chars" && chars.size() == 1) {
      auto& r = names.readings[chars[0]];
      if (r.empty()) r = readings;
    } else if (section == "titles") {
      names.titles.push_back(chars);
    } else if (section == "not_names") {
      names.not_names.insert(chars);
    }
  }
  std::stable_sort(names.titles.begin(), names.titles.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return names;
}

const ChineseNames& ChineseNames::Default() {
  static const ChineseNames names = Parse(EmbeddedChineseNames());
  return names;
}

std::vector<std::string> ChineseNames::Syllables(std::u32string_view name) const {
  std::vector<std::string> out;
  std::size_t i = 0;
  // A double surname reads as one word (欧阳 ouyang).
  if (name.size() >= 3) {
    auto it = surnames.find(std::u32string(name.substr(0, 2)));
    if (it != surnames.end() && !it->second.empty()) {
      out.push_back(it->second.front());
      i = 2;
    }
  }
  for (; i < name.size(); ++i) {
    auto it = readings.find(name[i]);
    if (it == readings.end() || it->second.empty()) return {};
    out.push_back(it->second.front());
  }
  return out;
}

}  // namespace rutile::cases
