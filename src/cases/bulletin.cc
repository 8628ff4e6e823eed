#include "rutile/cases/bulletin.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "rutile/cases/vocabulary.h"
#include "rutile/texts/catalogue.h"

namespace rutile::cases {
namespace {

constexpr std::size_t kMaxTexts = 10;
constexpr std::size_t kMaxTitle = 200;     // code points
constexpr std::size_t kMaxSummary = 4000;  // code points
constexpr std::size_t kMaxRuleEntries = 50;
constexpr std::size_t kMaxRuleEntry = 100;
constexpr double kRuleTemperatureMarginC = 10;

std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool IsLanguageTag(std::string_view s) {
  // Primary subtag of 2-3 letters, then subtags of 2-8 letters or digits ("en", "pt-BR").
  std::size_t i = 0;
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
  if (i < 2 || i > 3) return false;
  while (i < s.size()) {
    if (s[i] != '-') return false;
    std::size_t start = ++i;
    while (i < s.size() && std::isalnum(static_cast<unsigned char>(s[i]))) ++i;
    if (i - start < 2 || i - start > 8) return false;
  }
  return true;
}

// Lower-case ASCII letters and digits, other ASCII dropped, non-ASCII bytes kept.
std::string Fold(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80)
      out.push_back(c);
    else if (std::isalnum(u))
      out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <typename T>
void SortUnique(std::vector<T>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Cuts at a UTF-8 character boundary, adding an ellipsis when cut.
std::string Truncate(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

std::string Join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

// Medium names folded for clustering: lower-case ASCII, single spaces, trimmed.
std::string MediumKey(std::string_view medium) {
  std::string out;
  bool space = false;
  for (char c : medium) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isspace(u)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(u < 0x80 ? static_cast<char>(std::tolower(u)) : c);
  }
  return out;
}

void CheckList(const std::vector<std::string>& list, const std::string& name,
               std::vector<FieldError>& e) {
  if (list.size() > kMaxRuleEntries)
    e.push_back({name, "has more than " + std::to_string(kMaxRuleEntries) + " entries"});
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i].empty() || list[i].size() > kMaxRuleEntry)
      e.push_back({name + "[" + std::to_string(i) + "]",
                   "must be 1 to " + std::to_string(kMaxRuleEntry) + " bytes"});
}

}  // namespace

std::string_view BulletinSeverityName(BulletinSeverity s) {
  switch (s) {
    case BulletinSeverity::kAdvisory:
      return "advisory";
    case BulletinSeverity::kWarning:
      return "warning";
    case BulletinSeverity::kAlert:
      return "alert";
  }
  return "advisory";
}

std::optional<BulletinSeverity> ParseBulletinSeverity(std::string_view name) {
  for (auto s : {BulletinSeverity::kAdvisory, BulletinSeverity::kWarning, BulletinSeverity::kAlert})
    if (BulletinSeverityName(s) == name) return s;
  return std::nullopt;
}

std::string_view BulletinStateName(BulletinState s) {
  switch (s) {
    case BulletinState::kDraft:
      return "draft";
    case BulletinState::kPublished:
      return "published";
    case BulletinState::kWithdrawn:
      return "withdrawn";
  }
  return "draft";
}

std::optional<BulletinState> ParseBulletinState(std::string_view name) {
  for (auto s : {BulletinState::kDraft, BulletinState::kPublished, BulletinState::kWithdrawn})
    if (BulletinStateName(s) == name) return s;
  return std::nullopt;
}

bool MatchingRule::empty() const {
  return mechanisms.empty() && materials.empty() && bath_presets.empty() && species.empty() &&
         !min_temperature_c && !max_temperature_c && equipment_types.empty() && grades.empty();
}

Status ValidateTexts(const std::vector<BulletinText>& texts) {
  std::vector<FieldError> e;
  if (texts.empty()) e.push_back({"texts", "needs at least one language"});
  if (texts.size() > kMaxTexts)
    e.push_back({"texts", "has more than " + std::to_string(kMaxTexts) + " languages"});
  std::set<std::string> seen;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string at = "texts[" + std::to_string(i) + "].";
    const BulletinText& t = texts[i];
    if (!IsLanguageTag(t.language))
      e.push_back({at + "language", "must be a BCP 47 tag such as en, zh or pt-BR"});
    else if (!seen.insert(t.language).second)
      e.push_back({at + "language", "appears twice"});
    if (t.title.empty() || CodePoints(t.title) > kMaxTitle)
      e.push_back({at + "title", "must be 1 to " + std::to_string(kMaxTitle) + " characters"});
    if (t.summary.empty() || CodePoints(t.summary) > kMaxSummary)
      e.push_back({at + "summary", "must be 1 to " + std::to_string(kMaxSummary) + " characters"});
  }
  if (!e.empty()) return InvalidArgument("the bulletin text is not valid", std::move(e));
  return Ok();
}

Status ValidateRule(const MatchingRule& rule) {
  std::vector<FieldError> e;
  if (rule.empty()) e.push_back({"rule", "needs at least one criterion"});
  CheckList(rule.mechanisms, "rule.mechanisms", e);
  for (std::size_t i = 0; i < rule.mechanisms.size(); ++i)
    if (std::find(KnownMechanismIds().begin(), KnownMechanismIds().end(), rule.mechanisms[i]) ==
        KnownMechanismIds().end())
      e.push_back({"rule.mechanisms[" + std::to_string(i) + "]", "is not a known mechanism id"});
  CheckList(rule.materials, "rule.materials", e);
  CheckList(rule.bath_presets, "rule.bath_presets", e);
  CheckList(rule.species, "rule.species", e);
  CheckList(rule.equipment_types, "rule.equipment_types", e);
  for (const auto& [name, t] : {std::pair{"rule.min_temperature_c", rule.min_temperature_c},
                                std::pair{"rule.max_temperature_c", rule.max_temperature_c}})
    if (t && (!std::isfinite(*t) || *t < -100 || *t > 1000))
      e.push_back({name, "must be from -100 to 1000 °C"});
  if (rule.min_temperature_c && rule.max_temperature_c &&
      *rule.min_temperature_c > *rule.max_temperature_c)
    e.push_back({"rule.max_temperature_c", "must not be below min_temperature_c"});
  for (std::size_t i = 0; i < rule.grades.size(); ++i)
    if (rule.grades[i] < 1 || rule.grades[i] > 4)
      e.push_back({"rule.grades[" + std::to_string(i) + "]", "must be a risk grade from 1 to 4"});
  if (!e.empty()) return InvalidArgument("the matching rule is not valid", std::move(e));
  return Ok();
}

std::string MaterialFamily(std::string_view material) {
  const std::string f = Fold(material);
  if (f.empty()) return f;
  if (StartsWith(f, "ti") || StartsWith(f, "gr") ||
      ((StartsWith(f, "ta") || StartsWith(f, "tc")) && AllDigits(f.substr(2))) ||
      (StartsWith(f, "r5") && AllDigits(f.substr(1))) || f.find("钛") != std::string::npos)
    return "titanium";
  if (StartsWith(f, "ss") || f.find("stainless") != std::string::npos || StartsWith(f, "304") ||
      StartsWith(f, "316") || (StartsWith(f, "s3") && AllDigits(f.substr(1))))
    return "stainless";
  if (StartsWith(f, "alloy") || StartsWith(f, "c276") || StartsWith(f, "hastelloy") ||
      StartsWith(f, "inconel") || StartsWith(f, "nickel") || StartsWith(f, "n10"))
    return "nickel_alloy";
  if (f.find("ptfe") != std::string::npos || f.find("teflon") != std::string::npos ||
      f.find("pfa") != std::string::npos || f == "polymer" ||
      f.find("聚四氟乙烯") != std::string::npos)
    return "polymer";
  if (f == "quartz" || f.find("石英") != std::string::npos) return "quartz";
  if (f == "carbonsteel" || f == "steel" || f == "cs") return "steel";
  return f;
}

bool Matches(const MatchingRule& rule, const RegisteredEquipment& item) {
  auto folded_in = [](const std::vector<std::string>& list, std::string_view value) {
    const std::string v = Fold(value);
    return !v.empty() && std::any_of(list.begin(), list.end(),
                                     [&](const std::string& x) { return Fold(x) == v; });
  };
  if (!rule.mechanisms.empty() && std::find(rule.mechanisms.begin(), rule.mechanisms.end(),
                                            item.governing_mechanism) == rule.mechanisms.end())
    return false;
  if (!rule.materials.empty()) {
    const std::string family = MaterialFamily(item.material);
    if (family.empty() ||
        std::none_of(rule.materials.begin(), rule.materials.end(),
                     [&](const std::string& m) { return MaterialFamily(m) == family; }))
      return false;
  }
  if (!rule.bath_presets.empty() || !rule.species.empty()) {
    bool medium = folded_in(rule.bath_presets, item.bath_preset);
    for (const auto& s : item.species) medium = medium || folded_in(rule.species, s);
    if (!medium) return false;
  }
  if (item.temperature_c) {
    if (rule.min_temperature_c && *item.temperature_c < *rule.min_temperature_c) return false;
    if (rule.max_temperature_c && *item.temperature_c > *rule.max_temperature_c) return false;
  }
  if (!rule.equipment_types.empty() && !folded_in(rule.equipment_types, item.type)) return false;
  if (!rule.grades.empty() &&
      std::find(rule.grades.begin(), rule.grades.end(), item.grade) == rule.grades.end())
    return false;
  return true;
}

MatchingRule RuleFromCases(const std::vector<PublicCase>& cases) {
  MatchingRule rule;
  for (const PublicCase& pc : cases) {
    for (const auto& m : pc.mechanism_ids) rule.mechanisms.push_back(m);
    const std::string family = MaterialFamily(pc.material);
    if (!family.empty()) rule.materials.push_back(family);
    const double lo = pc.temperature_c - kRuleTemperatureMarginC;
    const double hi = pc.temperature_c + kRuleTemperatureMarginC;
    rule.min_temperature_c = rule.min_temperature_c ? std::min(*rule.min_temperature_c, lo) : lo;
    rule.max_temperature_c = rule.max_temperature_c ? std::max(*rule.max_temperature_c, hi) : hi;
  }
  SortUnique(rule.mechanisms);
  SortUnique(rule.materials);
  return rule;
}

namespace {

// The names a draft gives the cases' facts in one language. A name the catalogue does not have
// (a material or bath typed as free text) stays as the case has it.
class DraftNames {
 public:
  explicit DraftNames(std::string_view lang)
      : t_(texts::Catalogue::ForLanguage(lang)), lang_(lang) {}

  std::string Text(std::string_view key, const texts::Params& params = {}) const {
    return t_.Get("cases:bulletin.auto." + std::string(key), params);
  }
  std::string List(std::vector<std::string> items) const {
    SortUnique(items);
    return Join(items, Text("separator"));
  }
  std::string Mechanism(const std::string& id) const { return t_.GetOr("kb:mechanism." + id, id); }
  std::string Mode(FailureMode mode) const {
    const std::string id(FailureModeName(mode));
    return t_.GetOr("ui:cases.mode_" + id, id);
  }
  std::string Equipment(const std::string& type) const {
    return t_.GetOr("labels:equipment_type." + type, type);
  }
  // An engine material by its name; a rate group ("ti_cp") by its name and the case's grade.
  std::string Material(const PublicCase& pc) const {
    if (t_.Has("kb:material." + pc.material)) return t_.Get("kb:material." + pc.material);
    const std::string name = t_.GetOr("kb:rate_group." + pc.material, pc.material);
    return pc.grade.empty() ? name : name + " " + pc.grade;
  }
  // The engine preset, else the bath family the medium names, else the medium as typed.
  std::string Bath(const PublicCase& pc) const {
    if (!pc.bath_preset.empty() && t_.Has("kb:preset." + pc.bath_preset))
      return t_.Get("kb:preset." + pc.bath_preset);
    const std::string family = CaseVocabulary().BathFamily(pc.bath_preset, pc.medium);
    if (!family.empty()) return CaseVocabulary().NameOf(family, lang_);
    return pc.medium;
  }

 private:
  const texts::Catalogue& t_;
  std::string lang_;
};

BulletinText DraftText(const std::vector<PublicCase>& cases, std::string_view lang) {
  const DraftNames n(lang);
  std::vector<std::string> modes, mechanisms, baths, equipment, materials, ids, periods;
  double t_min = 0, t_max = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const PublicCase& pc = cases[i];
    modes.push_back(n.Mode(pc.failure_mode));
    for (const auto& m : pc.mechanism_ids) mechanisms.push_back(n.Mechanism(m));
    if (std::string bath = n.Bath(pc); !bath.empty()) baths.push_back(std::move(bath));
    equipment.push_back(n.Equipment(pc.equipment_type));
    materials.push_back(n.Material(pc));
    if (!pc.period.empty()) periods.push_back(pc.period);
    ids.push_back("#" + std::to_string(pc.id));
    t_min = i == 0 ? pc.temperature_c : std::min(t_min, pc.temperature_c);
    t_max = i == 0 ? pc.temperature_c : std::max(t_max, pc.temperature_c);
  }
  SortUnique(baths);
  SortUnique(periods);

  BulletinText text;
  text.language = std::string(lang);
  const std::string what = n.List(mechanisms.empty() ? modes : mechanisms);
  text.title = baths.size() == 1 ? n.Text("title_in", {{"what", what}, {"bath", baths.front()}})
                                 : n.Text("title", {{"what", what}});
  const std::string range = Number(t_min) + (t_max != t_min ? "–" + Number(t_max) : "");
  std::vector<std::string> lines = {
      n.Text("cases", {{"count", std::to_string(cases.size())}, {"ids", Join(ids, " ")}}),
      n.Text("failure", {{"modes", n.List(modes)}}),
      n.Text("material", {{"materials", n.List(materials)}}),
      n.Text("equipment", {{"equipment", n.List(equipment)}})};
  if (!baths.empty()) lines.push_back(n.Text("bath", {{"baths", n.List(baths)}}));
  lines.push_back(n.Text("temperature", {{"range", range}}));
  if (!periods.empty()) {
    const std::string period =
        periods.size() == 1 ? periods.front() : periods.front() + "–" + periods.back();
    lines.push_back(n.Text("period", {{"period", period}}));
  }
  lines.push_back(n.Text("advice"));
  text.summary = Join(lines, "\n");
  if (CodePoints(text.title) > kMaxTitle) text.title = Truncate(text.title, kMaxTitle);
  if (CodePoints(text.summary) > kMaxSummary) text.summary = Truncate(text.summary, kMaxSummary);
  return text;
}

}  // namespace

std::vector<BulletinText> TextsFromCases(const std::vector<PublicCase>& cases) {
  std::vector<BulletinText> out;
  for (std::string_view lang : texts::kLanguages) out.push_back(DraftText(cases, lang));
  return out;
}

std::string ClusterKey(const PublicCase& pc) {
  const std::string mechanism =
      pc.mechanism_ids.empty()
          ? std::string(FailureModeName(pc.failure_mode))
          : *std::min_element(pc.mechanism_ids.begin(), pc.mechanism_ids.end());
  return mechanism + "|" + MaterialFamily(pc.material) + "|" + MediumKey(pc.medium);
}

std::vector<CaseCluster> ClusterCases(const std::vector<PublicCase>& cases, int min_cases) {
  std::map<std::string, std::vector<PublicCase>> groups;
  for (const PublicCase& pc : cases) groups[ClusterKey(pc)].push_back(pc);
  std::vector<CaseCluster> out;
  for (auto& [key, members] : groups) {
    if (members.size() < static_cast<std::size_t>(std::max(1, min_cases))) continue;
    std::sort(members.begin(), members.end(),
              [](const PublicCase& a, const PublicCase& b) { return a.id < b.id; });
    out.push_back({key, std::move(members)});
  }
  return out;
}

BulletinDraft DraftFromCluster(const CaseCluster& cluster, int min_cases) {
  BulletinDraft d;
  for (const auto& pc : cluster.cases) d.case_ids.push_back(pc.id);
  d.severity = cluster.cases.size() >= static_cast<std::size_t>(2 * min_cases)
                   ? BulletinSeverity::kWarning
                   : BulletinSeverity::kAdvisory;
  d.texts = TextsFromCases(cluster.cases);
  MatchingRule rule = RuleFromCases(cluster.cases);
  // The cluster's own mechanism only: the key is what the cases have in common.
  const std::string mechanism = cluster.key.substr(0, cluster.key.find('|'));
  if (std::find(KnownMechanismIds().begin(), KnownMechanismIds().end(), mechanism) !=
      KnownMechanismIds().end())
    rule.mechanisms = {mechanism};
  d.rule = rule;
  return d;
}

}  // namespace rutile::cases
