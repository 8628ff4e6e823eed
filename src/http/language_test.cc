#include "rutile/http/language.h"

#include <gtest/gtest.h>

namespace rutile::http {
namespace {

TEST(Language, SupportedLanguageTakesThePrimarySubtag) {
  EXPECT_EQ(SupportedLanguage("zh-CN"), "zh");
  EXPECT_EQ(SupportedLanguage("PT_br"), "pt");
  EXPECT_EQ(SupportedLanguage(" ar "), "ar");
  EXPECT_EQ(SupportedLanguage("de"), std::nullopt);
  EXPECT_EQ(SupportedLanguage(""), std::nullopt);
}

TEST(Language, AcceptedLanguageFollowsTheHeaderAndSkipsRefusals) {
  EXPECT_EQ(AcceptedLanguage("de-DE, ar-EG;q=0.8, en;q=0.5"), "ar");
  EXPECT_EQ(AcceptedLanguage("fr;q=0, es;q=0.3"), "es");
  EXPECT_EQ(AcceptedLanguage("fr;q=0.000,zh"), "zh");
  EXPECT_EQ(AcceptedLanguage("zh-CN, en;q=0.5"), "zh");
  EXPECT_EQ(AcceptedLanguage("de, it"), std::nullopt);
  EXPECT_EQ(AcceptedLanguage(""), std::nullopt);
}

TEST(Language, ReaderLanguageIsTheQueryElseAcceptLanguageElseEnglish) {
  Request r;
  EXPECT_EQ(*ReaderLanguage(r), "en");
  r.headers["accept-language"] = "de, pt-BR";
  EXPECT_EQ(*ReaderLanguage(r), "pt");
  r.query.emplace("lang", "zh");
  EXPECT_EQ(*ReaderLanguage(r), "zh");
  Request unknown;
  unknown.query.emplace("lang", "xx");
  auto refused = ReaderLanguage(unknown);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().fields().at(0).field, "lang");
  EXPECT_EQ(refused.error().fields().at(0).code, "field.unknown_value");
}

}  // namespace
}  // namespace rutile::http
