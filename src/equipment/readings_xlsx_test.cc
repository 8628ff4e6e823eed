#include "rutile/equipment/readings_xlsx.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "device_test_fixture.h"
#include "readings_xlsx_test_workbook.h"

namespace rutile::equipment {
namespace {

using testing::IngestTest;

// Now() waits until Release(), counting the callers that wait: holds imports in flight.
class GateClock final : public Clock {
 public:
  explicit GateClock(const Clock& inner) : inner_(inner) {}
  TimePoint Now() const override {
    std::unique_lock lock(mu_);
    ++waiting_;
    cv_.notify_all();
    cv_.wait(lock, [this] { return open_; });
    return inner_.Now();
  }
  void WaitForWaiters(int n) const {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return waiting_ >= n; });
  }
  void Release() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }

 private:
  const Clock& inner_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  mutable int waiting_ = 0;
  bool open_ = false;
};

std::string Workbook(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill,
                     bool constant_memory = false) {
  return testing::XlsxBytes(fill, constant_memory);
}

void Header(lxw_worksheet* ws, lxw_row_t row = 0) {
  const char* names[] = {"type", "value", "unit", "measured_at"};
  for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, row, c, names[c], nullptr);
}

void Row(lxw_worksheet* ws, lxw_row_t row, const char* type, double value, const char* unit,
         const char* at) {
  worksheet_write_string(ws, row, 0, type, nullptr);
  worksheet_write_number(ws, row, 1, value, nullptr);
  worksheet_write_string(ws, row, 2, unit, nullptr);
  worksheet_write_string(ws, row, 3, at, nullptr);
}

std::string Errors(const CsvDecoded& d) {
  std::string out;
  for (const auto& e : d.errors) out += e.field + ": " + e.message + "; ";
  return out;
}

TEST(ReadingsXlsxTest, ReadsSharedAndInlineStringsNumbersAndDates) {
  for (bool constant_memory : {false, true}) {  // shared strings, then inline strings
    std::string bytes = Workbook(
        [](lxw_workbook* wb, lxw_worksheet* ws) {
          Header(ws);
          Row(ws, 1, "fluoride_mg_l", 2.5, "mg/L", "2027-01-10T08:00:00Z");
          lxw_format* date = workbook_add_format(wb);
          format_set_num_format(date, "yyyy-mm-dd hh:mm");
          lxw_datetime when = {2025, 1, 1, 12, 0, 0};
          worksheet_write_string(ws, 2, 0, " ph ", nullptr);
          worksheet_write_string(ws, 2, 1, "6.5", nullptr);  // a number typed as text
          worksheet_write_string(ws, 2, 2, "pH", nullptr);
          worksheet_write_datetime(ws, 2, 3, &when, date);
          // Row 4 left blank; row 5 has a non-ASCII unit spelling and an XML special character.
          Row(ws, 4, "conductivity_us_cm", 1200, "\xC2\xB5S/cm", "2027-01-10");
          Row(ws, 5, "a<b&c", 1, "mg/L", "2027-01-10");
        },
        constant_memory);
    CsvDecoded d = DecodeReadingsXlsx(bytes);
    ASSERT_TRUE(d.errors.empty()) << Errors(d);
    ASSERT_EQ(d.rows.size(), 4u);
    EXPECT_EQ(d.rows[0].line, 2u);
    EXPECT_EQ(d.rows[0].reading.type, "fluoride_mg_l");
    EXPECT_EQ(d.rows[0].reading.value, 2.5);
    EXPECT_EQ(d.rows[0].reading.measured_at, "2027-01-10T08:00:00Z");
    EXPECT_EQ(d.rows[1].reading.type, "ph");
    EXPECT_EQ(d.rows[1].reading.value, 6.5);
    EXPECT_EQ(d.rows[1].reading.measured_at, "2025-01-01T12:00:00Z");
    EXPECT_EQ(d.rows[2].line, 5u);
    EXPECT_EQ(d.rows[2].reading.unit, "\xC2\xB5S/cm");
    EXPECT_EQ(d.rows[3].reading.type, "a<b&c");
  }
}

TEST(ReadingsXlsxTest, LayoutErrorsNameTheSpreadsheetRow) {
  std::string bytes = Workbook([](lxw_workbook*, lxw_worksheet* ws) {
    Header(ws, 2);  // the header may start lower down
    Row(ws, 3, "ph", 7, "pH", "2027-01-10");
    worksheet_write_string(ws, 4, 0, "ph", nullptr);  // row 5: missing cells
    worksheet_write_string(ws, 5, 0, "ph", nullptr);  // row 6: value not a number
    worksheet_write_string(ws, 5, 1, "seven", nullptr);
    worksheet_write_string(ws, 5, 2, "pH", nullptr);
    worksheet_write_string(ws, 5, 3, "2027-01-10", nullptr);
    Row(ws, 6, "ph", 7, "pH", "2027-01-10");  // row 7: a fifth cell
    worksheet_write_string(ws, 6, 4, "note", nullptr);
  });
  CsvDecoded d = DecodeReadingsXlsx(bytes);
  ASSERT_EQ(d.errors.size(), 3u) << Errors(d);
  EXPECT_EQ(d.errors[0].field, "rows[5]");
  EXPECT_EQ(d.errors[1].field, "rows[6].value");
  EXPECT_EQ(d.errors[2].field, "rows[7]");
  ASSERT_EQ(d.rows.size(), 1u);
  EXPECT_EQ(d.rows[0].line, 4u);
}

TEST(ReadingsXlsxTest, RowsWhoseFirstCellStartsWithAHashAreNotes) {
  std::string bytes = Workbook([](lxw_workbook*, lxw_worksheet* ws) {
    worksheet_write_string(ws, 0, 0, "# readings of the rinse tank", nullptr);
    worksheet_write_string(ws, 0, 5, "a note beyond column D", nullptr);
    Header(ws, 1);
    Row(ws, 2, "# ph", 7.2, "pH", "2026-06-01");  // the template's example row
    Row(ws, 3, "ph", 7, "pH", "2027-01-10");
    Row(ws, 4, " #wall_thickness_mm", 2, "mm", "2027-01-10");
  });
  CsvDecoded d = DecodeReadingsXlsx(bytes);
  EXPECT_TRUE(d.errors.empty()) << Errors(d);
  ASSERT_EQ(d.rows.size(), 1u);
  EXPECT_EQ(d.rows[0].line, 4u);
}

TEST(ReadingsXlsxTest, WrongHeaderEmptySheetAndNonWorkbooks) {
  CsvDecoded wrong = DecodeReadingsXlsx(Workbook(
      [](lxw_workbook*, lxw_worksheet* ws) { worksheet_write_string(ws, 0, 0, "kind", nullptr); }));
  ASSERT_EQ(wrong.errors.size(), 1u);
  EXPECT_EQ(wrong.errors[0].field, "rows[1]");
  CsvDecoded empty = DecodeReadingsXlsx(Workbook([](lxw_workbook*, lxw_worksheet*) {}));
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_EQ(empty.errors[0].field, "file");
  CsvDecoded header_only =
      DecodeReadingsXlsx(Workbook([](lxw_workbook*, lxw_worksheet* ws) { Header(ws); }));
  ASSERT_EQ(header_only.errors.size(), 1u);
  EXPECT_EQ(header_only.errors[0].field, "rows");
  for (std::string junk : {std::string(), std::string("type,value,unit,measured_at\n"),
                           std::string("PK\x03\x04 truncated")}) {
    CsvDecoded d = DecodeReadingsXlsx(junk);
    ASSERT_EQ(d.errors.size(), 1u);
    EXPECT_EQ(d.errors[0].field, "file");
  }
  // A damaged body: flip bytes in the middle of a real workbook.
  std::string good = Workbook([](lxw_workbook*, lxw_worksheet* ws) {
    Header(ws);
    Row(ws, 1, "ph", 7, "pH", "2027-01-10");
  });
  for (std::size_t i = 100; i < good.size() / 2; ++i) good[i] = static_cast<char>(good[i] ^ 0x5A);
  CsvDecoded damaged = DecodeReadingsXlsx(good);
  EXPECT_FALSE(damaged.errors.empty());
  EXPECT_TRUE(damaged.rows.empty());
}

TEST(ReadingsXlsxTest, StopsAtTheRowLimitAndCapsCellTexts) {
  for (bool constant_memory : {false, true}) {
    std::string bytes = Workbook(
        [](lxw_workbook*, lxw_worksheet* ws) {
          Header(ws);
          for (lxw_row_t r = 1; r <= 30; ++r) Row(ws, r, "ph", 7, "pH", "2027-01-10");
        },
        constant_memory);
    CsvDecoded d = DecodeReadingsXlsx(bytes, 100, 10);
    EXPECT_EQ(d.rows.size(), 10u);
    ASSERT_EQ(d.errors.size(), 1u) << Errors(d);
    EXPECT_EQ(d.errors[0].field, "rows");
    EXPECT_NE(d.errors[0].message.find("at most 10 readings"), std::string::npos);
    EXPECT_TRUE(DecodeReadingsXlsx(bytes, 100, 30).errors.empty());
  }
  const std::string long_text(20000, 'x');  // Excel allows 32767
  std::string bytes = Workbook([&](lxw_workbook*, lxw_worksheet* ws) {
    Header(ws);
    Row(ws, 1, long_text.c_str(), 7, "pH", "2027-01-10");
  });
  CsvDecoded d = DecodeReadingsXlsx(bytes);
  ASSERT_EQ(d.rows.size(), 1u) << Errors(d);
  EXPECT_EQ(d.rows[0].reading.type, std::string(257, 'x'));  // kept short, still invalid
}

TEST(ReadingsXlsxTest, AHugeWorksheetIsReadOnlyUpToTheLimit) {
  // 300,000 rows (about 30 MB of worksheet XML, under 1 MB zipped): decoding stops after the
  // batch limit instead of inflating and keeping every row.
  std::string bytes = Workbook(
      [](lxw_workbook*, lxw_worksheet* ws) {
        Header(ws);
        for (lxw_row_t r = 1; r <= 300000; ++r) Row(ws, r, "ph", 7, "pH", "2027-01-10");
      },
      true);
  CsvDecoded d = DecodeReadingsXlsx(bytes);
  EXPECT_EQ(d.rows.size(), kMaxReadingsPerFile);
  ASSERT_EQ(d.errors.size(), 1u) << Errors(d);
  EXPECT_EQ(d.errors[0].field, "rows");
}

TEST(ReadingsXlsxTest, ExcelSerials) {
  EXPECT_EQ(ExcelSerialToTimestamp(25569), "1970-01-01T00:00:00Z");
  EXPECT_EQ(ExcelSerialToTimestamp(45658.5), "2025-01-01T12:00:00Z");
  EXPECT_EQ(ExcelSerialToTimestamp(24107, true), "1970-01-01T00:00:00Z");
  EXPECT_EQ(ExcelSerialToTimestamp(-1), "");
  EXPECT_EQ(ExcelSerialToTimestamp(1e12), "");
}

TEST_P(IngestTest, XlsxImportIsAtomic) {
  const std::int64_t item = NewItem();
  std::string bad = Workbook([](lxw_workbook*, lxw_worksheet* ws) {
    Header(ws);
    Row(ws, 1, "fluoride_mg_l", 2, "mg/L", "2027-01-10");
    Row(ws, 2, "fluoride_mg_l", 2, "kg", "2027-01-10");
    Row(ws, 3, "fluoride_mg_l", 2, "mg/L", "2099-01-10");
  });
  auto refused = service_->ImportReadingsXlsx(owner_, item, bad);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(refused.error().fields().size(), 2u) << Fields(refused.error());
  EXPECT_EQ(refused.error().fields()[0].field, "rows[3].unit");
  EXPECT_EQ(refused.error().fields()[1].field, "rows[4].measured_at");
  EXPECT_TRUE(service_->ListReadings(owner_, item, "").value().empty());

  std::string good = Workbook([](lxw_workbook*, lxw_worksheet* ws) {
    Header(ws);
    Row(ws, 1, "fluoride_mg_l", 2, "mg/L", "2027-01-10");
    Row(ws, 2, "fluoride_mg_l", 12, "ppm", "2027-01-11");
  });
  auto stored = service_->ImportReadingsXlsx(owner_, item, good);
  ASSERT_TRUE(stored.has_value()) << stored.error().message();
  EXPECT_EQ(stored->reading_ids.size(), 2u);
  EXPECT_EQ(stored->alert_ids.size(), 1u);
  auto readings = service_->ListReadings(owner_, item, "").value();
  ASSERT_EQ(readings.size(), 2u);
  EXPECT_EQ(readings[0].source, "xlsx");
  EXPECT_EQ(readings[0].unit, "mg/L");
  EXPECT_EQ(service_->ImportReadingsXlsx(stranger_, item, good).error().code(),
            ErrorCode::kNotFound);
}

TEST_P(IngestTest, AtMostTwoImportsRunAtOnce) {
  const std::int64_t item = NewItem();
  GateClock gate(clock_);
  EquipmentService gated(*db_, gate, engine::wire::DefaultKnowledge());
  const std::string csv = "type,value,unit,measured_at\nfluoride_mg_l,2,mg/L,2027-01-10\n";
  std::string xlsx = Workbook([](lxw_workbook*, lxw_worksheet* ws) {
    Header(ws);
    Row(ws, 1, "fluoride_mg_l", 2, "mg/L", "2027-01-10");
  });
  ASSERT_EQ(EquipmentService::kMaxConcurrentImports, 2);
  Result<IngestResult> first = Internal("not run"), second = Internal("not run");
  std::thread a([&] { first = gated.ImportReadingsCsv(owner_, item, csv); });
  std::thread b([&] { second = gated.ImportReadingsXlsx(owner_, item, xlsx); });
  gate.WaitForWaiters(2);  // both hold a slot
  auto third = gated.ImportReadingsXlsx(owner_, item, xlsx);
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().code(), ErrorCode::kResourceExhausted);
  auto fourth = gated.ImportReadingsCsv(owner_, item, csv);
  ASSERT_FALSE(fourth.has_value());
  EXPECT_EQ(fourth.error().code(), ErrorCode::kResourceExhausted);
  gate.Release();
  a.join();
  b.join();
  EXPECT_TRUE(first.has_value()) << first.error().message();
  EXPECT_TRUE(second.has_value()) << second.error().message();
  // The slots are free again.
  EXPECT_TRUE(gated.ImportReadingsCsv(owner_, item, csv).has_value());
}

}  // namespace
}  // namespace rutile::equipment
