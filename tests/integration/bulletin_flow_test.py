"""Warning bulletins end to end against the real `rutile` binary: a plant registers a heater, a
reviewer publishes a bulletin whose rule matches it, the plant's inbox gets the notice (another
plant's does not), visitors read it and the Atom feed carries it.

Usage: bulletin_flow_test.py PATH_TO_RUTILE
"""
import xml.etree.ElementTree as ET

from rutile_server import DemoServerTest, registration, run_on_every_database

ATOM = "{http://www.w3.org/2005/Atom}"


class BulletinFlow(DemoServerTest):

    def plant_with_heater(self, preset, temperature_c):
        reg = self.call("POST", "/api/v1/auth/register", registration(), status=201).json()
        heater = self.call("POST", "/api/v1/equipment", {
            "name": "Tank heater", "type": "immersion_heater", "material": "Ti-Gr2",
            "bath_preset": preset, "operating_temperature_c": temperature_c},
            token=reg["token"], status=201).json()
        return reg["token"], reg["organization"]["id"], heater

    def inbox(self, token):
        return self.call("GET", "/api/v1/notifications", token=token).json()["items"]

    def test_a_bulletin_reaches_the_owners_of_matching_equipment(self):
        reviewer = self.login("operator@demo.rutile.example")
        owner_token, owner_org, heater = self.plant_with_heater("watts-nickel", 60)
        other_token, _, _ = self.plant_with_heater("hcl-pickling", 60)
        mechanism = heater["risk"]["governing_mechanism"]

        cases = self.call("GET", "/api/v1/public-cases?q=nickel&limit=3", token=reviewer).json()
        case_ids = [c["id"] for c in cases["items"]]
        self.assertTrue(case_ids, "the demo data has public nickel-bath cases")
        rule = {"materials": ["titanium"], "bath_presets": ["watts-nickel"],
                "min_temperature_c": 40, "max_temperature_c": 80}
        if mechanism:
            rule["mechanisms"] = [mechanism]
        draft = self.call("POST", "/api/v1/bulletins", {
            "case_ids": case_ids, "severity": "warning", "rule": rule,
            "texts": [{"language": "en", "title": "Pitting of titanium heaters in nickel baths",
                       "summary": "Check screens & earthing <now>."},
                      {"language": "zh", "title": "镍槽钛加热管点蚀", "summary": "检查屏蔽与接地。"}]},
            token=reviewer, status=201).json()
        self.assertEqual(draft["state"], "draft")
        bid = draft["id"]

        # Drafts are the reviewers' only; enterprises cannot compose.
        self.call("GET", f"/api/v1/bulletins/{bid}", status=404)
        self.call("POST", "/api/v1/bulletins", {"case_ids": case_ids}, token=owner_token,
                  status=403)
        self.call("POST", f"/api/v1/bulletins/{bid}/publish", status=401)

        published = self.call("POST", f"/api/v1/bulletins/{bid}/publish", token=reviewer).json()
        self.assertEqual(published["state"], "published")

        notices = [n for n in self.inbox(owner_token) if n["kind"] == "cases.bulletin"]
        self.assertEqual(len(notices), 1, self.inbox(owner_token))
        self.assertIn("Pitting of titanium heaters in nickel baths", notices[0]["title"])
        self.assertEqual(notices[0]["link"], f"/bulletins/{bid}")
        self.assertEqual([n for n in self.inbox(other_token) if n["kind"] == "cases.bulletin"], [])

        reach = self.call("GET", f"/api/v1/bulletins/{bid}/deliveries", token=reviewer).json()
        self.assertIn(owner_org, [d["org_id"] for d in reach["items"]])
        self.call("GET", f"/api/v1/bulletins/{bid}/deliveries", token=owner_token, status=403)

        # Visitors read it; the list and the feed carry it.
        one = self.call("GET", f"/api/v1/bulletins/{bid}").json()
        self.assertNotIn("author_id", one)
        listed = self.call("GET", "/api/v1/bulletins").json()["items"]
        self.assertIn(bid, [b["id"] for b in listed])

        feed = self.call("GET", "/api/v1/bulletins/feed.atom?lang=zh")
        self.assertTrue(feed.header("Content-Type").startswith("application/atom+xml"))
        root = ET.fromstring(feed.body)
        self.assertEqual(root.tag, ATOM + "feed")
        for name in ("id", "title", "updated", "author"):
            self.assertIsNotNone(root.find(ATOM + name), name)
        self.assertTrue(any(l.get("rel") == "self" for l in root.findall(ATOM + "link")))
        entries = root.findall(ATOM + "entry")
        entry = next(e for e in entries
                     if e.find(ATOM + "id").text.endswith(f":bulletin/{bid}"))
        self.assertTrue(entry.find(ATOM + "id").text.startswith("tag:"))
        self.assertEqual(entry.find(ATOM + "title").text, "镍槽钛加热管点蚀")
        self.assertIsNotNone(entry.find(ATOM + "updated"))
        self.assertIsNotNone(entry.find(ATOM + "summary"))
        en = ET.fromstring(self.call("GET", "/api/v1/bulletins/feed.atom").body)
        summaries = [e.find(ATOM + "summary").text for e in en.findall(ATOM + "entry")]
        self.assertIn("Check screens & earthing <now>.", summaries)

        withdrawn = self.call("POST", f"/api/v1/bulletins/{bid}/withdraw", token=reviewer).json()
        self.assertEqual(withdrawn["state"], "withdrawn")
        self.call("GET", f"/api/v1/bulletins/{bid}", status=404)

    def test_auto_drafts_and_bad_input(self):
        reviewer = self.login("operator@demo.rutile.example")
        made = self.call("POST", "/api/v1/bulletins/auto-drafts",
                         {"include_synthetic": True}, token=reviewer, status=201).json()["items"]
        # The demo set has 13 scenarios of 5 cases each: every one is a cluster.
        self.assertGreaterEqual(len(made), 1)
        self.assertTrue(all(b["origin"] == "auto" and b["state"] == "draft" for b in made))
        again = self.call("POST", "/api/v1/bulletins/auto-drafts",
                          {"include_synthetic": True}, token=reviewer, status=201).json()["items"]
        self.assertEqual(again, [])
        bad = self.call("POST", "/api/v1/bulletins", {"case_ids": [0], "severity": "panic",
                                                      "colour": 1}, token=reviewer, status=400)
        fields = {e["field"] for e in bad.json()["errors"]}
        self.assertEqual(fields, {"case_ids[0]", "severity", "colour"})


if __name__ == "__main__":
    run_on_every_database(BulletinFlow)
