// Test fixture for the simplified manual: a temporary SQLite database with the identity,
// notifications and standards migrations, the starter library seeded, a FakeClock.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/standards/manual_service.h"
#include "rutile/standards/standards_migrations.h"
#include "rutile/store/migrations.h"

namespace rutile::standards {

class ManualFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("manual_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(store::OpenDatabase("sqlite:" + (dir_ / "m.db").string()).value());
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
    std::filesystem::remove_all(dir_);
  }

  FakeClock clock_{FromUnixSeconds(1795000000)};  // 2026-11-18
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<StandardsService> standards_;
  std::unique_ptr<ManualService> manuals_;
};

}  // namespace rutile::standards
