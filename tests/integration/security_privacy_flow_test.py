"""Nothing leaves the private level without its guarding transformation, against the real
`rutile` binary on SQLite and (with RUTILE_TEST_POSTGRES_URL) PostgreSQL. Each test proves one
finding and fails on the code before its fix:

1. test_attachment_added_after_publication_waits_for_review: a photo added to an already
   published case was public at once; now it stays private until a platform reviewer approves it.
2. test_annex_applications_show_counts_to_the_public: visitors and unrelated organizations read
   which organizations apply an annex clause, with their notes; now they read counts only.
3. test_unreadable_records_answer_like_missing_ones: a stranger asking for another
   organization's equipment item, maintenance task or photo, self-inspection, case application
   or case attachment got 403 (an existence oracle) for some of them; now every one answers 404
   with the same body as an id that does not exist.
4. test_photos_lose_gps_exif_and_xmp: maintenance photos and self-inspection evidence were stored
   and served with their EXIF GPS block and XMP packet, and WebP case attachments were refused;
   now JPEG, PNG and WebP lose that metadata before they are stored or served.

Usage: security_privacy_flow_test.py PATH_TO_RUTILE
"""
import base64
import datetime
import json
import struct

from rutile_server import DemoServerTest, registration, run_on_every_database

NAME = "Wang Jianguo"
MISSING = 987654321


def tiff_with_gps():
    """Big-endian TIFF: IFD0 with Artist and a GPS IFD pointer; the GPS IFD holds a latitude."""
    artist = NAME.encode() + b"\0"
    ifd_size = 2 + 2 * 12 + 4
    artist_at = 8 + ifd_size
    gps_at = artist_at + len(artist)
    lat_at = gps_at + ifd_size
    t = b"MM" + struct.pack(">HI", 42, 8)
    t += struct.pack(">H", 2)
    t += struct.pack(">HHII", 0x013B, 2, len(artist), artist_at)
    t += struct.pack(">HHII", 0x8825, 4, 1, gps_at)
    t += struct.pack(">I", 0) + artist
    t += struct.pack(">H", 2)
    t += struct.pack(">HHI", 0x0001, 2, 2) + b"N\0\0\0"
    t += struct.pack(">HHII", 0x0002, 5, 3, lat_at)
    t += struct.pack(">I", 0)
    t += struct.pack(">6I", 31, 1, 17, 1, 56, 1)
    return t


XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description><dc:creator>' +
       NAME.encode() + b"</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>")


def segment(marker, payload):
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with_gps():
    return (b"\xff\xd8" + segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0") +
            segment(0xE1, b"Exif\0\0" + tiff_with_gps()) +
            segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + XMP) +
            segment(0xDB, b"\0" + b"\x01" * 64) +
            segment(0xC0, b"\x08\0\x08\0\x08\x01\x01\x11\0") +
            segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + b"\x3f\xff\xd9")


def riff_chunk(fourcc, payload):
    return fourcc + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) % 2 else b"")


VP8L = b"\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"  # 1x1 lossless


def webp_with_gps():
    vp8x = riff_chunk(b"VP8X", bytes([0x08 | 0x04]) + b"\0" * 9)  # EXIF and XMP flags set
    body = (b"WEBP" + vp8x + riff_chunk(b"VP8L", VP8L) +
            riff_chunk(b"EXIF", b"Exif\0\0" + tiff_with_gps()) + riff_chunk(b"XMP ", XMP))
    return b"RIFF" + struct.pack("<I", len(body)) + body


def assert_clean(test, data):
    test.assertNotIn(NAME.encode(), data)
    test.assertNotIn(b"MM\0*", data)
    test.assertNotIn(b"xmpmeta", data)
    test.assertNotIn(b"Exif", data)


class PrivacyFlow(DemoServerTest):
    def call(self, method, path, token=None, body=None, raw=None, content_type="application/json",
             status=200):
        r = self.server.request(method, path, body=body, token=token, raw=raw,
                                content_type=content_type)
        self.assertEqual(r.status, status, f"{method} {path}: {r.body[:600]!r}")
        return r

    def register(self, **kw):
        r = self.call("POST", "/api/v1/auth/register", body=registration(**kw), status=201).json()
        return r["token"], r["organization"]["id"]

    def published_case(self, owner):
        case = self.call("POST", "/api/v1/cases", owner, {
            "equipment_type": "immersion_heater", "material": "ti_cp", "grade": "Gr.2",
            "medium": "Watts nickel bath", "temperature_c": 61, "ph": 4.2,
            "failure_mode": "pitting", "root_cause": "stray current",
            "corrective_actions": "PTFE screen", "occurred_on": "2024-05-17",
            "narrative": "The heater was found perforated.", "language": "en"},
            status=201).json()
        return case["id"]

    def publish(self, cid, owner, operator):
        self.call("POST", f"/api/v1/cases/{cid}/publication", owner)
        return self.call("POST", f"/api/v1/cases/{cid}/publication/approve", operator,
                         status=201).json()["id"]

    def heater(self, token):
        installed = datetime.date.today() - datetime.timedelta(days=100)
        return self.call("POST", "/api/v1/equipment", token, {
            "name": "Nickel tank heater", "type": "immersion_heater", "material": "Ti-Gr2",
            "bath_preset": "watts-nickel", "operating_temperature_c": 55,
            "nominal_wall_mm": 1.2, "required_wall_mm": 0.6,
            "installed_on": installed.isoformat()}, status=201).json()

    def completed_task_with_photo(self, token, org_id, photo, content_type):
        item = self.heater(token)
        self.call("POST", f"/api/v1/equipment/{item['id']}/maintenance-plan", token)
        tasks = self.call("GET", f"/api/v1/maintenance/tasks?org_id={org_id}&status=overdue",
                          token).json()["items"]
        self.assertTrue(tasks)
        done = self.call("POST", f"/api/v1/maintenance/tasks/{tasks[0]['id']}/complete", token, {
            "findings": "ok", "photos": [{"name": "bath", "content_type": content_type,
                                          "data_base64": base64.b64encode(photo).decode()}]}).json()
        return item, done["task"]

    def self_inspection(self, token, org_id):
        return self.call("POST", "/api/v1/self-inspections", token, {
            "org_id": org_id, "title": "Spring check",
            "profile": {"material": "Ti-Gr2", "preset": "watts-nickel", "temperature_c": 55}},
            status=201).json()

    def problem(self, r, asked_id):
        """The problem body without per-request fields, the asked id written as {id}."""
        body = json.loads(r.body)
        for key in ("instance", "request_id", "trace_id"):
            body.pop(key, None)
        body["detail"] = body.get("detail", "").replace(str(asked_id), "{id}")
        return body

    def assert_hidden_like_missing(self, token, template, real_id, *rest):
        hidden = self.server.request("GET", template.format(real_id, *rest), token=token)
        missing = self.server.request("GET", template.format(MISSING, *rest), token=token)
        self.assertEqual(hidden.status, 404, f"{template}: {hidden.body[:300]!r}")
        self.assertEqual(missing.status, 404, f"{template}: {missing.body[:300]!r}")
        self.assertEqual(self.problem(hidden, real_id), self.problem(missing, MISSING), template)

    # Finding 1
    def test_attachment_added_after_publication_waits_for_review(self):
        owner, _ = self.register(org_name="Late Photo Plating")
        operator = self.login("operator@demo.rutile.example")
        reader, _ = self.register(org_name="Curious Reader Works")
        cid = self.published_case(owner)
        self.call("POST", f"/api/v1/cases/{cid}/attachments", owner, raw=jpeg_with_gps(),
                  content_type="image/jpeg", status=201)
        pid = self.publish(cid, owner, operator)
        self.assertEqual(len(self.call("GET", f"/api/v1/public-cases/{pid}/attachments",
                                       reader).json()["items"]), 1)

        late = self.call("POST", f"/api/v1/cases/{cid}/attachments", owner, raw=jpeg_with_gps(),
                         content_type="image/jpeg", status=201).json()
        listed = self.call("GET", f"/api/v1/public-cases/{pid}/attachments", reader).json()
        self.assertEqual([a["n"] for a in listed["items"]], [1])
        self.assertEqual(late["review"], "pending")
        self.assert_hidden_like_missing(reader, "/api/v1/public-cases/" + str(pid) +
                                        "/attachments/{}", late["n"])

        pending = self.call("GET", "/api/v1/case-attachments/pending", operator).json()["items"]
        self.assertIn((cid, late["n"]), [(a["case_id"], a["n"]) for a in pending])
        self.call("GET", "/api/v1/case-attachments/pending", reader, status=403)
        self.call("POST", f"/api/v1/cases/{cid}/attachments/{late['n']}/approve", owner,
                  status=403)
        copy = self.call("GET", f"/api/v1/cases/{cid}/attachments/{late['n']}/review-copy",
                         operator)
        assert_clean(self, copy.body)
        self.call("POST", f"/api/v1/cases/{cid}/attachments/{late['n']}/approve", operator)
        listed = self.call("GET", f"/api/v1/public-cases/{pid}/attachments", reader).json()
        self.assertEqual([a["n"] for a in listed["items"]], [1, late["n"]])
        assert_clean(self, self.call(
            "GET", f"/api/v1/public-cases/{pid}/attachments/{late['n']}", reader).body)

    # Finding 2
    def test_annex_applications_show_counts_to_the_public(self):
        operator = self.login("operator@demo.rutile.example")
        me = self.call("GET", "/api/v1/me", operator).json()
        authority = me["organizations"][0]["id"]
        annex = self.call("POST", "/api/v1/annexes", operator, {
            "org_id": authority, "region": "cn-east", "document_code": "RTB",
            "title": "East supplement"}, status=201).json()
        clause = self.call("GET", "/api/v1/clauses/rtb-3.4", operator).json()
        clause.update({"id": "cn-east-privacy-1", "number": "CE-P.1"})
        added = self.call("POST", f"/api/v1/annexes/{annex['id']}/clauses", operator, {
            "action": "add", "clause": {k: v for k, v in clause.items()
                                        if k not in ("document_code", "document_version")},
            "justification": "Regional rule."}, status=201).json()
        plant_name = "Privacy Plating " + NAME
        plant, plant_org = self.register(org_name=plant_name, region="cn-east")
        note = f"Fitted on line 3 by {NAME}"
        mine = self.call("POST", f"/api/v1/annex-clauses/{added['id']}/applications", plant,
                         {"org_id": plant_org, "note": note}, status=201).json()
        self.assertEqual([a["org_id"] for a in mine["applications"]], [plant_org])

        stranger, _ = self.register(org_name="Unrelated Anodizing", region="cn-west")
        for token in (None, stranger):
            for path in (f"/api/v1/annexes/{annex['id']}", "/api/v1/annexes?region=cn-east"):
                r = self.call("GET", path, token)
                for leak in (plant_name, NAME, note, f'"org_id":{plant_org}'):
                    self.assertNotIn(leak.encode(), r.body.replace(b" ", b""))
                doc = r.json()
                annexes = doc["items"] if "items" in doc else [doc]
                ours = [c for a in annexes for c in a["clauses"] if c["id"] == added["id"]]
                self.assertEqual(len(ours), 1)
                self.assertEqual(ours[0]["applications"], [])
                self.assertEqual(ours[0]["application_count"], 1)
                self.assertEqual(ours[0]["verified_applications"], 0)
        # The reporting organization and the platform operator still see the details.
        own = self.call("GET", f"/api/v1/annexes/{annex['id']}", plant).json()
        self.assertEqual([a["note"] for c in own["clauses"] for a in c["applications"]], [note])
        full = self.call("GET", f"/api/v1/annexes/{annex['id']}", operator).json()
        self.assertEqual([a["org_id"] for c in full["clauses"] for a in c["applications"]],
                         [plant_org])

    # Finding 3
    def test_unreadable_records_answer_like_missing_ones(self):
        owner, org_id = self.register(org_name="Hidden Records Plating")
        stranger, _ = self.register(org_name="Prying Neighbour Works")
        item, task = self.completed_task_with_photo(owner, org_id, jpeg_with_gps(), "image/jpeg")
        inspection = self.self_inspection(owner, org_id)
        cid = self.published_case(owner)
        self.call("POST", f"/api/v1/cases/{cid}/attachments", owner, raw=jpeg_with_gps(),
                  content_type="image/jpeg", status=201)

        self.assert_hidden_like_missing(stranger, "/api/v1/equipment/{}", item["id"])
        self.assert_hidden_like_missing(stranger, "/api/v1/equipment/{}/readings", item["id"])
        self.assert_hidden_like_missing(stranger, "/api/v1/equipment/{}/maintenance-plan",
                                        item["id"])
        self.assert_hidden_like_missing(stranger, "/api/v1/maintenance/tasks/{}", task["id"])
        self.assert_hidden_like_missing(stranger, "/api/v1/maintenance/tasks/{}/photos/{}",
                                        task["id"], task["photos"][0]["id"])
        self.assert_hidden_like_missing(stranger, "/api/v1/self-inspections/{}", inspection["id"])
        self.assert_hidden_like_missing(stranger, "/api/v1/cases/{}", cid)
        self.assert_hidden_like_missing(stranger, "/api/v1/cases/{}/attachments/{}", cid, 1)

        operator = self.login("operator@demo.rutile.example")
        pid = self.publish(cid, owner, operator)
        applicant, _ = self.register(org_name="Honest Applicant Works")
        app = self.call("POST", f"/api/v1/public-cases/{pid}/applications", applicant,
                        {"purpose": "same bath", "requested_fields": ["temperature_c"]},
                        status=201).json()
        self.assert_hidden_like_missing(stranger, "/api/v1/case-applications/{}", app["id"])
        # Anonymous callers on routes that need a login still get 401.
        self.call("GET", f"/api/v1/equipment/{item['id']}", None, status=401)
        self.call("GET", f"/api/v1/maintenance/tasks/{task['id']}", None, status=401)

    # Finding 4
    def test_photos_lose_gps_exif_and_xmp(self):
        owner, org_id = self.register(org_name="Photo Metadata Plating")
        for photo, content_type in ((jpeg_with_gps(), "image/jpeg"),
                                    (webp_with_gps(), "image/webp")):
            _, task = self.completed_task_with_photo(owner, org_id, photo, content_type)
            served = self.call("GET", f"/api/v1/maintenance/tasks/{task['id']}/photos/"
                                      f"{task['photos'][0]['id']}", owner)
            self.assertEqual(served.header("content-type"), content_type)
            assert_clean(self, served.body)
            self.assertEqual(served.body[:4], photo[:4])

        inspection = self.self_inspection(owner, org_id)
        clause_id = inspection["items"][0]["clause_id"]
        self.call("PUT", f"/api/v1/self-inspections/{inspection['id']}/answers", owner, {
            "answers": [{"clause_id": clause_id, "answer": "yes", "evidence": {
                "name": "tank.jpg", "type": "image/jpeg",
                "content_base64": base64.b64encode(jpeg_with_gps()).decode()}}]})
        evidence = self.call("GET", f"/api/v1/self-inspections/{inspection['id']}/items/"
                                    f"{clause_id}/evidence", owner)
        assert_clean(self, evidence.body)

        cid = self.published_case(owner)
        webp = self.call("POST", f"/api/v1/cases/{cid}/attachments", owner, raw=webp_with_gps(),
                         content_type="image/webp", status=201).json()
        self.assertEqual(webp["media_type"], "image/webp")
        operator = self.login("operator@demo.rutile.example")
        pid = self.publish(cid, owner, operator)
        reader, _ = self.register(org_name="Photo Reader Works")
        copy = self.call("GET", f"/api/v1/public-cases/{pid}/attachments/{webp['n']}", reader)
        self.assertEqual(copy.header("content-type"), "image/webp")
        assert_clean(self, copy.body)
        self.assertEqual(copy.body[8:12], b"WEBP")


if __name__ == "__main__":
    run_on_every_database(PrivacyFlow)
