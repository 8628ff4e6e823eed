#include "rutile/cases/application_service.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "application_test_fixture.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;
using testing::CaseAccessTest;

class ApplicationServiceTest : public CaseAccessTest {
 protected:
  void SetUp() override {
    CaseAccessTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    service_ = std::make_unique<CaseApplicationService>(world_->db(), world_->clock());
  }
  void TearDown() override {
    service_.reset();
    CaseAccessTest::TearDown();
  }
  std::unique_ptr<CaseApplicationService> service_;
};

TEST_P(ApplicationServiceTest, ApplyGrantReadAndLogEveryRead) {
  auto [case_id, public_id] = Publish(Input());
  auto a = service_->Apply(applicant_, public_id,
                           {"compare with our own bath", {"temperature_c", "narrative", "ph"}});
  ASSERT_TRUE(a.has_value()) << a.error().ToString();
  EXPECT_EQ(a->status, ApplicationStatus::kPending);
  EXPECT_EQ(a->case_id, 0);  // the applicant never learns the private case
  EXPECT_TRUE(a->allowed_actions.empty());
  EXPECT_EQ(a->requested_fields, (std::vector<std::string>{"narrative", "ph", "temperature_c"}));

  // The owner's administrators and the reviewers are told; the decider sees who asks.
  auto notified = store::Read(world_->db(), [&](store::Connection& c) -> Result<std::int64_t> {
    RUTILE_ASSIGN_OR_RETURN(auto rows,
                            c.Query("SELECT COUNT(*) FROM notifications WHERE kind = "
                                    "'cases.application' AND (user_id = ? OR user_id = ?)",
                                    {owner_.user_id, reviewer_.user_id}));
    return rows.at(0).Int(0);
  });
  EXPECT_EQ(notified.value(), 2);
  auto owner_list = service_->List(owner_, "owner");
  ASSERT_TRUE(owner_list.has_value());
  ASSERT_EQ(owner_list->size(), 1u);
  EXPECT_EQ(owner_list->at(0).applicant_name, "Carlos Mendes");
  EXPECT_EQ(owner_list->at(0).case_id, case_id);
  EXPECT_EQ(owner_list->at(0).allowed_actions, (std::vector<std::string>{"grant", "refuse"}));
  EXPECT_TRUE(service_->List(owner_member_, "owner")->empty());  // members do not decide
  EXPECT_EQ(service_->List(applicant_, "applicant")->size(), 1u);
  EXPECT_TRUE(service_->List(applicant_, "owner")->empty());

  // Not decided yet: no detail; the applicant cannot grant itself.
  EXPECT_EQ(service_->Detail(applicant_, a->id).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Grant(applicant_, a->id, {}).error().code(), ErrorCode::kPermissionDenied);

  auto granted = service_->Grant(owner_, a->id, {"fine", std::nullopt});
  ASSERT_TRUE(granted.has_value()) << granted.error().ToString();
  EXPECT_EQ(granted->status, ApplicationStatus::kGranted);
  EXPECT_EQ(granted->expires_at, 1'750'000'000 + 90 * 24 * 3600);
  auto again = service_->Grant(owner_, a->id, {});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code(), ErrorCode::kConflict);
  EXPECT_NE(again.error().message().find("allowed actions: refuse"), std::string::npos);

  auto d = service_->Detail(applicant_, a->id);
  ASSERT_TRUE(d.has_value()) << d.error().ToString();
  EXPECT_EQ(d->fields.size(), 3u);
  EXPECT_EQ(d->fields.at("temperature_c").as_double(), 61);  // exact, not rounded to 5 °C
  EXPECT_EQ(d->fields.at("ph").as_double(), 4.2);
  const std::string narrative(d->fields.at("narrative").as_string());
  EXPECT_EQ(narrative.find("Okafor"), std::string::npos) << narrative;
  EXPECT_EQ(narrative.find("华瑞"), std::string::npos) << narrative;
  EXPECT_NE(narrative.find("perforated"), std::string::npos);
  const std::string everything = json::serialize(d->fields);
  EXPECT_EQ(everything.find("chloride"), std::string::npos);  // not requested

  world_->clock().Advance(std::chrono::seconds(60));
  ASSERT_TRUE(service_->Detail(applicant_, a->id).has_value());
  auto log = service_->AccessLog(owner_member_, a->id);
  ASSERT_TRUE(log.has_value()) << log.error().ToString();
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ(log->at(0).user_id, applicant_.user_id);
  EXPECT_EQ(log->at(1).at, 1'750'000'060);
  EXPECT_EQ(log->at(0).fields, (std::vector<std::string>{"narrative", "ph", "temperature_c"}));
  EXPECT_EQ(service_->AccessLog(applicant_, a->id).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Detail(owner_, a->id).error().code(), ErrorCode::kPermissionDenied);

  // Expired: 403 and nothing logged.
  world_->clock().Advance(std::chrono::hours(24 * 91));
  auto expired = service_->Detail(applicant_, a->id);
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("case_access_log"), 2);
  EXPECT_EQ(service_->Get(applicant_, a->id)->status, ApplicationStatus::kExpired);
  // A new application is possible once the old one expired.
  EXPECT_TRUE(service_->Apply(applicant_, public_id, {"again", {}}).has_value());
}

TEST_P(ApplicationServiceTest, RefusalWithdrawalAndStates) {
  auto [case_id, public_id] = Publish(Input());
  auto a = service_->Apply(applicant_, public_id, {"purpose", {}});
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->requested_fields.size(), ReleasableFields().size());
  EXPECT_EQ(service_->Apply(applicant_, public_id, {"twice", {}}).error().code(),
            ErrorCode::kAlreadyExists);
  // A reviewer may decide too; refusing needs a reason.
  EXPECT_EQ(service_->Refuse(reviewer_, a->id, {}).error().code(), ErrorCode::kInvalidArgument);
  ASSERT_TRUE(service_->Grant(reviewer_, a->id, {"ok", 1'750'000'000 + 3600}).has_value());
  ASSERT_TRUE(service_->Detail(applicant_, a->id).has_value());
  auto withdrawn = service_->Refuse(owner_, a->id, {"no longer", std::nullopt});
  ASSERT_TRUE(withdrawn.has_value()) << withdrawn.error().ToString();
  EXPECT_EQ(withdrawn->status, ApplicationStatus::kRefused);
  EXPECT_EQ(service_->Detail(applicant_, a->id).error().code(), ErrorCode::kPermissionDenied);
  auto late = service_->Grant(owner_, a->id, {});
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code(), ErrorCode::kConflict);
  EXPECT_NE(late.error().message().find("allowed actions: none"), std::string::npos);
  // Strangers do not learn the application exists.
  access::Principal stranger =
      User("x@example.test", "Stranger", applicant_org_, access::OrgRole::kMember, {});
  EXPECT_EQ(service_->Get(stranger, a->id).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->AccessLog(stranger, a->id).error().code(), ErrorCode::kNotFound);
  (void)case_id;
}

TEST_P(ApplicationServiceTest, BadApplicationsWriteNothing) {
  auto [case_id, public_id] = Publish(Input());
  auto bad = service_->Apply(applicant_, public_id, {"  ", {"narrative", "org_name"}});
  ASSERT_FALSE(bad.has_value());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"purpose", "requested_fields[1]"}));
  EXPECT_EQ(service_->Apply(owner_, public_id, {"mine", {}}).error().code(),
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(service_->Apply(applicant_, 9999, {"missing", {}}).error().code(),
            ErrorCode::kNotFound);
  EXPECT_EQ(service_->Apply(access::Principal{}, public_id, {"x", {}}).error().code(),
            ErrorCode::kUnauthenticated);
  auto synthetic = cases_->PublishSynthetic(Input());
  ASSERT_TRUE(synthetic.has_value());
  EXPECT_EQ(service_->Apply(applicant_, synthetic->id, {"demo", {}}).error().code(),
            ErrorCode::kFailedPrecondition);
  auto a = service_->Apply(applicant_, public_id, {"ok", {}});
  ASSERT_TRUE(a.has_value());
  auto past = service_->Grant(owner_, a->id, {"", 1'000});
  ASSERT_FALSE(past.has_value());
  EXPECT_EQ(past.error().fields().at(0).field, "expires_at");
  EXPECT_EQ(service_->List(owner_, "boss").error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(Count("case_applications"), 1);
  (void)case_id;
}

INSTANTIATE_TEST_SUITE_P(Databases, ApplicationServiceTest,
                         ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::cases
