// RFC 6962 / RFC 9162 Merkle tree hashing, the stored-hash layout of Go's tlog package, and
// inclusion / consistency proofs with their verification. Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::ledger {

using Hash = std::array<std::uint8_t, 32>;

// SHA-256 of arbitrary bytes.
Hash Sha256(std::string_view data);
// RFC 6962 §2.1: leaf hash = SHA-256(0x00 || data), node hash = SHA-256(0x01 || left || right).
Hash LeafHash(std::string_view data);
Hash NodeHash(const Hash& left, const Hash& right);
// MTH({}) = SHA-256 of the empty string.
Hash EmptyTreeHash();

std::string ToHex(const Hash& h);
Result<Hash> HashFromHex(std::string_view hex);
// Standard base64 alphabet with padding (RFC 4648 §4), as C2SP and Go's tlog.Hash use.
std::string HashToBase64(const Hash& h);
Result<Hash> HashFromBase64(std::string_view text);
inline std::string_view AsBytes(const Hash& h) {
  return std::string_view(reinterpret_cast<const char*>(h.data()), h.size());
}
Result<Hash> HashFromBytes(std::string_view bytes);

// Stored-hash layout (Crosby-Wallach post-order, as Go's tlog.StoredHashIndex): every complete
// subtree hash is stored once, in the order in which it becomes complete. Level 0 holds leaf
// hashes; the hash at (level, n) covers leaves [n * 2^level, (n + 1) * 2^level).
std::int64_t StoredHashIndex(int level, std::int64_t n);
// Inverse of StoredHashIndex.
void SplitStoredHashIndex(std::int64_t index, int* level, std::int64_t* n);
// Number of stored hashes in a tree of n leaves.
std::int64_t StoredHashCount(std::int64_t n);

// Reads stored hashes by index. Implementations: in memory, a database table, HTTP tiles.
// Must return exactly one hash per requested index, in the requested order.
class HashReader {
 public:
  virtual ~HashReader() = default;
  virtual Result<std::vector<Hash>> ReadHashes(std::span<const std::int64_t> indexes) = 0;
};

// A HashReader over a vector held in memory (tests, benchmarks, verification).
class MemoryHashReader final : public HashReader {
 public:
  explicit MemoryHashReader(const std::vector<Hash>* hashes) : hashes_(hashes) {}
  Result<std::vector<Hash>> ReadHashes(std::span<const std::int64_t> indexes) override;

 private:
  const std::vector<Hash>* hashes_;
};

// The hashes to append to storage when adding leaf number n (0-based) with the given leaf hash,
// given a reader over the stored hashes of the first n leaves. The first is the leaf hash.
Result<std::vector<Hash>> StoredHashesForLeaf(std::int64_t n, const Hash& leaf_hash,
                                              HashReader& reader);

// Appends leaves to an in-memory stored-hash vector (tests, benchmarks, full verification).
void AppendLeafInMemory(std::vector<Hash>& stored, std::int64_t n, const Hash& leaf_hash);

// Stored-hash indexes whose hashes make up the root of a tree of n leaves (the complete
// subtrees of [0, n), left to right). At most 64 entries.
std::vector<std::int64_t> TreeHashIndexes(std::int64_t n);
// RFC 6962 root of the first n leaves (EmptyTreeHash() for n == 0). O(log n) reads.
Result<Hash> TreeHash(std::int64_t n, HashReader& reader);

// Inclusion proof for leaf `index` in the tree of `size` leaves: sibling hashes from the leaf
// up to the root (RFC 6962 §2.1.1 PATH). O(log n) reads in one ReadHashes call.
Result<std::vector<Hash>> InclusionProof(std::int64_t index, std::int64_t size, HashReader& reader);
// Consistency proof between sizes old_size <= size (RFC 6962 §2.1.2 PROOF). old_size must be
// at least 1; old_size == size gives an empty proof.
Result<std::vector<Hash>> ConsistencyProof(std::int64_t old_size, std::int64_t size,
                                           HashReader& reader);

// RFC 9162 §2.1.3.2. kInvalidArgument when the arguments are out of range, kCorruption when
// the proof does not lead to the root.
Status VerifyInclusion(std::int64_t index, std::int64_t size, const Hash& leaf_hash,
                       std::span<const Hash> proof, const Hash& root);
// The root that the proof leads to (for reports); fails like VerifyInclusion on bad input.
Result<Hash> RootFromInclusionProof(std::int64_t index, std::int64_t size, const Hash& leaf_hash,
                                    std::span<const Hash> proof);
// RFC 9162 §2.1.4.2. old_size 0 is consistent with anything (given an empty proof).
Status VerifyConsistency(std::int64_t old_size, std::int64_t size, const Hash& old_root,
                         const Hash& root, std::span<const Hash> proof);

// A compact range over [0, n): the roots of the complete subtrees of [0, n), left to right.
// Appending leaves and computing the root need no storage; used by full-log verification.
class CompactRange {
 public:
  // Adds the next leaf; calls on_stored(index, hash) for each stored hash it completes (the
  // same sequence as StoredHashesForLeaf).
  template <typename Fn>
  void Append(const Hash& leaf_hash, Fn&& on_stored);
  void Append(const Hash& leaf_hash) {
    Append(leaf_hash, [](std::int64_t, const Hash&) {});
  }
  Hash Root() const;
  std::int64_t size() const { return size_; }

 private:
  std::vector<Hash> nodes_;  // roots of the complete subtrees, largest first
  std::int64_t size_ = 0;
};

template <typename Fn>
void CompactRange::Append(const Hash& leaf_hash, Fn&& on_stored) {
  std::int64_t n = size_;
  std::int64_t index = StoredHashIndex(0, n);
  on_stored(index, leaf_hash);
  Hash h = leaf_hash;
  int level = 0;
  while ((n >> level) & 1) {
    h = NodeHash(nodes_.back(), h);
    nodes_.pop_back();
    ++level;
    on_stored(++index, h);
  }
  nodes_.push_back(h);
  ++size_;
}

}  // namespace rutile::ledger
