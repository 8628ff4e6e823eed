#include "rutile/standards/manual_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <map>
#include <string_view>

#include "rutile/core/check.h"
#include "rutile/identity/regions.h"

namespace rutile::standards {

std::string_view EmbeddedManualText();

namespace {

namespace json = boost::json;

struct TopicText {
  std::string id;
  std::vector<std::string> sections;  // clause number sections ("3" of "RT-3.1")
  LocalizedText name;
};

struct GradeText {
  LocalizedText verdict;
  LocalizedText meaning;
};

// knowledge/standards/manual_text.json, parsed once.
struct ManualTexts {
  std::vector<std::string> languages;
  int max_rules = 99;
  std::vector<TopicText> topics;
  LocalizedText other_topic;
  std::map<int, GradeText> grades;
  std::map<std::string, LocalizedText> labels;

  std::string Label(const std::string& key, std::string_view lang) const {
    auto it = labels.find(key);
    RUTILE_CHECK(it != labels.end(), "manual_text.json lacks a label");
    return InLanguage(it->second, lang);
  }
};

LocalizedText Localized(const json::value& v) {
  LocalizedText out;
  for (const auto& [lang, text] : v.as_object())
    out[std::string(lang)] = std::string(text.as_string());
  return out;
}

const ManualTexts& Texts() {
  static const ManualTexts texts = [] {
    ManualTexts t;
    boost::system::error_code ec;
    json::value doc = json::parse(EmbeddedManualText(), ec);
    RUTILE_CHECK(!ec && doc.is_object(), "embedded manual_text.json is malformed");
    const json::object& o = doc.as_object();
    for (const auto& l : o.at("languages").as_array()) t.languages.emplace_back(l.as_string());
    t.max_rules = static_cast<int>(o.at("max_rules").as_int64());
    for (const auto& topic : o.at("topics").as_array()) {
      TopicText tt;
      tt.id = std::string(topic.at("id").as_string());
      for (const auto& s : topic.at("sections").as_array()) tt.sections.emplace_back(s.as_string());
      tt.name = Localized(topic.at("name"));
      t.topics.push_back(std::move(tt));
    }
    t.other_topic = Localized(o.at("other_topic"));
    for (const auto& [grade, g] : o.at("grades").as_object()) {
      t.grades[std::stoi(std::string(grade))] =
          GradeText{Localized(g.at("verdict")), Localized(g.at("meaning"))};
    }
    for (const auto& [key, label] : o.at("labels").as_object())
      t.labels[std::string(key)] = Localized(label);
    return t;
  }();
  return texts;
}

std::string PrimarySubtag(std::string_view lang) {
  std::string primary(lang.substr(0, lang.find_first_of("-_")));
  for (auto& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return primary;
}

// "en", "zh", "zh-CN", "pt-BR", "zh-Hant-TW": 2-3 letters, then 2-8 letter/digit subtags.
bool IsLanguageTag(std::string_view tag) {
  size_t start = 0;
  bool first = true;
  while (start <= tag.size()) {
    size_t end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    std::string_view part = tag.substr(start, end - start);
    if (part.size() < 2 || part.size() > (first ? 3u : 8u)) return false;
    for (char c : part) {
      bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      bool digit = c >= '0' && c <= '9';
      if (!(letter || (!first && digit))) return false;
    }
    if (end == tag.size()) return true;
    start = end + 1;
    first = false;
  }
  return false;
}

// "3" of "RT-3.1".
std::string Section(std::string_view number) {
  size_t dash = number.find('-');
  std::string_view rest = dash == std::string_view::npos ? number : number.substr(dash + 1);
  return std::string(rest.substr(0, rest.find('.')));
}

std::string Replace(std::string text, std::string_view token, std::string_view value) {
  for (size_t at = text.find(token); at != std::string::npos;
       at = text.find(token, at + value.size())) {
    text.replace(at, token.size(), value);
  }
  return text;
}

std::string IsoDate(std::int64_t unix_seconds) {
  auto days = std::chrono::floor<std::chrono::days>(FromUnixSeconds(unix_seconds));
  std::chrono::year_month_day ymd(days);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

}  // namespace

ManualService::ManualService(StandardsService& standards, const Clock& clock)
    : standards_(standards), clock_(clock) {}

std::vector<FieldError> ManualService::Validate(const ManualRequest& request) {
  std::vector<FieldError> errors;
  const auto& catalog = identity::RegionCatalog::Default();
  if (request.industry.empty()) {
    errors.push_back({"industry", "is required"});
  } else if (!catalog.HasIndustry(request.industry)) {
    std::string known;
    for (const auto& i : catalog.industries()) known += (known.empty() ? "" : ", ") + i.id;
    errors.push_back({"industry", "unknown industry; one of " + known});
  }
  if (request.grade < 1 || request.grade > 4) errors.push_back({"grade", "must be 1 to 4"});
  if (!IsLanguageTag(request.lang)) {
    errors.push_back({"lang", "must be a language tag such as en, zh or zh-CN"});
  }
  return errors;
}

Result<Manual> ManualService::Build(const ManualRequest& request) {
  if (auto errors = Validate(request); !errors.empty()) {
    return InvalidArgument("the manual request is invalid", std::move(errors));
  }
  const ManualTexts& texts = Texts();
  Manual manual;
  manual.industry = request.industry;
  manual.grade = request.grade;
  manual.requested_lang = request.lang;
  std::string primary = PrimarySubtag(request.lang);
  bool available =
      std::find(texts.languages.begin(), texts.languages.end(), primary) != texts.languages.end();
  manual.lang = available ? primary : "en";
  manual.fell_back = !available;
  manual.generated_at = UnixSeconds(clock_.Now());
  for (const auto& industry : identity::RegionCatalog::Default().industries()) {
    if (industry.id == request.industry)
      manual.industry_name = InLanguage(industry.names, manual.lang);
  }
  const GradeText& grade = texts.grades.at(request.grade);
  manual.grade_verdict = InLanguage(grade.verdict, manual.lang);
  manual.grade_meaning = InLanguage(grade.meaning, manual.lang);

  RUTILE_ASSIGN_OR_RETURN(auto standards, standards_.ListStandards());
  for (const auto& document : standards) {
    for (const auto& version : document.versions) {
      if (version.status != "released") continue;
      manual.library +=
          (manual.library.empty() ? "" : ", ") + document.code + " " + version.version;
      break;
    }
  }

  MatchProfile profile;
  profile.grade = request.grade;
  profile.industry = request.industry;
  profile.lang = manual.lang;
  RUTILE_ASSIGN_OR_RETURN(MatchResult matched, standards_.Match(profile));

  // The full texts: every mandatory clause at the grade in one read (an empty search lists them).
  SearchQuery all_mandatory;
  all_mandatory.grade = request.grade;
  all_mandatory.kind = ClauseKind::kMandatory;
  all_mandatory.limit = 200;
  RUTILE_ASSIGN_OR_RETURN(SearchResult listed, standards_.Search(all_mandatory));
  std::map<std::string, Clause> texts_by_id;
  for (auto& hit : listed.hits) texts_by_id.emplace(hit.clause.id, std::move(hit.clause));

  std::map<std::string, std::vector<ManualRule>> by_topic;
  for (const MatchedClause& m : matched.mandatory) {
    auto found = texts_by_id.find(m.id);
    if (found == texts_by_id.end()) {
      RUTILE_ASSIGN_OR_RETURN(Clause one, standards_.GetClause(m.id));
      found = texts_by_id.emplace(m.id, std::move(one)).first;
    }
    const Clause& clause = found->second;
    std::string section = Section(clause.number);
    std::string topic = "other";
    for (const auto& t : texts.topics) {
      if (std::find(t.sections.begin(), t.sections.end(), section) != t.sections.end())
        topic = t.id;
    }
    by_topic[topic].push_back({clause.id, clause.number, topic,
                               InLanguage(clause.title, manual.lang),
                               InLanguage(clause.text, manual.lang)});
  }
  std::vector<std::pair<std::string, LocalizedText>> order;
  for (const auto& t : texts.topics) order.emplace_back(t.id, t.name);
  order.emplace_back("other", texts.other_topic);
  for (const auto& [id, name] : order) {
    auto it = by_topic.find(id);
    if (it == by_topic.end()) continue;
    std::sort(it->second.begin(), it->second.end(), [](const ManualRule& a, const ManualRule& b) {
      return ClauseNumberLess(a.number, b.number);
    });
    ManualTopic topic{id, InLanguage(name, manual.lang), {}};
    for (auto& rule : it->second) {
      if (manual.rule_count >= texts.max_rules) {
        ++manual.omitted;
        continue;
      }
      topic.rules.push_back(std::move(rule));
      ++manual.rule_count;
    }
    if (!topic.rules.empty()) manual.topics.push_back(std::move(topic));
  }
  return manual;
}

documents::Document ManualService::ToDocument(const Manual& manual) {
  const ManualTexts& texts = Texts();
  const std::string& lang = manual.lang;
  documents::Document doc(lang);
  doc.Title(texts.Label("title", lang));
  if (manual.fell_back) {
    doc.Paragraph(Replace(texts.Label("fallback", lang), "{lang}", manual.requested_lang));
  }
  doc.KeyValue(texts.Label("industry", lang), manual.industry_name);
  doc.KeyValue(texts.Label("grade", lang),
               std::to_string(manual.grade) + " — " + manual.grade_verdict);
  doc.Paragraph(manual.grade_meaning);
  doc.KeyValue(texts.Label("library", lang), manual.library);
  doc.KeyValue(texts.Label("date", lang), IsoDate(manual.generated_at));
  doc.KeyValue(texts.Label("rule_count", lang), std::to_string(manual.rule_count));
  doc.Paragraph(texts.Label("intro", lang));
  std::string format = texts.Label("rule_format", lang);
  for (const ManualTopic& topic : manual.topics) {
    doc.Heading(topic.name);
    for (const ManualRule& rule : topic.rules) {
      doc.Bullet(Replace(Replace(Replace(format, "{title}", rule.title), "{number}", rule.number),
                         "{text}", rule.text));
    }
  }
  if (manual.omitted > 0) {
    doc.Paragraph(
        Replace(texts.Label("truncated", lang), "{count}", std::to_string(manual.omitted)));
  }
  doc.SmallPrint(texts.Label("disclaimer", lang));
  return doc;
}

Result<std::string> ManualService::Pdf(const Manual& manual) {
  documents::PageOptions page;
  page.footer = Texts().Label("footer", manual.lang) + " · Rutile " + manual.library + " · " +
                IsoDate(manual.generated_at);
  return documents::RenderPdf(ToDocument(manual), page);
}

std::string ManualService::Html(const Manual& manual) {
  return documents::RenderHtml(ToDocument(manual));
}

std::string ManualService::FileName(const Manual& manual, std::string_view extension) {
  return "rutile-manual-" + manual.industry + "-grade" + std::to_string(manual.grade) + "-" +
         manual.lang + "." + std::string(extension);
}

}  // namespace rutile::standards
