// Runs every golden scenario in tests/engine/scenarios/*.jsonl through AssessJson and checks the
// expected grade, governing mechanism, mechanisms, warnings or error field. One JSON object per
// line: {"id", "source", "request", "expect": {...}}; see scenarios/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
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

void CheckScenario(const Scenario& s, std::set<std::string>* ids,
                   std::set<std::string>* governing_seen) {
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
  }
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
  for (const auto& s : scenarios) CheckScenario(s, &ids, &governing_seen);
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
