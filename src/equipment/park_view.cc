#include <algorithm>
#include <map>
#include <tuple>

#include "rollup_repository.h"
#include "rutile/access/policy.h"
#include "rutile/equipment/dashboard.h"

namespace rutile::equipment {
namespace {

void Add(ParkGroup& g, const views::ItemFact& f, const std::string& today) {
  g.items += 1;
  views::CountGrade(g.items_by_grade, f.grade);
  g.open_warning_alerts += f.open_warning_alerts;
  g.open_critical_alerts += f.open_critical_alerts;
  if (!f.next_inspection_date.empty() && f.next_inspection_date < today) g.overdue_inspections += 1;
}

ParkItem ItemOf(const views::ItemFact& f, const std::string& today) {
  ParkItem i;
  i.id = f.id;
  i.org_id = f.org_id;
  i.org_name = f.org_name;
  i.name = f.name;
  i.type = f.type;
  i.grade = f.grade;
  i.open_warning_alerts = f.open_warning_alerts;
  i.open_critical_alerts = f.open_critical_alerts;
  i.next_inspection_date = f.next_inspection_date;
  i.inspection_overdue = !f.next_inspection_date.empty() && f.next_inspection_date < today;
  return i;
}

// Most in need of a look first.
bool MoreUrgent(const ParkItem& a, const ParkItem& b) {
  auto key = [](const ParkItem& i) {
    return std::make_tuple(-i.open_critical_alerts, !i.inspection_overdue, -i.open_warning_alerts,
                           -i.grade, std::cref(i.org_name), std::cref(i.name), i.id);
  };
  return key(a) < key(b);
}

}  // namespace

Result<ParkOverview> DashboardService::GetParkOverview(const access::Principal& caller,
                                                       std::int64_t park_id) {
  ParkOverview out;
  out.park_id = park_id;
  std::int64_t manager_org_id = 0;
  RUTILE_TRY(store::Read(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(
        auto rows, c.Query("SELECT name, manager_org_id FROM parks WHERE id = ?", {park_id}));
    if (rows.empty()) return NotFound("park " + std::to_string(park_id));
    out.park_name = rows[0].Text(0);
    manager_org_id = rows[0].OptInt(1).value_or(0);
    return Ok();
  }));
  // The overview belongs to the park's management organization.
  access::RecordRef overview;
  overview.owner_org_id = manager_org_id;
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, overview));
  RUTILE_TRY(RefreshInspections());
  out.as_of = Today();
  std::vector<views::ItemFact> facts;
  RUTILE_TRY(store::Read(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(
        facts,
        views::LoadItemFacts(c, "i.park_id = ? AND i.level = 'shared' AND i.association_id IS NULL",
                             {{park_id}}));
    return Ok();
  }));
  std::map<std::pair<std::string, std::int64_t>, ParkGroup> tenants;
  for (const auto& f : facts) {
    // Every item also passes the record policy: shared with this park.
    access::RecordRef item;
    item.owner_org_id = f.org_id;
    item.level = access::DataLevel::kShared;
    item.shared_park_ids = {park_id};
    if (!access::Allowed(caller, access::Action::kRead, item)) continue;
    ParkGroup& g = tenants[{f.org_name, f.org_id}];
    g.org_id = f.org_id;
    g.org_name = f.org_name;
    Add(g, f, out.as_of);
    Add(out.total, f, out.as_of);
    out.attention.push_back(ItemOf(f, out.as_of));
  }
  for (auto& [key, g] : tenants) out.tenants.push_back(std::move(g));
  const std::size_t kept = std::min(out.attention.size(), kParkAttentionLimit);
  std::partial_sort(out.attention.begin(),
                    out.attention.begin() + static_cast<std::ptrdiff_t>(kept), out.attention.end(),
                    MoreUrgent);
  out.attention.resize(kept);
  return out;
}

}  // namespace rutile::equipment
