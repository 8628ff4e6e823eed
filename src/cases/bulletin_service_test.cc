#include "rutile/cases/bulletin_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "leak_check.h"
#include "rutile/cases/atom_feed.h"
#include "rutile/cases/bulletin_json.h"
#include "rutile/cases/case_service.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/testing/test_world.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;
using access::OrgRole;
using access::PlatformRole;
using access::Principal;

CaseInput PittingInNickel() {
  CaseInput in;
  in.equipment_type = "immersion_heater";
  in.material = "ti_cp";
  in.grade = "Gr.2";
  in.medium = "Watts nickel bath";
  in.components = {{"nickel_chloride", 45}};
  in.temperature_c = 60;
  in.ph = 4.2;
  in.failure_mode = FailureMode::kPitting;
  in.morphology = "deep pits facing the anodes";
  in.root_cause = "stray current";
  in.corrective_actions = "PTFE screen";
  in.occurred_on = "2026-08-17";
  in.narrative = "Heater perforated.";
  in.language = "en";
  return in;
}

CaseInput FluorideInChrome() {
  CaseInput in = PittingInNickel();
  in.medium = "hard chromium bath with fluoride catalyst";
  in.failure_mode = FailureMode::kFluorideAttack;
  in.root_cause = "fluoride catalyst";
  return in;
}

// Runs on SQLite always and on PostgreSQL when RUTILE_TEST_POSTGRES_URL names a server.
class BulletinServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    world_ =
        std::make_unique<rutile::testing::TestWorld>(GetParam(), FromUnixSeconds(1'790'000'000));
    if (!world_->available()) GTEST_SKIP() << "no PostgreSQL server configured";
    ASSERT_TRUE(world_->Open(rutile::testing::Migrations(notifications::NotificationMigrations(),
                                                         CaseMigrations(), BulletinMigrations())));
    notifications_ =
        std::make_unique<notifications::NotificationService>(world_->db(), world_->clock());
    cases_ = std::make_unique<CaseService>(world_->db(), world_->clock());
    identity::GovernanceSink sink{[this]() -> Status {
                                    if (!ledger_ready_) return Unavailable("ledger read-only");
                                    return Ok();
                                  },
                                  [this](const identity::GovernanceEvent& e) -> Status {
                                    events_.push_back(e);
                                    return Ok();
                                  }};
    service_ = std::make_unique<BulletinService>(
        world_->db(), world_->clock(),
        [this](store::Connection&) -> Result<std::vector<RegisteredEquipment>> {
          ++lister_calls_;
          return equipment_;
        },
        sink);
    plant_ = Org("Plating Works", "cn-east", "electroplating");
    owner_ = Org("Nickel Line Co", "cn-east", "electroplating");
    bystander_ = Org("Chrome Shop", "cn-east", "electroplating");
    for (int i = 0; i < 5; ++i) Org("peer " + std::to_string(i), "cn-east", "electroplating");
    const std::int64_t platform = Org("Platform operations", "cn-east", "electroplating");
    member_ = User("m@example.test", "Plant Member", plant_, {});
    owner_user_ = User("o@example.test", "Owner Member", owner_, {});
    bystander_user_ = User("b@example.test", "Bystander Member", bystander_, {});
    reviewer_ = User("r@example.test", "Review Expert", platform, {PlatformRole::kExpert});
  }
  void TearDown() override {
    service_.reset();
    cases_.reset();
    notifications_.reset();
    world_.reset();
  }

  std::int64_t Org(const std::string& name, const std::string& region,
                   const std::string& industry) {
    return world_->Org(name, region, industry);
  }

  Principal User(const std::string& email, const std::string& name, std::int64_t org,
                 std::vector<PlatformRole> roles) {
    return world_->User(email, name, org, OrgRole::kAdmin, std::move(roles));
  }

  // Submits, requests and approves: a real (not synthetic) public case.
  std::int64_t Publish(const CaseInput& in) {
    auto c = cases_->Submit(member_, 0, in);
    EXPECT_TRUE(c.has_value()) << c.error().ToString();
    EXPECT_TRUE(cases_->RequestPublication(member_, c->id).has_value());
    auto pc = cases_->ApprovePublication(reviewer_, c->id);
    EXPECT_TRUE(pc.has_value()) << pc.error().ToString();
    return pc->id;
  }

  RegisteredEquipment Item(std::int64_t org, std::int64_t id, std::string mechanism,
                           std::string preset) {
    RegisteredEquipment e;
    e.org_id = org;
    e.item_id = id;
    e.name = "heater " + std::to_string(id);
    e.type = "immersion_heater";
    e.material = "Ti-Gr2";
    e.bath_preset = std::move(preset);
    e.temperature_c = 60;
    e.grade = 3;
    e.governing_mechanism = std::move(mechanism);
    return e;
  }

  std::vector<notifications::Notification> Inbox(const Principal& who) {
    auto inbox = notifications_->List(who, 50, false);
    EXPECT_TRUE(inbox.has_value()) << inbox.error().ToString();
    return inbox->items;
  }

  std::unique_ptr<rutile::testing::TestWorld> world_;
  std::unique_ptr<notifications::NotificationService> notifications_;
  std::unique_ptr<CaseService> cases_;
  std::unique_ptr<BulletinService> service_;
  std::vector<RegisteredEquipment> equipment_;
  std::vector<identity::GovernanceEvent> events_;
  bool ledger_ready_ = true;
  int lister_calls_ = 0;
  std::int64_t plant_ = 0, owner_ = 0, bystander_ = 0;
  Principal member_, owner_user_, bystander_user_, reviewer_;
};

TEST_P(BulletinServiceTest, ComposePublishDeliverWithdraw) {
  const std::int64_t a = Publish(PittingInNickel());
  const std::int64_t b = Publish(PittingInNickel());
  BulletinDraft draft;
  draft.case_ids = {b, a};
  draft.severity = BulletinSeverity::kWarning;

  auto denied = service_->Create(member_, draft);
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Create(Principal{}, draft).error().code(), ErrorCode::kUnauthenticated);

  auto created = service_->Create(reviewer_, draft);
  ASSERT_TRUE(created.has_value()) << created.error().ToString();
  EXPECT_EQ(created->state, BulletinState::kDraft);
  EXPECT_EQ(created->case_ids, (std::vector<std::int64_t>{a, b}));
  // Drafted in every platform language from the cases' public fields.
  ASSERT_EQ(created->texts.size(), 6u);
  EXPECT_EQ(created->texts[1].language, "zh");
  EXPECT_NE(created->texts[0].summary.find("nickel plating"), std::string::npos);
  EXPECT_NE(created->texts[1].summary.find("镀镍"), std::string::npos) << created->texts[1].summary;
  EXPECT_EQ(created->rule.mechanisms, std::vector<std::string>{"anodic_breakdown"});
  EXPECT_EQ(created->author_id, reviewer_.user_id);

  // A draft is the reviewers' only.
  EXPECT_EQ(service_->Get(member_, created->id).error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(service_->List(Principal{}, {})->empty());
  EXPECT_EQ(service_->List(reviewer_, {})->size(), 1u);

  BulletinPatch patch;
  patch.texts = std::vector<BulletinText>{
      {"en", "Stray current pits nickel-bath heaters", "Two plants lost heaters to stray current."},
      {"zh", "镍槽加热管杂散电流点蚀", "两家工厂的加热管因杂散电流穿孔。"}};
  MatchingRule rule;
  rule.mechanisms = {"anodic_breakdown"};
  rule.materials = {"titanium"};
  rule.bath_presets = {"watts-nickel"};
  patch.rule = rule;
  auto patched = service_->Update(reviewer_, created->id, patch);
  ASSERT_TRUE(patched.has_value()) << patched.error().ToString();
  EXPECT_EQ(patched->texts.size(), 2u);

  equipment_ = {Item(owner_, 1, "anodic_breakdown", "watts-nickel"),
                Item(owner_, 2, "anodic_breakdown", "watts-nickel"),
                Item(owner_, 3, "fluoride_attack", "hard-chrome-mixed-catalyst"),
                Item(bystander_, 4, "fluoride_attack", "hard-chrome-mixed-catalyst")};
  world_->clock().Advance(std::chrono::hours(1));
  auto published = service_->Publish(reviewer_, created->id);
  ASSERT_TRUE(published.has_value()) << published.error().ToString();
  EXPECT_EQ(published->state, BulletinState::kPublished);
  EXPECT_EQ(published->published_at, UnixSeconds(world_->clock().Now()));
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(events_[0].record_type, "bulletin.publication");
  EXPECT_EQ(events_[0].record_id, std::to_string(created->id));
  EXPECT_EQ(events_[0].org_id, 0);

  // The owner of matching equipment is told; the bystander is not.
  const auto owner_inbox = Inbox(owner_user_);
  ASSERT_EQ(owner_inbox.size(), 1u);
  EXPECT_EQ(owner_inbox[0].kind, "cases.bulletin");
  // A message code with parameters, rendered in each reader's language by the web app.
  EXPECT_EQ(owner_inbox[0].title, "cases.bulletin");
  EXPECT_EQ(owner_inbox[0].link, "/bulletins#bulletin-" + std::to_string(created->id));
  EXPECT_EQ(owner_inbox[0].body, "{\"bulletin_id\":" + std::to_string(created->id) +
                                     ",\"severity\":\"warning\",\"items\":2}");
  EXPECT_TRUE(Inbox(bystander_user_).empty());

  auto deliveries = service_->Deliveries(reviewer_, created->id);
  ASSERT_TRUE(deliveries.has_value());
  ASSERT_EQ(deliveries->size(), 1u);
  EXPECT_EQ((*deliveries)[0].org_id, owner_);
  EXPECT_EQ((*deliveries)[0].items_matched, 2);
  EXPECT_EQ(service_->Deliveries(owner_user_, created->id).error().code(),
            ErrorCode::kPermissionDenied);

  // Published: visitors read it; it is no longer editable nor publishable twice.
  EXPECT_TRUE(service_->Get(Principal{}, created->id).has_value());
  EXPECT_EQ(service_->List(Principal{}, {})->size(), 1u);
  EXPECT_EQ(service_->Update(reviewer_, created->id, patch).error().code(), ErrorCode::kConflict);
  EXPECT_EQ(service_->Publish(reviewer_, created->id).error().code(), ErrorCode::kConflict);
  EXPECT_EQ(service_->Feed()->size(), 1u);

  auto withdrawn = service_->Withdraw(reviewer_, created->id);
  ASSERT_TRUE(withdrawn.has_value()) << withdrawn.error().ToString();
  EXPECT_EQ(withdrawn->state, BulletinState::kWithdrawn);
  EXPECT_EQ(events_.back().record_type, "bulletin.withdrawal");
  EXPECT_TRUE(service_->List(Principal{}, {})->empty());
  EXPECT_EQ(service_->Get(member_, created->id).error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(service_->Feed()->empty());
  BulletinListQuery drafts_only;
  drafts_only.state = BulletinState::kDraft;
  EXPECT_EQ(service_->List(member_, drafts_only).error().code(), ErrorCode::kPermissionDenied);
}

TEST_P(BulletinServiceTest, BadInputGetsFieldErrorsAndChangesNothing) {
  const std::int64_t a = Publish(PittingInNickel());
  BulletinDraft draft;
  draft.case_ids = {a, 9999, a};
  auto r = service_->Create(reviewer_, draft);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  std::set<std::string> fields;
  for (const auto& f : r.error().fields()) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"case_ids[1]", "case_ids[2]"}));

  draft.case_ids = {};
  EXPECT_EQ(service_->Create(reviewer_, draft).error().fields().at(0).field, "case_ids");

  draft.case_ids = {a};
  draft.texts = {{"en", "", "summary"}};
  MatchingRule bad;
  bad.grades = {7};
  draft.rule = bad;
  EXPECT_EQ(service_->Create(reviewer_, draft).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(service_->List(reviewer_, {})->empty());
  EXPECT_EQ(service_->Publish(reviewer_, 4242).error().code(), ErrorCode::kNotFound);
  BulletinListQuery q;
  q.limit = 0;
  EXPECT_EQ(service_->List(reviewer_, q).error().code(), ErrorCode::kInvalidArgument);
}

TEST_P(BulletinServiceTest, LedgerThatRefusesWritesStopsPublication) {
  BulletinDraft draft;
  draft.case_ids = {Publish(PittingInNickel())};
  auto created = service_->Create(reviewer_, draft);
  ASSERT_TRUE(created.has_value());
  equipment_ = {Item(owner_, 1, "anodic_breakdown", "watts-nickel")};
  ledger_ready_ = false;
  EXPECT_EQ(service_->Publish(reviewer_, created->id).error().code(), ErrorCode::kUnavailable);
  EXPECT_EQ(service_->Get(reviewer_, created->id)->state, BulletinState::kDraft);
  EXPECT_TRUE(Inbox(owner_user_).empty());
  EXPECT_EQ(lister_calls_, 0);
  EXPECT_TRUE(events_.empty());
}

TEST_P(BulletinServiceTest, AutoDraftsOneBulletinPerNewClusterInTheWindow) {
  std::vector<std::int64_t> nickel;
  for (int i = 0; i < 3; ++i) nickel.push_back(Publish(PittingInNickel()));
  Publish(FluorideInChrome());
  Publish(FluorideInChrome());
  // Synthetic demo cases are left out unless asked for.
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(cases_->PublishSynthetic(FluorideInChrome()).has_value());

  EXPECT_EQ(service_->AutoDraft(member_, {}).error().code(), ErrorCode::kPermissionDenied);
  AutoDraftRequest bad;
  bad.window_days = 0;
  bad.min_cases = 1;
  auto invalid = service_->AutoDraft(reviewer_, bad);
  ASSERT_FALSE(invalid.has_value());
  EXPECT_EQ(invalid.error().fields().size(), 2u);

  auto drafts = service_->AutoDraft(reviewer_, {});
  ASSERT_TRUE(drafts.has_value()) << drafts.error().ToString();
  ASSERT_EQ(drafts->size(), 1u);
  const Bulletin& d = drafts->front();
  EXPECT_EQ(d.origin, "auto");
  EXPECT_EQ(d.cluster_key, "anodic_breakdown|titanium|watts nickel bath");
  EXPECT_EQ(d.case_ids, nickel);
  EXPECT_EQ(d.state, BulletinState::kDraft);
  EXPECT_EQ(d.author_id, reviewer_.user_id);
  EXPECT_EQ(service_->Get(reviewer_, d.id)->texts, d.texts);

  // Run again: the cluster already has its bulletin.
  EXPECT_TRUE(service_->RunAutoDrafting()->empty());

  // The synthetic cases join the two real chrome cases when included.
  AutoDraftRequest with_demo;
  with_demo.include_synthetic = true;
  auto demo = service_->RunAutoDrafting(with_demo);
  ASSERT_TRUE(demo.has_value());
  ASSERT_EQ(demo->size(), 1u);
  EXPECT_EQ(demo->front().cluster_key,
            "fluoride_attack|titanium|hard chromium bath with fluoride catalyst");
  EXPECT_EQ(demo->front().case_ids.size(), 5u);
  EXPECT_EQ(demo->front().author_id, 0);

  // Cases older than the window do not cluster.
  world_->clock().Advance(std::chrono::hours(24 * 100));
  for (int i = 0; i < 2; ++i) Publish(FluorideInChrome());
  AutoDraftRequest recent;
  recent.window_days = 30;
  recent.min_cases = 3;
  EXPECT_TRUE(service_->RunAutoDrafting(recent)->empty());
}

TEST_P(BulletinServiceTest, PlantedIdentifiersNeverReachBulletinsOrTheFeed) {
  std::ifstream in(RUTILE_CASES_CORPUS);
  std::stringstream ss;
  ss << in.rdbuf();
  const json::object corpus = json::parse(ss.str()).as_object();
  const auto& dict = corpus.at("dictionary").as_object();
  int n = 0;
  for (const auto& name : dict.at("organizations").as_array())
    Org(std::string(name.as_string()), "cn-east", "electroplating");
  for (const auto& name : dict.at("people").as_array())
    User("p" + std::to_string(n++) + "@example.test", std::string(name.as_string()), plant_, {});
  for (const auto& name : dict.at("parks").as_array())
    ASSERT_TRUE(world_->identity()
                    .CreatePark(std::string(name.as_string()), "cn-east", plant_)
                    .has_value());

  std::vector<std::string> planted;
  BulletinDraft draft;
  std::string reviewer_notes;
  for (const auto& entry : corpus.at("texts").as_array()) {
    const auto& e = entry.as_object();
    for (const auto& p : e.at("planted").as_array()) planted.emplace_back(p.as_string());
    CaseInput c = PittingInNickel();
    c.narrative = std::string(e.at("text").as_string());
    c.root_cause = c.narrative;
    c.corrective_actions = c.narrative;
    c.medium = "Watts nickel bath " + std::string(e.at("planted").as_array()[0].as_string());
    c.language = std::string(e.at("lang").as_string());
    draft.case_ids.push_back(Publish(c));
    if (reviewer_notes.size() < 3000) reviewer_notes += c.narrative + " ";
  }
  auto generated = service_->Create(reviewer_, draft);
  ASSERT_TRUE(generated.has_value()) << generated.error().ToString();
  // A reviewer who pastes a narrative into the summary: the dictionary and patterns still apply.
  draft.texts = {{"en", "Notes", reviewer_notes}};
  auto pasted = service_->Create(reviewer_, draft);
  ASSERT_TRUE(pasted.has_value()) << pasted.error().ToString();
  equipment_ = {Item(owner_, 1, "anodic_breakdown", "watts-nickel")};
  std::string out;
  for (const auto& b : {*generated, *pasted}) {
    auto p = service_->Publish(reviewer_, b.id);
    ASSERT_TRUE(p.has_value()) << p.error().ToString();
    // Case ids are the platform's own numbers, not text: "[1, 2, 3, ...]" would read as a
    // planted digit run once separators are removed.
    json::object o = BulletinToJson(*p, true);
    o.erase("case_ids");
    out += json::serialize(o) + "\n";
  }
  out += BulletinAtomFeed(*service_->Feed(), AtomFeedOptions{}, 0);
  for (const auto& e : events_) {
    json::object o = json::parse(e.canonical_content).as_object();
    o.erase("case_ids");
    out += json::serialize(o) + "\n";
  }
  for (const auto& msg : Inbox(owner_user_)) out += msg.title + "\n" + msg.body + "\n";
  EXPECT_EQ(testing::Leaks(out, planted), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Stores, BulletinServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::cases
