#include "rutile/standards/self_inspection_report.h"

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <string_view>

namespace rutile::standards {

std::string_view EmbeddedSelfInspectionReportLabels();

namespace {

namespace json = boost::json;

// The report's labels in one language, from knowledge/standards/self_inspection_report.json.
struct Labels {
  std::map<std::string, std::string, std::less<>> text;
  std::string lang;

  // The label `key`; empty when the file lacks it (a test checks every key in every language).
  const std::string& operator[](std::string_view key) const {
    if (auto it = text.find(key); it != text.end()) return it->second;
    static const std::string missing;
    return missing;
  }
};

// Labels per language, parsed once; English is the fallback for a language the file lacks.
const Labels& LabelsFor(std::string_view lang) {
  static const std::map<std::string, Labels, std::less<>> all = [] {
    std::map<std::string, Labels, std::less<>> by_lang;
    boost::system::error_code ec;
    const json::value root = json::parse(EmbeddedSelfInspectionReportLabels(), ec);
    const json::object* labels = nullptr;
    if (!ec && root.is_object())
      if (const auto* l = root.as_object().if_contains("labels")) labels = l->if_object();
    if (labels)
      for (const auto& [key, texts] : *labels)
        if (const auto* o = texts.if_object())
          for (const auto& [l, text] : *o)
            if (const auto* str = text.if_string()) {
              Labels& entry = by_lang[std::string(l)];
              entry.lang = std::string(l);
              entry.text[std::string(key)] = std::string(*str);
            }
    return by_lang;
  }();
  const std::string primary(lang.substr(0, lang.find('-')));
  if (auto it = all.find(primary); it != all.end()) return it->second;
  if (auto it = all.find("en"); it != all.end()) return it->second;
  static const Labels none{{}, "en"};
  return none;
}

std::string Date(std::int64_t unix_seconds) {
  if (unix_seconds == 0) return "-";
  const auto days = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds(std::chrono::seconds(unix_seconds)));
  const std::chrono::year_month_day ymd(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string Rate(const std::optional<double>& rate, int yes, int total, int na, const Labels& l) {
  if (!rate) return l["not_rated"];
  char pct[16];
  std::snprintf(pct, sizeof pct, "%.1f %%", std::round(*rate * 1000) / 10);
  return std::string(pct) + " (" + std::to_string(yes) + " " + l["of"] + " " +
         std::to_string(total - na) + l["separator"] + std::to_string(na) + " " +
         l["not_applicable_count"] + ")";
}

std::string AnswerLabel(const std::optional<Answer>& a, const Labels& l) {
  if (!a) return l["unanswered"];
  switch (*a) {
    case Answer::kYes:
      return l["yes"];
    case Answer::kNo:
      return l["no"];
    case Answer::kNotApplicable:
      return l["not_applicable"];
  }
  return l["unanswered"];
}

}  // namespace

documents::Document SelfInspectionDocument(const SelfInspection& s, const std::string& lang) {
  const Labels& l = LabelsFor(lang);
  documents::Document doc(l.lang);
  doc.Title(std::string(l["title"]) + ": " + s.title);
  doc.KeyValue(l["inspection"], "#" + std::to_string(s.id));
  doc.KeyValue(l["organization"], s.org_name.empty() ? "#" + std::to_string(s.org_id) : s.org_name);
  doc.KeyValue(l["grade"], std::to_string(s.grade));
  doc.KeyValue(l["state"], s.state == "completed" ? l["completed"] : l["open"]);
  doc.KeyValue(l["created"], Date(s.created_at));
  doc.KeyValue(l["completed_at"], Date(s.completed_at));

  const auto& r = s.rates;
  doc.Heading(l["rates"]);
  doc.KeyValue(l["mandatory_rate"], Rate(r.mandatory_rate, r.mandatory_yes, r.mandatory_items,
                                         r.mandatory_not_applicable, l));
  doc.KeyValue(l["overall_rate"], Rate(r.overall_rate, r.yes, r.items, r.not_applicable, l));

  auto kind = [&l](ClauseKind k) {
    return std::string(k == ClauseKind::kMandatory ? l["mandatory"] : l["recommended"]);
  };
  doc.Heading(l["gaps"]);
  if (s.gaps.empty()) {
    doc.Paragraph(l["no_gaps"]);
  }
  for (const auto& g : s.gaps) {
    doc.Bullet(g.number + " (" + kind(g.kind) + ") " + g.title +
               (g.note.empty() ? "" : std::string(" - ") + l["note"] + ": " + g.note));
    doc.Paragraph(std::string(l["remediation"]) + ": " +
                  RemediationFor(g.clause_id, g.number, l.lang));
  }

  doc.Heading(l["checklist"]);
  std::vector<std::vector<std::string>> rows;
  for (const auto& it : s.items)
    rows.push_back({it.number, kind(it.kind), it.title, AnswerLabel(it.answer, l), it.note});
  doc.Table({l["clause"], l["kind"], l["item"], l["answer"], l["note"]}, std::move(rows));
  doc.SmallPrint(l["small_print"]);
  return doc;
}

Result<std::string> RenderSelfInspectionPdf(const SelfInspection& s, const std::string& lang) {
  documents::PageOptions page;
  page.footer = s.title;
  return documents::RenderPdf(SelfInspectionDocument(s, lang), page);
}

}  // namespace rutile::standards
