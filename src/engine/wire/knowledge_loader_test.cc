#include "rutile/engine/wire/knowledge_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "rutile/engine/wire/json.h"

namespace rutile::engine::wire {
namespace {

std::vector<KnowledgeFile> Replace(std::string_view name, std::string_view content,
                                   std::string* storage) {
  auto files = EmbeddedKnowledgeFiles();
  for (auto& f : files) {
    if (f.name == name) {
      *storage = std::string(content);
      f.content = *storage;
    }
  }
  return files;
}

bool HasField(const Error& e, std::string_view field) {
  for (const auto& f : e.fields()) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(KnowledgeLoaderTest, EmbeddedKnowledgeLoads) {
  auto kb = LoadKnowledge(EmbeddedKnowledgeFiles());
  ASSERT_TRUE(kb.has_value()) << kb.error().ToString();
  EXPECT_EQ(kb->version.size(), 12u);
  EXPECT_NE(kb->FindMaterial("Ti-Gr7"), nullptr);
  EXPECT_NE(kb->FindSpecies("hydrochloric acid"), nullptr);
  EXPECT_NE(kb->FindSpecies("氢氟酸"), nullptr);
  EXPECT_EQ(kb->FindSpecies("hcl"), nullptr);  // formulas are case-sensitive
  EXPECT_NE(kb->FindPreset("watts-nickel"), nullptr);
  for (const char* id : {"Ti-Gr1", "Ti-Gr2", "Ti-Gr5", "Ti-Gr7", "Ti-Gr11", "Ti-Gr12", "Ti-Gr16",
                         "Ti-Gr17", "SS304L", "SS316L", "Alloy-C276", "PTFE-sheathed", "Quartz"}) {
    EXPECT_NE(kb->FindMaterial(id), nullptr) << id;
  }
}

TEST(KnowledgeLoaderTest, PlansGroupMaterialsWithIdenticalRules) {
  auto kb = LoadKnowledge(EmbeddedKnowledgeFiles()).value();
  auto cls = [&](std::string_view id) {
    return kb.plans[kb.MaterialIndex(*kb.FindMaterial(id))].equivalent;
  };
  EXPECT_EQ(cls("Ti-Gr1"), cls("Ti-Gr2"));
  EXPECT_EQ(cls("Ti-Gr7"), cls("Ti-Gr16"));
  EXPECT_EQ(cls("Ti-Gr11"), cls("Ti-Gr17"));
  EXPECT_NE(cls("Ti-Gr2"), cls("Ti-Gr12"));
  EXPECT_NE(cls("Ti-Gr2"), cls("Ti-Gr5"));  // Gr5 has its own rate group with a fallback
  EXPECT_NE(cls("SS304L"), cls("SS316L"));
}

TEST(KnowledgeLoaderTest, VersionDependsOnBytes) {
  std::string storage;
  auto files = Replace("risk_matrix.json",
                       std::string(EmbeddedKnowledgeFiles().back().content) + " ", &storage);
  EXPECT_NE(KnowledgeVersion(files), KnowledgeVersion(EmbeddedKnowledgeFiles()));
}

TEST(KnowledgeLoaderTest, ReportsFileAndField) {
  std::string storage;
  auto files = Replace("materials.json",
                       R"({"materials": [{"id": "X", "name_en": "x", "name_zh": "x",
                           "family": "titanium", "assessable": true, "rate_group": "ti_cp",
                           "crevice_class": "ti_cp", "cost_rank": "cheap", "colour": "grey",
                           "source": "nowhere", "confidence": "sure"}]})",
                       &storage);
  auto kb = LoadKnowledge(files);
  ASSERT_FALSE(kb.has_value());
  EXPECT_TRUE(HasField(kb.error(), "materials.json:materials[0].cost_rank"));
  EXPECT_TRUE(HasField(kb.error(), "materials.json:materials[0].colour"));
  EXPECT_TRUE(HasField(kb.error(), "materials.json:materials[0].source"));
  EXPECT_TRUE(HasField(kb.error(), "materials.json:materials[0].confidence"));
}

TEST(KnowledgeLoaderTest, RejectsBadGridsAndSyntax) {
  std::string storage;
  auto files = Replace("corrosion_rates.json",
                       R"({"grids": [{"rate_group": "g", "species": "HCl", "wt_pct": [2, 1],
                           "temperature_c": [20], "rate_mm_per_y": [[0.1], [0.2, 0.3]],
                           "cell_confidence": ["V", "Q"], "source": "sandvik-hcl",
                           "confidence": "verified"}], "inert": []})",
                       &storage);
  auto kb = LoadKnowledge(files);
  ASSERT_FALSE(kb.has_value());
  EXPECT_TRUE(HasField(kb.error(), "corrosion_rates.json:grids[0].wt_pct"));
  EXPECT_TRUE(HasField(kb.error(), "corrosion_rates.json:grids[0].rate_mm_per_y[1]"));
  EXPECT_TRUE(HasField(kb.error(), "corrosion_rates.json:grids[0].cell_confidence[1]"));

  files = Replace("species.json", "{\"species\": [", &storage);
  kb = LoadKnowledge(files);
  ASSERT_FALSE(kb.has_value());
  EXPECT_EQ(kb.error().fields()[0].field, "species.json");

  files = EmbeddedKnowledgeFiles();
  files.pop_back();
  kb = LoadKnowledge(files);
  ASSERT_FALSE(kb.has_value());
  EXPECT_TRUE(HasField(kb.error(), "risk_matrix.json"));
}

TEST(KnowledgeLoaderTest, CrossReferencesChecked) {
  std::string storage;
  auto files = Replace("presets.json",
                       R"({"presets": [{"id": "p", "name_en": "p", "name_zh": "p",
                           "components": [{"species": "Unobtainium", "wt_pct": 1}],
                           "phase": "liquid", "source": "bath-practice",
                           "confidence": "uncertain"}]})",
                       &storage);
  auto kb = LoadKnowledge(files);
  ASSERT_FALSE(kb.has_value());
  EXPECT_TRUE(HasField(kb.error(), "presets.json:presets[0].components[0].species"));
}

// Hosts of file-sharing, copy and aggregator sites: a citation shown next to a verdict names the
// publication (or is marked "Secondary:"), never a copy of it on one of these hosts.
std::vector<std::string> DeniedHostsIn(std::string_view citation) {
  static constexpr std::string_view kDenied[] = {
      "scribd.", "pdfcoffee.", "yumpu.", "normdocs.", "blogspot.", "coek.info", "dntb.gov.ua"};
  std::vector<std::string> found;
  for (size_t at = citation.find("://"); at != std::string_view::npos;
       at = citation.find("://", at + 3)) {
    size_t begin = at + 3;
    size_t end = citation.find_first_of("/ ,;)", begin);
    std::string host(citation.substr(begin, end == std::string_view::npos ? end : end - begin));
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    bool denied = host.size() > 3 && host.compare(host.size() - 3, 3, ".tk") == 0;
    for (auto d : kDenied) denied = denied || host.find(d) != std::string::npos;
    if (denied) found.push_back(host);
  }
  return found;
}

TEST(KnowledgeLoaderTest, DeniedHostsAreRecognised) {
  EXPECT_EQ(DeniedHostsIn("UG-27, https://scribd.com/document/513370847/UG-27"),
            std::vector<std::string>{"scribd.com"});
  EXPECT_FALSE(DeniedHostsIn("x, https://it.scribd.com/document/1").empty());
  EXPECT_FALSE(DeniedHostsIn("x, https://www.civilengineeringhandbook.tk/a.html").empty());
  EXPECT_FALSE(DeniedHostsIn("x, https://ouci.dntb.gov.ua/en/works/7p2ePxrl").empty());
  EXPECT_TRUE(DeniedHostsIn("x, https://doi.org/10.1016/j.corsci.2021.109812").empty());
  EXPECT_TRUE(DeniedHostsIn("API 570, Piping Inspection Code").empty());
}

TEST(KnowledgeLoaderTest, SourcesCitePublicationsNotFileSharingCopies) {
  const KnowledgeFile* sources = nullptr;
  auto files = EmbeddedKnowledgeFiles();
  for (const auto& f : files) {
    if (f.name == "sources.json") sources = &f;
  }
  ASSERT_NE(sources, nullptr);
  auto root = ParseJson(sources->content);
  ASSERT_TRUE(root.has_value()) << root.error().ToString();
  const JsonValue* list = root->Find("sources");
  ASSERT_NE(list, nullptr);
  ASSERT_FALSE(list->items().empty());
  for (const auto& s : list->items()) {
    const JsonValue* id = s.Find("id");
    const JsonValue* citation = s.Find("citation");
    ASSERT_TRUE(id && id->is_string() && citation && citation->is_string());
    for (const auto& host : DeniedHostsIn(citation->as_string())) {
      ADD_FAILURE() << id->as_string() << " cites a copy on " << host << ": "
                    << citation->as_string();
    }
  }
}

}  // namespace
}  // namespace rutile::engine::wire
