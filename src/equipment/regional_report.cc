#include "rutile/equipment/regional_report.h"

#include <map>

#include "rollup_repository.h"
#include "rutile/access/policy.h"
#include "rutile/equipment/dashboard.h"

namespace rutile::equipment {

std::vector<bool> SuppressCells(const std::vector<std::int64_t>& values,
                                const std::vector<std::vector<std::size_t>>& lines,
                                std::int64_t min_size, std::vector<bool> force) {
  std::vector<bool> hidden(values.size(), false);
  for (std::size_t i = 0; i < values.size(); ++i)
    hidden[i] = (values[i] > 0 && values[i] < min_size) || (i < force.size() && force[i]);
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& line : lines) {
      std::size_t count = 0;
      for (std::size_t i : line) count += hidden[i] ? 1 : 0;
      if (count != 1) continue;
      // The smallest visible cell of the line, non-zero cells first.
      std::optional<std::size_t> pick;
      for (std::size_t i : line) {
        if (hidden[i]) continue;
        if (!pick) {
          pick = i;
          continue;
        }
        const bool zero_i = values[i] == 0, zero_p = values[*pick] == 0;
        if (zero_i != zero_p ? zero_p : values[i] < values[*pick]) pick = i;
      }
      if (pick) {
        hidden[*pick] = true;
        changed = true;
      }
    }
  }
  return hidden;
}

namespace {

struct Counts {
  std::array<std::int64_t, 4> by_grade{};
  std::int64_t items = 0, critical = 0, overdue = 0;
};

}  // namespace

Result<RegionalReport> DashboardService::GetRegionalReport(const access::Principal& caller,
                                                           const RegionalFilter& filter) {
  access::RecordRef macro;
  macro.level = access::DataLevel::kMacro;
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, macro));
  RUTILE_TRY(RefreshInspections());
  RegionalReport report;
  report.as_of = Today();
  report.min_cell_size = options_.min_cell_size;
  std::vector<views::ItemFact> facts;
  RUTILE_TRY(store::Read(db_, [&](store::Connection& c) -> Status {
    RUTILE_ASSIGN_OR_RETURN(
        facts,
        views::LoadItemFacts(c, "(? = '' OR o.region = ?) AND (? = '' OR o.industry = ?)",
                             {{filter.region, filter.region, filter.industry, filter.industry}}));
    return Ok();
  }));
  std::map<std::pair<std::string, std::string>, Counts> groups;
  Counts total;
  for (const auto& f : facts) {
    for (Counts* g : {&groups[{f.region, f.industry}], &total}) {
      views::CountGrade(g->by_grade, f.grade);
      g->items += 1;
      g->critical += f.open_critical_alerts > 0 ? 1 : 0;
      g->overdue += !f.next_inspection_date.empty() && f.next_inspection_date < report.as_of;
    }
  }
  // Table layout: rows = groups then the total row; columns = grades 1..4, items, critical,
  // overdue. Row lines tie grades to items; every column ties its cells to the total row.
  constexpr std::size_t kColumns = 7;
  const std::size_t rows = groups.size() + 1;
  std::vector<std::int64_t> values;
  std::vector<bool> force;
  auto push_row = [&](const Counts& g) {
    for (auto v : g.by_grade) values.push_back(v);
    values.insert(values.end(), {g.items, g.critical, g.overdue});
    // A group below the minimum size publishes nothing about its items.
    const bool small = g.items > 0 && g.items < options_.min_cell_size;
    for (std::size_t k = 0; k < kColumns; ++k) force.push_back(small);
  };
  for (const auto& [key, g] : groups) push_row(g);
  push_row(total);
  std::vector<std::vector<std::size_t>> lines;
  for (std::size_t r = 0; r < rows; ++r) {
    std::vector<std::size_t> line;
    for (std::size_t k = 0; k < 5; ++k) line.push_back(r * kColumns + k);
    lines.push_back(std::move(line));
  }
  for (std::size_t k = 0; k < kColumns; ++k) {
    std::vector<std::size_t> line;
    for (std::size_t r = 0; r < rows; ++r) line.push_back(r * kColumns + k);
    lines.push_back(std::move(line));
  }
  const std::vector<bool> hidden = SuppressCells(values, lines, options_.min_cell_size, force);
  auto cell = [&](std::size_t r, std::size_t k) -> Cell {
    const std::size_t i = r * kColumns + k;
    if (hidden[i]) {
      report.suppressed_cells += 1;
      return std::nullopt;
    }
    return values[i];
  };
  auto make_row = [&](std::size_t r, std::string region, std::string industry) {
    RegionalRow row;
    row.region = std::move(region);
    row.industry = std::move(industry);
    for (std::size_t k = 0; k < 4; ++k) row.items_by_grade[k] = cell(r, k);
    row.items = cell(r, 4);
    row.open_critical_alerts = cell(r, 5);
    row.overdue_inspections = cell(r, 6);
    return row;
  };
  std::size_t r = 0;
  for (const auto& [key, g] : groups) report.rows.push_back(make_row(r++, key.first, key.second));
  report.total = make_row(r, "", "");
  return report;
}

}  // namespace rutile::equipment
