"""Planted-identifier leak test of every public output, against the real `rutile` binary.

Every text of tests/cases/planted_corpus.json is submitted as a real case by an enterprise whose
name (and whose people's names) are registered on the platform, published through the reviewer's
approval, cited by bulletins (auto-drafted and composed), and then every public output is
collected: the public case list and details, search (each planted identifier as the query, and
generic queries), similar cases, bulletins (list, details, Atom feed) and every public GET route
the OpenAPI document lists for the atlas, macro statistics and exports. No planted identifier may
appear (case-insensitive; for numbers of seven digits or more, also with separators removed).
After the server stops, the SQLite tables holding public rows (public cases, their facets and
search terms, bulletins, and any atlas or macro table) are searched the same way.

Runs on SQLite, and also on PostgreSQL when RUTILE_TEST_POSTGRES_URL is set (the tables are then
read with psql).
Usage: case_leak_flow_test.py PATH_TO_RUTILE
"""
import json
import os
import re
import sqlite3
import subprocess
import sys
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from rutile_server import RutileServer, registration, run_on_every_database

BINARY = None
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "cases", "planted_corpus.json")
GENERIC_QUERIES = ["heater", "nickel", "pitting", "titanium coil", "钛加热管", "点蚀", "corrosión",
                   "piqûres", "corrosão", "تآكل", "[PERSON-1]", "Gr.2"]
# Route words that mark a public output of the case database (atlas, macro statistics, exports).
PUBLIC_ROUTE_WORDS = ("atlas", "macro", "export", "public-cases", "bulletins")


def strings_of(value, out):
    """Every string (keys too) inside a decoded JSON value; numbers are ids and counts."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            out.append(k)
            strings_of(v, out)
    elif isinstance(value, list):
        for v in value:
            strings_of(v, out)
    return out


def strings_of_xml(text, out):
    root = ET.fromstring(text)
    for el in root.iter():
        out.extend(v for v in el.attrib.values())
        if el.text:
            out.append(el.text)
    return out


def sql_rows(database_url, sql, params=()):
    """Rows of one statement on the server's database, as tuples of strings (PostgreSQL) or
    Python values (SQLite). Parameters are inlined as quoted literals for psql."""
    if database_url.startswith("sqlite:"):
        db = sqlite3.connect(database_url[len("sqlite:"):])
        with db:
            rows = list(db.execute(sql, params))
        db.close()
        return rows
    for p in params:
        sql = sql.replace("?", "'" + str(p).replace("'", "''") + "'", 1)
    out = subprocess.run(["psql", database_url, "-v", "ON_ERROR_STOP=1", "-q", "-At", "-F",
                          "\x1f", "-R", "\x1e", "-c", sql],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    return [tuple(r.split("\x1f")) for r in out.split("\x1e") if r.strip("\n")]


def compact(s):
    return "".join(c for c in s.lower() if c.isalnum())


def leaks(texts, planted):
    """Planted identifiers found in any of the texts (each text checked on its own)."""
    found = set()
    lowered = [t.lower() for t in texts]
    squeezed = [compact(t) for t in texts]
    for p in planted:
        needle = p.lower()
        digits = re.sub(r"\D", "", p)
        for t, c in zip(lowered, squeezed):
            if needle in t or (len(digits) >= 7 and digits in c):
                found.add(p)
                break
    return sorted(found)


class CaseLeakFlow(unittest.TestCase):
    database_url = None  # SQLite in the server's work directory

    @classmethod
    def setUpClass(cls):
        with open(CORPUS, encoding="utf-8") as f:
            cls.corpus = json.load(f)
        cls.planted = sorted({p for t in cls.corpus["texts"] for p in t["planted"]})
        cls.server = RutileServer(BINARY, cls.database_url)
        cls.server.cli("migrate")
        cls.server.cli("demo")
        # Parks have no API or command of their own: registered straight into the database, as an
        # operator's region setup would.
        for park in cls.corpus["dictionary"]["parks"]:
            sql_rows(cls.server.database_url,
                     "INSERT INTO parks (name, region) VALUES (?, 'cn-east')", (park,))
        cls.server.start()
        cls.outputs = []  # (where, [strings])
        cls.binary_outputs = []
        try:
            cls.build_public_set()
        except Exception:
            cls.server.stop()
            cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.server.process is not None:
            cls.server.stop()
        cls.server.cleanup()

    @classmethod
    def request(cls, method, path, body=None, token=None, expect=(200,)):
        r = cls.server.request(method, path, body, token=token)
        if r.status not in expect:
            raise AssertionError(f"{method} {path} -> {r.status}: {r.body[:1500]!r}")
        return r

    @classmethod
    def login(cls, email, password="demo-password-1"):
        return cls.request("POST", "/api/v1/auth/login",
                           {"email": email, "password": password}).json()["token"]

    @classmethod
    def build_public_set(cls):
        d = cls.corpus["dictionary"]
        people = list(d["people"])
        enterprises = []
        for i, org in enumerate(d["organizations"]):
            body = registration(org_name=org)
            body["name"] = people[i % len(people)]
            enterprises.append(cls.request("POST", "/api/v1/auth/register", body,
                                           expect=(201,)).json()["token"])
        for person in people[len(d["organizations"]):]:
            body = registration()
            body["name"] = person
            cls.request("POST", "/api/v1/auth/register", body, expect=(201,))
        cls.reviewer = cls.login("operator@demo.rutile.example")
        cls.public_ids = []
        for i, entry in enumerate(cls.corpus["texts"]):
            text = entry["text"]
            half = len(text) // 2
            case = {"equipment_type": "immersion_heater", "material": "ti_cp", "grade": "Gr.2",
                    "medium": "Watts nickel bath",
                    "components": [{"species": "nickel_chloride", "concentration_g_per_l": 45}],
                    "temperature_c": 60, "ph": 4.2, "chloride_mg_per_l": 13000,
                    "service_months": 14, "failure_mode": "pitting",
                    "morphology": "pits facing the anodes", "root_cause": text[:half],
                    "corrective_actions": "Contact " + entry["planted"][0] + " for details.",
                    "occurred_on": "2026-05-17", "narrative": text, "language": entry["lang"]}
            token = enterprises[i % len(enterprises)]
            cid = cls.request("POST", "/api/v1/cases", case, token=token,
                              expect=(201,)).json()["id"]
            cls.request("POST", f"/api/v1/cases/{cid}/publication", token=token)
            pub = cls.request("POST", f"/api/v1/cases/{cid}/publication/approve",
                              token=cls.reviewer, expect=(201,)).json()
            cls.public_ids.append(pub["id"])

        # Bulletins: the auto-draft for the corpus cluster, one composed from all of them with the
        # generated texts, and one whose summary a reviewer pasted from the corpus narratives.
        auto = cls.request("POST", "/api/v1/bulletins/auto-drafts", {}, token=cls.reviewer,
                           expect=(201,)).json()["items"]
        composed = cls.request("POST", "/api/v1/bulletins", {"case_ids": cls.public_ids[:50]},
                               token=cls.reviewer, expect=(201,)).json()
        pasted_summary = " ".join(t["text"] for t in cls.corpus["texts"])[:3500]
        pasted = cls.request("POST", "/api/v1/bulletins",
                             {"case_ids": cls.public_ids[:5],
                              "texts": [{"language": "en", "title": "Notes from the cases",
                                         "summary": pasted_summary}]},
                             token=cls.reviewer, expect=(201,)).json()
        cls.bulletin_ids = [b["id"] for b in auto] + [composed["id"], pasted["id"]]
        for bid in cls.bulletin_ids:
            cls.request("POST", f"/api/v1/bulletins/{bid}/publish", token=cls.reviewer)

        cls.collect()

    @classmethod
    def keep(cls, where, response):
        ctype = response.header("Content-Type") or ""
        if "xml" in ctype:
            cls.outputs.append((where, strings_of_xml(response.body, [])))
        elif "json" in ctype:
            cls.outputs.append((where, strings_of(response.json(), [])))
        elif ctype.startswith("text/"):
            cls.outputs.append((where, [response.body.decode("utf-8", "replace")]))
        else:
            cls.binary_outputs.append(where)  # PDF, XLSX, images: not read as text here

    @classmethod
    def collect(cls):
        token = cls.reviewer
        get = lambda path, tok=token: cls.request("GET", path, token=tok)
        # Public cases: every page of the list and every detail.
        offset, ids = 0, []
        while True:
            page = get(f"/api/v1/public-cases?limit=100&offset={offset}")
            cls.keep("public-cases list", page)
            items = page.json()["items"]
            ids += [c["id"] for c in items]
            if len(items) < 100:
                break
            offset += 100
        for cid in ids:
            cls.keep(f"public case {cid}", get(f"/api/v1/public-cases/{cid}"))
        # Search: every planted identifier as the query, and generic queries.
        for q in cls.planted + GENERIC_QUERIES:
            cls.keep(f"search {q!r}",
                     get("/api/v1/public-cases?limit=100&q=" + urllib.parse.quote(q)))
        # Similar cases.
        for probe in ({"failure_mode": "pitting", "temperature_c": 60, "limit": 50},
                      {"medium": "Watts nickel bath", "material": "ti_cp", "limit": 50},
                      {"mechanism_ids": ["anodic_breakdown"], "chloride_mg_per_l": 13000,
                       "limit": 50}):
            cls.keep(f"similar {probe}", cls.request("POST", "/api/v1/public-cases/similar",
                                                     probe, token=token))
        # Bulletins: list (visitor and reviewer), details, the feed in each corpus language.
        cls.keep("bulletins (visitor)", get("/api/v1/bulletins", None))
        cls.keep("bulletins (reviewer)", get("/api/v1/bulletins?limit=200"))
        for bid in cls.bulletin_ids:
            cls.keep(f"bulletin {bid}", get(f"/api/v1/bulletins/{bid}", None))
        for lang in ("", "en", "zh", "es", "fr", "pt", "ar"):
            cls.keep(f"feed {lang}", get("/api/v1/bulletins/feed.atom?lang=" + lang, None))
        # Whatever other public outputs exist now: atlas, macro statistics, exports.
        spec = get("/api/v1/openapi.json", None).json()
        regulator = cls.login("regulator@demo.rutile.example")
        cls.extra_routes = []
        for path, item in sorted(spec.get("paths", {}).items()):
            if "get" not in item or "{" in path:
                continue
            if not any(w in path for w in PUBLIC_ROUTE_WORDS):
                continue
            if path.startswith("/api/v1/public-cases") or path.startswith("/api/v1/bulletins"):
                continue
            # Macro statistics may be for regulators only: ask as the reviewer, as a regulator
            # and as a visitor, and keep every answer given.
            for who, tok in (("reviewer", token), ("regulator", regulator), ("visitor", None)):
                r = cls.server.request("GET", path, token=tok)
                if r.status == 200:
                    cls.extra_routes.append(f"{path} ({who})")
                    cls.keep(f"GET {path} as {who}", r)

    def test_the_corpus_was_published_and_cited(self):
        self.assertEqual(len(self.public_ids), len(self.corpus["texts"]))
        self.assertGreaterEqual(len(self.bulletin_ids), 2)
        print("public outputs checked:", len(self.outputs), "extra routes:", self.extra_routes,
              "binary outputs not read:", self.binary_outputs)

    def test_the_check_sees_identifiers_and_the_outputs_carry_the_corpus(self):
        # The detector finds what was planted in the originals (some planted strings are
        # variants such as 李经理 that the original spells differently) ...
        originals = [t["text"] for t in self.corpus["texts"]]
        self.assertGreaterEqual(len(leaks(originals, self.planted)), 0.8 * len(self.planted))
        # ... and the public cases and the feed did carry corpus text, with placeholders in its
        # place (the feed through the summary a reviewer pasted; generated drafts name only
        # vocabulary facts and quote no reporter's words).
        feed = " ".join(" ".join(texts) for where, texts in self.outputs if where == "feed ")
        self.assertRegex(feed, r"\[(PERSON|ORG|PHONE|EMAIL|ADDRESS)-\d+\]")
        cases = " ".join(" ".join(texts) for where, texts in self.outputs
                         if where.startswith("public case "))
        self.assertRegex(cases, r"\[(PERSON|ORG|PHONE|EMAIL|ADDRESS)-\d+\]")
        self.assertIn("Published failure cases:", feed)

    def test_no_planted_identifier_in_any_public_output(self):
        found = {}
        for where, texts in self.outputs:
            hit = leaks(texts, self.planted)
            if hit:
                found[where] = hit
        self.assertEqual(found, {})

    def test_no_planted_identifier_in_the_public_tables(self):
        code = self.server.stop()
        self.assertEqual(code, 0)
        url = self.server.database_url
        if url.startswith("sqlite:"):
            tables = [r[0] for r in sql_rows(url, "SELECT name FROM sqlite_master "
                                                  "WHERE type = 'table'")]
        else:
            tables = [r[0] for r in sql_rows(url, "SELECT tablename FROM pg_tables "
                                                  "WHERE schemaname = 'public'")]
        public = [t for t in tables if t.startswith(("public_", "bulletin")) or "atlas" in t
                  or "macro" in t]
        self.assertIn("public_case_terms", public)
        self.assertIn("bulletins", public)
        found = {}
        for table in public:
            cells = []
            if url.startswith("sqlite:"):
                for row in sql_rows(url, f'SELECT * FROM "{table}"'):
                    cells.extend(v for v in row if isinstance(v, str))
            else:  # each row as JSON, so numbers stay numbers as in SQLite
                for (row,) in sql_rows(url, f'SELECT row_to_json(t)::text FROM "{table}" t'):
                    cells.extend(v for v in json.loads(row).values() if isinstance(v, str))
            texts = []
            for cell in cells:
                # JSON bodies: their string values only (ids inside are numbers).
                try:
                    texts.extend(strings_of(json.loads(cell), []))
                except ValueError:
                    texts.append(cell)
            hit = leaks(texts, self.planted)
            if hit:
                found[table] = hit
        self.assertEqual(found, {})


if __name__ == "__main__":
    BINARY = os.path.abspath(sys.argv[1])
    run_on_every_database(CaseLeakFlow)
