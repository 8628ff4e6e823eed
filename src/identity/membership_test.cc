// Memberships are granted, never claimed: join requests, invitations, leaving and removal,
// sessions and log-in throttling, and who may call each membership-changing operation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "rutile/identity/identity_migrations.h"
#include "rutile/identity/identity_service.h"
#include "rutile/notifications/notification_service.h"
#include "rutile/store/migrations.h"

namespace rutile::identity {
namespace {

using access::OrgRole;
using access::PlatformRole;
using access::Principal;

constexpr const char* kPassword = "a long enough password";

class MembershipTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("membership_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto db = store::OpenDatabase("sqlite:" + path_.string());
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    db_ = std::move(db).value();
    auto migrations = IdentityMigrations();
    for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    options_.password_cost = PasswordCost::kMinimal;
    options_.max_failures_per_account = 3;
    options_.max_failures_per_address = 30;
    Start();
  }
  void Start() {
    service_ = std::make_unique<IdentityService>(*db_, clock_, RegionCatalog::Default(), options_,
                                                 GovernanceSink{[] { return Ok(); },
                                                                [this](const GovernanceEvent& e) {
                                                                  std::lock_guard lock(mu_);
                                                                  events_.push_back(e);
                                                                  return Ok();
                                                                }});
  }
  void TearDown() override {
    service_.reset();
    db_.reset();
    std::filesystem::remove(path_);
    std::filesystem::remove(path_.string() + "-wal");
    std::filesystem::remove(path_.string() + "-shm");
  }

  NewOrganization Org(std::string name, std::string kind = "end_user_plant") {
    NewOrganization o;
    o.name = std::move(name);
    o.kind = std::move(kind);
    o.region = "cn-east";
    o.industry = "electroplating";
    return o;
  }
  NewUser Person(std::string email) { return NewUser{std::move(email), kPassword, "P", "en"}; }
  Principal Login(const std::string& email) {
    auto s = service_->Login(email, kPassword, "10.0.0.1");
    EXPECT_TRUE(s.has_value()) << email << ": " << s.error().ToString();
    if (!s.has_value()) return Principal{};
    return *service_->Authenticate(s->token);
  }
  std::int64_t Notices(std::int64_t user_id, const std::string& kind) {
    auto rows = store::Read(*db_, [&](store::Connection& c) {
      return c.Query("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = ?",
                     {user_id, kind});
    });
    return rows.has_value() ? rows->at(0).Int(0) : -1;
  }

  // A park managed by "Park Management" (admin pm@, member pmm@), an association (admin
  // as@), an operator (op@) and an applicant registered naming both (admin app@, member
  // appm@).
  void SetUpWorld() {
    auto park = service_->CreatePark("Jinhe Park", "cn-east", 0);
    ASSERT_TRUE(park.has_value());
    park_id_ = park->id;
    NewOrganization mgr = Org("Park Management", "industrial_park");
    mgr.park_id = park_id_;
    auto m = service_->CreateOrganization(mgr);
    ASSERT_TRUE(m.has_value());
    manager_org_ = m->id;
    ASSERT_TRUE(service_->SetParkManager(park_id_, manager_org_).has_value());
    ASSERT_TRUE(
        service_->CreateUser(Person("pm@example.com"), manager_org_, OrgRole::kAdmin).has_value());
    ASSERT_TRUE(service_->CreateUser(Person("pmm@example.com"), manager_org_, OrgRole::kMember)
                    .has_value());
    auto a = service_->CreateOrganization(Org("Mutual Aid Association", "association"));
    ASSERT_TRUE(a.has_value());
    association_org_ = a->id;
    ASSERT_TRUE(service_->CreateUser(Person("as@example.com"), association_org_, OrgRole::kAdmin)
                    .has_value());
    auto op = service_->CreateOrganization(Org("Operations", "platform_operator"));
    ASSERT_TRUE(op.has_value());
    ASSERT_TRUE(service_
                    ->CreateUser(Person("op@example.com"), op->id, OrgRole::kAdmin,
                                 {PlatformRole::kOperator})
                    .has_value());
    NewOrganization applicant = Org("Applicant Plating");
    applicant.park_id = park_id_;
    applicant.association_ids = {association_org_};
    auto reg = service_->Register(Person("app@example.com"), applicant);
    ASSERT_TRUE(reg.has_value()) << reg.error().ToString();
    applicant_org_ = reg->organization.id;
    applicant_token_ = reg->session.token;
    ASSERT_EQ(reg->join_requests.size(), 2u);
    park_request_ = reg->join_requests[0].id;
    association_request_ = reg->join_requests[1].id;
    auto stranger = service_->Register(Person("stranger@example.com"), Org("Stranger Works"));
    ASSERT_TRUE(stranger.has_value());
    stranger_org_ = stranger->organization.id;
  }

  std::filesystem::path path_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_{FromUnixSeconds(1'800'000'000)};
  IdentityOptions options_;
  std::unique_ptr<IdentityService> service_;
  std::mutex mu_;
  std::vector<GovernanceEvent> events_;
  std::int64_t park_id_ = 0, manager_org_ = 0, association_org_ = 0, applicant_org_ = 0,
               stranger_org_ = 0, park_request_ = 0, association_request_ = 0;
  std::string applicant_token_;
};

TEST_F(MembershipTest, NamingAParkOrAssociationAtRegistrationOnlyRequestsIt) {
  SetUpWorld();
  // Before any decision the applicant is in no park and no association.
  auto applicant = service_->Authenticate(applicant_token_);
  ASSERT_TRUE(applicant.has_value());
  ASSERT_EQ(applicant->memberships.size(), 1u);
  EXPECT_EQ(applicant->memberships[0].park_id, 0);
  EXPECT_TRUE(applicant->memberships[0].association_ids.empty());
  auto org = service_->GetOrganization(*applicant, applicant_org_);
  EXPECT_EQ(org->park_id, 0);
  EXPECT_TRUE(org->association_ids.empty());

  // The deciders see what is addressed to them and were told.
  Principal pm = Login("pm@example.com");
  auto incoming = service_->ListIncomingJoinRequests(pm, manager_org_);
  ASSERT_TRUE(incoming.has_value());
  ASSERT_EQ(incoming->size(), 1u);
  EXPECT_EQ(incoming->at(0).org_id, applicant_org_);
  EXPECT_EQ(incoming->at(0).status, JoinRequestStatus::kPending);
  EXPECT_EQ(Notices(pm.user_id, "identity.join_requested"), 1);
  Principal as = Login("as@example.com");
  EXPECT_EQ(service_->ListIncomingJoinRequests(as, association_org_)->size(), 1u);
  auto own = service_->ListJoinRequests(*applicant, applicant_org_);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->size(), 2u);

  // Approval grants the park (at once, despite the principal cache) and is ledgered.
  events_.clear();
  auto approved = service_->DecideJoinRequest(pm, park_request_, true);
  ASSERT_TRUE(approved.has_value()) << approved.error().ToString();
  EXPECT_EQ(approved->status, JoinRequestStatus::kApproved);
  applicant = service_->Authenticate(applicant_token_);
  EXPECT_EQ(applicant->memberships[0].park_id, park_id_);
  ASSERT_EQ(events_.size(), 1u);
  EXPECT_EQ(events_[0].record_type, "organization.park_joined");
  EXPECT_EQ(events_[0].org_id, applicant_org_);
  EXPECT_EQ(events_[0].canonical_content.find("Applicant"), std::string::npos);
  EXPECT_EQ(Notices(applicant->user_id, "identity.join_request_approved"), 1);
  EXPECT_EQ(service_->DecideJoinRequest(pm, park_request_, false).error().code(),
            ErrorCode::kConflict);

  // Rejection leaves the association out and is ledgered too.
  auto rejected = service_->DecideJoinRequest(as, association_request_, false);
  ASSERT_TRUE(rejected.has_value());
  EXPECT_EQ(events_.back().record_type, "organization.association_join_rejected");
  EXPECT_TRUE(service_->Authenticate(applicant_token_)->memberships[0].association_ids.empty());
  EXPECT_EQ(Notices(applicant->user_id, "identity.join_request_rejected"), 1);

  // Asking again, then approval by the association, adds it.
  auto again =
      service_->RequestJoin(*applicant, applicant_org_, JoinTarget::kAssociation, association_org_);
  ASSERT_TRUE(again.has_value()) << again.error().ToString();
  EXPECT_EQ(
      service_->RequestJoin(*applicant, applicant_org_, JoinTarget::kAssociation, association_org_)
          .error()
          .code(),
      ErrorCode::kAlreadyExists);
  ASSERT_TRUE(service_->DecideJoinRequest(as, again->id, true).has_value());
  EXPECT_EQ(service_->Authenticate(applicant_token_)->memberships[0].association_ids,
            std::vector<std::int64_t>{association_org_});
  EXPECT_EQ(events_.back().record_type, "organization.association_joined");
}

TEST_F(MembershipTest, RequestsAreCheckedAndWithdrawable) {
  SetUpWorld();
  Principal app = *service_->Authenticate(applicant_token_);
  // Not an association, an unknown park, a park in another region.
  EXPECT_EQ(service_->RequestJoin(app, applicant_org_, JoinTarget::kAssociation, stranger_org_)
                .error()
                .code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_->RequestJoin(app, applicant_org_, JoinTarget::kPark, 999).error().code(),
            ErrorCode::kInvalidArgument);
  auto far = service_->CreatePark("Western Park", "cn-west", manager_org_);
  ASSERT_TRUE(far.has_value());
  EXPECT_EQ(service_->RequestJoin(app, applicant_org_, JoinTarget::kPark, far->id).error().code(),
            ErrorCode::kInvalidArgument);

  auto withdrawn = service_->WithdrawJoinRequest(app, park_request_);
  ASSERT_TRUE(withdrawn.has_value());
  EXPECT_EQ(withdrawn->status, JoinRequestStatus::kWithdrawn);
  EXPECT_EQ(
      service_->DecideJoinRequest(Login("pm@example.com"), park_request_, true).error().code(),
      ErrorCode::kConflict);
  EXPECT_EQ(service_->Authenticate(applicant_token_)->memberships[0].park_id, 0);

  // A registration naming a park in another region is refused outright.
  NewOrganization wrong = Org("Far Works");
  wrong.park_id = far->id;
  auto reg = service_->Register(Person("far@example.com"), wrong);
  ASSERT_FALSE(reg.has_value());
  EXPECT_EQ(reg.error().fields().at(0).field, "organization.park_id");
}

// Who may call each operation that changes a membership. Codes: 'y' allowed, 'D' permission
// denied, 'N' not found (the record is not revealed), 'U' unauthenticated.
TEST_F(MembershipTest, AccessMatrixForMembershipChanges) {
  SetUpWorld();
  // An ordinary member of the applicant organization.
  Principal app = *service_->Authenticate(applicant_token_);
  auto inv = service_->Invite(app, applicant_org_, "appm@example.com", OrgRole::kMember);
  ASSERT_TRUE(inv.has_value());
  ASSERT_TRUE(
      service_->Register(Person("appm@example.com"), Org("Member's Own Works")).has_value());
  ASSERT_TRUE(service_->AcceptInvitation(Login("appm@example.com"), inv->id).has_value());

  std::map<std::string, Principal> who{
      {"anonymous", Principal{}},
      {"applicant admin", *service_->Authenticate(applicant_token_)},
      {"applicant member", Login("appm@example.com")},
      {"park manager admin", Login("pm@example.com")},
      {"park manager member", Login("pmm@example.com")},
      {"association admin", Login("as@example.com")},
      {"stranger", Login("stranger@example.com")},
      {"operator", Login("op@example.com")},
  };
  auto code = [](const Status& s) {
    if (s.has_value()) return 'y';
    switch (s.error().code()) {
      case ErrorCode::kPermissionDenied:
        return 'D';
      case ErrorCode::kNotFound:
        return 'N';
      case ErrorCode::kUnauthenticated:
        return 'U';
      default:
        return '?';
    }
  };
  auto status = [](auto result) -> Status {
    if (result.has_value()) return Ok();
    return std::move(result).error();
  };
  // Operations attempted in a fresh world would change it; each row checks refusals only,
  // plus the one allowed caller, which is applied last.
  struct Row {
    std::string name;
    std::function<Status(const Principal&)> call;
    std::map<std::string, char> expected;
  };
  std::vector<Row> rows{
      {"approve park request",
       [&](const Principal& p) {
         return status(service_->DecideJoinRequest(p, park_request_, true));
       },
       {{"anonymous", 'U'},
        {"applicant admin", 'D'},
        {"applicant member", 'D'},
        {"park manager member", 'D'},
        {"association admin", 'N'},
        {"stranger", 'N'},
        {"park manager admin", 'y'}}},
      {"reject association request",
       [&](const Principal& p) {
         return status(service_->DecideJoinRequest(p, association_request_, false));
       },
       {{"anonymous", 'U'},
        {"applicant admin", 'D'},
        {"applicant member", 'D'},
        {"park manager admin", 'N'},
        {"stranger", 'N'},
        {"association admin", 'y'}}},
      {"request to join a park",
       [&](const Principal& p) {
         auto far = service_->CreatePark("Park " + std::to_string(p.user_id) + "x", "cn-east",
                                         manager_org_);
         return status(service_->RequestJoin(p, applicant_org_, JoinTarget::kPark, far->id));
       },
       {{"anonymous", 'U'},
        {"applicant member", 'D'},
        {"park manager admin", 'D'},
        {"association admin", 'D'},
        {"stranger", 'D'},
        {"operator", 'D'},
        {"applicant admin", 'y'}}},
      {"invite",
       [&](const Principal& p) {
         return status(service_->Invite(p, applicant_org_, "new@example.com", OrgRole::kAdmin));
       },
       {{"anonymous", 'U'},
        {"applicant member", 'D'},
        {"park manager admin", 'D'},
        {"stranger", 'D'},
        {"operator", 'D'},
        {"applicant admin", 'y'}}},
      {"remove member",
       [&](const Principal& p) {
         return service_->RemoveMember(p, applicant_org_, who["applicant member"].user_id);
       },
       {{"anonymous", 'U'},
        {"park manager admin", 'D'},
        {"association admin", 'D'},
        {"stranger", 'D'},
        {"operator", 'D'},
        {"applicant admin", 'y'}}},
      {"leave",
       [&](const Principal& p) { return service_->LeaveOrganization(p, manager_org_); },
       {{"anonymous", 'U'},
        {"applicant admin", 'N'},
        {"stranger", 'N'},
        {"park manager member", 'y'}}},
  };
  for (const auto& row : rows) {
    std::string allowed;
    for (const auto& [name, want] : row.expected) {
      if (want == 'y') {
        allowed = name;
        continue;
      }
      EXPECT_EQ(code(row.call(who[name])), want) << row.name << " by " << name;
    }
    ASSERT_FALSE(allowed.empty());
    EXPECT_EQ(code(row.call(who[allowed])), 'y') << row.name << " by " << allowed;
  }
  // Withdrawal: only the applicant's admins (a decided request is no longer pending).
  Principal app_admin = *service_->Authenticate(applicant_token_);
  auto req =
      service_->RequestJoin(app_admin, applicant_org_, JoinTarget::kAssociation, association_org_);
  ASSERT_TRUE(req.has_value());
  EXPECT_EQ(code(status(service_->WithdrawJoinRequest(who["stranger"], req->id))), 'N');
  EXPECT_EQ(code(status(service_->WithdrawJoinRequest(who["association admin"], req->id))), 'N');
  EXPECT_EQ(code(status(service_->WithdrawJoinRequest(app_admin, req->id))), 'y');
  // The operator decides when a park has no managing organization.
  auto orphan = service_->CreatePark("Unmanaged Park", "cn-east", 0);
  auto orphan_req = service_->RequestJoin(app_admin, applicant_org_, JoinTarget::kPark, orphan->id);
  ASSERT_TRUE(orphan_req.has_value());
  EXPECT_EQ(code(status(service_->DecideJoinRequest(who["stranger"], orphan_req->id, true))), 'N');
  EXPECT_EQ(code(status(service_->DecideJoinRequest(who["operator"], orphan_req->id, true))), 'y');
}

TEST_F(MembershipTest, InvitationsBecomeMembershipsOnlyWhenAccepted) {
  auto a = service_->Register(Person("a@example.com"), Org("Works A"));
  auto b = service_->Register(Person("b@example.com"), Org("Works B"));
  ASSERT_TRUE(a.has_value() && b.has_value());
  const std::int64_t org_a = a->organization.id;
  Principal admin_a = Login("a@example.com");

  auto to_b = service_->Invite(admin_a, org_a, "b@example.com", OrgRole::kMember);
  ASSERT_TRUE(to_b.has_value());
  auto to_later = service_->Invite(admin_a, org_a, "later@example.com", OrgRole::kAdmin);
  ASSERT_TRUE(to_later.has_value());
  EXPECT_EQ(service_->Invite(admin_a, org_a, "not-an-email", OrgRole::kMember).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_->ListInvitations(admin_a, org_a)->size(), 2u);
  Principal pb = Login("b@example.com");
  EXPECT_EQ(Notices(pb.user_id, "identity.invitation_received"), 1);
  EXPECT_FALSE(pb.IsMemberOf(org_a));
  auto mine = service_->MyInvitations(pb);
  ASSERT_TRUE(mine.has_value());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).org_name, "Works A");
  // Nobody else can accept b's invitation.
  EXPECT_EQ(service_->AcceptInvitation(admin_a, to_b->id).error().code(), ErrorCode::kNotFound);
  auto member = service_->AcceptInvitation(pb, to_b->id);
  ASSERT_TRUE(member.has_value());
  EXPECT_TRUE(Login("b@example.com").IsMemberOf(org_a));
  EXPECT_EQ(service_->AcceptInvitation(pb, to_b->id).error().code(), ErrorCode::kConflict);
  EXPECT_TRUE(service_->MyInvitations(pb)->empty());

  // Someone who registers later with the invited e-mail sees it; declining adds nothing.
  auto later = service_->Register(Person("later@example.com"), Org("Works L"));
  ASSERT_TRUE(later.has_value());
  Principal pl = Login("later@example.com");
  ASSERT_EQ(service_->MyInvitations(pl)->size(), 1u);
  auto declined = service_->DeclineInvitation(pl, to_later->id);
  ASSERT_TRUE(declined.has_value());
  EXPECT_EQ(declined->status, InvitationStatus::kDeclined);
  EXPECT_FALSE(Login("later@example.com").IsMemberOf(org_a));

  // A revoked invitation cannot be accepted.
  auto to_c = service_->Invite(admin_a, org_a, "later@example.com", OrgRole::kMember);
  ASSERT_TRUE(to_c.has_value());
  EXPECT_EQ(service_->RevokeInvitation(Login("b@example.com"), to_c->id).error().code(),
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_->RevokeInvitation(admin_a, to_c->id).has_value());
  EXPECT_EQ(service_->AcceptInvitation(pl, to_c->id).error().code(), ErrorCode::kConflict);
}

TEST_F(MembershipTest, TheLastAdminCannotLeaveOrBeRemoved) {
  auto a = service_->Register(Person("a@example.com"), Org("Works A"));
  ASSERT_TRUE(service_->Register(Person("b@example.com"), Org("Works B")).has_value());
  const std::int64_t org_a = a->organization.id;
  Principal admin_a = Login("a@example.com");
  auto left = service_->LeaveOrganization(admin_a, org_a);
  ASSERT_FALSE(left.has_value());
  EXPECT_EQ(left.error().code(), ErrorCode::kFailedPrecondition);
  ASSERT_EQ(left.error().fields().size(), 1u);
  EXPECT_EQ(left.error().fields()[0].message, kLastAdminCode);
  EXPECT_EQ(service_->RemoveMember(admin_a, org_a, admin_a.user_id).error().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(Login("a@example.com").IsAdminOf(org_a));

  // A member leaves; an admin removes a member; with a second admin the first may leave.
  auto inv = service_->Invite(admin_a, org_a, "b@example.com", OrgRole::kMember);
  ASSERT_TRUE(service_->AcceptInvitation(Login("b@example.com"), inv->id).has_value());
  Principal pb = Login("b@example.com");
  ASSERT_TRUE(service_->LeaveOrganization(pb, org_a).has_value());
  EXPECT_FALSE(Login("b@example.com").IsMemberOf(org_a));
  EXPECT_EQ(service_->LeaveOrganization(pb, org_a).error().code(), ErrorCode::kNotFound);
  inv = service_->Invite(admin_a, org_a, "b@example.com", OrgRole::kMember);
  ASSERT_TRUE(service_->AcceptInvitation(pb, inv->id).has_value());
  ASSERT_TRUE(service_->RemoveMember(admin_a, org_a, pb.user_id).has_value());
  EXPECT_FALSE(Login("b@example.com").IsMemberOf(org_a));
  EXPECT_EQ(Notices(pb.user_id, "identity.member_removed"), 1);
  inv = service_->Invite(admin_a, org_a, "b@example.com", OrgRole::kAdmin);
  ASSERT_TRUE(service_->AcceptInvitation(pb, inv->id).has_value());
  ASSERT_TRUE(service_->LeaveOrganization(admin_a, org_a).has_value());
  EXPECT_FALSE(Login("a@example.com").IsMemberOf(org_a));
  EXPECT_TRUE(Login("b@example.com").IsAdminOf(org_a));
}

TEST_F(MembershipTest, ChangingThePasswordEndsEveryOtherSession) {
  auto reg = service_->Register(Person("a@example.com"), Org("Works A"));
  ASSERT_TRUE(reg.has_value());
  const std::string here = reg->session.token;
  auto elsewhere = service_->Login("a@example.com", kPassword, "10.1.1.1");
  ASSERT_TRUE(elsewhere.has_value());
  Principal p = *service_->Authenticate(here);
  ASSERT_TRUE(service_->Authenticate(elsewhere->token).has_value());  // cached now

  auto wrong = service_->ChangePassword(p, here, "not the password", "a brand new password");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_->ChangePassword(p, here, kPassword, "short").error().code(),
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(service_->ChangePassword(p, here, kPassword, "a brand new password").has_value());
  EXPECT_TRUE(service_->Authenticate(here).has_value());
  EXPECT_FALSE(service_->Authenticate(elsewhere->token).has_value());
  EXPECT_FALSE(service_->Login("a@example.com", kPassword, "10.1.1.1").has_value());
  auto fresh = service_->Login("a@example.com", "a brand new password", "10.1.1.1");
  ASSERT_TRUE(fresh.has_value());

  ASSERT_TRUE(service_->LogoutEverywhere(p).has_value());
  EXPECT_FALSE(service_->Authenticate(here).has_value());
  EXPECT_FALSE(service_->Authenticate(fresh->token).has_value());
  EXPECT_EQ(service_->LogoutEverywhere(Principal{}).error().code(), ErrorCode::kUnauthenticated);
}

TEST_F(MembershipTest, WrongCurrentPasswordsAreThrottled) {
  auto reg = service_->Register(Person("a@example.com"), Org("Works A"));
  Principal p = *service_->Authenticate(reg->session.token);
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(service_->ChangePassword(p, "", "guess " + std::to_string(i), "a new password 1")
                  .error()
                  .code(),
              ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_->ChangePassword(p, "", kPassword, "a new password 1").error().code(),
            ErrorCode::kResourceExhausted);
}

TEST_F(MembershipTest, IdleSessionsEndAndLastUseIsWrittenAtMostOncePerMinute) {
  options_.session_idle_timeout = std::chrono::hours(48);
  options_.principal_cache_ttl = std::chrono::seconds(0);
  Start();
  auto reg = service_->Register(Person("a@example.com"), Org("Works A"));
  ASSERT_TRUE(reg.has_value());
  const std::string used = reg->session.token;
  auto idle = service_->Login("a@example.com", kPassword, "10.0.0.1");
  ASSERT_TRUE(idle.has_value());
  auto last_seen = [&] {
    auto rows = store::Read(*db_, [&](store::Connection& c) {
      return c.Query("SELECT MAX(last_seen_at) FROM sessions", {});
    });
    return rows->at(0).Int(0);
  };
  const std::int64_t t0 = last_seen();
  clock_.Advance(std::chrono::seconds(30));
  ASSERT_TRUE(service_->Authenticate(used).has_value());
  EXPECT_EQ(last_seen(), t0);  // within the minute: no write
  clock_.Advance(std::chrono::seconds(31));
  ASSERT_TRUE(service_->Authenticate(used).has_value());
  EXPECT_EQ(last_seen(), t0 + 61);
  // Used daily for four days: the used session lives on, the idle one has ended.
  for (int day = 0; day < 4; ++day) {
    clock_.Advance(std::chrono::hours(24));
    ASSERT_TRUE(service_->Authenticate(used).has_value()) << "day " << day;
  }
  EXPECT_EQ(service_->Authenticate(idle->token).error().code(), ErrorCode::kUnauthenticated);
  // The purge deletes the idle one and, once past the absolute lifetime, the other.
  EXPECT_EQ(service_->PurgeExpiredSessions().value_or(-1), 1);
  clock_.Advance(std::chrono::hours(24 * 14));
  EXPECT_EQ(service_->PurgeExpiredSessions().value_or(-1), 1);
}

TEST_F(MembershipTest, AStrangersGuessesDoNotLockTheOwnerOut) {
  ASSERT_TRUE(service_->Register(Person("a@example.com"), Org("Works A")).has_value());
  int refused = 0;
  for (int i = 0; i < 20; ++i) {
    auto r = service_->Login("a@example.com", "guess " + std::to_string(i), "203.0.113.9");
    ASSERT_FALSE(r.has_value());
    if (r.error().code() == ErrorCode::kResourceExhausted) ++refused;
  }
  EXPECT_EQ(refused, 17);  // 3 guesses, then throttled
  EXPECT_EQ(service_->Login("a@example.com", kPassword, "203.0.113.9").error().code(),
            ErrorCode::kResourceExhausted);
  EXPECT_TRUE(service_->Login("a@example.com", kPassword, "10.0.0.1").has_value());
  // The per-address limit still holds across accounts.
  for (int i = 0; i < 30; ++i)
    (void)service_->Login("n" + std::to_string(i) + "@example.com", "xxxxxxxxxxxx", "198.51.100.7");
  EXPECT_EQ(service_->Login("a@example.com", kPassword, "198.51.100.7").error().code(),
            ErrorCode::kResourceExhausted);
}

TEST_F(MembershipTest, ParallelWrongGuessesNeverExceedTheLimit) {
  ASSERT_TRUE(service_->Register(Person("a@example.com"), Org("Works A")).has_value());
  std::atomic<int> checked{0}, throttled{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      auto r = service_->Login("a@example.com", "guess " + std::to_string(i), "203.0.113.9");
      if (r.has_value()) {
        ++other;
      } else if (r.error().code() == ErrorCode::kUnauthenticated) {
        ++checked;
      } else if (r.error().code() == ErrorCode::kResourceExhausted) {
        ++throttled;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(checked.load(), options_.max_failures_per_account);
  EXPECT_EQ(throttled.load(), 16 - options_.max_failures_per_account);
}

TEST_F(MembershipTest, RegistrationIsThrottledPerAddress) {
  options_.max_registrations_per_address = 2;
  Start();
  for (int i = 0; i < 2; ++i)
    ASSERT_TRUE(service_
                    ->Register(Person("r" + std::to_string(i) + "@example.com"),
                               Org("Works " + std::to_string(i)), "192.0.2.1")
                    .has_value());
  auto third = service_->Register(Person("r3@example.com"), Org("Works 3"), "192.0.2.1");
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().code(), ErrorCode::kResourceExhausted);
  EXPECT_TRUE(
      service_->Register(Person("r4@example.com"), Org("Works 4"), "192.0.2.2").has_value());
  clock_.Advance(std::chrono::minutes(61));
  EXPECT_TRUE(
      service_->Register(Person("r5@example.com"), Org("Works 5"), "192.0.2.1").has_value());
}

}  // namespace
}  // namespace rutile::identity
