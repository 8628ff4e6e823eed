// C2SP tlog-tiles: tile paths, hash tiles read from stored hashes, and entry bundles.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/ledger/merkle.h"

namespace rutile::ledger {

inline constexpr int kTileHeight = 8;
inline constexpr int kTileWidth = 256;  // hashes or entries in a full tile

// One tile: a hash tile at `level` or (entries == true) an entry bundle. width 1..256; 256 is a
// full tile, anything less a partial one (".p/<width>").
struct TileRef {
  bool entries = false;
  int level = 0;
  std::int64_t index = 0;
  int width = kTileWidth;
  bool operator==(const TileRef&) const = default;
};

// "tile/<L>/<N>[.p/<W>]" or "tile/entries/<N>[.p/<W>]", N in 3-digit groups ("x001/x234/067").
std::string TilePath(const TileRef& tile);
// Strict inverse of TilePath (canonical paths only); kInvalidArgument otherwise.
Result<TileRef> ParseTilePath(std::string_view path);

// Number of hashes (or entries) the tile holds in a tree of tree_size leaves: 0..256.
int TileWidthAt(const TileRef& tile, std::int64_t tree_size);

// Stored-hash indexes of a hash tile's hashes: level L tile N entry i is the stored hash at
// level 8L for subtree N*256 + i.
std::vector<std::int64_t> HashTileIndexes(const TileRef& tile);
// The tile's bytes (width * 32) for a tree of tree_size leaves; kNotFound if the tree does not
// have that many hashes yet.
Result<std::string> ReadHashTile(const TileRef& tile, std::int64_t tree_size, HashReader& reader);

// Entry bundle: each entry as a big-endian uint16 length followed by its bytes.
Result<std::string> EncodeEntryBundle(std::span<const std::string> entries);
Result<std::vector<std::string>> DecodeEntryBundle(std::string_view bundle);

}  // namespace rutile::ledger
