#include "rutile/cases/atom_feed.h"

#include <gtest/gtest.h>

namespace rutile::cases {
namespace {

TEST(AtomFeed, TimestampsAreRfc3339Utc) {
  EXPECT_EQ(Rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Rfc3339(1'750'000'000), "2025-06-15T15:06:40Z");
}

TEST(AtomFeed, FeedAndEntriesCarryTheRequiredElements) {
  Bulletin b;
  b.id = 12;
  b.state = BulletinState::kPublished;
  b.severity = BulletinSeverity::kWarning;
  b.texts = {{"en", "Pitting <in> nickel & chrome", "Three cases"}, {"zh", "镍槽点蚀", "三起案例"}};
  b.published_at = b.updated_at = 1'750'000'000;
  AtomFeedOptions o;
  o.self_url = "https://rutile.example/api/v1/bulletins/feed.atom?lang=zh&x=1";
  o.site_url = "https://rutile.example";
  const std::string feed = BulletinAtomFeed({b}, o, 1'800'000'000);
  for (const char* needle :
       {"<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        "<id>tag:rutile.example,2024:bulletins</id>", "<updated>2025-06-15T15:06:40Z</updated>",
        "<link rel=\"self\" type=\"application/atom+xml\" "
        "href=\"https://rutile.example/api/v1/bulletins/feed.atom?lang=zh&amp;x=1\"/>",
        "<author><name>", "<entry xml:lang=\"en\">", "<id>tag:rutile.example,2024:bulletin/12</id>",
        "<title>Pitting &lt;in&gt; nickel &amp; chrome</title>",
        "href=\"https://rutile.example/bulletins/12\"", "<category term=\"warning\"/>",
        "<summary type=\"text\">Three cases</summary>", "</feed>"})
    EXPECT_NE(feed.find(needle), std::string::npos) << needle << "\n" << feed;

  o.language = "zh";
  const std::string zh = BulletinAtomFeed({b}, o, 1'800'000'000);
  EXPECT_NE(zh.find("<entry xml:lang=\"zh\">"), std::string::npos);
  EXPECT_NE(zh.find("<title>镍槽点蚀</title>"), std::string::npos);
  // The entry id does not depend on the language or the host.
  EXPECT_NE(zh.find("<id>tag:rutile.example,2024:bulletin/12</id>"), std::string::npos);

  const std::string empty = BulletinAtomFeed({}, o, 1'800'000'000);
  EXPECT_NE(empty.find("<updated>2027-01-15T08:00:00Z</updated>"), std::string::npos) << empty;
  EXPECT_EQ(empty.find("<entry"), std::string::npos);
}

}  // namespace
}  // namespace rutile::cases
