// Media type sniffing and metadata removal for case attachments. Pure functions over bytes;
// thread-safe. The input is outside data: every length is checked before it is used.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rutile/core/result.h"

namespace rutile::cases {

enum class MediaType { kJpeg, kPng, kPdf };

std::string_view MediaTypeName(MediaType type);  // "image/jpeg", "image/png", "application/pdf"

// The type the bytes themselves announce (magic numbers), whatever the uploader declared.
std::optional<MediaType> SniffMediaType(std::string_view bytes);

// A copy of a JPEG or PNG image with every metadata block removed.
// JPEG: keeps APP0 only when it is JFIF/JFXX and APP2 only when it is an ICC profile; drops
// every other APPn (EXIF and XMP in APP1, IPTC in APP13, ...), COM segments and anything after
// EOI. PNG: keeps the critical chunks and the ancillary chunks that only describe how to render
// pixels (tRNS, cHRM, gAMA, iCCP, sBIT, sRGB, bKGD, hIST, pHYs, cICP, APNG frames); drops tEXt,
// zTXt, iTXt, eXIf, tIME and every unknown ancillary chunk; the iCCP profile name is replaced by
// a neutral one. InvalidArgument (field "file") when the bytes are not a well-formed JPEG or PNG
// (truncated segment, bad chunk CRC, missing SOS/EOI or IHDR/IDAT/IEND).
Result<std::string> StripImageMetadata(std::string_view bytes);

// CRC-32 of PNG chunks (ISO 3309 polynomial), exposed for tests that build images.
std::uint32_t PngCrc32(std::string_view data);

}  // namespace rutile::cases
