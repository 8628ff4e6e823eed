#include "rutile/http/trusted_proxies.h"

#include <gtest/gtest.h>

namespace rutile::http {
namespace {

TrustedProxies Proxies(std::string_view text) {
  auto parsed = TrustedProxies::Parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.has_value() ? parsed.value() : TrustedProxies();
}

TEST(TrustedProxiesTest, EmptyTrustsNobody) {
  TrustedProxies none = Proxies("");
  EXPECT_TRUE(none.empty());
  EXPECT_FALSE(none.Contains("127.0.0.1"));
  EXPECT_TRUE(Proxies(" , ").empty());
}

TEST(TrustedProxiesTest, SingleAddressesAndIpv4Networks) {
  TrustedProxies p = Proxies("127.0.0.1, 10.0.0.0/8,192.168.1.128/25");
  EXPECT_TRUE(p.Contains("127.0.0.1"));
  EXPECT_FALSE(p.Contains("127.0.0.2"));
  EXPECT_TRUE(p.Contains("10.255.3.4"));
  EXPECT_FALSE(p.Contains("11.0.0.1"));
  EXPECT_TRUE(p.Contains("192.168.1.128"));
  EXPECT_TRUE(p.Contains("192.168.1.255"));
  EXPECT_FALSE(p.Contains("192.168.1.127"));
  EXPECT_TRUE(p.Contains("::ffff:10.1.2.3"));  // IPv4-mapped peer on a dual-stack socket
  EXPECT_FALSE(p.Contains("not-an-address"));
  EXPECT_FALSE(p.Contains(""));
}

TEST(TrustedProxiesTest, Ipv6NetworksAndZeroPrefix) {
  TrustedProxies p = Proxies("::1, fd00::/8, 2001:db8:abcd::/49");
  EXPECT_TRUE(p.Contains("::1"));
  EXPECT_FALSE(p.Contains("::2"));
  EXPECT_TRUE(p.Contains("fd12:3456::1"));
  EXPECT_FALSE(p.Contains("fe80::1"));
  EXPECT_TRUE(p.Contains("2001:db8:abcd:7fff::1"));
  EXPECT_FALSE(p.Contains("2001:db8:abcd:8000::1"));
  EXPECT_FALSE(p.Contains("127.0.0.1"));
  TrustedProxies all4 = Proxies("0.0.0.0/0");
  EXPECT_TRUE(all4.Contains("203.0.113.9"));
  EXPECT_FALSE(all4.Contains("2001:db8::1"));
}

TEST(TrustedProxiesTest, RejectsMalformedItems) {
  for (std::string_view bad : {"localhost", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x",
                               "1.2.3.4/8/8", "10.0.0.0/-1"}) {
    auto parsed = TrustedProxies::Parse(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(parsed.error().message().find("trusted-proxies"), std::string::npos);
  }
}

TEST(ResolveClientTest, UntrustedPeerHeadersAreIgnored) {
  TrustedProxies p = Proxies("10.0.0.1");
  ClientOrigin o = ResolveClient(p, "203.0.113.5",
                                 {{"x-forwarded-for", "1.2.3.4"},
                                  {"x-forwarded-proto", "https"},
                                  {"forwarded", "for=1.2.3.4;proto=https"}});
  EXPECT_EQ(o.address, "203.0.113.5");
  EXPECT_FALSE(o.secure);
  ClientOrigin nobody =
      ResolveClient(TrustedProxies(), "10.0.0.1",
                    {{"x-forwarded-for", "1.2.3.4"}, {"x-forwarded-proto", "https"}});
  EXPECT_EQ(nobody.address, "10.0.0.1");
  EXPECT_FALSE(nobody.secure);
}

TEST(ResolveClientTest, XForwardedForTakesTheRightMostUntrustedHop) {
  TrustedProxies p = Proxies("10.0.0.0/8");
  // The client forged "6.6.6.6"; the proxy appended the real address.
  ClientOrigin o = ResolveClient(
      p, "10.0.0.1",
      {{"x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.2.2.2"}, {"x-forwarded-proto", "https"}});
  EXPECT_EQ(o.address, "198.51.100.7");
  EXPECT_TRUE(o.secure);
  ClientOrigin plain = ResolveClient(
      p, "10.0.0.1", {{"x-forwarded-for", "198.51.100.7"}, {"x-forwarded-proto", "http"}});
  EXPECT_EQ(plain.address, "198.51.100.7");
  EXPECT_FALSE(plain.secure);
  ClientOrigin all_trusted =
      ResolveClient(p, "10.0.0.1", {{"x-forwarded-for", "10.9.9.9, 10.8.8.8"}});
  EXPECT_EQ(all_trusted.address, "10.9.9.9");
  ClientOrigin v6 = ResolveClient(p, "::ffff:10.0.0.1", {{"x-forwarded-for", "2001:db8::5"}});
  EXPECT_EQ(v6.address, "2001:db8::5");
  ClientOrigin port = ResolveClient(p, "10.0.0.1", {{"x-forwarded-for", "198.51.100.7:5050"}});
  EXPECT_EQ(port.address, "198.51.100.7");
}

TEST(ResolveClientTest, GarbageHopKeepsTheLastTrustedAddress) {
  TrustedProxies p = Proxies("127.0.0.1");
  ClientOrigin o = ResolveClient(p, "127.0.0.1", {{"x-forwarded-for", "evil\", <script>"}});
  EXPECT_EQ(o.address, "127.0.0.1");
  ClientOrigin unknown = ResolveClient(p, "127.0.0.1", {{"forwarded", "for=unknown;proto=https"}});
  EXPECT_EQ(unknown.address, "127.0.0.1");
  EXPECT_TRUE(unknown.secure);
}

TEST(ResolveClientTest, ProtoListFollowsTheChosenHop) {
  TrustedProxies p = Proxies("10.0.0.0/8");
  ClientOrigin o = ResolveClient(
      p, "10.0.0.1",
      {{"x-forwarded-for", "198.51.100.7, 10.2.2.2"}, {"x-forwarded-proto", "https, http"}});
  EXPECT_EQ(o.address, "198.51.100.7");
  EXPECT_TRUE(o.secure);
  ClientOrigin only_proto = ResolveClient(p, "10.0.0.1", {{"x-forwarded-proto", "HTTPS"}});
  EXPECT_EQ(only_proto.address, "10.0.0.1");
  EXPECT_TRUE(only_proto.secure);
}

TEST(ResolveClientTest, ForwardedHeaderRfc7239) {
  TrustedProxies p = Proxies("10.0.0.0/8, fd00::/8");
  ClientOrigin o = ResolveClient(
      p, "10.0.0.1",
      {{"forwarded",
        "for=6.6.6.6;proto=http, For=\"[2001:db8:cafe::17]:4711\";Proto=https;by=10.0.0.1, "
        "for=\"10.3.3.3:80\""},
       {"x-forwarded-for", "7.7.7.7"}});
  EXPECT_EQ(o.address, "2001:db8:cafe::17");
  EXPECT_TRUE(o.secure);
  ClientOrigin v4 =
      ResolveClient(p, "fd00::1", {{"forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43"}});
  EXPECT_EQ(v4.address, "192.0.2.60");
  EXPECT_FALSE(v4.secure);
  ClientOrigin hidden = ResolveClient(p, "10.0.0.1", {{"forwarded", "for=_hidden, for=10.1.1.1"}});
  EXPECT_EQ(hidden.address, "10.1.1.1");
}

}  // namespace
}  // namespace rutile::http
