// Test fixture for the simplified manual: a throw-away SQLite database with the identity,
// notifications and standards migrations, the starter library seeded, a FakeClock.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/standards/manual_service.h"
#include "rutile/standards/standards_migrations.h"
#include "rutile/store/migrations.h"
#include "test_databases.h"

namespace rutile::standards {

class ManualFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(store::OpenDatabase(database_.url()).value());
    auto migrations = identity::IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    for (auto& m : StandardsMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    standards_ = std::make_unique<StandardsService>(*db_, clock_, engine::wire::DefaultKnowledge());
    ASSERT_TRUE(standards_->SeedStarterLibrary().has_value());
    manuals_ = std::make_unique<ManualService>(*standards_, clock_);
  }
  void TearDown() override {
    manuals_.reset();
    standards_.reset();
    db_.reset();
  }

  FakeClock clock_{FromUnixSeconds(1795000000)};  // 2026-11-18
  store::testing::TestDatabase database_{"sqlite"};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<StandardsService> standards_;
  std::unique_ptr<ManualService> manuals_;
};

}  // namespace rutile::standards
