// Regions, their category and the enterprise scale rules that apply there, loaded from the
// embedded knowledge/regions/regions.json. Immutable after loading; thread-safe to read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/identity/model.h"

namespace rutile::identity {

struct ScaleRule {
  ScaleClass scale;
  std::int64_t headcount_bound;  // floor ("floors" mode) or inclusive ceiling ("ceilings")
  double revenue_bound;
};

// How a region turns headcount and revenue into a scale class.
struct ScaleThresholds {
  enum class Mode { kFloors, kCeilings } mode = Mode::kFloors;
  std::string currency;
  std::vector<ScaleRule> rules;  // checked in order; the first that holds decides
  ScaleClass otherwise = ScaleClass::kMicro;
  std::string source;
};

struct Region {
  std::string code;
  std::map<std::string, std::string> names;  // language -> name
  std::string category;                      // "I", "II" or "III"
  ScaleThresholds thresholds;
};

struct Industry {
  std::string id;
  std::map<std::string, std::string> names;
};

class RegionCatalog {
 public:
  static Result<RegionCatalog> Parse(std::string_view json);
  static const RegionCatalog& Default();  // the embedded file; aborts if it is malformed

  const std::vector<Region>& regions() const { return regions_; }
  const std::vector<Industry>& industries() const { return industries_; }
  const Region* FindRegion(std::string_view code) const;
  bool HasIndustry(std::string_view id) const;

 private:
  std::vector<Region> regions_;
  std::vector<Industry> industries_;
};

// The class for a headcount and annual revenue under the region's rule ("floors": a class needs
// both floors; "ceilings": a class needs both at or under its ceilings).
ScaleClass ClassifyScale(const ScaleThresholds& t, std::int64_t headcount, double annual_revenue);

}  // namespace rutile::identity
