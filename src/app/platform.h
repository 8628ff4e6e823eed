// Platform: the composition root. Opens the database named by a URL, applies every module's
// migrations, and owns the services and the router built on them. Only src/app names concrete
// adapters. Not copyable; services are thread-safe once built.
#pragma once

#include <memory>
#include <string>

#include "rutile/cases/application_service.h"
#include "rutile/cases/atlas_service.h"
#include "rutile/cases/attachment_service.h"
#include "rutile/cases/bulletin_service.h"
#include "rutile/cases/case_service.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/equipment/dashboard.h"
#include "rutile/equipment/equipment_service.h"
#include "rutile/equipment/export.h"
#include "rutile/equipment/label.h"
#include "rutile/equipment/maintenance_service.h"
#include "rutile/http/router.h"
#include "rutile/identity/identity_service.h"
#include "rutile/ledger/ledger_service.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/standards/annex.h"
#include "rutile/standards/manual_service.h"
#include "rutile/standards/self_inspection.h"
#include "rutile/standards/standards_service.h"
#include "rutile/standards/version_notice.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::app {

struct PlatformOptions {
  std::string database_url = "sqlite:var/rutile.db";
  std::string data_dir = "var";
  int pool_size = 0;  // 0: the adapter's default
  identity::PasswordCost password_cost = identity::PasswordCost::kInteractive;
  std::string ledger_origin = ledger::kDefaultOrigin;
  std::string public_base_url = "http://localhost:8080";  // QR labels link <base>/equipment/<id>
  int min_cell_size = 5;  // aggregate views: counts under this are suppressed
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
  standards::ReleaseNotices& release_notices() { return *release_notices_; }
  equipment::EquipmentService& equipment() { return *equipment_; }
  equipment::MaintenanceService& maintenance() { return *maintenance_; }
  cases::BulletinService& bulletins() { return *bulletins_; }
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
  std::unique_ptr<standards::ManualService> manuals_;
  std::unique_ptr<standards::AnnexService> annexes_;
  std::unique_ptr<standards::SelfInspectionService> self_inspections_;
  std::unique_ptr<standards::ReleaseNotices> release_notices_;
  std::unique_ptr<equipment::EquipmentService> equipment_;
  std::unique_ptr<equipment::MaintenanceService> maintenance_;
  std::unique_ptr<equipment::DashboardService> equipment_views_;
  std::unique_ptr<equipment::ExportService> equipment_exports_;
  std::unique_ptr<equipment::LabelService> equipment_labels_;
  std::unique_ptr<cases::CaseService> cases_;
  std::unique_ptr<cases::CaseApplicationService> case_applications_;
  std::unique_ptr<cases::CaseAttachmentService> case_attachments_;
  std::unique_ptr<cases::CaseAtlasService> case_atlas_;
  std::unique_ptr<cases::BulletinService> bulletins_;
  std::vector<int> applied_;
};

// The OpenAPI 3.1 document of every route (api/openapi.json, embedded).
std::string_view OpenApiDocument();

// All migrations of all modules, in version order.
std::vector<store::Migration> AllMigrations();

}  // namespace rutile::app
