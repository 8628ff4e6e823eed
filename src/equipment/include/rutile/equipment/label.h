// Printable QR labels for equipment items: a label-size PDF page per item with a QR code of the
// item's page in the web app, its name, type, grade and item code. LabelService checks access
// like the archive; holds references to the database and equipment service, which must outlive
// it; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/result.h"
#include "rutile/equipment/equipment_service.h"
#include "rutile/store/database.h"

namespace rutile::equipment {

// The web app's page of an item: "<base>/equipment/<id>" (one slash between them).
std::string ItemUrl(std::string_view public_base_url, std::int64_t item_id);
// The code printed under the QR code: "EQ-" and the id with at least six digits ("EQ-000042").
std::string ItemCode(std::int64_t item_id);

struct LabelOptions {
  std::string public_base_url = "http://localhost:8080";
  double width_mm = 62;   // a common label-printer roll width
  double height_mm = 62;  // room for the code, a two-line name and the page footer
  double qr_size_mm = 16;
};

struct LabelItem {
  std::int64_t id = 0;
  std::string name;
  std::string type;
  int grade = 1;
};

// One page per item.
Result<std::string> RenderLabels(const std::vector<LabelItem>& items, const LabelOptions& options);

class LabelService {
 public:
  LabelService(store::Database& db, EquipmentService& equipment, LabelOptions options = {});

  Result<std::string> ItemLabel(const access::Principal& caller, std::int64_t item_id);
  // Every item of org_id (the caller must belong to it); FailedPrecondition when it has none,
  // InvalidArgument when it has more than 1000.
  Result<std::string> OrgLabels(const access::Principal& caller, std::int64_t org_id);

 private:
  store::Database& db_;
  EquipmentService& equipment_;
  LabelOptions options_;
};

}  // namespace rutile::equipment
