// Romanized spellings of Arabic person names for the desensitizer. Arabic script leaves short
// vowels unwritten and Latin spellings of one name vary ("محمد" is Mohammed, Muhammad, Mohamed),
// so names are compared by their consonant skeleton: the letters mapped to one Latin consonant
// class each, vowels, hamza and the article dropped, doubled letters folded. Pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rutile::cases {

// Skeleton of one Arabic word ("الفارسي" -> "frs"); empty for a word of no consonants.
std::string ArabicSkeleton(std::u32string_view word);

// Skeletons a Latin word may stand for: one, or two when it may carry a glued article
// ("Alfarsi" -> "lfrs" and "frs"). Empty for an article alone ("Al", "el-").
std::vector<std::string> LatinSkeletons(std::string_view word);

// The skeletons of an Arabic name's words, or empty when the name is not Arabic script or too
// short to match safely (fewer than two words, or under five consonants in all).
std::vector<std::string> ArabicNameSkeletons(std::string_view name);

}  // namespace rutile::cases
