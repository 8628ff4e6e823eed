#include "rutile/core/markup.h"

#include <gtest/gtest.h>

namespace rutile::markup {
namespace {

TEST(MarkupTest, EscapesTheFiveCharactersAndDropsForbiddenControls) {
  EXPECT_EQ(Escape("a<b>&\"c'\x01\td\r\n"), "a&lt;b&gt;&amp;&quot;c&#39;\td\r\n");
  EXPECT_EQ(Escape("钛 – Ti"), "钛 – Ti");
  EXPECT_EQ(Escape(""), "");
}

TEST(MarkupTest, AppendsToWhatIsThere) {
  std::string out = "<p>";
  AppendEscaped(out, "x & y");
  EXPECT_EQ(out, "<p>x &amp; y");
}

}  // namespace
}  // namespace rutile::markup
