#include "pdf_tools.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

namespace rutile::documents::testing {
namespace {

struct PipeClose {
  void operator()(FILE* f) const { pclose(f); }
};

// Writes the bytes to a fresh temporary file, runs `tool args file suffix`, returns stdout.
Result<std::string> RunOnPdf(const char* tool, const std::string& args, const std::string& pdf,
                             const std::string& suffix) {
  char path[] = "/tmp/rutile-pdf-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return Error(ErrorCode::kInternal, "mkstemp failed");
  close(fd);
  {
    std::ofstream out(path, std::ios::binary);
    out.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
  }
  std::string command = std::string(tool) + " " + args + " " + path + " " + suffix + " 2>&1";
  std::string output;
  int status = -1;
  {
    std::unique_ptr<FILE, PipeClose> pipe(popen(command.c_str(), "r"));
    if (pipe) {
      char buffer[4096];
      size_t n;
      while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) output.append(buffer, n);
      status = pclose(pipe.release());
    }
  }
  std::remove(path);
  if (status != 0) return Error(ErrorCode::kInternal, command + " failed: " + output);
  return output;
}

}  // namespace

Result<std::string> PdfToText(const std::string& pdf) {
  return RunOnPdf(RUTILE_PDFTOTEXT, "-enc UTF-8", pdf, "-");
}

Result<std::string> PdfInfo(const std::string& pdf) {
  return RunOnPdf(RUTILE_PDFINFO, "", pdf, "");
}

int PdfPageCount(const std::string& pdf) {
  auto info = PdfInfo(pdf);
  if (!info.has_value()) return -1;
  auto at = info->find("Pages:");
  if (at == std::string::npos) return -1;
  return std::atoi(info->c_str() + at + 6);
}

Result<std::string> PdfFonts(const std::string& pdf) {
  return RunOnPdf(RUTILE_PDFFONTS, "", pdf, "");
}

}  // namespace rutile::documents::testing
