// Every registered equipment item with its owner's profile, for modules that must reach the owners
// of matching equipment (new standard versions, warning bulletins) without depending on this one.
// Free functions over a caller's connection; no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/store/database.h"

namespace rutile::equipment {

struct RegisteredItem {
  std::int64_t org_id = 0;
  std::int64_t item_id = 0;
  std::string name;
  std::string type;
  std::string material;
  std::string bath_preset;
  std::vector<std::string> species;  // bath components, in their stored order
  std::optional<double> temperature_c;
  int grade = 1;
  std::string governing_mechanism;
  std::string industry;     // the owner's
  std::string region;       // the owner's region code
  std::string scale_class;  // the owner's ("" when unknown)
};

// All items, ordered by organization then item id.
Result<std::vector<RegisteredItem>> ListRegisteredItems(store::Connection& c);

}  // namespace rutile::equipment
