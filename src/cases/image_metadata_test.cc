#include "rutile/cases/image_metadata.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "leak_check.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;

std::string Be16(std::size_t v) {
  return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)};
}
std::string Be32(std::uint32_t v) { return Be16(v >> 16) + Be16(v & 0xFFFF); }

std::string Segment(std::uint8_t marker, const std::string& payload) {
  return std::string("\xFF", 1) + static_cast<char>(marker) + Be16(payload.size() + 2) + payload;
}

// Every planted identifier of the corpus: whatever hides in metadata must not survive.
std::vector<std::string> Planted() {
  std::ifstream in(RUTILE_CASES_CORPUS);
  std::stringstream ss;
  ss << in.rdbuf();
  const json::value corpus = json::parse(ss.str());
  std::vector<std::string> out;
  for (const auto& t : corpus.at("texts").as_array())
    for (const auto& p : t.at("planted").as_array()) out.emplace_back(p.as_string());
  return out;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += p + " ";
  return out;
}

// A big-endian TIFF/EXIF block: IFD0 with Artist and a GPS IFD pointer; the GPS IFD holds
// latitude 51° 31' 25.26" N.
std::string ExifWithGps(const std::string& artist) {
  std::string tiff = "MM" + Be16(42) + Be32(8);
  const std::uint32_t ifd0 = 8, ifd0_size = 2 + 2 * 12 + 4;
  const std::uint32_t artist_at = ifd0 + ifd0_size;
  const std::string artist_z = artist + '\0';
  const std::uint32_t gps_at = artist_at + static_cast<std::uint32_t>(artist_z.size());
  const std::uint32_t gps_size = 2 + 2 * 12 + 4;
  const std::uint32_t lat_at = gps_at + gps_size;
  tiff += Be16(2);
  tiff +=
      Be16(0x013B) + Be16(2) + Be32(static_cast<std::uint32_t>(artist_z.size())) + Be32(artist_at);
  tiff += Be16(0x8825) + Be16(4) + Be32(1) + Be32(gps_at);
  tiff += Be32(0);
  tiff += artist_z;
  tiff += Be16(2);
  tiff += Be16(0x0001) + Be16(2) + Be32(2) + std::string("N\0\0\0", 4);  // GPSLatitudeRef
  tiff += Be16(0x0002) + Be16(5) + Be32(3) + Be32(lat_at);               // GPSLatitude
  tiff += Be32(0);
  tiff += Be32(51) + Be32(1) + Be32(31) + Be32(1) + Be32(2526) + Be32(100);
  return std::string("Exif\0\0", 6) + tiff;
}

constexpr char kJfif[] = "JFIF\0\x01\x01\0\0\x01\0\x01\0\0";

// A decodable 8x8 grey baseline JPEG (one block, DC difference 0, end of block) wrapped in
// every kind of metadata segment.
std::string JpegWithMetadata(const std::string& planted) {
  std::string j("\xFF\xD8", 2);
  j += Segment(0xE0, std::string(kJfif, sizeof kJfif - 1));
  j += Segment(0xE1, ExifWithGps("John Carter"));
  j += Segment(0xE1, "http://ns.adobe.com/xap/1.0/" + std::string(1, '\0') +
                         "<x:xmpmeta><dc:creator>" + planted + "</dc:creator></x:xmpmeta>");
  j += Segment(0xE2, std::string("ICC_PROFILE\0\x01\x01", 14) + "fake profile bytes");
  j += Segment(0xE2, std::string("MPF\0", 4) + planted);
  j += Segment(0xED, std::string("Photoshop 3.0\0", 14) + "8BIM\x04\x04" + planted);
  j += Segment(0xFE, "taken by " + planted);
  j += Segment(0xDB, std::string(1, '\0') + std::string(64, '\x01'));    // DQT, all ones
  j += Segment(0xC0, std::string("\x08\0\x08\0\x08\x01\x01\x11\0", 9));  // SOF0 8x8, 1 comp
  // DHT: DC table 0 and AC table 0, each one code of length 1 for symbol 0.
  j += Segment(0xC4, std::string("\x00\x01", 2) + std::string(15, '\0') + std::string(1, '\0'));
  j += Segment(0xC4, std::string("\x10\x01", 2) + std::string(15, '\0') + std::string(1, '\0'));
  j += Segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6));  // SOS
  j += "\x3F";                                                     // DC 0, EOB, padding
  j += "\xFF\xD9";
  j += "trailer after EOI: " + planted;
  return j;
}

struct JpegMarkers {
  std::vector<std::uint8_t> markers;
  bool ok = false;
};

// Walks the segments the way a decoder does; ok when SOI ... SOS ... EOI is intact.
JpegMarkers Walk(const std::string& j) {
  JpegMarkers m;
  if (j.size() < 4 || j.substr(0, 2) != "\xFF\xD8") return m;
  std::size_t i = 2;
  while (i + 1 < j.size()) {
    if (static_cast<std::uint8_t>(j[i]) != 0xFF) return m;
    const auto marker = static_cast<std::uint8_t>(j[i + 1]);
    m.markers.push_back(marker);
    if (marker == 0xD9) {
      m.ok = i + 2 == j.size();
      return m;
    }
    const std::size_t len =
        (static_cast<std::uint8_t>(j[i + 2]) << 8) | static_cast<std::uint8_t>(j[i + 3]);
    i += 2 + len;
    if (marker == 0xDA) {
      while (i + 1 < j.size() && !(static_cast<std::uint8_t>(j[i]) == 0xFF &&
                                   static_cast<std::uint8_t>(j[i + 1]) != 0 &&
                                   (static_cast<std::uint8_t>(j[i + 1]) & 0xF8) != 0xD0))
        ++i;
    }
  }
  return m;
}

TEST(ImageMetadataTest, SniffsByContentNotByName) {
  EXPECT_EQ(SniffMediaType("\xFF\xD8\xFF\xE0"), MediaType::kJpeg);
  EXPECT_EQ(SniffMediaType(std::string("\x89PNG\r\n\x1a\n", 8)), MediaType::kPng);
  EXPECT_EQ(SniffMediaType("%PDF-1.7\n"), MediaType::kPdf);
  EXPECT_EQ(SniffMediaType(std::string("RIFF\x04\0\0\0WEBP", 12)), MediaType::kWebp);
  EXPECT_EQ(SniffMediaType(std::string("RIFF\x04\0\0\0WAVE", 12)), std::nullopt);
  EXPECT_EQ(SniffMediaType("GIF89a"), std::nullopt);
  EXPECT_EQ(SniffMediaType("<html>"), std::nullopt);
  EXPECT_EQ(SniffMediaType(""), std::nullopt);
}

TEST(ImageMetadataTest, JpegLosesExifGpsXmpIptcAndComments) {
  const std::vector<std::string> planted = Planted();
  const std::string original = JpegWithMetadata(Joined(planted));
  ASSERT_FALSE(testing::Leaks(original, {"John Carter"}).empty());
  auto stripped = StripImageMetadata(original);
  ASSERT_TRUE(stripped.has_value()) << stripped.error().ToString();
  EXPECT_EQ(stripped->find("Exif"), std::string::npos);
  EXPECT_EQ(stripped->find("MM\0*", 0, 4), std::string::npos);  // no TIFF header left
  EXPECT_EQ(stripped->find("John Carter"), std::string::npos);
  EXPECT_EQ(stripped->find("xmpmeta"), std::string::npos);
  EXPECT_EQ(stripped->find("8BIM"), std::string::npos);
  EXPECT_EQ(stripped->find("MPF"), std::string::npos);
  EXPECT_EQ(stripped->find("trailer"), std::string::npos);
  EXPECT_EQ(testing::Leaks(*stripped, planted), std::vector<std::string>{});
  // Still a JPEG: SOI, JFIF, ICC, tables, frame, scan, EOI in order.
  JpegMarkers m = Walk(*stripped);
  ASSERT_TRUE(m.ok);
  EXPECT_EQ(m.markers, (std::vector<std::uint8_t>{0xE0, 0xE2, 0xDB, 0xC0, 0xC4, 0xC4, 0xDA, 0xD9}));
  EXPECT_NE(stripped->find("JFIF"), std::string::npos);
  EXPECT_NE(stripped->find("ICC_PROFILE"), std::string::npos);
  // The pixels are untouched and stripping twice changes nothing.
  EXPECT_EQ(stripped->substr(stripped->size() - 3), "\x3F\xFF\xD9");
  EXPECT_EQ(StripImageMetadata(*stripped).value(), *stripped);
}

TEST(ImageMetadataTest, JpegScanDataWithStuffingAndRestartsIsCopied) {
  std::string j("\xFF\xD8", 2);
  j += Segment(0xDB, std::string(1, '\0') + std::string(64, '\x01'));
  j += Segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6));
  const std::string scan("\x12\xFF\x00\x34\xFF\xD0\x56\xFF\xFF\x00\x78", 11);
  j += scan;
  j += Segment(0xFE, "comment between scans");
  j += Segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6));
  j += "\x9A\xFF\xD9";
  auto stripped = StripImageMetadata(j);
  ASSERT_TRUE(stripped.has_value()) << stripped.error().ToString();
  EXPECT_NE(stripped->find(scan), std::string::npos);
  EXPECT_EQ(stripped->find("comment"), std::string::npos);
}

TEST(ImageMetadataTest, MalformedJpegIsRefusedWithAFieldError) {
  const std::string good = JpegWithMetadata("x");
  for (const std::string& bad :
       {good.substr(0, 40), good.substr(0, good.size() - 25), std::string("\xFF\xD8\xFF\xD9", 4),
        std::string("\xFF\xD8\x00\x00", 4), std::string("\xFF\xD8\xFF\xE1\x00\x01", 6),
        std::string("\xFF\xD8\xFF\xE1\xFF\xFF", 6)}) {
    auto r = StripImageMetadata(bad);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    ASSERT_EQ(r.error().fields().size(), 1u);
    EXPECT_EQ(r.error().fields()[0].field, "file");
  }
}

std::string Chunk(const std::string& type, const std::string& data) {
  return Be32(static_cast<std::uint32_t>(data.size())) + type + data + Be32(PngCrc32(type + data));
}

// 1x1 8-bit grey PNG; the IDAT is a stored zlib block of (filter 0, pixel 0x80).
const std::string kIhdr = Chunk("IHDR", Be32(1) + Be32(1) + std::string("\x08\0\0\0\0", 5));
const std::string kIdat =
    Chunk("IDAT", std::string("\x78\x01\x01\x02\x00\xFD\xFF\x00\x80\x00\x82\x00\x81", 13));
const std::string kIend = Chunk("IEND", "");

std::string PngWithMetadata(const std::string& planted) {
  std::string p("\x89PNG\r\n\x1a\n", 8);
  p += kIhdr;
  p += Chunk("iCCP", "John Carter" + std::string("\0\0", 2) + "profile");
  p += Chunk("gAMA", Be32(45455));
  p += Chunk("tEXt", "Author" + std::string(1, '\0') + planted);
  p += Chunk("zTXt", "Comment" + std::string(2, '\0') + planted);
  p += Chunk("iTXt", "Description" + std::string(5, '\0') + planted);
  p += Chunk("eXIf", ExifWithGps("John Carter").substr(6));
  p += Chunk("tIME", Be16(2024) + std::string("\x05\x11\x0c\x00\x00", 5));
  p += Chunk("prVt", planted);  // unknown private ancillary chunk
  p += kIdat;
  p += kIend;
  p += "after IEND " + planted;
  return p;
}

// Chunk types in order, or empty when a CRC or length is wrong.
std::vector<std::string> PngChunks(const std::string& p) {
  std::vector<std::string> types;
  std::size_t i = 8;
  while (i + 12 <= p.size()) {
    const std::uint32_t len =
        (static_cast<std::uint8_t>(p[i]) << 24) | (static_cast<std::uint8_t>(p[i + 1]) << 16) |
        (static_cast<std::uint8_t>(p[i + 2]) << 8) | static_cast<std::uint8_t>(p[i + 3]);
    if (i + 12 + len > p.size()) return {};
    const std::string body = p.substr(i + 4, 4 + len);
    if (Be32(PngCrc32(body)) != p.substr(i + 8 + len, 4)) return {};
    types.push_back(body.substr(0, 4));
    i += 12 + len;
  }
  if (i != p.size()) return {};
  return types;
}

TEST(ImageMetadataTest, PngLosesTextTimeExifAndUnknownChunksAndKeepsValidCrcs) {
  const std::vector<std::string> planted = Planted();
  const std::string original = PngWithMetadata(Joined(planted));
  auto stripped = StripImageMetadata(original);
  ASSERT_TRUE(stripped.has_value()) << stripped.error().ToString();
  EXPECT_EQ(PngChunks(*stripped),
            (std::vector<std::string>{"IHDR", "iCCP", "gAMA", "IDAT", "IEND"}));
  EXPECT_EQ(stripped->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(stripped->find("John Carter"), std::string::npos);
  EXPECT_EQ(stripped->find("Author"), std::string::npos);
  EXPECT_EQ(testing::Leaks(*stripped, planted), std::vector<std::string>{});
  EXPECT_NE(stripped->find(kIdat), std::string::npos);
  EXPECT_EQ(StripImageMetadata(*stripped).value(), *stripped);
}

TEST(ImageMetadataTest, MalformedPngIsRefused) {
  std::string bad_crc = std::string("\x89PNG\r\n\x1a\n", 8) + kIhdr + kIdat + kIend;
  bad_crc[8 + 12] ^= 1;  // inside the IHDR data
  const std::string sig("\x89PNG\r\n\x1a\n", 8);
  for (const std::string& bad :
       {bad_crc, sig + kIhdr + kIdat, sig + kIdat + kIend, sig + kIhdr + kIend,
        sig + kIhdr + Chunk("ZZZZ", "") + kIdat + kIend,
        sig + std::string("\x7F\xFF\xFF\xFFIDAT", 8)}) {
    auto r = StripImageMetadata(bad);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(StripImageMetadata("%PDF-1.4 ...").has_value());
}

}  // namespace
}  // namespace rutile::cases
