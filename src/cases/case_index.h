// The in-memory search and similarity index over public cases (internal to the cases module).
//
// Built from the public records themselves (the same terms, weights and facets the repository
// files them under) and brought up to date before each query by reading only the cases published
// since the last look. Public cases are never changed or removed, so appending is enough; a case
// whose id commits late (concurrent writers on PostgreSQL) is caught by re-reading a short window
// below the newest id it holds. Ranking and scores are those of the reference functions
// (`IndexTerms`, `ScoreSimilarity`); the index only avoids reading every case from storage for
// every query. Thread-safe: queries share a lock, a refresh that finds new cases takes it alone.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rutile/cases/case_service.h"
#include "rutile/cases/text_index.h"
#include "rutile/cases/vocabulary.h"
#include "rutile/core/result.h"
#include "rutile/store/database.h"

namespace rutile::cases {

struct IndexedHit {
  std::int64_t id = 0;
  double score = 0;
};

struct IndexedPage {
  std::vector<IndexedHit> hits;  // the requested page, best first
  std::int64_t total = 0;        // every match
  std::vector<FacetCount> facets;
};

class CaseIndex {
 public:
  // Words in the searcher's own spelling rank a case above the same concept in another language.
  static constexpr double kTranslatedWeight = 0.8;

  // Reads the public cases published since the last call (in the caller's transaction).
  Status Refresh(store::Connection& c);

  // Query groups (Vocabulary::ExpandQuery; none: newest first) and facet filters (facet, value).
  // A group counts for a case when one of its alternatives occurs whole; its score is that of
  // its best alternative, an alternative the user did not type counting kTranslatedWeight of it.
  IndexedPage Search(const std::vector<TermGroup>& groups,
                     const std::vector<std::pair<std::string, std::string>>& filters,
                     std::size_t offset, std::size_t limit) const;

  // The `limit` cases scoring highest against the probe (score > 0), best first; scores equal
  // those of ScoreSimilarity.
  std::vector<IndexedHit> Similar(const SimilarityProbe& probe, std::size_t limit) const;

  std::size_t size() const;

 private:
  struct Posting {
    std::uint32_t doc;
    float weight;  // sums of 1, 1.5 and 2: exact in a float
  };
  // The similarity fields of one case, with codes interned; code ranges index code_flat_.
  struct Features {
    double temperature_c = 0;
    double ph = 0;
    double chloride = 0;
    double fluoride = 0;
    bool has_ph = false, has_chloride = false, has_fluoride = false;
    bool titanium = false;  // the folded material starts with "ti"
    FailureMode failure_mode = FailureMode::kOther;
    std::uint32_t grade = 0, material = 0;
    std::uint32_t mech_begin = 0, mech_end = 0, medium_begin = 0, medium_end = 0;
    std::uint32_t family = 0;  // interned "family:<bath family>"; 0 when none
  };
  struct Probe;

  void Add(const PublicCase& pc);
  std::uint32_t Intern(const std::string& code);
  std::uint32_t Lookup(const std::string& code, std::uint32_t& unknown) const;
  struct Partial {
    double weight_sum = 0;
    double total = 0;
  };
  Probe MakeProbe(const SimilarityProbe& p) const;
  Partial Shared(const Probe& p, const Features& f) const;
  double Score(const Probe& p, std::size_t doc, Partial shared) const;
  bool PassesFilters(std::size_t doc, const std::vector<std::uint32_t>& filters) const;

  const SimilarityWeights weights_ = CaseSimilarityWeights();
  mutable std::shared_mutex mu_;
  std::vector<std::int64_t> ids_;
  std::int64_t max_id_ = 0;
  std::set<std::int64_t> recent_;  // ids within the late-commit window below max_id_

  std::unordered_map<std::string, std::uint32_t> terms_;
  std::vector<std::vector<Posting>> postings_;

  std::map<std::pair<std::string, std::string>, std::uint32_t> facet_ids_;
  std::size_t facet_count_ = 0;
  std::vector<std::uint32_t> facet_flat_;
  std::vector<std::uint32_t> facet_start_{0};

  std::unordered_map<std::string, std::uint32_t> codes_;
  std::vector<Features> features_;
  std::vector<std::uint32_t> code_flat_;  // mechanism and medium code ids, per case
  // Cases with the same failure mode, grade, material and mechanisms (the fields the mechanism
  // and material aspects read): similar-case queries score a group's shared part once and skip
  // groups that cannot reach the best cases found so far.
  std::unordered_map<std::string, std::uint32_t> group_ids_;
  std::vector<std::vector<std::uint32_t>> groups_;
};

}  // namespace rutile::cases
