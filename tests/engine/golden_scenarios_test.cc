// Runs every golden scenario in tests/engine/scenarios/*.jsonl through AssessJson and checks the
// expected grade, governing mechanism, mechanisms, warnings or error field. One JSON object per
// line: {"id", "source", "request", "expect": {...}}; see scenarios/README.md. Also checks that
// every reason and warning is said in phrases the web app has in each of its languages.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/engine/wire/json.h"

namespace rutile::engine::wire {
namespace {

struct Scenario {
  std::string file;
  int line = 0;
  JsonValue value;
};

std::vector<Scenario> LoadScenarios() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(RUTILE_SCENARIO_DIR)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Scenario> out;
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string text;
    int line_no = 0;
    while (std::getline(in, text)) {
      ++line_no;
      if (text.empty() || text[0] == '#') continue;
      auto v = ParseJson(text);
      EXPECT_TRUE(v.has_value()) << path << ":" << line_no << ": " << v.error().ToString();
      if (v.has_value()) out.push_back({path.filename().string(), line_no, std::move(v).value()});
    }
  }
  return out;
}

std::vector<std::string> Strings(const JsonValue* v) {
  std::vector<std::string> out;
  if (v == nullptr) return out;
  for (const auto& item : v->items()) out.push_back(item.as_string());
  return out;
}

// The phrases a result carries: code -> the parameter names seen with it.
using PhraseUse = std::map<std::string, std::set<std::string>>;

void CollectPhrases(const JsonValue& phrases, PhraseUse* used) {
  for (const auto& p : phrases.items()) {
    auto& names = (*used)[p.Find("code")->as_string()];
    for (const auto& [name, _] : p.Find("params")->members()) names.insert(name);
  }
}

// Each code of `used` has a text in web/src/i18n/<lang>/<file> under `map`, using each of its
// parameters.
void ExpectTexts(const std::string& lang, const std::string& file, const char* map,
                 const PhraseUse& used) {
  std::ifstream in(std::string(RUTILE_WEB_I18N_DIR) + "/" + lang + "/" + file);
  std::stringstream text;
  text << in.rdbuf();
  auto catalogue = ParseJson(text.str());
  ASSERT_TRUE(catalogue.has_value()) << lang << " " << file;
  const JsonValue* texts = catalogue->Find(map);
  ASSERT_NE(texts, nullptr) << lang << " " << file << ": no " << map;
  for (const auto& [code, names] : used) {
    const JsonValue* t = texts->Find(code);
    ASSERT_NE(t, nullptr) << lang << " " << file << ": no text for " << map << "." << code;
    for (const auto& name : names) {
      EXPECT_NE(t->as_string().find("{{" + name + "}}"), std::string::npos)
          << lang << ": " << map << "." << code << " does not use {{" << name << "}}";
    }
  }
}

void CheckScenario(const Scenario& s, std::set<std::string>* ids,
                   std::set<std::string>* governing_seen, PhraseUse* phrases,
                   PhraseUse* field_codes) {
  const JsonValue& v = s.value;
  const std::string where = s.file + ":" + std::to_string(s.line);
  ASSERT_NE(v.Find("id"), nullptr) << where;
  const std::string id = v.Find("id")->as_string();
  SCOPED_TRACE(where + " " + id);
  EXPECT_TRUE(ids->insert(id).second) << "duplicate id";
  ASSERT_NE(v.Find("source"), nullptr) << "every scenario cites its expectation";
  EXPECT_FALSE(v.Find("source")->as_string().empty());
  const JsonValue* expect = v.Find("expect");
  ASSERT_NE(expect, nullptr);
  ASSERT_NE(v.Find("request"), nullptr);
  auto result = AssessJson(DefaultKnowledge(), SerializeJson(*v.Find("request")));

  if (const JsonValue* field = expect->Find("error_field")) {
    ASSERT_FALSE(result.has_value()) << "expected an error";
    bool found = false;
    for (const auto& f : result.error().fields()) {
      // Every field error names the text a person reads ("field.<code>").
      EXPECT_EQ(f.code.rfind("field.", 0), 0u) << f.field << ": " << f.message;
      auto& names = (*field_codes)[f.code.substr(f.code.find('.') + 1)];
      for (const auto& [name, _] : f.params) names.insert(name);
      if (f.field == field->as_string()) {
        found = true;
        if (const JsonValue* msg = expect->Find("error_contains")) {
          EXPECT_NE(f.message.find(msg->as_string()), std::string::npos) << f.message;
        }
      }
    }
    EXPECT_TRUE(found) << result.error().ToString();
    return;
  }
  ASSERT_TRUE(result.has_value()) << result.error().ToString();
  auto out = ParseJson(*result);
  ASSERT_TRUE(out.has_value());
  const int grade = static_cast<int>(out->Find("grade")->as_number());
  const std::string governing = out->Find("governing_mechanism")->as_string();
  governing_seen->insert(governing);
  if (const JsonValue* g = expect->Find("grade")) {
    EXPECT_EQ(grade, static_cast<int>(g->as_number())) << *result;
  }
  if (const JsonValue* g = expect->Find("governing")) {
    EXPECT_EQ(governing, g->as_string()) << *result;
  }
  std::vector<std::string> mechanisms;
  for (const auto& m : out->Find("mechanisms")->items()) {
    mechanisms.push_back(m.Find("id")->as_string());
    // Every reason is also said in phrases, for readers of other languages.
    EXPECT_FALSE(m.Find("reason_phrases")->items().empty()) << m.Find("id")->as_string();
    CollectPhrases(*m.Find("reason_phrases"), phrases);
  }
  EXPECT_EQ(out->Find("warnings")->items().size(), out->Find("warning_phrases")->items().size());
  CollectPhrases(*out->Find("warning_phrases"), phrases);
  for (const auto& want : Strings(expect->Find("mechanisms_include"))) {
    EXPECT_NE(std::find(mechanisms.begin(), mechanisms.end(), want), mechanisms.end())
        << "missing mechanism " << want << " in " << *result;
  }
  for (const auto& unwanted : Strings(expect->Find("mechanisms_exclude"))) {
    EXPECT_EQ(std::find(mechanisms.begin(), mechanisms.end(), unwanted), mechanisms.end())
        << "unexpected mechanism " << unwanted;
  }
  const auto warnings = Strings(out->Find("warnings"));
  for (const auto& want : Strings(expect->Find("warnings_contain"))) {
    bool found = false;
    for (const auto& w : warnings) found = found || w.find(want) != std::string::npos;
    EXPECT_TRUE(found) << "no warning containing '" << want << "' in " << *result;
  }
  // "conditions": {"crevices": [grade if benign, grade if adverse]}: exactly these open
  // conditions, each with its two grades. Without the key, no condition may be open.
  std::map<std::string, std::pair<int, int>> conditions;
  for (const auto& c : out->Find("conditions")->items()) {
    const auto& answers = c.Find("answers")->items();
    ASSERT_EQ(answers.size(), 2u);
    conditions[c.Find("id")->as_string()] = {
        static_cast<int>(answers[0].Find("grade")->as_number()),
        static_cast<int>(answers[1].Find("grade")->as_number())};
  }
  std::map<std::string, std::pair<int, int>> want_conditions;
  if (const JsonValue* want = expect->Find("conditions")) {
    for (const auto& [id, grades] : want->members()) {
      want_conditions[id] = {static_cast<int>(grades.items().at(0).as_number()),
                             static_cast<int>(grades.items().at(1).as_number())};
    }
  }
  EXPECT_EQ(conditions, want_conditions) << *result;
  if (const JsonValue* best = expect->Find("best_alternative_grade_at_most")) {
    const auto& alts = out->Find("alternatives")->items();
    ASSERT_FALSE(alts.empty());
    EXPECT_LE(alts[0].Find("grade")->as_number(), best->as_number());
  }
  for (const auto& want : Strings(expect->Find("alternatives_include"))) {
    bool found = false;
    for (const auto& a : out->Find("alternatives")->items()) {
      found = found || a.Find("material")->as_string() == want;
    }
    EXPECT_TRUE(found) << "alternative " << want << " missing";
  }
}

TEST(GoldenScenariosTest, AllScenariosMatch) {
  const auto scenarios = LoadScenarios();
  std::set<std::string> ids;
  std::set<std::string> governing_seen;
  PhraseUse phrases, field_codes;
  for (const auto& s : scenarios) {
    CheckScenario(s, &ids, &governing_seen, &phrases, &field_codes);
  }
  // Each phrase the scenarios produce has a text in every language of the web app, using each
  // parameter it is given.
  EXPECT_GE(phrases.size(), 30u);
  // So is each field error's code, in the labels catalogue.
  EXPECT_GE(field_codes.size(), 4u);
  for (const char* lang : {"en", "zh", "es", "fr", "pt", "ar"}) {
    ExpectTexts(lang, "kb.json", "phrase", phrases);
    ExpectTexts(lang, "labels.json", "field", field_codes);
  }
  EXPECT_GE(scenarios.size(), 150u) << "the golden set must hold at least 150 scenarios";
  for (const char* m :
       {"general_corrosion", "crevice_corrosion", "fluoride_attack", "hydrogen_embrittlement",
        "ignition", "scc_methanol", "alkaline_hydrogen_pickup", "anodic_breakdown",
        "oxidizer_subthreshold", "data_gap", "temperature_limit", "erosion"}) {
    EXPECT_EQ(governing_seen.count(m), 1u) << "no scenario governed by " << m;
  }
}

}  // namespace
}  // namespace rutile::engine::wire
