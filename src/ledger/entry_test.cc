#include "rutile/ledger/entry.h"

#include <gtest/gtest.h>

namespace rutile::ledger {
namespace {

Entry Sample() {
  Entry e;
  e.time_unix_ms = 1764000000123;
  e.input.record_type = "certificate.issue";
  e.input.record_id = "cert-2026-0001";
  e.input.content_sha256 = Sha256("{\"canonical\":true}");
  e.input.org_id = 42;
  e.input.region = "cn-east";
  return e;
}

TEST(EntryTest, RoundTripAndLayout) {
  Entry e = Sample();
  std::string bytes = EncodeEntry(e).value();
  EXPECT_EQ(bytes.size(), 1 + 1 + 17 + 1 + 14 + 32 + 8 + 8 + 1 + 7u);
  EXPECT_EQ(bytes[0], 1);
  EXPECT_EQ(bytes.substr(2, 17), "certificate.issue");
  Entry d = DecodeEntry(bytes).value();
  EXPECT_EQ(d.time_unix_ms, e.time_unix_ms);
  EXPECT_EQ(d.input.record_type, e.input.record_type);
  EXPECT_EQ(d.input.record_id, e.input.record_id);
  EXPECT_EQ(d.input.content_sha256, e.input.content_sha256);
  EXPECT_EQ(d.input.org_id, 42);
  EXPECT_EQ(d.input.region, "cn-east");
  EXPECT_EQ(EncodeEntry(d).value(), bytes);
}

TEST(EntryTest, RejectsBadInput) {
  Entry e = Sample();
  e.input.record_type = "Bad Type";
  EXPECT_EQ(EncodeEntry(e).error().code(), ErrorCode::kInvalidArgument);
  e = Sample();
  e.input.record_id = "";
  EXPECT_FALSE(EncodeEntry(e).has_value());
  e = Sample();
  e.input.record_id = "has space";
  EXPECT_FALSE(EncodeEntry(e).has_value());
  e = Sample();
  e.input.org_id = -1;
  EXPECT_FALSE(EncodeEntry(e).has_value());

  std::string bytes = EncodeEntry(Sample()).value();
  EXPECT_FALSE(DecodeEntry(bytes + "x").has_value());
  EXPECT_FALSE(DecodeEntry(bytes.substr(0, bytes.size() - 1)).has_value());
  std::string v2 = bytes;
  v2[0] = 2;
  EXPECT_FALSE(DecodeEntry(v2).has_value());
  EXPECT_FALSE(DecodeEntry("").has_value());
  // Every truncation fails cleanly.
  for (std::size_t i = 0; i < bytes.size(); ++i)
    EXPECT_FALSE(DecodeEntry(bytes.substr(0, i)).has_value());
}

}  // namespace
}  // namespace rutile::ledger
