#include "rutile/standards/standards_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/standards/json_codec.h"
#include "rutile/standards/standards_migrations.h"
#include "test_databases.h"

namespace rutile::standards {
namespace {

namespace json = boost::json;

identity::NewOrganization Org(const std::string& name, const std::string& kind) {
  identity::NewOrganization o;
  o.name = name;
  o.kind = kind;
  o.region = "cn-east";
  return o;
}

// Runs on SQLite, and on PostgreSQL when RUTILE_TEST_POSTGRES_URL names a server.
class StandardsServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    test_db_ = std::make_unique<store::testing::TestDatabase>(GetParam());
    if (!test_db_->available()) GTEST_SKIP() << "RUTILE_TEST_POSTGRES_URL is not set";
    auto opened = store::OpenDatabase(test_db_->url());
    ASSERT_TRUE(opened.has_value()) << opened.error().ToString();
    db_ = std::move(opened).value();
    auto migrations = identity::IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    for (auto& m : StandardsMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    identity::IdentityOptions options;
    options.password_cost = identity::PasswordCost::kMinimal;
    identity_ = std::make_unique<identity::IdentityService>(
        *db_, clock_, identity::RegionCatalog::Default(), options);
    org_ = identity_->CreateOrganization(Org("Plating Works", "end_user_plant")).value().id;
    other_org_ = identity_->CreateOrganization(Org("Heater Maker", "manufacturer")).value().id;
    admin_ = Add("admin@example.com", org_, access::OrgRole::kAdmin);
    member_ = Add("member@example.com", org_, access::OrgRole::kMember);
    operator_ = Add("operator@example.com", other_org_, access::OrgRole::kMember,
                    {access::PlatformRole::kOperator});
    for (int i = 0; i < 3; ++i)
      experts_.push_back(Add("expert" + std::to_string(i) + "@example.com", other_org_,
                             access::OrgRole::kMember, {access::PlatformRole::kExpert}));
    identity::GovernanceSink sink;
    sink.ready = [this]() -> Status {
      if (ledger_down_) return Unavailable("ledger is read-only");
      return Ok();
    };
    sink.record = [this](const identity::GovernanceEvent& e) -> Status {
      events_.push_back(e);
      return Ok();
    };
    service_ =
        std::make_unique<StandardsService>(*db_, clock_, engine::wire::DefaultKnowledge(), sink);
    auto seeded = service_->SeedStarterLibrary();
    ASSERT_TRUE(seeded.has_value()) << seeded.error().ToString();
    ASSERT_TRUE(seeded->seeded);
  }
  void TearDown() override {
    service_.reset();
    identity_.reset();
    db_.reset();
    test_db_.reset();
  }
  access::Principal Add(const std::string& email, std::int64_t org, access::OrgRole role,
                        std::vector<access::PlatformRole> platform = {}) {
    auto u =
        identity_->CreateUser({email, "long enough password", "Person", "en"}, org, role, platform);
    EXPECT_TRUE(u.has_value());
    access::Principal p;
    p.user_id = u->id;
    access::OrgMembership m;
    m.org_id = org;
    m.role = role;
    p.memberships.push_back(m);
    p.platform_roles = platform;
    return p;
  }
  NewProposal AmendProposal() {
    auto clause = service_->GetClause("rtb-3.4").value();
    clause.text["en"] = "Keep at least 60 mm between heater and tank wall.";
    clause.text["zh"] = "加热器与槽壁至少保持 60 mm。";
    NewProposal in;
    in.org_id = org_;
    in.document_code = "RTB";
    in.title = "Wider wall clearance";
    in.rationale = "Field reports of stray-current pitting at 50 mm.";
    in.changes.push_back({"amend", "rtb-3.4", clause});
    Clause added = clause;
    added.id = "rtb-3.16";
    added.number = "RT-3.16";
    in.changes.push_back({"add", "rtb-3.16", added});
    in.changes.push_back({"remove", "rtb-6.8", std::nullopt});
    return in;
  }
  int Unread(const access::Principal& p) {
    notifications::NotificationService n(*db_, clock_);
    return static_cast<int>(n.List(p, 100, true).value().unread);
  }

  std::unique_ptr<store::testing::TestDatabase> test_db_;
  FakeClock clock_{FromUnixSeconds(1'800'000'000)};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<StandardsService> service_;
  std::int64_t org_ = 0, other_org_ = 0;
  access::Principal admin_, member_, operator_;
  std::vector<access::Principal> experts_;
  std::vector<identity::GovernanceEvent> events_;
  bool ledger_down_ = false;
};

TEST_P(StandardsServiceTest, SeedingIsIdempotent) {
  auto again = service_->SeedStarterLibrary();
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(again->seeded);
  auto docs = service_->ListStandards().value();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].code, "RTB");
  EXPECT_EQ(docs[0].title.at("en"), "Rutile baseline for titanium heating equipment");
  ASSERT_EQ(docs[0].versions.size(), 1u);
  EXPECT_EQ(docs[0].versions[0].version, "1.0");
  EXPECT_EQ(docs[0].versions[0].status, "released");
  EXPECT_GE(docs[0].versions[0].clause_count, 80);
  EXPECT_EQ(service_->GetStandard(docs[0].id).value().code, "RTB");
  EXPECT_EQ(service_->GetStandard(999).error().code(), ErrorCode::kNotFound);
}

TEST_P(StandardsServiceTest, ReadsOneClause) {
  auto c = service_->GetClause("rtb-2.1");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->number, "RT-2.1");
  EXPECT_EQ(c->kind, ClauseKind::kMandatory);
  EXPECT_EQ(c->source, "li-2021-fluoride");
  EXPECT_EQ(service_->GetClause("nope").error().code(), ErrorCode::kNotFound);
}

// Golden cases: profile -> grade and the exact set of mandatory clause ids.
TEST_P(StandardsServiceTest, MatchingGoldenCases) {
  std::ifstream in(std::string(RUTILE_STANDARDS_TESTDATA) + "/match_golden.json");
  std::stringstream ss;
  ss << in.rdbuf();
  json::value root = json::parse(ss.str());
  int cases = 0;
  for (const auto& cv : root.at("cases").as_array()) {
    const auto& c = cv.as_object();
    SCOPED_TRACE(std::string(c.at("name").as_string()));
    const auto& pj = c.at("profile").as_object();
    MatchProfile p;
    auto str = [&pj](const char* k) {
      return pj.contains(k) ? std::string(pj.at(k).as_string()) : std::string();
    };
    if (pj.contains("grade")) p.grade = static_cast<int>(pj.at("grade").as_int64());
    p.material = str("material");
    p.preset = str("preset");
    if (pj.contains("temperature_c")) p.temperature_c = pj.at("temperature_c").to_number<double>();
    if (pj.contains("crevices")) p.crevices = pj.at("crevices").as_bool();
    if (pj.contains("components"))
      for (const auto& comp : pj.at("components").as_array())
        p.components.push_back({std::string(comp.at("species").as_string()),
                                std::string(comp.at("unit").as_string()),
                                comp.at("value").to_number<double>()});
    p.industry = str("industry");
    p.equipment_type = str("equipment_type");
    p.region_category = str("region_category");
    p.scale_class = str("scale_class");
    if (pj.contains("lang")) p.lang = str("lang");
    auto r = service_->Match(p);
    ASSERT_TRUE(r.has_value()) << r.error().ToString();
    EXPECT_EQ(r->grade, c.at("grade").as_int64());
    std::vector<std::string> got, want;
    for (const auto& m : r->mandatory) got.push_back(m.id);
    for (const auto& w : c.at("mandatory").as_array()) want.emplace_back(w.as_string());
    EXPECT_EQ(got, want) << "got: " << json::serialize(json::value_from(got));
    if (c.contains("recommended_includes"))
      for (const auto& w : c.at("recommended_includes").as_array()) {
        bool found = false;
        for (const auto& m : r->recommended) found = found || m.id == w.as_string();
        EXPECT_TRUE(found) << w.as_string();
      }
    if (c.contains("mechanism_reason")) {
      const auto& id = c.at("mechanism_reason").as_object().at("clause").as_string();
      const auto& mech = c.at("mechanism_reason").as_object().at("mechanism").as_string();
      bool found = false;
      for (const auto& m : r->mandatory)
        if (m.id == id)
          for (const auto& why : m.reasons)
            found = found || (why.condition == "mechanism" && why.value == mech);
      EXPECT_TRUE(found);
    }
    if (c.contains("first_title")) {
      ASSERT_FALSE(r->mandatory.empty());
      EXPECT_EQ(r->mandatory[0].title, c.at("first_title").as_string());
    }
    ++cases;
  }
  EXPECT_GE(cases, 6);
}

// Every reason names what it matched in codes a page can label: the grades a clause applies at,
// and the values a condition is limited to when the profile left it unstated.
TEST_P(StandardsServiceTest, MatchReasonsListTheirCodes) {
  MatchProfile p;
  p.grade = 3;
  auto r = service_->Match(p);
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  ASSERT_FALSE(r->mandatory.empty());
  bool unstated = false;
  for (const auto* list : {&r->mandatory, &r->recommended})
    for (const auto& m : *list) {
      ASSERT_FALSE(m.reasons.empty()) << m.id;
      EXPECT_EQ(m.reasons[0].condition, "grade");
      EXPECT_EQ(m.reasons[0].value, "3");
      EXPECT_NE(std::find(m.reasons[0].listed.begin(), m.reasons[0].listed.end(), "3"),
                m.reasons[0].listed.end())
          << m.id;
      for (const auto& why : m.reasons)
        if (why.condition == "unstated") {
          unstated = true;
          EXPECT_FALSE(why.listed.empty()) << m.id << " " << why.value;
        }
    }
  EXPECT_TRUE(unstated);
}

TEST_P(StandardsServiceTest, MatchingRejectsBadProfiles) {
  MatchProfile p;
  auto r = service_->Match(p);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields().size(), 3u);
  p.grade = 7;
  p.region_category = "IV";
  p.scale_class = "huge";
  p.preset = "unobtainium";
  r = service_->Match(p);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().fields().size(), 4u);
  MatchProfile q;
  q.material = "Ti-Gr2";
  q.components.push_back({"HCl", "wt_pct", 5});
  r = service_->Match(q);
  ASSERT_FALSE(r.has_value());
  ASSERT_EQ(r.error().fields().size(), 1u);
  EXPECT_EQ(r.error().fields()[0].field, "temperature_c");
  q.temperature_c = 60;
  q.material = "Titanium-X";
  r = service_->Match(q);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().fields()[0].field, "material");
}

TEST_P(StandardsServiceTest, SearchEnglishRanksByMatchedTerms) {
  SearchQuery q;
  q.q = "crevice mounting";
  auto r = service_->Search(q).value();
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].clause.id, "rtb-3.3");
  EXPECT_EQ(r.hits[0].matched_terms, 2);
  for (std::size_t i = 1; i < r.hits.size(); ++i)
    EXPECT_GE(r.hits[i - 1].matched_terms, r.hits[i].matched_terms);
  q.q = "FLUORIDE";
  q.kind = ClauseKind::kMandatory;
  r = service_->Search(q).value();
  ASSERT_FALSE(r.hits.empty());
  for (const auto& h : r.hits) EXPECT_EQ(h.clause.kind, ClauseKind::kMandatory);
  EXPECT_GT(r.kind_counts["recommended"], 0);  // facets count before the kind filter
}

TEST_P(StandardsServiceTest, SearchChineseByBigrams) {
  SearchQuery q;
  q.q = "缝隙腐蚀";
  q.lang = "zh";
  auto r = service_->Search(q).value();
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].matched_terms, 3);
  bool has_crevice_inspection = false;
  for (const auto& h : r.hits) has_crevice_inspection |= h.clause.id == "rtb-5.7";
  EXPECT_TRUE(has_crevice_inspection);
  // Chinese terms are not indexed under English.
  q.lang = "en";
  EXPECT_TRUE(service_->Search(q).value().hits.empty());
  q.q = "干烧";
  q.lang = "";
  r = service_->Search(q).value();
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].clause.id, "rtb-4.2");
}

TEST_P(StandardsServiceTest, SearchFacetsAndValidation) {
  SearchQuery q;
  q.grade = 4;
  q.limit = 5;
  auto r = service_->Search(q).value();
  EXPECT_EQ(r.hits.size(), 5u);
  EXPECT_GT(r.total, 5);
  for (const auto& h : r.hits)
    EXPECT_NE(std::find(h.clause.grades.begin(), h.clause.grades.end(), 4), h.clause.grades.end());
  q.grade = 9;
  q.limit = 0;
  auto bad = service_->Search(q);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields().size(), 2u);
}

TEST_P(StandardsServiceTest, FullLifecycleReleasesANewVersion) {
  auto p = service_->CreateProposal(admin_, AmendProposal());
  ASSERT_TRUE(p.has_value()) << p.error().ToString();
  EXPECT_EQ(p->state, ProposalState::kProposal);
  EXPECT_EQ(p->base_version, "1.0");
  const auto id = p->id;
  // A draft is visible to its organization and operators only.
  EXPECT_EQ(service_->ListProposals(member_).value().size(), 1u);
  EXPECT_EQ(service_->ListProposals(operator_).value().size(), 1u);
  EXPECT_TRUE(service_->ListProposals(experts_[0]).value().empty());
  EXPECT_EQ(service_->GetProposal(experts_[0], id).error().code(), ErrorCode::kNotFound);
  // Acting on a draft one may not see answers exactly as acting on a missing proposal.
  EXPECT_EQ(service_->Withdraw(experts_[0], id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->Withdraw(experts_[0], id).error().message(),
            "proposal " + std::to_string(id));
  EXPECT_EQ(service_->CastVote(experts_[0], id, "approve", "").error().code(),
            ErrorCode::kNotFound);

  // Operator cannot submit; proposer admin can.
  EXPECT_EQ(service_->Submit(operator_, id).error().code(), ErrorCode::kPermissionDenied);
  ASSERT_EQ(service_->Submit(admin_, id).value().state, ProposalState::kExpertReview);
  // Opening consultation before any expert vote fails its guard.
  EXPECT_EQ(service_->OpenConsultation(operator_, id).error().code(),
            ErrorCode::kFailedPrecondition);
  // Only operators assign; only users with the expert role can be assigned.
  EXPECT_EQ(service_->AssignExperts(admin_, id, {experts_[0].user_id}).error().code(),
            ErrorCode::kPermissionDenied);
  auto bad = service_->AssignExperts(operator_, id, {member_.user_id});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().fields()[0].field, "expert_user_ids[0]");
  std::vector<std::int64_t> ids;
  for (const auto& e : experts_) ids.push_back(e.user_id);
  ASSERT_EQ(service_->AssignExperts(operator_, id, ids).value().experts.size(), 3u);
  ASSERT_EQ(service_->AssignExperts(operator_, id, ids).value().experts.size(), 3u);
  EXPECT_EQ(Unread(experts_[0]), 1);  // notified once
  EXPECT_TRUE(service_->GetProposal(experts_[0], id).has_value());

  // A non-expert cannot vote; two of three approving passes.
  EXPECT_EQ(service_->CastVote(member_, id, "approve", "").error().code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_->CastVote(experts_[0], id, "approve", "fine").has_value());
  ASSERT_TRUE(service_->CastVote(experts_[1], id, "reject", "").has_value());
  EXPECT_EQ(service_->OpenConsultation(operator_, id).error().code(),
            ErrorCode::kFailedPrecondition);  // 1 approve of 3
  ASSERT_TRUE(service_->CastVote(experts_[1], id, "approve", "changed my mind").has_value());
  ASSERT_TRUE(service_->CastVote(experts_[2], id, "abstain", "").has_value());
  auto open = service_->OpenConsultation(operator_, id);
  ASSERT_TRUE(open.has_value()) << open.error().ToString();
  EXPECT_EQ(open->state, ProposalState::kPublicConsultation);
  EXPECT_EQ(open->consultation_closes_at, 1'800'000'000 + 60 * 24 * 3600);

  // Voting is over: 409 naming the allowed actions.
  auto late = service_->CastVote(experts_[0], id, "approve", "");
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code(), ErrorCode::kConflict);
  EXPECT_NE(late.error().message().find("comment, dispose_comment, release"), std::string::npos);

  // Any registered user comments; visitors cannot.
  EXPECT_EQ(service_->AddComment(access::Principal{}, id, "rtb-3.4", "x").error().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(service_->AddComment(member_, id, "rtb-9.9", "x").error().fields()[0].field,
            "clause_id");
  auto comment = service_->AddComment(member_, id, "rtb-3.4", "75 mm would be safer.");
  ASSERT_TRUE(comment.has_value());

  // Release waits for the window and the disposition.
  EXPECT_EQ(service_->Release(operator_, id).error().code(), ErrorCode::kFailedPrecondition);
  clock_.Advance(std::chrono::hours(24 * 61));
  EXPECT_EQ(service_->AddComment(member_, id, "rtb-3.4", "late").error().code(),
            ErrorCode::kFailedPrecondition);
  auto release_blocked = service_->Release(operator_, id);
  ASSERT_FALSE(release_blocked.has_value());
  EXPECT_NE(release_blocked.error().message().find("disposition"), std::string::npos);
  EXPECT_EQ(service_->DisposeComment(operator_, id, comment->id, Disposition::kRejected, "")
                .error()
                .code(),
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(service_
                  ->DisposeComment(operator_, id, comment->id, Disposition::kPartlyAccepted,
                                   "60 mm is the measured minimum; 75 mm is advised in the note.")
                  .has_value());
  EXPECT_EQ(Unread(member_), 1);

  // A ledger that refuses writes stops the release.
  ledger_down_ = true;
  EXPECT_EQ(service_->Release(operator_, id).error().code(), ErrorCode::kUnavailable);
  ledger_down_ = false;
  EXPECT_EQ(service_->Release(admin_, id).error().code(), ErrorCode::kPermissionDenied);
  const int admin_unread = Unread(admin_);
  auto released = service_->Release(operator_, id);
  ASSERT_TRUE(released.has_value()) << released.error().ToString();
  EXPECT_EQ(released->state, ProposalState::kReleased);
  EXPECT_EQ(released->released_version, "1.1");
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(events_[0].record_type, "standard.release");
  EXPECT_EQ(events_[0].record_id, "RTB@1.1");
  EXPECT_EQ(events_[0].org_id, org_);
  EXPECT_NE(events_[0].canonical_content.find("\"version\":\"1.1\""), std::string::npos);
  EXPECT_EQ(Unread(admin_), admin_unread + 1);
  EXPECT_EQ(Unread(member_), 1);  // admins only

  // The new version is current; the old one is superseded.
  auto doc = service_->ListStandards().value()[0];
  ASSERT_EQ(doc.versions.size(), 2u);
  EXPECT_EQ(doc.versions[0].version, "1.1");
  EXPECT_EQ(doc.versions[0].status, "released");
  EXPECT_EQ(doc.versions[1].status, "superseded");
  EXPECT_EQ(service_->GetClause("rtb-3.4").value().text.at("en"),
            "Keep at least 60 mm between heater and tank wall.");
  EXPECT_TRUE(service_->GetClause("rtb-3.16").has_value());
  EXPECT_EQ(service_->GetClause("rtb-6.8").error().code(), ErrorCode::kNotFound);
  SearchQuery sq;
  sq.q = "60";
  auto found = service_->Search(sq).value();
  ASSERT_FALSE(found.hits.empty());

  // Clause-level diff.
  auto diff = service_->Diff(doc.id, "1.0", "1.1").value();
  ASSERT_EQ(diff.size(), 3u);
  EXPECT_EQ(diff[0].clause_id, "rtb-3.4");
  EXPECT_EQ(diff[0].number, "RT-3.4");
  EXPECT_EQ(diff[0].change, "changed");
  EXPECT_EQ(diff[0].fields, std::vector<std::string>{"text"});
  EXPECT_EQ(diff[1].clause_id, "rtb-6.8");
  EXPECT_EQ(diff[1].change, "removed");
  EXPECT_EQ(diff[1].number, "RT-6.8");
  EXPECT_EQ(diff[2].clause_id, "rtb-3.16");
  EXPECT_EQ(diff[2].change, "added");
  EXPECT_EQ(service_->Diff(doc.id, "1.0", "7.0").error().fields()[0].field, "to");

  // Revising opens a new proposal against 1.1; a released proposal admits nothing else.
  EXPECT_EQ(service_->Withdraw(admin_, id).error().code(), ErrorCode::kConflict);
  NewProposal next;
  next.title = "Follow-up";
  next.rationale = "Add the 75 mm note.";
  auto c = service_->GetClause("rtb-3.4").value();
  c.text["en"] += " 75 mm is advised.";
  next.changes.push_back({"amend", "rtb-3.4", c});
  auto rev = service_->Revise(operator_, id, next);
  ASSERT_TRUE(rev.has_value()) << rev.error().ToString();
  EXPECT_EQ(rev->base_version, "1.1");
  EXPECT_EQ(rev->revises_proposal_id, id);
  EXPECT_EQ(rev->proposer_org_id, org_);
  EXPECT_EQ(service_->Revise(member_, id, next).error().code(), ErrorCode::kPermissionDenied);
}

TEST_P(StandardsServiceTest, ProposalValidationAndEndStates) {
  NewProposal in = AmendProposal();
  EXPECT_EQ(service_->CreateProposal(member_, in).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->CreateProposal(access::Principal{}, in).error().code(),
            ErrorCode::kUnauthenticated);
  in.changes[0].action = "rewrite";
  in.changes[1].clause_id = "rtb-3.4";
  in.changes[2].clause_id = "rtb-0.0";
  in.title.clear();
  auto bad = service_->CreateProposal(admin_, in);
  ASSERT_FALSE(bad.has_value());
  std::set<std::string> fields;
  for (const auto& f : bad.error().fields()) fields.insert(f.field);
  EXPECT_TRUE(fields.contains("title"));
  EXPECT_TRUE(fields.contains("changes[0].action"));
  EXPECT_TRUE(fields.contains("changes[1].clause_id"));
  EXPECT_TRUE(fields.contains("changes[2].clause_id"));
  EXPECT_TRUE(service_->ListProposals(admin_).value().empty());  // nothing half-written

  auto p = service_->CreateProposal(admin_, AmendProposal()).value();
  EXPECT_EQ(service_->Reject(operator_, p.id, "").error().code(), ErrorCode::kInvalidArgument);
  auto rejected = service_->Reject(operator_, p.id, "Out of scope");
  ASSERT_TRUE(rejected.has_value());
  EXPECT_EQ(rejected->state, ProposalState::kRejected);
  EXPECT_EQ(rejected->decision_reason, "Out of scope");
  auto after = service_->Submit(admin_, p.id);
  ASSERT_FALSE(after.has_value());
  EXPECT_EQ(after.error().code(), ErrorCode::kConflict);
  EXPECT_NE(after.error().message().find("allowed actions: none"), std::string::npos);

  auto q = service_->CreateProposal(admin_, AmendProposal()).value();
  EXPECT_EQ(service_->Withdraw(operator_, q.id).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Withdraw(admin_, q.id).value().state, ProposalState::kWithdrawn);
  EXPECT_EQ(service_->ListProposals(member_).value().size(), 2u);
  EXPECT_EQ(service_->GetProposal(member_, 999).error().code(), ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Databases, StandardsServiceTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::standards
