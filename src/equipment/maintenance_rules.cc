#include "rutile/equipment/maintenance_rules.h"

#include <algorithm>
#include <boost/json.hpp>

#include "rutile/core/check.h"

namespace rutile::equipment {

std::string_view EmbeddedMaintenanceRulesJson();

namespace {

namespace json = boost::json;

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

Error Bad(const std::string& path, const std::string& what) {
  return InvalidArgument("maintenance rules: " + path + " " + what, {{path, what}});
}

// A source block: "source" is required and must name an entry of "sources".
Result<IntervalSource> ReadSource(const json::object& o, const json::object& sources,
                                  const std::string& path) {
  IntervalSource s;
  s.source = Str(o, "source");
  if (s.source.empty() || !sources.contains(s.source)) return Bad(path, "needs a known source");
  s.clause_id = Str(o, "clause");
  s.number = Str(o, "number");
  s.confidence = Str(o, "confidence");
  s.note = Str(o, "note");
  if (s.confidence != "verified" && s.confidence != "secondary" && s.confidence != "uncertain")
    return Bad(path, "needs a confidence (verified, secondary, uncertain)");
  return s;
}

}  // namespace

const GradeInterval* ActivityRule::ForGrade(int grade) const {
  for (const auto& i : intervals)
    if (i.grade == grade) return &i;
  return nullptr;
}

const ActivityRule* MaintenanceRules::Find(std::string_view kind) const {
  for (const auto& a : activities)
    if (a.kind == kind) return &a;
  return nullptr;
}

std::string MaintenanceRules::TitleOf(std::string_view kind, std::string_view typed,
                                      std::string_view lang) const {
  const ActivityRule* rule = Find(kind);
  if (rule == nullptr) return std::string(typed);
  if (auto it = rule->title.find(std::string(lang)); it != rule->title.end()) return it->second;
  return rule->title.at("en");
}

Result<MaintenanceRules> MaintenanceRules::Parse(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return InvalidArgument("maintenance rules: not a JSON object");
  const json::object& root = doc.as_object();
  const json::value* sources = root.if_contains("sources");
  const json::value* activities = root.if_contains("activities");
  const json::value* stages = root.if_contains("reminder_stages");
  if (sources == nullptr || !sources->is_object() || activities == nullptr ||
      !activities->is_array() || stages == nullptr || !stages->is_array())
    return InvalidArgument("maintenance rules: sources, activities and reminder_stages needed");
  const json::object& src = sources->as_object();
  MaintenanceRules r;
  r.version = Str(root, "version");
  if (r.version.empty()) return Bad("version", "is required");
  for (std::size_t i = 0; i < activities->as_array().size(); ++i) {
    const std::string path = "activities[" + std::to_string(i) + "]";
    const json::value& a = activities->as_array()[i];
    if (!a.is_object()) return Bad(path, "must be an object");
    const json::object& o = a.as_object();
    ActivityRule rule;
    rule.kind = Str(o, "kind");
    if (rule.kind.empty()) return Bad(path + ".kind", "is required");
    if (const json::value* t = o.if_contains("title"); t != nullptr && t->is_object())
      for (const auto& [lang, v] : t->as_object())
        if (v.is_string()) rule.title[std::string(lang)] = std::string(v.as_string());
    if (!rule.title.contains("en")) return Bad(path + ".title", "needs an English title");
    if (const json::value* c = o.if_contains("clauses"); c != nullptr && c->is_array())
      for (const auto& id : c->as_array())
        if (id.is_string()) rule.clauses.emplace_back(id.as_string());
    if (const json::value* cap = o.if_contains("remaining_life_cap"); cap && cap->is_object()) {
      const json::value* f = cap->as_object().if_contains("fraction");
      if (f == nullptr || !f->is_number()) return Bad(path + ".remaining_life_cap", "fraction");
      rule.remaining_life_fraction = f->to_number<double>();
      RUTILE_ASSIGN_OR_RETURN(rule.remaining_life_source,
                              ReadSource(cap->as_object(), src, path + ".remaining_life_cap"));
    }
    const json::value* intervals = o.if_contains("intervals");
    if (intervals == nullptr || !intervals->is_array()) return Bad(path, "needs intervals");
    for (std::size_t k = 0; k < intervals->as_array().size(); ++k) {
      const std::string ipath = path + ".intervals[" + std::to_string(k) + "]";
      const json::value& iv = intervals->as_array()[k];
      if (!iv.is_object()) return Bad(ipath, "must be an object");
      const json::object& io = iv.as_object();
      GradeInterval g;
      const json::value* grade = io.if_contains("grade");
      const json::value* days = io.if_contains("days");
      if (grade == nullptr || !grade->is_int64() || grade->as_int64() < 1 || grade->as_int64() > 4)
        return Bad(ipath + ".grade", "must be 1 to 4");
      if (days == nullptr || !days->is_int64() || days->as_int64() < 0 || days->as_int64() > 3660)
        return Bad(ipath + ".days", "must be 0 to 3660");
      g.grade = static_cast<int>(grade->as_int64());
      g.days = static_cast<int>(days->as_int64());
      if (const json::value* once = io.if_contains("once"); once && once->is_bool())
        g.once = once->as_bool();
      if (!g.once && g.days == 0) return Bad(ipath + ".days", "must be positive unless once");
      RUTILE_ASSIGN_OR_RETURN(g.source, ReadSource(io, src, ipath));
      rule.intervals.push_back(std::move(g));
    }
    r.activities.push_back(std::move(rule));
  }
  for (std::size_t i = 0; i < stages->as_array().size(); ++i) {
    const std::string path = "reminder_stages[" + std::to_string(i) + "]";
    const json::value& s = stages->as_array()[i];
    const json::value* days =
        s.is_object() ? s.as_object().if_contains("days_before_due") : nullptr;
    if (days == nullptr || !days->is_int64()) return Bad(path, "needs days_before_due");
    ReminderStage st{Str(s.as_object(), "stage"), static_cast<int>(days->as_int64())};
    if (st.stage.empty()) return Bad(path + ".stage", "is required");
    r.stages.push_back(std::move(st));
  }
  std::sort(r.stages.begin(), r.stages.end(), [](const ReminderStage& a, const ReminderStage& b) {
    return a.days_before_due > b.days_before_due;
  });
  if (const json::value* d = root.if_contains("digest"); d != nullptr && d->is_object()) {
    if (const json::value* h = d->as_object().if_contains("horizon_days"); h && h->is_int64())
      r.digest_horizon_days = static_cast<int>(h->as_int64());
    if (const json::value* m = d->as_object().if_contains("max_listed"); m && m->is_int64())
      r.digest_max_listed = static_cast<int>(m->as_int64());
  }
  return r;
}

const MaintenanceRules& MaintenanceRules::Default() {
  static const MaintenanceRules kRules = [] {
    auto parsed = Parse(EmbeddedMaintenanceRulesJson());
    RUTILE_CHECK(parsed.has_value(),
                 "embedded knowledge/equipment/maintenance_rules.json is invalid");
    return std::move(parsed).value();
  }();
  return kRules;
}

}  // namespace rutile::equipment
