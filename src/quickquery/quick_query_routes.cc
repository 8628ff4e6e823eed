#include "quick_query_routes.h"

#include <functional>
#include <memory>

#include "rutile/engine/wire/engine_wire.h"

namespace rutile::quickquery {
namespace {

using http::Request;
using http::Response;
namespace wire = engine::wire;

bool IsJson(const Request& r) {
  auto type = r.Header("content-type");
  if (!type) return false;
  std::string t = type->substr(0, type->find(';'));
  return t == "application/json";
}

// One engine call: the body must be JSON; the engine's own reader checks everything else.
Response Compute(const Request& r,
                 const std::function<Result<std::string>(std::string_view)>& compute) {
  if (!IsJson(r)) return http::Problem(InvalidArgument("send the request as application/json"));
  auto out = compute(r.body);
  if (!out.has_value()) return http::Problem(out.error());
  return http::Text(std::move(out).value(), "application/json");
}

}  // namespace

void RegisterQuickQueryRoutes(http::Router& router) {
  using http::Execution;
  const engine::KnowledgeBase& kb = wire::DefaultKnowledge();
  // The vocabulary only changes with the knowledge base, so it is computed once.
  auto vocabulary = std::make_shared<Result<std::string>>(wire::VocabularyJson(kb));
  router.Post(
      "/api/v1/engine/assess",
      [&kb](Request& r) {
        return Compute(r, [&kb](std::string_view body) { return wire::AssessJson(kb, body); });
      },
      Execution::kInline);
  router.Get(
      "/api/v1/engine/vocabulary",
      [vocabulary](Request&) {
        if (!vocabulary->has_value()) return http::Problem(vocabulary->error());
        Response res = http::Text(vocabulary->value(), "application/json");
        res.SetHeader("Cache-Control", "public, max-age=3600");
        return res;
      },
      Execution::kInline);
  router.Post(
      "/api/v1/engine/atmosphere", [](Request& r) { return Compute(r, wire::AtmosphereJson); },
      Execution::kInline);
  router.Post(
      "/api/v1/engine/thickness", [](Request& r) { return Compute(r, wire::ThicknessJson); },
      Execution::kInline);
  router.Post(
      "/api/v1/engine/risk-matrix", [](Request& r) { return Compute(r, wire::RiskMatrixJson); },
      Execution::kInline);
}

}  // namespace rutile::quickquery
