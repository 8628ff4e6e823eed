#include "rutile/ledger/tiles.h"

#include <charconv>
#include <cstdio>

namespace rutile::ledger {
namespace {

std::string EncodeIndex(std::int64_t n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03d", static_cast<int>(n % 1000));
  std::string out = buf;
  while (n >= 1000) {
    n /= 1000;
    std::snprintf(buf, sizeof buf, "x%03d/", static_cast<int>(n % 1000));
    out = buf + out;
  }
  return out;
}

bool ParseDigits(std::string_view s, std::int64_t* v) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> out;
  while (true) {
    std::size_t slash = s.find('/');
    out.push_back(s.substr(0, slash));
    if (slash == std::string_view::npos) break;
    s.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

std::string TilePath(const TileRef& tile) {
  std::string out = "tile/";
  out += tile.entries ? std::string("entries") : std::to_string(tile.level);
  out += "/" + EncodeIndex(tile.index);
  if (tile.width != kTileWidth) out += ".p/" + std::to_string(tile.width);
  return out;
}

Result<TileRef> ParseTilePath(std::string_view path) {
  auto bad = [&] { return Fail(InvalidArgument("not a tile path: " + std::string(path))); };
  std::vector<std::string_view> parts = Split(path);
  if (parts.size() < 3 || parts[0] != "tile") return bad();
  TileRef t;
  if (parts[1] == "entries") {
    t.entries = true;
  } else {
    std::int64_t level;
    if (!ParseDigits(parts[1], &level) || level > 63 || (parts[1].size() > 1 && parts[1][0] == '0'))
      return bad();
    t.level = static_cast<int>(level);
  }
  std::size_t end = parts.size();
  // A partial tile ends in "<NNN>.p/<W>".
  if (end >= 4 && parts[end - 2].size() == 5 && parts[end - 2].substr(3) == ".p") {
    std::int64_t w;
    if (!ParseDigits(parts[end - 1], &w) || w < 1 || w >= kTileWidth || parts[end - 1][0] == '0')
      return bad();
    t.width = static_cast<int>(w);
    parts[end - 2] = parts[end - 2].substr(0, 3);
    --end;
  }
  std::int64_t n = 0;
  for (std::size_t i = 2; i < end; ++i) {
    std::string_view g = parts[i];
    bool last = i + 1 == end;
    if (!last) {
      if (g.size() != 4 || g[0] != 'x') return bad();
      g.remove_prefix(1);
    }
    std::int64_t v;
    if (g.size() != 3 || !ParseDigits(g, &v)) return bad();
    if (n > (INT64_MAX - v) / 1000) return bad();
    n = n * 1000 + v;
  }
  // Canonical: no leading zero groups.
  if (TilePath({t.entries, t.level, n, t.width}) != path) return bad();
  t.index = n;
  return t;
}

int TileWidthAt(const TileRef& tile, std::int64_t tree_size) {
  int shift = tile.entries ? 0 : kTileHeight * tile.level;
  if (shift >= 63) return 0;
  std::int64_t count = tree_size >> shift;  // complete hashes at this level
  std::int64_t start = tile.index * kTileWidth;
  if (tile.index > count / kTileWidth) return 0;
  std::int64_t w = count - start;
  if (w <= 0) return 0;
  return w >= kTileWidth ? kTileWidth : static_cast<int>(w);
}

std::vector<std::int64_t> HashTileIndexes(const TileRef& tile) {
  std::vector<std::int64_t> out;
  out.reserve(tile.width);
  for (int i = 0; i < tile.width; ++i)
    out.push_back(StoredHashIndex(kTileHeight * tile.level, tile.index * kTileWidth + i));
  return out;
}

Result<std::string> ReadHashTile(const TileRef& tile, std::int64_t tree_size, HashReader& reader) {
  if (tile.entries) return Fail(InvalidArgument("not a hash tile"));
  if (tile.width < 1 || tile.width > kTileWidth) return Fail(InvalidArgument("bad tile width"));
  if (TileWidthAt(tile, tree_size) < tile.width)
    return Fail(NotFound("tile " + TilePath(tile) + " is beyond the tree"));
  std::vector<std::int64_t> indexes = HashTileIndexes(tile);
  RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> hashes, reader.ReadHashes(indexes));
  std::string out;
  out.reserve(hashes.size() * 32);
  for (const Hash& h : hashes) out.append(AsBytes(h));
  return out;
}

Result<std::string> EncodeEntryBundle(std::span<const std::string> entries) {
  std::string out;
  for (const std::string& e : entries) {
    if (e.size() > 0xFFFF) return Fail(InvalidArgument("entry longer than 65535 bytes"));
    out.push_back(static_cast<char>(e.size() >> 8));
    out.push_back(static_cast<char>(e.size() & 0xFF));
    out += e;
  }
  return out;
}

Result<std::vector<std::string>> DecodeEntryBundle(std::string_view bundle) {
  std::vector<std::string> out;
  while (!bundle.empty()) {
    if (bundle.size() < 2) return Fail(InvalidArgument("truncated entry bundle"));
    std::size_t len =
        static_cast<std::uint8_t>(bundle[0]) << 8 | static_cast<std::uint8_t>(bundle[1]);
    bundle.remove_prefix(2);
    if (bundle.size() < len) return Fail(InvalidArgument("truncated entry bundle"));
    out.emplace_back(bundle.substr(0, len));
    bundle.remove_prefix(len);
  }
  return out;
}

}  // namespace rutile::ledger
