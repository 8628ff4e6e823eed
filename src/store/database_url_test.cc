#include "database_url.h"

#include <gtest/gtest.h>

namespace rutile::store {
namespace {

TEST(DatabaseUrlTest, SqliteForms) {
  auto file = ParseDatabaseUrl("sqlite:/var/lib/rutile/rutile.db");
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->dialect, Dialect::kSqlite);
  EXPECT_FALSE(file->in_memory);
  EXPECT_EQ(file->sqlite_path, "/var/lib/rutile/rutile.db");

  auto relative = ParseDatabaseUrl("sqlite:data/rutile.db");
  ASSERT_TRUE(relative.has_value());
  EXPECT_EQ(relative->sqlite_path, "data/rutile.db");

  auto triple_slash = ParseDatabaseUrl("sqlite:///tmp/x.db");
  ASSERT_TRUE(triple_slash.has_value());
  EXPECT_EQ(triple_slash->sqlite_path, "/tmp/x.db");

  auto memory = ParseDatabaseUrl("sqlite::memory:");
  ASSERT_TRUE(memory.has_value());
  EXPECT_TRUE(memory->in_memory);
}

TEST(DatabaseUrlTest, PostgresForms) {
  for (std::string_view url : {"postgresql://u@127.0.0.1:5432/db", "postgres://h/db"}) {
    auto parsed = ParseDatabaseUrl(url);
    ASSERT_TRUE(parsed.has_value()) << url;
    EXPECT_EQ(parsed->dialect, Dialect::kPostgres);
    EXPECT_EQ(parsed->conninfo, url);
  }
}

TEST(DatabaseUrlTest, OtherFormsAreRejectedWithoutEchoingTheUrl) {
  for (std::string_view url : {"", "mysql://root:secret@h/db", "sqlite:", "file.db", "pg://x"}) {
    auto parsed = ParseDatabaseUrl(url);
    ASSERT_FALSE(parsed.has_value()) << url;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(parsed.error().message().find("sqlite:PATH"), std::string::npos);
    EXPECT_NE(parsed.error().message().find("postgresql://"), std::string::npos);
    EXPECT_EQ(parsed.error().message().find("secret"), std::string::npos);
  }
}

TEST(DatabaseUrlTest, RedactsPasswords) {
  EXPECT_EQ(RedactPostgresUrl("postgresql://app:s3cret@db.local:5432/rutile"),
            "postgresql://app:***@db.local:5432/rutile");
  EXPECT_EQ(RedactPostgresUrl("postgresql://app@db/rutile?password=s3cret&sslmode=require"),
            "postgresql://app@db/rutile?password=***&sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgres://db/rutile"), "postgres://db/rutile");
  EXPECT_EQ(RedactPostgresUrl("postgresql://app:p%40ss@db/x"), "postgresql://app:***@db/x");
}

}  // namespace
}  // namespace rutile::store
