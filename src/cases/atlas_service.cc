#include "rutile/cases/atlas_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <ctime>
#include <map>
#include <set>

#include "case_repository.h"
#include "rutile/access/policy.h"
#include "rutile/cases/case_json.h"
#include "rutile/identity/regions.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;

// Category of a published region: its own, or the one all its catalog subregions share when
// k-anonymity widened it to the parent ("cn" when cn-east and cn-west differ is "unknown").
std::string RegulatoryModel(const std::string& region) {
  const auto& catalog = identity::RegionCatalog::Default();
  if (region.empty()) return "unknown";
  if (const identity::Region* r = catalog.FindRegion(region)) return "category-" + r->category;
  std::set<std::string> categories;
  for (const auto& r : catalog.regions())
    if (ParentRegion(r.code) == region) categories.insert(r.category);
  return categories.size() == 1 ? "category-" + *categories.begin() : "unknown";
}

std::string GroupOf(std::string_view by, const PublicCase& pc) {
  if (by == "region") return pc.region.empty() ? "withheld" : pc.region;
  if (by == "scale") return pc.scale.empty() ? "withheld" : pc.scale;
  if (by == "regulatory_model") return RegulatoryModel(pc.region);
  if (by == "language") {
    std::string primary = pc.language.substr(0, pc.language.find_first_of("-_"));
    for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return primary.empty() ? "unknown" : primary;
  }
  // environment: the case model records no ISO 9223 corrosivity category (heaters are immersed
  // in baths, not exposed to the atmosphere), so every case is "unknown" until it does.
  return "unknown";
}

std::vector<CountedText> MostFrequent(const std::map<std::string, std::int64_t>& counts,
                                      std::int64_t at_least, std::size_t limit) {
  std::vector<CountedText> out;
  for (const auto& [text, n] : counts)
    if (n >= at_least) out.push_back({text, n});
  std::stable_sort(out.begin(), out.end(),
                   [](const CountedText& a, const CountedText& b) { return a.count > b.count; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::string Folded(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out;
}

bool ValidQuarter(std::string_view q) {
  return q.size() == 7 && std::all_of(q.begin(), q.begin() + 4, ::isdigit) && q[4] == '-' &&
         q[5] == 'Q' && q[6] >= '1' && q[6] <= '4';
}

std::string QuarterOfUnix(std::int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return std::to_string(tm.tm_year + 1900) + "-Q" + std::to_string(tm.tm_mon / 3 + 1);
}

}  // namespace

const std::vector<std::string_view>& AtlasDimensions() {
  static const std::vector<std::string_view> d = {"region", "language", "environment", "scale",
                                                  "regulatory_model"};
  return d;
}

CaseAtlasService::CaseAtlasService(store::Database& db, CaseOptions options)
    : db_(db), options_(options) {}

Result<Atlas> CaseAtlasService::Build(const access::Principal& caller, std::string_view by) {
  access::RecordRef ref;
  ref.level = access::DataLevel::kPublic;
  ref.open_to_visitors = true;  // built from public cases only, which visitors may read
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, ref));
  if (std::find(AtlasDimensions().begin(), AtlasDimensions().end(), by) == AtlasDimensions().end())
    return InvalidArgument(
        "invalid by", {{"by", "must be region, language, environment, scale or regulatory_model"}});
  RUTILE_ASSIGN_OR_RETURN(auto all, store::Read(db_, [&](store::Connection& c) {
                            return repository::LoadAllPublicCases(c);
                          }));
  struct Tally {
    std::int64_t cases = 0;
    std::map<std::string, std::int64_t> mechanisms, root_causes, actions;
  };
  std::map<std::string, Tally> groups;
  for (const auto& pc : all) {
    Tally& t = groups[GroupOf(by, pc)];
    ++t.cases;
    for (const auto& m : pc.mechanism_ids) ++t.mechanisms[m];
    if (pc.mechanism_ids.empty()) ++t.mechanisms["unspecified"];
    if (!Folded(pc.root_cause).empty()) ++t.root_causes[Folded(pc.root_cause)];
    if (!Folded(pc.corrective_actions).empty()) ++t.actions[Folded(pc.corrective_actions)];
  }
  Atlas atlas;
  atlas.by = std::string(by);
  atlas.k = options_.k;
  for (const auto& [name, t] : groups) {
    AtlasGroup g;
    g.group = name;
    if (t.cases < options_.k) {
      g.suppressed = true;
    } else {
      g.cases = t.cases;
      g.mechanisms = MostFrequent(t.mechanisms, 1, t.mechanisms.size());
      g.root_causes = MostFrequent(t.root_causes, 2, 3);
      g.corrective_actions = MostFrequent(t.actions, 2, 3);
    }
    atlas.groups.push_back(std::move(g));
  }
  return atlas;
}

Result<MacroTable> CaseAtlasService::CaseCounts(const access::Principal& caller,
                                                std::string_view from, std::string_view to) {
  access::RecordRef ref;
  ref.level = access::DataLevel::kMacro;
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, ref));
  std::vector<FieldError> errors;
  if (!from.empty() && !ValidQuarter(from))
    errors.push_back({"from", "must be a quarter like 2024-Q1"});
  if (!to.empty() && !ValidQuarter(to)) errors.push_back({"to", "must be a quarter like 2024-Q4"});
  if (errors.empty() && !from.empty() && !to.empty() && from > to)
    errors.push_back({"to", "must not be before from"});
  if (!errors.empty()) return InvalidArgument("invalid period", std::move(errors));
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, store::Read(db_, [&](store::Connection& c) {
        return c.Query("SELECT org_id, created_at, input_json FROM failure_cases ORDER BY id");
      }));
  struct Cell {
    std::int64_t cases = 0;
    std::set<std::int64_t> orgs;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Cell> cells;
  for (const auto& r : rows) {
    boost::system::error_code ec;
    json::value v = json::parse(r.Text(2), ec);
    if (ec || !v.is_object()) return Corruption("stored case JSON is malformed");
    RUTILE_ASSIGN_OR_RETURN(CaseInput in, CaseInputFromJson(v.as_object()));
    std::string quarter = QuarterOf(in.occurred_on);
    if (quarter.empty()) quarter = QuarterOfUnix(r.Int(1));
    if ((!from.empty() && quarter < from) || (!to.empty() && quarter > to)) continue;
    std::vector<std::string> mechanisms = in.mechanism_ids;
    if (mechanisms.empty()) mechanisms = {"unspecified"};
    for (const auto& m : mechanisms) {
      Cell& cell = cells[{m, in.region.empty() ? "unknown" : in.region, quarter}];
      ++cell.cases;
      cell.orgs.insert(r.Int(0));
    }
  }
  MacroTable table;
  table.k = options_.k;
  table.from = std::string(from);
  table.to = std::string(to);
  std::map<std::pair<std::string, std::string>, MacroTotal> totals;
  auto total = [&](const std::string& dimension, const std::string& value) -> MacroTotal& {
    MacroTotal& t = totals[{dimension, value}];
    t.dimension = dimension;
    t.value = value;
    return t;
  };
  for (const auto& [key, cell] : cells) {
    const auto& [mechanism, region, quarter] = key;
    // A cell is shown when at least k organizations contributed to it: a count of many cases
    // from one plant would still point at that plant.
    const bool suppressed = static_cast<int>(cell.orgs.size()) < options_.k;
    table.cells.push_back({mechanism, region, quarter,
                           suppressed ? std::nullopt : std::optional<std::int64_t>(cell.cases),
                           suppressed});
    for (MacroTotal* t : {&total("mechanism", mechanism), &total("region", region),
                          &total("quarter", quarter), &total("all", "")}) {
      if (suppressed)
        ++t->suppressed_cells;
      else
        t->published_cases += cell.cases;
    }
  }
  for (auto& [_, t] : totals) table.totals.push_back(std::move(t));
  return table;
}

}  // namespace rutile::cases
