"""Tampering with the stored ledger is caught by `rutile ledger verify` and at server start.

Each case builds a fresh log through the real binary (demo data appends one entry per
organization), changes the SQLite file behind its back, and expects verify to fail naming the
problem, and a restarted server to refuse writes while still answering reads.
Usage: ledger_tamper_test.py PATH_TO_RUTILE
"""
import json
import os
import sqlite3
import subprocess
import sys
import unittest

from rutile_server import RutileServer, registration

BINARY = None


class LedgerTamperTest(unittest.TestCase):
    def setUp(self):
        self.server = RutileServer(BINARY)
        self.server.cli("demo")
        self.db_path = self.server.database_url.split(":", 1)[1]

    def tearDown(self):
        self.server.cleanup()

    def verify(self):
        return subprocess.run([BINARY, "ledger", "verify", "--database", self.server.database_url,
                               "--data-dir", self.server.workdir],
                              capture_output=True, text=True, timeout=120)

    def tamper(self, sql, *params):
        with sqlite3.connect(self.db_path) as db:
            db.execute(sql, params)

    def expect_detected(self, *words):
        v = self.verify()
        self.assertEqual(v.returncode, 3, v.stdout + v.stderr)
        for w in words:
            self.assertIn(w, v.stdout.lower())
        self.server.start()
        try:
            # Reads still work; writes that need the ledger are refused with a clear problem.
            self.assertEqual(self.server.request("GET", "/api/v1/ledger/checkpoint").status, 200)
            r = self.server.request("POST", "/api/v1/auth/register", registration())
            self.assertGreaterEqual(r.status, 400, r.body)
            self.assertLess(r.status, 600)
            self.assertIn("ledger", self.server.log().lower())
        finally:
            self.server.stop()

    def test_untouched_log_verifies(self):
        v = self.verify()
        self.assertEqual(v.returncode, 0, v.stdout + v.stderr)
        self.assertTrue(v.stdout.startswith("OK"))
        args = ["--database", self.server.database_url, "--data-dir", self.server.workdir]
        report = json.loads(subprocess.run([BINARY, "--json", "ledger", "verify", *args],
                                           capture_output=True, text=True).stdout)
        self.assertTrue(report["ok"])
        self.assertGreaterEqual(report["tree_size"], 15)
        checkpoint = json.loads(subprocess.run([BINARY, "--json", "ledger", "checkpoint", *args],
                                               capture_output=True, text=True).stdout)
        self.assertEqual(checkpoint["size"], report["tree_size"])
        self.assertTrue(checkpoint["note"].startswith(checkpoint["origin"] + "\n"))

    def test_modified_entry(self):
        self.tamper("UPDATE ledger_entries SET data = CAST(replace(CAST(data AS TEXT), "
                    "'cn-east', 'cn-west') AS BLOB) WHERE idx = 5")
        self.expect_detected("5")

    def test_modified_stored_hash(self):
        self.tamper("UPDATE ledger_hashes SET hash = zeroblob(32) WHERE idx = 7")
        self.expect_detected()

    def test_truncated_log(self):
        self.tamper("DELETE FROM ledger_entries WHERE idx >= 15")
        self.expect_detected()

    def test_replaced_checkpoint(self):
        with sqlite3.connect(self.db_path) as db:
            note = db.execute("SELECT checkpoint FROM ledger_state").fetchone()[0]
            lines = note.split("\n")
            lines[1] = str(int(lines[1]) + 1)
            db.execute("UPDATE ledger_state SET checkpoint = ?", ("\n".join(lines),))
        self.expect_detected()


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
