"""End-to-end restricted access to failure cases against the real `rutile` binary: a plant
submits a case with a photo whose EXIF names its engineer, the case is published, another
organization applies for the restricted detail, the plant grants it, the applicant reads it and
the read shows in the access log; the public copy of the photo carries no metadata; the atlas and
the macro view answer without planted identifiers.
Runs on SQLite and, when RUTILE_TEST_POSTGRES_URL is set, on PostgreSQL.
Usage: case_access_flow_test.py PATH_TO_RUTILE
"""
import struct

from rutile_server import DemoServerTest, registration, run_on_every_database

ENGINEER = "Jane Okafor"


def segment(marker, payload):
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_naming(who):
    return (b"\xff\xd8" + segment(0xE1, b"Exif\x00\x00" + who.encode()) +
            segment(0xFE, who.encode()) + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") +
            b"\x3f\xff\xd9")


class CaseAccessFlowTest(DemoServerTest):
    def call(self, method, path, token, body=None, raw=None, content_type="application/json",
             status=200):
        r = self.server.request(method, path, body=body, token=token, raw=raw,
                                content_type=content_type)
        self.assertEqual(r.status, status, f"{method} {path}: {r.body[:400]!r}")
        return r

    def register(self, **kw):
        r = self.server.request("POST", "/api/v1/auth/register", registration(**kw))
        self.assertEqual(r.status, 201, r.body)
        return r.json()["token"]

    def test_application_attachment_atlas_and_macro(self):
        owner = self.register(org_name="Okafor Plating Works")
        case = self.call("POST", "/api/v1/cases", owner, {
            "equipment_type": "immersion_heater", "material": "ti_cp", "grade": "Gr.2",
            "medium": "Watts nickel bath", "temperature_c": 61, "ph": 4.2,
            "failure_mode": "pitting", "root_cause": "stray current",
            "corrective_actions": "PTFE screen", "occurred_on": "2024-05-17",
            "narrative": f"Inspector {ENGINEER} found the heater perforated.",
            "language": "en"}, status=201).json()
        cid = case["id"]
        photo = jpeg_naming(ENGINEER)
        self.call("POST", f"/api/v1/cases/{cid}/attachments", owner, raw=photo,
                  content_type="image/jpeg", status=201)
        self.call("POST", f"/api/v1/cases/{cid}/attachments", owner, raw=b"GIF89a....",
                  content_type="image/jpeg", status=400)
        self.call("POST", f"/api/v1/cases/{cid}/publication", owner)
        operator = self.login("operator@demo.rutile.example")
        public = self.call("POST", f"/api/v1/cases/{cid}/publication/approve", operator,
                           status=201).json()
        pid = public["id"]

        applicant = self.register(org_name="Heater Makers Lisboa", region="eu-south")
        self.call("GET", f"/api/v1/cases/{cid}/attachments/1", applicant, status=404)
        copy = self.call("GET", f"/api/v1/public-cases/{pid}/attachments/1", applicant)
        self.assertTrue(copy.body.startswith(b"\xff\xd8") and copy.body.endswith(b"\xff\xd9"))
        self.assertNotIn(ENGINEER.encode(), copy.body)
        self.assertNotIn(b"Exif", copy.body)

        app = self.call("POST", f"/api/v1/public-cases/{pid}/applications", applicant,
                        {"purpose": "we run the same bath",
                         "requested_fields": ["temperature_c", "narrative"]},
                        status=201).json()
        self.assertNotIn("case_id", app)
        base = f"/api/v1/case-applications/{app['id']}"
        self.call("GET", base + "/detail", applicant, status=403)
        inbox = self.call("GET", "/api/v1/case-applications?role=owner", owner).json()["items"]
        self.assertEqual([a["id"] for a in inbox], [app["id"]])
        self.call("POST", base + "/grant", owner, {"reason": "fine"})
        conflict = self.call("POST", base + "/grant", owner, {}, status=409)
        self.assertIn(b"allowed actions", conflict.body)
        detail = self.call("GET", base + "/detail", applicant).json()
        self.assertEqual(detail["fields"]["temperature_c"], 61)
        self.assertNotIn(ENGINEER, detail["fields"]["narrative"])
        log = self.call("GET", base + "/access-log", owner).json()["items"]
        self.assertEqual(len(log), 1)
        self.assertEqual(log[0]["fields"], ["narrative", "temperature_c"])
        self.call("POST", base + "/refuse", owner, {"reason": "withdrawn"})
        self.call("GET", base + "/detail", applicant, status=403)

        for by in ("region", "language", "environment", "scale", "regulatory_model"):
            atlas = self.call("GET", f"/api/v1/atlas?by={by}", applicant)
            self.assertNotIn(ENGINEER.encode(), atlas.body)
        self.call("GET", "/api/v1/macro/case-counts", applicant, status=403)
        regulator = self.login("regulator@demo.rutile.example")
        macro = self.server.request("GET", "/api/v1/macro/case-counts?from=2024-Q1",
                                    token=regulator)
        if macro.status == 200:
            self.assertNotIn(ENGINEER.encode(), macro.body)
            for cell in macro.json()["cells"]:
                self.assertTrue(cell["suppressed"] or cell["cases"] is not None)
        else:
            self.assertEqual(macro.status, 403)  # the demo regulator is not an analyst


if __name__ == "__main__":
    run_on_every_database(CaseAccessFlowTest)
