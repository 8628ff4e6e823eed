// The kit's texts in each language: the web catalogues web/src/i18n/<lang>/kit.json (kit texts,
// keyed by the data files' codes) and kb.json (bath, material, species and mechanism names),
// embedded at build time so the PDF and the page read the same sentences. Immutable after
// loading; thread-safe for reading.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::kit {

inline constexpr std::string_view kKitLanguages[] = {"en", "zh", "es", "fr", "pt", "ar"};

class KitTexts {
 public:
  // Flattens the two catalogues ("kit:blacklist.hf_pickles.name", "kb:preset.seawater").
  static Result<KitTexts> Parse(std::string_view lang, std::string_view kit_json,
                                std::string_view kb_json);
  // The embedded catalogues of a language of kKitLanguages; English for any other.
  static const KitTexts& ForLanguage(std::string_view lang);

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

}  // namespace rutile::kit
