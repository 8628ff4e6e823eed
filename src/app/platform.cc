#include "platform.h"

#include <algorithm>
#include <filesystem>

#include "case_routes.h"
#include "equipment_routes.h"
#include "identity_routes.h"
#include "ledger_routes.h"
#include "notification_routes.h"
#include "quick_query_routes.h"
#include "rutile/engine/wire/engine_wire.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/ledger/ledger_store.h"
#include "rutile/standards/standards_migrations.h"
#include "rutile/store/migrations.h"
#include "standards_routes.h"

namespace rutile::app {

std::vector<store::Migration> AllMigrations() {
  std::vector<store::Migration> all;
  for (auto module : {identity::IdentityMigrations(), notifications::NotificationMigrations(),
                      ledger::LedgerMigrations(), standards::StandardsMigrations(),
                      cases::CaseMigrations(), equipment::EquipmentMigrations()})
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
  p->identity_ = std::make_unique<identity::IdentityService>(
      *p->db_, p->clock_, identity::RegionCatalog::Default(), identity_options,
      GovernanceToLedger(*p->ledger_));
  p->notifications_ = std::make_unique<notifications::NotificationService>(*p->db_, p->clock_);
  const engine::KnowledgeBase& kb = engine::wire::DefaultKnowledge();
  p->standards_ = std::make_unique<standards::StandardsService>(*p->db_, p->clock_, kb,
                                                                GovernanceToLedger(*p->ledger_));
  RUTILE_TRY(p->standards_->SeedStarterLibrary());
  p->equipment_ = std::make_unique<equipment::EquipmentService>(*p->db_, p->clock_, kb);
  p->cases_ =
      std::make_unique<cases::CaseService>(*p->db_, p->clock_, GovernanceToLedger(*p->ledger_));
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
  equipment::RegisterEquipmentRoutes(router, *equipment_);
  cases::RegisterCaseRoutes(router, *cases_);
  cases::RegisterCaseReviewRoutes(router, *cases_);
  quickquery::RegisterQuickQueryRoutes(router);
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
