#include "rutile/cases/image_metadata.h"

namespace rutile::cases {

std::string_view MediaTypeName(MediaType type) {
  switch (type) {
    case MediaType::kJpeg:
      return "image/jpeg";
    case MediaType::kPng:
      return "image/png";
    case MediaType::kPdf:
      return "application/pdf";
    case MediaType::kWebp:
      return "image/webp";
  }
  return "application/octet-stream";
}

std::optional<MediaType> SniffMediaType(std::string_view bytes) {
  if (bytes.substr(0, 5) == "%PDF-") return MediaType::kPdf;
  const std::optional<media::ImageFormat> format = media::SniffImageFormat(bytes);
  if (!format) return std::nullopt;
  switch (*format) {
    case media::ImageFormat::kJpeg:
      return MediaType::kJpeg;
    case media::ImageFormat::kPng:
      return MediaType::kPng;
    case media::ImageFormat::kWebp:
      return MediaType::kWebp;
  }
  return std::nullopt;
}

}  // namespace rutile::cases
