#include "rutile/equipment/dashboard.h"

#include <algorithm>

#include "rollup_repository.h"
#include "rutile/access/policy.h"
#include "rutile/engine/thickness.h"
#include "rutile/equipment/rollups.h"

namespace rutile::equipment {

DashboardService::DashboardService(store::Database& db, const Clock& clock,
                                   EquipmentService& equipment, ViewsOptions options)
    : db_(db), clock_(clock), equipment_(equipment), options_(options) {}

std::string DashboardService::Today() const {
  return engine::FormatDate(engine::CivilFromDays(DayOf(UnixSeconds(clock_.Now()))));
}

Result<int> DashboardService::RefreshInspections() {
  RUTILE_ASSIGN_OR_RETURN(auto stale, store::Read(db_, [](store::Connection& c) {
                            return views::StaleInspections(c);
                          }));
  struct Computed {
    std::int64_t item_id;
    std::string date, note;
    std::optional<double> life;
  };
  std::vector<Computed> computed;
  for (const auto& [item_id, org_id] : stale) {
    // The cache feeds only views that apply their own access checks, so the analysis reads on
    // behalf of the owning organization.
    access::Principal owner;
    access::OrgMembership membership;
    membership.org_id = org_id;
    owner.memberships.push_back(membership);
    auto analysis = equipment_.AnalyzeThickness(owner, item_id);
    Computed c{item_id, "", "", std::nullopt};
    if (analysis.has_value()) {
      c.date = analysis->next_inspection_date;
      c.life = analysis->remaining_life_a;
    } else {
      c.note = analysis.error().message();
    }
    computed.push_back(std::move(c));
  }
  if (computed.empty()) return 0;
  const std::int64_t now = UnixSeconds(clock_.Now());
  RUTILE_TRY(store::Write(db_, [&](store::Connection& c) -> Status {
    for (const auto& x : computed)
      RUTILE_TRY(views::StoreInspection(c, x.item_id, x.date, x.life, x.note, now));
    return Ok();
  }));
  const int done = static_cast<int>(computed.size());
  return done;
}

Result<Dashboard> DashboardService::GetDashboard(const access::Principal& caller,
                                                 std::int64_t org_id) {
  access::RecordRef org;
  org.owner_org_id = org_id;
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, org));
  RUTILE_TRY(RefreshInspections());
  Dashboard d;
  d.org_id = org_id;
  d.as_of = Today();
  const std::int64_t today = DayOf(UnixSeconds(clock_.Now()));
  const std::string soon =
      engine::FormatDate(engine::CivilFromDays(today + options_.due_soon_days));
  std::vector<views::ItemFact> facts;
  RUTILE_TRY(store::Read(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(facts, views::LoadItemFacts(c, "i.org_id = ?", {{org_id}}));
    RUTILE_ASSIGN_OR_RETURN(d.readings,
                            views::ReadingSummaries(c, org_id, today - options_.recent_days + 1));
    RUTILE_ASSIGN_OR_RETURN(auto tasks, views::MaintenanceTasks(c, org_id, today));
    if (tasks) {
      d.maintenance_open_tasks = tasks->first;
      d.maintenance_overdue_tasks = tasks->second;
    }
    return Ok();
  }));
  for (const auto& f : facts) {
    d.items += 1;
    views::CountGrade(d.items_by_grade, f.grade);
    d.open_alerts.warning += f.open_warning_alerts;
    d.open_alerts.critical += f.open_critical_alerts;
    if (f.next_inspection_date.empty()) continue;
    d.inspections_scheduled += 1;
    const bool overdue = f.next_inspection_date < d.as_of;
    if (overdue) d.inspections_overdue += 1;
    if (!overdue && f.next_inspection_date <= soon) d.inspections_due_soon += 1;
    d.next_inspections.push_back({f.id, f.name, f.next_inspection_date, overdue});
  }
  std::sort(d.next_inspections.begin(), d.next_inspections.end(),
            [](const InspectionEntry& a, const InspectionEntry& b) {
              return std::tie(a.next_inspection_date, a.item_id) <
                     std::tie(b.next_inspection_date, b.item_id);
            });
  if (d.next_inspections.size() > static_cast<std::size_t>(options_.next_inspections))
    d.next_inspections.resize(static_cast<std::size_t>(options_.next_inspections));
  return d;
}

}  // namespace rutile::equipment
