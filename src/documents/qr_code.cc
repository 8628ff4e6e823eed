#include "rutile/documents/qr_code.h"

#include <qrencode.h>

#include <memory>
#include <string>

namespace rutile::documents {
namespace {

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

Result<QrMatrix> EncodeQr(std::string_view payload) {
  if (payload.empty()) {
    return InvalidArgument("empty QR payload", {{"qr.payload", "must not be empty"}});
  }
  std::string data(payload);
  std::unique_ptr<QRcode, QrFree> code(
      QRcode_encodeData(static_cast<int>(data.size()),
                        reinterpret_cast<const unsigned char*>(data.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    return InvalidArgument("QR payload cannot be encoded",
                           {{"qr.payload", "too long for a QR code"}});
  }
  QrMatrix matrix;
  matrix.size = code->width;
  matrix.dark.resize(static_cast<size_t>(code->width) * code->width);
  for (size_t i = 0; i < matrix.dark.size(); ++i) matrix.dark[i] = (code->data[i] & 1) != 0;
  return matrix;
}

std::vector<QrRect> QrRectangles(const QrMatrix& matrix) {
  std::vector<QrRect> rects;
  for (int y = 0; y < matrix.size; ++y) {
    int x = 0;
    while (x < matrix.size) {
      if (!matrix.At(x, y)) {
        ++x;
        continue;
      }
      int start = x;
      while (x < matrix.size && matrix.At(x, y)) ++x;
      rects.push_back({start, y, x - start, 1});
    }
  }
  return rects;
}

}  // namespace rutile::documents
