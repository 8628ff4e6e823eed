#include "rutile/equipment/registry.h"

#include <unordered_map>

namespace rutile::equipment {

Result<std::vector<RegisteredItem>> ListRegisteredItems(store::Connection& c) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query("SELECT i.org_id, i.id, i.name, i.type, i.material, i.bath_preset, "
              "i.operating_temperature_c, i.grade, i.governing_mechanism, o.industry, o.region, "
              "o.scale_class FROM equipment_items i JOIN organizations o ON o.id = i.org_id "
              "ORDER BY i.org_id, i.id"));
  std::vector<RegisteredItem> items;
  items.reserve(rows.size());
  std::unordered_map<std::int64_t, std::size_t> index;
  for (const auto& r : rows) {
    RegisteredItem it;
    it.org_id = r.Int(0);
    it.item_id = r.Int(1);
    it.name = r.Text(2);
    it.type = r.Text(3);
    it.material = r.Text(4);
    it.bath_preset = r.Text(5);
    if (!r.IsNull(6)) it.temperature_c = r.Real(6);
    it.grade = static_cast<int>(r.Int(7));
    it.governing_mechanism = r.Text(8);
    it.industry = r.Text(9);
    it.region = r.Text(10);
    it.scale_class = r.OptText(11).value_or("");
    index.emplace(it.item_id, items.size());
    items.push_back(std::move(it));
  }
  RUTILE_ASSIGN_OR_RETURN(
      auto components,
      c.Query("SELECT item_id, species FROM equipment_components ORDER BY item_id, position"));
  for (const auto& r : components) {
    auto found = index.find(r.Int(0));
    if (found != index.end()) items[found->second].species.push_back(r.Text(1));
  }
  return items;
}

}  // namespace rutile::equipment
