// libFuzzer target over request decoding: raw bytes -> Beast request_parser -> Request (target
// and query decoding) -> router lookup -> strict JSON body reading. Must never crash, leak or
// hit undefined behaviour, whatever the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rutile/http/decode.h"
#include "rutile/http/json_body.h"
#include "rutile/http/router.h"

namespace {

const rutile::http::Router& FuzzRouter() {
  static const rutile::http::Router* router = [] {
    auto* r = new rutile::http::Router();
    auto ok = [](rutile::http::Request&) { return rutile::http::NoContent(); };
    r->Get("/api/v1/orgs", ok);
    r->Get("/api/v1/orgs/{id}", ok);
    r->Get("/api/v1/orgs/mine", ok);
    r->Post("/api/v1/orgs/{id}/members", ok);
    r->Get("/api/v1/orgs/{org}/equipment/{equipment}", ok);
    r->Delete("/api/v1/orgs/{id}", ok);
    r->Get("/", ok);
    return r;
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  auto decoded = rutile::http::DecodeRequestForTesting(raw, 64 * 1024);
  if (!decoded.has_value()) return 0;
  rutile::http::Request& request = decoded.value();
  (void)request.Cookie("rutile_session");
  (void)request.Query("q");
  rutile::http::Match match = FuzzRouter().Find(request.method, request.path, request);
  (void)match;
  auto fields = rutile::http::JsonFields::Parse(request);
  if (fields.has_value()) {
    (void)fields->String("name", true, 64);
    (void)fields->Int("count", false, 0, 1000);
    (void)fields->Number("ratio", false, 0, 1);
    (void)fields->Bool("flag", false);
    if (const auto* nested = fields->Raw("nested"); nested != nullptr && nested->is_object()) {
      auto inner = rutile::http::JsonFields::FromObject(nested->as_object(), "nested.");
      (void)inner.String("x", false);
      (void)inner.Finish();
    }
    (void)fields->Finish();
  }
  return 0;
}
