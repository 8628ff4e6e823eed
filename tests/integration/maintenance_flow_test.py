"""Equipment maintenance end to end against the real `rutile` binary: a small plant registers a
heater, gets its grade and maintenance plan (intervals with their clause numbers), lists its
tasks, completes the overdue one with a wall-thickness measurement and a photo, and sees the next
task scheduled from the completion date. Another plant is refused.

Skips itself (exit 0) while the platform does not register the maintenance routes yet.
Usage: maintenance_flow_test.py PATH_TO_RUTILE
"""
import base64
import datetime
import struct
import zlib

from rutile_server import DemoServerTest, registration, run_on_every_database



class MaintenanceFlow(DemoServerTest):
    with_demo_data = False

    def plant(self):
        reg = self.call("POST", "/api/v1/auth/register", registration(), status=201).json()
        return reg["token"], reg["organization"]["id"]

    def test_register_heater_plan_tasks_complete_next_due(self):
        token, org_id = self.plant()
        today = datetime.datetime.now(datetime.timezone.utc).date()
        installed = today - datetime.timedelta(days=100)
        heater = self.call("POST", "/api/v1/equipment", {
            "name": "Nickel tank heater", "type": "immersion_heater", "material": "Ti-Gr2",
            "bath_preset": "watts-nickel", "operating_temperature_c": 55,
            "nominal_wall_mm": 1.2, "required_wall_mm": 0.6,
            "installed_on": installed.isoformat()}, token=token, status=201).json()
        self.assertEqual(heater["risk"]["grade"], 1)
        plan_path = f"/api/v1/equipment/{heater['id']}/maintenance-plan"

        plan = self.call("POST", plan_path, token=token).json()
        self.assertEqual(plan["grade"], 1)
        self.assertEqual(plan["anchor_on"], installed.isoformat())
        by_kind = {a["kind"]: a for a in plan["activities"]}
        self.assertEqual(set(by_kind), {"visual_inspection", "thickness_measurement", "cleaning",
                                        "bath_analysis"})
        self.assertEqual(by_kind["visual_inspection"]["interval_days"], 365)
        self.assertEqual(by_kind["visual_inspection"]["interval_source"]["number"], "RT-5.1")
        self.assertIn("RT-5.1", [c["number"] for c in by_kind["visual_inspection"]["clauses"]])
        self.assertEqual(self.call("GET", plan_path, token=token).json()["activities"],
                         plan["activities"])
        # The plan an English account made reads in the reader's language: ?lang=, else the first
        # supported language of Accept-Language.
        zh = self.call("GET", plan_path + "?lang=zh", token=token).json()
        self.assertEqual({a["kind"]: a["title"] for a in zh["activities"]}["thickness_measurement"],
                         "定点壁厚测量")
        ar = self.call("GET", plan_path, token=token,
                       headers={"Accept-Language": "de-CH, ar;q=0.9"}).json()
        self.assertEqual({a["kind"]: a["title"] for a in ar["activities"]}["thickness_measurement"],
                         "قياس سماكة الجدار عند النقاط الثابتة")
        self.assertEqual(by_kind["thickness_measurement"]["title"],
                         "Wall thickness measurement at the fixed points")

        # Bath analysis every 30 days since installation: overdue now.
        overdue = self.call("GET", f"/api/v1/maintenance/tasks?org_id={org_id}&status=overdue",
                            token=token).json()["items"]
        self.assertEqual([t["kind"] for t in overdue], ["bath_analysis"])
        self.assertEqual(overdue[0]["due_on"], (installed + datetime.timedelta(days=30)).isoformat())
        due = self.call("GET", "/api/v1/maintenance/tasks?status=due", token=token).json()["items"]
        self.assertEqual(len(due), 3)

        png = base64.b64encode(one_pixel_png()).decode()
        done = self.call("POST", f"/api/v1/maintenance/tasks/{overdue[0]['id']}/complete", {
            "findings": "Free fluoride not detected; chloride in range.",
            "measurements": [{"type": "wall_thickness_mm", "value": 1.19, "unit": "mm"}],
            "photos": [{"name": "bath.png", "content_type": "image/png", "data_base64": png}]},
            token=token).json()
        self.assertEqual(done["task"]["status"], "done")
        completed_on = datetime.date.fromisoformat(done["task"]["completed_at"][:10])
        self.assertEqual(done["next"]["due_on"],
                         (completed_on + datetime.timedelta(days=30)).isoformat())
        self.assertEqual(done["next"]["status"], "due")
        readings = self.call("GET", f"/api/v1/equipment/{heater['id']}/readings"
                                    "?type=wall_thickness_mm", token=token).json()["items"]
        self.assertEqual([r["value"] for r in readings], [1.19])
        photo_id = done["task"]["photos"][0]["id"]
        photo = self.call("GET", f"/api/v1/maintenance/tasks/{overdue[0]['id']}/photos/{photo_id}",
                          token=token)
        self.assertEqual(photo.header("content-type"), "image/png")
        self.call("POST", f"/api/v1/maintenance/tasks/{overdue[0]['id']}/complete", {},
                  token=token, status=409)
        self.assertEqual(self.call("GET", "/api/v1/maintenance/tasks?status=overdue",
                                   token=token).json()["items"], [])

        # Another plant sees nothing of it; bad input is a 400 naming the fields.
        other, _ = self.plant()
        self.call("GET", plan_path, token=other, status=404)
        self.call("GET", f"/api/v1/maintenance/tasks?org_id={org_id}", token=other, status=403)
        bad = self.call("POST", plan_path + "/activities",
                        {"title": "", "first_due_on": "2026-02-30"}, token=token, status=400)
        self.assertEqual({e["field"] for e in bad.json()["errors"]}, {"title", "first_due_on"})
        unknown = self.call("POST", plan_path + "/activities",
                            {"title": "Shutdown", "first_due_on": "2026-08-01", "colour": 1},
                            token=token, status=400)
        self.assertEqual({e["field"] for e in unknown.json()["errors"]}, {"colour"})


def one_pixel_png():
    """A well-formed 1x1 grey PNG (photos must be real images: they are stripped of metadata)."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\0\x80")) + chunk(b"IEND", b""))


if __name__ == "__main__":
    run_on_every_database(MaintenanceFlow)
