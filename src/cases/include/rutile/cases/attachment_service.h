// CaseAttachmentService: photos and files of a private case. The original stays private to the
// owning organization; for JPEG, PNG and WebP a copy without any metadata (StripImageMetadata)
// is kept beside it and is the only form readers of the public record get. Nothing becomes
// public at upload time: attachments added before publication was requested go public with the
// case's approved publication; attachments added later wait for their own review by a platform
// operator or expert (as the case's publication did). PDF files stay private. Holds references
// to the database and clock; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/cases/image_metadata.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/store/database.h"

namespace rutile::cases {

struct AttachmentOptions {
  std::size_t max_bytes = 1024 * 1024;  // the server's default body limit is 1 MiB as well
};

// Where an attachment stands on the way to the public record.
enum class AttachmentReview {
  kWithCase,  // added before publication was requested: public once the case is published
  kPending,   // added afterwards: private until a reviewer approves it
  kApproved,
  kRejected,  // stays private
};
std::string_view AttachmentReviewName(AttachmentReview review);  // "with_case", "pending", ...

struct Attachment {
  std::int64_t n = 0;  // 1, 2, ... within its case
  MediaType media_type = MediaType::kJpeg;
  std::int64_t size_bytes = 0;       // of the original
  std::int64_t published_bytes = 0;  // of the stripped copy; 0 when not publishable (PDF)
  std::int64_t created_at = 0;
  AttachmentReview review = AttachmentReview::kWithCase;
};

// An attachment waiting for review, as reviewers see it: never the original, no uploader.
struct PendingAttachment {
  std::int64_t case_id = 0;
  std::int64_t public_case_id = 0;
  Attachment attachment;
};

struct AttachmentContent {
  MediaType media_type = MediaType::kJpeg;
  std::string bytes;
};

class CaseAttachmentService {
 public:
  CaseAttachmentService(store::Database& db, const Clock& clock, AttachmentOptions options = {});

  // A member of the owning organization adds a file. The type is sniffed from the bytes;
  // anything but JPEG, PNG, WebP or PDF, an empty or oversized body, or a malformed image is an
  // InvalidArgument on field "file".
  Result<Attachment> Upload(const access::Principal& caller, std::int64_t case_id,
                            std::string_view bytes);
  Result<std::vector<Attachment>> List(const access::Principal& caller, std::int64_t case_id);
  // The original, for members of the owning organization.
  Result<AttachmentContent> Original(const access::Principal& caller, std::int64_t case_id,
                                     std::int64_t n);

  // Reviewers (platform operators and experts, not of the owning organization): the attachments
  // added after publication was requested, oldest first; the stripped copy of one of them
  // (kNotFound for one that is not pending); approving makes it public, rejecting keeps it
  // private. kConflict when it is no longer pending.
  Result<std::vector<PendingAttachment>> ListPending(const access::Principal& caller);
  Result<AttachmentContent> PendingCopy(const access::Principal& caller, std::int64_t case_id,
                                        std::int64_t n);
  Result<Attachment> Decide(const access::Principal& caller, std::int64_t case_id, std::int64_t n,
                            bool approve);

  // The public side, keyed by the public case id: stripped copies of approved attachments
  // (kWithCase or kApproved) only; a pending or rejected one is reported as missing.
  Result<std::vector<Attachment>> ListPublic(const access::Principal& caller,
                                             std::int64_t public_case_id);
  Result<AttachmentContent> Published(const access::Principal& caller, std::int64_t public_case_id,
                                      std::int64_t n);

 private:
  store::Database& db_;
  const Clock& clock_;
  AttachmentOptions options_;
};

}  // namespace rutile::cases
