#include <string>
#include <vector>

#include "demo_data.h"
#include "platform.h"
#include "rutile/equipment/model.h"

namespace rutile::app {
namespace {

// How an item's readings look: in window, above the user's target (warning alert), or above
// the critical limit (critical alert) with a wall thinning to near its required thickness, so
// the API 510 next inspection date has already passed.
enum class Story { kCalm, kWarning, kCriticalThinning };

struct DemoItem {
  const char* name;  // the plant's own tag, as a workshop writes it
  const char* type;
  const char* preset;
  double temperature_c;
  int installed_days_ago;  // maintenance tasks count from here: old items have overdue tasks
  Story story;
};

struct DemoFleet {
  const char* email;  // an admin of the owning organization
  std::vector<DemoItem> items;
};

constexpr int kYear = 365;
constexpr int kThinningInstalledDaysAgo = 400;

// Tenants of every demo park share their items with the park. Per region and industry there
// are enough items for the regional report to publish counts (cn-east electroplating: 12, six
// of them with a critical alert and overdue for inspection), and groups below the minimum
// cell size (cn-west services) whose cells stay suppressed.
const std::vector<DemoFleet>& Fleets() {
  static const std::vector<DemoFleet> kFleets = {
      {"li@demo.rutile.example",
       {{"1号镀铬槽加热器", "immersion_heater", "hard-chrome-sulfate", 55,
         kThinningInstalledDaysAgo, Story::kCriticalThinning},
        {"2号镀铬槽加热器", "immersion_heater", "hard-chrome-sulfate", 55,
         kThinningInstalledDaysAgo, Story::kCriticalThinning},
        {"3号镀铬槽盘管", "coil_heater", "hard-chrome-mixed-catalyst", 58, 2 * kYear,
         Story::kWarning},
        {"退镀槽加热器", "immersion_heater", "alkaline-electrocleaner", 60, 90, Story::kCalm}}},
      {"admin@demo.rutile.example",
       {{"光亮镍槽加热器 A", "immersion_heater", "watts-nickel", 55, kThinningInstalledDaysAgo,
         Story::kCriticalThinning},
        {"光亮镍槽加热器 B", "immersion_heater", "watts-nickel", 55, kThinningInstalledDaysAgo,
         Story::kCriticalThinning},
        {"氨基磺酸镍槽盘管", "coil_heater", "sulfamate-nickel", 50, kYear, Story::kCalm},
        {"除油槽加热器", "over_the_side_heater", "alkaline-electrocleaner", 65, 200,
         Story::kWarning}}},
      {"zinc@demo.rutile.example",
       {{"酸性锌槽加热器 1", "immersion_heater", "acid-zinc", 30, kThinningInstalledDaysAgo,
         Story::kCriticalThinning},
        {"酸性锌槽加热器 2", "immersion_heater", "acid-zinc", 30, kThinningInstalledDaysAgo,
         Story::kCriticalThinning},
        {"碱性锌槽换热器", "plate_exchanger", "alkaline-zinc", 28, 2 * kYear, Story::kWarning},
        {"磷化槽加热器", "immersion_heater", "zinc-phosphating", 60, 120, Story::kCalm}}},
      {"anodizing@demo.rutile.example",
       {{"阳极氧化槽换热器 1", "plate_exchanger", "sulfuric-anodizing", 20,
         kThinningInstalledDaysAgo, Story::kCriticalThinning},
        {"阳极氧化槽换热器 2", "plate_exchanger", "sulfuric-anodizing", 20,
         kThinningInstalledDaysAgo, Story::kCriticalThinning},
        {"硬质氧化槽盘管", "coil_exchanger", "hard-anodizing", 5, 2 * kYear, Story::kWarning},
        {"封孔槽加热器", "immersion_heater", "citric-passivation", 45, 300, Story::kCalm},
        {"除油槽加热器", "immersion_heater", "alkaline-electrocleaner", 60, 150, Story::kCalm}}},
      {"pickling@demo.rutile.example",
       {{"盐酸酸洗槽加热器 1", "immersion_heater", "hcl-pickling", 40, kThinningInstalledDaysAgo,
         Story::kCriticalThinning},
        {"盐酸酸洗槽加热器 2", "immersion_heater", "hcl-pickling", 40, kThinningInstalledDaysAgo,
         Story::kCriticalThinning},
        {"硫酸酸洗槽盘管", "coil_heater", "sulfuric-pickling", 60, 2 * kYear, Story::kWarning},
        {"硝酸钝化槽加热器", "immersion_heater", "nitric-passivation", 50, kYear, Story::kCalm},
        {"柠檬酸钝化槽加热器", "immersion_heater", "citric-passivation", 50, 100, Story::kCalm}}},
      {"repair@demo.rutile.example",
       {{"维修试验槽加热器", "immersion_heater", "alkaline-electrocleaner", 60, 2 * kYear,
         Story::kWarning},
        {"清洗槽加热器", "immersion_heater", "alkaline-electrocleaner", 60, 60, Story::kCalm}}},
  };
  return kFleets;
}

std::string DayString(std::int64_t unix_seconds) {
  return equipment::FormatTimestamp(unix_seconds).substr(0, 10);
}

// The readings of one item, all dated relative to `now`.
std::vector<equipment::ReadingInput> ReadingsOf(const DemoItem& d, std::int64_t now) {
  constexpr std::int64_t kDay = 86400;
  std::vector<equipment::ReadingInput> out;
  auto add = [&](const char* type, double value, const char* unit, std::int64_t days_ago) {
    out.push_back({type, value, unit, equipment::FormatTimestamp(now - days_ago * kDay - 3600)});
  };
  const double t = d.temperature_c;
  for (int day = 10; day >= 2; day -= 2)
    add("bath_temperature_c", t + (day % 4 == 0 ? 1 : 0), "C", day);
  if (d.story == Story::kWarning) add("bath_temperature_c", t + 8, "C", 1);
  if (d.story == Story::kCriticalThinning) add("bath_temperature_c", t + 20, "C", 1);
  if (d.story == Story::kCriticalThinning) {
    // 3.0 mm when installed 400 days ago, 1.6 mm four months ago with 1.5 mm required: the wall
    // was thinning fast enough that the next inspection fell due weeks ago.
    add("wall_thickness_mm", 3.0, "mm", kThinningInstalledDaysAgo);
    add("wall_thickness_mm", 2.0, "mm", 200);
    add("wall_thickness_mm", 1.6, "mm", 120);
  }
  return out;
}

Status LoadFleet(Platform& platform, const DemoFleet& fleet, std::int64_t now) {
  identity::IdentityService& identity = platform.identity();
  RUTILE_ASSIGN_OR_RETURN(auto session, identity.Login(fleet.email, kDemoPassword, ""));
  auto principal = identity.Authenticate(session.token);
  if (!principal.has_value()) return std::move(principal).error();
  const access::Principal& caller = *principal;
  Status status = [&]() -> Status {
    if (caller.memberships.empty()) return Ok();
    const std::int64_t org_id = caller.memberships.front().org_id;
    RUTILE_ASSIGN_OR_RETURN(auto existing, platform.equipment().List(caller));
    if (!existing.empty()) return Ok();  // loaded before
    for (const DemoItem& d : fleet.items) {
      equipment::ItemInput in;
      in.name = d.name;
      in.type = d.type;
      in.material = "Ti-Gr2";
      in.bath_preset = d.preset;
      in.operating_temperature_c = d.temperature_c;
      in.installed_on = DayString(now - std::int64_t{d.installed_days_ago} * 86400);
      in.level = access::DataLevel::kShared;
      if (d.story == Story::kCriticalThinning) {
        in.nominal_wall_mm = 3.0;
        in.required_wall_mm = 1.5;
      }
      RUTILE_ASSIGN_OR_RETURN(auto item, platform.equipment().Create(caller, org_id, in));
      equipment::Window window;
      window.type = "bath_temperature_c";
      window.target_max = d.temperature_c + 5;
      window.critical_max = d.temperature_c + 15;
      RUTILE_TRY(platform.equipment().PutWindows(caller, item.id, {window}));
      RUTILE_TRY(platform.equipment().IngestReadings(caller, item.id, ReadingsOf(d, now), "api"));
      RUTILE_TRY(platform.maintenance().Generate(caller, item.id));
    }
    return Ok();
  }();
  RUTILE_TRY(identity.Logout(session.token));
  return status;
}

}  // namespace

Status LoadDemoEquipment(Platform& platform) {
  const std::int64_t now = UnixSeconds(platform.clock().Now());
  for (const DemoFleet& fleet : Fleets()) RUTILE_TRY(LoadFleet(platform, fleet, now));
  return Ok();
}

}  // namespace rutile::app
