#include "rutile/equipment/digest.h"

namespace rutile::equipment {

DigestText ComposeDigest(std::string_view org_name, std::string_view date,
                         const std::vector<Task>& tasks, int max_listed) {
  DigestText d;
  for (const auto& t : tasks) (t.status == "overdue" ? d.overdue : d.due_soon) += 1;
  d.subject = "Maintenance " + std::string(date) + ": " + std::to_string(d.overdue) + " overdue, " +
              std::to_string(d.due_soon) + " due soon";
  d.body = "Maintenance digest for " + std::string(org_name) + " on " + std::string(date) + "\n";
  int listed = 0;
  for (const char* status : {"overdue", "due"}) {
    bool header = false;
    for (const auto& t : tasks) {
      if (t.status != status) continue;
      if (listed >= max_listed) break;
      if (!header) {
        d.body += std::string("\n") + (t.status == "overdue" ? "Overdue:" : "Due soon:") + "\n";
        header = true;
      }
      d.body += "- " + t.due_on + "  " + t.item_name + ": " + t.title + " (task " +
                std::to_string(t.id) + ")\n";
      ++listed;
    }
  }
  const int rest = static_cast<int>(tasks.size()) - listed;
  if (rest > 0) d.body += "\n... and " + std::to_string(rest) + " more.\n";
  d.body += "\nOpen the maintenance list: /maintenance/tasks\n";
  return d;
}

}  // namespace rutile::equipment
