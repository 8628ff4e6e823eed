#include "rutile/cases/attachment_service.h"

#include "case_repository.h"
#include "rutile/access/policy.h"

namespace rutile::cases {
namespace {

using access::Principal;

access::RecordRef Ref(std::int64_t org_id, access::DataLevel level) {
  access::RecordRef r;
  r.owner_org_id = org_id;
  r.level = level;
  return r;
}

// A case someone may not read is reported as missing, as CaseService does.
Status AuthorizeCase(const Principal& caller, access::Action action, std::int64_t org_id,
                     std::int64_t case_id) {
  Status s = access::Authorize(caller, action, Ref(org_id, access::DataLevel::kPrivate));
  if (!s.has_value() && s.error().code() == ErrorCode::kPermissionDenied &&
      !access::Allowed(caller, access::Action::kRead, Ref(org_id, access::DataLevel::kPrivate)))
    return NotFound("case " + std::to_string(case_id) + " does not exist");
  return s;
}

std::optional<MediaType> ParseMediaType(const std::string& name) {
  for (MediaType t : {MediaType::kJpeg, MediaType::kPng, MediaType::kWebp, MediaType::kPdf})
    if (MediaTypeName(t) == name) return t;
  return std::nullopt;
}

AttachmentReview ParseReview(const std::string& name) {
  for (AttachmentReview r : {AttachmentReview::kWithCase, AttachmentReview::kPending,
                             AttachmentReview::kApproved, AttachmentReview::kRejected})
    if (AttachmentReviewName(r) == name) return r;
  return AttachmentReview::kPending;  // unknown: never public
}

bool IsReviewer(const Principal& caller) {
  return caller.HasPlatformRole(access::PlatformRole::kOperator) ||
         caller.HasPlatformRole(access::PlatformRole::kExpert);
}

// The review states whose stripped copy readers of the public record get.
constexpr const char* kPublicReview = "review IN ('with_case', 'approved') ";

Attachment FromRow(const store::Row& r) {
  Attachment a;
  a.n = r.Int(0);
  a.media_type = ParseMediaType(r.Text(1)).value_or(MediaType::kPdf);
  a.size_bytes = r.Int(2);
  a.published_bytes = r.OptInt(3).value_or(0);
  a.created_at = r.Int(4);
  a.review = ParseReview(r.Text(5));
  return a;
}

constexpr const char* kColumns = "n, media_type, size_bytes, LENGTH(published), created_at, review";

const std::string kListSql =
    std::string("SELECT ") + kColumns + " FROM case_attachments WHERE case_id = ? ";

Result<std::vector<Attachment>> ListRows(store::Connection& c, std::int64_t case_id,
                                         bool published_only) {
  RUTILE_ASSIGN_OR_RETURN(
      auto rows,
      c.Query(kListSql +
                  (published_only ? std::string("AND published IS NOT NULL AND ") + kPublicReview
                                  : std::string()) +
                  "ORDER BY n",
              {case_id}));
  std::vector<Attachment> out;
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

// The private case behind a public record, or 0 when it has none (synthetic records).
Result<std::int64_t> SourceOf(store::Connection& c, std::int64_t public_case_id) {
  RUTILE_TRY(repository::LoadPublicCase(c, public_case_id));
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, c.Query("SELECT id FROM failure_cases WHERE public_case_id = ? AND status = "
                         "'published'",
                         {public_case_id}));
  return rows.empty() ? std::int64_t{0} : rows[0].Int(0);
}

Error NoAttachment(std::int64_t n) {
  return NotFound("attachment " + std::to_string(n) + " does not exist");
}

}  // namespace

std::string_view AttachmentReviewName(AttachmentReview review) {
  switch (review) {
    case AttachmentReview::kWithCase:
      return "with_case";
    case AttachmentReview::kPending:
      return "pending";
    case AttachmentReview::kApproved:
      return "approved";
    case AttachmentReview::kRejected:
      return "rejected";
  }
  return "pending";
}

CaseAttachmentService::CaseAttachmentService(store::Database& db, const Clock& clock,
                                             AttachmentOptions options)
    : db_(db), clock_(clock), options_(options) {}

Result<Attachment> CaseAttachmentService::Upload(const Principal& caller, std::int64_t case_id,
                                                 std::string_view bytes) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  if (bytes.empty()) return InvalidArgument("the file is empty", {{"file", "is empty"}});
  if (bytes.size() > options_.max_bytes)
    return InvalidArgument(
        "the file is too large",
        {{"file", "must be at most " + std::to_string(options_.max_bytes) + " bytes"}});
  const std::optional<MediaType> type = SniffMediaType(bytes);
  if (!type)
    return InvalidArgument("unsupported file type",
                           {{"file", "must be a JPEG, PNG, WebP or PDF file"}});
  std::optional<std::string> published;
  if (*type != MediaType::kPdf) {
    RUTILE_ASSIGN_OR_RETURN(published, StripImageMetadata(bytes));
  }
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Attachment> {
    RUTILE_ASSIGN_OR_RETURN(auto stored, repository::LoadCase(c, case_id));
    RUTILE_TRY(AuthorizeCase(caller, access::Action::kWrite, stored.value.org_id, case_id));
    RUTILE_ASSIGN_OR_RETURN(
        auto next, c.Query("SELECT COALESCE(MAX(n), 0) + 1 FROM case_attachments WHERE case_id = ?",
                           {case_id}));
    Attachment a;
    a.n = next.at(0).Int(0);
    a.media_type = *type;
    a.size_bytes = static_cast<std::int64_t>(bytes.size());
    a.published_bytes = published ? static_cast<std::int64_t>(published->size()) : 0;
    a.created_at = now;
    // Once publication was asked for, the case's review is done or under way without this
    // file: it waits for a review of its own.
    a.review = stored.value.status == CaseStatus::kPrivate ? AttachmentReview::kWithCase
                                                           : AttachmentReview::kPending;
    RUTILE_TRY(
        c.Execute("INSERT INTO case_attachments (case_id, n, media_type, size_bytes, uploaded_by, "
                  "created_at, original, published, review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {case_id, a.n, std::string(MediaTypeName(*type)), a.size_bytes, caller.user_id,
                   now, store::Blob{std::string(bytes)},
                   published ? store::Value(store::Blob{*published}) : store::Value(store::Null{}),
                   std::string(AttachmentReviewName(a.review))}));
    return a;
  });
}

Result<std::vector<Attachment>> CaseAttachmentService::List(const Principal& caller,
                                                            std::int64_t case_id) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Attachment>> {
    RUTILE_ASSIGN_OR_RETURN(auto stored, repository::LoadCase(c, case_id));
    RUTILE_TRY(AuthorizeCase(caller, access::Action::kRead, stored.value.org_id, case_id));
    return ListRows(c, case_id, false);
  });
}

Result<AttachmentContent> CaseAttachmentService::Original(const Principal& caller,
                                                          std::int64_t case_id, std::int64_t n) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  return store::Read(db_, [&](store::Connection& c) -> Result<AttachmentContent> {
    RUTILE_ASSIGN_OR_RETURN(auto stored, repository::LoadCase(c, case_id));
    RUTILE_TRY(AuthorizeCase(caller, access::Action::kRead, stored.value.org_id, case_id));
    RUTILE_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("SELECT media_type, original FROM case_attachments WHERE case_id = ? AND n = ?",
                {case_id, n}));
    if (rows.empty()) return NoAttachment(n);
    return AttachmentContent{ParseMediaType(rows[0].Text(0)).value_or(MediaType::kPdf),
                             rows[0].Bytes(1)};
  });
}

Result<std::vector<Attachment>> CaseAttachmentService::ListPublic(const Principal& caller,
                                                                  std::int64_t public_case_id) {
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, Ref(0, access::DataLevel::kPublic)));
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<Attachment>> {
    RUTILE_ASSIGN_OR_RETURN(std::int64_t case_id, SourceOf(c, public_case_id));
    if (case_id == 0) return std::vector<Attachment>{};
    RUTILE_ASSIGN_OR_RETURN(auto list, ListRows(c, case_id, true));
    for (auto& a : list) a.size_bytes = a.published_bytes;  // the original's size stays private
    return list;
  });
}

Result<AttachmentContent> CaseAttachmentService::Published(const Principal& caller,
                                                           std::int64_t public_case_id,
                                                           std::int64_t n) {
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, Ref(0, access::DataLevel::kPublic)));
  return store::Read(db_, [&](store::Connection& c) -> Result<AttachmentContent> {
    RUTILE_ASSIGN_OR_RETURN(std::int64_t case_id, SourceOf(c, public_case_id));
    if (case_id == 0) return NoAttachment(n);
    RUTILE_ASSIGN_OR_RETURN(
        auto rows, c.Query(std::string("SELECT media_type, published FROM case_attachments "
                                       "WHERE case_id = ? AND n = ? AND published IS NOT NULL "
                                       "AND ") +
                               kPublicReview,
                           {case_id, n}));
    if (rows.empty()) return NoAttachment(n);
    return AttachmentContent{ParseMediaType(rows[0].Text(0)).value_or(MediaType::kPdf),
                             rows[0].Bytes(1)};
  });
}

Result<std::vector<PendingAttachment>> CaseAttachmentService::ListPending(const Principal& caller) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  if (!IsReviewer(caller))
    return PermissionDenied("only platform operators and experts review attachments");
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<PendingAttachment>> {
    RUTILE_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("SELECT a.n, a.media_type, a.size_bytes, LENGTH(a.published), a.created_at, "
                "a.review, a.case_id, f.org_id, f.public_case_id FROM case_attachments a "
                "JOIN failure_cases f ON f.id = a.case_id "
                "WHERE a.review = 'pending' AND a.published IS NOT NULL ORDER BY a.id",
                {}));
    std::vector<PendingAttachment> out;
    for (const auto& r : rows) {
      if (caller.IsMemberOf(r.Int(7))) continue;  // a reviewer does not review their own
      PendingAttachment p;
      p.attachment = FromRow(r);
      p.attachment.size_bytes = p.attachment.published_bytes;
      p.case_id = r.Int(6);
      p.public_case_id = r.OptInt(8).value_or(0);
      out.push_back(std::move(p));
    }
    return out;
  });
}

Result<AttachmentContent> CaseAttachmentService::PendingCopy(const Principal& caller,
                                                             std::int64_t case_id, std::int64_t n) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  if (!IsReviewer(caller))
    return PermissionDenied("only platform operators and experts review attachments");
  return store::Read(db_, [&](store::Connection& c) -> Result<AttachmentContent> {
    RUTILE_ASSIGN_OR_RETURN(
        auto rows, c.Query("SELECT a.media_type, a.published, f.org_id FROM case_attachments a "
                           "JOIN failure_cases f ON f.id = a.case_id WHERE a.case_id = ? AND "
                           "a.n = ? AND a.review = 'pending' AND a.published IS NOT NULL",
                           {case_id, n}));
    if (rows.empty() || caller.IsMemberOf(rows[0].Int(2))) return NoAttachment(n);
    return AttachmentContent{ParseMediaType(rows[0].Text(0)).value_or(MediaType::kPdf),
                             rows[0].Bytes(1)};
  });
}

Result<Attachment> CaseAttachmentService::Decide(const Principal& caller, std::int64_t case_id,
                                                 std::int64_t n, bool approve) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  if (!IsReviewer(caller))
    return PermissionDenied("only platform operators and experts review attachments");
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<Attachment> {
    RUTILE_ASSIGN_OR_RETURN(
        auto rows,
        c.Query(std::string("SELECT ") + kColumns +
                    " FROM case_attachments WHERE case_id = ? AND n = ? AND published IS NOT NULL",
                {case_id, n}));
    if (rows.empty()) return NoAttachment(n);
    RUTILE_ASSIGN_OR_RETURN(auto stored, repository::LoadCase(c, case_id));
    if (caller.IsMemberOf(stored.value.org_id))
      return PermissionDenied("a reviewer does not review an attachment of their own organization");
    Attachment a = FromRow(rows[0]);
    if (a.review != AttachmentReview::kPending)
      return Conflict("attachment " + std::to_string(n) + " is not waiting for review");
    a.review = approve ? AttachmentReview::kApproved : AttachmentReview::kRejected;
    RUTILE_TRY(
        c.Execute("UPDATE case_attachments SET review = ?, reviewed_by = ?, reviewed_at = ? "
                  "WHERE case_id = ? AND n = ? AND review = 'pending'",
                  {std::string(AttachmentReviewName(a.review)), caller.user_id, now, case_id, n}));
    return a;
  });
}

}  // namespace rutile::cases
