#include "rutile/standards/annex.h"

#include <gtest/gtest.h>

#include "rutile/standards/self_inspection.h"
#include "self_inspection_test_fixture.h"

namespace rutile::standards {
namespace {

class AnnexTest : public testing::SelfCheckFixture {
 protected:
  void SetUp() override {
    SelfCheckFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::tie(authority_org_, authority_) =
        AddAuthority("East Authority", "cn-east", "authority@example.com");
    std::tie(west_org_, west_) = AddAuthority("West Authority", "cn-west", "west@example.com");
    AnnexRules rules;
    rules.promote_threshold = 2;
    service_ = std::make_unique<AnnexService>(*db_, clock_, *standards_,
                                              identity::RegionCatalog::Default(),
                                              engine::wire::DefaultKnowledge(), rules);
  }
  void TearDown() override {
    service_.reset();
    SelfCheckFixture::TearDown();
  }
  NewAnnex EastAnnex() { return {authority_org_, "cn-east", "RTB", "East China supplement"}; }
  // Overrides RT-3.4 (wall clearance) with a wider one.
  NewAnnexClause Override() {
    NewAnnexClause in;
    in.action = "override";
    in.base_clause_id = "rtb-3.4";
    in.clause = standards_->GetClause("rtb-3.4").value();
    in.clause.id = "cn-east-3.4";
    in.clause.number = "CE-3.4";
    in.clause.text["en"] = "Keep at least 80 mm between heater and tank wall.";
    in.justification = "Stray currents in the region's older rectifier lines.";
    return in;
  }
  // A local clause for immersion heaters in HF-nitric pickling.
  NewAnnexClause Local() {
    NewAnnexClause in;
    in.action = "add";
    in.clause = standards_->GetClause("rtb-3.4").value();
    in.clause.id = "cn-east-9.1";
    in.clause.number = "CE-9.1";
    in.clause.kind = ClauseKind::kMandatory;
    in.clause.title = {{"en", "Fume extraction at pickling heaters"}, {"zh", "酸洗加热器排风"}};
    in.clause.conditions = {};
    in.clause.conditions.media = {"hf-hno3-pickling"};
    in.justification = "Provincial air rule for HF fumes.";
    return in;
  }
  std::int64_t authority_org_ = 0, west_org_ = 0;
  access::Principal authority_, west_;
  std::unique_ptr<AnnexService> service_;
};

TEST_P(AnnexTest, AuthorityOpensAnnexForItsRegion) {
  auto a = service_->Create(authority_, EastAnnex());
  ASSERT_TRUE(a.has_value()) << a.error().ToString();
  EXPECT_EQ(a->region_category, "I");
  EXPECT_EQ(a->org_name, "East Authority");
  EXPECT_EQ(service_->List({}, "cn-east").value().size(), 1u);
  EXPECT_EQ(service_->Get({}, a->id).value().org_name, "East Authority");
  EXPECT_TRUE(service_->List({}, "cn-west").value().empty());
  // Wrong role, wrong region, bad input.
  EXPECT_EQ(service_->Create(admin_, {org_, "cn-east", "RTB", "x"}).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Create(west_, {west_org_, "cn-east", "RTB", "x"}).error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Create(access::Principal{}, EastAnnex()).error().code(),
            ErrorCode::kUnauthenticated);
  auto bad = service_->Create(authority_, {authority_org_, "mars", "RTB", ""});
  ASSERT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().fields().size(), 2u);
  EXPECT_EQ(service_->Create(authority_, {authority_org_, "cn-east", "NOPE", "x"})
                .error()
                .fields()
                .at(0)
                .field,
            "document_code");
  // A platform operator may open one for any region, in an organization it belongs to.
  EXPECT_TRUE(service_->Create(operator_, {other_org_, "cn-west", "RTB", "West"}).has_value());
}

TEST_P(AnnexTest, ClausesVerdictsApplicationsAndPromotion) {
  auto annex = service_->Create(authority_, EastAnnex()).value();
  auto bad = service_->AddClause(authority_, annex.id, {"add", "rtb-1.1", Clause{}, ""});
  ASSERT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_GE(bad.error().fields().size(), 5u);
  NewAnnexClause dup = Local();
  dup.clause.id = "rtb-1.1";
  EXPECT_EQ(service_->AddClause(authority_, annex.id, dup).error().fields().at(0).field,
            "clause.id");
  EXPECT_EQ(service_->AddClause(admin_, annex.id, Local()).error().code(),
            ErrorCode::kPermissionDenied);

  auto local = service_->AddClause(authority_, annex.id, Local());
  ASSERT_TRUE(local.has_value()) << local.error().ToString();
  EXPECT_EQ(local->status, "pending");
  EXPECT_FALSE(local->promotable);

  // Verdicts come from experts only.
  EXPECT_EQ(service_->Review(member_, local->id, "equivalent", "").error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Review(experts_[0], local->id, "maybe", "").error().code(),
            ErrorCode::kInvalidArgument);
  auto reviewed = service_->Review(experts_[0], local->id, "equivalent", "covers the HF rule");
  ASSERT_TRUE(reviewed.has_value());
  EXPECT_EQ(reviewed->status, "verified");

  // Enterprises of the region report applying it; outsiders of the region cannot.
  auto applied = service_->ReportApplication(member_, local->id, org_, "fitted hoods");
  ASSERT_TRUE(applied.has_value()) << applied.error().ToString();
  EXPECT_EQ(service_->ReportApplication(member_, local->id, org_, "again").error().code(),
            ErrorCode::kAlreadyExists);
  EXPECT_EQ(service_->ReportApplication(member_, local->id, west_org_, "").error().code(),
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      service_->ReportApplication(west_, local->id, west_org_, "").error().fields().at(0).field,
      "org_id");
  ASSERT_TRUE(service_->ReportApplication(outsider_, local->id, other_org_, "").has_value());

  // Not promotable until enough applications are verified.
  EXPECT_EQ(service_->Promote(authority_, local->id).error().code(), ErrorCode::kConflict);
  auto after = service_->Get(experts_[0], annex.id).value().clauses.at(0);
  ASSERT_EQ(after.applications.size(), 2u);
  EXPECT_EQ(
      service_->VerifyApplication(member_, local->id, after.applications[0].id).error().code(),
      ErrorCode::kPermissionDenied);
  ASSERT_TRUE(
      service_->VerifyApplication(experts_[1], local->id, after.applications[0].id).has_value());
  EXPECT_EQ(
      service_->VerifyApplication(experts_[1], local->id, after.applications[0].id).error().code(),
      ErrorCode::kConflict);
  auto ready = service_->VerifyApplication(authority_, local->id, after.applications[1].id);
  ASSERT_TRUE(ready.has_value());
  EXPECT_EQ(ready->verified_applications, 2);
  EXPECT_TRUE(ready->promotable);

  EXPECT_EQ(service_->Promote(experts_[0], local->id).error().code(), ErrorCode::kPermissionDenied);
  auto proposal = service_->Promote(authority_, local->id);
  ASSERT_TRUE(proposal.has_value()) << proposal.error().ToString();
  EXPECT_EQ(proposal->proposer_org_id, authority_org_);
  ASSERT_EQ(proposal->changes.size(), 1u);
  EXPECT_EQ(proposal->changes[0].action, "add");
  EXPECT_EQ(proposal->changes[0].clause_id, "cn-east-9.1");
  EXPECT_EQ(proposal->state, ProposalState::kProposal);
  auto promoted = service_->Get(experts_[0], annex.id).value().clauses.at(0);
  EXPECT_EQ(promoted.promoted_proposal_id, proposal->id);
  EXPECT_FALSE(promoted.promotable);
  EXPECT_EQ(service_->Promote(authority_, local->id).error().code(), ErrorCode::kConflict);
}

TEST_P(AnnexTest, OverridePromotesAsAmendmentAndRejectedClosesApplications) {
  auto annex = service_->Create(authority_, EastAnnex()).value();
  auto over = service_->AddClause(authority_, annex.id, Override());
  ASSERT_TRUE(over.has_value()) << over.error().ToString();
  NewAnnexClause missing = Override();
  missing.base_clause_id = "rtb-99.9";
  EXPECT_EQ(service_->AddClause(authority_, annex.id, missing).error().fields().at(0).field,
            "base_clause_id");
  ASSERT_TRUE(service_->Review(experts_[0], over->id, "not_equivalent", "").has_value());
  EXPECT_EQ(service_->Review(experts_[1], over->id, "not_equivalent", "").value().status,
            "rejected");
  EXPECT_EQ(service_->ReportApplication(member_, over->id, org_, "").error().code(),
            ErrorCode::kConflict);
  // Verdicts can be changed by their expert.
  ASSERT_TRUE(service_->Review(experts_[0], over->id, "equivalent", "").has_value());
  ASSERT_TRUE(service_->Review(experts_[1], over->id, "equivalent", "").has_value());
  EXPECT_EQ(service_->Get(experts_[0], annex.id).value().clauses[0].status, "verified");
  ASSERT_TRUE(service_->ReportApplication(member_, over->id, org_, "").has_value());
  ASSERT_TRUE(service_->ReportApplication(authority_, over->id, authority_org_, "").has_value());
  const Annex with_apps = service_->Get(experts_[0], annex.id).value();
  for (const auto& app : with_apps.clauses[0].applications)
    ASSERT_TRUE(service_->VerifyApplication(experts_[2], over->id, app.id).has_value());
  auto proposal = service_->Promote(authority_, over->id);
  ASSERT_TRUE(proposal.has_value()) << proposal.error().ToString();
  EXPECT_EQ(proposal->changes[0].action, "amend");
  EXPECT_EQ(proposal->changes[0].clause_id, "rtb-3.4");
  EXPECT_EQ(proposal->changes[0].clause->number, "RT-3.4");
  EXPECT_EQ(proposal->changes[0].clause->text.at("en"),
            "Keep at least 80 mm between heater and tank wall.");
}

TEST_P(AnnexTest, ApplicableClausesAndMerge) {
  auto annex = service_->Create(authority_, EastAnnex()).value();
  auto over = service_->AddClause(authority_, annex.id, Override()).value();
  auto local = service_->AddClause(authority_, annex.id, Local()).value();
  MatchProfile pickling;
  pickling.material = "Ti-Gr2";
  pickling.preset = "hf-hno3-pickling";
  pickling.temperature_c = 40;
  pickling.equipment_type = "immersion_heater";
  auto got = service_->ApplicableAnnexClauses("cn-east", pickling);
  ASSERT_TRUE(got.has_value()) << got.error().ToString();
  std::vector<std::string> ids;
  for (const auto& c : *got) ids.push_back(c.clause.id);
  auto national = standards_->Match(pickling).value();
  bool base_matched = false;
  for (const auto* list : {&national.mandatory, &national.recommended})
    for (const auto& m : *list) base_matched = base_matched || m.id == "rtb-3.4";
  // The local clause needs the HF-nitric bath; the override follows RT-3.4's own conditions.
  EXPECT_NE(std::find(ids.begin(), ids.end(), "cn-east-9.1"), ids.end());
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "cn-east-3.4") != ids.end(), base_matched);
  EXPECT_TRUE(service_->ApplicableAnnexClauses("cn-west", pickling).value().empty());
  EXPECT_EQ(service_->ApplicableAnnexClauses("mars", pickling).error().fields().at(0).field,
            "region");

  MatchProfile brine = pickling;
  brine.preset = "saturated-brine";
  brine.temperature_c = 60;
  const auto brine_clauses = service_->ApplicableAnnexClauses("cn-east", brine).value();
  for (const auto& c : brine_clauses) EXPECT_NE(c.clause.id, "cn-east-9.1");

  // Merge: the override takes RT-3.4's place, the local clause joins the mandatory list.
  MatchResult merged = MergeAnnexClauses(national, *got, "zh");
  int local_count = 0;
  for (const auto& m : merged.mandatory)
    if (m.id == "cn-east-9.1") {
      ++local_count;
      EXPECT_EQ(m.title, "酸洗加热器排风");
      EXPECT_EQ(m.reasons.at(0).condition, "annex");
    }
  EXPECT_EQ(local_count, 1);
  for (const auto* list : {&merged.mandatory, &merged.recommended})
    for (const auto& m : *list) EXPECT_NE(m.id, base_matched ? "rtb-3.4" : "-");
  // A rejected clause no longer applies.
  ASSERT_TRUE(service_->Review(experts_[0], local.id, "not_equivalent", "").has_value());
  const auto after_reject = service_->ApplicableAnnexClauses("cn-east", pickling).value();
  EXPECT_LT(after_reject.size(), got->size());
  for (const auto& c : after_reject) EXPECT_NE(c.clause.id, "cn-east-9.1");
  (void)over;
}

TEST_P(AnnexTest, SelfInspectionOfAnOrganizationInTheRegionIncludesAnnexClauses) {
  auto annex = service_->Create(authority_, EastAnnex()).value();
  ASSERT_TRUE(service_->AddClause(authority_, annex.id, Local()).has_value());
  SelfInspectionService with_annexes(*db_, clock_, *standards_, service_.get());
  SelfInspectionService national_only(*db_, clock_, *standards_);
  NewSelfInspection in;
  in.org_id = org_;  // cn-east
  in.title = "Pickling heater";
  in.profile.material = "Ti-Gr2";
  in.profile.preset = "hf-hno3-pickling";
  in.profile.temperature_c = 40;
  auto has_local = [](const SelfInspection& s) {
    for (const auto& it : s.items)
      if (it.clause_id == "cn-east-9.1") return it.kind == ClauseKind::kMandatory;
    return false;
  };
  auto regional = with_annexes.Create(member_, in);
  ASSERT_TRUE(regional.has_value()) << regional.error().ToString();
  EXPECT_TRUE(has_local(*regional));
  EXPECT_FALSE(has_local(national_only.Create(member_, in).value()));
  // An organization of another region does not get the clause.
  const std::int64_t west_works = NewOrg("West Works", "end_user_plant", "cn-west");
  access::Principal west_member = Add("w@example.com", west_works, access::OrgRole::kMember);
  in.org_id = west_works;
  EXPECT_FALSE(has_local(with_annexes.Create(west_member, in).value()));
}

TEST_P(AnnexTest, WhoAppliesAClauseIsShownOnlyToItsReviewersAndTheReportingOrganization) {
  auto annex = service_->Create(authority_, EastAnnex()).value();
  auto local = service_->AddClause(authority_, annex.id, Local());
  ASSERT_TRUE(local.has_value()) << local.error().ToString();
  ASSERT_TRUE(service_->Review(experts_[0], local->id, "equivalent", "covers it").has_value());
  auto own = service_->ReportApplication(member_, local->id, org_, "hoods on line 3, Mr Wang");
  ASSERT_TRUE(own.has_value());
  ASSERT_EQ(own->applications.size(), 1u);  // the reporter sees its own
  EXPECT_EQ(own->applications[0].org_name, "Plating Works");
  auto other = service_->ReportApplication(outsider_, local->id, other_org_, "secret plant");
  ASSERT_TRUE(other.has_value());
  // The second reporter sees its own application and the count, not the first one.
  ASSERT_EQ(other->applications.size(), 1u);
  EXPECT_EQ(other->applications[0].org_id, other_org_);
  EXPECT_EQ(other->application_count, 2);
  EXPECT_FALSE(other->applications_complete);

  for (const access::Principal& stranger : {access::Principal{}, west_}) {
    auto a = service_->Get(stranger, annex.id);
    ASSERT_TRUE(a.has_value());
    const AnnexClause& c = a->clauses.at(0);
    EXPECT_TRUE(c.applications.empty());
    EXPECT_EQ(c.application_count, 2);
    EXPECT_EQ(c.verified_applications, 0);
    EXPECT_FALSE(c.applications_complete);
    ASSERT_EQ(c.reviews.size(), 1u);
    EXPECT_EQ(c.reviews[0].user_id, 0);
    EXPECT_EQ(c.reviews[0].verdict, "equivalent");
    auto listed = service_->List(stranger, "cn-east");
    ASSERT_TRUE(listed.has_value());
    EXPECT_TRUE(listed->at(0).clauses.at(0).applications.empty());
  }
  MatchProfile pickling;
  pickling.material = "Ti-Gr2";
  pickling.preset = "hf-hno3-pickling";
  pickling.temperature_c = 40;
  pickling.equipment_type = "immersion_heater";
  auto matched = service_->ApplicableAnnexClauses("cn-east", pickling);
  ASSERT_TRUE(matched.has_value());
  ASSERT_EQ(matched->size(), 1u);
  EXPECT_TRUE(matched->at(0).applications.empty());
  EXPECT_EQ(matched->at(0).application_count, 2);

  for (const access::Principal& reviewer : {experts_[1], authority_}) {
    const AnnexClause c = service_->Get(reviewer, annex.id).value().clauses.at(0);
    ASSERT_EQ(c.applications.size(), 2u);
    EXPECT_EQ(c.applications[0].org_name, "Plating Works");
    EXPECT_EQ(c.applications[1].org_name, "Heater Maker");
    EXPECT_TRUE(c.applications_complete);
    EXPECT_NE(c.reviews.at(0).user_id, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Databases, AnnexTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::standards
