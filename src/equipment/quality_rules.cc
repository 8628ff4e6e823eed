#include "rutile/equipment/quality_rules.h"

#include <boost/json.hpp>

#include "rutile/core/check.h"

namespace rutile::equipment {

std::string_view EmbeddedQualityRulesJson();

namespace {

namespace json = boost::json;

Result<double> Number(const json::object& o, std::string_view key, const std::string& path) {
  const json::value* v = o.if_contains(key);
  const json::object* fact = v != nullptr ? v->if_object() : nullptr;
  const json::value* n = fact != nullptr ? fact->if_contains("value") : nullptr;
  if (n == nullptr || !n->is_number() || !fact->contains("source"))
    return InvalidArgument("quality rules: " + path + " needs a numeric value and a source",
                           {{path, "needs value and source"}});
  return n->to_number<double>();
}

}  // namespace

Result<QualityRules> QualityRules::Parse(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return InvalidArgument("quality rules: not a JSON object");
  const json::object& root = doc.as_object();
  const json::value* thickness = root.if_contains("thickness");
  const json::value* margins = root.if_contains("window_target_margin");
  if (thickness == nullptr || !thickness->is_object() || margins == nullptr ||
      !margins->is_object())
    return InvalidArgument("quality rules: thickness and window_target_margin are required");
  QualityRules r;
  const json::object& t = thickness->as_object();
  RUTILE_ASSIGN_OR_RETURN(r.growth_warning_mm,
                          Number(t, "growth_warning_mm", "thickness.growth_warning_mm"));
  RUTILE_ASSIGN_OR_RETURN(r.growth_error_mm,
                          Number(t, "growth_error_mm", "thickness.growth_error_mm"));
  RUTILE_ASSIGN_OR_RETURN(double days, Number(t, "min_pair_days", "thickness.min_pair_days"));
  r.min_pair_days = static_cast<int>(days);
  for (const auto& [key, value] : margins->as_object()) {
    RUTILE_ASSIGN_OR_RETURN(
        double m, Number(margins->as_object(), key, "window_target_margin." + std::string(key)));
    bool fraction = false;
    if (const json::value* f = value.as_object().if_contains("fraction"); f && f->is_bool())
      fraction = f->as_bool();
    r.target_margin[std::string(key)] = {m, fraction};
  }
  return r;
}

QualityRules QualityRules::Default() {
  static const QualityRules kRules = [] {
    auto parsed = Parse(EmbeddedQualityRulesJson());
    RUTILE_CHECK(parsed.has_value(), "embedded knowledge/equipment/quality_rules.json is invalid");
    return std::move(parsed).value();
  }();
  return kRules;
}

}  // namespace rutile::equipment
