#include "rutile/equipment/digest.h"

#include <boost/json.hpp>

#include "rutile/core/check.h"

namespace rutile::equipment {

#define RUTILE_DIGEST_LANG(l) std::string_view EmbeddedEquipmentText_##l();
RUTILE_DIGEST_LANG(en)
RUTILE_DIGEST_LANG(zh)
RUTILE_DIGEST_LANG(es)
RUTILE_DIGEST_LANG(fr)
RUTILE_DIGEST_LANG(pt)
RUTILE_DIGEST_LANG(ar)
#undef RUTILE_DIGEST_LANG

namespace json = boost::json;

Result<DigestTexts> DigestTexts::Parse(std::string_view lang, std::string_view equipment_json) {
  boost::system::error_code ec;
  json::value v = json::parse(equipment_json, ec);
  const json::object* doc = !ec ? v.if_object() : nullptr;
  const json::value* group = doc != nullptr ? doc->if_contains("digest") : nullptr;
  if (group == nullptr || !group->is_object())
    return InvalidArgument("the equipment catalogue has no digest texts",
                           {{std::string(lang) + "/equipment.json", "needs a \"digest\" object"}});
  DigestTexts texts;
  texts.lang_ = std::string(lang);
  for (const auto& [key, text] : group->as_object())
    if (text.is_string()) texts.texts_[std::string(key)] = std::string(text.as_string());
  return texts;
}

const DigestTexts& DigestTexts::ForLanguage(std::string_view lang) {
  static const std::map<std::string, DigestTexts, std::less<>> all = [] {
    std::map<std::string, DigestTexts, std::less<>> m;
    auto add = [&m](std::string_view l, std::string_view text) {
      auto parsed = Parse(l, text);
      RUTILE_CHECK(parsed.has_value(), "an embedded equipment text catalogue is invalid");
      m.emplace(std::string(l), std::move(parsed).value());
    };
    add("en", EmbeddedEquipmentText_en());
    add("zh", EmbeddedEquipmentText_zh());
    add("es", EmbeddedEquipmentText_es());
    add("fr", EmbeddedEquipmentText_fr());
    add("pt", EmbeddedEquipmentText_pt());
    add("ar", EmbeddedEquipmentText_ar());
    return m;
  }();
  auto it = all.find(lang);
  return it == all.end() ? all.at("en") : it->second;
}

bool DigestTexts::Has(std::string_view key) const { return texts_.find(key) != texts_.end(); }

std::string DigestTexts::Get(std::string_view key,
                             const std::vector<std::pair<std::string, std::string>>& params) const {
  auto it = texts_.find(key);
  if (it == texts_.end()) return std::string(key);
  std::string out = it->second;
  for (const auto& [name, value] : params) {
    const std::string placeholder = "{{" + name + "}}";
    for (std::size_t at = out.find(placeholder); at != std::string::npos;
         at = out.find(placeholder, at + value.size()))
      out.replace(at, placeholder.size(), value);
  }
  return out;
}

DigestText ComposeDigest(const DigestTexts& texts, const MaintenanceRules& rules,
                         std::string_view org_name, std::string_view date,
                         const std::vector<Task>& tasks, int max_listed) {
  DigestText d;
  for (const auto& t : tasks) (t.status == "overdue" ? d.overdue : d.due_soon) += 1;
  const std::string day(date);
  d.subject = texts.Get(
      "subject",
      {{"date", day}, {"overdue", std::to_string(d.overdue)}, {"due", std::to_string(d.due_soon)}});
  d.body = texts.Get("heading", {{"org", std::string(org_name)}, {"date", day}}) + "\n";
  int listed = 0;
  for (const char* status : {"overdue", "due"}) {
    bool header = false;
    for (const auto& t : tasks) {
      if (t.status != status) continue;
      if (listed >= max_listed) break;
      if (!header) {
        d.body += "\n" + texts.Get(t.status == "overdue" ? "overdue" : "due_soon") + "\n";
        header = true;
      }
      d.body += texts.Get("line", {{"due_on", t.due_on},
                                   {"item", t.item_name},
                                   {"title", rules.TitleOf(t.kind, t.title, texts.lang())},
                                   {"id", std::to_string(t.id)}}) +
                "\n";
      ++listed;
    }
  }
  const int rest = static_cast<int>(tasks.size()) - listed;
  if (rest > 0) d.body += "\n" + texts.Get("more", {{"count", std::to_string(rest)}}) + "\n";
  d.body += "\n" + texts.Get("open", {{"link", "/equipment/maintenance"}}) + "\n";
  return d;
}

}  // namespace rutile::equipment
