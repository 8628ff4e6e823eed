#include "case_index.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "case_repository.h"

namespace rutile::cases {
namespace {

// Cases are read from storage in batches of this many.
constexpr std::int64_t kBatch = 2000;
// How far below the newest id a late-committing case is still looked for.
constexpr std::int64_t kLateWindow = 256;
// Codes a probe names that no case uses get ids from here up, so they never match.
constexpr std::uint32_t kUnknownCodes = 0x80000000u;

// |a ∩ b| / |a ∪ b| over sorted, distinct ids; 0 when either is empty (as ScoreSimilarity).
double Jaccard(const std::uint32_t* a, std::size_t na, const std::uint32_t* b, std::size_t nb) {
  if (na == 0 || nb == 0) return 0;
  std::size_t i = 0, j = 0, common = 0;
  while (i < na && j < nb) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(na + nb - common);
}

bool Better(const IndexedHit& a, const IndexedHit& b) {
  return a.score != b.score ? a.score > b.score : a.id > b.id;
}

}  // namespace

struct CaseIndex::Probe {
  bool mechanism = false, material = false, medium = false, has_family = false;
  std::vector<std::uint32_t> mech, medium_codes;  // sorted, distinct; medium: chemistry codes
  std::uint32_t family = 0;
  std::optional<FailureMode> failure_mode;
  bool has_grade = false, has_material = false, titanium = false;
  std::uint32_t grade = 0, material_code = 0;
  std::optional<double> temperature_c, ph, chloride, fluoride;
};

std::size_t CaseIndex::size() const {
  std::shared_lock lock(mu_);
  return ids_.size();
}

Status CaseIndex::Refresh(store::Connection& c) {
  std::int64_t floor = 0;
  std::size_t known = 0;
  {
    std::shared_lock lock(mu_);
    floor = std::max<std::int64_t>(0, max_id_ - kLateWindow);
    known = static_cast<std::size_t>(std::distance(recent_.upper_bound(floor), recent_.end()));
  }
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT COUNT(*), MAX(id) FROM public_cases WHERE id > ?", {floor}));
  const auto count = static_cast<std::size_t>(rows.at(0).Int(0));
  const std::int64_t latest = rows.at(0).OptInt(1).value_or(0);
  std::unique_lock lock(mu_);
  if (count == known && latest <= max_id_) return Ok();
  std::int64_t after = std::max<std::int64_t>(0, max_id_ - kLateWindow);
  for (;;) {
    RUTILE_ASSIGN_OR_RETURN(auto batch, repository::PublicCasesAfter(c, after, kBatch));
    for (const auto& pc : batch)
      if (pc.id > max_id_ || !recent_.count(pc.id)) Add(pc);
    if (static_cast<std::int64_t>(batch.size()) < kBatch) break;
    after = batch.back().id;
  }
  recent_.erase(recent_.begin(), recent_.upper_bound(max_id_ - kLateWindow));
  return Ok();
}

std::uint32_t CaseIndex::Intern(const std::string& code) {
  auto [it, added] = codes_.try_emplace(code, static_cast<std::uint32_t>(codes_.size()));
  return it->second;
}

std::uint32_t CaseIndex::Lookup(const std::string& code, std::uint32_t& unknown) const {
  auto it = codes_.find(code);
  return it != codes_.end() ? it->second : unknown++;
}

void CaseIndex::Add(const PublicCase& pc) {
  const auto doc = static_cast<std::uint32_t>(ids_.size());
  ids_.push_back(pc.id);
  max_id_ = std::max(max_id_, pc.id);
  recent_.insert(pc.id);

  for (const auto& [term, weight] : repository::WeightedTerms(pc)) {
    auto [it, added] = terms_.try_emplace(term, static_cast<std::uint32_t>(postings_.size()));
    if (added) postings_.emplace_back();
    postings_[it->second].push_back({doc, static_cast<float>(weight)});
  }

  for (const auto& fv : repository::FacetsOf(pc)) {
    auto [it, added] = facet_ids_.try_emplace(fv, static_cast<std::uint32_t>(facet_count_));
    if (added) ++facet_count_;
    facet_flat_.push_back(it->second);
  }
  facet_start_.push_back(static_cast<std::uint32_t>(facet_flat_.size()));

  Features f;
  f.failure_mode = pc.failure_mode;
  f.grade = Intern(FoldCode(pc.grade));
  const std::string material = FoldCode(pc.material);
  f.material = Intern(material);
  f.titanium = material.rfind("ti", 0) == 0;
  auto append_codes = [&](const std::set<std::string>& codes) {
    std::vector<std::uint32_t> ids;
    for (const auto& code : codes) ids.push_back(Intern(code));
    std::sort(ids.begin(), ids.end());
    code_flat_.insert(code_flat_.end(), ids.begin(), ids.end());
  };
  f.mech_begin = static_cast<std::uint32_t>(code_flat_.size());
  append_codes({pc.mechanism_ids.begin(), pc.mechanism_ids.end()});
  f.mech_end = f.medium_begin = static_cast<std::uint32_t>(code_flat_.size());
  std::vector<std::string> species;
  for (const auto& comp : pc.components) species.push_back(comp.species);
  append_codes(CaseVocabulary().Chemistry(pc.bath_preset, pc.medium, species));
  f.medium_end = static_cast<std::uint32_t>(code_flat_.size());
  const std::string family = CaseVocabulary().BathFamily(pc.bath_preset, pc.medium);
  f.family = family.empty() ? 0 : Intern("family:" + family);
  // The group of cases sharing the fields of the mechanism and material aspects.
  std::string key;
  for (std::uint32_t v : {static_cast<std::uint32_t>(f.failure_mode), f.grade, f.material,
                          static_cast<std::uint32_t>(f.titanium)})
    key.append(reinterpret_cast<const char*>(&v), sizeof v);
  key.append(reinterpret_cast<const char*>(code_flat_.data() + f.mech_begin),
             (f.mech_end - f.mech_begin) * sizeof(std::uint32_t));
  auto [group, added_group] =
      group_ids_.try_emplace(key, static_cast<std::uint32_t>(groups_.size()));
  if (added_group) groups_.emplace_back();
  groups_[group->second].push_back(doc);
  f.temperature_c = pc.temperature_c;
  if (pc.ph) f.has_ph = true, f.ph = *pc.ph;
  if (pc.chloride_mg_per_l) f.has_chloride = true, f.chloride = *pc.chloride_mg_per_l;
  if (pc.fluoride_mg_per_l) f.has_fluoride = true, f.fluoride = *pc.fluoride_mg_per_l;
  features_.push_back(f);
}

bool CaseIndex::PassesFilters(std::size_t doc, const std::vector<std::uint32_t>& filters) const {
  const std::uint32_t* begin = facet_flat_.data() + facet_start_[doc];
  const std::uint32_t* end = facet_flat_.data() + facet_start_[doc + 1];
  for (std::uint32_t f : filters)
    if (std::find(begin, end, f) == end) return false;
  return true;
}

IndexedPage CaseIndex::Search(const std::vector<TermGroup>& groups,
                              const std::vector<std::pair<std::string, std::string>>& filters,
                              std::size_t offset, std::size_t limit) const {
  std::shared_lock lock(mu_);
  IndexedPage page;
  const std::size_t n = ids_.size();
  std::vector<std::uint32_t> filter_ids;
  for (const auto& fv : filters) {
    auto it = facet_ids_.find(fv);
    if (it == facet_ids_.end()) return page;  // no case has this value
    filter_ids.push_back(it->second);
  }

  struct Match {
    std::uint32_t doc;
    double score;
  };
  std::vector<Match> matched;
  if (!groups.empty()) {
    // Score = Σ over groups of the best alternative's Σ tf/(tf+1.2) · log(1 + N/df).
    thread_local std::vector<double> score;
    thread_local std::vector<std::uint8_t> hits;
    thread_local std::vector<std::uint32_t> touched;
    thread_local std::vector<double> group_best;
    thread_local std::vector<double> alt_score;
    thread_local std::vector<std::uint8_t> alt_count;
    if (score.size() < n) {
      score.resize(n), hits.resize(n), group_best.resize(n, -1), alt_score.resize(n),
          alt_count.resize(n);
    }
    touched.clear();
    std::vector<std::uint32_t> group_docs, alt_docs;
    for (const TermGroup& group : groups) {
      group_docs.clear();
      for (const TermAlternative& alt : group.alternatives) {
        alt_docs.clear();
        std::size_t needed_terms = 0;
        for (const auto& term : alt.terms) {
          ++needed_terms;
          auto it = terms_.find(term);
          if (it == terms_.end()) break;
          const auto& list = postings_[it->second];
          const double idf =
              std::log(1 + static_cast<double>(n) / static_cast<double>(list.size()));
          for (const Posting& p : list) {
            if (alt_count[p.doc] + 1u != needed_terms) continue;  // missed an earlier term
            if (alt_count[p.doc] == 0) alt_docs.push_back(p.doc);
            const double w = p.weight;
            alt_score[p.doc] += w / (w + 1.2) * idf;
            ++alt_count[p.doc];
          }
        }
        const double factor = alt.original ? 1.0 : kTranslatedWeight;
        for (std::uint32_t doc : alt_docs) {
          if (alt_count[doc] == alt.terms.size()) {
            if (group_best[doc] < 0) group_docs.push_back(doc);
            group_best[doc] = std::max(group_best[doc], factor * alt_score[doc]);
          }
          alt_score[doc] = 0;
          alt_count[doc] = 0;
        }
      }
      for (std::uint32_t doc : group_docs) {
        if (hits[doc] == 0) touched.push_back(doc);
        score[doc] += group_best[doc];
        hits[doc] = static_cast<std::uint8_t>(std::min(255, hits[doc] + 1));
        group_best[doc] = -1;
      }
    }
    // Most of the query must match (all of it for one or two groups).
    const std::size_t needed = std::max<std::size_t>(
        static_cast<std::size_t>(std::ceil(0.6 * static_cast<double>(groups.size()))),
        std::min<std::size_t>(2, groups.size()));
    for (std::uint32_t doc : touched) {
      if (hits[doc] >= needed && PassesFilters(doc, filter_ids))
        matched.push_back({doc, score[doc]});
      score[doc] = 0;
      hits[doc] = 0;
    }
  } else {
    for (std::size_t doc = 0; doc < n; ++doc)
      if (PassesFilters(doc, filter_ids)) matched.push_back({static_cast<std::uint32_t>(doc), 0});
  }

  page.total = static_cast<std::int64_t>(matched.size());
  std::vector<std::int64_t> counts(facet_count_, 0);
  for (const Match& m : matched)
    for (std::uint32_t i = facet_start_[m.doc]; i < facet_start_[m.doc + 1]; ++i)
      ++counts[facet_flat_[i]];
  for (const auto& [fv, id] : facet_ids_)
    if (counts[id] > 0) page.facets.push_back({fv.first, fv.second, counts[id]});

  if (offset < matched.size()) {
    const std::size_t end = std::min(matched.size(), offset + limit);
    std::partial_sort(matched.begin(), matched.begin() + static_cast<std::ptrdiff_t>(end),
                      matched.end(), [&](const Match& a, const Match& b) {
                        return Better({ids_[a.doc], a.score}, {ids_[b.doc], b.score});
                      });
    for (std::size_t i = offset; i < end; ++i)
      page.hits.push_back({ids_[matched[i].doc], matched[i].score});
  }
  return page;
}

CaseIndex::Probe CaseIndex::MakeProbe(const SimilarityProbe& p) const {
  Probe probe;
  std::uint32_t unknown = kUnknownCodes;
  auto ids_of = [&](const std::set<std::string>& codes) {
    std::vector<std::uint32_t> ids;
    for (const auto& code : codes) ids.push_back(Lookup(code, unknown));
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  std::set<std::string> mech(p.mechanism_ids.begin(), p.mechanism_ids.end());
  if (p.failure_mode)
    for (auto& m : DefaultMechanisms(*p.failure_mode)) mech.insert(m);
  probe.mechanism = !mech.empty() || p.failure_mode.has_value();
  probe.mech = ids_of(mech);
  probe.failure_mode = p.failure_mode;
  probe.material = !p.material.empty() || !p.grade.empty();
  probe.has_grade = !p.grade.empty();
  if (probe.has_grade) probe.grade = Lookup(FoldCode(p.grade), unknown);
  probe.has_material = !p.material.empty();
  const std::string material = FoldCode(p.material);
  if (probe.has_material) probe.material_code = Lookup(material, unknown);
  probe.titanium = material.rfind("ti", 0) == 0;
  probe.medium = !p.medium.empty() || !p.components.empty() || !p.bath_preset.empty();
  if (probe.medium) {
    std::vector<std::string> species;
    for (const auto& comp : p.components) species.push_back(comp.species);
    probe.medium_codes = ids_of(CaseVocabulary().Chemistry(p.bath_preset, p.medium, species));
    const std::string family = CaseVocabulary().BathFamily(p.bath_preset, p.medium);
    probe.has_family = !family.empty();
    if (probe.has_family) probe.family = Lookup("family:" + family, unknown);
  }
  probe.temperature_c = p.temperature_c;
  probe.ph = p.ph;
  probe.chloride = p.chloride_mg_per_l;
  probe.fluoride = p.fluoride_mg_per_l;
  return probe;
}

// The arithmetic of ScoreSimilarity, in the same order, without building the explanation: first
// the aspects a whole group of cases shares (mechanism, material)...
CaseIndex::Partial CaseIndex::Shared(const Probe& p, const Features& f) const {
  Partial r;
  if (p.mechanism) {
    double s = Jaccard(p.mech.data(), p.mech.size(), code_flat_.data() + f.mech_begin,
                       f.mech_end - f.mech_begin);
    if (p.failure_mode && *p.failure_mode == f.failure_mode) s = std::max(s, 0.8);
    r.weight_sum += weights_.mechanism;
    r.total += weights_.mechanism * s;
  }
  if (p.material) {
    double s = 0;
    if (p.has_grade && p.grade == f.grade)
      s = 1;
    else if (p.has_material && p.material_code == f.material)
      s = 0.8;
    else if (p.titanium && f.titanium)
      s = 0.4;
    r.weight_sum += weights_.material;
    r.total += weights_.material * s;
  }
  return r;
}

// ...then those of each case (chemistry, bath family, temperature, environment).
double CaseIndex::Score(const Probe& p, std::size_t doc, Partial r) const {
  const Features& f = features_[doc];
  auto aspect = [&](double weight, double score) {
    r.weight_sum += weight;
    r.total += weight * score;
  };
  if (p.medium) {
    aspect(weights_.chemistry,
           Jaccard(p.medium_codes.data(), p.medium_codes.size(), code_flat_.data() + f.medium_begin,
                   f.medium_end - f.medium_begin));
    if (p.has_family) aspect(weights_.bath_family, f.family == p.family ? 1.0 : 0.0);
  }
  if (p.temperature_c)
    aspect(weights_.temperature, std::max(0.0, 1 - std::fabs(*p.temperature_c - f.temperature_c) /
                                                       weights_.temperature_span_c));
  double sum = 0;
  int parts = 0;
  if (p.ph && f.has_ph) sum += std::max(0.0, 1 - std::fabs(*p.ph - f.ph) / 3), ++parts;
  if (p.chloride && f.has_chloride) {
    const double a = *p.chloride, b = f.chloride;
    double s = 0;
    if ((a > 0) == (b > 0)) s = 1 - std::min(1.0, std::fabs(std::log10((a + 1) / (b + 1))) / 2);
    sum += s, ++parts;
  }
  if (p.fluoride && f.has_fluoride)
    sum += (*p.fluoride > 0) == (f.fluoride > 0) ? 1.0 : 0.0, ++parts;
  if (parts > 0) aspect(weights_.environment, sum / static_cast<double>(parts));
  return r.weight_sum > 0 ? r.total / r.weight_sum : 0;
}

std::vector<IndexedHit> CaseIndex::Similar(const SimilarityProbe& probe, std::size_t limit) const {
  if (limit == 0) return {};
  std::shared_lock lock(mu_);
  const Probe p = MakeProbe(probe);
  // Cases of one group share their mechanism and material scores. A group's best possible score
  // has every per-case aspect at 1; (total + w) / (sum + w) grows with w because total <= sum, so
  // counting the environment aspect in bounds the cases without it too.
  const double per_case =
      (p.medium ? weights_.chemistry + (p.has_family ? weights_.bath_family : 0) : 0) +
      (p.temperature_c ? weights_.temperature : 0) +
      (p.ph || p.chloride || p.fluoride ? weights_.environment : 0);
  struct Candidate {
    double bound;
    Partial shared;
    std::uint32_t group;
  };
  std::vector<Candidate> groups;
  groups.reserve(groups_.size());
  for (std::uint32_t g = 0; g < groups_.size(); ++g) {
    const Partial shared = Shared(p, features_[groups_[g].front()]);
    const double w = shared.weight_sum + per_case;
    groups.push_back({w > 0 ? (shared.total + per_case) / w : 0, shared, g});
  }
  std::sort(groups.begin(), groups.end(),
            [](const Candidate& a, const Candidate& b) { return a.bound > b.bound; });

  // A min-heap of the best `limit` so far: its top is the weakest kept.
  std::vector<IndexedHit> best;
  best.reserve(limit + 1);
  constexpr double kSlack = 1e-9;  // rounding between the bound and a score
  for (const Candidate& g : groups) {
    if (g.bound + kSlack <= 0) break;
    if (best.size() == limit && g.bound + kSlack < best.front().score) break;
    for (std::uint32_t doc : groups_[g.group]) {
      const IndexedHit hit{ids_[doc], Score(p, doc, g.shared)};
      if (hit.score <= 0) continue;
      if (best.size() == limit && !Better(hit, best.front())) continue;
      best.push_back(hit);
      std::push_heap(best.begin(), best.end(), Better);
      if (best.size() > limit) {
        std::pop_heap(best.begin(), best.end(), Better);
        best.pop_back();
      }
    }
  }
  std::sort(best.begin(), best.end(), Better);
  return best;
}

}  // namespace rutile::cases
