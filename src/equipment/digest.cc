#include "rutile/equipment/digest.h"

namespace rutile::equipment {

DigestText ComposeDigest(const texts::Catalogue& texts, const MaintenanceRules& rules,
                         std::string_view org_name, std::string_view date,
                         const std::vector<Task>& tasks, int max_listed) {
  DigestText d;
  for (const auto& t : tasks) (t.status == "overdue" ? d.overdue : d.due_soon) += 1;
  const std::string day(date);
  d.subject = texts.Get(
      "equipment:digest.subject",
      {{"date", day}, {"overdue", std::to_string(d.overdue)}, {"due", std::to_string(d.due_soon)}});
  d.body =
      texts.Get("equipment:digest.heading", {{"org", std::string(org_name)}, {"date", day}}) + "\n";
  int listed = 0;
  for (const char* status : {"overdue", "due"}) {
    bool header = false;
    for (const auto& t : tasks) {
      if (t.status != status) continue;
      if (listed >= max_listed) break;
      if (!header) {
        d.body += "\n" +
                  texts.Get(t.status == "overdue" ? "equipment:digest.overdue"
                                                  : "equipment:digest.due_soon") +
                  "\n";
        header = true;
      }
      d.body += texts.Get("equipment:digest.line",
                          {{"due_on", t.due_on},
                           {"item", t.item_name},
                           {"title", rules.TitleOf(t.kind, t.title, texts.lang())},
                           {"id", std::to_string(t.id)}}) +
                "\n";
      ++listed;
    }
  }
  const int rest = static_cast<int>(tasks.size()) - listed;
  if (rest > 0)
    d.body += "\n" + texts.Get("equipment:digest.more", {{"count", std::to_string(rest)}}) + "\n";
  d.body += "\n" + texts.Get("equipment:digest.open", {{"link", "/equipment/maintenance"}}) + "\n";
  return d;
}

}  // namespace rutile::equipment
