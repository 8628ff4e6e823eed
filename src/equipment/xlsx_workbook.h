// A workbook's bytes from libxlsxwriter, which writes files only (docs/adr/0092): the workbook
// goes to a temporary file that is read back and removed. Shared by the exports and the readings
// template; header-only, so each part keeps its own link to the library.
#pragma once

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "rutile/core/result.h"

namespace rutile::equipment {

// Creates a workbook, lets `fill` add its sheets and returns the closed workbook's bytes.
template <typename Fill>
Result<std::string> WorkbookBytes(Fill&& fill) {
  std::string path = (std::filesystem::temp_directory_path() / "rutile-xlsx-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return Internal("cannot create a temporary file for the workbook");
  close(fd);
  struct Remove {
    const std::string& path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return Internal("cannot create the workbook");
  std::forward<Fill>(fill)(wb);
  if (lxw_error err = workbook_close(wb); err != LXW_NO_ERROR)
    return Internal(std::string("cannot write the workbook: ") + lxw_strerror(err));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in.good() && !in.eof()) return Internal("cannot read the workbook back");
  return bytes.str();
}

}  // namespace rutile::equipment
