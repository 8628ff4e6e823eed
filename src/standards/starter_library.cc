#include <string_view>

#include "rutile/standards/json_codec.h"

namespace rutile::standards {

std::string_view EmbeddedStarterLibrary();

std::string_view StarterLibraryJson() { return EmbeddedStarterLibrary(); }

}  // namespace rutile::standards
