#include "ingest_routes.h"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "../device_test_fixture.h"
#include "../readings_xlsx_test_workbook.h"
#include "rutile/equipment/readings_template.h"
#include "rutile/texts/catalogue.h"

namespace rutile::equipment {
namespace {

std::string Text(std::string_view lang, std::string_view key) {
  return texts::Catalogue::ForLanguage(lang).Get(key);
}

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

TEST_P(IngestRoutesTest, TemplatesInTheAskedLanguageImportOnceFilled) {
  http::Request req;
  req.method = "GET";
  req.path = req.target = "/api/v1/readings/template.csv";
  req.query.emplace("lang", "zh");
  http::Match m = router_.Find("GET", req.path, req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_FALSE(m.route->requires_login);
  auto csv = m.route->handler(req);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find(Text("zh", "labels:reading_type.ph")), std::string::npos);
  auto header = [](const http::Response& r, const std::string& name) {
    for (const auto& [n, v] : r.headers)
      if (n == name) return v;
    return std::string();
  };
  EXPECT_EQ(header(csv, "Content-Language"), "zh");
  // Filled and uploaded: stored without errors.
  auto stored = service_->ImportReadingsCsv(owner_, NewItem(),
                                            csv.body + "fluoride_mg_l,12,mg/L,2027-01-10\r\n");
  ASSERT_TRUE(stored.has_value()) << stored.error().ToString();
  EXPECT_EQ(stored->reading_ids.size(), 1u);

  http::Request bad = req;
  bad.query = {{"lang", "de"}};
  EXPECT_EQ(m.route->handler(bad).status, 400);
  http::Request by_header;
  by_header.method = "GET";
  by_header.path = by_header.target = "/api/v1/readings/template.xlsx";
  by_header.headers["accept-language"] = "ar-EG,ar;q=0.9,en;q=0.5";
  http::Match mx = router_.Find("GET", by_header.path, by_header);
  ASSERT_NE(mx.route, nullptr);
  auto xlsx = mx.route->handler(by_header);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.content_type, kXlsx);
  EXPECT_EQ(header(xlsx, "Content-Language"), "ar");
  EXPECT_EQ(header(xlsx, "Content-Disposition"),
            "attachment; filename=\"rutile-readings-template-ar.xlsx\"");
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
}

TEST_P(IngestRoutesTest, AnUnknownTypeIsNamedWithItsRowAndTheKnownTypes) {
  const std::string base = "/api/v1/equipment/" + std::to_string(NewItem());
  std::string bytes = testing::XlsxBytes([](lxw_workbook*, lxw_worksheet* ws) {
    const char* header[] = {"type", "value", "unit", "measured_at"};
    for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, 0, c, header[c], nullptr);
    worksheet_write_string(ws, 1, 0, "ph", nullptr);
    worksheet_write_number(ws, 1, 1, 7, nullptr);
    worksheet_write_string(ws, 1, 2, "pH", nullptr);
    worksheet_write_string(ws, 1, 3, "2027-01-10", nullptr);
    worksheet_write_string(ws, 2, 0, "chlorine", nullptr);
    worksheet_write_number(ws, 2, 1, 7, nullptr);
    worksheet_write_string(ws, 2, 2, "mg/L", nullptr);
    worksheet_write_string(ws, 2, 3, "2027-01-10", nullptr);
  });
  auto bad = Call("POST", base + "/readings/xlsx", bytes, kXlsx);
  ASSERT_EQ(bad.status, 400) << bad.body;
  const json::object body = Body(bad);
  const auto& errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u) << bad.body;
  const auto& e = errors[0].as_object();
  EXPECT_EQ(e.at("field").as_string(), "rows[3].type");
  EXPECT_EQ(e.at("code").as_string(), "field.unknown_reading_type");
  EXPECT_EQ(e.at("params").at("type").as_string(), "chlorine");
  const std::string known(e.at("params").at("known").as_string());
  for (const auto& t : ReadingTypes())
    EXPECT_NE(known.find(std::string(t.name) + " (" + std::string(t.unit) + ")"), std::string::npos)
        << known;
}

// Every route registered here is described in api/fragments/equipment-ingest.json, the
// templates in api/fragments/readings-templates.json.
TEST_P(IngestRoutesTest, EveryRouteIsInTheOpenApiFragment) {
  auto read = [](const char* file) {
    std::ifstream in(file);
    EXPECT_TRUE(in.good()) << file;
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str()).as_object();
  };
  json::object doc = read(RUTILE_INGEST_FRAGMENT);
  json::object templates = read(RUTILE_TEMPLATES_FRAGMENT);
  json::object paths = doc.at("paths").as_object();
  for (const auto& [k, v] : templates.at("paths").as_object()) paths[k] = v;
  ASSERT_EQ(router_.routes().size(), 6u);
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
