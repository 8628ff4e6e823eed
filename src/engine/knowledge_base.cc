#include "rutile/engine/knowledge_base.h"

#include <algorithm>
#include <utility>

namespace rutile::engine {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Levenshtein distance on bytes, case-folded.
std::size_t EditDistance(std::string_view a_in, std::string_view b_in) {
  const std::string a = Lower(a_in);
  const std::string b = Lower(b_in);
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = up;
    }
  }
  return row[b.size()];
}

template <typename T>
std::vector<std::string> Suggest(const std::vector<T>& items, std::string_view text,
                                 std::size_t limit, bool (*usable)(const T&)) {
  struct Candidate {
    std::size_t distance;
    std::size_t index;
  };
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (usable != nullptr && !usable(items[i])) continue;
    std::size_t best = EditDistance(text, items[i].id);
    for (const auto& alias : items[i].aliases) best = std::min(best, EditDistance(text, alias));
    candidates.push_back({best, i});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& x, const Candidate& y) { return x.distance < y.distance; });
  std::vector<std::string> out;
  const std::size_t max_distance = std::max<std::size_t>(2, text.size() / 2);
  // A case-insensitive exact match ("HCL" for HCl) is the answer on its own.
  const bool exact = !candidates.empty() && candidates.front().distance == 0;
  for (const auto& c : candidates) {
    if (out.size() >= limit) break;
    if (exact && c.distance > 0) break;
    if (c.distance > max_distance && !out.empty()) break;
    if (c.distance > max_distance + 2) break;
    out.push_back(items[c.index].id + " (" + items[c.index].name_en + ")");
  }
  return out;
}

template <typename T>
void Index(std::unordered_map<std::string, std::size_t>& index, const std::vector<T>& items) {
  index.clear();
  for (std::size_t i = 0; i < items.size(); ++i) {
    index.emplace("=" + items[i].id, i);
    for (const auto& alias : items[i].aliases) index.emplace("~" + Lower(alias), i);
  }
}

template <typename T>
const T* Lookup(const std::unordered_map<std::string, std::size_t>& index,
                const std::vector<T>& items, std::string_view text) {
  std::string key;
  key.reserve(text.size() + 1);
  key.push_back('=');
  key.append(text);
  auto it = index.find(key);
  if (it != index.end()) return &items[it->second];
  key[0] = '~';
  for (std::size_t i = 1; i < key.size(); ++i) {
    char& c = key[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  it = index.find(key);
  if (it != index.end()) return &items[it->second];
  return nullptr;
}

}  // namespace

std::string_view ConfidenceName(Confidence c) {
  switch (c) {
    case Confidence::kVerified:
      return "verified";
    case Confidence::kSecondary:
      return "secondary";
    case Confidence::kUncertain:
      return "uncertain";
  }
  return "uncertain";
}

void KnowledgeBase::BuildIndex() {
  Index(material_index_, materials);
  Index(species_index_, species);
  Index(preset_index_, presets);
  auto find_grid = [&](std::string_view group, std::string_view species_id) {
    if (group.empty()) return -1;
    for (std::size_t i = 0; i < grids.size(); ++i) {
      if (grids[i].rate_group == group && grids[i].species == species_id) {
        return static_cast<int>(i);
      }
    }
    return -1;
  };
  plans.clear();
  for (const auto& m : materials) {
    MaterialPlan plan;
    for (std::size_t i = 0; i < crevice.classes.size(); ++i) {
      if (crevice.classes[i].id == m.crevice_class) plan.crevice_class = static_cast<int>(i);
    }
    for (std::size_t i = 0; i < fluoride.families.size(); ++i) {
      if (fluoride.families[i].family == m.family) plan.fluoride_rule = static_cast<int>(i);
    }
    plan.titanium = m.family == "titanium";
    plan.metal = m.family != "polymer" && m.family != "quartz";
    for (const auto& s : species) {
      SpeciesPlan sp;
      sp.grid = find_grid(m.rate_group, s.id);
      sp.fallback_grid = find_grid(m.rate_fallback, s.id);
      for (const auto& list : inert) {
        if (list.family != m.family) continue;
        for (const auto& id : list.species) sp.inert = sp.inert || id == "*" || id == s.id;
      }
      plan.species.push_back(sp);
    }
    plans.push_back(std::move(plan));
  }
  // Materials that every rule treats alike share one grade (e.g. Gr1/Gr2, the Pd grades).
  auto same = [](const Material& a, const Material& b) {
    const bool temps_equal =
        a.max_service_temperature_c.has_value() == b.max_service_temperature_c.has_value() &&
        (!a.max_service_temperature_c ||
         a.max_service_temperature_c->value == b.max_service_temperature_c->value);
    return a.family == b.family && a.rate_group == b.rate_group &&
           a.rate_fallback == b.rate_fallback && a.crevice_class == b.crevice_class &&
           a.pd_grade == b.pd_grade && temps_equal;
  };
  for (std::size_t i = 0; i < materials.size(); ++i) {
    plans[i].equivalent = static_cast<int>(i);
    for (std::size_t j = 0; j < i; ++j) {
      if (same(materials[i], materials[j])) {
        plans[i].equivalent = plans[j].equivalent;
        break;
      }
    }
  }
}

const Material* KnowledgeBase::FindMaterial(std::string_view text) const {
  return Lookup(material_index_, materials, text);
}
const Species* KnowledgeBase::FindSpecies(std::string_view text) const {
  return Lookup(species_index_, species, text);
}
const Preset* KnowledgeBase::FindPreset(std::string_view text) const {
  return Lookup(preset_index_, presets, text);
}
const MechanismInfo* KnowledgeBase::FindMechanism(std::string_view id) const {
  for (const auto& m : mechanisms) {
    if (m.id == id) return &m;
  }
  return nullptr;
}
const CreviceClass* KnowledgeBase::FindCreviceClass(std::string_view id) const {
  for (const auto& c : crevice.classes) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::vector<std::string> KnowledgeBase::SuggestSpecies(std::string_view text,
                                                       std::size_t limit) const {
  return Suggest<Species>(species, text, limit, nullptr);
}
std::vector<std::string> KnowledgeBase::SuggestMaterials(std::string_view text,
                                                         std::size_t limit) const {
  return Suggest<Material>(materials, text, limit, nullptr);
}
std::vector<std::string> KnowledgeBase::SuggestPresets(std::string_view text,
                                                       std::size_t limit) const {
  return Suggest<Preset>(presets, text, limit, nullptr);
}

}  // namespace rutile::engine
