#include "rutile/engine/number_format.h"

#include <cmath>
#include <cstdint>

namespace rutile::engine {
namespace {

void AppendUnsigned(std::string& out, std::uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out.push_back(buf[--n]);
}

}  // namespace

void AppendNumber(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  double magnitude = std::fabs(value);
  if (magnitude >= 1e15) {
    // Scientific form with 6 significant digits, computed by integer scaling.
    int exponent = 0;
    double m = magnitude;
    while (m >= 10.0) {
      m /= 10.0;
      ++exponent;
    }
    auto digits = static_cast<std::uint64_t>(std::llround(m * 100000.0));
    if (digits >= 1000000) {
      digits /= 10;
      ++exponent;
    }
    if (value < 0) out.push_back('-');
    AppendUnsigned(out, digits / 100000);
    std::uint64_t frac = digits % 100000;
    if (frac != 0) {
      out.push_back('.');
      char buf[5];
      for (int i = 4; i >= 0; --i) {
        buf[i] = static_cast<char>('0' + frac % 10);
        frac /= 10;
      }
      int len = 5;
      while (len > 0 && buf[len - 1] == '0') --len;
      out.append(buf, static_cast<std::size_t>(len));
    }
    out.push_back('e');
    AppendUnsigned(out, static_cast<std::uint64_t>(exponent));
    return;
  }
  const int decimals = magnitude >= 1e9 ? 0 : 6;
  const double scale = decimals == 0 ? 1.0 : 1e6;
  auto scaled = static_cast<std::uint64_t>(std::llround(magnitude * scale));
  if (scaled == 0) {
    out.push_back('0');
    return;
  }
  if (value < 0) out.push_back('-');
  if (decimals == 0) {
    AppendUnsigned(out, scaled);
    return;
  }
  AppendUnsigned(out, scaled / 1000000);
  std::uint64_t frac = scaled % 1000000;
  if (frac == 0) return;
  char buf[6];
  for (int i = 5; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  int len = 6;
  while (len > 0 && buf[len - 1] == '0') --len;
  out.push_back('.');
  out.append(buf, static_cast<std::size_t>(len));
}

std::string FormatNumber(double value) {
  std::string out;
  AppendNumber(out, value);
  return out;
}

}  // namespace rutile::engine
