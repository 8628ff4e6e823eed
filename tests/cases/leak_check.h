// Test helper: which planted identifiers still appear in a text (verbatim, or for numbers as
// the same digit sequence with separators removed).
#pragma once

#include <string>
#include <vector>

namespace rutile::cases::testing {

inline std::string WithoutSeparators(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != ',') out.push_back(c);
  return out;
}

inline std::vector<std::string> Leaks(const std::string& text,
                                      const std::vector<std::string>& planted) {
  std::vector<std::string> leaks;
  const std::string compact = WithoutSeparators(text);
  for (const auto& p : planted) {
    if (text.find(p) != std::string::npos) {
      leaks.push_back(p);
      continue;
    }
    std::string digits;
    for (char c : p)
      if (c >= '0' && c <= '9') digits.push_back(c);
    if (digits.size() >= 7 && compact.find(digits) != std::string::npos) leaks.push_back(p);
  }
  return leaks;
}

}  // namespace rutile::cases::testing
