// The daily maintenance digest of one organization: subject and plain-text body listing its
// overdue tasks and the tasks due soon, in the reader's language. The sentences come from the
// web catalogues web/src/i18n/<lang>/equipment.json ("digest" group), embedded at build time.
// Pure functions and immutable catalogues; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/equipment/maintenance_rules.h"
#include "rutile/equipment/maintenance_service.h"

namespace rutile::equipment {

inline constexpr std::string_view kDigestLanguages[] = {"en", "zh", "es", "fr", "pt", "ar"};

// The "digest" sentences of one language, {{name}} placeholders as in the web catalogue.
class DigestTexts {
 public:
  // Reads the "digest" group of an equipment.json catalogue.
  static Result<DigestTexts> Parse(std::string_view lang, std::string_view equipment_json);
  // The embedded catalogue of a language of kDigestLanguages; English for any other.
  static const DigestTexts& ForLanguage(std::string_view lang);

  const std::string& lang() const { return lang_; }
  bool Has(std::string_view key) const;
  // The text with {{name}} replaced from `params`; the key itself when missing (tests check that
  // no key is missing).
  std::string Get(std::string_view key,
                  const std::vector<std::pair<std::string, std::string>>& params = {}) const;

 private:
  std::string lang_;
  std::map<std::string, std::string, std::less<>> texts_;
};

// The keys ComposeDigest reads.
inline constexpr std::string_view kDigestKeys[] = {"subject", "heading", "overdue", "due_soon",
                                                   "line",    "more",    "open"};

struct DigestText {
  std::string subject;
  std::string body;
  int overdue = 0;
  int due_soon = 0;
};

// `tasks` are open tasks with their visible status ("overdue" or "due"), in due-date order;
// at most max_listed are listed, the rest counted. Rule tasks are titled from `rules` in the
// texts' language, others by the title people typed. Dates stay YYYY-MM-DD.
DigestText ComposeDigest(const DigestTexts& texts, const MaintenanceRules& rules,
                         std::string_view org_name, std::string_view date,
                         const std::vector<Task>& tasks, int max_listed);

}  // namespace rutile::equipment
