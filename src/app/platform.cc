#include "platform.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "annex_routes.h"
#include "application_routes.h"
#include "atlas_routes.h"
#include "bulletin_routes.h"
#include "case_routes.h"
#include "equipment_ports.h"
#include "equipment_routes.h"
#include "identity_routes.h"
#include "ingest_routes.h"
#include "kit_routes.h"
#include "ledger_routes.h"
#include "maintenance_routes.h"
#include "manual_routes.h"
#include "notification_routes.h"
#include "quick_query_routes.h"
#include "rutile/engine/wire/engine_wire.h"
#include "rutile/equipment/device.h"
#include "rutile/equipment/rollups.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/ledger/ledger_store.h"
#include "rutile/standards/self_inspection_migrations.h"
#include "rutile/standards/self_inspection_report.h"
#include "rutile/standards/standards_migrations.h"
#include "rutile/store/migrations.h"
#include "self_inspection_routes.h"
#include "standards_routes.h"
#include "views_routes.h"

namespace rutile::app {

std::vector<store::Migration> AllMigrations() {
  std::vector<store::Migration> all;
  for (auto module : {identity::IdentityMigrations(), notifications::NotificationMigrations(),
                      ledger::LedgerMigrations(), standards::StandardsMigrations(),
                      standards::SelfInspectionMigrations(), cases::CaseMigrations(),
                      cases::CaseAccessMigrations(), cases::BulletinMigrations(),
                      equipment::EquipmentMigrations(), equipment::IngestMigrations(),
                      equipment::MaintenanceMigrations(), equipment::RollupMigrations()})
    all.insert(all.end(), module.begin(), module.end());
  std::sort(all.begin(), all.end(), [](const store::Migration& a, const store::Migration& b) {
    return a.version < b.version;
  });
  return all;
}

// Governance events from the modules become ledger entries: ids and the SHA-256 of the
// canonical content only.
identity::GovernanceSink GovernanceToLedger(ledger::LedgerService& ledger) {
  return identity::GovernanceSink{[&ledger] { return ledger.WriteStatus(); },
                                  [&ledger](const identity::GovernanceEvent& e) -> Status {
                                    ledger::EntryInput input{e.record_type, e.record_id,
                                                             ledger::Sha256(e.canonical_content),
                                                             e.org_id, e.region};
                                    RUTILE_TRY(ledger.Append(std::move(input)));
                                    return Ok();
                                  }};
}

Result<std::unique_ptr<Platform>> Platform::Open(const PlatformOptions& options) {
  std::unique_ptr<Platform> p(new Platform());
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec)
    return Unavailable("cannot create data directory " + options.data_dir + ": " + ec.message());
  RUTILE_ASSIGN_OR_RETURN(p->db_, store::OpenDatabase(options.database_url, options.pool_size));
  RUTILE_ASSIGN_OR_RETURN(p->applied_, store::ApplyMigrations(*p->db_, AllMigrations()));
  ledger::LedgerOptions ledger_options;
  ledger_options.data_dir = options.data_dir;
  ledger_options.origin = options.ledger_origin;
  RUTILE_ASSIGN_OR_RETURN(p->ledger_,
                          ledger::LedgerService::Open(*p->db_, p->clock_, ledger_options));
  identity::IdentityOptions identity_options;
  identity_options.password_cost = options.password_cost;
  // Enough for a training room or a consortium behind one address; a script is stopped.
  identity_options.max_registrations_per_address = 30;
  p->identity_ = std::make_unique<identity::IdentityService>(
      *p->db_, p->clock_, identity::RegionCatalog::Default(), identity_options,
      GovernanceToLedger(*p->ledger_));
  p->notifications_ = std::make_unique<notifications::NotificationService>(*p->db_, p->clock_);
  const engine::KnowledgeBase& kb = engine::wire::DefaultKnowledge();
  p->standards_ = std::make_unique<standards::StandardsService>(*p->db_, p->clock_, kb,
                                                                GovernanceToLedger(*p->ledger_));
  RUTILE_TRY(p->standards_->SeedStarterLibrary());
  p->manuals_ = std::make_unique<standards::ManualService>(*p->standards_, p->clock_);
  p->annexes_ = std::make_unique<standards::AnnexService>(*p->db_, p->clock_, *p->standards_,
                                                          identity::RegionCatalog::Default(), kb,
                                                          standards::AnnexRules{});
  p->self_inspections_ = std::make_unique<standards::SelfInspectionService>(
      *p->db_, p->clock_, *p->standards_, p->annexes_.get());
  p->release_notices_ = std::make_unique<standards::ReleaseNotices>(
      *p->db_, p->clock_, *p->standards_,
      StandardsEquipmentDirectory(identity::RegionCatalog::Default()));
  // Owners hear of a release at once; the periodic catch-up (serve) covers a failure here.
  p->standards_->OnRelease([notices = p->release_notices_.get()](const standards::Proposal& r) {
    if (auto sent = notices->NotifyRelease(r.id); !sent.has_value())
      spdlog::warn("release notices for proposal {}: {}", r.id, sent.error().message());
  });
  p->equipment_ = std::make_unique<equipment::EquipmentService>(*p->db_, p->clock_, kb);
  p->maintenance_ = std::make_unique<equipment::MaintenanceService>(*p->db_, p->clock_,
                                                                    *p->equipment_, *p->standards_);
  equipment::ViewsOptions views_options;
  views_options.min_cell_size = options.min_cell_size;
  p->equipment_views_ = std::make_unique<equipment::DashboardService>(
      *p->db_, p->clock_, *p->equipment_, views_options);
  p->equipment_exports_ = std::make_unique<equipment::ExportService>(
      *p->db_, p->clock_, *p->equipment_, *p->equipment_views_);
  equipment::LabelOptions label_options;
  label_options.public_base_url = options.public_base_url;
  p->equipment_labels_ =
      std::make_unique<equipment::LabelService>(*p->db_, *p->equipment_, label_options);
  p->cases_ =
      std::make_unique<cases::CaseService>(*p->db_, p->clock_, GovernanceToLedger(*p->ledger_));
  p->case_applications_ = std::make_unique<cases::CaseApplicationService>(*p->db_, p->clock_);
  p->case_attachments_ = std::make_unique<cases::CaseAttachmentService>(*p->db_, p->clock_);
  p->case_atlas_ =
      std::make_unique<cases::CaseAtlasService>(*p->db_, cases::CaseOptions{options.min_cell_size});
  p->bulletins_ = std::make_unique<cases::BulletinService>(
      *p->db_, p->clock_, CasesEquipmentLister(), GovernanceToLedger(*p->ledger_));
  return p;
}

Platform::~Platform() = default;

std::string_view EmbeddedOpenApiJson();  // generated from api/openapi.json

std::string_view OpenApiDocument() { return EmbeddedOpenApiJson(); }

http::Router Platform::BuildRouter() {
  http::Router router;
  router.Get(
      "/api/v1/openapi.json",
      [](http::Request&) {
        http::Response res = http::Text(std::string(OpenApiDocument()), "application/json");
        res.SetHeader("Cache-Control", "public, max-age=300");
        return res;
      },
      http::Execution::kInline);
  identity::RegisterIdentityRoutes(router, *identity_);
  ledger::RegisterLedgerRoutes(router, *ledger_);
  notifications::RegisterNotificationRoutes(router, *notifications_);
  standards::RegisterStandardsRoutes(router, *standards_);
  standards::RegisterManualRoutes(router, *manuals_);
  standards::RegisterAnnexRoutes(router, *annexes_);
  standards::RegisterSelfInspectionRoutes(router, *self_inspections_,
                                          &standards::RenderSelfInspectionPdf);
  equipment::RegisterEquipmentRoutes(router, *equipment_);
  equipment::RegisterIngestRoutes(router, *equipment_);
  equipment::RegisterMaintenanceRoutes(router, *maintenance_);
  equipment::RegisterViewsRoutes(router, *equipment_views_, *equipment_exports_,
                                 *equipment_labels_);
  cases::RegisterCaseRoutes(router, *cases_);
  cases::RegisterCaseReviewRoutes(router, *cases_);
  cases::RegisterCaseApplicationRoutes(router, *case_applications_);
  cases::RegisterCaseAttachmentRoutes(router, *case_attachments_);
  cases::RegisterCaseAtlasRoutes(router, *case_atlas_);
  cases::RegisterBulletinRoutes(router, *bulletins_);
  quickquery::RegisterQuickQueryRoutes(router);
  kit::RegisterKitRoutes(router, kit::DefaultKit());
  return router;
}

namespace {

void AppendMetric(std::string& out, const std::string& name, const char* type, const char* help,
                  long long value) {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " +
         std::to_string(value) + "\n";
}

}  // namespace

std::string Platform::MetricsText() const {
  const store::PoolStats pool = db_->Stats();
  const ledger::LedgerService::Stats ledger = ledger_->stats();
  std::string out;
  AppendMetric(out, "rutile_db_pool_connections", "gauge", "Database connections in the pool.",
               pool.size);
  AppendMetric(out, "rutile_db_pool_in_use", "gauge", "Database connections currently lent out.",
               pool.in_use);
  AppendMetric(out, "rutile_db_pool_waits_total", "counter",
               "Acquisitions that waited for a free connection.", pool.waits);
  AppendMetric(out, "rutile_ledger_entries_total", "counter",
               "Entries this process appended to the ledger.", ledger.entries);
  AppendMetric(out, "rutile_ledger_batches_total", "counter",
               "Group commits (one transaction and checkpoint each).", ledger.batches);
  AppendMetric(out, "rutile_ledger_writable", "gauge", "1 while the ledger accepts appends.",
               ledger_->WriteStatus().has_value() ? 1 : 0);
  return out;
}

}  // namespace rutile::app
