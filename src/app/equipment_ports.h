// The equipment register seen through the ports of the modules that must not depend on the
// equipment module: standards (new-version notices) and cases (bulletin delivery). Stateless.
#pragma once

#include "rutile/cases/bulletin.h"
#include "rutile/identity/regions.h"
#include "rutile/standards/version_notice.h"

namespace rutile::app {

standards::EquipmentDirectory StandardsEquipmentDirectory(const identity::RegionCatalog& regions);
cases::EquipmentLister CasesEquipmentLister();

}  // namespace rutile::app
