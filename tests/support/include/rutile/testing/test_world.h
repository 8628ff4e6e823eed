// One test world for module tests: a throw-away database (SQLite, or a private PostgreSQL schema
// when RUTILE_TEST_POSTGRES_URL is set) with identity's migrations and the module's own applied,
// a FakeClock, an IdentityService with the minimal password cost and the default regions, and
// helpers that create organizations and users in roles.
//
//   world_ = std::make_unique<rutile::testing::TestWorld>(GetParam(), FromUnixSeconds(...));
//   if (!world_->available()) GTEST_SKIP() << "no PostgreSQL server configured";
//   ASSERT_TRUE(world_->Open(cases::CaseMigrations()));
//   auto admin = world_->User("a@example.test", "Admin", world_->Org("Plant"), OrgRole::kAdmin);
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/identity/identity_service.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"
#include "test_databases.h"

namespace rutile::testing {

class TestWorld {
 public:
  // kind: "sqlite" or "postgres"; start: the FakeClock's first reading.
  TestWorld(const std::string& kind, TimePoint start);
  ~TestWorld();
  TestWorld(const TestWorld&) = delete;
  TestWorld& operator=(const TestWorld&) = delete;

  // False for "postgres" when no server is configured; the caller skips the test.
  bool available() const { return test_db_.available(); }

  // Opens the database and applies identity's migrations followed by `migrations`.
  ::testing::AssertionResult Open(std::vector<store::Migration> migrations = {});

  store::Database& db() { return *db_; }
  FakeClock& clock() { return clock_; }
  identity::IdentityService& identity() { return *identity_; }

  // An end-user plant, of 80 people and 10 million revenue unless told otherwise (std::nullopt
  // leaves the figure unset). Returns the organization's id.
  std::int64_t Org(const std::string& name, const std::string& region = "cn-east",
                   const std::string& industry = "electroplating",
                   std::optional<std::int64_t> headcount = 80,
                   std::optional<double> annual_revenue = 1e7);
  std::int64_t Org(const identity::NewOrganization& organization);

  // A user with one membership (`org`, `role`) and the platform roles, as the principal a
  // signed-in request would carry.
  access::Principal User(const std::string& email, const std::string& name, std::int64_t org,
                         access::OrgRole role, std::vector<access::PlatformRole> roles = {});

  // Creates an English-speaking user and signs in: the principal identity builds from the
  // session token, as the routes see it.
  access::Principal SignIn(const std::string& email, const std::string& name, std::int64_t org,
                           access::OrgRole role, std::vector<access::PlatformRole> roles = {});

 private:
  store::testing::TestDatabase test_db_;
  FakeClock clock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
};

// Concatenates migration lists in order: Migrations(NotificationMigrations(), CaseMigrations()).
template <typename... Lists>
std::vector<store::Migration> Migrations(Lists... lists) {
  std::vector<store::Migration> all;
  (all.insert(all.end(), lists.begin(), lists.end()), ...);
  return all;
}

}  // namespace rutile::testing
