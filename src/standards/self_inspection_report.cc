#include "rutile/standards/self_inspection_report.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace rutile::standards {
namespace {

struct Labels {
  const char* title;
  const char* inspection;
  const char* organization;
  const char* grade;
  const char* state;
  const char* open;
  const char* completed;
  const char* created;
  const char* completed_at;
  const char* rates;
  const char* mandatory_rate;
  const char* overall_rate;
  const char* not_rated;
  const char* of;
  const char* not_applicable_count;
  const char* gaps;
  const char* no_gaps;
  const char* checklist;
  const char* clause;
  const char* kind;
  const char* item;
  const char* answer;
  const char* note;
  const char* remediation;
  const char* mandatory;
  const char* recommended;
  const char* yes;
  const char* no;
  const char* not_applicable;
  const char* unanswered;
  const char* small_print;
};

constexpr Labels kEnglish{
    "Compliance self-inspection",
    "Inspection",
    "Organization",
    "Risk grade",
    "State",
    "open",
    "completed",
    "Started",
    "Completed",
    "Compliance rates",
    "Mandatory (bottom-line) clauses",
    "All clauses",
    "not rated (every item not applicable)",
    "of",
    "not applicable",
    "Gaps and remediation",
    "No item was answered no.",
    "Checklist",
    "Clause",
    "Kind",
    "Item",
    "Answer",
    "Note",
    "Remediation",
    "mandatory",
    "recommended",
    "yes",
    "no",
    "not applicable",
    "not answered",
    "Rate = items answered yes / (items - items not applicable); unanswered items count as not "
    "met. Items are the clauses of the Rutile clause library matched to the stated equipment "
    "profile at the time the inspection was started."};

constexpr Labels kChinese{"合规自查报告",
                          "自查",
                          "单位",
                          "风险等级",
                          "状态",
                          "进行中",
                          "已完成",
                          "开始日期",
                          "完成日期",
                          "合规率",
                          "强制性（底线）条款",
                          "全部条款",
                          "无法计算（全部不适用）",
                          "/",
                          "不适用",
                          "不符合项及整改建议",
                          "没有回答为“否”的条目。",
                          "自查清单",
                          "条款",
                          "类别",
                          "条目",
                          "回答",
                          "备注",
                          "整改建议",
                          "强制",
                          "推荐",
                          "是",
                          "否",
                          "不适用",
                          "未作答",
                          "合规率 = 回答“是”的条目数 /（条目数 − "
                          "不适用条目数）；未作答的条目按不符合计。条目为自查开始时按"
                          "所填设备情况从 Rutile 条款库匹配出的条款。"};

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
  if (!rate) return l.not_rated;
  char pct[16];
  std::snprintf(pct, sizeof pct, "%.1f %%", std::round(*rate * 1000) / 10);
  return std::string(pct) + " (" + std::to_string(yes) + " " + l.of + " " +
         std::to_string(total - na) + "; " + std::to_string(na) + " " + l.not_applicable_count +
         ")";
}

std::string AnswerLabel(const std::optional<Answer>& a, const Labels& l) {
  if (!a) return l.unanswered;
  switch (*a) {
    case Answer::kYes:
      return l.yes;
    case Answer::kNo:
      return l.no;
    case Answer::kNotApplicable:
      return l.not_applicable;
  }
  return l.unanswered;
}

}  // namespace

documents::Document SelfInspectionDocument(const SelfInspection& s, const std::string& lang) {
  const bool zh = lang.rfind("zh", 0) == 0;
  const Labels& l = zh ? kChinese : kEnglish;
  documents::Document doc(zh ? "zh" : "en");
  doc.Title(std::string(l.title) + ": " + s.title);
  doc.KeyValue(l.inspection, "#" + std::to_string(s.id));
  doc.KeyValue(l.organization, "#" + std::to_string(s.org_id));
  doc.KeyValue(l.grade, std::to_string(s.grade));
  doc.KeyValue(l.state, s.state == "completed" ? l.completed : l.open);
  doc.KeyValue(l.created, Date(s.created_at));
  doc.KeyValue(l.completed_at, Date(s.completed_at));

  const auto& r = s.rates;
  doc.Heading(l.rates);
  doc.KeyValue(l.mandatory_rate, Rate(r.mandatory_rate, r.mandatory_yes, r.mandatory_items,
                                      r.mandatory_not_applicable, l));
  doc.KeyValue(l.overall_rate, Rate(r.overall_rate, r.yes, r.items, r.not_applicable, l));

  auto kind = [&l](ClauseKind k) {
    return std::string(k == ClauseKind::kMandatory ? l.mandatory : l.recommended);
  };
  doc.Heading(l.gaps);
  if (s.gaps.empty()) {
    doc.Paragraph(l.no_gaps);
  }
  for (const auto& g : s.gaps) {
    doc.Bullet(g.number + " (" + kind(g.kind) + ") " + g.title +
               (g.note.empty() ? "" : std::string(" - ") + l.note + ": " + g.note));
    doc.Paragraph(std::string(l.remediation) + ": " +
                  RemediationFor(g.clause_id, g.number, zh ? "zh" : "en"));
  }

  doc.Heading(l.checklist);
  std::vector<std::vector<std::string>> rows;
  for (const auto& it : s.items)
    rows.push_back({it.number, kind(it.kind), it.title, AnswerLabel(it.answer, l), it.note});
  doc.Table({l.clause, l.kind, l.item, l.answer, l.note}, std::move(rows));
  doc.SmallPrint(l.small_print);
  return doc;
}

Result<std::string> RenderSelfInspectionPdf(const SelfInspection& s, const std::string& lang) {
  documents::PageOptions page;
  page.footer = s.title;
  return documents::RenderPdf(SelfInspectionDocument(s, lang), page);
}

}  // namespace rutile::standards
