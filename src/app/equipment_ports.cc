#include "equipment_ports.h"

#include "rutile/equipment/registry.h"

namespace rutile::app {

standards::EquipmentDirectory StandardsEquipmentDirectory(const identity::RegionCatalog& regions) {
  return [&regions](store::Connection& c) -> Result<std::vector<standards::RegisteredEquipment>> {
    RUTILE_ASSIGN_OR_RETURN(auto items, equipment::ListRegisteredItems(c));
    std::vector<standards::RegisteredEquipment> out;
    out.reserve(items.size());
    for (auto& it : items) {
      const identity::Region* region = regions.FindRegion(it.region);
      out.push_back({it.org_id, it.item_id, std::move(it.name), std::move(it.type),
                     std::move(it.material), std::move(it.bath_preset), std::move(it.species),
                     it.temperature_c, it.grade, std::move(it.industry),
                     region ? region->category : std::string(), std::move(it.scale_class)});
    }
    return out;
  };
}

cases::EquipmentLister CasesEquipmentLister() {
  return [](store::Connection& c) -> Result<std::vector<cases::RegisteredEquipment>> {
    RUTILE_ASSIGN_OR_RETURN(auto items, equipment::ListRegisteredItems(c));
    std::vector<cases::RegisteredEquipment> out;
    out.reserve(items.size());
    for (auto& it : items)
      out.push_back({it.org_id, it.item_id, std::move(it.name), std::move(it.type),
                     std::move(it.material), std::move(it.bath_preset), std::move(it.species),
                     it.temperature_c, it.grade, std::move(it.governing_mechanism)});
    return out;
  };
}

}  // namespace rutile::app
