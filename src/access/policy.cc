#include "rutile/access/policy.h"

#include <algorithm>
#include <string>

namespace rutile::access {
namespace {

bool Contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return id != 0 && std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Level 2: a member of an organization in a park the record is shared with (this covers the
// park's own management organization, whose park_id is that park), or of an organization in an
// association it is shared with (including the association's own organization, identified by
// its org id appearing in the association list).
bool ReachesShared(const Principal& p, const RecordRef& r) {
  for (const OrgMembership& m : p.memberships) {
    if (Contains(r.shared_park_ids, m.park_id)) return true;
    for (std::int64_t a : m.association_ids)
      if (Contains(r.shared_association_ids, a)) return true;
    if (m.org_is_association && Contains(r.shared_association_ids, m.org_id)) return true;
  }
  return false;
}

bool IsRegulator(const Principal& p) {
  if (p.HasPlatformRole(PlatformRole::kRegulatorAnalyst)) return true;
  return std::any_of(p.memberships.begin(), p.memberships.end(),
                     [](const OrgMembership& m) { return m.org_is_regulator; });
}

bool MayRead(const Principal& p, const RecordRef& r) {
  if (p.IsMemberOf(r.owner_org_id)) return true;
  switch (r.level) {
    case DataLevel::kPrivate:
      return false;
    case DataLevel::kShared:
      return ReachesShared(p, r);
    case DataLevel::kPublic:
      return !p.anonymous() || r.open_to_visitors;
    case DataLevel::kMacro:
      return r.released || IsRegulator(p);
  }
  return false;
}

bool MayWrite(const Principal& p, const RecordRef& r) {
  if (p.anonymous()) return false;
  // Derived public and macro records are moderated by the platform operator as well.
  if ((r.level == DataLevel::kPublic || r.level == DataLevel::kMacro) &&
      p.HasPlatformRole(PlatformRole::kOperator))
    return true;
  return p.IsMemberOf(r.owner_org_id);
}

}  // namespace

bool Allowed(const Principal& principal, Action action, const RecordRef& record) {
  switch (action) {
    case Action::kRead:
      return MayRead(principal, record);
    case Action::kWrite:
      return MayWrite(principal, record);
  }
  return false;
}

Status Authorize(const Principal& principal, Action action, const RecordRef& record) {
  if (Allowed(principal, action, record)) return Ok();
  if (principal.anonymous()) return Unauthenticated("log in to access this record");
  std::string what = action == Action::kRead ? "read" : "change";
  return PermissionDenied("you may not " + what + " this " +
                          std::string(DataLevelName(record.level)) + " record");
}

Status AuthorizeNamed(const Principal& principal, Action action, const RecordRef& record,
                      const Error& missing) {
  if (!MayRead(principal, record)) {
    if (principal.anonymous() && record.level == DataLevel::kPublic)
      return Unauthenticated("log in to access this record");
    return missing;
  }
  return Authorize(principal, action, record);
}

}  // namespace rutile::access
