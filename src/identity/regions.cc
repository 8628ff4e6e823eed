#include "rutile/identity/regions.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "rutile/core/check.h"

namespace rutile::identity {

std::string_view EmbeddedRegionsJson();  // generated from knowledge/regions/regions.json

namespace {

namespace json = boost::json;

std::map<std::string, std::string> Names(const json::value& v) {
  std::map<std::string, std::string> out;
  if (const auto* o = v.if_object())
    for (const auto& [lang, text] : *o)
      if (text.is_string()) out[std::string(lang)] = std::string(text.get_string());
  return out;
}

Result<ScaleThresholds> ParseThresholds(std::string_view id, const json::object& o) {
  ScaleThresholds t;
  const auto* mode = o.if_contains("mode");
  if (mode == nullptr || !mode->is_string())
    return InvalidArgument("threshold set " + std::string(id) + ": missing mode");
  if (mode->get_string() == "floors") {
    t.mode = ScaleThresholds::Mode::kFloors;
  } else if (mode->get_string() == "ceilings") {
    t.mode = ScaleThresholds::Mode::kCeilings;
  } else {
    return InvalidArgument("threshold set " + std::string(id) +
                           ": mode must be floors or ceilings");
  }
  const char* head_key =
      t.mode == ScaleThresholds::Mode::kFloors ? "min_headcount" : "max_headcount";
  const char* rev_key = t.mode == ScaleThresholds::Mode::kFloors ? "min_revenue" : "max_revenue";
  const auto* classes = o.if_contains("classes");
  if (classes == nullptr || !classes->is_array())
    return InvalidArgument("threshold set " + std::string(id) + ": missing classes");
  for (const auto& c : classes->get_array()) {
    const auto* co = c.if_object();
    if (co == nullptr || !co->contains("class") || !co->contains(head_key) ||
        !co->contains(rev_key))
      return InvalidArgument("threshold set " + std::string(id) + ": malformed class");
    auto scale = ParseScaleClass(co->at("class").as_string());
    if (!scale) return InvalidArgument("threshold set " + std::string(id) + ": unknown class");
    t.rules.push_back(ScaleRule{*scale, co->at(head_key).to_number<std::int64_t>(),
                                co->at(rev_key).to_number<double>()});
  }
  auto otherwise = ParseScaleClass(o.at("otherwise").as_string());
  if (!otherwise) return InvalidArgument("threshold set " + std::string(id) + ": bad otherwise");
  t.otherwise = *otherwise;
  t.currency = std::string(o.at("currency").as_string());
  t.source = std::string(o.at("source").as_string());
  return t;
}

}  // namespace

Result<RegionCatalog> RegionCatalog::Parse(std::string_view text) {
  json::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) return InvalidArgument("regions file is not valid JSON: " + ec.message());
  try {
    RegionCatalog catalog;
    std::map<std::string, ScaleThresholds> sets;
    for (const auto& [id, set] : doc.at("threshold_sets").as_object()) {
      RUTILE_ASSIGN_OR_RETURN(auto t, ParseThresholds(id, set.as_object()));
      sets[std::string(id)] = std::move(t);
    }
    for (const auto& r : doc.at("regions").as_array()) {
      Region region;
      region.code = std::string(r.at("code").as_string());
      region.names = Names(r.at("name"));
      region.category = std::string(r.at("category").as_string());
      if (region.category != "I" && region.category != "II" && region.category != "III")
        return InvalidArgument("region " + region.code + ": category must be I, II or III");
      auto set = sets.find(std::string(r.at("threshold_set").as_string()));
      if (set == sets.end())
        return InvalidArgument("region " + region.code + ": unknown threshold set");
      region.thresholds = set->second;
      catalog.regions_.push_back(std::move(region));
    }
    for (const auto& i : doc.at("industries").as_array())
      catalog.industries_.push_back(
          Industry{std::string(i.at("id").as_string()), Names(i.at("name"))});
    return catalog;
  } catch (const std::exception& e) {
    return InvalidArgument(std::string("regions file is malformed: ") + e.what());
  }
}

const RegionCatalog& RegionCatalog::Default() {
  static const RegionCatalog catalog = [] {
    auto parsed = Parse(EmbeddedRegionsJson());
    RUTILE_CHECK(parsed.has_value(), "embedded regions.json is malformed");
    return std::move(parsed).value();
  }();
  return catalog;
}

const Region* RegionCatalog::FindRegion(std::string_view code) const {
  for (const auto& r : regions_)
    if (r.code == code) return &r;
  return nullptr;
}

bool RegionCatalog::HasIndustry(std::string_view id) const {
  for (const auto& i : industries_)
    if (i.id == id) return true;
  return false;
}

ScaleClass ClassifyScale(const ScaleThresholds& t, std::int64_t headcount, double revenue) {
  for (const ScaleRule& rule : t.rules) {
    bool holds = t.mode == ScaleThresholds::Mode::kFloors
                     ? headcount >= rule.headcount_bound && revenue >= rule.revenue_bound
                     : headcount <= rule.headcount_bound && revenue <= rule.revenue_bound;
    if (holds) return rule.scale;
  }
  return t.otherwise;
}

}  // namespace rutile::identity
