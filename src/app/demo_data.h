// Demo data: a realistic, idempotent set of regions' parks, organizations of every kind and
// scale class, an association, service providers, a regulator and users in every role.
// Running it twice changes nothing the second time.
#pragma once

#include <string>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/identity/identity_service.h"

namespace rutile::app {

inline constexpr const char* kDemoPassword = "demo-password-1";

struct DemoSummary {
  int parks_created = 0;
  int organizations_created = 0;
  int users_created = 0;
  int demo_cases_added = 0;
  std::vector<std::string> accounts;  // "email  role  organization"
};

class Platform;
Result<DemoSummary> LoadDemoData(Platform& platform);
// Shared equipment of the parks' tenants with readings, alerts and maintenance plans, dated
// relative to the platform clock; skips an organization that already has equipment.
Status LoadDemoEquipment(Platform& platform);

}  // namespace rutile::app
