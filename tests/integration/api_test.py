"""End-to-end tests of the HTTP API against the real `rutile` binary on a free port.

Runs once on SQLite and, when RUTILE_TEST_POSTGRES_URL is set, once more on PostgreSQL.
Usage: api_test.py PATH_TO_RUTILE
"""
import json
import os
import signal
import socket
import sys
import unittest

from rutile_server import RutileServer, registration, unique_email

BINARY = None


class ApiTests:
    """Mixed into one TestCase per database."""

    database_url = None

    @classmethod
    def setUpClass(cls):
        cls.server = RutileServer(BINARY, cls.database_url, ["--body-limit", "65536"])
        cls.server.cli("migrate")
        cls.server.cli("demo")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls.server.cleanup()
        if code != 0:
            raise AssertionError(f"server exited with {code} on SIGTERM")

    def problem(self, response, status):
        self.assertEqual(response.status, status, response.body)
        self.assertTrue(response.header("Content-Type").startswith("application/problem+json"))
        body = response.json()
        self.assertEqual(body["status"], status)
        for key in ("type", "title", "detail"):
            self.assertIn(key, body)
        return body

    def register(self, **kw):
        r = self.server.request("POST", "/api/v1/auth/register", registration(**kw))
        self.assertEqual(r.status, 201, r.body)
        return r.json()

    def login(self, email, password="demo-password-1"):
        r = self.server.request("POST", "/api/v1/auth/login",
                                {"email": email, "password": password})
        self.assertEqual(r.status, 200, r.body)
        return r.json()["token"]

    # --- health and metadata -----------------------------------------------------------------

    def test_health_ready_and_metrics(self):
        self.assertEqual(self.server.request("GET", "/healthz").json(), {"status": "ok"})
        self.assertEqual(self.server.request("GET", "/readyz").status, 200)
        self.server.request("GET", "/api/v1/regions")
        # A request is counted just after its response is written, so the count can trail the
        # answer by a moment: read /metrics until it shows (bounded).
        wanted = 'rutile_http_requests_total{method="GET",route="/api/v1/regions"'
        for _ in range(100):
            metrics = self.server.request("GET", "/metrics").body.decode()
            if wanted in metrics:
                break
        self.assertIn(wanted, metrics)
        self.assertIn("rutile_db_pool_connections", metrics)
        self.assertIn("rutile_ledger_writable 1", metrics)

    def test_regions_and_parks_from_the_demo_data(self):
        regions = self.server.request("GET", "/api/v1/regions").json()["regions"]
        self.assertIn("cn-east", [r["code"] for r in regions])
        parks = self.server.request("GET", "/api/v1/parks?region=cn-east").json()["parks"]
        self.assertGreaterEqual(len(parks), 2)
        self.assertTrue(all(p["region"] == "cn-east" for p in parks))

    # --- identity ----------------------------------------------------------------------------

    def test_register_sets_cookie_and_me_describes_the_caller(self):
        email = unique_email("owner")
        r = self.server.request("POST", "/api/v1/auth/register", registration(email=email))
        self.assertEqual(r.status, 201, r.body)
        cookie = r.header("Set-Cookie")
        self.assertIn("rutile_session=", cookie)
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)
        body = r.json()
        # The cookie lives exactly as long as the session the service issued.
        self.assertIn("Max-Age=1209600", cookie)
        self.assertEqual(body["organization"]["scale_class"], "small")
        token = body["token"]
        me = self.server.request("GET", "/api/v1/me", token=token).json()
        self.assertEqual(me["user"]["email"], email)
        self.assertEqual(me["organizations"][0]["role"], "admin")
        # The cookie alone authenticates too.
        session = cookie.split(";")[0]
        me2 = self.server.request("GET", "/api/v1/me", headers={"Cookie": session})
        self.assertEqual(me2.status, 200)

    def test_logout_ends_the_session(self):
        token = self.register()["token"]
        self.assertEqual(self.server.request("POST", "/api/v1/auth/logout", token=token).status,
                         204)
        self.problem(self.server.request("GET", "/api/v1/me", token=token), 401)

    def test_bad_tokens_and_anonymous_callers_get_401(self):
        self.problem(self.server.request("GET", "/api/v1/me"), 401)
        self.problem(self.server.request("GET", "/api/v1/me", token="forged-token"), 401)
        self.problem(self.server.request("GET", "/api/v1/me",
                                         headers={"Authorization": "Basic eDp5"}), 401)

    def test_wrong_password_then_throttled(self):
        email = unique_email("victim")
        self.register(email=email)
        for _ in range(10):
            r = self.server.request("POST", "/api/v1/auth/login",
                                    {"email": email, "password": "not the password"})
            self.problem(r, 401)
        r = self.server.request("POST", "/api/v1/auth/login",
                                {"email": email, "password": "a long enough password"})
        self.problem(r, 429)
        self.assertIsNotNone(r.header("Retry-After"))

    def test_validation_lists_every_field(self):
        body = registration(email="not-an-email", kind="bakery")
        body["password"] = "short"
        body["organization"]["headcount"] = "many"
        body["surprise"] = True
        p = self.problem(self.server.request("POST", "/api/v1/auth/register", body), 400)
        fields = {e["field"] for e in p["errors"]}
        self.assertIn("surprise", fields)
        self.assertIn("organization.headcount", fields)
        # Type errors are reported before the service sees the request; then service rules.
        body["organization"]["headcount"] = 10
        del body["surprise"]
        p = self.problem(self.server.request("POST", "/api/v1/auth/register", body), 400)
        fields = {e["field"] for e in p["errors"]}
        self.assertTrue({"email", "password", "organization.kind"} <= fields, fields)

    def test_members_and_real_name_filing(self):
        admin = self.register()
        org_id = admin["organization"]["id"]
        other = self.register()
        members = self.server.request("GET", f"/api/v1/orgs/{org_id}/members",
                                      token=admin["token"])
        self.assertEqual(members.status, 200)
        self.problem(self.server.request("GET", f"/api/v1/orgs/{org_id}/members",
                                         token=other["token"]), 403)
        invite = self.server.request("POST", f"/api/v1/orgs/{org_id}/invitations",
                                     {"email": other["user"]["email"], "role": "member"},
                                     token=admin["token"])
        self.assertEqual(invite.status, 201, invite.body)
        inbox = self.server.request("GET", "/api/v1/notifications", token=other["token"]).json()
        self.assertEqual(inbox["unread"], 1)
        self.assertEqual(inbox["items"][0]["kind"], "identity.invitation_received")
        accept = self.server.request("POST", f"/api/v1/invitations/{invite.json()['id']}/accept",
                                     token=other["token"])
        self.assertEqual(accept.status, 201, accept.body)
        self.assertEqual(self.server.request("GET", f"/api/v1/orgs/{org_id}/members",
                                             token=other["token"]).status, 200)
        note_id = inbox["items"][0]["id"]
        self.problem(self.server.request("POST", f"/api/v1/notifications/{note_id}/read",
                                         token=admin["token"]), 404)
        self.assertEqual(self.server.request("POST", f"/api/v1/notifications/{note_id}/read",
                                             token=other["token"]).status, 204)
        inbox = self.server.request("GET", "/api/v1/notifications", token=other["token"]).json()
        self.assertEqual(inbox["unread"], 0)
        self.problem(self.server.request("GET", "/api/v1/notifications"), 401)

        filing = self.server.request("POST", f"/api/v1/orgs/{org_id}/real-name-filing",
                                     {"registration_number": "91320000TEST00001X"},
                                     token=admin["token"])
        self.assertEqual(filing.json()["real_name_status"], "pending")
        self.problem(self.server.request("POST",
                                         f"/api/v1/orgs/{org_id}/real-name-filing/decision",
                                         {"approve": True}, token=admin["token"]), 403)
        operator = self.login("operator@demo.rutile.example")
        decided = self.server.request("POST", f"/api/v1/orgs/{org_id}/real-name-filing/decision",
                                      {"approve": True}, token=operator)
        self.assertEqual(decided.status, 200, decided.body)
        self.assertEqual(decided.json()["real_name_status"], "approved")
        inbox = self.server.request("GET", "/api/v1/notifications?unread=true",
                                    token=admin["token"]).json()
        self.assertIn("identity.real_name_decided", [n["kind"] for n in inbox["items"]])
        self.problem(self.server.request("POST",
                                         f"/api/v1/orgs/{org_id}/real-name-filing/decision",
                                         {"approve": True}, token=operator), 409)

    def test_command_line_writes_while_the_server_runs(self):
        email = unique_email("cli")
        result = self.server.cli("user", "add", "--email", email, "--password",
                                 "cli password 123", "--org", "1", "--role", "member")
        self.assertIn(email, result.stdout)
        self.login(email, "cli password 123")
        dup = self.server.cli("user", "add", "--email", email, "--password", "cli password 123",
                              "--org", "1", check=False)
        self.assertNotEqual(dup.returncode, 0)
        self.assertIn("already exists", dup.stderr)

    # --- bad input ---------------------------------------------------------------------------

    def test_malformed_bodies_are_400(self):
        for raw in (b"{", b"[1,2]", b"null", b'{"email": "a@b.c", "password": "x",}'):
            self.problem(self.server.request("POST", "/api/v1/auth/login", raw=raw), 400)
        bad_utf8 = b'{"email": "\xff\xfe@example.com", "password": "0123456789"}'
        self.problem(self.server.request("POST", "/api/v1/auth/login", raw=bad_utf8), 400)
        wrong_type = self.server.request("POST", "/api/v1/auth/login",
                                         raw=b'{"email":"a@b.c","password":"x"}',
                                         content_type="text/plain")
        self.assertIn(wrong_type.status, (400, 415))

    def test_oversized_body_is_413(self):
        big = {"email": "a@example.com", "password": "x" * 70000}
        self.problem(self.server.request("POST", "/api/v1/auth/login", big), 413)

    def test_unknown_route_and_wrong_method(self):
        self.problem(self.server.request("GET", "/api/v1/does-not-exist"), 404)
        r = self.server.request("DELETE", "/api/v1/auth/login")
        self.problem(r, 405)
        self.assertIn("POST", r.header("Allow"))
        self.problem(self.server.request("GET", "/api/v1/orgs/abc"), 400)

    def test_garbage_on_the_wire_does_not_hurt_the_server(self):
        host, port = self.server.base_url.rsplit("/", 1)[1].split(":")
        with socket.create_connection((host, int(port)), timeout=10) as s:
            s.sendall(b"\x00\x01NOT HTTP AT ALL\r\n\r\n")
            reply = s.recv(4096)
        self.assertTrue(reply == b"" or reply.startswith(b"HTTP/1.1 400"), reply[:100])
        self.assertEqual(self.server.request("GET", "/healthz").status, 200)


class SqliteApiTest(ApiTests, unittest.TestCase):
    database_url = None


@unittest.skipUnless(os.environ.get("RUTILE_TEST_POSTGRES_URL"), "RUTILE_TEST_POSTGRES_URL unset")
class PostgresApiTest(ApiTests, unittest.TestCase):
    database_url = os.environ.get("RUTILE_TEST_POSTGRES_URL")


class DurabilityTest(unittest.TestCase):
    """Nothing answered with 2xx is lost when the process is killed right after."""

    def check_kill9(self, database_url):
        server = RutileServer(BINARY, database_url)
        try:
            server.cli("migrate")
            server.start()
            acknowledged = []
            for i in range(25):
                r = server.request("POST", "/api/v1/auth/register", registration())
                self.assertEqual(r.status, 201, r.body)
                acknowledged.append((r.json()["organization"]["id"], r.json()["token"]))
            server.process.send_signal(signal.SIGKILL)
            server.process.wait()
            server.process.stdout.close()
            server.stderr.close()
            server.process = None
            server.start()
            for org_id, token in acknowledged:
                r = server.request("GET", f"/api/v1/orgs/{org_id}", token=token)
                self.assertEqual(r.status, 200, f"organization {org_id} lost: {r.body}")
                self.assertEqual(server.request("GET", "/api/v1/me", token=token).status, 200)
            self.assertEqual(server.stop(), 0)
        finally:
            server.cleanup()

    def test_kill9_sqlite(self):
        self.check_kill9(None)

    @unittest.skipUnless(os.environ.get("RUTILE_TEST_POSTGRES_URL"), "no PostgreSQL")
    def test_kill9_postgres(self):
        self.check_kill9(os.environ["RUTILE_TEST_POSTGRES_URL"])


class CommandLineTest(unittest.TestCase):
    def test_version_help_and_errors(self):
        import subprocess
        v = subprocess.run([BINARY, "--version"], capture_output=True, text=True)
        self.assertEqual(v.returncode, 0)
        self.assertTrue(v.stdout.startswith("rutile "))
        h = subprocess.run([BINARY, "--help"], capture_output=True, text=True)
        for sub in ("serve", "migrate", "demo", "org", "user"):
            self.assertIn(sub, h.stdout)
        bad = subprocess.run([BINARY, "serve", "--listen", "nonsense", "--database",
                              "sqlite::memory:"], capture_output=True, text=True, timeout=30)
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("HOST:PORT", bad.stderr)
        bad_db = subprocess.run([BINARY, "migrate", "--database", "mysql://x"],
                                capture_output=True, text=True, timeout=30)
        self.assertNotEqual(bad_db.returncode, 0)
        self.assertIn("sqlite:", bad_db.stderr)

    def test_demo_is_idempotent_and_prints_json(self):
        server = RutileServer(BINARY)
        try:
            import subprocess
            run = lambda: subprocess.run(
                [BINARY, "--json", "demo", "--database", server.database_url,
                 "--data-dir", server.workdir], capture_output=True, text=True, timeout=120)
            a = run()
            self.assertEqual(a.returncode, 0, a.stderr)
            first = json.loads(a.stdout)
            self.assertGreaterEqual(first["organizations_created"], 15)
            self.assertGreaterEqual(first["users_created"], 10)
            b = json.loads(run().stdout)
            self.assertEqual((b["parks_created"], b["organizations_created"], b["users_created"]),
                             (0, 0, 0))
        finally:
            server.cleanup()


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
