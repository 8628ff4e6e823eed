"""HTTP hardening against the real `rutile` binary, on SQLite and (when RUTILE_TEST_POSTGRES_URL
is set) on PostgreSQL.

Findings this proves fixed (each check fails on the server before them):
- Forwarded / X-Forwarded-* headers were never honoured, so behind a TLS proxy the session
  cookie lacked `Secure`; they must count only from peers in --trusted-proxies.
- A cross-site page could make a signed-in browser POST with its session cookie (CSRF): a
  state-changing request authenticated by the cookie alone now needs its own Origin.
- No Content-Security-Policy, X-Frame-Options, Referrer-Policy or HSTS on responses.
- /metrics was open to anyone who could reach the port.
- Open connections were unbounded: now --max-connections, extras answered 503 and closed, with
  one rate-limited warning and a counter in /metrics.
Usage: security_http_flow_test.py PATH_TO_RUTILE
"""
import json
import os
import socket
import sys
import time
import unittest
import uuid

from rutile_server import RutileServer, registration, run_on_every_database

BINARY = None
METRICS_TOKEN = "scrape-" + uuid.uuid4().hex
HEATER = {"name": "Tank heater", "type": "immersion_heater", "material": "Ti-Gr2",
          "bath_preset": "watts-nickel", "operating_temperature_c": 60}


def start(database_url, args=(), static=True):
    server = RutileServer(BINARY, database_url, list(args))
    if static:
        www = os.path.join(server.workdir, "static")
        os.makedirs(os.path.join(www, "assets"))
        with open(os.path.join(www, "index.html"), "w") as f:
            f.write("<!doctype html><title>Rutile</title><script type=module src=/assets/a.js>"
                    "</script>")
        with open(os.path.join(www, "assets", "a.js"), "w") as f:
            f.write("console.log('rutile')")
    server.cli("migrate")
    server.start()
    return server


def stop(server):
    code = server.stop()
    server.cleanup()
    if code != 0:
        raise AssertionError(f"server exited with {code} on SIGTERM")


class Base(unittest.TestCase):
    database_url = None
    args = ()

    @classmethod
    def setUpClass(cls):
        cls.server = start(cls.database_url, cls.args)

    @classmethod
    def tearDownClass(cls):
        stop(cls.server)

    def req(self, method, path, body=None, token=None, headers=None):
        return self.server.request(method, path, body, token=token, headers=headers)

    def origin(self):
        return self.server.base_url.rstrip("/")

    def access_log_line(self, request_id):
        # The server logs a request after sending its answer: wait for the line (bounded).
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            for line in self.server.log().splitlines():
                if request_id in line and '"msg":"http"' in line:
                    return json.loads(line[line.index("{"):])
            time.sleep(0.01)
        self.fail(f"no access log line for {request_id}:\n{self.server.log()}")

    def register(self, headers=None):
        r = self.req("POST", "/api/v1/auth/register", registration(), headers=headers)
        self.assertEqual(r.status, 201, r.body)
        return r


class Untrusted(Base):
    """No --trusted-proxies: forwarded headers are somebody's claim, never believed."""

    def test_forwarded_headers_from_an_untrusted_peer_are_ignored(self):
        rid = "untrusted-" + uuid.uuid4().hex
        r = self.register({"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https",
                           "Forwarded": "for=198.51.100.7;proto=https", "X-Request-Id": rid})
        cookie = r.header("Set-Cookie")
        self.assertIn("rutile_session=", cookie)
        self.assertNotIn("Secure", cookie)
        self.assertIsNone(r.header("Strict-Transport-Security"))
        self.assertEqual(self.access_log_line(rid)["remote"], "127.0.0.1")
        # A forged address does not make /metrics think the caller is remote either.
        m = self.req("GET", "/metrics", headers={"X-Forwarded-For": "198.51.100.7"})
        self.assertEqual(m.status, 200)

    def test_csrf_cookie_requests_need_their_own_origin(self):
        reg = self.register().json()
        cookie = "rutile_session=" + reg["token"]
        own = self.origin()

        refused = self.req("POST", "/api/v1/equipment", HEATER, headers={"Cookie": cookie})
        self.assertEqual(refused.status, 403, refused.body)
        self.assertEqual(refused.header("Content-Type"), "application/problem+json")
        self.assertTrue(refused.json()["type"].endswith("/csrf-origin"))
        for bad in ({"Origin": "http://evil.example"}, {"Origin": "null"},
                    {"Origin": own.replace("http://", "https://")},
                    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}):
            r = self.req("POST", "/api/v1/equipment", HEATER, headers={"Cookie": cookie, **bad})
            self.assertEqual(r.status, 403, f"{bad}: {r.body}")

        ok = self.req("POST", "/api/v1/equipment", HEATER,
                      headers={"Cookie": cookie, "Origin": own})
        self.assertEqual(ok.status, 201, ok.body)
        fetch_meta = self.req("POST", "/api/v1/equipment", HEATER,
                              headers={"Cookie": cookie, "Sec-Fetch-Site": "same-origin"})
        self.assertEqual(fetch_meta.status, 201, fetch_meta.body)
        bearer = self.req("POST", "/api/v1/equipment", HEATER, token=reg["token"])
        self.assertEqual(bearer.status, 201, bearer.body)
        item = f"/api/v1/equipment/{ok.json()['id']}"
        self.assertEqual(
            self.req("PATCH", item, {"name": "Renamed"}, headers={"Cookie": cookie}).status, 403)
        # Reads are not state-changing.
        self.assertEqual(self.req("GET", "/api/v1/me", headers={"Cookie": cookie}).status, 200)

        # Login with a cookie is checked too; without one it is an anonymous request.
        creds = {"email": reg["user"]["email"], "password": "a long enough password"}
        self.assertEqual(
            self.req("POST", "/api/v1/auth/login", creds, headers={"Cookie": cookie}).status, 403)
        self.assertEqual(self.req("POST", "/api/v1/auth/login", creds).status, 200)
        # A body-less POST with the cookie alone is refused, and the session survives it.
        self.assertEqual(self.req("POST", "/api/v1/auth/logout", headers={"Cookie": cookie}).status,
                         403)
        self.assertEqual(self.req("GET", "/api/v1/me", headers={"Cookie": cookie}).status, 200)
        out = self.req("POST", "/api/v1/auth/logout", headers={"Cookie": cookie, "Origin": own})
        self.assertLess(out.status, 300, out.body)

    def test_security_headers_on_api_static_and_errors(self):
        for path in ("/api/v1/regions", "/", "/assets/a.js", "/api/v1/nothing-here", "/healthz"):
            r = self.req("GET", path)
            csp = r.header("Content-Security-Policy") or ""
            self.assertIn("default-src 'self'", csp, path)
            self.assertIn("script-src 'self' 'wasm-unsafe-eval'", csp, path)
            self.assertIn("frame-ancestors 'none'", csp, path)
            self.assertIn("object-src 'none'", csp, path)
            self.assertEqual(r.header("X-Content-Type-Options"), "nosniff", path)
            self.assertEqual(r.header("X-Frame-Options"), "DENY", path)
            self.assertEqual(r.header("Referrer-Policy"), "strict-origin-when-cross-origin", path)
            self.assertIsNone(r.header("Strict-Transport-Security"), path)

    def test_metrics_answer_loopback_by_default(self):
        m = self.req("GET", "/metrics")
        self.assertEqual(m.status, 200)
        self.assertIn("rutile_http_connections_limit 1024", m.body.decode())


class Trusted(Base):
    """--trusted-proxies 127.0.0.1: the test client plays the reverse proxy."""

    args = ("--trusted-proxies", "127.0.0.1, ::1")

    def test_forwarded_https_gives_a_secure_cookie_and_hsts(self):
        rid = "trusted-" + uuid.uuid4().hex
        r = self.register({"X-Forwarded-For": "6.6.6.6, 198.51.100.7",
                           "X-Forwarded-Proto": "https", "X-Request-Id": rid})
        self.assertIn("Secure", r.header("Set-Cookie"))
        self.assertEqual(r.header("Strict-Transport-Security"), "max-age=31536000")
        line = self.access_log_line(rid)
        self.assertEqual(line["remote"], "198.51.100.7")  # the right-most untrusted hop
        self.assertEqual(line["peer"], "127.0.0.1")

        rid = "rfc7239-" + uuid.uuid4().hex
        r = self.register({"Forwarded": 'for="[2001:db8::5]:4711";proto=https',
                           "X-Request-Id": rid})
        self.assertIn("Secure", r.header("Set-Cookie"))
        self.assertEqual(self.access_log_line(rid)["remote"], "2001:db8::5")

        plain = self.register({"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "http"})
        self.assertNotIn("Secure", plain.header("Set-Cookie"))
        self.assertIsNone(plain.header("Strict-Transport-Security"))

    def test_csrf_origin_follows_the_forwarded_scheme(self):
        reg = self.register().json()
        host = self.origin().split("://", 1)[1]
        headers = {"Cookie": "rutile_session=" + reg["token"], "X-Forwarded-Proto": "https",
                   "X-Forwarded-For": "198.51.100.7"}
        r = self.req("POST", "/api/v1/equipment", HEATER,
                     headers={**headers, "Origin": "http://" + host})
        self.assertEqual(r.status, 403, r.body)
        r = self.req("POST", "/api/v1/equipment", HEATER,
                     headers={**headers, "Origin": "https://" + host})
        self.assertEqual(r.status, 201, r.body)

    def test_metrics_refused_to_a_remote_client_behind_the_proxy(self):
        remote = self.req("GET", "/metrics", headers={"X-Forwarded-For": "198.51.100.7"})
        self.assertEqual(remote.status, 403, remote.body)
        self.assertTrue(remote.json()["type"].endswith("/metrics-forbidden"))
        self.assertEqual(self.req("GET", "/metrics").status, 200)


class MetricsToken(Base):
    args = ("--metrics-access", "token:" + METRICS_TOKEN)

    def test_metrics_need_the_token(self):
        self.assertEqual(self.req("GET", "/metrics").status, 401)
        self.assertEqual(self.req("GET", "/metrics", token="wrong-" + METRICS_TOKEN).status, 401)
        ok = self.req("GET", "/metrics", token=METRICS_TOKEN)
        self.assertEqual(ok.status, 200)
        self.assertIn("rutile_http_requests_total", ok.body.decode())


class ConnectionLimit(Base):
    args = ("--max-connections", "4")

    def test_extra_connections_are_refused_and_logged_once(self):
        host, port = self.server.base_url.split("://", 1)[1].rstrip("/").split(":")
        socks = []
        try:
            for _ in range(4 + 5):
                s = socket.create_connection((host, int(port)), timeout=30)
                socks.append(s)
            # The extras are answered 503 and closed without sending anything.
            for s in socks[4:]:
                data = b""
                while True:
                    try:
                        chunk = s.recv(4096)
                    except ConnectionResetError:
                        break
                    if not chunk:
                        break
                    data += chunk
                self.assertTrue(data.startswith(b"HTTP/1.1 503"), data)
                self.assertIn(b"Retry-After: 1", data)
            # The first four are served.
            for s in socks[:4]:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                data = b""
                while True:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                self.assertTrue(data.startswith(b"HTTP/1.1 200"), data)
        finally:
            for s in socks:
                s.close()
        log = self.server.log()
        self.assertEqual(log.count("connection limit reached"), 1, log)
        # The slots free up as the server notices the closes; bounded retries, no sleeps.
        for _ in range(200):
            try:
                m = self.req("GET", "/metrics")
            except OSError:
                continue
            if m.status == 200:
                break
        self.assertEqual(m.status, 200)
        text = m.body.decode()
        self.assertIn("rutile_http_connections_refused_total 5", text)
        self.assertIn("rutile_http_connections_limit 4", text)


CASES = (Untrusted, Trusted, MetricsToken, ConnectionLimit)

if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    run_on_every_database(*CASES)
