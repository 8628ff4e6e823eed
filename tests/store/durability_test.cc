// Acknowledged writes survive kill -9: a child process commits rows one transaction at a time
// and reports each id to the parent only after Commit returned; the parent kills it mid-stream
// with SIGKILL, reopens the database and checks that every acknowledged row is there.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <set>

#include "rutile/store/database.h"
#include "test_databases.h"

namespace rutile::store {
namespace {

using testing::TestDatabase;

constexpr int kRounds = 3;
constexpr int kAcksBeforeKill = 150;

std::string Payload(std::int64_t id) { return "row " + std::to_string(id) + std::string(200, '.'); }

// Runs in the child: never returns.
[[noreturn]] void WriteUntilKilled(const std::string& url, std::int64_t first_id, int ack_fd) {
  auto db = OpenDatabase(url, 1);
  if (!db.has_value()) _exit(2);
  for (std::int64_t id = first_id;; ++id) {
    Status s = Write(**db, [&](Connection& c) -> Status {
      RUTILE_TRY(c.Execute("INSERT INTO acked (id, payload) VALUES (?, ?)", {id, Payload(id)}));
      return Ok();
    });
    if (!s.has_value()) _exit(3);
    // The acknowledgement: sent only after the commit returned.
    if (write(ack_fd, &id, sizeof id) != sizeof id) _exit(4);
  }
}

bool ReadId(int fd, std::int64_t* id) {
  std::size_t got = 0;
  auto* out = reinterpret_cast<char*>(id);
  while (got < sizeof *id) {
    ssize_t n = read(fd, out + got, sizeof *id - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

class DurabilityTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DurabilityTest, AcknowledgedRowsSurviveKill9) {
  TestDatabase target(GetParam());
  if (!target.available()) {
    GTEST_SKIP() << "PostgreSQL durability test skipped: set " << testing::kPostgresUrlVariable;
  }
  {
    auto db = OpenDatabase(target.url(), 1);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    auto conn = (*db)->Acquire();
    ASSERT_TRUE(conn.has_value());
    ASSERT_TRUE((*conn)->ExecuteScript(
        "CREATE TABLE acked (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)"));
  }  // closed before fork: the child opens its own connections

  std::set<std::int64_t> acknowledged;
  std::int64_t next_id = 1;
  for (int round = 0; round < kRounds; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      WriteUntilKilled(target.url(), next_id, fds[1]);
    }
    close(fds[1]);
    std::int64_t id = 0;
    int received = 0;
    while (received < kAcksBeforeKill && ReadId(fds[0], &id)) {
      acknowledged.insert(id);
      ++received;
    }
    ASSERT_EQ(kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    // Acknowledgements already in the pipe when the child died count too.
    while (ReadId(fds[0], &id)) acknowledged.insert(id);
    close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "child stopped by itself, exit code " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    ASSERT_EQ(WTERMSIG(status), SIGKILL);
    ASSERT_GE(received, kAcksBeforeKill);

    // Reopen after the crash and look for every acknowledged row.
    auto db = OpenDatabase(target.url(), 1);
    ASSERT_TRUE(db.has_value()) << db.error().ToString();
    auto conn = (*db)->Acquire();
    ASSERT_TRUE(conn.has_value());
    auto rows = (*conn)->Query("SELECT id, payload FROM acked ORDER BY id");
    ASSERT_TRUE(rows.has_value()) << rows.error().ToString();
    std::set<std::int64_t> stored;
    for (const Row& row : *rows) {
      stored.insert(row.Int(0));
      EXPECT_EQ(row.Text(1), Payload(row.Int(0)));
    }
    std::size_t missing = 0;
    for (std::int64_t acked : acknowledged) missing += stored.count(acked) == 0 ? 1 : 0;
    EXPECT_EQ(missing, 0u) << "round " << round << ": " << missing << " of " << acknowledged.size()
                           << " acknowledged rows lost";
    if (GetParam() == "sqlite") {
      auto check = (*conn)->Query("PRAGMA integrity_check");
      ASSERT_TRUE(check.has_value());
      EXPECT_EQ((*check)[0].Text(0), "ok");
    }
    // A row may be committed without its acknowledgement having been sent: start after both.
    next_id = std::max(*acknowledged.rbegin(), stored.empty() ? 0 : *stored.rbegin()) + 1;
  }
  EXPECT_GE(acknowledged.size(), static_cast<std::size_t>(kRounds * kAcksBeforeKill));
}

INSTANTIATE_TEST_SUITE_P(Adapters, DurabilityTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::store
