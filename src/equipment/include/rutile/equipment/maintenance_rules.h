// MaintenanceRules: the activities planned per risk grade, their intervals with sources, the
// reminder stages and the digest horizon, loaded from knowledge/equipment/maintenance_rules.json.
// Immutable value type; thread-safe to read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::equipment {

// Where a planned value comes from: a library clause where one exists, else a reference note.
struct IntervalSource {
  std::string source;      // source id of the rules file ("rtb", "api510-7", "rutile-default")
  std::string clause_id;   // "rtb-5.1", may be empty
  std::string number;      // "RT-5.1", may be empty
  std::string confidence;  // verified, secondary, uncertain
  std::string note;
};

struct GradeInterval {
  int grade = 1;
  int days = 0;
  bool once = false;  // a one-off task due on the day the plan is made
  IntervalSource source;
};

struct ActivityRule {
  std::string kind;  // visual_inspection, thickness_measurement, cleaning, bath_analysis, ...
  std::map<std::string, std::string> title;  // language -> text; "en" always present
  std::vector<std::string> clauses;          // library clause ids the activity carries out
  std::vector<GradeInterval> intervals;
  // Thickness: the interval is capped at this fraction of the remaining life when it is known.
  std::optional<double> remaining_life_fraction;
  IntervalSource remaining_life_source;

  const GradeInterval* ForGrade(int grade) const;
};

struct ReminderStage {
  std::string stage;        // "upcoming", "due", "overdue"
  int days_before_due = 0;  // the stage starts this many days before the due date (<0: after)
};

struct MaintenanceRules {
  std::string version;
  std::vector<ActivityRule> activities;
  std::vector<ReminderStage> stages;  // ordered from the earliest to the latest
  int digest_horizon_days = 7;
  int digest_max_listed = 20;

  // The rule of an activity kind, or nullptr (a user's "calendar" activity, a retired kind).
  const ActivityRule* Find(std::string_view kind) const;
  // An activity's title for a reader of `lang`: a rule kind's title from the rules file in that
  // language (English when it has none), else `typed` (what a user typed) unchanged.
  std::string TitleOf(std::string_view kind, std::string_view typed, std::string_view lang) const;

  static const MaintenanceRules& Default();  // the embedded file; aborts if it is malformed
  static Result<MaintenanceRules> Parse(std::string_view json);
};

}  // namespace rutile::equipment
