"""Readings templates end to end against the real `rutile` binary: a visitor downloads the CSV
and XLSX templates in a language chosen by `lang` or by Accept-Language; every reading type is
documented in the file with its name in that language, its unit and range; the templates, filled
in as a person would (rows below the header of the CSV; cells typed into the XLSX's readings
sheet), upload without errors; an unknown type is reported with its row, as
`field.unknown_reading_type`, with the known codes.

Usage: readings_template_flow_test.py PATH_TO_RUTILE
"""
import io
import json
import pathlib
import re
import zipfile

from rutile_server import DemoServerTest, run_on_every_database

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
I18N = pathlib.Path(__file__).resolve().parents[2] / "web" / "src" / "i18n"
TYPES = ["bath_temperature_c", "ph", "chloride_mg_l", "fluoride_mg_l", "conductivity_us_cm",
         "sheath_temperature_c", "current_a", "potential_v_sce", "wall_thickness_mm"]


def reading_label(lang, code):
    labels = json.loads((I18N / lang / "labels.json").read_text(encoding="utf-8"))
    return labels["reading_type"][code]


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def fill_xlsx(template, rows):
    """The template with `rows` typed into the readings sheet below its example row."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode("utf-8")
                typed = ""
                for i, (type_, value, unit, at) in enumerate(rows, start=3):
                    typed += (f'<row r="{i}">{inline(f"A{i}", type_)}<c r="B{i}"><v>{value}</v></c>'
                              f'{inline(f"C{i}", unit)}{inline(f"D{i}", at)}</row>')
                xml = xml.replace("</sheetData>", typed + "</sheetData>")
                data = xml.encode("utf-8")
            dst.writestr(item, data)
    return out.getvalue()


class ReadingsTemplateFlow(DemoServerTest):

    def item(self, token):
        items = self.call("GET", "/api/v1/equipment", token=token).json()["items"]
        self.assertTrue(items, "the demo plant has equipment")
        return items[0]["id"]

    def test_csv_template_in_each_language_documents_every_type(self):
        for lang in ("en", "zh", "es", "fr", "pt", "ar"):
            r = self.call("GET", f"/api/v1/readings/template.csv?lang={lang}")
            self.assertTrue(r.header("Content-Type").startswith("text/csv"))
            self.assertEqual(r.header("Content-Language"), lang)
            text = r.body.decode("utf-8-sig")
            lines = text.split("\r\n")
            self.assertIn("type,value,unit,measured_at", lines)
            for code in TYPES:
                line = next((l for l in lines if l.startswith(f"# {code}")), None)
                self.assertIsNotNone(line, f"{lang}: {code}")
                self.assertIn(reading_label(lang, code), line)
        by_header = self.call("GET", "/api/v1/readings/template.csv",
                              headers={"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})
        self.assertEqual(by_header.header("Content-Language"), "fr")
        bad = self.call("GET", "/api/v1/readings/template.csv?lang=de", status=400)
        self.assertIn("lang", [e["field"] for e in bad.json()["errors"]])

    def test_filled_templates_upload_without_errors(self):
        token = self.login("admin@demo.rutile.example")
        item = self.item(token)
        csv = self.call("GET", "/api/v1/readings/template.csv?lang=zh").body
        csv += b"ph,7.1,pH,2026-03-01\r\nwall_thickness_mm,2.4,mm,2026-03-02T09:30:00Z\r\n"
        stored = self.call("POST", f"/api/v1/equipment/{item}/readings/csv", token=token,
                           raw=csv, content_type="text/csv", status=201).json()
        self.assertEqual(len(stored["reading_ids"]), 2)

        r = self.call("GET", "/api/v1/readings/template.xlsx",
                      headers={"Accept-Language": "ar"})
        self.assertEqual(r.header("Content-Type"), XLSX)
        self.assertEqual(r.header("Content-Language"), "ar")
        with zipfile.ZipFile(io.BytesIO(r.body)) as z:
            workbook = z.read("xl/workbook.xml").decode()
            self.assertEqual(re.findall(r'<sheet name="([^"]+)"', workbook), ["readings", "types"])
            strings = z.read("xl/sharedStrings.xml").decode()
            for code in TYPES:
                self.assertIn(f">{code}<", strings)
                self.assertIn(reading_label("ar", code), strings)
            self.assertIn("<dataValidation", z.read("xl/worksheets/sheet1.xml").decode())
        filled = fill_xlsx(r.body, [("fluoride_mg_l", 3.5, "mg/L", "2026-03-03"),
                                    ("bath_temperature_c", 61, "C", "2026-03-03T08:00:00Z")])
        stored = self.call("POST", f"/api/v1/equipment/{item}/readings/xlsx", token=token,
                           raw=filled, content_type=XLSX, status=201).json()
        self.assertEqual(stored["stored"], 2)

    def test_an_unknown_type_is_reported_with_its_row(self):
        token = self.login("admin@demo.rutile.example")
        item = self.item(token)
        template = self.call("GET", "/api/v1/readings/template.xlsx?lang=zh").body
        filled = fill_xlsx(template, [("ph", 7, "pH", "2026-03-03"),
                                      ("chlorine", 4, "mg/L", "2026-03-03")])
        problem = self.call("POST", f"/api/v1/equipment/{item}/readings/xlsx", token=token,
                            raw=filled, content_type=XLSX, status=400).json()
        self.assertEqual(len(problem["errors"]), 1, problem)
        error = problem["errors"][0]
        self.assertEqual(error["field"], "rows[4].type")
        self.assertEqual(error["code"], "field.unknown_reading_type")
        self.assertEqual(error["params"]["type"], "chlorine")
        for code in TYPES:
            self.assertIn(code, error["params"]["known"])


if __name__ == "__main__":
    run_on_every_database(ReadingsTemplateFlow)
