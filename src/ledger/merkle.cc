#include "rutile/ledger/merkle.h"

#include <sodium.h>

#include <bit>
#include <cstring>

#include "rutile/core/base64.h"

namespace rutile::ledger {
namespace {

// Largest power of two strictly smaller than n (n >= 2), and its log2.
std::int64_t SplitPoint(std::int64_t n, int* level = nullptr) {
  int l = 63 - std::countl_zero(static_cast<std::uint64_t>(n - 1));
  if (level != nullptr) *level = l;
  return std::int64_t{1} << l;
}

struct Range {
  std::int64_t lo;
  std::int64_t hi;
};

// Stored-hash indexes of the complete subtrees that make up [lo, hi), left to right. lo must be
// a multiple of the first subtree's size (always true for RFC 6962 subtrees).
void AppendRangeIndexes(Range r, std::vector<std::int64_t>& out) {
  std::int64_t lo = r.lo;
  while (lo < r.hi) {
    std::int64_t remaining = r.hi - lo;
    int level = 63 - std::countl_zero(static_cast<std::uint64_t>(remaining));
    // The subtree must also be aligned at lo.
    while (level > 0 && (lo & ((std::int64_t{1} << level) - 1)) != 0) --level;
    out.push_back(StoredHashIndex(level, lo >> level));
    lo += std::int64_t{1} << level;
  }
}

// Folds the subtree hashes of one range right to left: MTH = H(left, MTH(rest)).
Hash FoldRange(std::span<const Hash> hashes) {
  Hash h = hashes.back();
  for (std::size_t i = hashes.size() - 1; i-- > 0;) h = NodeHash(hashes[i], h);
  return h;
}

// Reads every range's subtrees in one call and returns the MTH of each range.
Result<std::vector<Hash>> RangeHashes(const std::vector<Range>& ranges, HashReader& reader) {
  std::vector<std::int64_t> indexes;
  std::vector<int> counts;
  for (const Range& r : ranges) {
    std::size_t before = indexes.size();
    AppendRangeIndexes(r, indexes);
    counts.push_back(static_cast<int>(indexes.size() - before));
  }
  RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> read, reader.ReadHashes(indexes));
  if (read.size() != indexes.size()) return Fail(Internal("hash reader returned a wrong count"));
  std::vector<Hash> out;
  out.reserve(ranges.size());
  std::size_t pos = 0;
  for (int c : counts) {
    out.push_back(FoldRange(std::span<const Hash>(read).subspan(pos, c)));
    pos += c;
  }
  return out;
}

// RFC 6962 PATH(m, D[lo:hi]) as the list of ranges whose MTH forms the proof, leaf to root.
void InclusionRanges(std::int64_t m, std::int64_t lo, std::int64_t hi, std::vector<Range>& out) {
  std::int64_t n = hi - lo;
  if (n <= 1) return;
  std::int64_t k = SplitPoint(n);
  if (m < k) {
    InclusionRanges(m, lo, lo + k, out);
    out.push_back({lo + k, hi});
  } else {
    InclusionRanges(m - k, lo + k, hi, out);
    out.push_back({lo, lo + k});
  }
}

// RFC 6962 SUBPROOF(m, D[lo:hi], b).
void ConsistencyRanges(std::int64_t m, std::int64_t lo, std::int64_t hi, bool b,
                       std::vector<Range>& out) {
  std::int64_t n = hi - lo;
  if (m == n) {
    if (!b) out.push_back({lo, hi});
    return;
  }
  std::int64_t k = SplitPoint(n);
  if (m <= k) {
    ConsistencyRanges(m, lo, lo + k, b, out);
    out.push_back({lo + k, hi});
  } else {
    ConsistencyRanges(m - k, lo + k, hi, false, out);
    out.push_back({lo, lo + k});
  }
}

const char kHexDigits[] = "0123456789abcdef";

}  // namespace

Hash Sha256(std::string_view data) {
  Hash h;
  crypto_hash_sha256(h.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return h;
}

Hash LeafHash(std::string_view data) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  const unsigned char prefix = 0x00;
  crypto_hash_sha256_update(&st, &prefix, 1);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  Hash h;
  crypto_hash_sha256_final(&st, h.data());
  return h;
}

Hash NodeHash(const Hash& left, const Hash& right) {
  unsigned char buf[65];
  buf[0] = 0x01;
  std::memcpy(buf + 1, left.data(), 32);
  std::memcpy(buf + 33, right.data(), 32);
  Hash h;
  crypto_hash_sha256(h.data(), buf, sizeof buf);
  return h;
}

Hash EmptyTreeHash() { return Sha256(""); }

std::string ToHex(const Hash& h) {
  std::string out;
  out.reserve(64);
  for (std::uint8_t b : h) {
    out.push_back(kHexDigits[b >> 4]);
    out.push_back(kHexDigits[b & 15]);
  }
  return out;
}

Result<Hash> HashFromHex(std::string_view hex) {
  if (hex.size() != 64) return Fail(InvalidArgument("a hash is 64 hex digits"));
  Hash h;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (int i = 0; i < 32; ++i) {
    int hi = nibble(hex[2 * i]);
    int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return Fail(InvalidArgument("not a hex digit in hash"));
    h[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return h;
}

std::string HashToBase64(const Hash& h) { return base64::Encode(AsBytes(h)); }

Result<Hash> HashFromBase64(std::string_view text) {
  RUTILE_ASSIGN_OR_RETURN(std::string bytes, base64::Decode(text));
  return HashFromBytes(bytes);
}

Result<Hash> HashFromBytes(std::string_view bytes) {
  if (bytes.size() != 32) return Fail(InvalidArgument("a hash is 32 bytes"));
  Hash h;
  std::memcpy(h.data(), bytes.data(), 32);
  return h;
}

std::int64_t StoredHashIndex(int level, std::int64_t n) {
  // Level L's n-th hash is written right after level L-1's (2n+1)-th hash; walk down to level 0.
  for (int l = level; l > 0; --l) n = 2 * n + 1;
  // Level 0's n-th hash sits at n + n/2 + n/4 + ...
  std::int64_t i = 0;
  for (; n > 0; n >>= 1) i += n;
  return i + level;
}

void SplitStoredHashIndex(std::int64_t index, int* level, std::int64_t* n) {
  // Find the level-0 leaf written at or just before index, then count the hashes after it.
  std::int64_t x = index / 2;
  std::int64_t idx = StoredHashIndex(0, x);
  while (idx > index) {
    --x;
    idx = StoredHashIndex(0, x);
  }
  for (;;) {
    std::int64_t next = StoredHashIndex(0, x + 1);
    if (next > index) break;
    ++x;
    idx = next;
  }
  int l = static_cast<int>(index - idx);
  *level = l;
  *n = x >> l;
}

std::int64_t StoredHashCount(std::int64_t n) {
  if (n <= 0) return 0;
  return StoredHashIndex(0, n);
}

Result<std::vector<Hash>> MemoryHashReader::ReadHashes(std::span<const std::int64_t> indexes) {
  std::vector<Hash> out;
  out.reserve(indexes.size());
  for (std::int64_t i : indexes) {
    if (i < 0 || i >= static_cast<std::int64_t>(hashes_->size()))
      return Fail(NotFound("stored hash " + std::to_string(i) + " is not in the tree"));
    out.push_back((*hashes_)[i]);
  }
  return out;
}

Result<std::vector<Hash>> StoredHashesForLeaf(std::int64_t n, const Hash& leaf_hash,
                                              HashReader& reader) {
  // Each trailing 1 bit of n completes a subtree with the adjacent one on its left.
  int m = std::countr_zero(static_cast<std::uint64_t>(n + 1));
  std::vector<std::int64_t> indexes(m);
  for (int i = 0; i < m; ++i) indexes[m - 1 - i] = StoredHashIndex(i, (n >> i) - 1);
  RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> old, reader.ReadHashes(indexes));
  if (static_cast<int>(old.size()) != m)
    return Fail(Internal("hash reader returned a wrong count"));
  std::vector<Hash> out;
  out.reserve(m + 1);
  Hash h = leaf_hash;
  out.push_back(h);
  for (int i = 0; i < m; ++i) {
    h = NodeHash(old[m - 1 - i], h);
    out.push_back(h);
  }
  return out;
}

void AppendLeafInMemory(std::vector<Hash>& stored, std::int64_t n, const Hash& leaf_hash) {
  RUTILE_CHECK(static_cast<std::int64_t>(stored.size()) == StoredHashCount(n),
               "stored hashes out of step with the leaf number");
  Hash h = leaf_hash;
  stored.push_back(h);
  for (int level = 0; (n >> level) & 1; ++level) {
    h = NodeHash(stored[StoredHashIndex(level, (n >> level) - 1)], h);
    stored.push_back(h);
  }
}

std::vector<std::int64_t> TreeHashIndexes(std::int64_t n) {
  std::vector<std::int64_t> out;
  AppendRangeIndexes({0, n}, out);
  return out;
}

Result<Hash> TreeHash(std::int64_t n, HashReader& reader) {
  if (n < 0) return Fail(InvalidArgument("negative tree size"));
  if (n == 0) return EmptyTreeHash();
  RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> h, RangeHashes({{0, n}}, reader));
  return h[0];
}

Result<std::vector<Hash>> InclusionProof(std::int64_t index, std::int64_t size,
                                         HashReader& reader) {
  if (size <= 0 || index < 0 || index >= size)
    return Fail(InvalidArgument("inclusion proof needs 0 <= index < size"));
  std::vector<Range> ranges;
  InclusionRanges(index, 0, size, ranges);
  return RangeHashes(ranges, reader);
}

Result<std::vector<Hash>> ConsistencyProof(std::int64_t old_size, std::int64_t size,
                                           HashReader& reader) {
  if (old_size < 1 || old_size > size)
    return Fail(InvalidArgument("consistency proof needs 1 <= old size <= size"));
  std::vector<Range> ranges;
  ConsistencyRanges(old_size, 0, size, true, ranges);
  return RangeHashes(ranges, reader);
}

Result<Hash> RootFromInclusionProof(std::int64_t index, std::int64_t size, const Hash& leaf_hash,
                                    std::span<const Hash> proof) {
  if (size <= 0 || index < 0 || index >= size)
    return Fail(InvalidArgument("inclusion proof needs 0 <= index < size"));
  // Expected length: inner + border (transparency-dev/merkle decompInclProof).
  std::uint64_t x = static_cast<std::uint64_t>(index) ^ static_cast<std::uint64_t>(size - 1);
  int inner = 64 - std::countl_zero(x);
  int border = std::popcount(static_cast<std::uint64_t>(index) >> inner);
  if (static_cast<int>(proof.size()) != inner + border)
    return Fail(Corruption("inclusion proof has the wrong length"));
  std::uint64_t fn = index;
  std::uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return Fail(Corruption("inclusion proof is too long"));
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      if (!(fn & 1)) {
        while (fn != 0 && !(fn & 1)) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Fail(Corruption("inclusion proof is too short"));
  return r;
}

Status VerifyInclusion(std::int64_t index, std::int64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root) {
  RUTILE_ASSIGN_OR_RETURN(Hash r, RootFromInclusionProof(index, size, leaf_hash, proof));
  if (r != root) return Fail(Corruption("inclusion proof does not lead to the root"));
  return Ok();
}

Status VerifyConsistency(std::int64_t old_size, std::int64_t size, const Hash& old_root,
                         const Hash& root, std::span<const Hash> proof) {
  if (old_size < 0 || old_size > size)
    return Fail(InvalidArgument("consistency proof needs 0 <= old size <= size"));
  if (old_size == 0) {
    if (!proof.empty()) return Fail(Corruption("consistency proof from size 0 must be empty"));
    return Ok();
  }
  if (old_size == size) {
    if (!proof.empty()) return Fail(Corruption("consistency proof between equal sizes not empty"));
    if (old_root != root) return Fail(Corruption("roots differ at the same size"));
    return Ok();
  }
  std::vector<Hash> path(proof.begin(), proof.end());
  if (path.empty()) return Fail(Corruption("consistency proof is empty"));
  // An exact power of two old size: its root is the first node of the path.
  if (std::has_single_bit(static_cast<std::uint64_t>(old_size)))
    path.insert(path.begin(), old_root);
  std::uint64_t fn = old_size - 1;
  std::uint64_t sn = size - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return Fail(Corruption("consistency proof is too long"));
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!(fn & 1)) {
        while (fn != 0 && !(fn & 1)) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Fail(Corruption("consistency proof is too short"));
  if (fr != old_root) return Fail(Corruption("consistency proof does not lead to the old root"));
  if (sr != root) return Fail(Corruption("consistency proof does not lead to the new root"));
  return Ok();
}

Hash CompactRange::Root() const {
  if (nodes_.empty()) return EmptyTreeHash();
  return FoldRange(nodes_);
}

}  // namespace rutile::ledger
