"""The ledger key cannot silently diverge (threat model: "ledger key fork").

Finding: `rutile migrate` or `rutile demo` run with one data directory and `rutile serve` with
another used to leave a log signed by a key the server did not hold; the server then made a new
key, refused writes and published a verifier key that did not verify its own checkpoint.

Behaviour proven here, on SQLite and PostgreSQL:
- `rutile migrate` signs nothing and makes no key;
- a command that would sign a log holding entries with another key (or with no key at all)
  stops before making a key, naming the log key's fingerprint (and the other's) and the fix;
- the verifier key a server publishes always verifies the checkpoint it serves.

Usage: security_ledger_key_flow_test.py path/to/rutile
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from rutile_server import RutileServer, fresh_postgres_database, registration, run_on_every_database

BINARY = None


class LedgerKeyFlow(unittest.TestCase):
    database_url = None  # SQLite in a temporary directory

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rutile-key-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def new_database(self, name):
        if self.database_url:
            return fresh_postgres_database(self.database_url)
        return "sqlite:" + os.path.join(self.tmp, name + ".db")

    def data_dir(self, name):
        path = os.path.join(self.tmp, name)
        os.makedirs(path, exist_ok=True)
        return path

    def run_cli(self, database, data_dir, *args):
        return subprocess.run([BINARY, *args, "--database", database, "--data-dir", data_dir],
                              capture_output=True, text=True, timeout=120)

    def add_org(self, database, data_dir, name):
        """`rutile org add` records organization.registered in the ledger: one signed entry."""
        result = self.run_cli(database, data_dir, "org", "add", "--name", name, "--kind",
                              "end_user_plant", "--region", "cn-east")
        self.assertEqual(result.returncode, 0, result.stderr)

    def serve_refused(self, database, data_dir):
        """Starts `rutile serve` and expects it to stop at once with a message."""
        result = subprocess.run(
            [BINARY, "serve", "--listen", "127.0.0.1:0", "--database", database, "--data-dir",
             data_dir, "--static-dir", os.path.join(self.tmp, "static")],
            capture_output=True, text=True, timeout=60)
        self.assertNotEqual(result.returncode, 0, "serve started with a key that is not the log's")
        self.assertNotIn("listening on", result.stdout)
        return result.stderr

    def served_key_verifies(self, server):
        key = server.request("GET", "/api/v1/ledger/verifier-key")
        self.assertEqual(key.status, 200)
        checkpoint = server.request("GET", "/api/v1/ledger/checkpoint")
        self.assertEqual(checkpoint.status, 200)
        verify = subprocess.run(
            [BINARY, "ledger", "verify", "--database", server.database_url, "--data-dir",
             self.data_dir("verifier-only"), "--verifier-key", key.body.decode().strip()],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(verify.returncode, 0, verify.stdout + verify.stderr)
        return key.body.decode().strip()

    def fingerprint(self, data_dir):
        with open(os.path.join(data_dir, "ledger.key"), encoding="utf-8") as f:
            signer_key = f.read().strip()
        # PRIVATE+KEY+<name>+<key id>+<key>: the name and key id are the fingerprint.
        parts = signer_key.split("+")
        return parts[2] + "+" + parts[3]

    def test_migrate_signs_nothing_and_serve_publishes_a_key_that_verifies(self):
        database = self.new_database("migrated")
        migrate_dir = self.data_dir("migrate")
        result = self.run_cli(database, migrate_dir, "migrate")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse(os.path.exists(os.path.join(migrate_dir, "ledger.key")),
                         "migrate made a ledger key")
        server = RutileServer(BINARY, database_url=None, workdir=self.data_dir("serve"))
        server.database_url = database
        server.start()
        try:
            reply = server.request("POST", "/api/v1/auth/register", registration())
            self.assertEqual(reply.status, 201, reply.body)
            self.served_key_verifies(server)
        finally:
            server.stop()

    def test_serve_with_another_data_dir_stops_naming_both_keys(self):
        database = self.new_database("signed")
        first = self.data_dir("first")
        self.add_org(database, first, "Signed Works")
        log_key = self.fingerprint(first)

        # A data directory with no key: stop, and make no key there.
        empty = self.data_dir("empty")
        message = self.serve_refused(database, empty)
        self.assertIn(log_key, message)
        self.assertIn("--data-dir", message)
        self.assertFalse(os.path.exists(os.path.join(empty, "ledger.key")))

        # A data directory holding another log's key: stop, naming both.
        other = self.data_dir("other")
        self.add_org(self.new_database("other"), other, "Other Works")
        other_key = self.fingerprint(other)
        self.assertNotEqual(log_key, other_key)
        message = self.serve_refused(database, other)
        self.assertIn(log_key, message)
        self.assertIn(other_key, message)

        # The same holds for any other command that signs.
        result = self.run_cli(database, other, "org", "add", "--name", "Third Works", "--kind",
                              "end_user_plant", "--region", "cn-east")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(log_key, result.stderr)

        # With the log's own key the server starts, and what it publishes verifies.
        server = RutileServer(BINARY, workdir=first)
        server.database_url = database
        server.start()
        try:
            served = self.served_key_verifies(server)
            self.assertTrue(served.startswith(log_key + "+"), served)
        finally:
            server.stop()


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    run_on_every_database(LedgerKeyFlow)
