// QR code matrices from libqrencode, and the dark modules merged into rectangles for drawing
// (PDF paths, SVG rects). Pure functions; thread-safe (libqrencode >= 4 is reentrant).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::documents {

// A square matrix of modules, row-major; true = dark. Excludes the quiet zone.
struct QrMatrix {
  int size = 0;
  std::vector<bool> dark;
  bool At(int x, int y) const { return dark[static_cast<size_t>(y) * size + x]; }
};

// A rectangle in module units (origin top-left of the matrix).
struct QrRect {
  int x = 0, y = 0, width = 0, height = 0;
  bool operator==(const QrRect&) const = default;
};

// Encodes the payload as 8-bit data, error correction level M. InvalidArgument when it is empty
// or too long for a QR code.
Result<QrMatrix> EncodeQr(std::string_view payload);

// Horizontal runs of dark modules, one rectangle per run (height 1).
std::vector<QrRect> QrRectangles(const QrMatrix& matrix);

}  // namespace rutile::documents
