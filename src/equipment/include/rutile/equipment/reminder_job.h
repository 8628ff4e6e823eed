// ReminderJob: one pass over open maintenance tasks. Each task gets one inbox reminder per stage
// (upcoming, due, overdue; from the rules file) and each organization one digest per day, also
// e-mailed to its members when SMTP is configured. Idempotent: the stages and digests sent are
// recorded, so running it again (or from several processes) sends nothing twice. Holds a
// reference to the database (outliving it); RunOnce may be called from any one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/equipment/maintenance_rules.h"
#include "rutile/equipment/smtp_client.h"
#include "rutile/store/database.h"

namespace rutile::equipment {

struct ReminderReport {
  int reminders = 0;                      // inbox reminders written (one per task and stage)
  int digests = 0;                        // digests written (one per organization and day)
  int emails = 0;                         // digests e-mailed
  std::vector<std::string> email_errors;  // failures are retried on the next run the same day
};

class ReminderJob {
 public:
  explicit ReminderJob(store::Database& db, std::optional<SmtpSettings> smtp = std::nullopt,
                       const MaintenanceRules& rules = MaintenanceRules::Default());

  Result<ReminderReport> RunOnce(TimePoint now);

 private:
  store::Database& db_;
  std::optional<SmtpSettings> smtp_;
  const MaintenanceRules& rules_;
};

}  // namespace rutile::equipment
