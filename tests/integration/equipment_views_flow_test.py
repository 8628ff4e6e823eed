"""Equipment views end to end against the real `rutile` binary: a plant in the Jinhe park shares
a heater and reports readings; its dashboard shows the grade, the critical alert, the latest
reading outside its window and the overdue inspection; the park manager's overview and the
regulator's regional report show the aggregate; exports (CSV, XLSX, PDF) and the QR label
download.

Usage: equipment_views_flow_test.py PATH_TO_RUTILE
"""
import shutil
import subprocess
import tempfile
import uuid

from rutile_server import DemoServerTest, run_on_every_database



class EquipmentViewsFlow(DemoServerTest):

    def test_dashboard_park_and_regional_views_show_the_aggregate(self):
        plant = self.login("admin@demo.rutile.example")
        name = "Views flow heater " + uuid.uuid4().hex[:8]
        heater = self.call("POST", "/api/v1/equipment", {
            "name": name, "type": "immersion_heater", "material": "Ti-Gr2",
            "nominal_wall_mm": 10, "required_wall_mm": 6, "bath_preset": "watts-nickel",
            "operating_temperature_c": 60, "level": "shared"}, token=plant, status=201).json()
        item = f"/api/v1/equipment/{heater['id']}"
        org_id = heater["org_id"]
        park_id = heater["park_id"]
        self.assertIsNotNone(park_id, "the demo plant is in the Jinhe park")
        self.call("PUT", item + "/windows",
                  {"windows": [{"type": "ph", "target_min": 6.5, "critical_min": 5}]}, token=plant)
        self.call("POST", item + "/readings", {"readings": [
            {"type": "ph", "value": 4, "unit": "pH", "measured_at": "2026-01-10T08:00:00Z"},
            {"type": "wall_thickness_mm", "value": 10, "unit": "mm", "measured_at": "2010-01-01"},
            {"type": "wall_thickness_mm", "value": 6.5, "unit": "mm",
             "measured_at": "2020-01-01"}]}, token=plant, status=201)

        # The alert is a message code with its parameters, not a sentence.
        alerts = self.call("GET", item + "/alerts?status=open", token=plant).json()["items"]
        ph_alert = [a for a in alerts if a["type"] == "ph"][0]
        self.assertEqual(ph_alert["code"], "alert.below_critical")
        self.assertEqual(ph_alert["params"], {"type": "ph", "value": 4, "unit": "pH", "limit": 5})
        self.assertNotIn("message", ph_alert)

        dash = self.call("GET", f"/api/v1/dashboard?org_id={org_id}", token=plant).json()
        self.assertGreaterEqual(dash["items"], 1)
        self.assertEqual(sum(dash["items_by_grade"]), dash["items"])
        self.assertGreaterEqual(dash["open_alerts"]["critical"], 1)
        ph = [r for r in dash["readings"] if r["type"] == "ph"]
        self.assertTrue(ph, dash)
        self.assertGreaterEqual(ph[0]["outside_critical"], 1)
        self.assertGreaterEqual(dash["inspections"]["overdue"], 1)
        self.assertIn(heater["id"], [e["item_id"] for e in dash["inspections"]["next"]])

        manager = self.login("park@demo.rutile.example")
        park = self.call("GET", f"/api/v1/parks/{park_id}/equipment-overview",
                         token=manager).json()
        tenant = [t for t in park["tenants"] if t["org_id"] == org_id]
        self.assertTrue(tenant, park)
        self.assertGreaterEqual(tenant[0]["items"], 1)
        self.assertGreaterEqual(tenant[0]["open_critical_alerts"], 1)
        self.assertGreaterEqual(tenant[0]["overdue_inspections"], 1)
        self.assertGreaterEqual(park["total"]["items"], tenant[0]["items"])
        self.call("GET", f"/api/v1/parks/{park_id}/equipment-overview", token=plant, status=403)

        regulator = self.login("regulator@demo.rutile.example")
        report = self.call("GET", "/api/v1/reports/regional-risk?region=cn-east",
                           token=regulator).json()
        self.assertEqual(report["min_cell_size"], 5)
        rows = [r for r in report["rows"] if r["industry"] == "electroplating"]
        self.assertTrue(rows, report)
        # A published count is never below the minimum cell size.
        for row in report["rows"] + [report["total"]]:
            for value in row["items_by_grade"] + [row["items"], row["open_critical_alerts"],
                                                  row["overdue_inspections"]]:
                self.assertTrue(value is None or value == 0 or value >= 5, row)
        self.call("GET", "/api/v1/reports/regional-risk", token=plant, status=403)

    def test_exports_and_labels_download(self):
        plant = self.login("admin@demo.rutile.example")
        name = "Label heater " + uuid.uuid4().hex[:8]
        heater = self.call("POST", "/api/v1/equipment", {
            "name": name, "type": "immersion_heater", "material": "Ti-Gr2",
            "bath_preset": "watts-nickel", "operating_temperature_c": 60},
            token=plant, status=201).json()
        item = f"/api/v1/equipment/{heater['id']}"
        org = heater["org_id"]
        self.call("POST", item + "/readings", {"readings": [
            {"type": "ph", "value": 7, "unit": "pH", "measured_at": "2026-01-10T08:00:00Z"}]},
            token=plant, status=201)

        csv = self.call("GET", f"/api/v1/equipment/export?format=csv&org_id={org}", token=plant)
        self.assertTrue(csv.header("Content-Type").startswith("text/csv"))
        self.assertIn("attachment", csv.header("Content-Disposition"))
        self.assertIn(name, csv.body.decode("utf-8"))
        xlsx = self.call("GET", f"/api/v1/equipment/export?format=xlsx&org_id={org}", token=plant)
        self.assertEqual(xlsx.body[:2], b"PK")
        pdf = self.call("GET", f"/api/v1/equipment/export?format=pdf&org_id={org}", token=plant)
        self.assertEqual(pdf.body[:5], b"%PDF-")
        readings = self.call("GET", item + "/readings/export?format=csv", token=plant)
        self.assertIn("ph,7,pH", readings.body.decode("utf-8"))
        self.call("GET", item + "/readings/export?format=pdf", token=plant, status=400)

        label = self.call("GET", item + "/label.pdf", token=plant)
        self.assertEqual(label.header("Content-Type"), "application/pdf")
        self.assertEqual(label.body[:5], b"%PDF-")
        if shutil.which("pdftotext"):
            with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
                f.write(label.body)
                f.flush()
                text = subprocess.run(["pdftotext", f.name, "-"], capture_output=True,
                                      text=True, check=True).stdout
            words = " ".join(text.split())  # the name may wrap on the narrow label
            self.assertIn(name, words)
            self.assertIn("EQ-%06d" % heater["id"], words)
            self.assertEqual(text.count("\f"), 1)  # one label, one page
        all_labels = self.call("GET", f"/api/v1/equipment/labels.pdf?org_id={org}", token=plant)
        self.assertEqual(all_labels.body[:5], b"%PDF-")

        outsider = self.login("anodizing@demo.rutile.example")
        self.call("GET", item + "/label.pdf", token=outsider, status=404)
        self.call("GET", f"/api/v1/equipment/export?format=csv&org_id={org}", token=outsider,
                  status=403)


if __name__ == "__main__":
    run_on_every_database(EquipmentViewsFlow)
