"""End-to-end MQTT ingestion: Debian's mosquitto on a free loopback port, the real `rutile serve`
subscribed to it, a device key created over HTTP, readings published at QoS 1.

An in-window and an out-of-window fluoride reading are published; the test polls (bounded, no
fixed sleeps) until the out-of-window one has raised a critical alert, and checks that a bad
payload is rejected (answered on the device's acks topic, counted in /metrics) without harm.
Usage: mqtt_flow_test.py PATH_TO_RUTILE
"""
import getpass
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

from rutile_server import RutileServer, registration

BINARY = None
MOSQUITTO = "/usr/sbin/mosquitto"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout=20.0, interval=0.05):
    """Polls predicate until it returns a true value or the timeout passes; returns the value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


class Broker:
    """A mosquitto process on a free loopback port with a throw-away configuration."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="rutile-mqtt-")
        self.port = free_port()
        self.process = None

    def start(self):
        conf = os.path.join(self.dir, "mosquitto.conf")
        with open(conf, "w") as f:
            # As root mosquitto would drop to the user "mosquitto": stay the current user.
            f.write(f"listener {self.port} 127.0.0.1\nallow_anonymous true\n"
                    f"persistence false\nuser {getpass.getuser()}\n")
        self.log = open(os.path.join(self.dir, "mosquitto.log"), "ab")
        self.process = subprocess.Popen([MOSQUITTO, "-c", conf], stdout=self.log,
                                        stderr=self.log)

        def accepts():
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return True
            except OSError:
                return False
        if not wait_until(accepts, 10):
            raise AssertionError("mosquitto did not start")
        return self

    def url(self):
        return f"mqtt://127.0.0.1:{self.port}"

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.log.close()
            self.process = None
        shutil.rmtree(self.dir, ignore_errors=True)


def _encode_length(n):
    out = bytearray()
    while True:
        byte = n % 128
        n //= 128
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _string(s):
    b = s.encode("utf-8")
    return struct.pack("!H", len(b)) + b


class MqttClient:
    """A minimal MQTT 3.1.1 client over a socket: CONNECT, SUBSCRIBE, PUBLISH at QoS 1 (waits
    for PUBACK) and reception of PUBLISH packets. Enough for a test device; no reconnects."""

    def __init__(self, port, client_id=None):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.buffer = b""
        self.next_id = 1
        self.messages = []
        cid = client_id or "test-" + uuid.uuid4().hex[:10]
        body = _string("MQTT") + bytes([4, 0x02]) + struct.pack("!H", 60) + _string(cid)
        self._send(0x10, body)
        kind, payload = self._read_packet()
        if kind != 0x20 or payload[1] != 0:
            raise AssertionError(f"CONNACK refused: {payload!r}")

    def _send(self, header, body):
        self.sock.sendall(bytes([header]) + _encode_length(len(body)) + body)

    def _recv_exact(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("broker closed the connection")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def _read_packet(self):
        header = self._recv_exact(1)[0]
        length, shift = 0, 0
        while True:
            b = self._recv_exact(1)[0]
            length += (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        payload = self._recv_exact(length)
        if header >> 4 == 3:  # PUBLISH from the broker
            qos = (header >> 1) & 3
            tlen = struct.unpack("!H", payload[:2])[0]
            topic = payload[2:2 + tlen].decode()
            rest = payload[2 + tlen:]
            if qos:
                packet_id, rest = rest[:2], rest[2:]
                self._send(0x40, packet_id)  # PUBACK
            self.messages.append((topic, rest.decode("utf-8")))
        return header & 0xF0, payload

    def _packet_id(self):
        pid = self.next_id
        self.next_id = self.next_id % 65535 + 1
        return pid

    def subscribe(self, topic):
        pid = self._packet_id()
        self._send(0x82, struct.pack("!H", pid) + _string(topic) + bytes([1]))
        while self._read_packet()[0] != 0x90:
            pass

    def publish(self, topic, payload):
        """QoS 1: returns once the broker has acknowledged (PUBACK) the message."""
        pid = self._packet_id()
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        self._send(0x32, _string(topic) + struct.pack("!H", pid) + data)
        while True:
            kind, body = self._read_packet()
            if kind == 0x40 and struct.unpack("!H", body[:2])[0] == pid:
                return

    def wait_messages(self, count, timeout=20.0):
        """Reads until `count` messages have arrived in total (bounded)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            self.sock.settimeout(max(0.05, deadline - time.monotonic()))
            try:
                self._read_packet()
            except socket.timeout:
                break
        self.sock.settimeout(10)
        return self.messages

    def close(self):
        try:
            self._send(0xE0, b"")
        finally:
            self.sock.close()


def serve_supports_mqtt(binary):
    """`rutile serve` has the --mqtt-url flag once the platform starts the subscriber."""
    h = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True, timeout=30)
    return "--mqtt-url" in h.stdout


def reading(type_, value, unit, measured_at):
    return {"type": type_, "value": value, "unit": unit, "measured_at": measured_at}


def item_with_fluoride_window(server, token):
    """Registers a heater and gives it a fluoride window: target <= 5, critical <= 10 mg/L."""
    r = server.request("POST", "/api/v1/equipment", {
        "name": "Tank 7 heater", "type": "immersion_heater", "material": "Ti-Gr2",
        "bath_preset": "saturated-brine", "operating_temperature_c": 60}, token=token)
    assert r.status == 201, r.body
    item = r.json()["id"]
    w = server.request("PUT", f"/api/v1/equipment/{item}/windows", {"windows": [
        {"type": "fluoride_mg_l", "target_max": 5, "critical_max": 10}]}, token=token)
    assert w.status == 200, w.body
    return item


class MqttFlowTest(unittest.TestCase):
    def setUp(self):
        self.assertTrue(os.path.exists(MOSQUITTO),
                        f"{MOSQUITTO} is missing (scripts/install-deps.sh installs mosquitto)")
        self.assertTrue(serve_supports_mqtt(BINARY), "rutile serve has no --mqtt-url")
        self.broker = Broker().start()
        self.server = RutileServer(BINARY, extra_args=["--mqtt-url", self.broker.url()])
        self.server.cli("migrate")
        self.server.start()

    def tearDown(self):
        code = self.server.stop()
        self.server.cleanup()
        self.broker.stop()
        self.assertEqual(code, 0, "server did not exit cleanly on SIGTERM")

    def test_out_of_window_reading_raises_an_alert_and_bad_payloads_are_rejected(self):
        r = self.server.request("POST", "/api/v1/auth/register", registration())
        self.assertEqual(r.status, 201, r.body)
        token, org = r.json()["token"], r.json()["organization"]["id"]
        item = item_with_fluoride_window(self.server, token)
        d = self.server.request("POST", f"/api/v1/equipment/{item}/devices",
                                {"name": "fluoride analyser"}, token=token)
        self.assertEqual(d.status, 201, d.body)
        device = d.json()
        self.assertEqual(device["topic"], f"rutile/v1/{org}/{device['key']}/readings")

        # The subscriber connects in the background: wait for it in /metrics.
        self.assertTrue(wait_until(lambda: "rutile_mqtt_connected 1" in
                                   self.server.request("GET", "/metrics").body.decode()),
                        "the server never connected to the broker")
        client = MqttClient(self.broker.port)
        try:
            client.subscribe(device["acks_topic"])
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 60))
            client.publish(device["topic"], json.dumps(
                {"batch_id": "in", "readings": [reading("fluoride_mg_l", 2, "mg/L", now)]}))
            client.publish(device["topic"], json.dumps(
                reading("fluoride_mg_l", 25, "mg/L", now)))  # a single reading, no envelope
            client.publish(device["topic"], b"\xff not json")
            client.publish(device["topic"], json.dumps(
                {"readings": [reading("fluoride_mg_l", 2, "stone", now)]}))

            def critical_alert():
                a = self.server.request("GET", f"/api/v1/equipment/{item}/alerts?status=open",
                                        token=token)
                items = a.json()["items"] if a.status == 200 else []
                return [x for x in items if x["severity"] == "critical"]
            alerts = wait_until(critical_alert, 20)
            self.assertTrue(alerts, "no alert was raised")
            self.assertEqual(alerts[0]["type"], "fluoride_mg_l")

            acks = [json.loads(p) for _, p in client.wait_messages(4)]
            self.assertEqual([a["status"] for a in acks],
                             ["stored", "stored", "rejected", "rejected"], acks)
            self.assertEqual(acks[3]["errors"][0]["field"], "readings[0].unit")
        finally:
            client.close()
        readings = self.server.request("GET", f"/api/v1/equipment/{item}/readings",
                                       token=token).json()["items"]
        self.assertEqual(sorted(r["value"] for r in readings), [2, 25])
        self.assertTrue(all(r["source"] == "mqtt" for r in readings))
        metrics = self.server.request("GET", "/metrics").body.decode()
        self.assertIn('rutile_mqtt_messages_total{outcome="rejected"} 2', metrics)
        self.assertIn('rutile_mqtt_messages_total{outcome="stored"} 2', metrics)

        # A revoked key is refused from then on.
        revoke = self.server.request(
            "POST", f"/api/v1/equipment/{item}/devices/{device['id']}/revoke", token=token)
        self.assertEqual(revoke.status, 200, revoke.body)
        client = MqttClient(self.broker.port)
        try:
            client.subscribe(device["acks_topic"])
            client.publish(device["topic"], json.dumps(reading("ph", 7, "pH", now)))
            acks = [json.loads(p) for _, p in client.wait_messages(1)]
            self.assertEqual(acks[0]["status"], "rejected")
        finally:
            client.close()


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
