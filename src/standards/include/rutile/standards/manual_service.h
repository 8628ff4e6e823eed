// ManualService: the simplified manual — the mandatory clauses that apply to an industry at a
// risk grade, ordered by topic, in plain language, as a PDF or an HTML page. Built on
// StandardsService::Match (grade given directly); fixed texts come from the embedded
// knowledge/standards/manual_text.json. Holds references (outliving it); thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/documents/document.h"
#include "rutile/standards/standards_service.h"

namespace rutile::standards {

struct ManualRequest {
  std::string industry;  // an industry id of identity::RegionCatalog ("electroplating")
  int grade = 0;         // risk grade 1..4
  std::string lang = "en";
};

struct ManualRule {
  std::string clause_id;  // "rtb-3.1"
  std::string number;     // "RT-3.1"
  std::string topic;      // "material", "installation", "operation", "maintenance", ...
  std::string title;
  std::string text;
};

struct ManualTopic {
  std::string id;
  std::string name;
  std::vector<ManualRule> rules;
};

struct Manual {
  std::string industry;
  std::string industry_name;
  int grade = 0;
  std::string grade_verdict;   // "high"
  std::string grade_meaning;   // plain-language sentence
  std::string requested_lang;  // as asked
  std::string lang;            // the language the manual is written in ("en" when falling back)
  bool fell_back = false;      // requested_lang has no texts; English used
  std::string library;         // "RTB 1.0"
  std::int64_t generated_at = 0;
  std::vector<ManualTopic> topics;  // in topic order; empty topics left out
  int rule_count = 0;               // rules in `topics` (< 100)
  int omitted = 0;                  // mandatory rules left out by the cap
};

class ManualService {
 public:
  ManualService(StandardsService& standards, const Clock& clock);

  // Field errors for industry, grade and lang ("zh", "en-GB": 2-3 letter primary subtag).
  static std::vector<FieldError> Validate(const ManualRequest& request);

  // InvalidArgument naming the field for a bad request.
  Result<Manual> Build(const ManualRequest& request);

  // The manual as a flow document, and rendered.
  static documents::Document ToDocument(const Manual& manual);
  static Result<std::string> Pdf(const Manual& manual);
  static std::string Html(const Manual& manual);
  // "rutile-manual-electroplating-grade3-zh.pdf"
  static std::string FileName(const Manual& manual, std::string_view extension);

 private:
  StandardsService& standards_;
  const Clock& clock_;
};

}  // namespace rutile::standards
