#include "rutile/identity/model.h"

#include <array>
#include <utility>

namespace rutile::identity {
namespace {

template <typename E, std::size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view name) {
  for (const auto& [value, text] : table)
    if (text == name) return value;
  return std::nullopt;
}

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, text] : table)
    if (v == value) return text;
  return "";
}

constexpr std::array<std::pair<OrgKind, std::string_view>, 12> kKinds{{
    {OrgKind::kManufacturer, "manufacturer"},
    {OrgKind::kEndUserPlant, "end_user_plant"},
    {OrgKind::kMaintenanceWorkshop, "maintenance_workshop"},
    {OrgKind::kContractor, "contractor"},
    {OrgKind::kExporter, "exporter"},
    {OrgKind::kPartsSupplier, "parts_supplier"},
    {OrgKind::kServiceProvider, "service_provider"},
    {OrgKind::kIndustrialPark, "industrial_park"},
    {OrgKind::kAssociation, "association"},
    {OrgKind::kRegulator, "regulator"},
    {OrgKind::kResearchInstitute, "research_institute"},
    {OrgKind::kPlatformOperator, "platform_operator"},
}};

constexpr std::array<std::pair<ScaleClass, std::string_view>, 4> kScales{{
    {ScaleClass::kMicro, "micro"},
    {ScaleClass::kSmall, "small"},
    {ScaleClass::kMedium, "medium"},
    {ScaleClass::kLarge, "large"},
}};

constexpr std::array<std::pair<RealNameStatus, std::string_view>, 4> kRealName{{
    {RealNameStatus::kNone, "none"},
    {RealNameStatus::kPending, "pending"},
    {RealNameStatus::kApproved, "approved"},
    {RealNameStatus::kRejected, "rejected"},
}};

constexpr std::array<std::pair<JoinTarget, std::string_view>, 2> kJoinTargets{{
    {JoinTarget::kPark, "park"},
    {JoinTarget::kAssociation, "association"},
}};

constexpr std::array<std::pair<JoinRequestStatus, std::string_view>, 4> kJoinStatuses{{
    {JoinRequestStatus::kPending, "pending"},
    {JoinRequestStatus::kApproved, "approved"},
    {JoinRequestStatus::kRejected, "rejected"},
    {JoinRequestStatus::kWithdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<InvitationStatus, std::string_view>, 4> kInvitationStatuses{{
    {InvitationStatus::kPending, "pending"},
    {InvitationStatus::kAccepted, "accepted"},
    {InvitationStatus::kDeclined, "declined"},
    {InvitationStatus::kRevoked, "revoked"},
}};

constexpr std::array<std::pair<access::OrgRole, std::string_view>, 2> kOrgRoles{{
    {access::OrgRole::kMember, "member"},
    {access::OrgRole::kAdmin, "admin"},
}};

constexpr std::array<std::pair<access::PlatformRole, std::string_view>, 4> kPlatformRoles{{
    {access::PlatformRole::kExpert, "expert"},
    {access::PlatformRole::kExaminer, "examiner"},
    {access::PlatformRole::kRegulatorAnalyst, "regulator_analyst"},
    {access::PlatformRole::kOperator, "operator"},
}};

}  // namespace

std::string_view OrgKindName(OrgKind kind) { return NameOf(kKinds, kind); }
std::optional<OrgKind> ParseOrgKind(std::string_view name) { return Lookup(kKinds, name); }

const std::vector<OrgKind>& AllOrgKinds() {
  static const std::vector<OrgKind> all = [] {
    std::vector<OrgKind> v;
    for (const auto& [kind, name] : kKinds) v.push_back(kind);
    return v;
  }();
  return all;
}

bool SelfRegistrable(OrgKind kind) {
  switch (kind) {
    case OrgKind::kManufacturer:
    case OrgKind::kEndUserPlant:
    case OrgKind::kMaintenanceWorkshop:
    case OrgKind::kContractor:
    case OrgKind::kExporter:
    case OrgKind::kPartsSupplier:
    case OrgKind::kServiceProvider:
    case OrgKind::kResearchInstitute:
      return true;
    case OrgKind::kIndustrialPark:
    case OrgKind::kAssociation:
    case OrgKind::kRegulator:
    case OrgKind::kPlatformOperator:
      return false;
  }
  return false;
}

std::string_view ScaleClassName(ScaleClass s) { return NameOf(kScales, s); }
std::optional<ScaleClass> ParseScaleClass(std::string_view n) { return Lookup(kScales, n); }
std::string_view RealNameStatusName(RealNameStatus s) { return NameOf(kRealName, s); }
std::optional<RealNameStatus> ParseRealNameStatus(std::string_view n) {
  return Lookup(kRealName, n);
}
std::string_view OrgRoleName(access::OrgRole r) { return NameOf(kOrgRoles, r); }
std::optional<access::OrgRole> ParseOrgRole(std::string_view n) { return Lookup(kOrgRoles, n); }
std::string_view PlatformRoleName(access::PlatformRole r) { return NameOf(kPlatformRoles, r); }
std::optional<access::PlatformRole> ParsePlatformRole(std::string_view n) {
  return Lookup(kPlatformRoles, n);
}

std::string_view JoinTargetName(JoinTarget t) { return NameOf(kJoinTargets, t); }
std::optional<JoinTarget> ParseJoinTarget(std::string_view n) { return Lookup(kJoinTargets, n); }
std::string_view JoinRequestStatusName(JoinRequestStatus s) { return NameOf(kJoinStatuses, s); }
std::optional<JoinRequestStatus> ParseJoinRequestStatus(std::string_view n) {
  return Lookup(kJoinStatuses, n);
}
std::string_view InvitationStatusName(InvitationStatus s) { return NameOf(kInvitationStatuses, s); }
std::optional<InvitationStatus> ParseInvitationStatus(std::string_view n) {
  return Lookup(kInvitationStatuses, n);
}

}  // namespace rutile::identity
