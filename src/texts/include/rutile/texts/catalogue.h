// The texts people read, in each of the platform's six languages: the web app's message
// catalogues (web/src/i18n/<lang>/<namespace>.json), embedded at build time so that the server
// renders the same sentences as the pages (PDFs, e-mails, templates, drafted bulletins). A key
// names the namespace and the dotted path: "kb:preset.seawater", "equipment:digest.subject".
// Immutable after loading; thread-safe for reading.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::texts {

// The platform's languages, English first (the fallback).
inline constexpr std::string_view kLanguages[] = {"en", "zh", "es", "fr", "pt", "ar"};
bool IsLanguage(std::string_view lang);

// {{name}} placeholders and their values.
using Params = std::vector<std::pair<std::string, std::string>>;

// One catalogue document of one language, as embedded.
struct Document {
  std::string_view name;  // the namespace: "kb", "kit", "equipment", ...
  std::string_view json;
};

class Catalogue {
 public:
  // Flattens each document's nested objects under "<name>:" ("kit:blacklist.hf.name").
  // InvalidArgument naming the document when one is not a JSON object.
  static Result<Catalogue> Parse(std::string_view lang, std::span<const Document> documents);
  // Every embedded catalogue of a language of kLanguages; English for any other.
  static const Catalogue& ForLanguage(std::string_view lang);

  const std::string& lang() const { return lang_; }
  bool Has(std::string_view key) const;
  // The text with each {{name}} replaced from `params`; the key itself when there is no such
  // text (tests check that no key a module uses is missing).
  std::string Get(std::string_view key, const Params& params = {}) const;
  // The text when there is one, else `fallback` (for names of open vocabularies).
  std::string GetOr(std::string_view key, std::string_view fallback) const;

 private:
  std::string lang_;
  std::map<std::string, std::string, std::less<>> texts_;
};

// The embedded documents of a language of kLanguages (generated at build time); empty for any
// other.
std::span<const Document> EmbeddedDocuments(std::string_view lang);

}  // namespace rutile::texts
