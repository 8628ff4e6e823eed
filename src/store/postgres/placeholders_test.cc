#include "postgres/placeholders.h"

#include <gtest/gtest.h>

namespace rutile::store {
namespace {

TEST(RewritePlaceholdersTest, NumbersEachPlaceholder) {
  auto r = RewritePlaceholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)");
  EXPECT_EQ(r.sql, "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(r.parameter_count, 3);
}

TEST(RewritePlaceholdersTest, LeavesQuotedTextAndCommentsAlone) {
  EXPECT_EQ(RewritePlaceholders("SELECT '?', 'it''s ?', ? -- why?\n, ?").sql,
            "SELECT '?', 'it''s ?', $1 -- why?\n, $2");
  EXPECT_EQ(RewritePlaceholders("SELECT \"odd?name\" FROM t WHERE x = ?").sql,
            "SELECT \"odd?name\" FROM t WHERE x = $1");
  EXPECT_EQ(RewritePlaceholders("SELECT /* ? */ ?").sql, "SELECT /* ? */ $1");
  EXPECT_EQ(RewritePlaceholders("SELECT E'\\'?', ?").sql, "SELECT E'\\'?', $1");
  EXPECT_EQ(RewritePlaceholders("SELECT $$ a ? $$, $x$ ? $x$, ?").sql,
            "SELECT $$ a ? $$, $x$ ? $x$, $1");
}

TEST(RewritePlaceholdersTest, NoPlaceholders) {
  auto r = RewritePlaceholders("SELECT 1");
  EXPECT_EQ(r.sql, "SELECT 1");
  EXPECT_EQ(r.parameter_count, 0);
  EXPECT_EQ(RewritePlaceholders("SELECT 'unterminated ?").sql, "SELECT 'unterminated ?");
}

}  // namespace
}  // namespace rutile::store
