#include "rutile/ledger/merkle.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "rutile/core/base64.h"

namespace rutile::ledger {
namespace {

Hash H(std::string_view hex) { return HashFromHex(hex).value(); }

std::string Unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

// RFC 6962 test vectors, as listed in transparency-dev/merkle proof/verify_test.go.
const char* kLeavesHex[] = {"",
                            "00",
                            "10",
                            "2021",
                            "3031",
                            "40414243",
                            "5051525354555657",
                            "606162636465666768696a6b6c6d6e6f"};
const char* kRootsHex[] = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

std::vector<Hash> BuildStored(const std::vector<std::string>& leaves) {
  std::vector<Hash> stored;
  for (std::size_t i = 0; i < leaves.size(); ++i)
    AppendLeafInMemory(stored, i, LeafHash(leaves[i]));
  return stored;
}

std::vector<std::string> RfcLeaves() {
  std::vector<std::string> leaves;
  for (const char* h : kLeavesHex) leaves.push_back(Unhex(h));
  return leaves;
}

TEST(MerkleTest, HasherVectors) {
  EXPECT_EQ(ToHex(EmptyTreeHash()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(LeafHash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  EXPECT_EQ(ToHex(LeafHash("L123456")),
            "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
  // node("N123", "N456") = SHA-256(0x01 || "N123" || "N456"): not 32-byte children, so checked
  // through Sha256 directly.
  EXPECT_EQ(ToHex(Sha256(std::string("\x01N123N456", 9))),
            "aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
}

TEST(MerkleTest, RfcRoots) {
  std::vector<Hash> stored = BuildStored(RfcLeaves());
  MemoryHashReader reader(&stored);
  for (int n = 1; n <= 8; ++n) EXPECT_EQ(ToHex(TreeHash(n, reader).value()), kRootsHex[n - 1]) << n;
  EXPECT_EQ(TreeHash(0, reader).value(), EmptyTreeHash());
}

TEST(MerkleTest, RfcInclusionProofs) {
  std::vector<Hash> stored = BuildStored(RfcLeaves());
  MemoryHashReader reader(&stored);
  struct Case {
    int index, size;
    std::vector<const char*> path;
  };
  std::vector<Case> cases = {
      {0,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {5,
       8,
       {"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2, 3, {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"}},
      {1,
       5,
       {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
      {0, 1, {}},
  };
  std::vector<std::string> leaves = RfcLeaves();
  for (const Case& c : cases) {
    std::vector<Hash> proof = InclusionProof(c.index, c.size, reader).value();
    ASSERT_EQ(proof.size(), c.path.size()) << c.index << "," << c.size;
    for (std::size_t i = 0; i < proof.size(); ++i) EXPECT_EQ(ToHex(proof[i]), c.path[i]);
    EXPECT_TRUE(
        VerifyInclusion(c.index, c.size, LeafHash(leaves[c.index]), proof, H(kRootsHex[c.size - 1]))
            .has_value());
  }
}

TEST(MerkleTest, RfcConsistencyProofs) {
  std::vector<Hash> stored = BuildStored(RfcLeaves());
  MemoryHashReader reader(&stored);
  struct Case {
    int m, n;
    std::vector<const char*> path;
  };
  std::vector<Case> cases = {
      {1, 1, {}},
      {1,
       8,
       {"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"}},
      {6,
       8,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
      {2,
       5,
       {"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}},
      {6,
       7,
       {"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}},
  };
  for (const Case& c : cases) {
    std::vector<Hash> proof = ConsistencyProof(c.m, c.n, reader).value();
    ASSERT_EQ(proof.size(), c.path.size()) << c.m << "," << c.n;
    for (std::size_t i = 0; i < proof.size(); ++i) EXPECT_EQ(ToHex(proof[i]), c.path[i]);
    EXPECT_TRUE(VerifyConsistency(c.m, c.n, H(kRootsHex[c.m - 1]), H(kRootsHex[c.n - 1]), proof)
                    .has_value());
  }
}

// A straightforward recursive reference for the RFC 6962 definitions, memoized.
class Reference {
 public:
  explicit Reference(const std::vector<Hash>& leaves) : leaves_(leaves) {}
  Hash Mth(int lo, int hi) {
    auto key = std::make_pair(lo, hi);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    Hash h;
    if (hi - lo == 1) {
      h = leaves_[lo];
    } else {
      int k = 1;
      while (k * 2 < hi - lo) k *= 2;
      h = NodeHash(Mth(lo, lo + k), Mth(lo + k, hi));
    }
    memo_[key] = h;
    return h;
  }
  void Path(int m, int lo, int hi, std::vector<Hash>& out) {
    if (hi - lo <= 1) return;
    int k = 1;
    while (k * 2 < hi - lo) k *= 2;
    if (m < k) {
      Path(m, lo, lo + k, out);
      out.push_back(Mth(lo + k, hi));
    } else {
      Path(m - k, lo + k, hi, out);
      out.push_back(Mth(lo, lo + k));
    }
  }
  void SubProof(int m, int lo, int hi, bool b, std::vector<Hash>& out) {
    if (m == hi - lo) {
      if (!b) out.push_back(Mth(lo, hi));
      return;
    }
    int k = 1;
    while (k * 2 < hi - lo) k *= 2;
    if (m <= k) {
      SubProof(m, lo, lo + k, b, out);
      out.push_back(Mth(lo + k, hi));
    } else {
      SubProof(m - k, lo + k, hi, false, out);
      out.push_back(Mth(lo, lo + k));
    }
  }

 private:
  const std::vector<Hash>& leaves_;
  std::map<std::pair<int, int>, Hash> memo_;
};

// Counts reads so the O(log n) bound can be checked.
class CountingReader final : public HashReader {
 public:
  explicit CountingReader(const std::vector<Hash>* h) : inner_(h) {}
  Result<std::vector<Hash>> ReadHashes(std::span<const std::int64_t> indexes) override {
    ++calls;
    reads += indexes.size();
    return inner_.ReadHashes(indexes);
  }
  int calls = 0;
  std::size_t reads = 0;

 private:
  MemoryHashReader inner_;
};

TEST(MerkleTest, ExhaustiveUpTo300) {
  constexpr int kMax = 300;
  std::vector<Hash> leaves;
  for (int i = 0; i < kMax; ++i) leaves.push_back(LeafHash("leaf " + std::to_string(i)));
  std::vector<Hash> stored;
  CompactRange range;
  std::vector<std::pair<std::int64_t, Hash>> emitted;
  for (int i = 0; i < kMax; ++i) {
    // The stored hashes from the reader-based path equal the in-memory append.
    MemoryHashReader before(&stored);
    std::vector<Hash> expect = StoredHashesForLeaf(i, leaves[i], before).value();
    AppendLeafInMemory(stored, i, leaves[i]);
    range.Append(leaves[i], [&](std::int64_t idx, const Hash& h) { emitted.emplace_back(idx, h); });
    ASSERT_EQ(static_cast<std::int64_t>(stored.size()), StoredHashCount(i + 1));
    ASSERT_EQ(std::vector<Hash>(stored.end() - expect.size(), stored.end()), expect);
  }
  ASSERT_EQ(emitted.size(), stored.size());
  for (std::size_t i = 0; i < emitted.size(); ++i) {
    ASSERT_EQ(emitted[i].first, static_cast<std::int64_t>(i));
    ASSERT_EQ(emitted[i].second, stored[i]);
    int level;
    std::int64_t n;
    SplitStoredHashIndex(i, &level, &n);
    ASSERT_EQ(StoredHashIndex(level, n), static_cast<std::int64_t>(i));
  }

  Reference ref(leaves);
  CountingReader reader(&stored);
  std::vector<Hash> roots(kMax + 1);
  CompactRange incremental;
  for (int n = 1; n <= kMax; ++n) {
    incremental.Append(leaves[n - 1]);
    roots[n] = TreeHash(n, reader).value();
    ASSERT_EQ(roots[n], ref.Mth(0, n)) << n;
    ASSERT_EQ(incremental.Root(), roots[n]) << n;
  }
  for (int n = 1; n <= kMax; ++n) {
    for (int i = 0; i < n; ++i) {
      reader.calls = 0;
      reader.reads = 0;
      std::vector<Hash> proof = InclusionProof(i, n, reader).value();
      ASSERT_EQ(reader.calls, 1);
      ASSERT_LE(reader.reads, 2u * 9u + 2u);  // O(log n): at most ~2 log2(n) reads
      std::vector<Hash> expect;
      ref.Path(i, 0, n, expect);
      ASSERT_EQ(proof, expect) << i << " in " << n;
      ASSERT_TRUE(VerifyInclusion(i, n, leaves[i], proof, roots[n]).has_value()) << i << "," << n;
      // A wrong index or leaf is rejected.
      if (n > 1) {
        ASSERT_FALSE(VerifyInclusion((i + 1) % n, n, leaves[i], proof, roots[n]).has_value());
      }
      ASSERT_FALSE(VerifyInclusion(i, n, leaves[(i + 1) % kMax], proof, roots[n]).has_value());
      if (!proof.empty()) {
        std::vector<Hash> bad = proof;
        bad[i % bad.size()][7] ^= 0x20;
        ASSERT_FALSE(VerifyInclusion(i, n, leaves[i], bad, roots[n]).has_value());
        bad = proof;
        bad.pop_back();
        ASSERT_FALSE(VerifyInclusion(i, n, leaves[i], bad, roots[n]).has_value());
      }
      std::vector<Hash> longer = proof;
      longer.push_back(roots[n]);
      ASSERT_FALSE(VerifyInclusion(i, n, leaves[i], longer, roots[n]).has_value());
    }
  }
  for (int n = 1; n <= kMax; ++n) {
    for (int m = 1; m <= n; ++m) {
      reader.calls = 0;
      std::vector<Hash> proof = ConsistencyProof(m, n, reader).value();
      ASSERT_EQ(reader.calls, 1);
      std::vector<Hash> expect;
      ref.SubProof(m, 0, n, true, expect);
      ASSERT_EQ(proof, expect) << m << " -> " << n;
      ASSERT_TRUE(VerifyConsistency(m, n, roots[m], roots[n], proof).has_value()) << m << "," << n;
      if (m < n) {
        ASSERT_FALSE(
            VerifyConsistency(m, n, roots[m == 1 ? 2 : m - 1], roots[n], proof).has_value());
        std::vector<Hash> bad = proof;
        bad[(m + n) % bad.size()][0] ^= 1;
        ASSERT_FALSE(VerifyConsistency(m, n, roots[m], roots[n], bad).has_value());
        bad = proof;
        bad.pop_back();
        ASSERT_FALSE(VerifyConsistency(m, n, roots[m], roots[n], bad).has_value());
      }
    }
  }
}

TEST(MerkleTest, RejectsOutOfRange) {
  std::vector<Hash> stored = BuildStored(RfcLeaves());
  MemoryHashReader reader(&stored);
  EXPECT_EQ(InclusionProof(8, 8, reader).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(InclusionProof(-1, 8, reader).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(0, 8, reader).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(ConsistencyProof(5, 4, reader).error().code(), ErrorCode::kInvalidArgument);
  // Beyond what is stored: the reader says so.
  EXPECT_FALSE(InclusionProof(3, 9, reader).has_value());
  EXPECT_TRUE(VerifyConsistency(0, 8, EmptyTreeHash(), H(kRootsHex[7]), {}).has_value());
}

TEST(MerkleTest, Base64RoundTrip) {
  Hash h = LeafHash("x");
  EXPECT_EQ(HashFromBase64(HashToBase64(h)).value(), h);
  EXPECT_EQ(HashToBase64(h).size(), 44u);
  EXPECT_FALSE(HashFromBase64("not base64!").has_value());
  EXPECT_FALSE(HashFromBase64(base64::Encode("short")).has_value());
  // Strict decoding: bytes outside the alphabet, missing padding, non-zero pad bits.
  EXPECT_FALSE(base64::Decode("ti\x9e\xce\xd0\xcd\xcc\xcb\xd1\x8f/7").has_value());
  EXPECT_FALSE(base64::Decode("YQ").has_value());
  EXPECT_FALSE(base64::Decode("YR==").has_value());
  EXPECT_EQ(base64::Decode("YQ==").value(), "a");
  EXPECT_EQ(base64::Decode("").value(), "");
}

}  // namespace
}  // namespace rutile::ledger
