#include "rutile/core/base64.h"

#include <gtest/gtest.h>

namespace rutile::base64 {
namespace {

TEST(Base64, Rfc4648Vectors) {
  const std::pair<std::string_view, std::string_view> vectors[] = {{"", ""},
                                                                   {"f", "Zg=="},
                                                                   {"fo", "Zm8="},
                                                                   {"foo", "Zm9v"},
                                                                   {"foob", "Zm9vYg=="},
                                                                   {"fooba", "Zm9vYmE="},
                                                                   {"foobar", "Zm9vYmFy"}};
  for (auto [plain, encoded] : vectors) {
    EXPECT_EQ(Encode(plain), encoded);
    auto decoded = Decode(encoded);
    ASSERT_TRUE(decoded.has_value()) << encoded;
    EXPECT_EQ(*decoded, plain);
  }
}

TEST(Base64, BinaryRoundTrip) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  EXPECT_EQ(*Decode(Encode(bytes)), bytes);
}

TEST(Base64, RejectsNonCanonicalAndForeignText) {
  for (std::string_view bad :
       {"Zg", "Zh==", "Zm9=", "Zm=v", "Z===", "Zm9v!A==", "Zm9v-_8=", "Zg==Zg==", "Zm9v Yg=="}) {
    auto r = Decode(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  }
}

TEST(Base64, SkipsWhitespaceOnlyWhenAsked) {
  EXPECT_FALSE(Decode("Zm9v\r\nYmFy").has_value());
  EXPECT_EQ(*Decode("Zm9v\r\nYmFy", Whitespace::kSkip), "foobar");
  EXPECT_EQ(*Decode(" Zm9v YmE= ", Whitespace::kSkip), "fooba");
}

}  // namespace
}  // namespace rutile::base64
