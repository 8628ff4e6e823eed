#include "static_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>

namespace rutile::http::internal {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

struct TypeEntry {
  std::string_view extension;
  std::string_view type;
};
constexpr std::array<TypeEntry, 17> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".wasm", "application/wasm"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".pdf", "application/pdf"},
}};

Response NotFoundProblem() {
  Response r = Problem(404, "not-found", "Not found", "no such file");
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

bool ReadFile(const fs::path& file, std::string* out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = std::move(ss).str();
  return !in.bad();
}

bool AcceptsGzip(const Request& request) {
  auto ae = request.Header("accept-encoding");
  if (!ae) return false;
  // Good enough for browsers: "gzip" listed and not refused with q=0.
  std::size_t pos = ae->find("gzip");
  if (pos == std::string::npos) return false;
  std::string_view rest = std::string_view(*ae).substr(pos + 4);
  std::size_t comma = rest.find(',');
  std::string_view params = rest.substr(0, comma);
  return params.find("q=0") == std::string_view::npos ||
         params.find("q=0.") != std::string_view::npos;
}

bool HasExtension(std::string_view path) {
  std::size_t slash = path.rfind('/');
  std::string_view last = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  return last.find('.') != std::string_view::npos;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) {
  if (root.empty()) return;
  std::error_code ec;
  fs::path canonical = fs::canonical(root, ec);
  if (!ec && fs::is_directory(canonical, ec)) root_ = canonical;
}

std::string_view StaticFiles::ContentTypeFor(std::string_view extension) {
  for (const TypeEntry& e : kTypes) {
    if (e.extension == extension) return e.type;
  }
  return "application/octet-stream";
}

// Maps a decoded URL path to a file under root_, or nullopt when it is not a regular file
// inside root_. Any "." or ".." segment, backslash or NUL is refused before touching the disk;
// the canonical-prefix check also stops symbolic links that lead out of the root.
std::optional<fs::path> StaticFiles::Resolve(std::string_view path) const {
  if (path.empty() || path.front() != '/') return std::nullopt;
  if (path.find('\\') != std::string_view::npos || path.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  fs::path rel;
  std::string_view rest = path.substr(1);
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.empty()) continue;
    if (seg == "." || seg == "..") return std::nullopt;
    rel /= std::string(seg);
  }
  if (rel.empty()) rel = "index.html";
  std::error_code ec;
  fs::path full = fs::canonical(root_ / rel, ec);
  if (ec) return std::nullopt;
  auto [root_end, full_it] = std::mismatch(root_.begin(), root_.end(), full.begin(), full.end());
  if (root_end != root_.end()) return std::nullopt;
  if (!fs::is_regular_file(full, ec)) return std::nullopt;
  return full;
}

Response StaticFiles::Serve(const Request& request) const {
  if (!enabled()) return NotFoundProblem();
  std::string_view path = request.path;
  if (auto file = Resolve(path)) {
    bool immutable = path.starts_with("/assets/");
    return FileResponse(request, *file, immutable ? kImmutable : kRevalidate);
  }
  // Client-side route ("/equipment/42"): the app's shell answers, never for /api/.
  bool traversal = path.find("..") != std::string_view::npos;
  if (!traversal && !HasExtension(path) && !path.starts_with("/api/")) {
    if (auto index = Resolve("/index.html")) {
      return FileResponse(request, *index, kRevalidate);
    }
  }
  return NotFoundProblem();
}

Response StaticFiles::FileResponse(const Request& request, const fs::path& file,
                                   std::string_view cache_control) const {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return NotFoundProblem();
  char etag[64];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ULL +
                    static_cast<unsigned long long>(st.st_mtim.tv_nsec));

  fs::path gz = file;
  gz += ".gz";
  std::error_code ec;
  bool has_gz = fs::is_regular_file(gz, ec);
  bool use_gz = has_gz && AcceptsGzip(request);
  std::string tag = etag;
  if (use_gz) tag.insert(tag.size() - 1, "-gz");

  Response r;
  r.content_type = std::string(ContentTypeFor(file.extension().string()));
  r.SetHeader("Cache-Control", std::string(cache_control));
  r.SetHeader("ETag", tag);
  r.SetHeader("X-Content-Type-Options", "nosniff");
  if (has_gz) r.SetHeader("Vary", "Accept-Encoding");

  if (auto inm = request.Header("if-none-match")) {
    if (inm->find(tag) != std::string::npos || *inm == "*") {
      r.status = 304;
      return r;
    }
  }
  if (!ReadFile(use_gz ? gz : file, &r.body)) return NotFoundProblem();
  if (use_gz) r.SetHeader("Content-Encoding", "gzip");
  r.status = 200;
  return r;
}

}  // namespace rutile::http::internal
