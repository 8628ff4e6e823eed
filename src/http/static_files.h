// StaticFiles: answers GET/HEAD for the built web app under one directory. Refuses path
// traversal, picks the content type from the extension, serves a pre-compressed ".gz" sibling
// when the client accepts gzip, sets ETag and Cache-Control, and falls back to index.html for
// extension-less paths (client-side routes). Immutable after construction; thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "rutile/http/request.h"
#include "rutile/http/response.h"

namespace rutile::http::internal {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);

  bool enabled() const { return !root_.empty(); }
  // request.path is the decoded path. The answer always carries its own Cache-Control.
  Response Serve(const Request& request) const;

  static std::string_view ContentTypeFor(std::string_view extension);

 private:
  std::optional<std::filesystem::path> Resolve(std::string_view path) const;
  Response FileResponse(const Request& request, const std::filesystem::path& file,
                        std::string_view cache_control) const;

  std::filesystem::path root_;  // canonical; empty: disabled
};

}  // namespace rutile::http::internal
