#include "rutile/access/data_level.h"

namespace rutile::access {

std::string_view DataLevelName(DataLevel level) {
  switch (level) {
    case DataLevel::kPrivate:
      return "private";
    case DataLevel::kShared:
      return "shared";
    case DataLevel::kPublic:
      return "public";
    case DataLevel::kMacro:
      return "macro";
  }
  return "private";
}

std::optional<DataLevel> ParseDataLevel(std::string_view name) {
  if (name == "private") return DataLevel::kPrivate;
  if (name == "shared") return DataLevel::kShared;
  if (name == "public") return DataLevel::kPublic;
  if (name == "macro") return DataLevel::kMacro;
  return std::nullopt;
}

}  // namespace rutile::access
