// The regional early-warning report (data level 4, macro): items by region x industry x grade,
// items with an open critical alert and items overdue for inspection, with small cells
// suppressed. Value types and the pure suppression function.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rutile::equipment {

struct RegionalFilter {
  std::string region;    // "" = every region
  std::string industry;  // "" = every industry
};

// A published count; nullopt when suppressed.
using Cell = std::optional<std::int64_t>;

struct RegionalRow {
  std::string region;    // "" in the total row
  std::string industry;  // "" when the organizations gave none, and in the total row
  std::array<Cell, 4> items_by_grade;
  Cell items;
  Cell open_critical_alerts;  // items with an open or acknowledged critical alert
  Cell overdue_inspections;   // items whose next inspection date has passed
};

struct RegionalReport {
  std::string as_of;  // "YYYY-MM-DD"
  int min_cell_size = 5;
  std::vector<RegionalRow> rows;  // by region, then industry
  RegionalRow total;
  int suppressed_cells = 0;
};

// Cell suppression for a table published with totals. `lines` lists groups of cells whose sum
// is published (a row with its total, a column with its total). Primary: every cell with
// 0 < value < min_size, plus the cells in `force`. Complementary: while a line holds exactly
// one suppressed cell, the smallest other cell of that line (a non-zero one if there is any) is
// suppressed too, so no published sum gives a suppressed cell back by subtraction.
std::vector<bool> SuppressCells(const std::vector<std::int64_t>& values,
                                const std::vector<std::vector<std::size_t>>& lines,
                                std::int64_t min_size, std::vector<bool> force = {});

}  // namespace rutile::equipment
