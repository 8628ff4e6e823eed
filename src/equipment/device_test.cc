#include "rutile/equipment/device.h"

#include "device_test_fixture.h"

namespace rutile::equipment {
namespace {

using testing::IngestTest;

ReadingInput Fluoride(double mg_l, std::string at = "2027-01-15T07:00:00Z") {
  return {"fluoride_mg_l", mg_l, "mg/L", std::move(at)};
}

TEST(DeviceKeyTest, KeysAreRandomHashedAndShaped) {
  const std::string a = GenerateDeviceKey(), b = GenerateDeviceKey();
  EXPECT_NE(a, b);
  EXPECT_TRUE(LooksLikeDeviceKey(a));
  EXPECT_FALSE(LooksLikeDeviceKey("rdk_XYZ"));
  EXPECT_FALSE(LooksLikeDeviceKey(a.substr(1)));
  EXPECT_EQ(HashDeviceKey(a), HashDeviceKey(a));
  EXPECT_NE(HashDeviceKey(a), HashDeviceKey(b));
  EXPECT_EQ(HashDeviceKey(a).size(), 64u);
}

TEST(DeviceKeyTest, TopicsRoundTrip) {
  const std::string key = GenerateDeviceKey();
  EXPECT_EQ(DeviceReadingsTopic(7, key), "rutile/v1/7/" + key + "/readings");
  EXPECT_EQ(DeviceAcksTopic(7, key), "rutile/v1/7/" + key + "/acks");
  DeviceTopic t;
  ASSERT_TRUE(ParseDeviceReadingsTopic(DeviceReadingsTopic(7, key), t));
  EXPECT_EQ(t.org_id, 7);
  EXPECT_EQ(t.key, key);
  for (const char* bad : {"rutile/v1/7/readings", "rutile/v1/x/k/readings",
                          "rutile/v1/0/k/readings", "rutile/v2/7/k/readings", "rutile/v1/7/k/acks",
                          "rutile/v1/7/a/b/readings", "rutile/v1//k/readings", ""})
    EXPECT_FALSE(ParseDeviceReadingsTopic(bad, t)) << bad;
}

TEST_P(IngestTest, DeviceKeyIsShownOnceAndStoredHashed) {
  const std::int64_t item = NewItem();
  auto created = service_->CreateDevice(owner_, item, "pH probe gateway");
  ASSERT_TRUE(created.has_value()) << created.error().message();
  EXPECT_TRUE(LooksLikeDeviceKey(created->key));
  EXPECT_EQ(created->topic, DeviceReadingsTopic(org_, created->key));
  EXPECT_EQ(created->device.key_prefix, created->key.substr(0, 10));

  auto listed = service_->ListDevices(owner_, item);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, "pH probe gateway");
  auto conn = db_->Acquire();
  ASSERT_TRUE(conn.has_value());
  auto rows = (*conn)->Query("SELECT key_hash FROM equipment_devices");
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ((*rows)[0].Text(0), HashDeviceKey(created->key));
  EXPECT_EQ((*rows)[0].Text(0).find(created->key), std::string::npos);
}

TEST_P(IngestTest, DeviceCredentialsNeedWriteAccessAndAName) {
  const std::int64_t item = NewItem();
  // Another organization's item answers exactly as a missing one.
  EXPECT_EQ(service_->CreateDevice(stranger_, item, "x").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->ListDevices(stranger_, item).error().code(), ErrorCode::kNotFound);
  auto unnamed = service_->CreateDevice(owner_, item, "");
  ASSERT_FALSE(unnamed.has_value());
  EXPECT_EQ(unnamed.error().fields()[0].field, "name");
  EXPECT_EQ(service_->CreateDevice(access::Principal{}, item, "x").error().code(),
            ErrorCode::kUnauthenticated);
}

TEST_P(IngestTest, DeviceReadingsGoThroughWindowsAlertsAndNotifications) {
  const std::int64_t item = NewItem();
  auto device = service_->CreateDevice(owner_, item, "analyser").value();
  auto in_window = service_->IngestFromDevice(org_, device.key, {Fluoride(2)});
  ASSERT_TRUE(in_window.has_value()) << in_window.error().message();
  EXPECT_EQ(in_window->item_id, item);
  EXPECT_TRUE(in_window->result.alert_ids.empty());
  auto out = service_->IngestFromDevice(org_, device.key, {Fluoride(12)});
  ASSERT_TRUE(out.has_value()) << out.error().message();
  ASSERT_EQ(out->result.alert_ids.size(), 1u);
  auto alerts = service_->ListAlerts(owner_, item, "open").value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].severity, "critical");
  auto readings = service_->ListReadings(owner_, item, "fluoride_mg_l").value();
  ASSERT_EQ(readings.size(), 2u);
  EXPECT_EQ(readings[0].source, "mqtt");
  auto listed = service_->ListDevices(owner_, item).value();
  EXPECT_EQ(listed[0].last_seen_at, 1'800'000'000);
}

TEST_P(IngestTest, UnknownRevokedOrForeignKeysStoreNothing) {
  const std::int64_t item = NewItem();
  auto device = service_->CreateDevice(owner_, item, "analyser").value();
  EXPECT_EQ(service_->IngestFromDevice(org_, GenerateDeviceKey(), {Fluoride(1)}).error().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(service_->IngestFromDevice(other_org_, device.key, {Fluoride(1)}).error().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(service_->IngestFromDevice(org_, "not a key", {Fluoride(1)}).error().code(),
            ErrorCode::kUnauthenticated);
  auto revoked = service_->RevokeDevice(owner_, item, device.device.id);
  ASSERT_TRUE(revoked.has_value());
  EXPECT_NE(revoked->revoked_at, 0);
  EXPECT_EQ(service_->RevokeDevice(owner_, item, device.device.id).error().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(service_->IngestFromDevice(org_, device.key, {Fluoride(1)}).error().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_TRUE(service_->ListReadings(owner_, item, "").value().empty());
}

TEST_P(IngestTest, BadDeviceBatchNamesTheFieldAndStoresNothing) {
  const std::int64_t item = NewItem();
  auto device = service_->CreateDevice(owner_, item, "analyser").value();
  auto bad = service_->IngestFromDevice(org_, device.key,
                                        {Fluoride(1), {"fluoride_mg_l", 1, "kg", "2027-01-15"}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(Fields(bad.error()).find("readings[1].unit"), std::string::npos) << Fields(bad.error());
  EXPECT_TRUE(service_->ListReadings(owner_, item, "").value().empty());
}

TEST_P(IngestTest, ResentBatchIdIsStoredOnce) {
  const std::int64_t item = NewItem();
  auto device = service_->CreateDevice(owner_, item, "analyser").value();
  auto first = service_->IngestFromDevice(org_, device.key, {Fluoride(1), Fluoride(2)}, "b-1");
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->duplicate);
  auto again = service_->IngestFromDevice(org_, device.key, {Fluoride(1), Fluoride(2)}, "b-1");
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(service_->ListReadings(owner_, item, "").value().size(), 2u);
  EXPECT_FALSE(service_->IngestFromDevice(org_, device.key, {Fluoride(1)}, std::string(65, 'x'))
                   .has_value());
}

// Batches are inserted many rows per statement; ids come back in input order and each
// out-of-window type folds into one alert with the right count and severity.
TEST_P(IngestTest, LargeBatchKeepsOrderAndFoldsAlerts) {
  const std::int64_t item = NewItem();
  std::vector<ReadingInput> batch;
  for (int i = 0; i < 1000; ++i)
    batch.push_back(
        Fluoride(i == 500 ? 11 : (i % 100 == 0 ? 6 : 1), FormatTimestamp(1'799'000'000 + i)));
  auto stored = service_->IngestReadings(owner_, item, batch);
  ASSERT_TRUE(stored.has_value()) << stored.error().message();
  ASSERT_EQ(stored->reading_ids.size(), 1000u);
  for (std::size_t i = 1; i < stored->reading_ids.size(); ++i)
    ASSERT_LT(stored->reading_ids[i - 1], stored->reading_ids[i]);
  auto readings = service_->ListReadings(owner_, item, "fluoride_mg_l", 5000).value();
  ASSERT_EQ(readings.size(), 1000u);
  for (const auto& r : readings) {
    const std::size_t i = static_cast<std::size_t>(r.measured_at - 1'799'000'000);
    ASSERT_EQ(r.id, stored->reading_ids[i]);
  }
  ASSERT_EQ(stored->alert_ids.size(), 1u);
  auto alerts = service_->ListAlerts(owner_, item).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].count, 10);  // nine warnings (i % 100 == 0) and one critical (i == 500)
  EXPECT_EQ(alerts[0].severity, "critical");
  EXPECT_EQ(alerts[0].opened_at, 1'799'000'000);
  // A warning opened and later raised to critical: two notifications, in one transaction.
  auto conn = db_->Acquire();
  auto n = (*conn)->Query("SELECT COUNT(*) FROM notifications WHERE kind = 'equipment.alert'");
  ASSERT_TRUE(n.has_value()) << n.error().message();
  EXPECT_EQ((*n)[0].Int(0), 2);
  // A second batch updates the same alert rather than opening another.
  ASSERT_TRUE(service_->IngestReadings(owner_, item, {Fluoride(7)}).has_value());
  alerts = service_->ListAlerts(owner_, item).value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].count, 11);
}

INSTANTIATE_TEST_SUITE_P(Databases, IngestTest,
                         ::testing::Values(std::string("sqlite"), std::string("postgres")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::equipment
