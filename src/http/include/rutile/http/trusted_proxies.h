// TrustedProxies: the TCP peers whose Forwarded / X-Forwarded-* headers the server believes,
// as a list of IPv4 and IPv6 networks. ResolveClient picks the client address and scheme of one
// request from them. Value type; const methods are thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/core/result.h"

namespace rutile::http {

class TrustedProxies {
 public:
  TrustedProxies() = default;  // trusts nobody

  // Comma-separated addresses or CIDR networks: "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8".
  // Blanks around items are ignored; an empty text gives the empty list. InvalidArgument names
  // the first item that is not an address or whose prefix length is out of range.
  static Result<TrustedProxies> Parse(std::string_view text);

  // True when `address` (textual IPv4 or IPv6, IPv4-mapped IPv6 counts as IPv4) lies in one of
  // the networks. Text that is not an address is never trusted.
  bool Contains(std::string_view address) const;
  bool empty() const { return networks_.empty(); }

 private:
  struct Network {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d)
    int prefix_bits = 0;                   // over the 128-bit form
  };
  std::vector<Network> networks_;
};

// Who sent a request and whether it arrived over TLS.
struct ClientOrigin {
  std::string address;
  bool secure = false;
};

// From the TCP peer and the request headers (lower-case names). When the peer is not trusted,
// the headers are ignored: the address is the peer's and `secure` is false (the server itself
// speaks plain HTTP). When it is, RFC 7239 `Forwarded` is used if present, else
// `X-Forwarded-For` / `X-Forwarded-Proto`: walking the hops from the right, the first one that is
// not a trusted proxy is the client; the scheme is the proto recorded for that hop ("https" ->
// secure). Malformed or obfuscated hops ("unknown", "_hidden") end the walk at the last trusted
// address.
ClientOrigin ResolveClient(const TrustedProxies& proxies, std::string_view peer,
                           const std::map<std::string, std::string>& headers);

}  // namespace rutile::http
