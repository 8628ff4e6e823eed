#include "rutile/standards/search_terms.h"

#include <gtest/gtest.h>

namespace rutile::standards {
namespace {

using V = std::vector<std::string>;

TEST(SearchTermsTest, LatinWordsLowerCased) {
  EXPECT_EQ(SearchTerms("Crevice-free Mounting, crevice"), (V{"crevice", "free", "mounting"}));
  EXPECT_EQ(SearchTerms("RT-3.2"), (V{"rt", "3", "2"}));
  EXPECT_EQ(SearchTerms("Électrique ÉTÉ"), (V{"électrique", "été"}));
}

TEST(SearchTermsTest, ChineseBigrams) {
  EXPECT_EQ(SearchTerms("缝隙腐蚀"), (V{"缝隙", "隙腐", "腐蚀"}));
  EXPECT_EQ(SearchTerms("钛"), (V{"钛"}));
  EXPECT_EQ(SearchTerms("含氟，酸洗"), (V{"含氟", "酸洗"}));
}

TEST(SearchTermsTest, MixedScriptsAndBadBytes) {
  EXPECT_EQ(SearchTerms("PTFE包覆加热器"), (V{"ptfe", "包覆", "覆加", "加热", "热器"}));
  EXPECT_EQ(SearchTerms(std::string("ab\xff"
                                    "cd")),
            (V{"ab", "cd"}));
  EXPECT_TRUE(SearchTerms("  ,.;  ").empty());
}

}  // namespace
}  // namespace rutile::standards
