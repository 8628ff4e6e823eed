#include "ledger_routes.h"

#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string_view>

#include "rutile/ledger/entry.h"
#include "rutile/ledger/tiles.h"

namespace rutile::ledger {
namespace {

constexpr std::string_view kPrefix = "/api/v1/ledger/";
constexpr char kImmutable[] = "public, max-age=31536000, immutable";
constexpr std::int64_t kMaxIndex = std::int64_t{1} << 62;

// A strict non-negative decimal (no sign, no leading zeros, no spaces).
Result<std::int64_t> ParseNumber(std::string_view text, const char* field) {
  auto bad = [&] {
    return Fail(
        InvalidArgument(std::string(field) + " must be a non-negative integer",
                        {{field, "not a non-negative integer: '" + std::string(text) + "'"}}));
  };
  if (text.empty() || text.size() > 19 || (text.size() > 1 && text[0] == '0')) return bad();
  for (char c : text)
    if (c < '0' || c > '9') return bad();
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || v > kMaxIndex) return bad();
  return v;
}

Result<std::int64_t> QueryNumber(const http::Request& req, const char* name) {
  std::optional<std::string> v = req.Query(name);
  if (!v)
    return Fail(
        InvalidArgument(std::string("missing query parameter ") + name, {{name, "required"}}));
  return ParseNumber(*v, name);
}

http::Response ProofResponse(const Result<std::vector<Hash>>& proof) {
  if (!proof.has_value()) return http::Problem(proof.error());
  boost::json::array hashes;
  for (const Hash& h : *proof) hashes.emplace_back(HashToBase64(h));
  http::Response res = http::Json(boost::json::object{{"hashes", std::move(hashes)}});
  // A proof for a fixed size never changes.
  res.SetHeader("Cache-Control", "public, max-age=3600");
  return res;
}

http::Response Bytes(std::string body, bool immutable) {
  http::Response res = http::Text(std::move(body), "application/octet-stream");
  res.SetHeader("Cache-Control", immutable ? kImmutable : "public, max-age=1");
  return res;
}

std::string IsoTime(std::int64_t unix_ms) {
  std::time_t s = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(unix_ms % 1000));
  return buf;
}

// A listing filter from the query: kind as record types are spelled, q printable ASCII.
Result<EntryFilter> ListFilter(const http::Request& req) {
  EntryFilter filter;
  std::vector<FieldError> errors;
  if (auto kind = req.Query("kind")) {
    bool ok = kind->size() <= 64;
    for (char c : *kind)
      ok = ok &&
           ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
    if (ok)
      filter.record_type = *kind;
    else
      errors.push_back({"kind", "not a record type"});
  }
  if (auto q = req.Query("q")) {
    bool ok = q->size() <= 128;
    for (char c : *q) ok = ok && c > ' ' && c < 0x7F;
    if (ok)
      filter.subject = *q;
    else
      errors.push_back({"q", "at most 128 printable characters without spaces"});
  }
  if (!errors.empty()) return Fail(InvalidArgument("invalid listing filter", std::move(errors)));
  return filter;
}

}  // namespace

void RegisterLedgerRoutes(http::Router& router, LedgerService& service) {
  LedgerService* s = &service;

  router.Get("/api/v1/ledger/checkpoint", [s](http::Request&) {
    auto head = s->reader().Head();
    if (!head.has_value()) return http::Problem(head.error());
    if (head->checkpoint.empty())
      return http::Problem(
          NotFound("the ledger has no checkpoint yet").WithMessageCode("ledger.no_checkpoint"));
    http::Response res = http::Text(head->checkpoint);
    res.SetHeader("Cache-Control", "no-cache");
    return res;
  });

  router.Get(
      "/api/v1/ledger/verifier-key",
      [s](http::Request&) {
        http::Response res = http::Text(s->VerifierKey() + "\n");
        res.SetHeader("Cache-Control", "public, max-age=3600");
        return res;
      },
      http::Execution::kInline);

  // Recent entries, newest first, optionally of one kind or about one subject; paged by index.
  router.Get("/api/v1/ledger/recent", [s](http::Request& req) {
    std::int64_t before = -1;
    if (req.Query("before")) {
      auto b = QueryNumber(req, "before");
      if (!b.has_value()) return http::Problem(b.error());
      before = *b;
    }
    std::int64_t limit = 20;
    if (req.Query("limit")) {
      auto l = QueryNumber(req, "limit");
      if (!l.has_value()) return http::Problem(l.error());
      limit = *l;
    }
    if (limit < 1 || limit > kMaxListLimit) limit = limit < 1 ? 1 : kMaxListLimit;
    auto filter = ListFilter(req);
    if (!filter.has_value()) return http::Problem(filter.error());
    auto page = s->reader().List(before, static_cast<int>(limit), *filter);
    if (!page.has_value()) return http::Problem(page.error());
    boost::json::array entries;
    for (const ListedEntry& e : page->entries)
      entries.push_back(boost::json::object{
          {"index", e.index},
          {"record_type", e.entry.input.record_type},
          {"record_id", e.entry.input.record_id},
          {"time_unix_ms", e.entry.time_unix_ms},
          {"time", IsoTime(e.entry.time_unix_ms)},
          {"org_id", e.entry.input.org_id},
          {"region", e.entry.input.region},
      });
    boost::json::object body{{"entries", std::move(entries)}};
    body["next_before"] =
        page->next_before < 0 ? boost::json::value(nullptr) : boost::json::value(page->next_before);
    http::Response res = http::Json(std::move(body));
    res.SetHeader("Cache-Control", "no-cache");
    return res;
  });

  router.Get("/api/v1/ledger/entries/{index}", [s](http::Request& req) {
    auto index = ParseNumber(req.PathParam("index"), "index");
    if (!index.has_value()) return http::Problem(index.error());
    auto bytes = s->reader().EntryBytes(*index);
    if (!bytes.has_value()) return http::Problem(bytes.error());
    return Bytes(std::move(*bytes), true);
  });

  router.Get("/api/v1/ledger/entries/{index}/info", [s](http::Request& req) {
    auto index = ParseNumber(req.PathParam("index"), "index");
    if (!index.has_value()) return http::Problem(index.error());
    auto bytes = s->reader().EntryBytes(*index);
    if (!bytes.has_value()) return http::Problem(bytes.error());
    auto entry = DecodeEntry(*bytes);
    if (!entry.has_value())
      return http::Problem(Corruption("stored entry does not decode: " + entry.error().message()));
    Hash leaf = LeafHash(*bytes);
    return http::Json(boost::json::object{
        {"index", *index},
        {"version", kEntryVersion},
        {"record_type", entry->input.record_type},
        {"record_id", entry->input.record_id},
        {"content_sha256", ToHex(entry->input.content_sha256)},
        {"time_unix_ms", entry->time_unix_ms},
        {"time", IsoTime(entry->time_unix_ms)},
        {"org_id", entry->input.org_id},
        {"region", entry->input.region},
        {"leaf_hash", HashToBase64(leaf)},
        {"leaf_hash_hex", ToHex(leaf)},
        {"entry_bytes", bytes->size()},
    });
  });

  router.Get("/api/v1/ledger/proof/inclusion", [s](http::Request& req) {
    auto index = QueryNumber(req, "index");
    if (!index.has_value()) return http::Problem(index.error());
    auto size = QueryNumber(req, "size");
    if (!size.has_value()) return http::Problem(size.error());
    return ProofResponse(s->reader().InclusionProof(*index, *size));
  });

  router.Get("/api/v1/ledger/proof/consistency", [s](http::Request& req) {
    auto from = QueryNumber(req, "from");
    if (!from.has_value()) return http::Problem(from.error());
    auto size = QueryNumber(req, "size");
    if (!size.has_value()) return http::Problem(size.error());
    return ProofResponse(s->reader().ConsistencyProof(*from, *size));
  });

  // Tile paths have a variable number of segments: one route per depth, parsed as a whole.
  auto tile = [s](http::Request& req) {
    std::string_view path = req.path;
    if (path.substr(0, kPrefix.size()) != kPrefix)
      return http::Problem(InvalidArgument("not a tile path"));
    auto ref = ParseTilePath(path.substr(kPrefix.size()));
    if (!ref.has_value()) return http::Problem(ref.error());
    auto data = s->reader().Tile(*ref);
    if (!data.has_value()) return http::Problem(data.error());
    return Bytes(std::move(*data), ref->width == kTileWidth);
  };
  std::string pattern = "/api/v1/ledger/tile/{l}";
  for (int depth = 2; depth <= 9; ++depth) {
    pattern += "/{p" + std::to_string(depth) + "}";
    router.Get(pattern, tile);
  }
}

}  // namespace rutile::ledger
