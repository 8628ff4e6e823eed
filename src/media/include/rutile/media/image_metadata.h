// Image format sniffing and metadata removal for every photo or image the platform stores
// (case attachments, maintenance photos, self-inspection evidence). Pure functions over bytes;
// thread-safe. The input is outside data: every length is checked before it is used.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rutile/core/result.h"

namespace rutile::media {

enum class ImageFormat { kJpeg, kPng, kWebp };

std::string_view ImageMediaType(ImageFormat format);  // "image/jpeg", "image/png", "image/webp"

// The format the bytes themselves announce (magic numbers), whatever the uploader declared.
std::optional<ImageFormat> SniffImageFormat(std::string_view bytes);

// A copy of a JPEG, PNG or WebP image with every metadata block removed.
// JPEG: keeps APP0 only when it is JFIF/JFXX and APP2 only when it is an ICC profile; drops
// every other APPn (EXIF and XMP in APP1, IPTC in APP13, ...), COM segments and anything after
// EOI. PNG: keeps the critical chunks and the ancillary chunks that only describe how to render
// pixels (tRNS, cHRM, gAMA, iCCP, sBIT, sRGB, bKGD, hIST, pHYs, cICP, APNG frames); drops tEXt,
// zTXt, iTXt, eXIf, tIME and every unknown ancillary chunk; the iCCP profile name is replaced by
// a neutral one. WebP (RIFF): keeps VP8X, ICCP, ANIM, ALPH, VP8, VP8L and ANMF frames (their
// nested chunks filtered the same way); drops EXIF, XMP and every unknown chunk, clears the EXIF
// and XMP flags of VP8X, rewrites the RIFF size and drops anything after the RIFF chunk.
// InvalidArgument (field "file") when the bytes are not a well-formed image of those formats
// (truncated segment or chunk, bad chunk CRC, missing SOS/EOI, IHDR/IDAT/IEND or image data).
Result<std::string> StripImageMetadata(std::string_view bytes);

// CRC-32 of PNG chunks (ISO 3309 polynomial), exposed for tests that build images.
std::uint32_t PngCrc32(std::string_view data);

}  // namespace rutile::media
