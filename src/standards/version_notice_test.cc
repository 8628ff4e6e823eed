#include "rutile/standards/version_notice.h"

#include <gtest/gtest.h>

#include "self_inspection_test_fixture.h"

namespace rutile::standards {
namespace {

class ReleaseNoticesTest : public testing::SelfCheckFixture {
 protected:
  void SetUp() override {
    SelfCheckFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    third_org_ = NewOrg("Idle Works", "end_user_plant", "cn-east");
    equipment_ = {
        {org_, 11, "Coil 1", "coil_heater", "Ti-Gr2", "", {}, std::nullopt, 2, "", "", ""},
        {org_,
         12,
         "Pickling heater",
         "immersion_heater",
         "Ti-Gr2",
         "hf-hno3-pickling",
         {"HF", "HNO3"},
         40.0,
         4,
         "pickling",
         "",
         ""},
        {other_org_,
         21,
         "Tank heater",
         "immersion_heater",
         "Ti-Gr2",
         "",
         {},
         std::nullopt,
         1,
         "",
         "",
         ""},
        {third_org_, 31, "Unknown", "immersion_heater", "", "", {}, std::nullopt, 0, "", "", ""},
    };
    notices_ = std::make_unique<ReleaseNotices>(
        *db_, clock_, *standards_,
        [this](store::Connection&) -> Result<std::vector<RegisteredEquipment>> {
          ++directory_calls_;
          return equipment_;
        });
  }
  void TearDown() override {
    notices_.reset();
    SelfCheckFixture::TearDown();
  }
  // Amends RT-4.8 (exchangers and coils) and adds RT-3.16 for HF-nitric pickling baths.
  NewProposal Changes() {
    NewProposal in;
    in.org_id = org_;
    in.document_code = "RTB";
    in.title = "Coil preservation and pickling heaters";
    in.rationale = "Field reports.";
    Clause amended = standards_->GetClause("rtb-4.8").value();
    amended.text["en"] += " Check the nitrogen pressure weekly.";
    in.changes.push_back({"amend", "rtb-4.8", amended});
    Clause added = standards_->GetClause("rtb-3.4").value();
    added.id = "rtb-3.16";
    added.number = "RT-3.16";
    added.conditions = {};
    added.conditions.media = {"hf-hno3-pickling"};
    in.changes.push_back({"add", "rtb-3.16", added});
    return in;
  }
  std::int64_t third_org_ = 0;
  std::vector<RegisteredEquipment> equipment_;
  int directory_calls_ = 0;
  std::unique_ptr<ReleaseNotices> notices_;
};

TEST_P(ReleaseNoticesTest, NotifiesOrganizationsWhoseEquipmentTheChangesApplyTo) {
  const std::int64_t id = ReleaseProposal(Changes());
  ASSERT_GT(id, 0);
  const int member_before = Unread(member_);
  auto report = notices_->NotifyRelease(id);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_FALSE(report->already_sent);
  EXPECT_EQ(report->document_code, "RTB");
  EXPECT_EQ(report->version, "1.1");
  ASSERT_EQ(report->notices.size(), 1u);
  const auto& n = report->notices[0];
  EXPECT_EQ(n.org_id, org_);
  ASSERT_EQ(n.items.size(), 2u);
  EXPECT_EQ(n.items[0].item_id, 11);
  EXPECT_EQ(n.items[0].clause_numbers, std::vector<std::string>{"RT-4.8"});
  EXPECT_EQ(n.items[1].item_id, 12);
  EXPECT_EQ(n.items[1].clause_numbers, std::vector<std::string>{"RT-3.16"});

  // One message per organization, to every member, naming items and clauses.
  EXPECT_EQ(Unread(member_), member_before + 1);
  EXPECT_EQ(Unread(outsider_), 0);
  notifications::NotificationService inbox(*db_, clock_);
  auto items = inbox.List(member_, 10, true).value().items;
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].kind, "standards.version_affects_equipment");
  EXPECT_EQ(items[0].title, "standards.version_affects_equipment");  // a code, not a sentence
  EXPECT_NE(items[0].body.find(R"("count":2)"), std::string::npos) << items[0].body;
  EXPECT_NE(items[0].body.find("Pickling heater: RT-3.16"), std::string::npos) << items[0].body;
  EXPECT_NE(items[0].body.find("Coil 1: RT-4.8"), std::string::npos);

  // Once only.
  auto again = notices_->NotifyRelease(id);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->already_sent);
  EXPECT_TRUE(again->notices.empty());
  EXPECT_EQ(Unread(member_), member_before + 1);
  EXPECT_TRUE(notices_->NotifyPending().value().empty());
  EXPECT_EQ(directory_calls_, 1);
}

TEST_P(ReleaseNoticesTest, PendingReleasesAreCaughtUp) {
  const std::int64_t id = ReleaseProposal(Changes());
  ASSERT_GT(id, 0);
  auto pending = notices_->NotifyPending();
  ASSERT_TRUE(pending.has_value()) << pending.error().ToString();
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].proposal_id, id);
  EXPECT_TRUE(notices_->NotifyPending().value().empty());
}

TEST_P(ReleaseNoticesTest, OnlyReleasedProposals) {
  auto open = standards_->CreateProposal(admin_, Changes());
  ASSERT_TRUE(open.has_value());
  EXPECT_EQ(notices_->NotifyRelease(open->id).error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(notices_->NotifyRelease(999).error().code(), ErrorCode::kNotFound);
  EXPECT_TRUE(notices_->NotifyPending().value().empty());
}

TEST_P(ReleaseNoticesTest, DirectoryFailureSendsNothing) {
  const std::int64_t id = ReleaseProposal(Changes());
  ReleaseNotices failing(*db_, clock_, *standards_,
                         [](store::Connection&) -> Result<std::vector<RegisteredEquipment>> {
                           return Unavailable("equipment register offline");
                         });
  EXPECT_EQ(failing.NotifyRelease(id).error().code(), ErrorCode::kUnavailable);
  // Not marked as sent: a later run still notifies.
  auto later = notices_->NotifyRelease(id);
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->notices.size(), 1u);
}

TEST(ProfileForEquipmentTest, AssessedWhenTheBathIsKnownElseByGrade) {
  RegisteredEquipment e{
      1, 2, "h", "immersion_heater", "Ti-Gr2", "saturated-brine", {}, 60.0, 3, "", "II", "small"};
  auto p = ProfileForEquipment(e);
  ASSERT_TRUE(p.has_value());
  EXPECT_FALSE(p->grade.has_value());
  EXPECT_EQ(p->preset, "saturated-brine");
  EXPECT_EQ(p->region_category, "II");
  e.temperature_c.reset();
  p = ProfileForEquipment(e);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->grade, 3);
  e.grade = 0;
  EXPECT_FALSE(ProfileForEquipment(e).has_value());
}

INSTANTIATE_TEST_SUITE_P(Databases, ReleaseNoticesTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::standards
