#include "rutile/core/utf8.h"

#include <gtest/gtest.h>

namespace rutile::utf8 {
namespace {

TEST(Utf8, DecodesEachLength) {
  const std::string text = "a\xC3\xA9\xE9\x93\xAC\xF0\x9F\x94\xA5";  // a é 铬 🔥
  EXPECT_EQ(Decode(text), (std::u32string{U'a', U'é', U'铬', U'\U0001F525'}));
  EXPECT_EQ(Encode(Decode(text)), text);
  EXPECT_EQ(CountCodePoints(text), 4u);
  EXPECT_TRUE(IsValid(text));
}

TEST(Utf8, RejectsWhatRfc3629Forbids) {
  for (std::string_view bad : {
           std::string_view("\xC0\xAF"),              // overlong '/'
           std::string_view("\xE0\x80\xAF"),          // overlong, three bytes
           std::string_view("\xED\xA0\x80"),          // surrogate U+D800
           std::string_view("\xF4\x90\x80\x80"),      // above U+10FFFF
           std::string_view("\xF8\x88\x80\x80\x80"),  // five-byte form
           std::string_view("\x80"),                  // lone continuation byte
           std::string_view("\xE9\x93"),              // truncated
           std::string_view("\xC3\x28"),              // continuation byte missing
       }) {
    EXPECT_FALSE(IsValid(bad)) << testing::PrintToString(std::string(bad));
  }
  EXPECT_FALSE(DecodeAt("\xC0\xAF", 0).has_value());
}

TEST(Utf8, SanitizeReplacesEachBadByteAndKeepsGoodText) {
  EXPECT_EQ(Sanitize("ok \xC3\xA9"), "ok \xC3\xA9");
  EXPECT_EQ(Sanitize("a\xFF"
                     "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(CountCodePoints("a\xFF"
                            "b"),
            3u);
}

TEST(Utf8, AppendReplacesNonScalarValues) {
  std::string out;
  Append(out, 0xD800);
  Append(out, 0x110000);
  EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8Test, LenientDecodingAlwaysMovesOnAndBackwardsFindsTheSequenceStart) {
  const std::string text = "a\xC3\xA9\xE9\x92\x9B\x80z";  // a, é, 钛, stray byte, z
  EXPECT_EQ(DecodeLenient(text, 0).value, U'a');
  EXPECT_EQ(DecodeLenient(text, 1).value, U'é');
  EXPECT_EQ(DecodeLenient(text, 1).length, 2u);
  EXPECT_EQ(DecodeLenient(text, 3).value, U'钛');
  EXPECT_EQ(DecodeLenient(text, 6).value, 0xFFFDu);
  EXPECT_EQ(DecodeLenient(text, 6).length, 1u);
  EXPECT_EQ(DecodeBefore(text, 3).value, U'é');
  EXPECT_EQ(DecodeBefore(text, 6).value, U'钛');
  EXPECT_EQ(DecodeBefore(text, 7).value, 0xFFFDu);
  EXPECT_EQ(DecodeBefore(text, 8).value, U'z');
  EXPECT_EQ(DecodeBefore(text, 1).value, U'a');
}

}  // namespace
}  // namespace rutile::utf8
