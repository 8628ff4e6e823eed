// The park manager's overview of the equipment its tenants share with the park (level 2):
// per tenant and in total, items by grade, open alerts and overdue inspections, and the shared
// items that most need a look. Value types.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace rutile::equipment {

struct ParkGroup {
  std::int64_t org_id = 0;  // 0 in the total
  std::string org_name;
  std::int64_t items = 0;
  std::array<std::int64_t, 4> items_by_grade{};  // grades 1..4
  std::int64_t open_warning_alerts = 0;
  std::int64_t open_critical_alerts = 0;
  std::int64_t overdue_inspections = 0;
};

// A shared item on the park's attention list.
struct ParkItem {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string org_name;
  std::string name;
  std::string type;
  int grade = 1;
  std::int64_t open_warning_alerts = 0;
  std::int64_t open_critical_alerts = 0;
  std::string next_inspection_date;  // "" when none is known
  bool inspection_overdue = false;
};

// At most this many items are listed; the counts cover every shared item.
inline constexpr std::size_t kParkAttentionLimit = 100;

struct ParkOverview {
  std::int64_t park_id = 0;
  std::string park_name;
  std::string as_of;               // "YYYY-MM-DD"
  std::vector<ParkGroup> tenants;  // tenants with at least one shared item, by name
  ParkGroup total;
  // Items with open critical alerts first, then overdue inspections, open warnings, higher
  // grades; ties by tenant and item name. At most kParkAttentionLimit.
  std::vector<ParkItem> attention;
};

}  // namespace rutile::equipment
