#include "rutile/equipment/mqtt_ingest.h"

#include <arpa/inet.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "device_test_fixture.h"

namespace rutile::equipment {
namespace {

namespace json = boost::json;
using testing::IngestTest;

TEST(MqttUrlTest, AcceptsHostAndPort) {
  auto a = ParseMqttUrl("mqtt://127.0.0.1:1884");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 1884);
  EXPECT_EQ(ParseMqttUrl("tcp://broker.local")->port, 1883);
  for (const char* bad : {"", "http://x:1", "mqtt://", "mqtt://h:0", "mqtt://h:70000",
                          "mqtt://h:1/x", "mqtt://u:p@h:1", "mqtt://h:abc"})
    EXPECT_FALSE(ParseMqttUrl(bad).has_value()) << bad;
}

json::object AckOf(const std::optional<MqttAck>& ack) {
  EXPECT_TRUE(ack.has_value());
  return ack ? json::parse(ack->payload).as_object() : json::object{};
}

TEST_P(IngestTest, MessagesAreStoredRejectedOrDeduplicated) {
  const std::int64_t item = NewItem();
  auto device = service_->CreateDevice(owner_, item, "analyser").value();
  MqttIngest ingest(*service_, {});
  const std::string topic = device.topic;

  auto stored = ingest.HandleMessage(topic, R"({"batch_id": "b1", "readings": [
      {"type": "fluoride_mg_l", "value": 2, "unit": "mg/L", "measured_at": "2027-01-15T07:00:00Z"},
      {"type": "fluoride_mg_l", "value": 14, "unit": "mg/L", "measured_at": "2027-01-15T07:01:00Z"}]})");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->topic, DeviceAcksTopic(org_, device.key));
  json::object a = AckOf(stored);
  EXPECT_EQ(a.at("status"), "stored") << stored->payload;
  EXPECT_EQ(a.at("batch_id"), "b1");
  EXPECT_EQ(a.at("readings").to_number<int>(), 2);
  EXPECT_EQ(a.at("alert_ids").as_array().size(), 1u);

  EXPECT_EQ(AckOf(ingest.HandleMessage(topic, R"({"batch_id": "b1", "readings": [
      {"type": "ph", "value": 7, "unit": "pH", "measured_at": "2027-01-15"}]})"))
                .at("status"),
            "duplicate");
  // A single reading without the envelope.
  EXPECT_EQ(
      AckOf(ingest.HandleMessage(
                topic, R"({"type": "ph", "value": 7, "unit": "pH", "measured_at": "2027-01-15"})"))
          .at("status"),
      "stored");

  json::object bad_json = AckOf(ingest.HandleMessage(topic, "{not json"));
  EXPECT_EQ(bad_json.at("status"), "rejected");
  json::object bad_field = AckOf(ingest.HandleMessage(
      topic,
      R"({"readings": [{"type": "ph", "value": "7", "unit": "pH", "measured_at": "2027-01-15", "x": 1}]})"));
  EXPECT_EQ(bad_field.at("status"), "rejected");
  EXPECT_EQ(bad_field.at("errors").as_array().size(), 2u) << json::serialize(bad_field);
  json::object bad_value = AckOf(ingest.HandleMessage(
      topic,
      R"({"readings": [{"type": "ph", "value": 70, "unit": "pH", "measured_at": "2027-01-15"}]})"));
  EXPECT_EQ(bad_value.at("status"), "rejected");
  EXPECT_EQ(bad_value.at("errors").as_array()[0].at("field"), "readings[0].value");
  json::object unknown = AckOf(ingest.HandleMessage(
      DeviceReadingsTopic(org_, GenerateDeviceKey()),
      R"({"type": "ph", "value": 7, "unit": "pH", "measured_at": "2027-01-15"})"));
  EXPECT_EQ(unknown.at("status"), "rejected");
  EXPECT_FALSE(ingest.HandleMessage("rutile/v1/oops", "{}").has_value());

  EXPECT_EQ(service_->ListReadings(owner_, item, "").value().size(), 3u);
  MqttCounters c = ingest.counters();
  EXPECT_EQ(c.received, 8);
  EXPECT_EQ(c.stored, 2);
  EXPECT_EQ(c.duplicates, 1);
  EXPECT_EQ(c.rejected, 5);
  EXPECT_EQ(c.readings, 3);
  EXPECT_NE(ingest.MetricsText().find("rutile_mqtt_messages_total{outcome=\"rejected\"} 5"),
            std::string::npos);
}

// ---- Against a real broker: Debian's mosquitto on a free loopback port. ----

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool Accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// Polls `done` every 20 ms for up to `seconds`; no fixed sleeps in the assertions.
template <typename F>
bool WaitFor(F&& done, int seconds = 20) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

class Broker {
 public:
  explicit Broker(const std::filesystem::path& dir) : dir_(dir), port_(FreePort()) {}
  ~Broker() { Stop(); }
  bool Start() {
    const auto conf = dir_ / "mosquitto.conf";
    std::ofstream(conf) << "listener " << port_ << " 127.0.0.1\nallow_anonymous true\n"
                        << "persistence false\nuser " << getpwuid(getuid())->pw_name
                        << "\nlog_dest stderr\n";
    pid_ = fork();
    if (pid_ == 0) {
      freopen((dir_ / "mosquitto.log").c_str(), "a", stderr);
      execl("/usr/sbin/mosquitto", "mosquitto", "-c", conf.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    return WaitFor([&] { return Accepts(port_); }, 10);
  }
  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
      pid_ = 0;
    }
  }
  int port() const { return port_; }

 private:
  std::filesystem::path dir_;
  int port_;
  pid_t pid_ = 0;
};

// A device: publishes at QoS 1 and collects what arrives on its acks topic.
class Device {
 public:
  Device(int port, const std::string& acks_topic) {
    m_ = mosquitto_new(nullptr, true, this);
    mosquitto_message_callback_set(m_, [](::mosquitto*, void* self, const mosquitto_message* msg) {
      auto* me = static_cast<Device*>(self);
      std::lock_guard lock(me->mutex_);
      me->acks_.emplace_back(static_cast<const char*>(msg->payload),
                             static_cast<std::size_t>(msg->payloadlen));
    });
    mosquitto_publish_callback_set(
        m_, [](::mosquitto*, void* self, int) { static_cast<Device*>(self)->published_ += 1; });
    EXPECT_EQ(mosquitto_connect(m_, "127.0.0.1", port, 30), MOSQ_ERR_SUCCESS);
    EXPECT_EQ(mosquitto_subscribe(m_, nullptr, acks_topic.c_str(), 1), MOSQ_ERR_SUCCESS);
    mosquitto_loop_start(m_);
  }
  ~Device() {
    mosquitto_disconnect(m_);
    mosquitto_loop_stop(m_, false);
    mosquitto_destroy(m_);
  }
  void Publish(const std::string& topic, const std::string& payload) {
    EXPECT_EQ(mosquitto_publish(m_, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                                payload.data(), 1, false),
              MOSQ_ERR_SUCCESS);
  }
  int published() const { return published_.load(); }
  std::vector<std::string> acks() {
    std::lock_guard lock(mutex_);
    return acks_;
  }

 private:
  ::mosquitto* m_ = nullptr;
  std::mutex mutex_;
  std::vector<std::string> acks_;
  std::atomic<int> published_{0};
};

std::string OneReading(const std::string& type, double value, const std::string& unit,
                       const std::string& batch_id) {
  return json::serialize(json::object{
      {"batch_id", batch_id},
      {"readings", json::array{json::object{{"type", type},
                                            {"value", value},
                                            {"unit", unit},
                                            {"measured_at", "2027-01-15T07:00:00Z"}}}}});
}

TEST_P(IngestTest, SubscriberStoresAlertsReconnectsAndCatchesUp) {
  ASSERT_TRUE(std::filesystem::exists("/usr/sbin/mosquitto"))
      << "mosquitto is missing (scripts/install-deps.sh installs it)";
  mosquitto_lib_init();
  const auto dir = std::filesystem::temp_directory_path() /
                   ("mqtt_ingest_test_" + std::to_string(getpid()) + "_" + GetParam());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::int64_t item = NewItem();
  auto device_key = service_->CreateDevice(owner_, item, "analyser").value();
  auto readings = [&] { return service_->ListReadings(owner_, item, "").value().size(); };

  Broker broker(dir);
  ASSERT_TRUE(broker.Start()) << "mosquitto did not start";
  MqttSettings settings;
  settings.url = "mqtt://127.0.0.1:" + std::to_string(broker.port());
  settings.client_id = "rutile-test-" + std::to_string(getpid()) + GetParam();
  settings.max_backoff_s = 1;
  auto ingest = std::make_unique<MqttIngest>(*service_, settings);
  ASSERT_TRUE(ingest->Start().has_value());
  ASSERT_TRUE(WaitFor([&] { return ingest->connected(); }));

  {
    Device device(broker.port(), DeviceAcksTopic(org_, device_key.key));
    device.Publish(device_key.topic, OneReading("fluoride_mg_l", 2, "mg/L", "in-window"));
    device.Publish(device_key.topic, OneReading("fluoride_mg_l", 15, "mg/L", "out-of-window"));
    device.Publish(device_key.topic, "garbage");
    ASSERT_TRUE(WaitFor([&] { return device.acks().size() == 3; })) << device.acks().size();
    EXPECT_NE(device.acks()[2].find("rejected"), std::string::npos);
  }
  EXPECT_EQ(readings(), 2u);
  auto alerts = service_->ListAlerts(owner_, item, "open").value();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].severity, "critical");
  EXPECT_EQ(ingest->counters().rejected, 1);

  // The broker goes away and comes back on the same port: the subscriber reconnects.
  broker.Stop();
  ASSERT_TRUE(WaitFor([&] { return !ingest->connected(); }));
  ASSERT_TRUE(broker.Start());
  ASSERT_TRUE(WaitFor([&] { return ingest->connected(); }, 30));
  {
    Device device(broker.port(), DeviceAcksTopic(org_, device_key.key));
    device.Publish(device_key.topic, OneReading("ph", 7, "pH", "after-reconnect"));
    ASSERT_TRUE(WaitFor([&] { return device.acks().size() == 1; }));
  }
  EXPECT_EQ(readings(), 3u);

  // While the subscriber is stopped, the broker keeps QoS 1 messages for its persistent
  // session; they are stored when it comes back.
  ingest->Stop();
  {
    Device device(broker.port(), DeviceAcksTopic(org_, device_key.key));
    device.Publish(device_key.topic, OneReading("ph", 7.1, "pH", "while-away"));
    ASSERT_TRUE(WaitFor([&] { return device.published() == 1; }));
  }
  ingest = std::make_unique<MqttIngest>(*service_, settings);
  ASSERT_TRUE(ingest->Start().has_value());
  ASSERT_TRUE(WaitFor([&] { return readings() == 4u; })) << readings();
  ingest->Stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rutile::equipment
