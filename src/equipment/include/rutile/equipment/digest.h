// The daily maintenance digest of one organization: subject and plain-text body listing its
// overdue tasks and the tasks due soon. Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rutile/equipment/maintenance_service.h"

namespace rutile::equipment {

struct DigestText {
  std::string subject;
  std::string body;
  int overdue = 0;
  int due_soon = 0;
};

// `tasks` are open tasks with their visible status ("overdue" or "due"), in due-date order;
// at most max_listed are listed, the rest counted.
DigestText ComposeDigest(std::string_view org_name, std::string_view date,
                         const std::vector<Task>& tasks, int max_listed);

}  // namespace rutile::equipment
