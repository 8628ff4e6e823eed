// Crafted images for tests: small well-formed JPEG, PNG and WebP files whose metadata carries a
// GPS position (EXIF) and an XMP packet naming a person (kName). Header-only, test code only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rutile/core/base64.h"
#include "rutile/media/image_metadata.h"

namespace rutile::media::testing {

inline std::string Be16(std::size_t v) {
  return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)};
}
inline std::string Be32(std::uint32_t v) { return Be16(v >> 16) + Be16(v & 0xFFFF); }
inline std::string Le32(std::uint32_t v) {
  std::string out;
  for (int shift = 0; shift <= 24; shift += 8)
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
  return out;
}

inline constexpr char kName[] = "Wang Jianguo";

// A big-endian TIFF block (no "Exif" prefix): IFD0 with Artist and a GPS IFD pointer; the GPS
// IFD holds latitude 31° 17' 56" N.
inline std::string TiffWithGps() {
  std::string tiff = "MM" + Be16(42) + Be32(8);
  const std::uint32_t ifd0 = 8, ifd_size = 2 + 2 * 12 + 4;
  const std::string artist = std::string(kName) + '\0';
  const std::uint32_t artist_at = ifd0 + ifd_size;
  const std::uint32_t gps_at = artist_at + static_cast<std::uint32_t>(artist.size());
  const std::uint32_t lat_at = gps_at + ifd_size;
  tiff += Be16(2);
  tiff +=
      Be16(0x013B) + Be16(2) + Be32(static_cast<std::uint32_t>(artist.size())) + Be32(artist_at);
  tiff += Be16(0x8825) + Be16(4) + Be32(1) + Be32(gps_at);
  tiff += Be32(0);
  tiff += artist;
  tiff += Be16(2);
  tiff += Be16(0x0001) + Be16(2) + Be32(2) + std::string("N\0\0\0", 4);  // GPSLatitudeRef
  tiff += Be16(0x0002) + Be16(5) + Be32(3) + Be32(lat_at);               // GPSLatitude
  tiff += Be32(0);
  tiff += Be32(31) + Be32(1) + Be32(17) + Be32(1) + Be32(56) + Be32(1);
  return tiff;
}

inline std::string Xmp() {
  return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description><dc:creator>" +
         std::string(kName) + "</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>";
}

inline std::string Segment(std::uint8_t marker, const std::string& payload) {
  return std::string("\xFF", 1) + static_cast<char>(marker) + Be16(payload.size() + 2) + payload;
}

inline std::string JpegWithGpsAndXmp() {
  std::string j("\xFF\xD8", 2);
  j += Segment(0xE0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14));
  j += Segment(0xE1, std::string("Exif\0\0", 6) + TiffWithGps());
  j += Segment(0xE1, "http://ns.adobe.com/xap/1.0/" + std::string(1, '\0') + Xmp());
  j += Segment(0xDB, std::string(1, '\0') + std::string(64, '\x01'));
  j += Segment(0xC0, std::string("\x08\0\x08\0\x08\x01\x01\x11\0", 9));
  j += Segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6));
  j += "\x3F\xFF\xD9";
  return j;
}

inline std::string PngChunk(const std::string& type, const std::string& data) {
  return Be32(static_cast<std::uint32_t>(data.size())) + type + data + Be32(PngCrc32(type + data));
}

inline std::string PngWithGpsAndXmp() {
  std::string p("\x89PNG\r\n\x1a\n", 8);
  p += PngChunk("IHDR", Be32(1) + Be32(1) + std::string("\x08\0\0\0\0", 5));
  p += PngChunk("eXIf", TiffWithGps());
  p += PngChunk("iTXt", "XML:com.adobe.xmp" + std::string(5, '\0') + Xmp());
  p += PngChunk("IDAT", std::string("\x78\x01\x01\x02\x00\xFD\xFF\x00\x80\x00\x82\x00\x81", 13));
  p += PngChunk("IEND", "");
  return p;
}

inline std::string RiffChunk(const std::string& fourcc, const std::string& payload) {
  std::string c = fourcc + Le32(static_cast<std::uint32_t>(payload.size())) + payload;
  if (payload.size() % 2) c.push_back('\0');
  return c;
}

inline std::string Riff(const std::string& chunks) {
  return "RIFF" + Le32(static_cast<std::uint32_t>(4 + chunks.size())) + "WEBP" + chunks;
}

// A 1x1 lossless image.
inline const std::string kVp8l("\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00", 14);

// VP8X header: flags (ICC 0x20, alpha 0x10, EXIF 0x08, XMP 0x04, animation 0x02), 3 reserved
// bytes, canvas width - 1 and height - 1 (24 bits each).
inline std::string Vp8x(std::uint8_t flags) {
  return RiffChunk("VP8X", std::string(1, static_cast<char>(flags)) + std::string(3, '\0') +
                               std::string(6, '\0'));
}

inline std::string WebpWithGpsAndXmp() {
  return Riff(Vp8x(0x08 | 0x04) + RiffChunk("VP8L", kVp8l) +
              RiffChunk("EXIF", std::string("Exif\0\0", 6) + TiffWithGps()) +
              RiffChunk("XMP ", Xmp()) + RiffChunk("priv", kName)) +
         "after the RIFF chunk " + kName;
}

// Standard base64 with padding, for request bodies.
inline std::string Base64(std::string_view in) { return base64::Encode(in); }

// True when any of the planted metadata is left: a TIFF/EXIF header, the name or the XMP packet.
inline bool CarriesMetadata(std::string_view image) {
  return image.find(std::string_view("MM\0*", 4)) != std::string_view::npos ||
         image.find(kName) != std::string_view::npos ||
         image.find("xmpmeta") != std::string_view::npos ||
         image.find("Exif") != std::string_view::npos;
}

}  // namespace rutile::media::testing
