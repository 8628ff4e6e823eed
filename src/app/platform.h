// Platform: the composition root. Opens the database named by a URL, applies every module's
// migrations, and owns the services and the router built on them. Only src/app names concrete
// adapters. Not copyable; services are thread-safe once built.
#pragma once

#include <memory>
#include <string>

#include "rutile/cases/case_service.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/equipment/equipment_service.h"
#include "rutile/http/router.h"
#include "rutile/identity/identity_service.h"
#include "rutile/ledger/ledger_service.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/standards/standards_service.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::app {

struct PlatformOptions {
  std::string database_url = "sqlite:var/rutile.db";
  std::string data_dir = "var";
  int pool_size = 0;  // 0: the adapter's default
  identity::PasswordCost password_cost = identity::PasswordCost::kInteractive;
  std::string ledger_origin = ledger::kDefaultOrigin;
};

class Platform {
 public:
  static Result<std::unique_ptr<Platform>> Open(const PlatformOptions& options);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  store::Database& database() { return *db_; }
  identity::IdentityService& identity() { return *identity_; }
  ledger::LedgerService& ledger() { return *ledger_; }
  notifications::NotificationService& notifications() { return *notifications_; }
  standards::StandardsService& standards() { return *standards_; }
  equipment::EquipmentService& equipment() { return *equipment_; }
  cases::CaseService& cases() { return *cases_; }
  const Clock& clock() const { return clock_; }
  const std::vector<int>& applied_migrations() const { return applied_; }

  // Every API route of every module.
  http::Router BuildRouter();
  // Prometheus text for the database pool and the ledger.
  std::string MetricsText() const;

 private:
  Platform() = default;

  SystemClock clock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<ledger::LedgerService> ledger_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<notifications::NotificationService> notifications_;
  std::unique_ptr<standards::StandardsService> standards_;
  std::unique_ptr<equipment::EquipmentService> equipment_;
  std::unique_ptr<cases::CaseService> cases_;
  std::vector<int> applied_;
};

// The OpenAPI 3.1 document of every route (api/openapi.json, embedded).
std::string_view OpenApiDocument();

// All migrations of all modules, in version order.
std::vector<store::Migration> AllMigrations();

}  // namespace rutile::app
