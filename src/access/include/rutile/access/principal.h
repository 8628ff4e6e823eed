// Principal: who is acting. Anonymous visitors have user_id 0. Value type built per request by
// the identity module from the session; read-only afterwards.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rutile::access {

enum class OrgRole { kMember, kAdmin };

enum class PlatformRole { kExpert, kExaminer, kRegulatorAnalyst, kOperator };

struct OrgMembership {
  std::int64_t org_id = 0;
  OrgRole role = OrgRole::kMember;
  std::int64_t park_id = 0;                   // the org's park (0: none)
  std::vector<std::int64_t> association_ids;  // associations the org belongs to
  bool org_is_park = false;                   // the org is itself a park's management
  bool org_is_association = false;            // the org is itself an association
  bool org_is_regulator = false;
};

struct Principal {
  std::int64_t user_id = 0;
  std::string email;
  std::vector<OrgMembership> memberships;
  std::vector<PlatformRole> platform_roles;

  bool anonymous() const { return user_id == 0; }
  bool HasPlatformRole(PlatformRole r) const {
    for (PlatformRole p : platform_roles)
      if (p == r) return true;
    return false;
  }
  const OrgMembership* MembershipIn(std::int64_t org_id) const {
    for (const auto& m : memberships)
      if (m.org_id == org_id) return &m;
    return nullptr;
  }
  bool IsMemberOf(std::int64_t org_id) const { return MembershipIn(org_id) != nullptr; }
  bool IsAdminOf(std::int64_t org_id) const {
    const OrgMembership* m = MembershipIn(org_id);
    return m != nullptr && m->role == OrgRole::kAdmin;
  }
};

}  // namespace rutile::access
