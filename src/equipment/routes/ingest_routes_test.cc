#include "ingest_routes.h"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "../device_test_fixture.h"
#include "../readings_xlsx_test_workbook.h"

namespace rutile::equipment {
namespace {

namespace json = boost::json;

class IngestRoutesTest : public testing::IngestTest {
 protected:
  void SetUp() override {
    IngestTest::SetUp();
    if (IsSkipped()) return;
    RegisterIngestRoutes(router_, *service_);
  }

  http::Response Call(const std::string& method, const std::string& path, std::string body = "",
                      std::string content_type = "application/json") {
    http::Request req;
    req.method = method;
    req.path = path;
    req.target = path;
    req.body = std::move(body);
    req.headers["content-type"] = content_type;
    req.principal = owner_;
    http::Match m = router_.Find(method, req.path, req);
    if (m.route == nullptr) {
      ADD_FAILURE() << "no route for " << method << " " << path;
      return {};
    }
    return m.route->handler(req);
  }
  static json::object Body(const http::Response& r) { return json::parse(r.body).as_object(); }

  http::Router router_;
};

std::string Workbook(bool bad_unit) {
  return testing::XlsxBytes([bad_unit](lxw_workbook*, lxw_worksheet* ws) {
    const char* header[] = {"type", "value", "unit", "measured_at"};
    for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
    worksheet_write_string(ws, 1, 0, "fluoride_mg_l", nullptr);
    worksheet_write_number(ws, 1, 1, 20, nullptr);
    worksheet_write_string(ws, 1, 2, bad_unit ? "kg" : "mg/L", nullptr);
    worksheet_write_string(ws, 1, 3, "2027-01-10", nullptr);
  });
}

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

TEST_P(IngestRoutesTest, XlsxUploadAndDeviceCredentialsOverHttp) {
  const std::string base = "/api/v1/equipment/" + std::to_string(NewItem());
  auto bad = Call("POST", base + "/readings/xlsx", Workbook(true), kXlsx);
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("rows[2].unit"), std::string::npos) << bad.body;
  EXPECT_EQ(Call("POST", base + "/readings/xlsx", Workbook(false), "text/csv").status, 400);
  auto ok = Call("POST", base + "/readings/xlsx", Workbook(false), kXlsx);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Body(ok).at("stored").to_number<int>(), 1);
  EXPECT_EQ(Body(ok).at("alert_ids").as_array().size(), 1u);
  EXPECT_EQ(Call("POST", base + "/readings/xlsx", "junk", "application/octet-stream").status, 400);

  auto created = Call("POST", base + "/devices", R"({"name": "gateway"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string key(Body(created).at("key").as_string());
  EXPECT_TRUE(LooksLikeDeviceKey(key));
  EXPECT_EQ(Body(created).at("topic").as_string(), DeviceReadingsTopic(org_, key));
  EXPECT_EQ(Call("POST", base + "/devices", R"({"name": "g", "colour": 1})").status, 400);
  auto listed = Call("GET", base + "/devices");
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(Body(listed).at("items").as_array().size(), 1u);
  EXPECT_FALSE(Body(listed).at("items").as_array()[0].as_object().contains("key"));
  EXPECT_EQ(listed.body.find(key), std::string::npos);
  const std::string revoke =
      base + "/devices/" + std::to_string(Body(created).at("id").as_int64()) + "/revoke";
  EXPECT_EQ(Call("POST", revoke).status, 200);
  EXPECT_EQ(Call("POST", revoke).status, 409);
  EXPECT_EQ(Call("POST", base + "/devices/99/revoke").status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/equipment/abc/devices").status, 400);
}

// Every route registered here is described in api/fragments/equipment-ingest.json.
TEST_P(IngestRoutesTest, EveryRouteIsInTheOpenApiFragment) {
  std::ifstream in(RUTILE_INGEST_FRAGMENT);
  ASSERT_TRUE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  json::object doc = json::parse(text.str()).as_object();
  const json::object& paths = doc.at("paths").as_object();
  ASSERT_EQ(router_.routes().size(), 4u);
  for (const auto& route : router_.routes()) {
    std::string method = route.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(ch));
    const json::value* path = paths.if_contains(route.pattern);
    ASSERT_NE(path, nullptr) << route.pattern;
    EXPECT_TRUE(path->as_object().contains(method)) << route.method << " " << route.pattern;
  }
  EXPECT_TRUE(doc.at("schemas").as_object().contains("EquipmentNewDevice"));
}

INSTANTIATE_TEST_SUITE_P(Databases, IngestRoutesTest, ::testing::Values(std::string("sqlite")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rutile::equipment
