// Identity records: organizations, users, memberships, regions and parks. Plain value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"

namespace rutile::identity {

enum class OrgKind {
  kManufacturer,
  kEndUserPlant,
  kMaintenanceWorkshop,
  kContractor,
  kExporter,
  kPartsSupplier,
  kServiceProvider,
  kIndustrialPark,
  kAssociation,
  kRegulator,
  kResearchInstitute,
  kPlatformOperator,
};

std::string_view OrgKindName(OrgKind kind);  // "end_user_plant"
std::optional<OrgKind> ParseOrgKind(std::string_view name);
const std::vector<OrgKind>& AllOrgKinds();
// Kinds anyone may register themselves; the rest are set up by the platform operator.
bool SelfRegistrable(OrgKind kind);

enum class ScaleClass { kMicro, kSmall, kMedium, kLarge };
std::string_view ScaleClassName(ScaleClass scale);
std::optional<ScaleClass> ParseScaleClass(std::string_view name);

enum class RealNameStatus { kNone, kPending, kApproved, kRejected };
std::string_view RealNameStatusName(RealNameStatus status);
std::optional<RealNameStatus> ParseRealNameStatus(std::string_view name);

std::string_view OrgRoleName(access::OrgRole role);
std::optional<access::OrgRole> ParseOrgRole(std::string_view name);
std::string_view PlatformRoleName(access::PlatformRole role);
std::optional<access::PlatformRole> ParsePlatformRole(std::string_view name);

struct Organization {
  std::int64_t id = 0;
  std::string name;
  OrgKind kind = OrgKind::kEndUserPlant;
  std::string region;        // region code
  std::string industry;      // industry id, may be empty
  std::int64_t park_id = 0;  // 0: not in a park
  std::optional<std::int64_t> headcount;
  std::optional<double> annual_revenue;   // in the region's currency
  std::optional<ScaleClass> scale_class;  // derived from headcount and revenue
  RealNameStatus real_name_status = RealNameStatus::kNone;
  std::vector<std::int64_t> association_ids;  // associations it belongs to
  std::int64_t created_at = 0;                // Unix seconds
};

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::string language;  // BCP 47 tag, e.g. "zh", "ar"
  std::int64_t created_at = 0;
};

struct Member {
  std::int64_t user_id = 0;
  std::string email;
  std::string name;
  access::OrgRole role = access::OrgRole::kMember;
};

struct Park {
  std::int64_t id = 0;
  std::string name;
  std::string region;
  std::int64_t manager_org_id = 0;  // 0: no managing organization yet
};

}  // namespace rutile::identity
