#include "rutile/media/image_metadata.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rutile/media/crafted_images.h"

namespace rutile::media {
namespace {

using namespace testing;  // the crafted images

// Nothing of the planted metadata is left: no TIFF header, GPS values, name or XMP packet.
void ExpectClean(const std::string& image) {
  EXPECT_EQ(image.find("MM\0*", 0, 4), std::string::npos);
  EXPECT_EQ(image.find(kName), std::string::npos);
  EXPECT_EQ(image.find("xmpmeta"), std::string::npos);
  EXPECT_EQ(image.find("Exif"), std::string::npos);
}

// The chunks of a WebP, in order; empty when the RIFF size or a chunk size is wrong.
std::vector<std::string> WebpChunks(const std::string& w) {
  if (w.size() < 12 || w.substr(0, 4) != "RIFF" || w.substr(8, 4) != "WEBP") return {};
  const std::uint32_t size = static_cast<std::uint8_t>(w[4]) |
                             (static_cast<std::uint8_t>(w[5]) << 8) |
                             (static_cast<std::uint8_t>(w[6]) << 16) |
                             (static_cast<std::uint32_t>(static_cast<std::uint8_t>(w[7])) << 24);
  if (size + 8 != w.size()) return {};
  std::vector<std::string> out;
  std::size_t i = 12;
  while (i + 8 <= w.size()) {
    const std::uint32_t n = static_cast<std::uint8_t>(w[i + 4]) |
                            (static_cast<std::uint8_t>(w[i + 5]) << 8) |
                            (static_cast<std::uint8_t>(w[i + 6]) << 16);
    out.push_back(w.substr(i, 4));
    i += 8 + n + (n % 2);
  }
  if (i != w.size()) return {};
  return out;
}

TEST(MediaImageMetadataTest, SniffsJpegPngAndWebpByContent) {
  EXPECT_EQ(SniffImageFormat("\xFF\xD8\xFF\xE0"), ImageFormat::kJpeg);
  EXPECT_EQ(SniffImageFormat(std::string("\x89PNG\r\n\x1a\n", 8)), ImageFormat::kPng);
  EXPECT_EQ(SniffImageFormat(Riff("")), ImageFormat::kWebp);
  EXPECT_EQ(SniffImageFormat("RIFF\x04\0\0\0WAVE"), std::nullopt);
  EXPECT_EQ(SniffImageFormat("GIF89a"), std::nullopt);
  EXPECT_EQ(SniffImageFormat("%PDF-1.7"), std::nullopt);
  EXPECT_EQ(ImageMediaType(ImageFormat::kWebp), "image/webp");
}

TEST(MediaImageMetadataTest, JpegLosesGpsExifAndXmp) {
  const std::string original = JpegWithGpsAndXmp();
  ASSERT_NE(original.find(kName), std::string::npos);
  auto stripped = StripImageMetadata(original);
  ASSERT_TRUE(stripped.has_value()) << stripped.error().ToString();
  ExpectClean(*stripped);
  EXPECT_NE(stripped->find("JFIF"), std::string::npos);
  EXPECT_EQ(StripImageMetadata(*stripped).value(), *stripped);
}

TEST(MediaImageMetadataTest, PngLosesGpsExifAndXmp) {
  const std::string original = PngWithGpsAndXmp();
  ASSERT_NE(original.find(kName), std::string::npos);
  auto stripped = StripImageMetadata(original);
  ASSERT_TRUE(stripped.has_value()) << stripped.error().ToString();
  ExpectClean(*stripped);
  EXPECT_EQ(stripped->find("eXIf"), std::string::npos);
  EXPECT_EQ(stripped->find("iTXt"), std::string::npos);
  EXPECT_EQ(StripImageMetadata(*stripped).value(), *stripped);
}

TEST(MediaImageMetadataTest, WebpLosesExifXmpAndUnknownChunksAndItsFlags) {
  const std::string original = WebpWithGpsAndXmp();
  ASSERT_NE(original.find(kName), std::string::npos);
  auto stripped = StripImageMetadata(original);
  ASSERT_TRUE(stripped.has_value()) << stripped.error().ToString();
  ExpectClean(*stripped);
  EXPECT_EQ(WebpChunks(*stripped), (std::vector<std::string>{"VP8X", "VP8L"}));
  EXPECT_EQ(static_cast<std::uint8_t>((*stripped)[20]) & 0x0C, 0);  // EXIF and XMP flags clear
  EXPECT_NE(stripped->find(kVp8l), std::string::npos);
  EXPECT_EQ(StripImageMetadata(*stripped).value(), *stripped);
}

TEST(MediaImageMetadataTest, WebpKeepsIccAlphaAndAnimationFramesWithoutTheirExtras) {
  const std::string frame =
      std::string(16, '\0') + RiffChunk("VP8L", kVp8l) + RiffChunk("XMP ", Xmp());
  const std::string original = Riff(Vp8x(0x20 | 0x10 | 0x02 | 0x08) + RiffChunk("ICCP", "profile") +
                                    RiffChunk("ANIM", std::string(6, '\0')) +
                                    RiffChunk("ANMF", frame) + RiffChunk("EXIF", TiffWithGps()));
  auto stripped = StripImageMetadata(original);
  ASSERT_TRUE(stripped.has_value()) << stripped.error().ToString();
  ExpectClean(*stripped);
  EXPECT_EQ(WebpChunks(*stripped), (std::vector<std::string>{"VP8X", "ICCP", "ANIM", "ANMF"}));
  EXPECT_EQ(static_cast<std::uint8_t>((*stripped)[20]), 0x20 | 0x10 | 0x02);
  EXPECT_EQ(StripImageMetadata(*stripped).value(), *stripped);
  // A simple (VP8L only) image with metadata appended anyway loses it too.
  auto simple = StripImageMetadata(Riff(RiffChunk("VP8L", kVp8l) + RiffChunk("XMP ", Xmp())));
  ASSERT_TRUE(simple.has_value());
  EXPECT_EQ(*simple, Riff(RiffChunk("VP8L", kVp8l)));
}

TEST(MediaImageMetadataTest, MalformedWebpIsRefusedWithAFieldError) {
  const std::string good = Riff(RiffChunk("VP8L", kVp8l));
  std::string big_riff = good;
  big_riff[4] = '\x7F';
  std::string big_chunk = good;
  big_chunk[16] = '\x7F';
  for (const std::string& bad :
       {good.substr(0, 14), big_riff, big_chunk, Riff(""), Riff(RiffChunk("EXIF", "x")),
        Riff(RiffChunk("VP8L", kVp8l) + Vp8x(0)), Riff(RiffChunk("ANMF", "short")),
        Riff(RiffChunk("ANMF", std::string(16, '\0')))}) {
    auto r = StripImageMetadata(bad);
    ASSERT_FALSE(r.has_value()) << bad.size();
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    ASSERT_EQ(r.error().fields().size(), 1u);
    EXPECT_EQ(r.error().fields()[0].field, "file");
  }
  EXPECT_FALSE(StripImageMetadata("GIF89a").has_value());
}

}  // namespace
}  // namespace rutile::media
