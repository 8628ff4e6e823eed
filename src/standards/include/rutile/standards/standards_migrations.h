// Schema of the standards module (versions 400-499).
#pragma once

#include <vector>

#include "rutile/store/migrations.h"

namespace rutile::standards {

std::vector<store::Migration> StandardsMigrations();

}  // namespace rutile::standards
