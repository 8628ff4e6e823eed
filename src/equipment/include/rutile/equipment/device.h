// Device credentials: a key that lets one sensor or gateway post readings for exactly one
// equipment item over MQTT. The key is shown once; only its hash is stored. Value types and pure
// functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/store/migrations.h"

namespace rutile::equipment {

struct Device {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  std::int64_t org_id = 0;
  std::string name;
  std::string key_prefix;  // the first characters of the key, to tell keys apart in lists
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t revoked_at = 0;    // 0: active
  std::int64_t last_seen_at = 0;  // 0: never used
};

// A device as created: the key is returned this once and never again.
struct NewDevice {
  Device device;
  std::string key;
  std::string topic;  // where the device publishes its readings
};

// Schema of device credentials and of MQTT batch receipts (versions 620-629). Needs the
// equipment tables (EquipmentMigrations).
std::vector<store::Migration> IngestMigrations();

// "rdk_" followed by 40 lowercase hex digits (160 random bits from libsodium).
std::string GenerateDeviceKey();
// The lowercase hex BLAKE2b-256 of the key; the only form the database holds.
std::string HashDeviceKey(std::string_view key);
// True for text shaped like a generated key (checked before hashing outside input).
bool LooksLikeDeviceKey(std::string_view key);

// Topic scheme: "rutile/v1/<org_id>/<device_key>/readings"; answers go to ".../acks".
inline constexpr std::string_view kMqttTopicRoot = "rutile/v1";
inline constexpr std::string_view kMqttSubscription = "rutile/v1/+/+/readings";
std::string DeviceReadingsTopic(std::int64_t org_id, std::string_view key);
std::string DeviceAcksTopic(std::int64_t org_id, std::string_view key);

struct DeviceTopic {
  std::int64_t org_id = 0;
  std::string key;
};
// Parses a readings topic; false if the topic is not of the scheme.
bool ParseDeviceReadingsTopic(std::string_view topic, DeviceTopic& out);

}  // namespace rutile::equipment
