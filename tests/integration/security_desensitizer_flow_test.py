"""Security flow: nothing identifying from a private case reaches a public output.

Finding it proves: the desensitizer let through person names missing from the platform's
dictionary (王工-style forms of address, 小刘, names after "said" / "según" / "selon", Arabic
"بن" / "أبو" names, pinyin spellings of registered names), obfuscated e-mail ("at ... dot",
"[at]", full-width "＠"), messenger ids (WeChat, QQ, WhatsApp, Telegram), URLs and bare domains,
serial / lot / order / invoice / contract numbers and foreign licence plates; and it ran backtracking
std::regex patterns that one 20 KB field ("100 100 100 ...") held for about a minute. On the code
before the fix the planted corpus of tests/cases/planted_corpus.json (six languages) leaks into the
public case records, search, bulletins and the Atom feed, so the leak checks fail.

Runs the leak checks of case_leak_flow_test.py (every public output and every public table) on
SQLite and on PostgreSQL (RUTILE_TEST_POSTGRES_URL), never skipping; a pathological-field case (a
20 KB field of digit groups is accepted, published and comes back intact); and the review checks:
the reviewer's queue marks residual risks in the proposed record, and a name registered after the
request makes the pending preview stale (409) instead of publishing something the reviewer did
not see.
Usage: security_desensitizer_flow_test.py PATH_TO_RUTILE
"""
import os
import sys

sys.dont_write_bytecode = True
import case_leak_flow_test as leak  # noqa: E402
from rutile_server import registration, run_on_every_database  # noqa: E402


class DesensitizerLeakFlow(leak.CaseLeakFlow):
    """Every public output and table, over the corpus with every class of identifier."""

    def test_the_corpus_covers_every_class_in_six_languages(self):
        langs = {t["lang"] for t in self.corpus["texts"]}
        self.assertEqual(langs, {"en", "zh", "es", "fr", "pt", "ar"})
        text = " ".join(t["text"] for t in self.corpus["texts"])
        for marker in ("王工", "小刘", "according to", "بن", "[at]", "＠", " dot ",
                       "微信", "QQ", "WhatsApp", "Telegram", "https://", "S/N", "批号", "Lot",
                       "N° de série", "placa", "لوحة"):
            self.assertTrue(marker in text, f"no {marker!r} in the corpus")

    def test_a_pathological_field_is_published_intact(self):
        body = registration(org_name="Pathological Plating Works Ltd.")
        token = self.request("POST", "/api/v1/auth/register", body, expect=(201,)).json()["token"]
        digits = ("100 " * 5000).strip()
        case = {"equipment_type": "immersion_heater", "material": "ti_cp", "grade": "Gr.2",
                "medium": "Watts nickel bath",
                "components": [{"species": "nickel_chloride", "concentration_g_per_l": 45}],
                "temperature_c": 60, "ph": 4.2, "chloride_mg_per_l": 13000,
                "service_months": 14, "failure_mode": "pitting",
                "morphology": "pits facing the anodes", "root_cause": digits,
                "corrective_actions": ("100," * 5000).rstrip(","),
                "occurred_on": "2026-05-17", "narrative": digits, "language": "en"}
        cid = self.request("POST", "/api/v1/cases", case, token=token, expect=(201,)).json()["id"]
        self.request("POST", f"/api/v1/cases/{cid}/publication", token=token)
        pub = self.request("POST", f"/api/v1/cases/{cid}/publication/approve",
                           token=self.reviewer, expect=(201,)).json()
        public = self.request("GET", f"/api/v1/public-cases/{pub['id']}",
                              token=self.reviewer).json()
        texts = leak.strings_of(public, [])
        self.assertIn(digits, texts)

    def case_body(self, narrative):
        return {"equipment_type": "immersion_heater", "material": "ti_cp", "grade": "Gr.2",
                "medium": "Watts nickel bath",
                "components": [{"species": "nickel_chloride", "concentration_g_per_l": 45}],
                "temperature_c": 60, "ph": 4.2, "chloride_mg_per_l": 13000,
                "service_months": 14, "failure_mode": "pitting",
                "morphology": "pits facing the anodes", "root_cause": "chloride",
                "corrective_actions": "replaced", "occurred_on": "2026-05-17",
                "narrative": narrative, "language": "en"}

    def test_b_review_queue_marks_residual_risks_and_stale_previews_are_refused(self):
        body = registration(org_name="Residual Risk Plating Ltd.")
        token = self.request("POST", "/api/v1/auth/register", body, expect=(201,)).json()["token"]
        narrative = "Inspector Jane Okafor and Okoro met Zephyrine Quarles; tag 1234567."
        cid = self.request("POST", "/api/v1/cases", self.case_body(narrative), token=token,
                           expect=(201,)).json()["id"]
        self.request("POST", f"/api/v1/cases/{cid}/publication", token=token)
        queue = self.request("GET", "/api/v1/case-publications", token=self.reviewer).json()
        item = next(i for i in queue["items"] if i["case_id"] == cid)
        reasons = [r["reason_code"] for r in item["risks"]["narrative"]]
        self.assertIn("cases.residual_risk.capitalized_near_placeholder", reasons)
        self.assertIn("cases.residual_risk.digit_run", reasons)
        shown = item["proposed"]["narrative"]
        self.assertIn("Zephyrine Quarles", shown)
        # Someone registers under the name in the text: the preview the reviewer saw is no longer
        # what would be published, so approval is refused until publication is requested again.
        other = registration()
        other["name"] = "Zephyrine Quarles"
        self.request("POST", "/api/v1/auth/register", other, expect=(201,))
        self.request("POST", f"/api/v1/cases/{cid}/publication/approve", token=self.reviewer,
                     expect=(409,))
        self.request("POST", f"/api/v1/cases/{cid}/publication", token=token)
        pub = self.request("POST", f"/api/v1/cases/{cid}/publication/approve",
                           token=self.reviewer, expect=(201,)).json()
        self.assertNotIn("Zephyrine", pub["narrative"])


if __name__ == "__main__":
    leak.BINARY = os.path.abspath(sys.argv[1])
    run_on_every_database(DesensitizerLeakFlow)
