#include "rutile/equipment/reminder_job.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <thread>

#include "maintenance_test_fixture.h"
#include "rutile/equipment/digest.h"

namespace rutile::equipment {
namespace {

using testing::Midnight;

// A real SMTP sink on 127.0.0.1 (port chosen by the kernel): accepts sessions one after the other
// on its own thread, answers like a relay and keeps every envelope and message.
class SmtpSink {
 public:
  struct Mail {
    std::string from;
    std::vector<std::string> to;
    std::string data;
  };

  SmtpSink() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(fd_, 4), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~SmtpSink() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  int port() const { return port_; }
  std::vector<Mail> mails() {
    std::lock_guard<std::mutex> lock(mu_);
    return mails_;
  }

 private:
  void Serve() {
    for (;;) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      Session(c);
      ::close(c);
    }
  }
  static void Say(int c, const std::string& line) {
    const std::string out = line + "\r\n";
    (void)!::write(c, out.data(), out.size());
  }
  void Session(int c) {
    Say(c, "220 sink ESMTP");
    std::string buffer;
    Mail mail;
    bool in_data = false;
    char chunk[4096];
    for (;;) {
      std::size_t eol;
      while ((eol = buffer.find("\r\n")) == std::string::npos) {
        ssize_t n = ::read(c, chunk, sizeof chunk);
        if (n <= 0) return;
        buffer.append(chunk, static_cast<std::size_t>(n));
      }
      std::string line = buffer.substr(0, eol);
      buffer.erase(0, eol + 2);
      if (in_data) {
        if (line == ".") {
          in_data = false;
          std::lock_guard<std::mutex> lock(mu_);
          mails_.push_back(mail);
          mail = {};
          Say(c, "250 2.0.0 queued");
        } else {
          mail.data += line + "\n";
        }
      } else if (line.rfind("EHLO", 0) == 0) {
        Say(c, "250-sink greets you");
        Say(c, "250 8BITMIME");
      } else if (line.rfind("MAIL FROM:", 0) == 0) {
        mail.from = line.substr(10);
        Say(c, "250 ok");
      } else if (line.rfind("RCPT TO:", 0) == 0) {
        mail.to.push_back(line.substr(8));
        Say(c, "250 ok");
      } else if (line == "DATA") {
        in_data = true;
        Say(c, "354 go ahead");
      } else if (line == "QUIT") {
        Say(c, "221 bye");
        return;
      } else {
        Say(c, "502 unknown");
      }
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<Mail> mails_;
};

class ReminderJobTest : public testing::MaintenanceFixture {
 protected:
  // Kinds of the admin's inbox messages, oldest first.
  std::vector<std::string> Inbox(const access::Principal& who) {
    notifications::NotificationService n(world_->db(), world_->clock());
    auto inbox = n.List(who, 200, false);
    EXPECT_TRUE(inbox.has_value());
    std::vector<std::string> out;
    for (auto it = inbox->items.rbegin(); it != inbox->items.rend(); ++it)
      out.push_back(it->kind == "equipment.maintenance_digest" ? "digest" : it->body);
    return out;
  }
  static SmtpSettings Relay(int port) {
    SmtpSettings s;
    s.host = "127.0.0.1";
    s.port = port;
    s.from = "maintenance@rutile.example";
    return s;
  }
  void SetDay(const std::string& date) {
    world_->clock().Set(FromUnixSeconds(Midnight(date) + 8 * 3600));
  }
  ReminderReport Run(ReminderJob& job) {
    auto r = job.RunOnce(world_->clock().Now());
    EXPECT_TRUE(r.has_value()) << r.error().ToString();
    return r.value_or(ReminderReport{});
  }
};

// Grade 1 heater installed 2026-05-10: the bath analysis (30 days) is due on 2026-06-09; the
// other activities are a year away and stay silent.
TEST_P(ReminderJobTest, EachStageOnceAcrossDaysAndOneDigestPerDay) {
  Item item = Heater("watts-nickel", 55, "2026-05-10");
  ASSERT_TRUE(service_->Generate(admin_, item.id).has_value());
  ReminderJob job(world_->db());

  SetDay("2026-06-01");  // due in 8 days: before the first stage
  ReminderReport r = Run(job);
  EXPECT_EQ(r.reminders, 0);
  EXPECT_EQ(r.digests, 0);

  SetDay("2026-06-02");  // 7 days before: upcoming, and the first digest
  r = Run(job);
  EXPECT_EQ(r.reminders, 1);
  EXPECT_EQ(r.digests, 1);
  world_->clock().Advance(std::chrono::hours(3));  // the same day again: nothing new
  r = Run(job);
  EXPECT_EQ(r.reminders, 0);
  EXPECT_EQ(r.digests, 0);

  SetDay("2026-06-03");  // still upcoming: no second reminder, but a new day's digest
  r = Run(job);
  EXPECT_EQ(r.reminders, 0);
  EXPECT_EQ(r.digests, 1);

  SetDay("2026-06-09");  // due today
  EXPECT_EQ(Run(job).reminders, 1);
  SetDay("2026-06-10");  // overdue
  EXPECT_EQ(Run(job).reminders, 1);
  SetDay("2026-06-11");
  EXPECT_EQ(Run(job).reminders, 0);

  // Coded notices: the parameters, never a sentence in the sender's language; a rule task is
  // named by its kind.
  auto params = [&](int days, const std::string& stage) {
    return R"(,"task_kind":"bath_analysis","item_name":")" + item.input.name +
           R"(","due_on":"2026-06-09","days":)" + std::to_string(days) + R"(,"stage":")" + stage +
           R"("})";
  };
  const auto inbox = Inbox(member_);
  ASSERT_EQ(inbox.size(), 8u);
  EXPECT_NE(inbox[0].find(params(7, "upcoming")), std::string::npos) << inbox[0];
  EXPECT_NE(inbox[3].find(params(0, "due")), std::string::npos) << inbox[3];
  EXPECT_NE(inbox[5].find(params(-1, "overdue")), std::string::npos) << inbox[5];
  EXPECT_EQ((std::vector<std::string>{inbox[1], inbox[2], inbox[4], inbox[6], inbox[7]}),
            (std::vector<std::string>(5, "digest")));
  EXPECT_TRUE(Inbox(stranger_).empty());

  // Completing the task ends its reminders; the next one is a month away.
  auto open = service_
                  ->ListTasks(admin_,
                              [] {
                                TaskFilter f;
                                f.status = "overdue";
                                return f;
                              }())
                  .value();
  ASSERT_EQ(open.size(), 1u);
  ASSERT_TRUE(service_->Complete(admin_, open[0].id, {}).has_value());
  SetDay("2026-06-12");
  r = Run(job);
  EXPECT_EQ(r.reminders, 0);
  EXPECT_EQ(r.digests, 0);
}

// A task first seen when already late gets only the overdue reminder.
TEST_P(ReminderJobTest, LateTaskGetsOnlyTheOverdueStage) {
  Item item = Heater("watts-nickel", 55, "2026-01-10");  // bath analysis due 2026-02-09
  ASSERT_TRUE(service_->Generate(admin_, item.id).has_value());
  ReminderJob job(world_->db());
  ReminderReport r = Run(job);
  EXPECT_EQ(r.reminders, 1);
  EXPECT_EQ(r.digests, 1);
  auto inbox = Inbox(admin_);
  ASSERT_EQ(inbox.size(), 2u);
  EXPECT_NE(inbox[0].find(R"("due_on":"2026-02-09","days":-)"), std::string::npos) << inbox[0];
}

TEST_P(ReminderJobTest, DigestIsEmailedOnceThroughSmtp) {
  Item item = Heater("watts-nickel", 80, "2026-01-10");  // grade 3: four overdue tasks
  ASSERT_TRUE(service_->Generate(admin_, item.id).has_value());

  // No relay listening: the digest is still in the inbox, the e-mail error is reported.
  int closed_port;
  {
    SmtpSink probe;
    closed_port = probe.port();
  }
  ReminderJob down(world_->db(), Relay(closed_port));
  ReminderReport r = Run(down);
  EXPECT_EQ(r.digests, 1);
  EXPECT_EQ(r.emails, 0);
  ASSERT_EQ(r.email_errors.size(), 1u);

  // Relay up: the same day's digest goes out once, to every member, in each member's language.
  ASSERT_TRUE(world_->identity()
                  .CreateUser({"chen@example.com", "long enough password", "Chen", "zh"}, org_,
                              access::OrgRole::kMember)
                  .has_value());
  SmtpSink sink;
  ReminderJob job(world_->db(), Relay(sink.port()));
  r = Run(job);
  EXPECT_EQ(r.digests, 0);
  EXPECT_EQ(r.emails, 1);
  EXPECT_TRUE(r.email_errors.empty());
  r = Run(job);
  EXPECT_EQ(r.emails, 0);
  auto mails = sink.mails();
  ASSERT_EQ(mails.size(), 2u);
  EXPECT_EQ(mails[0].from, "<maintenance@rutile.example>");
  EXPECT_EQ(mails[0].to, (std::vector<std::string>{"<admin@example.com>", "<member@example.com>"}));
  EXPECT_NE(mails[0].data.find("Subject: Maintenance 2026-06-01: 4 overdue, 0 due soon"),
            std::string::npos)
      << mails[0].data;
  EXPECT_NE(mails[0].data.find("- 2026-01-17  " + item.input.name + ": Bath analysis"),
            std::string::npos);
  EXPECT_EQ(mails[1].to, (std::vector<std::string>{"<chen@example.com>"}));
  EXPECT_NE(mails[1].data.find("Subject: =?UTF-8?B?"), std::string::npos) << mails[1].data;
  EXPECT_EQ(mails[1].data.find("Maintenance"), std::string::npos) << mails[1].data;
}

TEST(SmtpFormat, DotStuffingLineEndsAndEncodedSubject) {
  SmtpSettings s;
  s.host = "localhost";
  s.from = "a@example.com";
  MailMessage m{{"b@example.com", "c@example.com"}, "检修 due", "line one\n.hidden dot\nlast"};
  const std::string data = FormatMailData(s, m, Midnight("2026-06-01"));
  EXPECT_NE(data.find("Subject: =?UTF-8?B?5qOA5L+uIGR1ZQ==?=\r\n"), std::string::npos) << data;
  EXPECT_NE(data.find("To: b@example.com, c@example.com\r\n"), std::string::npos);
  EXPECT_NE(data.find("Date: Mon, 01 Jun 2026 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(data.find("\r\n\r\nline one\r\n..hidden dot\r\nlast\r\n"), std::string::npos);
  EXPECT_EQ(SendMail(s, {{"bad address"}, "x", "y"}, 0).error().code(),
            ErrorCode::kInvalidArgument);
}

TEST(Digest, ListsOverdueFirstAndCountsTheRest) {
  std::vector<Task> tasks(3);
  tasks[0].status = "overdue";
  tasks[0].due_on = "2026-05-01";
  tasks[0].item_name = "H1";
  tasks[0].title = "Cleaning";
  tasks[0].id = 7;
  tasks[1] = tasks[0];
  tasks[1].status = "due";
  tasks[1].due_on = "2026-06-03";
  tasks[2] = tasks[1];
  const auto& rules = MaintenanceRules::Default();
  DigestText d =
      ComposeDigest(texts::Catalogue::ForLanguage("en"), rules, "Works", "2026-06-01", tasks, 2);
  EXPECT_EQ(d.subject, "Maintenance 2026-06-01: 1 overdue, 2 due soon");
  EXPECT_EQ(d.body,
            "Maintenance digest for Works on 2026-06-01\n\nOverdue:\n- 2026-05-01  H1: Cleaning "
            "(task 7)\n\nDue soon:\n- 2026-06-03  H1: Cleaning (task 7)\n\n\u2026 and 1 more.\n\n"
            "Open the maintenance list: /equipment/maintenance\n");
}

// A rule task in the digest reads the rules' title in the recipient's language; what people
// typed (item names, calendar titles) stays as typed; dates stay YYYY-MM-DD.
TEST(Digest, ChineseAndArabicRecipientsReadTheirLanguage) {
  std::vector<Task> tasks(2);
  tasks[0].status = "overdue";
  tasks[0].due_on = "2026-05-01";
  tasks[0].item_name = "H1";
  tasks[0].kind = "bath_analysis";
  tasks[0].id = 7;
  tasks[1].status = "due";
  tasks[1].due_on = "2026-06-03";
  tasks[1].item_name = "H2";
  tasks[1].kind = "calendar";
  tasks[1].title = "Annual shutdown";
  tasks[1].id = 8;
  const auto& rules = MaintenanceRules::Default();
  DigestText zh =
      ComposeDigest(texts::Catalogue::ForLanguage("zh"), rules, "Works", "2026-06-01", tasks, 20);
  EXPECT_EQ(zh.subject, "维护提醒 2026-06-01：逾期 1 项，即将到期 1 项");
  EXPECT_EQ(zh.body,
            "Works 维护摘要（2026-06-01）\n\n已逾期：\n- 2026-05-01  "
            "H1：槽液分析：酸度、氯离子、氟离子及温度"
            "（任务 7）\n\n即将到期：\n- 2026-06-03  H2：Annual shutdown（任务 8）\n\n"
            "打开维护任务列表：/equipment/maintenance\n");
  DigestText ar =
      ComposeDigest(texts::Catalogue::ForLanguage("ar"), rules, "Works", "2026-06-01", tasks, 1);
  EXPECT_EQ(ar.subject, "الصيانة 2026-06-01: 1 متأخرة، 1 مستحقة قريبًا");
  EXPECT_NE(ar.body.find("ملخص الصيانة لـ Works بتاريخ 2026-06-01"), std::string::npos) << ar.body;
  EXPECT_NE(ar.body.find("H1: تحليل الحمام"), std::string::npos) << ar.body;
  EXPECT_NE(ar.body.find("… و1 أخرى."), std::string::npos) << ar.body;
  EXPECT_EQ(ar.body.find("Maintenance"), std::string::npos) << ar.body;
  // Every language names every text the digest uses.
  for (auto lang : texts::kLanguages)
    for (auto key : kDigestKeys)
      EXPECT_TRUE(texts::Catalogue::ForLanguage(lang).Has(key)) << lang << " " << key;
}

INSTANTIATE_TEST_SUITE_P(Databases, ReminderJobTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace rutile::equipment
