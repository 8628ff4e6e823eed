"""Starts the real `rutile` binary on a free port for end-to-end tests, and a small HTTP client.

Standard library only. The server prints "listening on http://HOST:PORT" as its first line.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request
import uuid


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        return self.headers.get(name)


def fresh_postgres_database(url):
    """A new, empty database on the same PostgreSQL server, so each server under test starts
    with its own schema and its own ledger (whose key lives in that server's data dir)."""
    name = "rutile_e2e_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", f"CREATE DATABASE {name}"],
                   check=True, capture_output=True, timeout=60)
    base, _, query = url.partition("?")
    base = base.rsplit("/", 1)[0] + "/" + name
    return base + ("?" + query if query else "")


class RutileServer:
    """One `rutile serve` process over its own database and data directory."""

    def __init__(self, binary, database_url=None, extra_args=(), workdir=None):
        self.binary = binary
        self.workdir = workdir or tempfile.mkdtemp(prefix="rutile-e2e-")
        if database_url and database_url.startswith(("postgresql:", "postgres:")):
            database_url = fresh_postgres_database(database_url)
        self.database_url = database_url or "sqlite:" + os.path.join(self.workdir, "rutile.db")
        self.extra_args = list(extra_args)
        self.process = None
        self.base_url = None
        self.stderr_path = os.path.join(self.workdir, "server.log")

    def cli(self, *args, check=True):
        cmd = [self.binary, *args, "--database", self.database_url, "--data-dir", self.workdir]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(cmd)} failed: {result.stderr}")
        return result

    def start(self):
        self.stderr = open(self.stderr_path, "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--listen", "127.0.0.1:0", "--database", self.database_url,
             "--data-dir", self.workdir, "--static-dir", os.path.join(self.workdir, "static"),
             *self.extra_args],
            stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("listening on "):
            self.process.kill()
            raise AssertionError("server did not start: " + line + self.log())
        self.base_url = line.split("listening on ", 1)[1].strip()
        return self

    def log(self):
        try:
            with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.process is None:
            return None
        self.process.send_signal(sig)
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self.process.stdout.close()
        self.stderr.close()
        self.process = None
        return code

    def cleanup(self):
        if self.process is not None:
            self.stop(signal.SIGKILL)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def request(self, method, path, body=None, token=None, headers=None, raw=None,
                content_type="application/json"):
        data = raw
        if body is not None:
            data = json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None and content_type:
            req.add_header("Content-Type", content_type)
        if token:
            req.add_header("Authorization", "Bearer " + token)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read())


def unique_email(prefix="user"):
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


def registration(email=None, org_name=None, **org):
    organization = {"name": org_name or "Works " + uuid.uuid4().hex[:10],
                    "kind": "end_user_plant", "region": "cn-east",
                    "industry": "electroplating", "headcount": 45, "annual_revenue": 12000000}
    organization.update(org)
    return {"email": email or unique_email(), "password": "a long enough password",
            "name": "Test Person", "language": "en", "organization": organization}


DEMO_PASSWORD = "demo-password-1"


class DemoServerTest(unittest.TestCase):
    """Test cases over one `rutile serve` with the demo data, started once for the class.

    `binary` and `database_url` are set by run_on_every_database(); a subclass may add
    `server_args` (extra `rutile serve` flags)."""
    binary = None
    database_url = None  # None: SQLite in the server's temporary directory
    server_args = ()
    with_demo_data = True

    @classmethod
    def setUpClass(cls):
        cls.server = RutileServer(cls.binary, cls.database_url, cls.server_args)
        cls.server.cli("migrate")
        if cls.with_demo_data:
            cls.server.cli("demo")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        code = cls.server.stop()
        cls.server.cleanup()
        if code != 0:
            raise AssertionError(f"server exited with {code} on SIGTERM")

    def call(self, method, path, body=None, token=None, status=200, **kwargs):
        """One request; fails the test unless it answers `status`."""
        r = self.server.request(method, path, body, token=token, **kwargs)
        self.assertEqual(r.status, status, f"{method} {path}: {r.body[:2000]!r}")
        return r

    def login(self, email, password=DEMO_PASSWORD):
        return self.call("POST", "/api/v1/auth/login", token=None,
                         body={"email": email, "password": password}).json()["token"]


def run_on_every_database(*cases):
    """Runs the test case classes against the binary named by argv[1] on SQLite and, when
    RUTILE_TEST_POSTGRES_URL is set, again on PostgreSQL; exits 0 only if every test passed."""
    binary = os.path.abspath(sys.argv[1])
    postgres_url = os.environ.get("RUTILE_TEST_POSTGRES_URL")
    loader = unittest.defaultTestLoader
    suites = []
    for case in cases:
        case.binary = binary
        suites.append(loader.loadTestsFromTestCase(case))
        if postgres_url:
            on_postgres = type(case.__name__ + "Postgres", (case,), {"database_url": postgres_url})
            suites.append(loader.loadTestsFromTestCase(on_postgres))
    result = unittest.TextTestRunner(verbosity=2).run(unittest.TestSuite(suites))
    sys.exit(0 if result.wasSuccessful() else 1)
