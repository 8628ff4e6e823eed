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
    service_ = std::make_unique<CaseAttachmentService>(*db_, clock_, AttachmentOptions{4096});
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

INSTANTIATE_TEST_SUITE_P(Databases, AttachmentServiceTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::cases
