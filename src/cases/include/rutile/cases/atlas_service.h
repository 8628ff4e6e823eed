// CaseAtlasService: aggregate views of the failure case database. The experience atlas compares
// public cases across regions, languages, environments, enterprise scales and regulatory models;
// the macro view gives regulator analysts counts by mechanism x region x quarter over every
// submitted case. Groups and cells under the minimum size (CaseOptions::k) are suppressed.
// Holds a reference to the database; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/cases/case_service.h"
#include "rutile/core/result.h"
#include "rutile/store/database.h"

namespace rutile::cases {

// "region", "language", "environment", "scale", "regulatory_model".
const std::vector<std::string_view>& AtlasDimensions();

struct CountedText {
  std::string text;
  std::int64_t count = 0;
};

struct AtlasGroup {
  std::string group;        // e.g. "cn-east", "zh", "unknown"
  bool suppressed = false;  // fewer than k cases: nothing below is filled
  std::int64_t cases = 0;
  std::vector<CountedText> mechanisms;          // every mechanism, most frequent first
  std::vector<CountedText> root_causes;         // lessons shared by at least two cases, top 3
  std::vector<CountedText> corrective_actions;  // idem
};

struct Atlas {
  std::string by;
  int k = 0;
  std::vector<AtlasGroup> groups;  // by group name
};

struct MacroCell {
  std::string mechanism;
  std::string region;
  std::string quarter;
  std::optional<std::int64_t> cases;  // nullopt when suppressed
  bool suppressed = false;
};

// A margin of the table: the sum of the cells that are shown, and how many cells it leaves out.
// The true margin is never released, so no suppressed cell can be backed out of it.
struct MacroTotal {
  std::string dimension;  // "mechanism", "region", "quarter" or "all"
  std::string value;      // empty for "all"
  std::int64_t published_cases = 0;
  std::int64_t suppressed_cells = 0;
};

struct MacroTable {
  int k = 0;
  std::string from, to;  // quarters, inclusive; empty = open
  std::vector<MacroCell> cells;
  std::vector<MacroTotal> totals;
};

class CaseAtlasService {
 public:
  CaseAtlasService(store::Database& db, CaseOptions options = {});

  // Registered users; InvalidArgument on field "by" for an unknown dimension.
  Result<Atlas> Build(const access::Principal& caller, std::string_view by);
  // Regulator analysts (access::DataLevel::kMacro). from/to: "2024-Q1" or empty.
  Result<MacroTable> CaseCounts(const access::Principal& caller, std::string_view from,
                                std::string_view to);

 private:
  store::Database& db_;
  CaseOptions options_;
};

}  // namespace rutile::cases
