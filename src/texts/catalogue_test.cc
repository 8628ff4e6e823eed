#include "rutile/texts/catalogue.h"

#include <gtest/gtest.h>

#include <set>

namespace rutile::texts {
namespace {

TEST(CatalogueTest, FlattensEachDocumentUnderItsNamespace) {
  const Document docs[] = {{"kit", R"({"blacklist": {"hf": {"name": "HF pickles"}}})"},
                           {"kb", R"({"preset": {"seawater": "Seawater"}})"}};
  auto c = Catalogue::Parse("en", docs);
  ASSERT_TRUE(c.has_value()) << c.error().message();
  EXPECT_EQ(c->lang(), "en");
  EXPECT_EQ(c->Get("kit:blacklist.hf.name"), "HF pickles");
  EXPECT_EQ(c->Get("kb:preset.seawater"), "Seawater");
  EXPECT_FALSE(c->Has("kb:preset"));
  EXPECT_FALSE(c->Has("preset.seawater"));
}

TEST(CatalogueTest, ReplacesEveryPlaceholderAndKeepsUnknownOnes) {
  const Document docs[] = {{"ui", R"({"a": "go to {{n}}, then {{n}} ({{m}}) {{other}}"})"}};
  auto c = Catalogue::Parse("en", docs);
  ASSERT_TRUE(c.has_value());
  // A value that itself contains the placeholder is not replaced again.
  EXPECT_EQ(c->Get("ui:a", {{"n", "{{n}}x"}, {"m", "7"}}),
            "go to {{n}}x, then {{n}}x (7) {{other}}");
}

TEST(CatalogueTest, MissingKeyGivesTheKeyOrTheFallback) {
  auto c = Catalogue::Parse("en", {});
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->Get("ui:nothing"), "ui:nothing");
  EXPECT_EQ(c->GetOr("ui:nothing", "free text"), "free text");
}

TEST(CatalogueTest, ADocumentThatIsNotAnObjectIsRejectedByName) {
  const Document docs[] = {{"ui", "[1, 2]"}};
  auto c = Catalogue::Parse("zh", docs);
  ASSERT_FALSE(c.has_value());
  ASSERT_EQ(c.error().fields().size(), 1u);
  EXPECT_EQ(c.error().fields()[0].field, "zh/ui.json");
}

TEST(CatalogueTest, EveryLanguageIsEmbeddedWithEveryNamespace) {
  std::set<std::string_view> english;
  for (const Document& d : EmbeddedDocuments("en")) english.insert(d.name);
  EXPECT_EQ(english.size(), 9u);
  for (std::string_view lang : kLanguages) {
    std::set<std::string_view> names;
    for (const Document& d : EmbeddedDocuments(lang)) names.insert(d.name);
    EXPECT_EQ(names, english) << lang;
    const Catalogue& c = Catalogue::ForLanguage(lang);
    EXPECT_EQ(c.lang(), lang);
    EXPECT_TRUE(c.Has("kb:preset.seawater")) << lang;
    EXPECT_TRUE(c.Has("equipment:digest.subject")) << lang;
  }
  EXPECT_TRUE(EmbeddedDocuments("de").empty());
}

TEST(CatalogueTest, LanguagesOutsideThePlatformReadEnglish) {
  EXPECT_EQ(Catalogue::ForLanguage("de").lang(), "en");
  EXPECT_EQ(Catalogue::ForLanguage("").lang(), "en");
  EXPECT_NE(Catalogue::ForLanguage("zh").Get("kb:preset.seawater"),
            Catalogue::ForLanguage("en").Get("kb:preset.seawater"));
  EXPECT_TRUE(IsLanguage("ar"));
  EXPECT_FALSE(IsLanguage("de"));
}

}  // namespace
}  // namespace rutile::texts
