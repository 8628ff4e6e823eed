#include "rutile/cases/attachment_service.h"

#include <gtest/gtest.h>

#include "application_test_fixture.h"

namespace rutile::cases {
namespace {

using testing::CaseAccessTest;

std::string Segment(char marker, const std::string& payload) {
  const std::size_t n = payload.size() + 2;
  return std::string("\xFF", 1) + marker + static_cast<char>(n >> 8) + static_cast<char>(n & 0xFF) +
         payload;
}

// A small JPEG whose EXIF and comment name the plant's engineer.
std::string JpegNaming(const std::string& who) {
  return std::string("\xFF\xD8", 2) + Segment('\xE1', std::string("Exif\0\0", 6) + who) +
         Segment('\xFE', who) + Segment('\xDA', std::string("\x01\x01\x00\x00\x3F\x00", 6)) +
         "\x3F\xFF\xD9";
}

class AttachmentServiceTest : public CaseAccessTest {
 protected:
  void SetUp() override {
    CaseAccessTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    service_ = std::make_unique<CaseAttachmentService>(world_->db(), world_->clock(),
                                                       AttachmentOptions{4096});
  }
  void TearDown() override {
    service_.reset();
    CaseAccessTest::TearDown();
  }
  std::unique_ptr<CaseAttachmentService> service_;
};

TEST_P(AttachmentServiceTest, OriginalStaysPrivateAndThePublicGetsTheStrippedCopy) {
  auto c = cases_->Submit(owner_, 0, Input());
  ASSERT_TRUE(c.has_value());
  const std::string photo = JpegNaming("王建国 GPS 31.2989N");
  auto a = service_->Upload(owner_member_, c->id, photo);
  ASSERT_TRUE(a.has_value()) << a.error().ToString();
  EXPECT_EQ(a->n, 1);
  EXPECT_EQ(a->media_type, MediaType::kJpeg);
  EXPECT_LT(a->published_bytes, a->size_bytes);
  auto pdf = service_->Upload(owner_, c->id, "%PDF-1.4\n% by 王建国\n%%EOF");
  ASSERT_TRUE(pdf.has_value());
  EXPECT_EQ(pdf->n, 2);
  EXPECT_EQ(pdf->published_bytes, 0);

  EXPECT_EQ(service_->Original(owner_, c->id, 1)->bytes, photo);
  EXPECT_EQ(service_->List(owner_, c->id)->size(), 2u);
  EXPECT_EQ(service_->Original(applicant_, c->id, 1).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->Upload(applicant_, c->id, photo).error().code(), ErrorCode::kNotFound);

  // Not published yet: the case has no public side.
  auto [ignored, public_id] = Publish(Input());
  EXPECT_EQ(service_->ListPublic(applicant_, public_id)->size(), 0u);
  ASSERT_TRUE(cases_->RequestPublication(owner_, c->id).has_value());
  auto pc = cases_->ApprovePublication(reviewer_, c->id);
  ASSERT_TRUE(pc.has_value());
  auto listed = service_->ListPublic(applicant_, pc->id);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);  // the PDF stays private
  EXPECT_EQ(listed->at(0).size_bytes, a->published_bytes);
  auto published = service_->Published(applicant_, pc->id, 1);
  ASSERT_TRUE(published.has_value()) << published.error().ToString();
  EXPECT_EQ(published->bytes.find("王建国"), std::string::npos);
  EXPECT_EQ(published->bytes.find("Exif"), std::string::npos);
  EXPECT_EQ(published->bytes.substr(0, 2), "\xFF\xD8");
  EXPECT_EQ(service_->Published(applicant_, pc->id, 2).error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(service_->Published(access::Principal{}, pc->id, 1).error().code(),
            ErrorCode::kUnauthenticated);
}

TEST_P(AttachmentServiceTest, ContentIsSniffedAndCheckedBeforeAnythingIsStored) {
  auto c = cases_->Submit(owner_, 0, Input());
  ASSERT_TRUE(c.has_value());
  for (const std::string& bad :
       {std::string(), std::string("GIF89a...."), std::string("<svg onload=alert(1)>"),
        std::string(5000, '\xFF'), std::string("\xFF\xD8\xFF\xE1\x00\x10", 6)}) {
    auto r = service_->Upload(owner_, c->id, bad);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().fields().at(0).field, "file");
  }
  EXPECT_EQ(Count("case_attachments"), 0);
}

TEST_P(AttachmentServiceTest, AnAttachmentAddedAfterPublicationWaitsForItsOwnReview) {
  auto c = cases_->Submit(owner_, 0, Input());
  ASSERT_TRUE(c.has_value());
  auto first = service_->Upload(owner_, c->id, JpegNaming("before"));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->review, AttachmentReview::kWithCase);
  ASSERT_TRUE(cases_->RequestPublication(owner_, c->id).has_value());
  auto pc = cases_->ApprovePublication(reviewer_, c->id);
  ASSERT_TRUE(pc.has_value());

  auto later = service_->Upload(owner_member_, c->id, JpegNaming("王建国 after"));
  ASSERT_TRUE(later.has_value()) << later.error().ToString();
  EXPECT_EQ(later->review, AttachmentReview::kPending);
  // Public readers see only the attachment published with the case.
  auto listed = service_->ListPublic(applicant_, pc->id);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).n, 1);
  auto hidden = service_->Published(applicant_, pc->id, 2);
  ASSERT_FALSE(hidden.has_value());
  EXPECT_EQ(hidden.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(hidden.error().message(), "attachment 2 does not exist");
  // The owner still sees it, with its state.
  EXPECT_EQ(service_->List(owner_, c->id)->at(1).review, AttachmentReview::kPending);

  // Only reviewers outside the owning organization see and decide it.
  EXPECT_EQ(service_->ListPending(owner_).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(service_->Decide(applicant_, c->id, 2, true).error().code(),
            ErrorCode::kPermissionDenied);
  auto pending = service_->ListPending(reviewer_);
  ASSERT_TRUE(pending.has_value());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ(pending->at(0).case_id, c->id);
  EXPECT_EQ(pending->at(0).public_case_id, pc->id);
  auto copy = service_->PendingCopy(reviewer_, c->id, 2);
  ASSERT_TRUE(copy.has_value());
  EXPECT_EQ(copy->bytes.find("王建国"), std::string::npos);
  EXPECT_EQ(service_->PendingCopy(reviewer_, c->id, 1).error().code(), ErrorCode::kNotFound);

  auto approved = service_->Decide(reviewer_, c->id, 2, true);
  ASSERT_TRUE(approved.has_value()) << approved.error().ToString();
  EXPECT_EQ(approved->review, AttachmentReview::kApproved);
  EXPECT_EQ(service_->Decide(reviewer_, c->id, 2, false).error().code(), ErrorCode::kConflict);
  EXPECT_EQ(service_->ListPublic(applicant_, pc->id)->size(), 2u);
  auto shown = service_->Published(applicant_, pc->id, 2);
  ASSERT_TRUE(shown.has_value());
  EXPECT_EQ(shown->bytes.find("王建国"), std::string::npos);
  EXPECT_TRUE(service_->ListPending(reviewer_)->empty());

  // A rejected one stays private.
  ASSERT_TRUE(service_->Upload(owner_, c->id, JpegNaming("third")).has_value());
  ASSERT_TRUE(service_->Decide(reviewer_, c->id, 3, false).has_value());
  EXPECT_EQ(service_->ListPublic(applicant_, pc->id)->size(), 2u);
  EXPECT_EQ(service_->Published(applicant_, pc->id, 3).error().code(), ErrorCode::kNotFound);
}

TEST_P(AttachmentServiceTest, AnAttachmentAddedWhileUnderReviewWaitsToo) {
  auto c = cases_->Submit(owner_, 0, Input());
  ASSERT_TRUE(c.has_value());
  ASSERT_TRUE(cases_->RequestPublication(owner_, c->id).has_value());
  auto a = service_->Upload(owner_, c->id, JpegNaming("x"));
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->review, AttachmentReview::kPending);
  auto pc = cases_->ApprovePublication(reviewer_, c->id);
  ASSERT_TRUE(pc.has_value());
  EXPECT_TRUE(service_->ListPublic(applicant_, pc->id)->empty());
}

INSTANTIATE_TEST_SUITE_P(Databases, AttachmentServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::cases
