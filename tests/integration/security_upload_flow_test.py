"""Bounded uploads against the real `rutile` binary, on SQLite and (when
RUTILE_TEST_POSTGRES_URL is set) on PostgreSQL.

Findings this proves fixed (each check fails on the server before them):
- A small XLSX upload (a zip bomb: ~60 MB of identical worksheet rows deflated to a few
  kilobytes) was inflated whole and every row kept in memory before the batch limit was
  checked, so one request cost the server hundreds of MB. Now the worksheet is parsed in pieces
  and reading stops at the batch limit: the server's peak RSS (VmHWM in /proc/PID/status) grows
  by at most a few tens of MB.
- File imports were not limited in number: now at most two run at once and others get 429 with
  Retry-After.
Usage: security_upload_flow_test.py PATH_TO_RUTILE
"""
import io
import sys
import threading
import zipfile

from rutile_server import DemoServerTest, registration, run_on_every_database

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEATER = {"name": "Tank heater", "type": "immersion_heater", "material": "Ti-Gr2",
          "bath_preset": "watts-nickel", "operating_temperature_c": 60}
# Row and cell references are optional in SpreadsheetML; without them every row is the same
# bytes, which is what lets a worksheet deflate a thousandfold.
ROW = ('<row><c t="inlineStr"><is><t>fluoride_mg_l</t></is></c><c><v>2</v></c>'
       '<c t="inlineStr"><is><t>mg/L</t></is></c>'
       '<c t="inlineStr"><is><t>2026-01-10</t></is></c></row>')
HEADER = ('<row><c t="inlineStr"><is><t>type</t></is></c><c t="inlineStr"><is><t>value</t></is></c>'
          '<c t="inlineStr"><is><t>unit</t></is></c>'
          '<c t="inlineStr"><is><t>measured_at</t></is></c></row>')
MIB = 1 << 20


def bomb_xlsx(sheet_bytes, rows_per_block=5000):
    """A workbook whose only worksheet is about `sheet_bytes` of XML (at least one block of
    rows), written in pieces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b"<sheetData>" + HEADER.encode())
            block = (ROW * rows_per_block).encode()
            written = 0
            while written < sheet_bytes:
                f.write(block)
                written += len(block)
            f.write(b"</sheetData></worksheet>")
    return out.getvalue()


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM in /proc/PID/status")


class UploadFlow(DemoServerTest):
    server_args = ("--worker-threads", "8", "--body-limit", str(4 * MIB))
    with_demo_data = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reg = cls.server.request("POST", "/api/v1/auth/register", registration())
        assert reg.status == 201, reg.body
        cls.token = reg.json()["token"]
        item = cls.server.request("POST", "/api/v1/equipment", HEATER, token=cls.token)
        assert item.status == 201, item.body
        cls.item = item.json()["id"]


    def upload_xlsx(self, data):
        return self.server.request("POST", f"/api/v1/equipment/{self.item}/readings/xlsx",
                                   raw=data, token=self.token, content_type=XLSX_TYPE)

    def upload_csv(self, text):
        return self.server.request("POST", f"/api/v1/equipment/{self.item}/readings/csv",
                                   raw=text.encode(), token=self.token, content_type="text/csv")

    def test_a_zip_bomb_is_stopped_at_the_batch_limit_in_bounded_memory(self):
        pid = self.server.process.pid
        # Warm up: one small import, so the baseline includes the import path's own memory.
        small = bomb_xlsx(1, rows_per_block=1)
        self.assertEqual(self.upload_xlsx(small).status, 201)
        before = peak_rss_kib(pid)

        bomb = bomb_xlsx(60 * MIB)  # under the 64 MiB part cap: the old decoder inflated it
        self.assertLess(len(bomb), MIB)
        r = self.upload_xlsx(bomb)
        self.assertEqual(r.status, 400, r.body[:500])
        fields = {e["field"]: e["message"] for e in r.json()["errors"]}
        self.assertIn("rows", fields, fields)
        self.assertIn("at most 10000 readings", fields["rows"])

        huge = bomb_xlsx(200 * MIB)  # over the cap: refused
        self.assertLess(len(huge), MIB)
        r = self.upload_xlsx(huge)
        self.assertEqual(r.status, 400, r.body[:500])

        grown_mib = (peak_rss_kib(pid) - before) / 1024
        print(f"peak RSS grew by {grown_mib:.1f} MiB", file=sys.stderr)
        self.assertLess(grown_mib, 40, f"peak RSS grew by {grown_mib:.0f} MiB")
        # Nothing was stored from the refused files.
        readings = self.server.request("GET", f"/api/v1/equipment/{self.item}/readings",
                                       token=self.token).json()["items"]
        self.assertEqual(len(readings), 1)

    def test_a_csv_over_the_batch_limit_is_refused(self):
        text = "type,value,unit,measured_at\n" + "fluoride_mg_l,2,mg/L,2026-01-10\n" * 10001
        r = self.upload_csv(text)
        self.assertEqual(r.status, 400, r.body[:500])
        fields = {e["field"]: e["message"] for e in r.json()["errors"]}
        self.assertIn("at most 10000 readings", fields.get("rows", ""), fields)

    def test_concurrent_imports_beyond_two_get_429(self):
        text = "type,value,unit,measured_at\n" + "fluoride_mg_l,2,mg/L,2026-01-10\n" * 10000
        seen = []
        for _ in range(5):  # imports overlap by chance of scheduling: a few rounds at most
            results = []
            lock = threading.Lock()
            start = threading.Barrier(8)

            def one():
                start.wait()
                r = self.upload_csv(text)
                with lock:
                    results.append(r)

            threads = [threading.Thread(target=one) for _ in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            statuses = sorted(r.status for r in results)
            self.assertTrue(set(statuses) <= {201, 429}, statuses)
            self.assertIn(201, statuses)
            seen = [r for r in results if r.status == 429]
            if seen:
                break
        self.assertTrue(seen, "no import was refused while others ran")
        busy = seen[0]
        self.assertEqual(busy.header("Retry-After"), "5")
        self.assertTrue(busy.json()["type"].endswith("/resource-exhausted"), busy.body)


if __name__ == "__main__":
    run_on_every_database(UploadFlow)
