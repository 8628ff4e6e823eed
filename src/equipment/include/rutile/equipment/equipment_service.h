// EquipmentService: the equipment archive (items with their engine risk grade and grade
// history), readings with operating windows and alerts, and the API 510/570 thickness analysis.
// Every read and write is checked with access::Authorize. Holds references to the database,
// clock and knowledge base, which must outlive it; thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/engine/knowledge_base.h"
#include "rutile/equipment/device.h"
#include "rutile/equipment/model.h"
#include "rutile/equipment/quality_rules.h"
#include "rutile/equipment/readings_csv.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::equipment {

// Schema (versions 600-699). Needs the identity tables (organizations, users).
std::vector<store::Migration> EquipmentMigrations();

// What a device's batch did: duplicate is true (and result empty) when the device had already
// sent a batch with the same batch id.
struct DeviceIngestResult {
  std::int64_t item_id = 0;
  std::int64_t device_id = 0;
  bool duplicate = false;
  IngestResult result;
};

class EquipmentService {
 public:
  EquipmentService(store::Database& db, const Clock& clock, const engine::KnowledgeBase& kb,
                   QualityRules rules = QualityRules::Default());

  // The caller must belong to org_id. Computes the grade and the default windows.
  Result<Item> Create(const access::Principal& caller, std::int64_t org_id, const ItemInput& input);
  Result<Item> Get(const access::Principal& caller, std::int64_t item_id);
  // Items of every organization the caller belongs to, newest first.
  Result<std::vector<Item>> List(const access::Principal& caller);
  // Recomputes the grade (and engine-origin windows) when a grade input changed.
  Result<Item> Update(const access::Principal& caller, std::int64_t item_id,
                      const ItemPatch& patch);
  Result<std::vector<GradeChange>> GradeHistory(const access::Principal& caller,
                                                std::int64_t item_id);

  // One transaction: every reading is stored, or none (errors name "readings[i].field").
  Result<IngestResult> IngestReadings(const access::Principal& caller, std::int64_t item_id,
                                      const std::vector<ReadingInput>& batch,
                                      std::string_view source = "api");
  // CSV with the header "type,value,unit,measured_at"; errors name "rows[n].field" with n the
  // 1-based line number. A bad file changes nothing.
  Result<IngestResult> ImportReadingsCsv(const access::Principal& caller, std::int64_t item_id,
                                         std::string_view csv);
  // The first worksheet of an .xlsx workbook, same columns and errors as the CSV import.
  Result<IngestResult> ImportReadingsXlsx(const access::Principal& caller, std::int64_t item_id,
                                          std::string_view xlsx);
  // At most this many file imports (CSV or XLSX) run at once; another one meanwhile gets
  // ResourceExhausted (429) at once instead of waiting, so uploads cannot pile up in memory.
  static constexpr int kMaxConcurrentImports = 2;

  // Device credentials for MQTT ingestion; each needs write access to the item.
  Result<NewDevice> CreateDevice(const access::Principal& caller, std::int64_t item_id,
                                 std::string_view name);
  Result<std::vector<Device>> ListDevices(const access::Principal& caller, std::int64_t item_id);
  Result<Device> RevokeDevice(const access::Principal& caller, std::int64_t item_id,
                              std::int64_t device_id);
  // Readings sent by a device: the key must be active and issued by org_id (else
  // Unauthenticated). The device acts as a member of that organization. A non-empty batch_id
  // (at most 64 bytes) is remembered per device, so a resent batch stores nothing twice.
  Result<DeviceIngestResult> IngestFromDevice(std::int64_t org_id, std::string_view device_key,
                                              const std::vector<ReadingInput>& batch,
                                              std::string_view batch_id = "");

  // Newest first; type "" lists every type.
  Result<std::vector<Reading>> ListReadings(const access::Principal& caller, std::int64_t item_id,
                                            std::string_view type, int limit = 500);

  Result<ThicknessAnalysis> AnalyzeThickness(const access::Principal& caller, std::int64_t item_id);

  Result<std::vector<Window>> ListWindows(const access::Principal& caller, std::int64_t item_id);
  // Replaces the windows named in `windows` (origin becomes "user"); others keep their values.
  Result<std::vector<Window>> PutWindows(const access::Principal& caller, std::int64_t item_id,
                                         const std::vector<Window>& windows);

  // status "" lists every alert; otherwise "open", "acknowledged" or "resolved".
  Result<std::vector<Alert>> ListAlerts(const access::Principal& caller, std::int64_t item_id,
                                        std::string_view status = "");
  Result<Alert> AcknowledgeAlert(const access::Principal& caller, std::int64_t item_id,
                                 std::int64_t alert_id);
  Result<Alert> ResolveAlert(const access::Principal& caller, std::int64_t item_id,
                             std::int64_t alert_id);

 private:
  Result<IngestResult> ImportDecoded(const access::Principal& caller, std::int64_t item_id,
                                     CsvDecoded decoded, std::string_view source,
                                     std::string_view what);

  store::Database& db_;
  const Clock& clock_;
  const engine::KnowledgeBase& kb_;
  QualityRules rules_;
  std::atomic<int> imports_running_{0};
};

}  // namespace rutile::equipment
