// Media types of case attachments. Images lose their metadata through rutile::media (JPEG, PNG
// and WebP); PDF files are accepted but never published. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "rutile/media/image_metadata.h"

namespace rutile::cases {

enum class MediaType { kJpeg, kPng, kPdf, kWebp };

// "image/jpeg", "image/png", "application/pdf", "image/webp"
std::string_view MediaTypeName(MediaType type);

// The type the bytes themselves announce (magic numbers), whatever the uploader declared.
std::optional<MediaType> SniffMediaType(std::string_view bytes);

using media::PngCrc32;
using media::StripImageMetadata;

}  // namespace rutile::cases
