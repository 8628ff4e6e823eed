"""The free basic kit end to end against the real `rutile` binary, as a visitor without an
account: the positive list agrees with the quick query's own answer over HTTP, every forbidden
reagent names a source, the leak guide is a flowchart whose answers lead forward, and the kit
downloads as a PDF in each language (a language outside the six is a problem naming `lang`).

Usage: kit_flow_test.py PATH_TO_RUTILE
"""
from rutile_server import DemoServerTest, run_on_every_database


class KitFlow(DemoServerTest):

    def assess(self, material, preset, temperature_c):
        return self.call("POST", "/api/v1/engine/assess", {
            "material": material,
            "medium": {"preset": preset, "components": [], "temperature_c": temperature_c}},
        ).json()["grade"]

    def test_positive_list_agrees_with_the_quick_query(self):
        response = self.call("GET", "/api/v1/kit/positive-list")
        self.assertIn("public", response.header("Cache-Control"))
        listed = response.json()
        rows = [r for r in listed["rows"] if r["preset"] == "seawater"]
        self.assertTrue(any(r["material"] == "Ti-Gr2" and r["grade"] == 1 for r in rows), rows)
        for row in rows:
            self.assertLessEqual(row["grade"], listed["max_grade"])
            for t in (row["temperature_min_c"], row["temperature_max_c"]):
                self.assertEqual(self.assess(row["material"], "seawater", t), row["grade"], row)
        # Titanium in the HF/HNO3 pickle is graded prohibited, so it is not on the list.
        self.assertFalse([r for r in listed["rows"] if r["preset"] == "hf-hno3-pickling"
                          and r["material"].startswith("Ti-")])
        self.assertEqual(self.assess("Ti-Gr2", "hf-hno3-pickling", 30), 4)

    def test_blacklist_and_guides(self):
        reagents = self.call("GET", "/api/v1/kit/blacklist").json()["reagents"]
        codes = {r["code"] for r in reagents}
        self.assertTrue({"hf_pickles", "ammonium_bifluoride", "dry_chlorine",
                         "fuming_nitric"} <= codes, codes)
        for r in reagents:
            self.assertTrue(r["sources"], r)
            self.assertTrue(all(s["citation"] for s in r["sources"]), r)
        guides = {g["code"]: g for g in self.call("GET", "/api/v1/kit/guides").json()["guides"]}
        self.assertEqual(set(guides), {"cold_start", "nitrogen_standby", "leak_emergency"})
        leak = guides["leak_emergency"]
        self.assertTrue(leak["flowchart"])
        order = [s["code"] for s in leak["steps"]]
        decisions = [s for s in leak["steps"] if s["kind"] == "decision"]
        self.assertGreaterEqual(len(decisions), 2)
        for d in decisions:
            here = order.index(d["code"])
            self.assertGreater(order.index(d["yes"]), here)
            self.assertGreater(order.index(d["no"]), here)

    def test_pdf_per_language(self):
        for lang in ("en", "zh", "es", "fr", "pt", "ar"):
            r = self.call("GET", f"/api/v1/kit/kit.pdf?lang={lang}")
            self.assertEqual(r.header("Content-Type"), "application/pdf")
            self.assertTrue(r.body.startswith(b"%PDF-"), lang)
            self.assertEqual(r.header("Content-Language"), lang)
        bad = self.call("GET", "/api/v1/kit/kit.pdf?lang=de", status=400)
        self.assertTrue(bad.header("Content-Type").startswith("application/problem+json"))
        self.assertIn("lang", [e["field"] for e in bad.json()["errors"]])


if __name__ == "__main__":
    run_on_every_database(KitFlow)
