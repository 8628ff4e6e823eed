#include "rutile/standards/self_inspection.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "rutile/media/crafted_images.h"
#include "self_inspection_test_fixture.h"

namespace rutile::standards {
namespace {

namespace json = boost::json;

class SelfInspectionTest : public testing::SelfCheckFixture {
 protected:
  void SetUp() override {
    SelfCheckFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    service_ = std::make_unique<SelfInspectionService>(*db_, clock_, *standards_);
  }
  void TearDown() override {
    service_.reset();
    SelfCheckFixture::TearDown();
  }
  NewSelfInspection Heater(const std::string& lang = "en") {
    NewSelfInspection in;
    in.org_id = org_;
    in.title = "Tank 3 heater, brine bath";
    in.profile.material = "Ti-Gr2";
    in.profile.preset = "saturated-brine";
    in.profile.temperature_c = 60;
    in.profile.equipment_type = "immersion_heater";
    in.profile.lang = lang;
    in.profile_json = R"({"material":"Ti-Gr2"})";
    return in;
  }
  // Answers every item with `answer`.
  std::vector<AnswerInput> All(const SelfInspection& s, Answer answer) {
    std::vector<AnswerInput> out;
    for (const auto& it : s.items) out.push_back({it.clause_id, answer, "", std::nullopt});
    return out;
  }
  std::unique_ptr<SelfInspectionService> service_;
};

TEST_P(SelfInspectionTest, ChecklistFollowsTheMatchedClauses) {
  auto created = service_->Create(member_, Heater());
  ASSERT_TRUE(created.has_value()) << created.error().ToString();
  NewSelfInspection in = Heater();
  auto match = standards_->Match(in.profile).value();
  ASSERT_EQ(created->items.size(), match.mandatory.size() + match.recommended.size());
  ASSERT_FALSE(match.mandatory.empty());
  EXPECT_EQ(created->items[0].clause_id, match.mandatory[0].id);
  EXPECT_EQ(created->items[0].kind, ClauseKind::kMandatory);
  EXPECT_EQ(created->grade, match.grade);
  EXPECT_EQ(created->state, "open");
  EXPECT_EQ(created->rates.mandatory_items, static_cast<int>(match.mandatory.size()));
  EXPECT_EQ(created->rates.unanswered, created->rates.items);
  EXPECT_EQ(created->rates.mandatory_rate, 0.0);
  for (const auto& it : created->items) {
    EXPECT_NE(it.question.find(it.number), std::string::npos);
    EXPECT_FALSE(it.remediation.empty()) << it.clause_id;
  }
  // Chinese checklist: questions and remediation in Chinese.
  auto zh = service_->Create(admin_, Heater("zh")).value();
  EXPECT_EQ(zh.items[0].question.rfind("是否符合", 0), 0u) << zh.items[0].question;
  EXPECT_EQ(zh.items[0].remediation.find("Bring"), std::string::npos);
  // Arabic checklist: the question pattern, the clause text and the remediation in Arabic.
  auto ar = service_->Create(admin_, Heater("ar")).value();
  EXPECT_EQ(ar.items[0].question.rfind("هل يتحقق البند " + ar.items[0].number, 0), 0u)
      << ar.items[0].question;
  EXPECT_NE(ar.items[0].remediation, created->items[0].remediation);
  EXPECT_EQ(ar.items[0].question.find(" met? "), std::string::npos);
}

TEST_P(SelfInspectionTest, RatesGapsAndCompletion) {
  auto s = service_->Create(member_, Heater()).value();
  ASSERT_GE(s.rates.mandatory_items, 2);
  // One mandatory no, one mandatory not applicable, the rest yes; recommended left open.
  std::vector<AnswerInput> answers;
  int m = 0;
  std::string no_clause;
  for (const auto& it : s.items) {
    if (it.kind != ClauseKind::kMandatory) continue;
    Answer a = m == 0 ? Answer::kNo : m == 1 ? Answer::kNotApplicable : Answer::kYes;
    if (m == 0) no_clause = it.clause_id;
    answers.push_back({it.clause_id, a, "checked on site", std::nullopt});
    ++m;
  }
  auto answered = service_->SetAnswers(member_, s.id, answers);
  ASSERT_TRUE(answered.has_value()) << answered.error().ToString();
  const auto& r = answered->rates;
  EXPECT_EQ(r.mandatory_no, 1);
  EXPECT_EQ(r.mandatory_not_applicable, 1);
  EXPECT_EQ(r.mandatory_yes, r.mandatory_items - 2);
  ASSERT_TRUE(r.mandatory_rate.has_value());
  EXPECT_DOUBLE_EQ(*r.mandatory_rate,
                   static_cast<double>(r.mandatory_items - 2) / (r.mandatory_items - 1));
  EXPECT_DOUBLE_EQ(*r.overall_rate, static_cast<double>(r.yes) / (r.items - 1));
  ASSERT_EQ(answered->gaps.size(), 1u);
  EXPECT_EQ(answered->gaps[0].clause_id, no_clause);
  EXPECT_FALSE(answered->gaps[0].remediation.empty());

  auto done = service_->Complete(admin_, s.id);
  ASSERT_TRUE(done.has_value()) << done.error().ToString();
  EXPECT_EQ(done->state, "completed");
  EXPECT_EQ(done->completed_at, 1'800'000'000);
  // Frozen.
  EXPECT_EQ(service_->SetAnswers(member_, s.id, All(s, Answer::kYes)).error().code(),
            ErrorCode::kConflict);
  EXPECT_EQ(service_->Complete(admin_, s.id).error().code(), ErrorCode::kConflict);
}

TEST_P(SelfInspectionTest, CompletionNeedsEveryMandatoryAnswer) {
  auto s = service_->Create(member_, Heater()).value();
  std::string first_mandatory;
  for (const auto& it : s.items)
    if (it.kind == ClauseKind::kMandatory) {
      first_mandatory = it.number;
      break;
    }
  auto refused = service_->Complete(member_, s.id);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kConflict);
  EXPECT_NE(refused.error().message().find(first_mandatory), std::string::npos);
  EXPECT_EQ(refused.error().fields().size(), static_cast<std::size_t>(s.rates.mandatory_items));
  // Mandatory answered, recommended open: completes.
  std::vector<AnswerInput> answers;
  for (const auto& it : s.items)
    if (it.kind == ClauseKind::kMandatory)
      answers.push_back({it.clause_id, Answer::kYes, "", std::nullopt});
  ASSERT_TRUE(service_->SetAnswers(member_, s.id, answers).has_value());
  auto done = service_->Complete(member_, s.id);
  ASSERT_TRUE(done.has_value());
  EXPECT_DOUBLE_EQ(*done->rates.mandatory_rate, 1.0);
}

TEST_P(SelfInspectionTest, BadAnswersChangeNothing) {
  auto s = service_->Create(member_, Heater()).value();
  std::vector<AnswerInput> answers = {
      {s.items[0].clause_id, Answer::kYes, "", std::nullopt},
      {"no-such-clause", Answer::kYes, "", std::nullopt},
      {s.items[0].clause_id, Answer::kNo, "", std::nullopt},
      {s.items[1].clause_id, Answer::kYes, "", Evidence{"x.exe", "application/x-msdownload", "MZ"}},
  };
  auto r = service_->SetAnswers(member_, s.id, answers);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& f : r.error().fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"answers[1].clause_id", "answers[2].clause_id",
                                              "answers[3].evidence.type"}));
  EXPECT_FALSE(service_->Get(member_, s.id).value().items[0].answer.has_value());
  // An oversized file is refused as well.
  Evidence big{"photo.png", "image/png", std::string(kMaxEvidenceBytes + 1, 'x')};
  EXPECT_EQ(service_->SetAnswers(member_, s.id, {{s.items[0].clause_id, Answer::kYes, "", big}})
                .error()
                .fields()
                .at(0)
                .field,
            "answers[0].evidence.content");
  // Bad profile: field errors carry the profile prefix.
  NewSelfInspection bad = Heater();
  bad.profile.preset = "no-such-bath";
  bad.title = "";
  auto refused = service_->Create(member_, bad);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields().at(0).field, "title");
  bad.title = "ok";
  EXPECT_EQ(service_->Create(member_, bad).error().fields().at(0).field, "profile.preset");
}

TEST_P(SelfInspectionTest, ImageEvidenceLosesItsMetadataBeforeItIsStored) {
  auto s = service_->Create(member_, Heater()).value();
  const std::string jpeg = media::testing::JpegWithGpsAndXmp();
  const std::string webp = media::testing::WebpWithGpsAndXmp();
  auto r = service_->SetAnswers(
      member_, s.id,
      {{s.items[0].clause_id, Answer::kYes, "", Evidence{"tank.jpg", "image/jpeg", jpeg}},
       {s.items[1].clause_id, Answer::kYes, "", Evidence{"tank.webp", "image/webp", webp}}});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  for (int i : {0, 1}) {
    auto e = service_->GetEvidence(admin_, s.id, s.items[i].clause_id);
    ASSERT_TRUE(e.has_value()) << e.error().ToString();
    EXPECT_FALSE(media::testing::CarriesMetadata(e->bytes)) << e->name;
    EXPECT_EQ(r->items[i].evidence_size, static_cast<std::int64_t>(e->bytes.size()));
  }
  // An image that is not what it claims to be is refused.
  auto wrong = service_->SetAnswers(
      member_, s.id,
      {{s.items[0].clause_id, Answer::kYes, "", Evidence{"tank.png", "image/png", jpeg}}});
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().fields().at(0).field, "answers[0].evidence.content");
}

TEST_P(SelfInspectionTest, EvidenceIsStoredAndReadBack) {
  auto s = service_->Create(member_, Heater()).value();
  const std::string pdf("%PDF-1.4\n\0binary", 16);
  auto r = service_->SetAnswers(member_, s.id,
                                {{s.items[0].clause_id, Answer::kYes, "isolation test report",
                                  Evidence{"test.pdf", "application/pdf", pdf}}});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(r->items[0].evidence_name, "test.pdf");
  EXPECT_EQ(r->items[0].evidence_size, 16);
  auto e = service_->GetEvidence(admin_, s.id, s.items[0].clause_id);
  ASSERT_TRUE(e.has_value()) << e.error().ToString();
  EXPECT_EQ(e->bytes, pdf);
  EXPECT_EQ(e->content_type, "application/pdf");
  EXPECT_EQ(service_->GetEvidence(admin_, s.id, s.items[1].clause_id).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->GetEvidence(outsider_, s.id, s.items[0].clause_id).error().code(),
            ErrorCode::kNotFound);
}

TEST_P(SelfInspectionTest, PrivateToTheOrganization) {
  auto s = service_->Create(member_, Heater()).value();
  // Another organization's self-inspection answers exactly as a missing one.
  EXPECT_EQ(service_->Get(outsider_, s.id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->Get(outsider_, s.id).error().message(),
            "self-inspection " + std::to_string(s.id));
  EXPECT_EQ(service_->Get(member_, s.id + 1000).error().message(),
            "self-inspection " + std::to_string(s.id + 1000));
  EXPECT_EQ(service_->Get(access::Principal{}, s.id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->SetAnswers(outsider_, s.id, All(s, Answer::kYes)).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->Complete(outsider_, s.id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->History(outsider_, org_).error().code(), ErrorCode::kPermissionDenied);
  NewSelfInspection other = Heater();
  other.org_id = other_org_;
  EXPECT_EQ(service_->Create(member_, other).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Get(member_, 999).error().code(), ErrorCode::kNotFound);
}

TEST_P(SelfInspectionTest, HistoryNewestFirstWithRates) {
  auto first = service_->Create(member_, Heater()).value();
  ASSERT_TRUE(service_->SetAnswers(member_, first.id, All(first, Answer::kNo)).has_value());
  clock_.Advance(std::chrono::hours(24 * 30));
  auto second = service_->Create(member_, Heater()).value();
  ASSERT_TRUE(service_->SetAnswers(member_, second.id, All(second, Answer::kYes)).has_value());
  auto h = service_->History(admin_, org_);
  ASSERT_TRUE(h.has_value()) << h.error().ToString();
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[0].id, second.id);
  EXPECT_EQ((*h)[1].id, first.id);
  EXPECT_DOUBLE_EQ(*(*h)[0].rates.overall_rate, 1.0);
  EXPECT_DOUBLE_EQ(*(*h)[1].rates.overall_rate, 0.0);
  EXPECT_TRUE((*h)[0].items.empty());
}

TEST(RemediationTest, EveryChapterOfTheStarterLibraryHasTextInEveryLanguage) {
  for (const char* number :
       {"RT-1.1", "RT-2.1", "RT-3.1", "RT-4.1", "RT-5.1", "RT-6.1", "RT-7.1"}) {
    const std::string en = RemediationFor("x", number, "en");
    EXPECT_FALSE(en.empty()) << number;
    for (const char* lang : {"zh", "ar", "es", "fr", "pt"})
      EXPECT_NE(en, RemediationFor("x", number, lang)) << number << " " << lang;
    EXPECT_NE(en, RemediationFor("x", "ZZ-1", "en")) << number;
  }
  EXPECT_NE(RemediationFor("rtb-1.2", "RT-1.2", "en"), RemediationFor("rtb-1.1", "RT-1.1", "en"));
  // A language the platform does not speak gets the English text.
  EXPECT_EQ(RemediationFor("x", "RT-1.1", "de"), RemediationFor("x", "RT-1.1", "en"));
}

TEST(ComputeRatesTest, NotApplicableLeavesTheDenominator) {
  std::vector<ChecklistItem> items(3);
  for (auto& it : items) it.kind = ClauseKind::kMandatory;
  items[0].answer = Answer::kNotApplicable;
  items[1].answer = Answer::kNotApplicable;
  items[2].answer = Answer::kNotApplicable;
  auto r = ComputeRates(items);
  EXPECT_FALSE(r.mandatory_rate.has_value());
  items[2].answer = Answer::kYes;
  EXPECT_DOUBLE_EQ(*ComputeRates(items).mandatory_rate, 1.0);
  EXPECT_FALSE(ComputeRates({}).overall_rate.has_value());
}

INSTANTIATE_TEST_SUITE_P(Databases, SelfInspectionTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::standards
