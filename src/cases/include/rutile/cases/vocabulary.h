// The case vocabulary: the engine's material and bath preset ids a case may name, and the names
// of materials, species and bath families in the six platform languages (knowledge/cases/
// vocabulary.json) through which a search query reaches cases written in another language.
// Immutable after parsing; safe to share between threads.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::cases {

// One thing a query asks for. Any alternative satisfies it; an alternative is a sequence of
// index terms that must all occur. `original` is true for the alternative the user typed.
struct TermAlternative {
  std::vector<std::string> terms;
  bool original = false;
  bool operator==(const TermAlternative&) const = default;
};
struct TermGroup {
  std::string concept_id;  // empty for a plain word of the query
  std::vector<TermAlternative> alternatives;
};

class Vocabulary {
 public:
  // concepts_json: knowledge/cases/vocabulary.json; materials_json and presets_json: the engine's
  // knowledge/engine/materials.json and presets.json.
  static Result<Vocabulary> Parse(std::string_view concepts_json, std::string_view materials_json,
                                  std::string_view presets_json);

  // An engine material id ("Ti-Gr2") or an engine rate group naming a family of grades
  // ("ti_cp", kept by cases filed before materials were chosen from the engine's list).
  bool IsMaterial(std::string_view id) const;
  // An engine bath preset id ("hard-chrome-sulfate").
  bool IsBathPreset(std::string_view id) const;
  const std::vector<std::string>& MaterialIds() const { return material_ids_; }
  const std::vector<std::string>& PresetIds() const { return preset_ids_; }

  // The query's index terms (IndexTerms) grouped: a run of terms that spells a name of a concept
  // in any language becomes one group whose alternatives are the concept's names in every
  // language (and those of its related concepts); every other term is a group of itself.
  std::vector<TermGroup> ExpandQuery(std::string_view text) const;

  // The concept a species code or name stands for ("chromium" for "CrO3", "chromic_acid" or
  // "铬酸"); empty when unknown.
  std::string SpeciesConcept(std::string_view species) const;
  // What the bath is made of, as concepts: the species of its components (a species the
  // vocabulary does not know stays "species:<folded code>"), the species its text names, and
  // those a named bath family or the preset's family is made of.
  std::set<std::string> Chemistry(std::string_view preset, std::string_view medium,
                                  const std::vector<std::string>& component_species) const;
  // The bath family of an engine preset ("chrome_plating" for "hard-chrome-sulfate"), else the
  // family whose name the medium text contains; empty when neither says.
  std::string BathFamily(std::string_view preset, std::string_view medium) const;
  // A concept's name for people in a platform language (its first name there: "镀镍" for
  // "nickel_plating" in zh); empty for an unknown concept.
  std::string NameOf(std::string_view concept_id, std::string_view lang) const;

 private:
  struct Concept {
    std::string id;
    std::string kind;  // "species", "bath", "material"
    std::vector<std::string> engine_ids;
    std::vector<std::string> related;
    std::vector<std::vector<std::string>> names;              // each name as index terms
    std::map<std::string, std::string, std::less<>> display;  // language -> first name
  };
  std::vector<TermAlternative> AlternativesOf(const Concept& c) const;

  std::vector<Concept> concepts_;
  std::vector<std::string> material_ids_;
  std::vector<std::string> rate_groups_;
  std::vector<std::string> preset_ids_;
  std::map<std::string, std::size_t> by_folded_code_;  // FoldCode(engine id or formula) -> concept
};

// The vocabulary built from the embedded knowledge files, parsed on first use.
const Vocabulary& CaseVocabulary();

// How much each aspect of a similar-case query counts (knowledge/cases/similarity_weights.json).
struct SimilarityWeights {
  double mechanism = 0;
  double material = 0;
  double chemistry = 0;
  double bath_family = 0;
  double temperature = 0;
  double environment = 0;
  double temperature_span_c = 40;  // a temperature this far off scores 0
};
Result<SimilarityWeights> ParseSimilarityWeights(std::string_view json);
const SimilarityWeights& CaseSimilarityWeights();  // the embedded file, parsed on first use

}  // namespace rutile::cases
