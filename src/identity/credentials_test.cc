#include "rutile/identity/credentials.h"

#include <gtest/gtest.h>

#include <set>

namespace rutile::identity {
namespace {

TEST(CredentialsTest, PasswordHashVerifies) {
  auto hash = HashPassword("correct horse battery", PasswordCost::kMinimal);
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *hash));
  EXPECT_FALSE(VerifyPassword("", *hash));
  EXPECT_FALSE(VerifyPassword("x", "not a hash"));
}

TEST(CredentialsTest, TokensAreRandomAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string t = NewSessionToken();
    EXPECT_EQ(t.size(), 43u);  // 32 bytes in unpadded base64
    EXPECT_EQ(
        t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(CredentialsTest, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(TokenDigest("abc"), Sha256Hex("abc"));
}

}  // namespace
}  // namespace rutile::identity
