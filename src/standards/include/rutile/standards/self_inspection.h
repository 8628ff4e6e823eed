// SelfInspectionService: an enterprise's compliance self-inspection. The checklist is generated
// from the clauses StandardsService::Match returns for a profile; answers (yes / no / not
// applicable, a note, optional small evidence file) are kept per item; completing freezes it.
// Records are private to the organization (checked with access::Authorize). Holds references
// to the database, clock and standards service (all outliving it); thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/standards/model.h"
#include "rutile/standards/standards_service.h"
#include "rutile/store/database.h"

namespace rutile::standards {

enum class Answer { kYes, kNo, kNotApplicable };
std::string_view AnswerName(Answer a);  // "yes", "no", "not_applicable"
std::optional<Answer> ParseAnswer(std::string_view name);

// Evidence files are small and kept in the database.
inline constexpr std::size_t kMaxEvidenceBytes = 512 * 1024;
// Types accepted for evidence.
bool EvidenceTypeAllowed(std::string_view content_type);

struct Evidence {
  std::string name;          // file name as given, at most 200 characters
  std::string content_type;  // image/png, image/jpeg, application/pdf, text/plain
  std::string bytes;
};

struct ChecklistItem {
  std::string clause_id;
  std::string number;
  ClauseKind kind = ClauseKind::kRecommended;
  std::string title;        // in the inspection's language
  std::string question;     // in the inspection's language
  std::string remediation;  // what to do when the answer is no
  std::optional<Answer> answer;
  std::string note;
  std::int64_t answered_by = 0;
  std::int64_t answered_at = 0;
  std::string evidence_name;  // empty: no evidence
  std::string evidence_type;
  std::int64_t evidence_size = 0;
};

// A rate is yes / (items - not applicable); nullopt when that denominator is zero.
struct ComplianceRates {
  int mandatory_items = 0;
  int mandatory_yes = 0;
  int mandatory_no = 0;
  int mandatory_not_applicable = 0;
  int mandatory_unanswered = 0;
  int items = 0;
  int yes = 0;
  int no = 0;
  int not_applicable = 0;
  int unanswered = 0;
  std::optional<double> mandatory_rate;
  std::optional<double> overall_rate;
};
ComplianceRates ComputeRates(const std::vector<ChecklistItem>& items);

struct SelfInspection {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string org_name;  // as loaded, for printing; not part of the API record
  std::string title;
  std::string profile_json;  // the match profile as given
  int grade = 1;
  std::string lang;
  std::string state;  // "open", "completed"
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t completed_at = 0;     // 0 while open
  std::vector<ChecklistItem> items;  // mandatory first, then by clause number
  ComplianceRates rates;
  std::vector<ChecklistItem> gaps;  // items answered no, mandatory first
};

struct NewSelfInspection {
  std::int64_t org_id = 0;
  std::string title;
  MatchProfile profile;
  std::string profile_json;  // kept for the record; may be empty
};

struct AnswerInput {
  std::string clause_id;
  Answer answer = Answer::kYes;
  std::string note;
  std::optional<Evidence> evidence;  // replaces the item's evidence when given
};

// Remediation text for a clause in a language (English fallback): the clause's own entry in
// knowledge/standards/remediation.json, else its chapter's, else a general sentence.
std::string RemediationFor(const std::string& clause_id, const std::string& number,
                           std::string_view lang);

class AnnexService;

class SelfInspectionService {
 public:
  // With `annexes`, the checklist also holds the annex clauses of the organization's region
  // (MergeAnnexClauses: overrides replace national clauses, local clauses are added).
  SelfInspectionService(store::Database& db, const Clock& clock, StandardsService& standards,
                        AnnexService* annexes = nullptr);

  // Caller must be able to write the organization's private records (a member).
  Result<SelfInspection> Create(const access::Principal& caller, const NewSelfInspection& input);
  Result<SelfInspection> Get(const access::Principal& caller, std::int64_t id);
  // Items (without evidence bytes) are left out of the history; rates are included.
  Result<std::vector<SelfInspection>> History(const access::Principal& caller, std::int64_t org_id,
                                              int limit = 50);
  // One transaction: every answer is checked first (InvalidArgument naming answers[i].field),
  // then all are written. kConflict once completed.
  Result<SelfInspection> SetAnswers(const access::Principal& caller, std::int64_t id,
                                    const std::vector<AnswerInput>& answers);
  // Freezes the inspection; kConflict naming the unanswered mandatory items.
  Result<SelfInspection> Complete(const access::Principal& caller, std::int64_t id);
  // The evidence file of one item; kNotFound when it has none.
  Result<Evidence> GetEvidence(const access::Principal& caller, std::int64_t id,
                               const std::string& clause_id);

 private:
  store::Database& db_;
  const Clock& clock_;
  StandardsService& standards_;
  AnnexService* annexes_;
};

}  // namespace rutile::standards
