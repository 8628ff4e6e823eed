"""An acknowledged reading is never lost: readings are sent by several concurrent HTTP clients
(and by an MQTT device when the server can subscribe), the server is killed with SIGKILL right
after an acknowledgment, and every acknowledged reading must be in the database afterwards.

Runs on SQLite and, when RUTILE_TEST_POSTGRES_URL is set, on PostgreSQL.
Usage: ingest_kill_flow_test.py PATH_TO_RUTILE
"""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import unittest

sys.dont_write_bytecode = True  # the MQTT helpers below are imported from a test script
from rutile_server import RutileServer, registration  # noqa: E402
from mqtt_flow_test import (MOSQUITTO, Broker, MqttClient, item_with_fluoride_window,
                            serve_supports_mqtt)

BINARY = None
CLIENTS = 4
BATCH = 200
KILL_AFTER_BATCHES = 24


def stamp(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def stored_readings(server, item):
    """(id, measured_at) of every reading of the item, read from the database directly."""
    sql = f"SELECT id, measured_at FROM equipment_readings WHERE item_id = {int(item)}"
    if server.database_url.startswith("sqlite:"):
        with sqlite3.connect(server.database_url[len("sqlite:"):]) as db:
            return set(db.execute(sql).fetchall())
    out = subprocess.run(["psql", server.database_url, "-At", "-F", " ", "-c", sql],
                         check=True, capture_output=True, text=True, timeout=60).stdout
    return {tuple(int(x) for x in line.split()) for line in out.splitlines() if line}


def kill9(server):
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    server.process.stdout.close()
    server.stderr.close()
    server.process = None


class IngestKillTest(unittest.TestCase):
    def check_http(self, database_url):
        server = RutileServer(BINARY, database_url)
        try:
            server.cli("migrate")
            server.start()
            r = server.request("POST", "/api/v1/auth/register", registration())
            self.assertEqual(r.status, 201, r.body)
            token = r.json()["token"]
            item = item_with_fluoride_window(server, token)
            acknowledged = []  # reading ids from 201 answers
            lock = threading.Lock()
            killed = threading.Event()
            base = int(time.time()) - 30 * 86400

            def client(n):
                k = 0
                while not killed.is_set():
                    start = base + (n * 1_000_000) + k * BATCH
                    k += 1
                    batch = [{"type": "fluoride_mg_l", "value": 1 + (i % 3), "unit": "mg/L",
                              "measured_at": stamp(start + i)} for i in range(BATCH)]
                    try:
                        res = server.request("POST", f"/api/v1/equipment/{item}/readings",
                                             {"readings": batch}, token=token)
                    except OSError:
                        return  # the server is gone
                    if res.status != 201:
                        return
                    with lock:
                        acknowledged.append(res.json()["reading_ids"])
                        if len(acknowledged) >= KILL_AFTER_BATCHES and not killed.is_set():
                            killed.set()
                            server.process.send_signal(signal.SIGKILL)  # right after an answer

            threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=300)
            self.assertTrue(killed.is_set(), "the clients stopped before the kill")
            server.process.wait()
            server.process.stdout.close()
            server.stderr.close()
            server.process = None

            ids = {i for i, _ in stored_readings(server, item)}
            wanted = [i for batch in acknowledged for i in batch]
            self.assertGreaterEqual(len(wanted), KILL_AFTER_BATCHES * BATCH)
            missing = [i for i in wanted if i not in ids]
            self.assertEqual(missing, [], f"{len(missing)} acknowledged readings lost")

            # The restarted server serves the item and accepts more readings.
            server.start()
            more = server.request("POST", f"/api/v1/equipment/{item}/readings", {"readings": [
                {"type": "ph", "value": 7, "unit": "pH", "measured_at": stamp(time.time())}]},
                token=token)
            self.assertEqual(more.status, 201, more.body)
            self.assertEqual(server.stop(), 0)
        finally:
            server.cleanup()

    def test_http_sqlite(self):
        self.check_http(None)

    @unittest.skipUnless(os.environ.get("RUTILE_TEST_POSTGRES_URL"), "no PostgreSQL")
    def test_http_postgres(self):
        self.check_http(os.environ["RUTILE_TEST_POSTGRES_URL"])

    def check_mqtt(self, database_url):
        """A batch the server answered "stored" on the acks topic survives SIGKILL right after."""
        self.assertTrue(os.path.exists(MOSQUITTO),
                        f"{MOSQUITTO} is missing (scripts/install-deps.sh installs mosquitto)")
        self.assertTrue(serve_supports_mqtt(BINARY), "rutile serve has no --mqtt-url")
        broker = Broker().start()
        server = RutileServer(BINARY, database_url, ["--mqtt-url", broker.url()])
        device_client = None
        try:
            server.cli("migrate")
            server.start()
            r = server.request("POST", "/api/v1/auth/register", registration())
            token = r.json()["token"]
            item = item_with_fluoride_window(server, token)
            device = server.request("POST", f"/api/v1/equipment/{item}/devices",
                                    {"name": "gateway"}, token=token).json()
            deadline = time.monotonic() + 20
            while "rutile_mqtt_connected 1" not in server.request("GET", "/metrics").body.decode():
                self.assertLess(time.monotonic(), deadline, "never connected to the broker")
                time.sleep(0.05)
            device_client = MqttClient(broker.port)
            device_client.subscribe(device["acks_topic"])
            base = int(time.time()) - 20 * 86400
            sent = {}
            acked = []
            for k in range(40):
                batch_id = f"b{k}"
                times = [base + k * 50 + i for i in range(50)]
                sent[batch_id] = times
                device_client.publish(device["topic"], json.dumps({"batch_id": batch_id, "readings": [
                    {"type": "fluoride_mg_l", "value": 1, "unit": "mg/L", "measured_at": stamp(t)}
                    for t in times]}))
                if k % 8 == 7:  # wait for some answers, then go on publishing
                    device_client.wait_messages(len(acked) + 1, timeout=20)
                    acked = [json.loads(p) for _, p in device_client.messages]
                if len(acked) >= 16:
                    break
            acked = [json.loads(p) for _, p in device_client.messages]
            kill9(server)  # right after the last answer read
            self.assertGreaterEqual(len(acked), 8, "too few answers before the kill")
            self.assertTrue(all(a["status"] == "stored" for a in acked), acked)
            stored = {t for _, t in stored_readings(server, item)}
            for a in acked:
                lost = [t for t in sent[a["batch_id"]] if t not in stored]
                self.assertEqual(lost, [], f"batch {a['batch_id']} was answered stored but lost")
        finally:
            if device_client:
                device_client.close()
            server.cleanup()
            broker.stop()

    def test_mqtt_sqlite(self):
        self.check_mqtt(None)

    @unittest.skipUnless(os.environ.get("RUTILE_TEST_POSTGRES_URL"), "no PostgreSQL")
    def test_mqtt_postgres(self):
        self.check_mqtt(os.environ["RUTILE_TEST_POSTGRES_URL"])


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
