#include "rutile/http/metrics_access.h"

#include <boost/asio/ip/address.hpp>
#include <cctype>

namespace rutile::http {
namespace {

// Compares in time independent of where the first difference lies.
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

bool IsLoopback(std::string_view address) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(address), ec);
  if (ec) return false;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).is_loopback();
  }
  return a.is_loopback();
}

}  // namespace

Result<MetricsAccess> MetricsAccess::Parse(std::string_view text) {
  MetricsAccess out;
  if (text == "loopback") return out;
  if (text == "open") {
    out.mode = Mode::kOpen;
    return out;
  }
  if (text.starts_with("token:")) {
    out.mode = Mode::kToken;
    out.token = std::string(text.substr(6));
    if (out.token.size() < 16) {
      return InvalidArgument(
          "metrics-access: the token after 'token:' must be at least 16 "
          "characters");
    }
    for (unsigned char c : out.token) {
      if (std::isspace(c) || std::iscntrl(c)) {
        return InvalidArgument("metrics-access: the token must not contain blanks");
      }
    }
    return out;
  }
  return InvalidArgument("metrics-access must be loopback, open or token:<secret>, not '" +
                         std::string(text) + "'");
}

bool MetricsAccess::Allows(std::string_view client_address, std::string_view authorization) const {
  switch (mode) {
    case Mode::kOpen:
      return true;
    case Mode::kLoopback:
      return IsLoopback(client_address);
    case Mode::kToken: {
      constexpr std::string_view kBearer = "bearer ";
      if (authorization.size() <= kBearer.size()) return false;
      for (std::size_t i = 0; i < kBearer.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(authorization[i])) != kBearer[i]) return false;
      }
      std::string_view presented = authorization.substr(kBearer.size());
      while (!presented.empty() && presented.front() == ' ') presented.remove_prefix(1);
      while (!presented.empty() && presented.back() == ' ') presented.remove_suffix(1);
      return ConstantTimeEquals(presented, token);
    }
  }
  return false;
}

}  // namespace rutile::http
