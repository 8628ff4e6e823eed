#include "rutile/equipment/mqtt_ingest.h"

#include <mosquitto.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <charconv>
#include <chrono>

namespace rutile::equipment {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxPayloadBytes = 1 << 20;

void InitLibrary() {
  static std::once_flag once;
  std::call_once(once, [] { mosquitto_lib_init(); });
}

struct Payload {
  std::string batch_id;
  std::vector<ReadingInput> readings;
  std::vector<FieldError> errors;
};

void ReadReading(const json::value& v, const std::string& at, Payload& out) {
  if (!v.is_object()) {
    out.errors.push_back({at, "must be an object"});
    return;
  }
  ReadingInput in;
  bool type = false, value = false, unit = false, measured = false;
  for (const auto& [key, field] : v.get_object()) {
    const std::string name = at.empty() ? std::string(key) : at + "." + std::string(key);
    if (key == "value") {
      value = true;
      if (field.is_number())
        in.value = field.to_number<double>();
      else
        out.errors.push_back({name, "must be a number"});
      continue;
    }
    std::string* text = key == "type"          ? &in.type
                        : key == "unit"        ? &in.unit
                        : key == "measured_at" ? &in.measured_at
                                               : nullptr;
    if (text == nullptr) {
      out.errors.push_back({name, "is not a known field"});
      continue;
    }
    (key == "type" ? type : key == "unit" ? unit : measured) = true;
    if (field.is_string())
      *text = std::string(field.get_string());
    else
      out.errors.push_back({name, "must be a string"});
  }
  const std::string prefix = at.empty() ? "" : at + ".";
  if (!type) out.errors.push_back({prefix + "type", "is required"});
  if (!value) out.errors.push_back({prefix + "value", "is required"});
  if (!unit) out.errors.push_back({prefix + "unit", "is required"});
  if (!measured) out.errors.push_back({prefix + "measured_at", "is required"});
  out.readings.push_back(std::move(in));
}

// {"batch_id"?: string, "readings": [reading...]} or one reading object.
Payload ParsePayload(std::string_view text) {
  Payload out;
  if (text.size() > kMaxPayloadBytes) {
    out.errors.push_back({"payload", "is larger than 1 MiB"});
    return out;
  }
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) {
    out.errors.push_back({"payload", "must be a JSON object"});
    return out;
  }
  const json::object& o = doc.get_object();
  if (!o.contains("readings")) {
    ReadReading(doc, "", out);
    return out;
  }
  for (const auto& [key, field] : o) {
    if (key == "batch_id") {
      if (field.is_string())
        out.batch_id = std::string(field.get_string());
      else
        out.errors.push_back({"batch_id", "must be a string"});
    } else if (key == "readings") {
      if (!field.is_array()) {
        out.errors.push_back({"readings", "must be an array"});
        continue;
      }
      const json::array& a = field.get_array();
      for (std::size_t i = 0; i < a.size(); ++i)
        ReadReading(a[i], "readings[" + std::to_string(i) + "]", out);
    } else {
      out.errors.push_back({std::string(key), "is not a known field"});
    }
  }
  return out;
}

std::string AckJson(const std::string& batch_id, std::string_view status, json::object extra) {
  extra["batch_id"] = batch_id.empty() ? json::value(nullptr) : json::value(batch_id);
  extra["status"] = status;
  return json::serialize(extra);
}

json::array ErrorsJson(const Error& e) {
  json::array out;
  for (const auto& f : e.fields())
    out.push_back(json::object{{"field", f.field}, {"message", f.message}});
  return out;
}

}  // namespace

Result<MqttEndpoint> ParseMqttUrl(std::string_view url) {
  auto bad = [&] {
    return InvalidArgument("the MQTT URL must be mqtt://HOST:PORT, not '" + std::string(url) + "'",
                           {{"mqtt-url", "must be mqtt://HOST:PORT"}});
  };
  std::string_view rest;
  for (std::string_view scheme : {"mqtt://", "tcp://"})
    if (url.substr(0, scheme.size()) == scheme) rest = url.substr(scheme.size());
  if (rest.empty() || rest.find('/') != std::string_view::npos ||
      rest.find('@') != std::string_view::npos)
    return bad();
  MqttEndpoint out;
  std::size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos && rest.front() != '[') {
    std::string_view port = rest.substr(colon + 1);
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || out.port < 1 ||
        out.port > 65535)
      return bad();
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) return bad();
  out.host = std::string(rest);
  return out;
}

MqttIngest::MqttIngest(EquipmentService& service, MqttSettings settings)
    : service_(service), settings_(std::move(settings)) {}

MqttIngest::~MqttIngest() { Stop(); }

Status MqttIngest::Start() {
  RUTILE_ASSIGN_OR_RETURN(MqttEndpoint endpoint, ParseMqttUrl(settings_.url));
  if (thread_.joinable()) return FailedPrecondition("the MQTT subscriber is already running");
  InitLibrary();
  {
    std::lock_guard lock(mutex_);
    stop_ = false;
  }
  thread_ = std::thread([this, endpoint] { Run(endpoint); });
  return Ok();
}

void MqttIngest::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

MqttCounters MqttIngest::counters() const {
  std::lock_guard lock(counters_mutex_);
  return counters_;
}

std::string MqttIngest::MetricsText() const {
  const MqttCounters c = counters();
  std::string out;
  out += "# HELP rutile_mqtt_messages_total MQTT reading messages by outcome.\n";
  out += "# TYPE rutile_mqtt_messages_total counter\n";
  auto line = [&](const char* outcome, std::int64_t v) {
    out += "rutile_mqtt_messages_total{outcome=\"" + std::string(outcome) + "\"} " +
           std::to_string(v) + "\n";
  };
  line("received", c.received);
  line("stored", c.stored);
  line("rejected", c.rejected);
  line("duplicate", c.duplicates);
  line("failed", c.failed);
  out += "# HELP rutile_mqtt_readings_total Readings committed from MQTT messages.\n";
  out += "# TYPE rutile_mqtt_readings_total counter\n";
  out += "rutile_mqtt_readings_total " + std::to_string(c.readings) + "\n";
  out += "# HELP rutile_mqtt_connected 1 while connected to the broker.\n";
  out += "# TYPE rutile_mqtt_connected gauge\n";
  out += "rutile_mqtt_connected " + std::string(connected() ? "1" : "0") + "\n";
  out += "# HELP rutile_mqtt_connects_total Successful connections to the broker.\n";
  out += "# TYPE rutile_mqtt_connects_total counter\n";
  out += "rutile_mqtt_connects_total " + std::to_string(c.connects) + "\n";
  return out;
}

std::optional<MqttAck> MqttIngest::HandleMessage(std::string_view topic, std::string_view payload) {
  auto count = [&](std::int64_t MqttCounters::*field, std::int64_t readings = 0) {
    std::lock_guard lock(counters_mutex_);
    counters_.received += 1;
    counters_.*field += 1;
    counters_.readings += readings;
  };
  DeviceTopic dt;
  if (!ParseDeviceReadingsTopic(topic, dt)) {
    spdlog::warn("mqtt: dropped a message on '{}': not a readings topic", topic.substr(0, 200));
    count(&MqttCounters::rejected);
    return std::nullopt;
  }
  MqttAck ack;
  ack.topic = DeviceAcksTopic(dt.org_id, dt.key);
  // Logs name the key by its first characters only.
  const std::string who = "org " + std::to_string(dt.org_id) + " key " + dt.key.substr(0, 10);
  Payload p = ParsePayload(payload);
  if (!p.errors.empty()) {
    spdlog::warn("mqtt: dropped a message from {}: {} invalid field(s), first {}: {}", who,
                 p.errors.size(), p.errors[0].field, p.errors[0].message);
    count(&MqttCounters::rejected);
    json::array errors;
    for (const auto& f : p.errors)
      errors.push_back(json::object{{"field", f.field}, {"message", f.message}});
    ack.payload = AckJson(p.batch_id, "rejected", {{"errors", std::move(errors)}});
    return ack;
  }
  auto result = service_.IngestFromDevice(dt.org_id, dt.key, p.readings, p.batch_id);
  if (!result.has_value()) {
    const Error& e = result.error();
    const bool refused =
        e.code() == ErrorCode::kInvalidArgument || e.code() == ErrorCode::kUnauthenticated ||
        e.code() == ErrorCode::kPermissionDenied || e.code() == ErrorCode::kNotFound;
    spdlog::warn("mqtt: {} a message from {}: {}", refused ? "dropped" : "could not store", who,
                 e.message());
    count(refused ? &MqttCounters::rejected : &MqttCounters::failed);
    ack.payload = AckJson(p.batch_id, refused ? "rejected" : "error",
                          {{"message", e.message()}, {"errors", ErrorsJson(e)}});
    return ack;
  }
  if (result->duplicate) {
    count(&MqttCounters::duplicates);
    ack.payload = AckJson(p.batch_id, "duplicate", {});
    return ack;
  }
  const IngestResult& r = result->result;
  count(&MqttCounters::stored, static_cast<std::int64_t>(r.reading_ids.size()));
  json::array alerts;
  for (auto id : r.alert_ids) alerts.push_back(id);
  ack.payload = AckJson(p.batch_id, "stored",
                        {{"item_id", result->item_id},
                         {"readings", r.reading_ids.size()},
                         {"alert_ids", std::move(alerts)}});
  return ack;
}

void MqttIngest::OnConnect(::mosquitto* m, void* self, int rc) {
  auto* me = static_cast<MqttIngest*>(self);
  if (rc != 0) {
    spdlog::warn("mqtt: the broker refused the connection: {}", mosquitto_connack_string(rc));
    return;
  }
  // QoS 1 with a persistent session: the broker keeps what arrives while we are away.
  int sub = mosquitto_subscribe(m, nullptr, std::string(kMqttSubscription).c_str(), 1);
  if (sub != MOSQ_ERR_SUCCESS) {
    spdlog::warn("mqtt: subscribe failed: {}", mosquitto_strerror(sub));
    return;
  }
  me->connected_ = true;
  me->backoff_s_ = 1;
  {
    std::lock_guard lock(me->counters_mutex_);
    me->counters_.connects += 1;
  }
  spdlog::info("mqtt: connected; subscribed to {}", kMqttSubscription);
}

void MqttIngest::OnMessage(::mosquitto* m, void* self, const ::mosquitto_message* msg) {
  auto* me = static_cast<MqttIngest*>(self);
  std::string_view payload(static_cast<const char*>(msg->payload),
                           msg->payload == nullptr ? 0 : static_cast<std::size_t>(msg->payloadlen));
  auto ack = me->HandleMessage(msg->topic == nullptr ? "" : msg->topic, payload);
  if (ack)
    mosquitto_publish(m, nullptr, ack->topic.c_str(), static_cast<int>(ack->payload.size()),
                      ack->payload.data(), 1, false);
}

void MqttIngest::Run(MqttEndpoint endpoint) {
  struct Deleter {
    void operator()(::mosquitto* m) const { mosquitto_destroy(m); }
  };
  std::unique_ptr<::mosquitto, Deleter> client(
      mosquitto_new(settings_.client_id.c_str(), /*clean_session=*/false, this));
  if (!client) {
    spdlog::error("mqtt: cannot create a client");
    return;
  }
  ::mosquitto* m = client.get();
  mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  if (!settings_.username.empty())
    mosquitto_username_pw_set(m, settings_.username.c_str(),
                              settings_.password.empty() ? nullptr : settings_.password.c_str());
  mosquitto_connect_callback_set(m, &MqttIngest::OnConnect);
  mosquitto_message_callback_set(m, &MqttIngest::OnMessage);
  bool ever_connected = false;
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stop_) break;
    }
    int rc = ever_connected ? mosquitto_reconnect(m)
                            : mosquitto_connect(m, endpoint.host.c_str(), endpoint.port,
                                                settings_.keepalive_s);
    if (rc == MOSQ_ERR_SUCCESS) {
      ever_connected = true;
      while (rc == MOSQ_ERR_SUCCESS) {
        {
          std::lock_guard lock(mutex_);
          if (stop_) break;
        }
        rc = mosquitto_loop(m, 200, 1);
      }
    }
    connected_ = false;
    std::unique_lock lock(mutex_);
    if (stop_) break;
    const int delay = backoff_s_.load();
    spdlog::warn("mqtt: not connected to {}:{} ({}); retrying in {} s", endpoint.host,
                 endpoint.port, mosquitto_strerror(rc), delay);
    wake_.wait_for(lock, std::chrono::seconds(delay), [this] { return stop_; });
    backoff_s_ = std::min(2 * delay, settings_.max_backoff_s);
  }
  mosquitto_disconnect(m);
  connected_ = false;
}

}  // namespace rutile::equipment
