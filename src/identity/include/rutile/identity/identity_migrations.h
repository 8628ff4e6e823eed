// Schema of the identity module (versions 100-199).
#pragma once

#include <vector>

#include "rutile/store/migrations.h"

namespace rutile::identity {

std::vector<store::Migration> IdentityMigrations();

}  // namespace rutile::identity
