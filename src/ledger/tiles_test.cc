#include "rutile/ledger/tiles.h"

#include <gtest/gtest.h>

namespace rutile::ledger {
namespace {

TEST(TilesTest, Paths) {
  EXPECT_EQ(TilePath({false, 0, 1234067, 256}), "tile/0/x001/x234/067");
  EXPECT_EQ(TilePath({false, 1, 5, 7}), "tile/1/005.p/7");
  EXPECT_EQ(TilePath({true, 0, 0, 256}), "tile/entries/000");
  EXPECT_EQ(TilePath({true, 0, 1000, 3}), "tile/entries/x001/000.p/3");
  for (const TileRef& t : {TileRef{false, 0, 1234067, 256}, TileRef{false, 2, 0, 1},
                           TileRef{true, 0, 999, 255}, TileRef{true, 0, 1000000, 256}}) {
    EXPECT_EQ(ParseTilePath(TilePath(t)).value(), t) << TilePath(t);
  }
  for (const char* bad : {"tile/0/1", "tile/0/x000/001", "tile/00/001", "tile/0/001.p/0",
                          "tile/0/001.p/256", "tile/0/001.p/07", "tile/a/001", "tile/0/001/",
                          "tiles/0/001", "tile/0/x1/001", "tile/0", "tile/0/001.p"}) {
    EXPECT_FALSE(ParseTilePath(bad).has_value()) << bad;
  }
}

TEST(TilesTest, HashTilesMatchStoredHashes) {
  std::vector<Hash> stored;
  const int n = 256 * 3 + 17;
  for (int i = 0; i < n; ++i) AppendLeafInMemory(stored, i, LeafHash(std::to_string(i)));
  MemoryHashReader reader(&stored);
  EXPECT_EQ(TileWidthAt({false, 0, 0, 256}, n), 256);
  EXPECT_EQ(TileWidthAt({false, 0, 3, 256}, n), 17);
  EXPECT_EQ(TileWidthAt({false, 0, 4, 256}, n), 0);
  EXPECT_EQ(TileWidthAt({false, 1, 0, 256}, n), 3);
  EXPECT_EQ(TileWidthAt({true, 0, 3, 256}, n), 17);
  std::string t0 = ReadHashTile({false, 0, 1, 256}, n, reader).value();
  ASSERT_EQ(t0.size(), 8192u);
  EXPECT_EQ(t0.substr(0, 32), std::string(AsBytes(LeafHash("256"))));
  // Level 1 entry i is the root of leaves [256 i, 256 i + 256).
  std::string t1 = ReadHashTile({false, 1, 0, 3}, n, reader).value();
  ASSERT_EQ(t1.size(), 96u);
  std::vector<Hash> sub;
  for (int i = 256; i < 512; ++i) AppendLeafInMemory(sub, i - 256, LeafHash(std::to_string(i)));
  MemoryHashReader sub_reader(&sub);
  EXPECT_EQ(t1.substr(32, 32), std::string(AsBytes(TreeHash(256, sub_reader).value())));
  EXPECT_EQ(ReadHashTile({false, 1, 0, 4}, n, reader).error().code(), ErrorCode::kNotFound);
}

TEST(TilesTest, EntryBundles) {
  std::vector<std::string> entries = {"a", "", std::string(300, 'x')};
  std::string b = EncodeEntryBundle(entries).value();
  EXPECT_EQ(b.substr(0, 3), std::string("\0\1a", 3));
  EXPECT_EQ(DecodeEntryBundle(b).value(), entries);
  EXPECT_FALSE(DecodeEntryBundle(b.substr(0, b.size() - 1)).has_value());
  std::vector<std::string> huge = {std::string(70000, 'y')};
  EXPECT_FALSE(EncodeEntryBundle(huge).has_value());
}

}  // namespace
}  // namespace rutile::ledger
