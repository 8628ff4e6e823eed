// End-to-end: a real rutile::http::Server on port 0 serving the ledger routes over a temp
// SQLite database with a few hundred entries, checked by the independent Go verifier
// (golang.org/x/mod/sumdb), which must accept the log and reject three kinds of tampering.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "routes/ledger_routes.h"
#include "rutile/http/server.h"
#include "rutile/ledger/ledger_service.h"
#include "rutile/store/migrations.h"

namespace rutile::ledger {
namespace {

namespace fs = std::filesystem;

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

CommandResult RunCommand(const std::string& command) {
  CommandResult r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// Builds the Go verifier into the build directory (no network: GOPROXY=off, Debian's x/mod
// in GOPATH mode). Each test process builds to its own file and renames it into place.
std::string BuildGoVerifier(std::string* log) {
  fs::path out_dir = fs::path(RUTILE_LEDGER_GO_OUT);
  fs::create_directories(out_dir);
  fs::path target = out_dir / "ledgerverify";
  fs::path tmp = out_dir / ("ledgerverify." + std::to_string(::getpid()));
  std::string cmd = "cd '" RUTILE_LEDGER_GO_SRC
                    "' && GO111MODULE=off GOPATH=/usr/share/gocode "
                    "GOPROXY=off GOFLAGS= GOCACHE='" +
                    (out_dir / "cache").string() + "' go build -o '" + tmp.string() + "' .";
  CommandResult r = RunCommand(cmd);
  *log = r.output;
  if (r.exit_code != 0) return "";
  fs::rename(tmp, target);
  return target.string();
}

// One GET over a fresh connection; returns the status code and body.
std::pair<int, std::string> HttpGet(unsigned short port, const std::string& target) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return {-1, ""};
  }
  std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  (void)::write(fd, req.data(), req.size());
  std::string resp;
  char buf[8192];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) resp.append(buf, n);
  ::close(fd);
  int status = resp.size() > 12 ? std::stoi(resp.substr(9, 3)) : -1;
  std::size_t body = resp.find("\r\n\r\n");
  return {status, body == std::string::npos ? "" : resp.substr(body + 4)};
}

class LedgerHttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rutile-ledger-http-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = store::OpenDatabase("sqlite:" + (dir_ / "ledger.db").string()).value();
    ASSERT_TRUE(store::ApplyMigrations(*db_, LedgerMigrations()).has_value());
    LedgerOptions options;
    options.data_dir = dir_;
    service_ = LedgerService::Open(*db_, clock_, options).value();
    // A few hundred entries, appended concurrently so several batches form.
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
      writers.emplace_back([this, t] {
        for (int i = 0; i < 80; ++i) {
          EntryInput in;
          in.record_type = "certificate.issue";
          in.record_id = "cert-" + std::to_string(t) + "-" + std::to_string(i);
          in.content_sha256 = Sha256(in.record_id);
          in.org_id = t + 1;
          in.region = "cn-east";
          ASSERT_TRUE(service_->Append(in).has_value());
        }
      });
    }
    for (auto& w : writers) w.join();

    http::Router router;
    RegisterLedgerRoutes(router, *service_);
    http::ServerOptions server_options;
    server_options.port = 0;
    server_options.handle_signals = false;
    server_ = std::make_unique<http::Server>(
        server_options, std::move(router), [](const std::string&) -> Result<access::Principal> {
          return Fail(Unauthenticated("no sessions in this test"));
        });
    ASSERT_TRUE(server_->Listen().has_value());
    port_ = server_->BoundPort();
    thread_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    service_.reset();
    db_.reset();
    fs::remove_all(dir_);
  }

  std::string Base() { return "http://127.0.0.1:" + std::to_string(port_) + "/api/v1/ledger"; }

  fs::path dir_;
  FakeClock clock_{FromUnixSeconds(1764000000)};
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<LedgerService> service_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  unsigned short port_ = 0;
};

TEST_F(LedgerHttpTest, GoVerifierAcceptsAndRejectsTampering) {
  if (RunCommand("command -v go").exit_code != 0) GTEST_SKIP() << "go is not installed";
  std::string log;
  std::string verifier = BuildGoVerifier(&log);
  ASSERT_FALSE(verifier.empty()) << log;
  // The key comes from the data directory, as an operator would pass it on.
  std::string key = ReadVerifierKey(dir_).value();
  std::string base = "'" + verifier + "' -url " + Base() + " -key '" + key + "'";

  CommandResult ok = RunCommand(base + " -samples 40 -from 123 -state '" +
                                (dir_ / "monitor.state").string() + "'");
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  std::printf("%s", ok.output.c_str());
  EXPECT_NE(ok.output.find("checkpoint OK"), std::string::npos) << ok.output;
  EXPECT_NE(ok.output.find("inclusion OK: 40 entries"), std::string::npos) << ok.output;
  EXPECT_NE(ok.output.find("consistency OK: 123 -> 320"), std::string::npos) << ok.output;
  EXPECT_NE(ok.output.find("entry bundle OK: 256 entries"), std::string::npos) << ok.output;
  EXPECT_NE(ok.output.find("VERIFIED"), std::string::npos) << ok.output;

  for (const char* what : {"entry", "proof", "checkpoint"}) {
    CommandResult bad = RunCommand(base + " -tamper " + what);
    EXPECT_EQ(bad.exit_code, 1) << what << ": " << bad.output;
    std::printf("-tamper %s: %s", what, bad.output.c_str());
    EXPECT_NE(bad.output.find("FAIL"), std::string::npos) << what << ": " << bad.output;
  }

  // The log grows; the monitor state proves the new checkpoint extends the old one.
  EntryInput in{"standard.release", "std-1", Sha256("std"), 0, ""};
  ASSERT_TRUE(service_->Append(in).has_value());
  CommandResult grown = RunCommand(base + " -state '" + (dir_ / "monitor.state").string() + "'");
  EXPECT_EQ(grown.exit_code, 0) << grown.output;
  EXPECT_NE(grown.output.find("monitor OK: 320 -> 321"), std::string::npos) << grown.output;

  // A different key is not accepted.
  std::string other = NoteSigner::Generate(kDefaultOrigin).value().Verifier().ToString();
  CommandResult wrong_key =
      RunCommand("'" + verifier + "' -url " + Base() + " -key '" + other + "'");
  EXPECT_EQ(wrong_key.exit_code, 1) << wrong_key.output;
}

TEST_F(LedgerHttpTest, RecentEntriesArePagedAndSearchable) {
  EntryInput release{"standard.release", "GB-T-1234", Sha256("std"), 0, ""};
  ASSERT_TRUE(service_->Append(release).has_value());
  auto first = HttpGet(port_, "/api/v1/ledger/recent?limit=3");
  ASSERT_EQ(first.first, 200) << first.second;
  auto body = boost::json::parse(first.second).as_object();
  const auto& entries = body.at("entries").as_array();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].at("index").as_int64(), 320);  // newest first
  EXPECT_EQ(entries[0].at("record_type").as_string(), "standard.release");
  EXPECT_EQ(entries[1].at("index").as_int64(), 319);
  EXPECT_EQ(body.at("next_before").as_int64(), 318);

  auto next = boost::json::parse(HttpGet(port_, "/api/v1/ledger/recent?limit=2&before=318").second);
  EXPECT_EQ(next.at("entries").as_array()[0].at("index").as_int64(), 317);

  // By kind, as a dotted prefix or exactly; by subject, case-insensitively.
  auto kind = boost::json::parse(HttpGet(port_, "/api/v1/ledger/recent?kind=standard").second);
  ASSERT_EQ(kind.at("entries").as_array().size(), 1u);
  EXPECT_EQ(kind.at("entries").as_array()[0].at("record_id").as_string(), "GB-T-1234");
  EXPECT_TRUE(kind.at("next_before").is_null());
  auto subject =
      boost::json::parse(HttpGet(port_, "/api/v1/ledger/recent?q=CERT-2-7&limit=50").second);
  std::vector<std::string> ids;
  for (const auto& e : subject.at("entries").as_array())
    ids.emplace_back(e.at("record_id").as_string());
  EXPECT_EQ(ids, (std::vector<std::string>{"cert-2-79", "cert-2-78", "cert-2-77", "cert-2-76",
                                           "cert-2-75", "cert-2-74", "cert-2-73", "cert-2-72",
                                           "cert-2-71", "cert-2-70", "cert-2-7"}));
  auto none =
      boost::json::parse(HttpGet(port_, "/api/v1/ledger/recent?kind=case.publication").second);
  EXPECT_TRUE(none.at("entries").as_array().empty());

  auto bad = HttpGet(port_, "/api/v1/ledger/recent?kind=Bad%20Kind");
  EXPECT_EQ(bad.first, 400);
  EXPECT_NE(bad.second.find("\"code\":\"problem.fields\""), std::string::npos) << bad.second;
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/recent?before=-1").first, 400);
}

TEST_F(LedgerHttpTest, BadArgumentsAre400NotFoundIs404) {
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/checkpoint").first, 200);
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/verifier-key").second, service_->VerifierKey() + "\n");
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/entries/0").first, 200);
  auto info = HttpGet(port_, "/api/v1/ledger/entries/5/info");
  EXPECT_EQ(info.first, 200);
  EXPECT_NE(info.second.find("\"record_type\":\"certificate.issue\""), std::string::npos)
      << info.second;
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/proof/inclusion?index=3&size=320").first, 200);
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/proof/consistency?from=3&size=320").first, 200);
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/tile/0/000").second.size(), 8192u);
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/tile/0/001.p/64").second.size(), 64u * 32u);
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/tile/1/000.p/1").second.size(), 32u);
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/tile/entries/001.p/64").first, 200);

  for (const char* bad : {
           "/api/v1/ledger/entries/abc",
           "/api/v1/ledger/entries/-1",
           "/api/v1/ledger/entries/007",
           "/api/v1/ledger/entries/99999999999999999999999",
           "/api/v1/ledger/entries/x/info",
           "/api/v1/ledger/proof/inclusion?index=320&size=320",
           "/api/v1/ledger/proof/inclusion?index=0&size=321",
           "/api/v1/ledger/proof/inclusion?index=0&size=0",
           "/api/v1/ledger/proof/inclusion?index=1",
           "/api/v1/ledger/proof/inclusion?index=1.5&size=3",
           "/api/v1/ledger/proof/consistency?from=0&size=10",
           "/api/v1/ledger/proof/consistency?from=11&size=10",
           "/api/v1/ledger/proof/consistency?from=1&size=100000",
           "/api/v1/ledger/tile/0/1",
           "/api/v1/ledger/tile/0/000.p/300",
           "/api/v1/ledger/tile/zz/000",
       }) {
    auto r = HttpGet(port_, bad);
    EXPECT_EQ(r.first, 400) << bad << " -> " << r.second;
  }
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/entries/320").first, 404);
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/tile/0/002").first, 404);
  EXPECT_EQ(HttpGet(port_, "/api/v1/ledger/tile/0/001.p/65").first, 404);
}

}  // namespace
}  // namespace rutile::ledger
