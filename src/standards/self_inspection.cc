#include "rutile/standards/self_inspection.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "rutile/access/policy.h"
#include "rutile/media/image_metadata.h"
#include "rutile/standards/annex.h"
#include "standards_repository.h"

namespace rutile::standards {

std::string_view EmbeddedRemediation();

namespace {

namespace json = boost::json;

// The remediation file, parsed once. A malformed embedded file is a build defect: the test
// suite reads every entry, so an empty table here only ever means "general sentence".
struct RemediationTable {
  std::map<std::string, LocalizedText> clauses;
  std::map<std::string, LocalizedText> chapters;
  LocalizedText general;
  LocalizedText question;  // "{number}" and "{text}" stand for the clause's number and text
};

LocalizedText Localized(const json::value& v) {
  LocalizedText t;
  if (const auto* o = v.if_object())
    for (const auto& [lang, text] : *o)
      if (text.is_string()) t[std::string(lang)] = std::string(text.as_string());
  return t;
}

const RemediationTable& Remediation() {
  static const RemediationTable table = [] {
    RemediationTable t;
    boost::system::error_code ec;
    json::value root = json::parse(EmbeddedRemediation(), ec);
    if (ec || !root.is_object()) return t;
    const auto& o = root.as_object();
    if (const auto* c = o.if_contains("clauses"); c && c->is_object())
      for (const auto& [id, v] : c->as_object()) t.clauses[std::string(id)] = Localized(v);
    if (const auto* c = o.if_contains("chapters"); c && c->is_object())
      for (const auto& [id, v] : c->as_object()) t.chapters[std::string(id)] = Localized(v);
    if (const auto* g = o.if_contains("general")) t.general = Localized(*g);
    if (const auto* q = o.if_contains("question")) t.question = Localized(*q);
    return t;
  }();
  return table;
}

access::RecordRef OrgPrivate(std::int64_t org_id) {
  access::RecordRef r;
  r.owner_org_id = org_id;
  r.level = access::DataLevel::kPrivate;
  return r;
}

// The bytes of an evidence file as stored and served: images of the declared type without their
// metadata (EXIF with GPS, XMP, comments); other files as given.
Result<std::string> CleanEvidence(const Evidence& e) {
  const auto format = media::SniffImageFormat(e.bytes);
  const bool image = e.content_type.rfind("image/", 0) == 0;
  if (!image) return e.bytes;
  if (!format || media::ImageMediaType(*format) != e.content_type)
    return InvalidArgument("the evidence is not an image of its type",
                           {{"content", "does not match its type"}});
  return media::StripImageMetadata(e.bytes);
}

// A self-inspection the caller may not read answers exactly as a missing one.
Status AuthorizeInspection(const access::Principal& caller, access::Action action,
                           std::int64_t org_id, std::int64_t id) {
  return access::AuthorizeNamed(caller, action, OrgPrivate(org_id),
                                NotFound("self-inspection " + std::to_string(id)));
}

// Replaces the first "{name}" in `pattern` with `value`.
void Fill(std::string& pattern, std::string_view name, const std::string& value) {
  const std::string slot = "{" + std::string(name) + "}";
  if (auto at = pattern.find(slot); at != std::string::npos)
    pattern.replace(at, slot.size(), value);
}

// The checklist question of a clause in the inspection's language, from the question pattern of
// knowledge/standards/remediation.json.
std::string Question(const Clause* clause, const MatchedClause& m, const std::string& lang) {
  const std::string text = clause ? InLanguage(clause->text, lang) : m.title;
  std::string question = InLanguage(Remediation().question, lang);
  if (question.empty()) return m.number + ": " + text;
  Fill(question, "number", m.number);
  Fill(question, "text", text);
  return question;
}

SelfInspection HeaderFrom(const store::Row& r) {
  SelfInspection s;
  s.id = r.Int(0);
  s.org_id = r.Int(1);
  s.title = r.Text(2);
  s.profile_json = r.Text(3);
  s.grade = static_cast<int>(r.Int(4));
  s.lang = r.Text(5);
  s.state = r.Text(6);
  s.created_by = r.Int(7);
  s.created_at = r.Int(8);
  s.updated_at = r.Int(9);
  s.completed_at = r.Int(10);
  s.org_name = r.OptText(11).value_or("");
  return s;
}

constexpr const char* kHeaderColumns =
    "id, org_id, title, profile_json, grade, lang, state, created_by, created_at, updated_at, "
    "completed_at, (SELECT name FROM organizations WHERE organizations.id = "
    "self_inspections.org_id)";

Result<SelfInspection> LoadHeader(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kHeaderColumns +
                                                 " FROM self_inspections WHERE id = ?",
                                             {id}));
  if (rows.empty()) return NotFound("self-inspection " + std::to_string(id));
  return HeaderFrom(rows[0]);
}

Result<std::vector<ChecklistItem>> LoadItems(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT clause_id, number, kind, title, question, remediation, answer, "
                         "note, answered_by, answered_at, evidence_name, evidence_type, "
                         "evidence_size FROM self_inspection_items WHERE inspection_id = ? "
                         "ORDER BY position",
                         {id}));
  std::vector<ChecklistItem> items;
  for (const auto& r : rows) {
    ChecklistItem it;
    it.clause_id = r.Text(0);
    it.number = r.Text(1);
    it.kind = ParseClauseKind(r.Text(2)).value_or(ClauseKind::kRecommended);
    it.title = r.Text(3);
    it.question = r.Text(4);
    it.remediation = r.Text(5);
    if (auto a = r.OptText(6)) it.answer = ParseAnswer(*a);
    it.note = r.Text(7);
    it.answered_by = r.OptInt(8).value_or(0);
    it.answered_at = r.Int(9);
    it.evidence_name = r.OptText(10).value_or("");
    it.evidence_type = r.OptText(11).value_or("");
    it.evidence_size = r.Int(12);
    items.push_back(std::move(it));
  }
  return items;
}

void Summarize(SelfInspection& s) {
  s.rates = ComputeRates(s.items);
  s.gaps.clear();
  for (const auto& it : s.items)
    if (it.answer == Answer::kNo) s.gaps.push_back(it);
  std::stable_sort(s.gaps.begin(), s.gaps.end(), [](const auto& a, const auto& b) {
    return a.kind == ClauseKind::kMandatory && b.kind != ClauseKind::kMandatory;
  });
}

Result<SelfInspection> LoadFull(store::Connection& c, std::int64_t id) {
  RUTILE_ASSIGN_OR_RETURN(SelfInspection s, LoadHeader(c, id));
  RUTILE_ASSIGN_OR_RETURN(s.items, LoadItems(c, id));
  Summarize(s);
  return s;
}

}  // namespace

std::string_view AnswerName(Answer a) {
  switch (a) {
    case Answer::kYes:
      return "yes";
    case Answer::kNo:
      return "no";
    case Answer::kNotApplicable:
      return "not_applicable";
  }
  return "no";
}

std::optional<Answer> ParseAnswer(std::string_view name) {
  if (name == "yes") return Answer::kYes;
  if (name == "no") return Answer::kNo;
  if (name == "not_applicable") return Answer::kNotApplicable;
  return std::nullopt;
}

bool EvidenceTypeAllowed(std::string_view t) {
  return t == "image/png" || t == "image/jpeg" || t == "image/webp" || t == "application/pdf" ||
         t == "text/plain";
}

ComplianceRates ComputeRates(const std::vector<ChecklistItem>& items) {
  ComplianceRates r;
  for (const auto& it : items) {
    const bool mandatory = it.kind == ClauseKind::kMandatory;
    ++r.items;
    if (mandatory) ++r.mandatory_items;
    if (!it.answer) {
      ++r.unanswered;
      if (mandatory) ++r.mandatory_unanswered;
      continue;
    }
    switch (*it.answer) {
      case Answer::kYes:
        ++r.yes;
        if (mandatory) ++r.mandatory_yes;
        break;
      case Answer::kNo:
        ++r.no;
        if (mandatory) ++r.mandatory_no;
        break;
      case Answer::kNotApplicable:
        ++r.not_applicable;
        if (mandatory) ++r.mandatory_not_applicable;
        break;
    }
  }
  auto rate = [](int yes, int total) -> std::optional<double> {
    if (total <= 0) return std::nullopt;
    return static_cast<double>(yes) / total;
  };
  r.mandatory_rate = rate(r.mandatory_yes, r.mandatory_items - r.mandatory_not_applicable);
  r.overall_rate = rate(r.yes, r.items - r.not_applicable);
  return r;
}

std::string RemediationFor(const std::string& clause_id, const std::string& number,
                           std::string_view lang) {
  const auto& t = Remediation();
  if (auto it = t.clauses.find(clause_id); it != t.clauses.end())
    return InLanguage(it->second, lang);
  const std::string chapter = number.substr(0, number.find('.'));
  if (auto it = t.chapters.find(chapter); it != t.chapters.end())
    return InLanguage(it->second, lang);
  return InLanguage(t.general, lang);
}

SelfInspectionService::SelfInspectionService(store::Database& db, const Clock& clock,
                                             StandardsService& standards, AnnexService* annexes)
    : db_(db), clock_(clock), standards_(standards), annexes_(annexes) {}

Result<SelfInspection> SelfInspectionService::Create(const access::Principal& caller,
                                                     const NewSelfInspection& in) {
  RUTILE_TRY(access::Authorize(caller, access::Action::kWrite, OrgPrivate(in.org_id)));
  std::vector<FieldError> errors;
  if (in.title.empty() || in.title.size() > 200)
    errors.push_back({"title", "must be 1 to 200 bytes"});
  if (!errors.empty()) return InvalidArgument("the self-inspection is invalid", std::move(errors));
  auto matched = standards_.Match(in.profile);
  if (!matched.has_value()) {
    std::vector<FieldError> mapped;
    for (auto f : matched.error().fields()) {
      f.field = "profile." + f.field;
      mapped.push_back(std::move(f));
    }
    return Error(matched.error().code(), matched.error().message(), std::move(mapped));
  }
  const std::string lang = in.profile.lang.empty() ? "en" : in.profile.lang;
  std::vector<AnnexClause> annex;
  if (annexes_ != nullptr) {
    RUTILE_ASSIGN_OR_RETURN(auto region, store::Read(db_, [&](store::Connection& c) {
                              return c.Query("SELECT region FROM organizations WHERE id = ?",
                                             {in.org_id});
                            }));
    if (!region.empty()) {
      auto applicable = annexes_->ApplicableAnnexClauses(region[0].Text(0), in.profile);
      if (applicable.has_value())
        annex = std::move(*applicable);
      else if (applicable.error().code() != ErrorCode::kInvalidArgument)  // region not served
        return applicable.error();
    }
    matched = MergeAnnexClauses(std::move(*matched), annex, lang);
  }
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<SelfInspection> {
    RUTILE_ASSIGN_OR_RETURN(auto orgs,
                            c.Query("SELECT id FROM organizations WHERE id = ?", {in.org_id}));
    if (orgs.empty()) return NotFound("organization " + std::to_string(in.org_id));
    RUTILE_ASSIGN_OR_RETURN(auto clauses, repository::LoadCurrentClauses(c));
    std::map<std::string, const Clause*> by_id;
    for (const auto& cl : clauses) by_id[cl.id] = &cl;
    for (const auto& ac : annex) by_id[ac.clause.id] = &ac.clause;
    RUTILE_ASSIGN_OR_RETURN(
        auto inserted,
        c.Query("INSERT INTO self_inspections (org_id, title, profile_json, grade, lang, state, "
                "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?) "
                "RETURNING id",
                {in.org_id, in.title, in.profile_json, std::int64_t{matched->grade}, lang,
                 caller.user_id, now, now}));
    const std::int64_t id = inserted.at(0).Int(0);
    std::int64_t position = 0;
    for (const auto* list : {&matched->mandatory, &matched->recommended}) {
      for (const auto& m : *list) {
        auto found = by_id.find(m.id);
        const Clause* clause = found == by_id.end() ? nullptr : found->second;
        RUTILE_TRY(c.Execute(
            "INSERT INTO self_inspection_items (inspection_id, position, clause_id, number, kind, "
            "title, question, remediation) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            {id, position++, m.id, m.number, std::string(ClauseKindName(m.kind)), m.title,
             Question(clause, m, lang), RemediationFor(m.id, m.number, lang)}));
      }
    }
    return LoadFull(c, id);
  });
}

Result<SelfInspection> SelfInspectionService::Get(const access::Principal& caller,
                                                  std::int64_t id) {
  return store::Read(db_, [&](store::Connection& c) -> Result<SelfInspection> {
    RUTILE_ASSIGN_OR_RETURN(SelfInspection s, LoadHeader(c, id));
    RUTILE_TRY(AuthorizeInspection(caller, access::Action::kRead, s.org_id, id));
    return LoadFull(c, id);
  });
}

Result<std::vector<SelfInspection>> SelfInspectionService::History(const access::Principal& caller,
                                                                   std::int64_t org_id, int limit) {
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, OrgPrivate(org_id)));
  if (limit < 1 || limit > 200) return InvalidArgument("invalid limit", {{"limit", "1 to 200"}});
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<SelfInspection>> {
    RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kHeaderColumns +
                                                   " FROM self_inspections WHERE org_id = ? "
                                                   "ORDER BY created_at DESC, id DESC LIMIT ?",
                                               {org_id, std::int64_t{limit}}));
    std::vector<SelfInspection> out;
    for (const auto& r : rows) {
      SelfInspection s = HeaderFrom(r);
      RUTILE_ASSIGN_OR_RETURN(auto items, LoadItems(c, s.id));
      s.rates = ComputeRates(items);
      out.push_back(std::move(s));
    }
    return out;
  });
}

Result<SelfInspection> SelfInspectionService::SetAnswers(const access::Principal& caller,
                                                         std::int64_t id,
                                                         const std::vector<AnswerInput>& answers) {
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<SelfInspection> {
    RUTILE_ASSIGN_OR_RETURN(SelfInspection s, LoadHeader(c, id));
    RUTILE_TRY(AuthorizeInspection(caller, access::Action::kWrite, s.org_id, id));
    if (s.state != "open")
      return Conflict("self-inspection " + std::to_string(id) +
                      " is completed; its answers are frozen");
    RUTILE_ASSIGN_OR_RETURN(auto items, LoadItems(c, id));
    std::set<std::string> known, seen;
    for (const auto& it : items) known.insert(it.clause_id);
    std::vector<FieldError> errors;
    std::vector<std::string> stored(answers.size());  // evidence bytes as kept
    if (answers.empty()) errors.push_back({"answers", "must list at least one answer"});
    for (std::size_t i = 0; i < answers.size(); ++i) {
      const auto& a = answers[i];
      const std::string p = "answers[" + std::to_string(i) + "].";
      if (!known.count(a.clause_id))
        errors.push_back({p + "clause_id", "is not an item of this self-inspection"});
      else if (!seen.insert(a.clause_id).second)
        errors.push_back({p + "clause_id", "is answered twice in this request"});
      if (a.note.size() > 4000) errors.push_back({p + "note", "must be at most 4000 bytes"});
      if (a.evidence) {
        if (a.evidence->name.empty() || a.evidence->name.size() > 200)
          errors.push_back({p + "evidence.name", "must be 1 to 200 bytes"});
        if (!EvidenceTypeAllowed(a.evidence->content_type))
          errors.push_back({p + "evidence.type",
                            "must be image/png, image/jpeg, image/webp, application/pdf or "
                            "text/plain"});
        if (a.evidence->bytes.empty() || a.evidence->bytes.size() > kMaxEvidenceBytes)
          errors.push_back({p + "evidence.content", "must be 1 byte to 512 KiB"});
        else if (auto clean = CleanEvidence(*a.evidence); !clean.has_value())
          errors.push_back({p + "evidence.content", "must be a well-formed image of its type"});
        else
          stored[i] = std::move(*clean);
      }
    }
    if (!errors.empty()) return InvalidArgument("the answers are invalid", std::move(errors));
    for (std::size_t i = 0; i < answers.size(); ++i) {
      const auto& a = answers[i];
      RUTILE_TRY(c.Execute(
          "UPDATE self_inspection_items SET answer = ?, note = ?, answered_by = ?, answered_at = ? "
          "WHERE inspection_id = ? AND clause_id = ?",
          {std::string(AnswerName(a.answer)), a.note, caller.user_id, now, id, a.clause_id}));
      if (a.evidence)
        RUTILE_TRY(
            c.Execute("UPDATE self_inspection_items SET evidence_name = ?, evidence_type = ?, "
                      "evidence_size = ?, evidence = ? WHERE inspection_id = ? AND clause_id = ?",
                      {a.evidence->name, a.evidence->content_type,
                       static_cast<std::int64_t>(stored[i].size()), store::Blob{stored[i]}, id,
                       a.clause_id}));
    }
    RUTILE_TRY(c.Execute("UPDATE self_inspections SET updated_at = ? WHERE id = ?", {now, id}));
    return LoadFull(c, id);
  });
}

Result<SelfInspection> SelfInspectionService::Complete(const access::Principal& caller,
                                                       std::int64_t id) {
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<SelfInspection> {
    RUTILE_ASSIGN_OR_RETURN(SelfInspection s, LoadFull(c, id));
    RUTILE_TRY(AuthorizeInspection(caller, access::Action::kWrite, s.org_id, id));
    if (s.state != "open")
      return Conflict("self-inspection " + std::to_string(id) + " is already completed");
    std::vector<FieldError> missing;
    std::string numbers;
    for (const auto& it : s.items)
      if (it.kind == ClauseKind::kMandatory && !it.answer) {
        missing.push_back({"items." + it.clause_id, "mandatory item " + it.number + " unanswered"});
        numbers += (numbers.empty() ? "" : ", ") + it.number;
      }
    if (!missing.empty())
      return Error(ErrorCode::kConflict,
                   "every mandatory item needs an answer; missing: " + numbers, std::move(missing));
    RUTILE_TRY(c.Execute(
        "UPDATE self_inspections SET state = 'completed', completed_at = ?, updated_at = ? "
        "WHERE id = ?",
        {now, now, id}));
    return LoadFull(c, id);
  });
}

Result<Evidence> SelfInspectionService::GetEvidence(const access::Principal& caller,
                                                    std::int64_t id, const std::string& clause_id) {
  return store::Read(db_, [&](store::Connection& c) -> Result<Evidence> {
    RUTILE_ASSIGN_OR_RETURN(SelfInspection s, LoadHeader(c, id));
    RUTILE_TRY(AuthorizeInspection(caller, access::Action::kRead, s.org_id, id));
    RUTILE_ASSIGN_OR_RETURN(
        auto rows, c.Query("SELECT evidence_name, evidence_type, evidence FROM "
                           "self_inspection_items WHERE inspection_id = ? AND clause_id = ?",
                           {id, clause_id}));
    if (rows.empty() || rows[0].IsNull(2))
      return NotFound("evidence for " + clause_id + " in self-inspection " + std::to_string(id));
    // Images stored before they were stripped at upload lose their metadata here.
    Evidence e{rows[0].Text(0), rows[0].Text(1), rows[0].Bytes(2)};
    auto clean = CleanEvidence(e);
    if (!clean.has_value())
      return Corruption("the evidence for " + clause_id + " cannot be served without its metadata");
    e.bytes = std::move(*clean);
    return e;
  });
}

}  // namespace rutile::standards
