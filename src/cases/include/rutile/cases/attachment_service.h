// CaseAttachmentService: photos and files of a private case. The original stays private to the
// owning organization; for JPEG and PNG a copy without any metadata (StripImageMetadata) is kept
// beside it and is the only form readers of the public record get, once the case is published.
// PDF files stay private. Holds references to the database and clock; thread-safe.
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

struct Attachment {
  std::int64_t n = 0;  // 1, 2, ... within its case
  MediaType media_type = MediaType::kJpeg;
  std::int64_t size_bytes = 0;       // of the original
  std::int64_t published_bytes = 0;  // of the stripped copy; 0 when not publishable (PDF)
  std::int64_t created_at = 0;
};

struct AttachmentContent {
  MediaType media_type = MediaType::kJpeg;
  std::string bytes;
};

class CaseAttachmentService {
 public:
  CaseAttachmentService(store::Database& db, const Clock& clock, AttachmentOptions options = {});

  // A member of the owning organization adds a file. The type is sniffed from the bytes;
  // anything but JPEG, PNG or PDF, an empty or oversized body, or a malformed image is an
  // InvalidArgument on field "file".
  Result<Attachment> Upload(const access::Principal& caller, std::int64_t case_id,
                            std::string_view bytes);
  Result<std::vector<Attachment>> List(const access::Principal& caller, std::int64_t case_id);
  // The original, for members of the owning organization.
  Result<AttachmentContent> Original(const access::Principal& caller, std::int64_t case_id,
                                     std::int64_t n);

  // The public side, keyed by the public case id: stripped copies only.
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
