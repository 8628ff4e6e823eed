// Schema of the self-inspection, regional annex and new-version notice parts of the standards
// module (versions 420-449). Apply after identity, notifications and StandardsMigrations().
#pragma once

#include <vector>

#include "rutile/store/migrations.h"

namespace rutile::standards {

std::vector<store::Migration> SelfInspectionMigrations();

}  // namespace rutile::standards
