// Equipment records: items (heaters, exchangers) with their risk grade, readings, operating
// windows, alerts and the thickness analysis. Plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/data_level.h"

namespace rutile::equipment {

// A bath component as the engine reads it ("HCl", "wt_pct", 5).
struct Component {
  std::string species;
  std::string unit;  // wt_pct, mg_l, g_l, vol_pct
  double value = 0;
};

// The fields a caller supplies when creating an item. Optional fields may stay unset.
struct ItemInput {
  std::string name;
  std::string type;      // immersion_heater, coil_heater, tube_heater, plate_exchanger, ...
  std::string material;  // engine material id or alias ("Ti-Gr2")
  std::optional<double> power_kw;
  std::optional<double> sheath_diameter_mm;
  std::optional<double> sheath_length_mm;
  std::optional<double> nominal_wall_mm;
  std::optional<double> required_wall_mm;  // minimum required thickness for API 510/570
  std::optional<int> piping_class;         // set: API 570 piping rules; unset: API 510 vessel
  std::string installed_on;                // "YYYY-MM-DD" or ""
  std::string bath_preset;                 // engine preset id, or "" with components
  std::vector<Component> components;
  std::optional<double> operating_temperature_c;
  std::optional<double> ph;
  // Answers to what the grade may depend on: crevices in the design (gaskets, threaded joints,
  // flanges, deposits; unset = not known) and the bath's aeration ("", "aerated", "deaerated").
  std::optional<bool> crevices;
  std::string aeration;
  std::string location;
  access::DataLevel level = access::DataLevel::kPrivate;
  // At the shared level, who it is shared with: "park" (the owner's park) or "association" (the
  // owner's association). Ignored at the private level.
  std::string share_with = "park";
};

// A partial change: unset members keep their value.
struct ItemPatch {
  std::optional<std::string> name;
  std::optional<std::string> type;
  std::optional<std::string> material;
  std::optional<std::optional<double>> power_kw;
  std::optional<std::optional<double>> sheath_diameter_mm;
  std::optional<std::optional<double>> sheath_length_mm;
  std::optional<std::optional<double>> nominal_wall_mm;
  std::optional<std::optional<double>> required_wall_mm;
  std::optional<std::optional<int>> piping_class;
  std::optional<std::string> installed_on;
  std::optional<std::string> bath_preset;
  std::optional<std::vector<Component>> components;
  std::optional<double> operating_temperature_c;
  std::optional<std::optional<double>> ph;
  std::optional<std::optional<bool>> crevices;
  std::optional<std::string> aeration;
  std::optional<std::string> location;
  std::optional<access::DataLevel> level;
  std::optional<std::string> share_with;
};

struct Item {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::int64_t park_id = 0;  // the owner's park at creation (0: none); shared level reaches it
  // Shared with an association instead of the park: the owner's association (0: not).
  std::int64_t association_id = 0;
  ItemInput input;
  int grade = 1;  // engine grade 1..4
  std::string verdict;
  std::string governing_mechanism;
  std::string knowledge_version;
  // What the grade depends on that the item does not say, as the engine's conditions in JSON
  // ([{"id":"crevices","field":"crevices","answers":[{"value":false,"grade":2,...},...]}]).
  std::string open_conditions = "[]";
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct GradeChange {
  int grade = 1;
  std::string governing_mechanism;
  std::string knowledge_version;
  std::string reason;  // "created", "updated"
  std::int64_t computed_at = 0;
};

// The reading types the archive accepts, with their one canonical unit.
struct ReadingType {
  std::string_view name;  // "bath_temperature_c"
  std::string_view unit;  // "C"
  std::vector<std::string_view> unit_aliases;
  double min = 0;
  double max = 0;
};
const std::vector<ReadingType>& ReadingTypes();
const ReadingType* FindReadingType(std::string_view name);

struct ReadingInput {
  std::string type;
  double value = 0;
  std::string unit;
  std::string measured_at;  // "YYYY-MM-DDTHH:MM:SSZ" or "YYYY-MM-DD" (midnight UTC)
};

struct Reading {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  std::string type;
  double value = 0;
  std::string unit;
  std::int64_t measured_at = 0;  // Unix seconds
  std::int64_t recorded_at = 0;
  std::string source;  // "api" or "csv"
};

// Acceptable range per reading type. Outside target: warning alert; outside critical: critical.
struct Window {
  std::string type;
  std::optional<double> target_min, target_max;
  std::optional<double> critical_min, critical_max;
  std::string origin;  // "engine" (defaults from operating limits) or "user"
  std::string source;  // the citation of the engine limit, when origin is "engine"
};

struct Alert {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  std::string type;       // reading type
  std::string severity;   // "warning" or "critical"
  std::string status;     // "open", "acknowledged", "resolved"
  double last_value = 0;  // the latest reading outside the window
  // What the alert says, as a message code ("alert.above_critical", "alert.below_target", ...;
  // "alert.outside_window" for alerts raised before codes were stored) and its parameters as a
  // JSON object ({"type":"ph","value":1.5,"unit":"pH","limit":2}). Readers render both.
  std::string code;
  std::string params = "{}";
  std::int64_t count = 0;  // readings folded into this alert
  std::int64_t opened_at = 0;
  std::int64_t last_at = 0;
  std::int64_t acknowledged_at = 0;
  std::int64_t resolved_at = 0;
};

struct IngestResult {
  std::vector<std::int64_t> reading_ids;
  std::vector<std::int64_t> alert_ids;  // alerts raised or updated by this batch
};

struct QualityFlag {
  std::int64_t reading_id = 0;
  std::string date;  // "YYYY-MM-DD"
  std::string flag;  // growth_warning, growth_error, too_close, below_minimum
  std::string detail;
};

struct ThicknessAnalysis {
  double cr_long_term_mm_per_a = 0;
  double cr_short_term_mm_per_a = 0;
  double governing_rate_mm_per_a = 0;
  std::optional<double> remaining_life_a;
  std::string next_inspection_date;
  double t_required_mm = 0;
  int readings_used = 0;
  std::vector<std::string> flags;  // engine flags
  std::vector<QualityFlag> quality;
};

}  // namespace rutile::equipment

namespace rutile::equipment {

// "YYYY-MM-DDTHH:MM:SSZ" (UTC) or "YYYY-MM-DD" (midnight UTC) -> Unix seconds; nullopt if not.
std::optional<std::int64_t> ParseTimestamp(std::string_view text);
// Unix seconds -> "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatTimestamp(std::int64_t unix_seconds);

}  // namespace rutile::equipment
