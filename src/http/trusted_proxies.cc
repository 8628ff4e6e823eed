// Forwarded (RFC 7239 section 4) and X-Forwarded-For / X-Forwarded-Proto, believed only from
// trusted peers. Addresses are compared in their 128-bit form, IPv4 as IPv4-mapped IPv6.
#include "rutile/http/trusted_proxies.h"

#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <charconv>

namespace rutile::http {
namespace {

namespace ip = boost::asio::ip;

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::optional<ip::address> ParseAddress(std::string_view text) {
  boost::system::error_code ec;
  ip::address a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return a;
}

std::array<std::uint8_t, 16> Bytes128(const ip::address& a) {
  if (a.is_v4()) return ip::make_address_v6(ip::v4_mapped, a.to_v4()).to_bytes();
  return a.to_v6().to_bytes();
}

// Splits on `sep` outside double-quoted strings.
std::vector<std::string_view> SplitOutsideQuotes(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted && c == '\\') {
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == sep && !quoted) {
      out.push_back(TrimBlanks(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.push_back(TrimBlanks(s.substr(start)));
  return out;
}

std::string Unquote(std::string_view v) {
  if (v.size() < 2 || v.front() != '"' || v.back() != '"') return std::string(v);
  std::string out;
  for (std::size_t i = 1; i + 1 < v.size(); ++i) {
    if (v[i] == '\\' && i + 2 < v.size()) ++i;
    out += v[i];
  }
  return out;
}

// A node ("192.0.2.1", "192.0.2.1:80", "[2001:db8::1]:80", "2001:db8::1") -> canonical address
// text; nullopt for "unknown", obfuscated identifiers and anything else.
std::optional<std::string> NodeAddress(std::string_view node) {
  node = TrimBlanks(node);
  if (node.empty()) return std::nullopt;
  if (node.front() == '[') {
    std::size_t close = node.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    node = node.substr(1, close - 1);
  } else if (std::size_t colon = node.find(':');
             colon != std::string_view::npos &&
             node.find(':', colon + 1) == std::string_view::npos) {
    node = node.substr(0, colon);  // IPv4 with a port
  }
  auto a = ParseAddress(node);
  if (!a) return std::nullopt;
  if (a->is_v6() && a->to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, a->to_v6()).to_string();
  }
  return a->to_string();
}

struct Hop {
  std::optional<std::string> address;  // nullopt: unknown or malformed
  std::optional<std::string> proto;
};

std::vector<Hop> ForwardedHops(std::string_view header) {
  std::vector<Hop> hops;
  for (std::string_view element : SplitOutsideQuotes(header, ',')) {
    Hop hop;
    for (std::string_view pair : SplitOutsideQuotes(element, ';')) {
      std::size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      std::string_view name = TrimBlanks(pair.substr(0, eq));
      std::string value = Unquote(TrimBlanks(pair.substr(eq + 1)));
      if (IEquals(name, "for")) {
        hop.address = NodeAddress(value);
      } else if (IEquals(name, "proto")) {
        hop.proto = value;
      }
    }
    hops.push_back(std::move(hop));
  }
  return hops;
}

std::vector<Hop> XForwardedHops(std::string_view for_header,
                                std::optional<std::string_view> proto_header) {
  std::vector<Hop> hops;
  for (std::string_view node : SplitOutsideQuotes(for_header, ',')) {
    hops.push_back(Hop{NodeAddress(node), std::nullopt});
  }
  if (proto_header) {
    std::vector<std::string_view> protos = SplitOutsideQuotes(*proto_header, ',');
    if (protos.size() == hops.size()) {
      for (std::size_t i = 0; i < hops.size(); ++i) hops[i].proto = std::string(protos[i]);
    } else if (!hops.empty()) {
      hops.back().proto = std::string(protos.back());  // the proxy next to us said so
    }
  }
  return hops;
}

// The proto recorded for hop i, else the nearest one recorded to its right.
bool SecureAt(const std::vector<Hop>& hops, std::size_t i) {
  for (std::size_t j = i; j < hops.size(); ++j) {
    if (hops[j].proto) return IEquals(TrimBlanks(*hops[j].proto), "https");
  }
  return false;
}

const std::string* Find(const std::map<std::string, std::string>& headers, const char* name) {
  auto it = headers.find(name);
  return it == headers.end() ? nullptr : &it->second;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::Parse(std::string_view text) {
  TrustedProxies out;
  for (std::string_view item : SplitOutsideQuotes(text, ',')) {
    if (item.empty()) continue;
    std::string_view address_text = item;
    std::optional<int> prefix;
    if (std::size_t slash = item.find('/'); slash != std::string_view::npos) {
      address_text = item.substr(0, slash);
      std::string_view bits = item.substr(slash + 1);
      int v = -1;
      auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), v);
      if (ec != std::errc() || end != bits.data() + bits.size() || bits.empty()) {
        return InvalidArgument("trusted-proxies: '" + std::string(item) +
                               "' has no valid prefix length");
      }
      prefix = v;
    }
    auto address = ParseAddress(address_text);
    if (!address) {
      return InvalidArgument("trusted-proxies: '" + std::string(item) +
                             "' is not an IPv4 or IPv6 address or network");
    }
    int max_bits = address->is_v4() ? 32 : 128;
    int bits = prefix.value_or(max_bits);
    if (bits < 0 || bits > max_bits) {
      return InvalidArgument("trusted-proxies: the prefix length in '" + std::string(item) +
                             "' must be 0 to " + std::to_string(max_bits));
    }
    Network n;
    n.bytes = Bytes128(*address);
    n.prefix_bits = address->is_v4() ? 96 + bits : bits;
    out.networks_.push_back(n);
  }
  return out;
}

bool TrustedProxies::Contains(std::string_view address) const {
  if (networks_.empty()) return false;
  auto parsed = NodeAddress(address);
  if (!parsed) return false;
  std::array<std::uint8_t, 16> bytes = Bytes128(*ParseAddress(*parsed));
  for (const Network& n : networks_) {
    int full = n.prefix_bits / 8, rest = n.prefix_bits % 8;
    bool match = std::equal(n.bytes.begin(), n.bytes.begin() + full, bytes.begin());
    if (match && rest != 0) {
      auto mask = static_cast<std::uint8_t>(0xFF << (8 - rest));
      match = (n.bytes[full] & mask) == (bytes[full] & mask);
    }
    if (match) return true;
  }
  return false;
}

ClientOrigin ResolveClient(const TrustedProxies& proxies, std::string_view peer,
                           const std::map<std::string, std::string>& headers) {
  ClientOrigin origin{std::string(peer), false};
  if (!proxies.Contains(peer)) return origin;
  std::vector<Hop> hops;
  if (const std::string* forwarded = Find(headers, "forwarded")) {
    hops = ForwardedHops(*forwarded);
  } else if (const std::string* xff = Find(headers, "x-forwarded-for")) {
    const std::string* proto = Find(headers, "x-forwarded-proto");
    hops = XForwardedHops(*xff, proto ? std::optional<std::string_view>(*proto) : std::nullopt);
  } else if (const std::string* proto = Find(headers, "x-forwarded-proto")) {
    origin.secure = IEquals(TrimBlanks(*proto), "https");
    return origin;
  }
  for (std::size_t i = hops.size(); i-- > 0;) {
    origin.secure = SecureAt(hops, i);
    if (!hops[i].address) return origin;  // unknown hop: the last trusted address stays
    origin.address = *hops[i].address;
    if (!proxies.Contains(origin.address)) return origin;
  }
  return origin;
}

}  // namespace rutile::http
