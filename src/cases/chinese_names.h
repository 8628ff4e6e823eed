// Chinese person-name knowledge for the desensitizer: surnames, forms of address, Hanyu Pinyin
// readings and words that only look like names, parsed once from knowledge/cases/
// chinese_names.txt (embedded in the binary). Immutable after construction; thread-safe.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rutile::cases {

struct ChineseNames {
  std::map<std::u32string, std::vector<std::string>> surnames;  // one or two characters
  std::map<char32_t, std::vector<std::string>> readings;        // any character in the file
  std::vector<std::u32string> titles;                           // longest first
  std::set<std::u32string> not_names;

  // Parses the file format described at the top of chinese_names.txt.
  static ChineseNames Parse(std::string_view text);
  // The embedded knowledge/cases/chinese_names.txt.
  static const ChineseNames& Default();

  // Hanyu Pinyin syllables of a name (first reading of each character), or empty when a
  // character has no reading in the table.
  std::vector<std::string> Syllables(std::u32string_view name) const;
};

}  // namespace rutile::cases
