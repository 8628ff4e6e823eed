#include "rutile/media/image_metadata.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace rutile::media {
namespace {

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);

Error Malformed(const std::string& what) {
  return InvalidArgument("the image is malformed: " + what, {{"file", what}});
}

std::uint8_t Byte(std::string_view s, std::size_t i) { return static_cast<std::uint8_t>(s[i]); }

std::uint32_t BigEndian32(std::string_view s, std::size_t i) {
  return (std::uint32_t{Byte(s, i)} << 24) | (std::uint32_t{Byte(s, i + 1)} << 16) |
         (std::uint32_t{Byte(s, i + 2)} << 8) | std::uint32_t{Byte(s, i + 3)};
}

std::uint32_t LittleEndian32(std::string_view s, std::size_t i) {
  return std::uint32_t{Byte(s, i)} | (std::uint32_t{Byte(s, i + 1)} << 8) |
         (std::uint32_t{Byte(s, i + 2)} << 16) | (std::uint32_t{Byte(s, i + 3)} << 24);
}

void AppendLittleEndian32(std::string& out, std::uint32_t v) {
  for (int shift = 0; shift <= 24; shift += 8)
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void AppendBigEndian32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

}  // namespace

// CRC-32 as PNG defines it (ISO 3309 / ITU-T V.42 polynomial, reflected 0xEDB88320).
std::uint32_t PngCrc32(std::string_view data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (char ch : data) c = table[(c ^ static_cast<std::uint8_t>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// JPEG markers that stand alone (no length field).
bool Standalone(std::uint8_t marker) {
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
}

// Whether a segment with a length field is kept in the published copy.
bool KeepJpegSegment(std::uint8_t marker, std::string_view payload) {
  if (marker == 0xFE) return false;  // COM
  if (marker == 0xE0)                // APP0: only the JFIF header and its extension
    return StartsWith(payload, std::string_view("JFIF\0", 5)) ||
           StartsWith(payload, std::string_view("JFXX\0", 5));
  if (marker == 0xE2) return StartsWith(payload, std::string_view("ICC_PROFILE\0", 12));
  if (marker >= 0xE1 && marker <= 0xEF) return false;  // EXIF, XMP, IPTC, vendor blocks
  return true;
}

Result<std::string> StripJpeg(std::string_view in) {
  std::string out("\xFF\xD8", 2);
  std::size_t i = 2;
  bool seen_scan = false;
  while (true) {
    if (i >= in.size()) return Malformed("the JPEG ends before its EOI marker");
    if (Byte(in, i) != 0xFF) return Malformed("a JPEG segment does not start with a marker");
    while (i < in.size() && Byte(in, i) == 0xFF) ++i;  // fill bytes
    if (i >= in.size()) return Malformed("the JPEG ends inside a marker");
    const std::uint8_t marker = Byte(in, i++);
    if (marker == 0x00 || marker == 0xD8) return Malformed("unexpected JPEG marker");
    if (marker == 0xD9) {
      if (!seen_scan) return Malformed("the JPEG has no scan (SOS)");
      out.append("\xFF\xD9", 2);
      return out;  // anything after EOI (appended files, trailers) is dropped
    }
    if (Standalone(marker)) {
      out.push_back('\xFF');
      out.push_back(static_cast<char>(marker));
      continue;
    }
    if (i + 2 > in.size()) return Malformed("a JPEG segment length is truncated");
    const std::size_t length = (std::size_t{Byte(in, i)} << 8) | Byte(in, i + 1);
    if (length < 2 || i + length > in.size()) return Malformed("a JPEG segment is truncated");
    const std::string_view payload = in.substr(i + 2, length - 2);
    if (KeepJpegSegment(marker, payload)) {
      out.push_back('\xFF');
      out.push_back(static_cast<char>(marker));
      out.append(in.substr(i, length));
    }
    i += length;
    if (marker != 0xDA) continue;
    // Entropy-coded data after SOS runs to the next marker other than a stuffed 0xFF00 or a
    // restart marker.
    seen_scan = true;
    const std::size_t start = i;
    while (i < in.size()) {
      if (Byte(in, i) != 0xFF) {
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < in.size() && Byte(in, j) == 0xFF) ++j;
      if (j >= in.size()) {
        i = j;  // truncated: the outer loop reports the missing EOI
        break;
      }
      const std::uint8_t next = Byte(in, j);
      if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7)) break;
      i = j + 1;
    }
    out.append(in.substr(start, i - start));
  }
}

// Ancillary PNG chunks that only say how to render the pixels.
bool KeepPngAncillary(std::string_view type) {
  for (std::string_view keep : {"tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "bKGD", "hIST",
                                "pHYs", "cICP", "acTL", "fcTL", "fdAT"})
    if (type == keep) return true;
  return false;
}

bool IsChunkType(std::string_view type) {
  for (char c : type)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
  return true;
}

void AppendChunk(std::string& out, std::string_view type, std::string_view data) {
  AppendBigEndian32(out, static_cast<std::uint32_t>(data.size()));
  std::string body(type);
  body.append(data);
  out.append(body);
  AppendBigEndian32(out, PngCrc32(body));
}

Result<std::string> StripPng(std::string_view in) {
  std::string out(kPngSignature);
  std::size_t i = kPngSignature.size();
  bool first = true, seen_data = false;
  while (true) {
    if (i + 12 > in.size()) return Malformed("the PNG ends before its IEND chunk");
    const std::uint32_t length = BigEndian32(in, i);
    if (length > 0x7FFFFFFFu || length > in.size() - i - 12)
      return Malformed("a PNG chunk is truncated");
    const std::string_view type = in.substr(i + 4, 4);
    const std::string_view data = in.substr(i + 8, length);
    if (!IsChunkType(type)) return Malformed("a PNG chunk type is not four letters");
    if (PngCrc32(in.substr(i + 4, 4 + length)) != BigEndian32(in, i + 8 + length))
      return Malformed("a PNG chunk has a wrong CRC");
    const std::string_view whole = in.substr(i, 12 + length);
    i += 12 + length;
    if (first && type != "IHDR") return Malformed("the PNG does not start with IHDR");
    first = false;
    const bool critical = type[0] >= 'A' && type[0] <= 'Z';
    if (type == "IEND") {
      if (!seen_data) return Malformed("the PNG has no image data (IDAT)");
      out.append(whole);
      return out;  // anything after IEND is dropped
    }
    if (type == "IDAT") seen_data = true;
    if (critical) {
      if (type != "IHDR" && type != "PLTE" && type != "IDAT")
        return Malformed("the PNG has an unknown critical chunk");
      out.append(whole);
    } else if (type == "iCCP") {
      // The profile name is free Latin-1 text; the compressed profile after it is kept.
      const std::size_t nul = data.find('\0');
      if (nul == std::string_view::npos || nul == 0 || nul > 79)
        return Malformed("the PNG iCCP chunk has no profile name");
      AppendChunk(out, type,
                  std::string("ICC profile", 11) + '\0' + std::string(data.substr(nul + 1)));
    } else if (KeepPngAncillary(type)) {
      out.append(whole);
    }
  }
}

// WebP (RIFF container, https://developers.google.com/speed/webp/docs/riff_container): chunks
// of FourCC, little-endian size and payload padded to an even length.
constexpr std::uint8_t kVp8xExifFlag = 0x08;
constexpr std::uint8_t kVp8xXmpFlag = 0x04;

struct RiffChunk {
  std::string_view fourcc;
  std::string_view payload;
};

// Splits `in` into chunks; anything but whole chunks (a truncated one) is malformed.
Result<std::vector<RiffChunk>> RiffChunks(std::string_view in) {
  std::vector<RiffChunk> out;
  std::size_t i = 0;
  while (i < in.size()) {
    if (in.size() - i < 8) return Malformed("a WebP chunk header is truncated");
    const std::uint32_t size = LittleEndian32(in, i + 4);
    const std::size_t padded = std::size_t{size} + (size & 1);
    if (padded > in.size() - i - 8) {
      // The last chunk may lack its padding byte.
      if (std::size_t{size} != in.size() - i - 8) return Malformed("a WebP chunk is truncated");
    }
    out.push_back({in.substr(i, 4), in.substr(i + 8, size)});
    i += 8 + std::min(padded, in.size() - i - 8);
  }
  return out;
}

void AppendRiffChunk(std::string& out, std::string_view fourcc, std::string_view payload) {
  out.append(fourcc);
  AppendLittleEndian32(out, static_cast<std::uint32_t>(payload.size()));
  out.append(payload);
  if (payload.size() & 1) out.push_back('\0');
}

bool IsImageData(std::string_view fourcc) { return fourcc == "VP8 " || fourcc == "VP8L"; }

// The frame header of ANMF (16 bytes) followed by the frame's own chunks: only alpha and image
// data are kept.
Result<std::string> StripAnimationFrame(std::string_view payload) {
  if (payload.size() < 16) return Malformed("a WebP ANMF chunk is truncated");
  std::string out(payload.substr(0, 16));
  RUTILE_ASSIGN_OR_RETURN(auto chunks, RiffChunks(payload.substr(16)));
  bool image = false;
  for (const auto& c : chunks) {
    if (c.fourcc == "ALPH" || IsImageData(c.fourcc)) AppendRiffChunk(out, c.fourcc, c.payload);
    image = image || IsImageData(c.fourcc);
  }
  if (!image) return Malformed("a WebP animation frame has no image data");
  return out;
}

Result<std::string> StripWebp(std::string_view in) {
  const std::uint32_t riff_size = LittleEndian32(in, 4);
  if (riff_size < 4 || riff_size > in.size() - 8) return Malformed("the WebP RIFF size is wrong");
  RUTILE_ASSIGN_OR_RETURN(auto chunks, RiffChunks(in.substr(12, riff_size - 4)));
  if (chunks.empty()) return Malformed("the WebP has no chunks");
  std::string body("WEBP");
  bool image = false;
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    const RiffChunk& c = chunks[k];
    if (c.fourcc == "VP8X") {
      if (k != 0 || c.payload.size() != 10) return Malformed("the WebP VP8X chunk is misplaced");
      std::string header(c.payload);
      header[0] = static_cast<char>(Byte(header, 0) & ~(kVp8xExifFlag | kVp8xXmpFlag));
      AppendRiffChunk(body, c.fourcc, header);
    } else if (c.fourcc == "ANMF") {
      RUTILE_ASSIGN_OR_RETURN(std::string frame, StripAnimationFrame(c.payload));
      AppendRiffChunk(body, c.fourcc, frame);
      image = true;
    } else if (c.fourcc == "ICCP" || c.fourcc == "ANIM" || c.fourcc == "ALPH" ||
               IsImageData(c.fourcc)) {
      AppendRiffChunk(body, c.fourcc, c.payload);
      image = image || IsImageData(c.fourcc);
    }
    // EXIF, "XMP " and every unknown chunk are dropped.
  }
  if (!image) return Malformed("the WebP has no image data (VP8, VP8L or ANMF)");
  std::string out("RIFF");
  AppendLittleEndian32(out, static_cast<std::uint32_t>(body.size()));
  out.append(body);
  return out;  // anything after the RIFF chunk is dropped
}

}  // namespace

std::string_view ImageMediaType(ImageFormat format) {
  switch (format) {
    case ImageFormat::kJpeg:
      return "image/jpeg";
    case ImageFormat::kPng:
      return "image/png";
    case ImageFormat::kWebp:
      return "image/webp";
  }
  return "application/octet-stream";
}

std::optional<ImageFormat> SniffImageFormat(std::string_view bytes) {
  if (StartsWith(bytes, "\xFF\xD8\xFF")) return ImageFormat::kJpeg;
  if (StartsWith(bytes, kPngSignature)) return ImageFormat::kPng;
  if (bytes.size() >= 12 && StartsWith(bytes, "RIFF") && bytes.substr(8, 4) == "WEBP")
    return ImageFormat::kWebp;
  return std::nullopt;
}

Result<std::string> StripImageMetadata(std::string_view bytes) {
  const std::optional<ImageFormat> format = SniffImageFormat(bytes);
  if (!format)
    return InvalidArgument("only JPEG, PNG and WebP images can be stripped of metadata",
                           {{"file", "is not a JPEG, PNG or WebP image"}});
  switch (*format) {
    case ImageFormat::kJpeg:
      return StripJpeg(bytes);
    case ImageFormat::kPng:
      return StripPng(bytes);
    case ImageFormat::kWebp:
      return StripWebp(bytes);
  }
  return Malformed("unknown image format");
}

}  // namespace rutile::media
