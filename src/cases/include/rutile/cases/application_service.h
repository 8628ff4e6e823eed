// CaseApplicationService: restricted detail of a published case by application. A registered
// user of another organization applies with a purpose; the owning organization's administrators
// (or a platform reviewer) grant or refuse; a granted applicant reads the restricted detail and
// every read is logged for the owner. Holds references to the database and clock; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::cases {

// Schema of applications, their access log and case attachments (versions 530-549). Needs the
// identity tables and CaseMigrations().
std::vector<store::Migration> CaseAccessMigrations();

// Fields of the private case an applicant may ask for (exact values; free text desensitized).
const std::vector<std::string_view>& ReleasableFields();

enum class ApplicationStatus { kPending, kGranted, kRefused, kExpired };
std::string_view ApplicationStatusName(ApplicationStatus status);

struct CaseApplication {
  std::int64_t id = 0;
  std::int64_t public_case_id = 0;
  std::int64_t applicant_user_id = 0;
  std::string applicant_name;      // shown to the deciders only
  std::string applicant_org_name;  // idem
  std::string purpose;
  std::vector<std::string> requested_fields;
  ApplicationStatus status = ApplicationStatus::kPending;  // kExpired computed from expires_at
  std::int64_t created_at = 0;
  std::int64_t decided_at = 0;  // 0 while pending
  std::string reason;           // the decider's reason
  std::int64_t expires_at = 0;  // granted access ends (unix seconds); 0 while not granted
  std::int64_t case_id = 0;     // the private case: filled for deciders only
  std::vector<std::string> allowed_actions;  // for the caller: "grant", "refuse", "detail"
};

struct ApplicationInput {
  std::string purpose;                        // required, at most 2000 characters
  std::vector<std::string> requested_fields;  // empty: every releasable field
};

struct Decision {
  std::string reason;                      // required to refuse
  std::optional<std::int64_t> expires_at;  // grant only; default now + 90 days, at most 1 year
};

// What a granted applicant reads: exact measurements and dates, desensitized text, never names,
// contacts, the organization or the submitter.
struct RestrictedDetail {
  std::int64_t application_id = 0;
  std::int64_t public_case_id = 0;
  std::int64_t released_at = 0;
  std::int64_t expires_at = 0;
  boost::json::object fields;  // only the requested fields
};

struct AccessLogEntry {
  std::int64_t user_id = 0;
  std::string user_name;
  std::int64_t at = 0;
  std::vector<std::string> fields;
};

class CaseApplicationService {
 public:
  CaseApplicationService(store::Database& db, const Clock& clock);

  Result<CaseApplication> Apply(const access::Principal& caller, std::int64_t public_case_id,
                                const ApplicationInput& input);
  // role "owner": applications the caller may decide (administrators of the owning
  // organization; platform operators and experts see all); "applicant": the caller's own.
  Result<std::vector<CaseApplication>> List(const access::Principal& caller, std::string_view role);
  Result<CaseApplication> Get(const access::Principal& caller, std::int64_t id);
  Result<CaseApplication> Grant(const access::Principal& caller, std::int64_t id,
                                const Decision& decision);
  // Refuses a pending application or withdraws a granted one.
  Result<CaseApplication> Refuse(const access::Principal& caller, std::int64_t id,
                                 const Decision& decision);
  // The applicant's read; appended to the access log in the same transaction.
  Result<RestrictedDetail> Detail(const access::Principal& caller, std::int64_t id);
  // Owners and deciders only, oldest first.
  Result<std::vector<AccessLogEntry>> AccessLog(const access::Principal& caller, std::int64_t id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rutile::cases
