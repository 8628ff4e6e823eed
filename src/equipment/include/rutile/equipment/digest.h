// The daily maintenance digest of one organization: subject and plain-text body listing its
// overdue tasks and the tasks due soon, in the reader's language. The sentences are the web
// catalogue's "equipment:digest.*" texts (rutile/texts). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/equipment/maintenance_rules.h"
#include "rutile/equipment/maintenance_service.h"
#include "rutile/texts/catalogue.h"

namespace rutile::equipment {

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

// The catalogue keys ComposeDigest reads.
inline constexpr std::string_view kDigestKeys[] = {
    "equipment:digest.subject",  "equipment:digest.heading", "equipment:digest.overdue",
    "equipment:digest.due_soon", "equipment:digest.line",    "equipment:digest.more",
    "equipment:digest.open"};

struct DigestText {
  std::string subject;
  std::string body;
  int overdue = 0;
  int due_soon = 0;
};

// `tasks` are open tasks with their visible status ("overdue" or "due"), in due-date order;
// at most max_listed are listed, the rest counted. Rule tasks are titled from `rules` in the
// texts' language, others by the title people typed. Dates stay YYYY-MM-DD.
DigestText ComposeDigest(const texts::Catalogue& texts, const MaintenanceRules& rules,
                         std::string_view org_name, std::string_view date,
                         const std::vector<Task>& tasks, int max_listed);

}  // namespace rutile::equipment
