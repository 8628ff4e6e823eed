// MqttIngest: subscribes to a broker (libmosquitto) and stores the readings devices publish on
// "rutile/v1/<org_id>/<device_key>/readings" through EquipmentService::IngestFromDevice (same
// validation, windows, alerts and notifications as HTTP, one transaction per message), then
// answers on ".../acks". Owns one background thread; Start/Stop from one thread; counters and
// HandleMessage are thread-safe. The service must outlive it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "rutile/core/result.h"
#include "rutile/equipment/equipment_service.h"

struct mosquitto;
struct mosquitto_message;

namespace rutile::equipment {

struct MqttSettings {
  std::string url;  // "mqtt://HOST:PORT" (port 1883 when omitted)
  std::string username;
  std::string password;
  std::string client_id = "rutile-ingest";  // fixed, so the broker keeps the session
  int keepalive_s = 30;
  int max_backoff_s = 30;  // reconnect delay doubles from 1 s up to this
};

struct MqttEndpoint {
  std::string host;
  int port = 1883;
};
// "mqtt://host[:port]" (also "tcp://"); InvalidArgument otherwise.
Result<MqttEndpoint> ParseMqttUrl(std::string_view url);

struct MqttCounters {
  std::int64_t received = 0;    // messages on the readings topics
  std::int64_t stored = 0;      // messages whose readings were committed
  std::int64_t rejected = 0;    // bad topic, unknown or revoked key, bad payload
  std::int64_t duplicates = 0;  // batch ids seen before (nothing stored twice)
  std::int64_t readings = 0;    // readings committed
  std::int64_t failed = 0;      // storage errors (the message is answered "error")
  std::int64_t connects = 0;    // successful connections to the broker
};

// The answer to one message: published on `topic` unless the topic is not of the scheme.
struct MqttAck {
  std::string topic;
  std::string payload;  // {"batch_id":...,"status":"stored|duplicate|rejected|error",...}
};

class MqttIngest {
 public:
  MqttIngest(EquipmentService& service, MqttSettings settings);
  ~MqttIngest();
  MqttIngest(const MqttIngest&) = delete;
  MqttIngest& operator=(const MqttIngest&) = delete;

  // Checks the settings and starts connecting in the background (retrying with backoff).
  Status Start();
  // Disconnects and joins the thread; idempotent.
  void Stop();

  bool connected() const { return connected_.load(); }
  MqttCounters counters() const;
  // Prometheus text: rutile_mqtt_messages_total{outcome=...}, rutile_mqtt_readings_total,
  // rutile_mqtt_connected.
  std::string MetricsText() const;

  // One received message, as the subscriber handles it (exposed for tests). The readings are
  // committed before this returns.
  std::optional<MqttAck> HandleMessage(std::string_view topic, std::string_view payload);

 private:
  void Run(MqttEndpoint endpoint);
  static void OnConnect(::mosquitto* m, void* self, int rc);
  static void OnMessage(::mosquitto* m, void* self, const ::mosquitto_message* msg);

  EquipmentService& service_;
  MqttSettings settings_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::atomic<bool> connected_{false};
  std::atomic<int> backoff_s_{1};
  mutable std::mutex counters_mutex_;
  MqttCounters counters_;
};

}  // namespace rutile::equipment
