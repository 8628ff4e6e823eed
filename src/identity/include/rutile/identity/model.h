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

// What an organization asks to join. Membership in either grants shared-level reads, so it is
// granted by the park's managing organization or the association, never claimed.
enum class JoinTarget { kPark, kAssociation };
std::string_view JoinTargetName(JoinTarget target);  // "park", "association"
std::optional<JoinTarget> ParseJoinTarget(std::string_view name);

enum class JoinRequestStatus { kPending, kApproved, kRejected, kWithdrawn };
std::string_view JoinRequestStatusName(JoinRequestStatus status);
std::optional<JoinRequestStatus> ParseJoinRequestStatus(std::string_view name);

struct JoinRequest {
  std::int64_t id = 0;
  std::int64_t org_id = 0;  // the applicant
  std::string org_name;
  JoinTarget target = JoinTarget::kPark;
  std::int64_t target_id = 0;  // park id or association organization id
  std::string target_name;
  JoinRequestStatus status = JoinRequestStatus::kPending;
  std::int64_t requested_by = 0;  // user id
  std::int64_t decided_by = 0;    // user id, 0 while pending
  std::int64_t created_at = 0;
  std::int64_t decided_at = 0;
};

enum class InvitationStatus { kPending, kAccepted, kDeclined, kRevoked };
std::string_view InvitationStatusName(InvitationStatus status);
std::optional<InvitationStatus> ParseInvitationStatus(std::string_view name);

// An organization's offer of membership to an e-mail address; the membership exists only
// once the person holding that address accepts.
struct Invitation {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string org_name;
  std::string email;
  access::OrgRole role = access::OrgRole::kMember;
  InvitationStatus status = InvitationStatus::kPending;
  std::int64_t invited_by = 0;  // user id
  std::int64_t created_at = 0;
  std::int64_t decided_at = 0;
};

struct Park {
  std::int64_t id = 0;
  std::string name;
  std::string region;
  std::int64_t manager_org_id = 0;  // 0: no managing organization yet
};

}  // namespace rutile::identity
