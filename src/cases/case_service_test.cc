#include "rutile/cases/case_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "case_index.h"
#include "case_repository.h"
#include "leak_check.h"
#include "rutile/cases/case_json.h"
#include "rutile/cases/text_index.h"
#include "rutile/cases/vocabulary.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/testing/test_world.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;
using access::OrgRole;
using access::PlatformRole;
using access::Principal;

json::object LoadJson(const char* path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str()).as_object();
}

std::vector<std::string> Strings(const json::value& v) {
  std::vector<std::string> out;
  for (const auto& s : v.as_array()) out.emplace_back(s.as_string());
  return out;
}

CaseInput BasicInput() {
  CaseInput in;
  in.equipment_type = "immersion_heater";
  in.material = "ti_cp";
  in.grade = "Gr.2";
  in.medium = "Watts nickel bath";
  in.components = {{"nickel_chloride", 45}};
  in.temperature_c = 61;
  in.ph = 4.2;
  in.chloride_mg_per_l = 13234;
  in.fluoride_mg_per_l = 0;
  in.service_months = 14;
  in.failure_mode = FailureMode::kPitting;
  in.morphology = "deep pits facing the anodes";
  in.root_cause = "stray current";
  in.corrective_actions = "PTFE screen";
  in.occurred_on = "2024-05-17";
  in.narrative = "Heater perforated.";
  in.language = "en";
  return in;
}

// Runs on SQLite always and on PostgreSQL when RUTILE_TEST_POSTGRES_URL names a server.
class CaseServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    world_ =
        std::make_unique<rutile::testing::TestWorld>(GetParam(), FromUnixSeconds(1'750'000'000));
    if (!world_->available()) GTEST_SKIP() << "no PostgreSQL server configured";
    ASSERT_TRUE(world_->Open(
        rutile::testing::Migrations(notifications::NotificationMigrations(), CaseMigrations())));
    service_ = std::make_unique<CaseService>(
        world_->db(), world_->clock(),
        identity::GovernanceSink{[] { return Ok(); },
                                 [this](const identity::GovernanceEvent& e) -> Status {
                                   events_.push_back(e);
                                   return Ok();
                                 }});
    plant_ = Org("苏州华瑞电镀有限公司", "cn-east", "electroplating", 80);
    other_ = Org("Acme Titanium Heaters Ltd.", "eu-south", "heater_manufacturing", 40);
    member_ = User("wang@example.test", "王建国", plant_, OrgRole::kAdmin, {});
    outsider_ = User("carlos@example.test", "Carlos Mendes", other_, OrgRole::kMember, {});
    reviewer_ = User("expert@example.test", "Review Expert", other_, OrgRole::kMember,
                     {PlatformRole::kExpert});
  }
  void TearDown() override {
    service_.reset();
    world_.reset();
  }

  // Organizations count toward k-anonymity populations once their real-name filing is approved;
  // `filed = false` leaves one unfiled.
  std::int64_t Org(const std::string& name, const std::string& region, const std::string& industry,
                   std::int64_t headcount, double revenue = 1e7, bool filed = true) {
    const std::int64_t id = world_->Org(name, region, industry, headcount, revenue);
    if (filed) {
      EXPECT_TRUE(store::Write(world_->db(), [&](store::Connection& c) -> Result<std::int64_t> {
                    return c.Execute(
                        "UPDATE organizations SET real_name_status = 'approved' WHERE id = ?",
                        {id});
                  }).has_value());
    }
    return id;
  }

  Principal User(const std::string& email, const std::string& name, std::int64_t org, OrgRole role,
                 std::vector<PlatformRole> roles) {
    return world_->User(email, name, org, role, std::move(roles));
  }

  // Adds n organizations like the plant so its region/industry/scale class is k-anonymous.
  void AddPeers(int n, std::int64_t headcount = 80, double revenue = 1e7, bool filed = true) {
    for (int i = 0; i < n; ++i)
      Org("peer plating " + std::to_string(next_peer_++), "cn-east", "electroplating", headcount,
          revenue, filed);
  }

  std::int64_t Count(const std::string& table) {
    auto n = store::Read(world_->db(), [&](store::Connection& c) -> Result<std::int64_t> {
      RUTILE_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM " + table));
      return rows.at(0).Int(0);
    });
    return n.value();
  }

  std::unique_ptr<rutile::testing::TestWorld> world_;
  std::unique_ptr<CaseService> service_;
  std::vector<identity::GovernanceEvent> events_;
  std::int64_t plant_ = 0, other_ = 0;
  Principal member_, outsider_, reviewer_;
  int next_peer_ = 0;
};

TEST_P(CaseServiceTest, SubmittedCaseIsPrivateToItsOrganization) {
  auto c = service_->Submit(member_, 0, BasicInput());
  ASSERT_TRUE(c.has_value()) << c.error().ToString();
  EXPECT_EQ(c->org_id, plant_);
  EXPECT_EQ(c->input.region, "cn-east");  // taken from the organization
  EXPECT_EQ(c->input.industry, "electroplating");
  EXPECT_EQ(c->input.mechanism_ids, (std::vector<std::string>{"anodic_breakdown"}));
  EXPECT_EQ(c->status, CaseStatus::kPrivate);

  auto mine = service_->Get(member_, c->id);
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->input.narrative, "Heater perforated.");
  auto theirs = service_->Get(outsider_, c->id);
  ASSERT_FALSE(theirs.has_value());
  EXPECT_EQ(theirs.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->Get(Principal{}, c->id).error().code(), ErrorCode::kUnauthenticated);
  // Someone outside the organization cannot submit in its name.
  EXPECT_EQ(service_->Submit(outsider_, plant_, BasicInput()).error().code(),
            ErrorCode::kPermissionDenied);
}

// A hard chrome question must not be answered with HCl pickling first, even when the pickling
// case is at exactly the asked temperature and the chrome case 15 °C off: chemistry and bath
// family outweigh temperature (knowledge/cases/similarity_weights.json).
TEST_P(CaseServiceTest, HardChromeQueryFindsChromeBeforeHclPickling) {
  CaseInput pickling = BasicInput();
  pickling.medium = "hydrochloric acid pickling";
  pickling.components = {{"hcl", 150}};
  pickling.temperature_c = 60;
  pickling.failure_mode = FailureMode::kGeneralThinning;
  pickling.ph.reset();
  pickling.chloride_mg_per_l.reset();
  pickling.fluoride_mg_per_l.reset();
  CaseInput chrome = pickling;
  chrome.medium = "hard chromium bath with fluoride catalyst";
  chrome.components = {{"chromic_acid", 250}, {"sulfuric_acid", 1.5}, {"sodium_fluorosilicate", 4}};
  chrome.temperature_c = 45;
  auto p1 = service_->PublishSynthetic(pickling);
  auto p2 = service_->PublishSynthetic(chrome);
  ASSERT_TRUE(p1.has_value() && p2.has_value());

  SimilarityProbe probe;
  probe.failure_mode = FailureMode::kGeneralThinning;
  probe.material = "Ti-Gr2";
  probe.bath_preset = "hard-chrome-sulfate";
  probe.medium = "hard chrome plating";
  probe.components = {{"CrO3", 250}, {"H2SO4", 2.5}};
  probe.temperature_c = 60;
  auto similar = service_->Similar(outsider_, probe, 5);
  ASSERT_TRUE(similar.has_value()) << similar.error().ToString();
  ASSERT_EQ(similar->size(), 2u);
  EXPECT_EQ((*similar)[0].item.id, p2->id);
  EXPECT_EQ((*similar)[1].item.id, p1->id);
  EXPECT_GT((*similar)[0].similarity.score, (*similar)[1].similarity.score + 0.1);
  std::set<std::string> aspects;
  for (const auto& m : (*similar)[0].similarity.matched) aspects.insert(m.aspect);
  EXPECT_TRUE(aspects.count("bath_family"));
  EXPECT_TRUE(aspects.count("chemistry"));
  // The same question with the bath only in words, in Chinese.
  SimilarityProbe zh;
  zh.medium = "镀硬铬";
  zh.temperature_c = 60;
  auto again = service_->Similar(outsider_, zh, 5);
  ASSERT_TRUE(again.has_value());
  ASSERT_FALSE(again->empty());
  EXPECT_EQ(again->front().item.id, p2->id);
}

TEST_P(CaseServiceTest, BadInputGetsOneFieldErrorPerFieldAndWritesNothing) {
  CaseInput in = BasicInput();
  in.temperature_c = 900;
  in.cost_band = "expensive";
  in.mechanism_ids = {"crevice_corrosion", "rust"};
  in.occurred_on = "17/05/2024";
  in.region = "atlantis";
  auto c = service_->Submit(member_, 0, in);
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().code(), ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& f : c.error().fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"temperature_c", "mechanism_ids[1]", "cost_band",
                                              "occurred_on"}));
  in = BasicInput();
  in.region = "atlantis";
  c = service_->Submit(member_, 0, in);
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().fields().at(0).field, "region");
  // Structured fields that reach the public record take values of their vocabulary only.
  in = BasicInput();
  in.equipment_type = "wang_jianguo_heater";
  in.language = "en-Okafor";
  in.scale = "okafor";
  c = service_->Submit(member_, 0, in);
  ASSERT_FALSE(c.has_value());
  fields.clear();
  for (const auto& f : c.error().fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"equipment_type", "scale", "language"}));
  for (const char* ok : {"en", "pt-BR", "zh-Hans", "ar", "fr-CA"})
    EXPECT_TRUE(IsPlatformLanguage(ok));
  // Every type the submission form offers is in the vocabulary (web/src/pages/cases_submit.tsx).
  for (const char* type : {"immersion_heater", "coil_heater", "plate_heat_exchanger",
                           "shell_tube_exchanger", "anode_basket"})
    EXPECT_NE(std::find(KnownEquipmentTypes().begin(), KnownEquipmentTypes().end(), type),
              KnownEquipmentTypes().end())
        << type;
  for (const char* bad : {"", "de", "en-", "en-Okafor", "zh-Hanx", "english"})
    EXPECT_FALSE(IsPlatformLanguage(bad)) << bad;
  in = BasicInput();
  in.narrative = "cut \xE9\x92";  // a character cut in half
  c = service_->Submit(member_, 0, in);
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().fields().at(0).field, "narrative");
  EXPECT_EQ(Count("failure_cases"), 0);

  auto parsed = CaseInputFromJson(json::parse(R"({"temperature_c": "hot",
      "failure_mode": "melting", "components": [{"species": 3}]})")
                                      .as_object());
  ASSERT_FALSE(parsed.has_value());
  std::vector<std::string> parsed_fields;
  for (const auto& f : parsed.error().fields()) parsed_fields.push_back(f.field);
  EXPECT_EQ(parsed_fields,
            (std::vector<std::string>{"components[0].species", "temperature_c", "failure_mode"}));
}

TEST_P(CaseServiceTest, ReviewerReturnsAndRejectsWithPrivateComment) {
  AddPeers(5);
  auto c = service_->Submit(member_, 0, BasicInput());
  ASSERT_TRUE(c.has_value());
  // Nothing pending yet.
  EXPECT_EQ(service_->ReturnPublication(reviewer_, c->id, "fix").error().code(),
            ErrorCode::kConflict);
  ASSERT_TRUE(service_->RequestPublication(member_, c->id).has_value());
  // Non-reviewers and reviewers of the owning organization get the answer of a missing case.
  EXPECT_EQ(service_->ReturnPublication(member_, c->id, "x").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->RejectPublication(outsider_, c->id, "x").error().code(),
            ErrorCode::kNotFound);
  const Principal insider = User("insider@example.test", "Insider Expert", plant_, OrgRole::kMember,
                                 {PlatformRole::kExpert});
  EXPECT_EQ(service_->RejectPublication(insider, c->id, "x").error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->RejectPublication(reviewer_, 999999, "x").error().code(),
            ErrorCode::kNotFound);
  // The comment is required, bounded and valid UTF-8.
  for (const std::string bad : {std::string(""), std::string("  \n "), std::string(2001, 'a'),
                                std::string("ok\xC0\xAF"), std::string("\xED\xA0\x80")}) {
    auto r = service_->ReturnPublication(reviewer_, c->id, bad);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    ASSERT_EQ(r.error().fields().size(), 1u);
    EXPECT_EQ(r.error().fields()[0].field, "comment");
  }
  std::string two_thousand;
  for (int i = 0; i < 2000; ++i) two_thousand += "腐";
  EXPECT_TRUE(service_->ReturnPublication(reviewer_, c->id, two_thousand).has_value());
  ASSERT_TRUE(service_->RequestPublication(member_, c->id).has_value());

  auto returned = service_->ReturnPublication(reviewer_, c->id, "  Remove the plant name.  ");
  ASSERT_TRUE(returned.has_value()) << returned.error().ToString();
  EXPECT_EQ(returned->comment, "Remove the plant name.");
  EXPECT_EQ(service_->Get(member_, c->id)->status, CaseStatus::kPrivate);
  EXPECT_TRUE(service_->ListPendingPublications(reviewer_)->empty());
  EXPECT_EQ(service_->RejectPublication(reviewer_, c->id, "again").error().code(),
            ErrorCode::kConflict);

  ASSERT_TRUE(service_->RequestPublication(member_, c->id).has_value());
  ASSERT_TRUE(service_->RejectPublication(reviewer_, c->id, "Not useful to others.").has_value());
  EXPECT_EQ(service_->Get(member_, c->id)->status, CaseStatus::kPrivate);

  ASSERT_TRUE(service_->RequestPublication(member_, c->id).has_value());
  auto published = service_->ApprovePublication(reviewer_, c->id);
  ASSERT_TRUE(published.has_value()) << published.error().ToString();
  EXPECT_EQ(json::serialize(PublicCaseToJson(*published)).find("plant name"), std::string::npos);

  auto reviews = service_->ListReviews(member_, c->id);
  ASSERT_TRUE(reviews.has_value()) << reviews.error().ToString();
  ASSERT_EQ(reviews->size(), 4u);
  EXPECT_EQ((*reviews)[1].decision, "returned");
  EXPECT_EQ((*reviews)[1].comment, "Remove the plant name.");
  EXPECT_EQ((*reviews)[2].decision, "rejected");
  EXPECT_EQ((*reviews)[3].decision, "approved");
  EXPECT_EQ(service_->ListReviews(outsider_, c->id).error().code(), ErrorCode::kNotFound);
  // The plant's administrator: two returns, one rejection, one publication; coded notices.
  EXPECT_EQ(Count("notifications"), 4);
  auto kinds = store::Read(world_->db(), [&](store::Connection& conn) -> Result<std::string> {
    RUTILE_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT body FROM notifications WHERE kind = "
                                                  "'case.publication_rejected'"));
    if (rows.size() != 1) return Internal("expected one rejection notice");
    return rows[0].Text(0);
  });
  ASSERT_TRUE(kinds.has_value()) << kinds.error().ToString();
  EXPECT_EQ(*kinds, "{\"case_id\":" + std::to_string(c->id) + "}");
}

TEST_P(CaseServiceTest, PublicationFlowCreatesSeparateDesensitizedRecord) {
  AddPeers(5);
  auto c = service_->Submit(member_, 0, BasicInput());
  ASSERT_TRUE(c.has_value());
  // Only after a request, and only by a reviewer.
  EXPECT_EQ(service_->ApprovePublication(reviewer_, c->id).error().code(), ErrorCode::kConflict);
  EXPECT_EQ(service_->RequestPublication(outsider_, c->id).error().code(), ErrorCode::kNotFound);
  auto preview = service_->RequestPublication(member_, c->id);
  ASSERT_TRUE(preview.has_value()) << preview.error().ToString();
  EXPECT_EQ(preview->k, 5);
  EXPECT_EQ(preview->generalization_level, 0);  // six electroplaters of this class in cn-east
  EXPECT_EQ(preview->proposed.region, "cn-east");
  EXPECT_EQ(preview->proposed.period, "2024-Q2");
  EXPECT_EQ(preview->proposed.temperature_c, 60);
  EXPECT_EQ(preview->proposed.chloride_mg_per_l, 13000);
  EXPECT_EQ(preview->proposed.service_time_band, "1-3y");
  bool saw_temperature = false;
  for (const auto& f : preview->fields)
    if (f.field == "temperature_c") {
      saw_temperature = true;
      EXPECT_EQ(f.original, "61");
      EXPECT_EQ(f.published, "60");
    }
  EXPECT_TRUE(saw_temperature);
  EXPECT_EQ(service_->ApprovePublication(member_, c->id).error().code(),
            ErrorCode::kPermissionDenied);
  // An expert who belongs to the submitting organization does not approve its case.
  const Principal insider = User("insider@example.test", "Insider Expert", plant_, OrgRole::kMember,
                                 {PlatformRole::kExpert});
  EXPECT_EQ(service_->ApprovePublication(insider, c->id).error().code(),
            ErrorCode::kPermissionDenied);

  auto published = service_->ApprovePublication(reviewer_, c->id);
  ASSERT_TRUE(published.has_value()) << published.error().ToString();
  EXPECT_GT(published->id, 0);
  EXPECT_FALSE(published->synthetic);
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(events_[0].record_type, "case.publication");
  EXPECT_EQ(events_[0].record_id, std::to_string(published->id));
  EXPECT_EQ(events_[0].org_id, 0);
  EXPECT_EQ(events_[0].canonical_content.find("org_id"), std::string::npos);
  EXPECT_EQ(events_[0].canonical_content.find("华瑞"), std::string::npos);

  auto original = service_->Get(member_, c->id);
  EXPECT_EQ(original->status, CaseStatus::kPublished);
  EXPECT_EQ(original->public_case_id, published->id);
  EXPECT_EQ(service_->ApprovePublication(reviewer_, c->id).error().code(), ErrorCode::kConflict);
  EXPECT_EQ(Count("notifications"), 1);  // the plant's administrator

  auto pub = service_->GetPublic(outsider_, published->id);
  ASSERT_TRUE(pub.has_value());
  EXPECT_EQ(json::serialize(PublicCaseToJson(*pub)), json::serialize(PublicCaseToJson(*published)));
  // Public means public: a visitor reads and finds the published case, desensitized.
  auto visitor_view = service_->GetPublic(Principal{}, published->id);
  ASSERT_TRUE(visitor_view.has_value());
  EXPECT_EQ(json::serialize(PublicCaseToJson(*visitor_view)),
            json::serialize(PublicCaseToJson(*published)));
  SearchQuery everything;
  auto found = service_->Search(Principal{}, everything);
  ASSERT_TRUE(found.has_value());
  EXPECT_GE(found->total, 1);
}

TEST_P(CaseServiceTest, SmallCrowdGeneralizesRegionIndustryAndScale) {
  auto c = service_->Submit(member_, 0, BasicInput());
  ASSERT_TRUE(c.has_value());
  auto preview = service_->RequestPublication(member_, c->id);
  ASSERT_TRUE(preview.has_value());
  // Two organizations exist: nothing about the source may be narrowed to fewer than five.
  EXPECT_EQ(preview->generalization_level, 4);
  EXPECT_EQ(preview->proposed.region, "");
  EXPECT_EQ(preview->proposed.industry, "");
  EXPECT_EQ(preview->proposed.scale, "");
  AddPeers(4, 5000, 1e10);  // five electroplaters in cn-east, but only one of its size
  preview = service_->RequestPublication(member_, c->id);
  ASSERT_TRUE(preview.has_value());
  EXPECT_EQ(preview->generalization_level, 1);
  EXPECT_EQ(preview->proposed.region, "cn-east");
  EXPECT_EQ(preview->proposed.scale, "");
}

TEST_P(CaseServiceTest, UnfiledOrganizationsDoNotMakeACrowd) {
  // Forty look-alike organizations registered without real-name filing: the plant is still
  // alone in its class, so nothing about it is published.
  AddPeers(40, 80, 1e7, /*filed=*/false);
  auto c = service_->Submit(member_, 0, BasicInput());
  ASSERT_TRUE(c.has_value());
  auto preview = service_->RequestPublication(member_, c->id);
  ASSERT_TRUE(preview.has_value());
  EXPECT_EQ(preview->generalization_level, 4);
  EXPECT_EQ(preview->proposed.region, "");
  AddPeers(5);  // five filed peers
  preview = service_->RequestPublication(member_, c->id);
  ASSERT_TRUE(preview.has_value());
  EXPECT_EQ(preview->generalization_level, 0);
  EXPECT_EQ(preview->proposed.region, "cn-east");
}

TEST_P(CaseServiceTest, PreviewMarksResidualRisksForTheReviewer) {
  AddPeers(5);
  CaseInput in = BasicInput();
  in.narrative = "Inspector Jane Okafor and Okoro met; tag 1234567.";
  auto c = service_->Submit(member_, 0, in);
  ASSERT_TRUE(c.has_value());
  auto preview = service_->RequestPublication(member_, c->id);
  ASSERT_TRUE(preview.has_value());
  const FieldComparison* narrative = nullptr;
  for (const auto& f : preview->fields)
    if (f.field == "narrative") narrative = &f;
  ASSERT_NE(narrative, nullptr);
  EXPECT_EQ(narrative->published, "[PERSON-1] and Okoro met; tag 1234567.");
  ASSERT_EQ(narrative->risks.size(), 2u);
  EXPECT_EQ(narrative->risks[0].reason, "cases.residual_risk.capitalized_near_placeholder");
  EXPECT_EQ(narrative->risks[0].offset, 15u);
  EXPECT_EQ(narrative->risks[1].reason, "cases.residual_risk.digit_run");
}

TEST_P(CaseServiceTest, StalePreviewIsNotApproved) {
  AddPeers(5);
  CaseInput in = BasicInput();
  in.narrative = "Reported by Ines Moreau from maintenance.";
  auto c = service_->Submit(member_, 0, in);
  ASSERT_TRUE(c.has_value());
  ASSERT_TRUE(service_->RequestPublication(member_, c->id).has_value());
  // A new platform user's name now appears in the narrative: the consented preview is stale.
  User("ines@example.test", "Ines Moreau", other_, OrgRole::kMember, {});
  auto approved = service_->ApprovePublication(reviewer_, c->id);
  ASSERT_FALSE(approved.has_value());
  EXPECT_EQ(approved.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(Count("public_cases"), 0);
  auto preview = service_->RequestPublication(member_, c->id);
  EXPECT_EQ(preview->proposed.narrative, "Reported by [PERSON-1] from maintenance.");
  EXPECT_TRUE(service_->ApprovePublication(reviewer_, c->id).has_value());
}

// Every planted identifier of the corpus, submitted as real cases by organizations whose
// names are on the platform: none may appear in the preview, the public record, the ledger
// entry, search results or similar-case results.
TEST_P(CaseServiceTest, PlantedIdentifiersNeverReachPublicOutputs) {
  const json::object corpus = LoadJson(RUTILE_CASES_CORPUS);
  const auto& dict = corpus.at("dictionary").as_object();
  int n = 0;
  for (const auto& name : Strings(dict.at("organizations")))
    if (name != "Acme Titanium Heaters Ltd." && name != "苏州华瑞电镀有限公司")
      Org(name, "cn-east", "electroplating", 80);
  for (const auto& name : Strings(dict.at("people")))
    if (name != "王建国" && name != "Carlos Mendes")
      User("u" + std::to_string(n++) + "@example.test", name, other_, OrgRole::kMember, {});
  for (const auto& name : Strings(dict.at("parks")))
    ASSERT_TRUE(world_->identity().CreatePark(name, "cn-east", plant_).has_value());
  AddPeers(5);

  std::vector<std::string> all_planted;
  std::vector<std::int64_t> public_ids;
  for (const auto& entry : corpus.at("texts").as_array()) {
    const auto& e = entry.as_object();
    const auto planted = Strings(e.at("planted"));
    all_planted.insert(all_planted.end(), planted.begin(), planted.end());
    CaseInput in = BasicInput();
    in.narrative = std::string(e.at("text").as_string());
    std::size_t half = in.narrative.size() / 2;
    while (half > 0 && (static_cast<unsigned char>(in.narrative[half]) & 0xC0) == 0x80) --half;
    in.root_cause = in.narrative.substr(0, half);
    in.corrective_actions = "Contact " + planted.front() + " for details.";
    in.language = std::string(e.at("lang").as_string());
    auto c = service_->Submit(member_, 0, in);
    ASSERT_TRUE(c.has_value()) << c.error().ToString();
    auto preview = service_->RequestPublication(member_, c->id);
    ASSERT_TRUE(preview.has_value()) << preview.error().ToString();
    std::string preview_public;
    for (const auto& f : preview->fields) preview_public += f.published + "\n";
    preview_public += json::serialize(PublicCaseToJson(preview->proposed));
    EXPECT_EQ(testing::Leaks(preview_public, planted), std::vector<std::string>{})
        << preview_public;
    auto pub = service_->ApprovePublication(reviewer_, c->id);
    ASSERT_TRUE(pub.has_value()) << pub.error().ToString();
    EXPECT_EQ(testing::Leaks(json::serialize(PublicCaseToJson(*pub)), planted),
              std::vector<std::string>{});
    public_ids.push_back(pub->id);
  }
  std::string ledger;
  for (const auto& e : events_) ledger += e.canonical_content + e.record_id + e.region + "\n";
  EXPECT_EQ(testing::Leaks(ledger, all_planted), std::vector<std::string>{});

  std::string searched;
  for (const char* q : {"heater", "钛", "titanio", "thermoplongeur", "التيتانيوم", "Carter", "华瑞",
                        "13812345678", "Baker Street", ""}) {
    SearchQuery query;
    query.text = q;
    query.limit = 100;
    auto page = service_->Search(outsider_, query);
    ASSERT_TRUE(page.has_value()) << page.error().ToString();
    for (const auto& h : page->items) searched += json::serialize(PublicCaseToJson(h.item));
    for (const auto& f : page->facets) searched += f.value + "\n";
  }
  EXPECT_EQ(testing::Leaks(searched, all_planted), std::vector<std::string>{});
  SearchQuery identifier;
  identifier.text = "13812345678";
  EXPECT_EQ(service_->Search(outsider_, identifier)->total, 0);

  SimilarityProbe probe;
  probe.failure_mode = FailureMode::kPitting;
  probe.material = "ti_cp";
  probe.medium = "nickel bath";
  probe.temperature_c = 60;
  auto similar = service_->Similar(outsider_, probe, 50);
  ASSERT_TRUE(similar.has_value());
  EXPECT_EQ(similar->size(), public_ids.size());
  std::string similar_text;
  for (const auto& s : *similar)
    similar_text +=
        json::serialize(PublicCaseToJson(s.item)) + json::serialize(SimilarityToJson(s.similarity));
  EXPECT_EQ(testing::Leaks(similar_text, all_planted), std::vector<std::string>{});
}

class DemoCasesTest : public CaseServiceTest {
 protected:
  void SetUp() override {
    CaseServiceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto added = LoadDemoCases(*service_, world_->db());
    ASSERT_TRUE(added.has_value()) << added.error().ToString();
    added_ = *added;
  }
  int added_ = 0;
};

TEST_P(DemoCasesTest, LoadsOnceAndMarksSynthetic) {
  EXPECT_GE(added_, 60);
  EXPECT_EQ(LoadDemoCases(*service_, world_->db()).value(), 0);
  SearchQuery all;
  all.limit = 100;
  auto page = service_->Search(outsider_, all);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->total, added_);
  std::set<std::string> languages;
  for (const auto& h : page->items) {
    EXPECT_TRUE(h.item.synthetic);
    EXPECT_EQ(h.item.narrative.rfind("[SYNTHETIC]", 0), 0u);
    languages.insert(h.item.language);
  }
  EXPECT_EQ(languages, (std::set<std::string>{"ar", "en", "es", "fr", "pt", "zh"}));
  EXPECT_TRUE(events_.empty());  // synthetic cases are not ledger entries
}

// A chrome case is found whatever language the query is in: the demo set describes the hard
// chromium baths in English medium names and Chinese, French narratives.
TEST_P(DemoCasesTest, ChromeIsFoundInEveryLanguage) {
  for (const char* text : {"铬", "镀铬", "cromo", "chrome", "Cr", "الكروم"}) {
    SCOPED_TRACE(text);
    SearchQuery q;
    q.text = text;
    q.limit = 20;
    auto page = service_->Search(outsider_, q);
    ASSERT_TRUE(page.has_value()) << page.error().ToString();
    EXPECT_GE(page->total, 5);  // the five hard chromium cases
    ASSERT_FALSE(page->items.empty());
    for (const auto& h : page->items)
      EXPECT_NE(h.item.medium.find("chromium"), std::string::npos) << h.item.medium;
  }
  // Cases written in Chinese and in other languages both come back for a Chinese query.
  SearchQuery zh;
  zh.text = "硬铬";
  zh.limit = 20;
  auto page = service_->Search(outsider_, zh);
  ASSERT_TRUE(page.has_value());
  std::set<std::string> languages;
  for (const auto& h : page->items) languages.insert(h.item.language);
  EXPECT_TRUE(languages.count("zh"));
  EXPECT_TRUE(languages.count("en"));
  EXPECT_TRUE(languages.count("fr"));
  // A word that names nothing in the vocabulary still has to occur.
  SearchQuery none;
  none.text = "铬 unobtainium";
  auto empty = service_->Search(outsider_, none);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->total, 0);
}

// Golden search and similarity cases over the demo set (tests/cases/search_golden.json).
TEST_P(DemoCasesTest, GoldenSearches) {
  const json::object golden = LoadJson(RUTILE_CASES_GOLDEN);
  for (const auto& g : golden.at("searches").as_array()) {
    const auto& o = g.as_object();
    SearchQuery q;
    q.text = std::string(o.at("q").as_string());
    if (o.contains("mechanism")) q.mechanism = std::string(o.at("mechanism").as_string());
    if (o.contains("industry")) q.industry = std::string(o.at("industry").as_string());
    if (o.contains("region")) q.region = std::string(o.at("region").as_string());
    q.limit = 5;
    auto page = service_->Search(outsider_, q);
    ASSERT_TRUE(page.has_value()) << page.error().ToString();
    SCOPED_TRACE("query: " + q.text + " " + q.mechanism + " " + q.industry + " " + q.region);
    EXPECT_GE(page->total, o.at("min_total").as_int64());
    if (o.contains("max_total")) {
      EXPECT_LE(page->total, o.at("max_total").as_int64());
    }
    ASSERT_FALSE(page->items.empty());
    const std::string want(o.at("top_failure_mode").as_string());
    for (std::size_t i = 0; i < std::min<std::size_t>(3, page->items.size()); ++i)
      EXPECT_EQ(FailureModeName(page->items[i].item.failure_mode), want) << "rank " << i;
    for (std::size_t i = 1; i < page->items.size(); ++i)
      EXPECT_GE(page->items[i - 1].score, page->items[i].score);
  }
  for (const auto& g : golden.at("similar").as_array()) {
    const auto& o = g.as_object();
    auto probe = SimilarityProbeFromJson(o.at("probe").as_object());
    ASSERT_TRUE(probe.has_value());
    auto similar = service_->Similar(outsider_, *probe, 5);
    ASSERT_TRUE(similar.has_value());
    ASSERT_FALSE(similar->empty());
    SCOPED_TRACE(json::serialize(o.at("probe")));
    const auto& top = similar->front();
    EXPECT_EQ(FailureModeName(top.item.failure_mode),
              std::string(o.at("top_failure_mode").as_string()));
    EXPECT_GE(top.similarity.score, o.at("min_score").as_double());
    std::set<std::string> aspects;
    for (const auto& m : top.similarity.matched) aspects.insert(m.aspect);
    for (const auto& a : Strings(o.at("matched"))) EXPECT_TRUE(aspects.count(a)) << a;
  }
}

// The in-memory index gives exactly what scoring every public case from storage gives: the same
// cases, order and scores for similar-case probes and for text searches, and it sees cases
// published after its first use.
TEST_P(DemoCasesTest, IndexAgreesWithScoringEveryStoredCase) {
  auto all = store::Read(world_->db(),
                         [](store::Connection& c) { return repository::LoadAllPublicCases(c); });
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(static_cast<int>(all->size()), added_);

  std::vector<SimilarityProbe> probes;
  for (std::size_t i = 0; i < all->size(); i += 7) {
    const PublicCase& pc = (*all)[i];
    SimilarityProbe p;
    p.failure_mode = pc.failure_mode;
    p.material = pc.material;
    if (i % 2) p.grade = pc.grade;
    p.medium = pc.medium;
    p.components = pc.components;
    p.temperature_c = pc.temperature_c + static_cast<double>(i % 11);
    p.ph = pc.ph;
    if (i % 3) p.chloride_mg_per_l = pc.chloride_mg_per_l.value_or(0) * 2 + 1;
    p.fluoride_mg_per_l = pc.fluoride_mg_per_l;
    probes.push_back(p);
  }
  SimilarityProbe only_mechanism;
  only_mechanism.mechanism_ids = {"crevice_corrosion", "ignition"};
  probes.push_back(only_mechanism);
  SimilarityProbe unknown_grade;
  unknown_grade.grade = "Gr.99";
  unknown_grade.material = "titanium";
  probes.push_back(unknown_grade);

  // Small limits let the index skip groups of cases that cannot make the list.
  for (const auto& probe : probes)
    for (int limit : {1, 3, 12}) {
      std::vector<std::pair<double, std::int64_t>> want;
      for (const auto& pc : *all) {
        const double score = ScoreSimilarity(probe, pc).score;
        if (score > 0) want.push_back({score, pc.id});
      }
      std::sort(want.begin(), want.end(), std::greater<>());
      want.resize(std::min<std::size_t>(want.size(), static_cast<std::size_t>(limit)));
      auto got = service_->Similar(outsider_, probe, limit);
      ASSERT_TRUE(got.has_value()) << got.error().ToString();
      ASSERT_EQ(got->size(), want.size());
      for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ((*got)[i].item.id, want[i].second) << "rank " << i;
        EXPECT_EQ((*got)[i].similarity.score, want[i].first) << "rank " << i;
      }
    }

  for (const std::string text :
       {"pitting nickel", "点蚀 钛管", "fluoride attack weld", "تآكل",
        "crevice gasket seawater chlorine", "铬", "盐酸 酸洗", "cromo duro"}) {
    // Names of materials, species and baths stand for their names in every language.
    const std::vector<TermGroup> groups = CaseVocabulary().ExpandQuery(text);
    std::set<std::string> terms;
    for (const auto& g : groups)
      for (const auto& a : g.alternatives) terms.insert(a.terms.begin(), a.terms.end());
    std::map<std::string, double> df;
    std::vector<std::map<std::string, double>> weights;
    for (const auto& pc : *all) {
      weights.push_back(repository::WeightedTerms(pc));
      for (const auto& t : terms) df[t] += weights.back().count(t);
    }
    const std::size_t needed = std::max<std::size_t>(
        static_cast<std::size_t>(std::ceil(0.6 * static_cast<double>(groups.size()))),
        std::min<std::size_t>(2, groups.size()));
    std::vector<std::pair<double, std::int64_t>> want;
    for (std::size_t i = 0; i < all->size(); ++i) {
      double score = 0;
      std::size_t hits = 0;
      for (const auto& g : groups) {
        double best = -1;
        for (const auto& a : g.alternatives) {
          double s = 0;
          bool all_there = true;
          for (const auto& t : a.terms) {
            auto it = weights[i].find(t);
            if (it == weights[i].end()) {
              all_there = false;
              break;
            }
            s += it->second / (it->second + 1.2) *
                 std::log(1 + static_cast<double>(all->size()) / df[t]);
          }
          if (all_there)
            best = std::max(best, (a.original ? 1.0 : CaseIndex::kTranslatedWeight) * s);
        }
        if (best >= 0) {
          score += best;
          ++hits;
        }
      }
      if (hits >= needed) want.push_back({score, (*all)[i].id});
    }
    std::sort(want.begin(), want.end(), std::greater<>());
    SearchQuery q;
    q.text = text;
    q.limit = 100;
    auto page = service_->Search(outsider_, q);
    ASSERT_TRUE(page.has_value());
    SCOPED_TRACE(text);
    ASSERT_EQ(page->total, static_cast<std::int64_t>(want.size()));
    ASSERT_EQ(page->items.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(page->items[i].item.id, want[i].second) << "rank " << i;
      EXPECT_DOUBLE_EQ(page->items[i].score, want[i].first) << "rank " << i;
    }
  }

  ASSERT_TRUE(service_->RefreshIndex().has_value());  // nothing new: a no-op
  // A case published after the index was built is found, with the facet counts following.
  SearchQuery same_material;
  same_material.material = "ti_cp";
  auto before = service_->Search(outsider_, same_material);
  ASSERT_TRUE(before.has_value());
  CaseInput more = BasicInput();
  more.narrative = "Zqxjv marker sentence.";
  ASSERT_TRUE(service_->PublishSynthetic(more).has_value());
  auto after = service_->Search(outsider_, same_material);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->total, before->total + 1);
  SearchQuery marker;
  marker.text = "zqxjv";
  auto found = service_->Search(outsider_, marker);
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->total, 1);
  EXPECT_EQ(found->items[0].item.narrative.find("Zqxjv"), 0u);
}

INSTANTIATE_TEST_SUITE_P(Stores, CaseServiceTest, ::testing::Values("sqlite", "postgres"));
INSTANTIATE_TEST_SUITE_P(Stores, DemoCasesTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::cases
