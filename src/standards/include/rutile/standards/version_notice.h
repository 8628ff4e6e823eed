// ReleaseNotices: when a proposal is released as a new version, tells every organization whose
// registered equipment an added or amended clause applies to (one notification per
// organization, listing its affected items and clause numbers). The equipment register is
// reached through the EquipmentDirectory port so that standards does not depend on equipment.
// Holds references to the database, clock and standards service (all outliving it);
// thread-safe. Each release is notified once: a second call for it does nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/standards/standards_service.h"
#include "rutile/store/database.h"

namespace rutile::standards {

// One registered equipment item as the equipment module knows it.
struct RegisteredEquipment {
  std::int64_t org_id = 0;
  std::int64_t item_id = 0;
  std::string name;
  std::string type;         // equipment type: "immersion_heater", ...
  std::string material;     // engine material id: "Ti-Gr2"
  std::string bath_preset;  // engine preset id; may be empty
  std::vector<std::string> species;
  std::optional<double> temperature_c;
  int grade = 0;  // the item's current risk grade 1..4; 0 when unknown
  std::string industry;
  std::string region_category;  // "I", "II", "III"; may be empty
  std::string scale_class;      // may be empty
};

// Reads the register inside the caller's transaction.
using EquipmentDirectory =
    std::function<Result<std::vector<RegisteredEquipment>>(store::Connection&)>;

// The match profile for an item: the engine assesses material + bath + temperature when all
// three are known, otherwise the item's own grade is used (nullopt when neither is usable).
std::optional<MatchProfile> ProfileForEquipment(const RegisteredEquipment& item);

struct AffectedItem {
  std::int64_t item_id = 0;
  std::string name;
  std::vector<std::string> clause_numbers;  // changed clauses that apply to it
};

struct OrganizationNotice {
  std::int64_t org_id = 0;
  std::vector<AffectedItem> items;
};

struct ReleaseNoticeReport {
  std::int64_t proposal_id = 0;
  std::string document_code;
  std::string version;
  bool already_sent = false;  // true: notified by an earlier call; nothing was sent now
  std::vector<OrganizationNotice> notices;
};

class ReleaseNotices {
 public:
  ReleaseNotices(store::Database& db, const Clock& clock, StandardsService& standards,
                 EquipmentDirectory directory);

  // Notifies for one released proposal. kNotFound for an unknown proposal, kFailedPrecondition
  // when it is not released.
  Result<ReleaseNoticeReport> NotifyRelease(std::int64_t proposal_id);
  // Notifies for every released proposal not notified yet (oldest first); for a periodic job or
  // to catch up after a restart.
  Result<std::vector<ReleaseNoticeReport>> NotifyPending();

 private:
  store::Database& db_;
  const Clock& clock_;
  StandardsService& standards_;
  EquipmentDirectory directory_;
};

}  // namespace rutile::standards
