#include "rutile/notifications/notification_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "rutile/identity/identity_migrations.h"
#include "rutile/identity/identity_service.h"

namespace rutile::notifications {
namespace {

class NotificationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("notifications_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    db_ = std::move(store::OpenDatabase("sqlite:" + (dir_ / "n.db").string()).value());
    auto migrations = identity::IdentityMigrations();
    for (auto& m : NotificationMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store::ApplyMigrations(*db_, migrations).has_value());
    identity::IdentityOptions options;
    options.password_cost = identity::PasswordCost::kMinimal;
    identity_ = std::make_unique<identity::IdentityService>(
        *db_, clock_, identity::RegionCatalog::Default(), options);
    org_ = identity_->CreateOrganization({"Works", "end_user_plant", "cn-east"}).value().id;
    admin_ = Add("admin@example.com", access::OrgRole::kAdmin);
    member_ = Add("member@example.com", access::OrgRole::kMember);
    service_ = std::make_unique<NotificationService>(*db_, clock_);
  }
  void TearDown() override {
    service_.reset();
    identity_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  access::Principal Add(const std::string& email, access::OrgRole role) {
    auto u = identity_->CreateUser({email, "long enough password", "Person", "en"}, org_, role);
    EXPECT_TRUE(u.has_value());
    access::Principal p;
    p.user_id = u->id;
    return p;
  }

  std::filesystem::path dir_;
  FakeClock clock_{FromUnixSeconds(1'800'000'000)};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<identity::IdentityService> identity_;
  std::unique_ptr<NotificationService> service_;
  std::int64_t org_ = 0;
  access::Principal admin_, member_;
};

TEST_F(NotificationServiceTest, OrganizationNoticesReachTheRightMembers) {
  ASSERT_TRUE(
      service_->NotifyOrganization(org_, {"test.all", "To everyone", "", ""}, false).has_value());
  ASSERT_TRUE(service_->NotifyOrganization(org_, {"test.admins", "To admins", "", "/org"}, true)
                  .has_value());
  auto admin_inbox = service_->List(admin_, 50, false);
  ASSERT_TRUE(admin_inbox.has_value());
  ASSERT_EQ(admin_inbox->items.size(), 2u);
  EXPECT_EQ(admin_inbox->items[0].kind, "test.admins");  // newest first
  EXPECT_EQ(admin_inbox->unread, 2);
  auto member_inbox = service_->List(member_, 50, false);
  ASSERT_EQ(member_inbox->items.size(), 1u);
  EXPECT_EQ(member_inbox->items[0].title, "To everyone");
}

TEST_F(NotificationServiceTest, MarkingReadIsPerUser) {
  ASSERT_TRUE(service_->NotifyUser(admin_.user_id, {"k", "One", "", ""}).has_value());
  ASSERT_TRUE(service_->NotifyUser(admin_.user_id, {"k", "Two", "", ""}).has_value());
  auto inbox = service_->List(admin_, 50, false).value();
  const std::int64_t first = inbox.items.back().id;
  EXPECT_EQ(service_->MarkRead(member_, first).error().code(), ErrorCode::kNotFound);
  ASSERT_TRUE(service_->MarkRead(admin_, first).has_value());
  EXPECT_EQ(service_->List(admin_, 50, false)->unread, 1);
  EXPECT_EQ(service_->List(admin_, 50, true)->items.size(), 1u);
  ASSERT_TRUE(service_->MarkAllRead(admin_).has_value());
  EXPECT_EQ(service_->List(admin_, 50, false)->unread, 0);
}

TEST_F(NotificationServiceTest, BadInputAndAnonymousCallers) {
  EXPECT_EQ(service_->List(access::Principal{}, 10, false).error().code(),
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(service_->List(admin_, 0, false).error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_->NotifyUser(admin_.user_id, {"", "", "", ""}).error().fields().size(), 2u);
  EXPECT_EQ(service_->List(admin_, 10, false)->items.size(), 0u);
}

TEST(CodedMessageTest, KeepsTheCodeAndEscapedParametersNotASentence) {
  const Message m = CodedMessage(
      "cases.published",
      NoticeParams().Add("case_id", std::int64_t{42}).Add("name", "Tank \"A\"\\1\n\x01"),
      "/cases?case=7");
  EXPECT_EQ(m.kind, "cases.published");
  EXPECT_EQ(m.title, "cases.published");
  EXPECT_EQ(m.body, R"({"case_id":42,"name":"Tank \"A\"\\1\n\u0001"})");
  EXPECT_EQ(m.link, "/cases?case=7");
  EXPECT_EQ(NoticeParams().Json(), "{}");
}

TEST(CodedMessageTest, RealParametersKeepTheirShortestForm) {
  EXPECT_EQ(NoticeParams().AddReal("v", 3.5).AddReal("w", 0.1).AddReal("x", -2).Json(),
            R"({"v":3.5,"w":0.1,"x":-2})");
  EXPECT_EQ(NoticeParams().AddReal("v", std::nan("")).Json(), R"({"v":null})");
}

TEST_F(NotificationServiceTest, ListsCreationTimesInUnixSeconds) {
  // The web app reads created_at as seconds; a value in milliseconds or a zero would show a
  // date in another century, 1970 included.
  ASSERT_TRUE(service_
                  ->NotifyUser(member_.user_id,
                               CodedMessage("test.coded", NoticeParams().Add("n", "1"), "/inbox"))
                  .has_value());
  auto inbox = service_->List(member_, 10, false);
  ASSERT_TRUE(inbox.has_value());
  ASSERT_EQ(inbox->items.size(), 1u);
  EXPECT_EQ(inbox->items[0].created_at, 1'800'000'000);
  EXPECT_EQ(inbox->items[0].title, "test.coded");
  EXPECT_EQ(inbox->items[0].link, "/inbox");
}

}  // namespace
}  // namespace rutile::notifications
