// Search terms for the clause index: Latin-script words lower-cased, Chinese (CJK) runs cut into
// character bigrams (a lone character stays a unigram). The same function indexes and queries,
// so a term table works on SQLite and PostgreSQL alike. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rutile::standards {

// Distinct terms in first-seen order. Invalid UTF-8 bytes are treated as separators.
std::vector<std::string> SearchTerms(std::string_view text);

}  // namespace rutile::standards
