#include "rutile/kit/kit_document.h"

#include <cmath>
#include <map>

#include "rutile/documents/document.h"

namespace rutile::kit {
namespace {

std::string Number(double v) {
  if (v == std::floor(v)) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string GradeName(int grade, const texts::Catalogue& t) {
  return t.Get(grade <= 1 ? "kb:verdict.low" : "kb:verdict.moderate");
}

std::string Citations(const std::vector<SourceCitation>& sources) {
  std::string out;
  for (const SourceCitation& s : sources) {
    if (!out.empty()) out += "; ";
    out += s.citation;
  }
  return out;
}

std::string UnitSymbol(std::string_view unit) {
  if (unit == "g_per_l") return "g/L";
  if (unit == "mg_per_l") return "mg/L";
  if (unit == "vol_pct") return "vol%";
  return "wt%";
}

// "Nickel sulfate 165 g/L, ..., pH 4" in the texts' language; a species without a name stays a
// formula.
std::string Composition(const Bath& bath, const texts::Catalogue& t) {
  std::string out;
  for (const BathComponent& c : bath.components) {
    if (!out.empty()) out += ", ";
    std::string key = "kb:species." + c.species;
    out += t.Has(key) ? t.Get(key) : c.species;
    out += " \u2066" + Number(c.value) + " " + UnitSymbol(c.unit) + "\u2069";
  }
  if (bath.ph)
    out += (out.empty() ? "" : ", ") + std::string("pH \u2066") + Number(*bath.ph) + "\u2069";
  return out;
}

}  // namespace

std::string TemperatureRange(double min_c, double max_c) {
  if (min_c == max_c) return Number(min_c) + " °C";
  return Number(min_c) + "–" + Number(max_c) + " °C";
}

Result<std::string> RenderKitPdf(const Kit& kit, const texts::Catalogue& t) {
  documents::Document doc(t.lang());
  doc.Title(t.Get("kit:title"));
  doc.Paragraph(t.Get("kit:intro"));

  doc.Heading(t.Get("kit:positive.title"));
  doc.Paragraph(t.Get("kit:positive.intro"));
  std::string_view current;
  std::vector<std::vector<std::string>> rows;
  auto flush = [&] {
    if (rows.empty()) return;
    doc.KeyValue(t.Get("kit:positive.bath"), t.Get("kb:preset." + std::string(current)));
    for (const Bath& bath : kit.baths) {
      if (bath.preset == current) {
        doc.KeyValue(t.Get("kit:positive.composition"), Composition(bath, t));
      }
    }
    doc.Table({t.Get("kit:positive.material"), t.Get("kit:positive.grade"),
               t.Get("kit:positive.temperature")},
              std::move(rows));
    rows.clear();
  };
  for (const PositiveRow& row : kit.positive_list) {
    if (row.preset != current) {
      flush();
      current = row.preset;
    }
    rows.push_back(
        {t.Get("kb:material." + row.material), GradeName(row.grade, t),
         // Isolated left to right, so "20–70 °C" reads the same inside Arabic text.
         "\u2066" + TemperatureRange(row.temperature_min_c, row.temperature_max_c) + "\u2069"});
  }
  flush();
  doc.SmallPrint(t.Get("kit:positive.note"));

  doc.PageBreak();
  doc.Heading(t.Get("kit:blacklist.title"));
  doc.Paragraph(t.Get("kit:blacklist.intro"));
  for (const Reagent& r : kit.blacklist) {
    doc.KeyValue(t.Get("kit:blacklist." + r.code + ".name"), t.Get("kb:mechanism." + r.mechanism));
    doc.Paragraph(t.Get("kit:blacklist." + r.code + ".reason"));
    std::string source = t.Get("kit:sources") + t.Get("kit:colon") + Citations(r.sources);
    if (r.confidence == "uncertain") doc.SmallPrint(t.Get("kit:blacklist.uncertain"));
    doc.SmallPrint(source);
  }

  for (const Guide& g : kit.guides) {
    doc.PageBreak();
    doc.Heading(t.Get("kit:guide." + g.code + ".title"));
    std::map<std::string, std::size_t> number;
    for (std::size_t i = 0; i < g.steps.size(); ++i) number[g.steps[i].code] = i + 1;
    for (std::size_t i = 0; i < g.steps.size(); ++i) {
      const GuideStep& s = g.steps[i];
      std::string text = std::to_string(i + 1) + ". " + t.Get("kit:guide." + g.code + "." + s.code);
      if (s.kind == StepKind::kDecision) {
        text += "  " + t.Get("kit:flow.yes_to", {{"n", std::to_string(number[s.yes])}}) + "  " +
                t.Get("kit:flow.no_to", {{"n", std::to_string(number[s.no])}});
      } else if (!s.next.empty()) {
        text += "  " + t.Get("kit:flow.go_to", {{"n", std::to_string(number[s.next])}});
      }
      doc.Paragraph(std::move(text));
      if (!s.sources.empty())
        doc.SmallPrint(t.Get("kit:sources") + t.Get("kit:colon") + Citations(s.sources));
    }
  }
  documents::PageOptions page;
  page.footer = t.Get("kit:pdf.footer", {{"version", kit.knowledge_version}});
  return documents::RenderPdf(doc, page);
}

}  // namespace rutile::kit
