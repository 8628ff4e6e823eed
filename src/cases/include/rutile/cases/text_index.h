// Multilingual index terms and similar-case scoring. Chinese (and other CJK) text becomes
// overlapping character bigrams; other scripts become folded lower-case words (Latin accents
// removed, Arabic hamza/taa marbuta/alef maqsura folded, article stripped). Pure functions.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/cases/model.h"

namespace rutile::cases {

// Terms in text order, repeated as often as they occur. Placeholders ("[ORG-1]") and stop
// words are skipped. The same function serves documents and queries.
std::vector<std::string> IndexTerms(std::string_view text);

// A code compared loosely: lower case without spaces, dots, hyphens and underscores
// ("Gr. 7" and "gr7" are the same grade).
std::string FoldCode(std::string_view code);

// The medium as similarity compares it: its index terms plus "species:<code>" per component.
std::set<std::string> MediumTerms(std::string_view medium,
                                  const std::vector<MediumComponent>& components);

// What a user describes to find similar public cases; empty fields are not compared.
struct SimilarityProbe {
  std::vector<std::string> mechanism_ids;
  std::optional<FailureMode> failure_mode;
  std::string material;
  std::string grade;
  std::string bath_preset;  // engine preset id
  std::string medium;
  std::vector<MediumComponent> components;
  std::optional<double> temperature_c;
  std::optional<double> ph;
  std::optional<double> chloride_mg_per_l;
  std::optional<double> fluoride_mg_per_l;
};

struct MatchedAspect {
  std::string aspect;  // "mechanism", "material", "chemistry", "bath_family", "temperature",
                       // "environment"
  double score = 0;    // 0..1
  std::string detail;  // what matched, e.g. "crevice_corrosion" or "Δ 5 °C"
};

struct SimilarityResult {
  double score = 0;                    // 0..1, weighted over the aspects the probe gives
  std::vector<MatchedAspect> matched;  // aspects scoring at least 0.5
};

// Aspects: mechanism, material, chemistry (Vocabulary::Chemistry, Jaccard), bath family (when the
// probe's bath has one) and temperature, weighted by CaseSimilarityWeights().
SimilarityResult ScoreSimilarity(const SimilarityProbe& probe, const PublicCase& candidate);

}  // namespace rutile::cases
