// Tests only: builds a real .xlsx workbook with libxlsxwriter and returns its bytes.
#pragma once

#include <unistd.h>
#include <xlsxwriter.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

namespace rutile::equipment::testing {

// `fill` writes the first worksheet; constant_memory makes libxlsxwriter use inline strings
// instead of the shared string table.
inline std::string XlsxBytes(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill,
                             bool constant_memory = false) {
  static std::atomic<int> counter{0};
  const auto path =
      std::filesystem::temp_directory_path() /
      ("rutile_xlsx_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + ".xlsx");
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  fill(wb, workbook_add_worksheet(wb, "Readings"));
  workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

}  // namespace rutile::equipment::testing
