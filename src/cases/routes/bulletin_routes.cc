#include "bulletin_routes.h"

#include <boost/json.hpp>

#include "rutile/cases/bulletin_json.h"
#include "rutile/http/json_body.h"
#include "rutile/http/params.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

// Moves the errors of a nested reader into the body's reader.
template <typename T>
std::optional<T> Nested(http::JsonFields& f, Result<T> parsed) {
  if (parsed.has_value()) return std::move(parsed).value();
  for (const auto& e : parsed.error().fields()) f.AddError(e.field, e.message);
  return std::nullopt;
}

std::optional<std::vector<std::int64_t>> CaseIds(http::JsonFields& f, bool required) {
  const json::value* v = f.Raw("case_ids");
  if (v == nullptr || v->is_null()) {
    if (required) f.AddError("case_ids", "is required");
    return std::nullopt;
  }
  std::vector<std::int64_t> ids;
  if (!v->is_array()) {
    f.AddError("case_ids", "must be an array of public case ids");
    return std::nullopt;
  }
  for (std::size_t i = 0; i < v->as_array().size(); ++i) {
    const json::value& e = v->as_array()[i];
    if (e.is_int64() && e.as_int64() > 0)
      ids.push_back(e.as_int64());
    else
      f.AddError("case_ids[" + std::to_string(i) + "]", "must be a positive whole number");
  }
  return ids;
}

std::optional<BulletinSeverity> Severity(http::JsonFields& f) {
  auto s = f.String("severity", false, 20);
  if (!s) return std::nullopt;
  auto parsed = ParseBulletinSeverity(*s);
  if (!parsed) f.AddError("severity", "must be advisory, warning or alert");
  return parsed;
}

std::optional<std::vector<BulletinText>> Texts(http::JsonFields& f) {
  const json::value* v = f.Raw("texts");
  if (v == nullptr || v->is_null()) return std::nullopt;
  return Nested(f, TextsFromJson(*v, "texts"));
}

std::optional<MatchingRule> Rule(http::JsonFields& f) {
  const json::value* v = f.Raw("rule");
  if (v == nullptr || v->is_null()) return std::nullopt;
  return Nested(f, RuleFromJson(*v, "rule."));
}

Response One(const Result<Bulletin>& b, const Request& r, int status = 200) {
  if (!b.has_value()) return http::Problem(b.error());
  return http::Json(BulletinToJson(*b, IsBulletinReviewer(r.principal)), status);
}

Response Create(BulletinService& s, Request& r) {
  auto f = http::JsonFields::Parse(r);
  if (!f.has_value()) return http::Problem(f.error());
  BulletinDraft d;
  d.case_ids = CaseIds(*f, true).value_or(std::vector<std::int64_t>{});
  d.severity = Severity(*f).value_or(BulletinSeverity::kAdvisory);
  d.texts = Texts(*f).value_or(std::vector<BulletinText>{});
  d.rule = Rule(*f);
  if (auto done = f->Finish(); !done.has_value()) return http::Problem(done.error());
  return One(s.Create(r.principal, d), r, 201);
}

Response Patch(BulletinService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto f = http::JsonFields::Parse(r);
  if (!f.has_value()) return http::Problem(f.error());
  BulletinPatch p;
  p.case_ids = CaseIds(*f, false);
  p.severity = Severity(*f);
  p.texts = Texts(*f);
  p.rule = Rule(*f);
  if (auto done = f->Finish(); !done.has_value()) return http::Problem(done.error());
  return One(s.Update(r.principal, *id, p), r);
}

Response Get(BulletinService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  return One(s.Get(r.principal, *id), r);
}

Response Publish(BulletinService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  return One(s.Publish(r.principal, *id), r);
}

Response Withdraw(BulletinService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  return One(s.Withdraw(r.principal, *id), r);
}

Response List(BulletinService& s, Request& r) {
  BulletinListQuery q;
  if (auto state = r.Query("state")) {
    q.state = ParseBulletinState(*state);
    if (!q.state)
      return http::Problem(
          InvalidArgument("invalid state", {{"state", "must be draft, published or withdrawn"}}));
  }
  auto limit = http::QueryInt(r, "limit", 50, 1, 200);
  if (!limit.has_value()) return http::Problem(limit.error());
  auto offset = http::QueryInt(r, "offset", 0, 0, 1000000);
  if (!offset.has_value()) return http::Problem(offset.error());
  q.limit = static_cast<int>(*limit);
  q.offset = static_cast<int>(*offset);
  auto list = s.List(r.principal, q);
  if (!list.has_value()) return http::Problem(list.error());
  const bool reviewer = IsBulletinReviewer(r.principal);
  json::array items;
  for (const auto& b : *list) items.push_back(BulletinToJson(b, reviewer));
  return http::Json(json::object{{"items", std::move(items)}});
}

Response Deliveries(BulletinService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto list = s.Deliveries(r.principal, *id);
  if (!list.has_value()) return http::Problem(list.error());
  json::array items;
  std::int64_t total_items = 0;
  for (const auto& d : *list) {
    items.push_back(json::object{{"org_id", d.org_id},
                                 {"items_matched", d.items_matched},
                                 {"delivered_at", d.delivered_at}});
    total_items += d.items_matched;
  }
  return http::Json(json::object{{"bulletin_id", *id},
                                 {"organizations", static_cast<std::int64_t>(list->size())},
                                 {"items_matched", total_items},
                                 {"items", std::move(items)}});
}

Response AutoDrafts(BulletinService& s, Request& r) {
  AutoDraftRequest req;
  if (!r.body.empty()) {
    auto f = http::JsonFields::Parse(r);
    if (!f.has_value()) return http::Problem(f.error());
    req.window_days =
        static_cast<int>(f->Int("window_days", false, 1, 3650).value_or(req.window_days));
    req.min_cases = static_cast<int>(f->Int("min_cases", false, 2, 100).value_or(req.min_cases));
    req.include_synthetic = f->Bool("include_synthetic", false).value_or(false);
    if (auto done = f->Finish(); !done.has_value()) return http::Problem(done.error());
  }
  auto drafts = s.AutoDraft(r.principal, req);
  if (!drafts.has_value()) return http::Problem(drafts.error());
  json::array items;
  for (const auto& b : *drafts) items.push_back(BulletinToJson(b, true));
  return http::Json(json::object{{"items", std::move(items)}}, 201);
}

Response Feed(BulletinService& s, const AtomFeedOptions& base, Request& r) {
  AtomFeedOptions options = base;
  const std::string origin =
      std::string(r.secure ? "https://" : "http://") + r.Header("host").value_or("localhost");
  if (options.site_url.empty()) options.site_url = origin;
  if (options.self_url.empty()) options.self_url = origin + "/api/v1/bulletins/feed.atom";
  if (auto lang = r.Query("lang")) options.language = *lang;
  auto list = s.Feed(50);
  if (!list.has_value()) return http::Problem(list.error());
  return http::Text(BulletinAtomFeed(*list, options, s.Now()),
                    "application/atom+xml; charset=utf-8");
}

}  // namespace

void RegisterBulletinRoutes(http::Router& router, BulletinService& s, AtomFeedOptions feed) {
  using http::Execution;
  using http::Route;
  auto add = [&](const char* method, const char* pattern,
                 Response (*fn)(BulletinService&, Request&), bool login) {
    router.Add(Route{method, pattern, [&s, fn](Request& r) { return fn(s, r); },
                     Execution::kBlocking, login});
  };
  add("POST", "/api/v1/bulletins", Create, true);
  add("GET", "/api/v1/bulletins", List, false);
  add("POST", "/api/v1/bulletins/auto-drafts", AutoDrafts, true);
  router.Add(Route{"GET", "/api/v1/bulletins/feed.atom",
                   [&s, feed](Request& r) { return Feed(s, feed, r); }, Execution::kBlocking,
                   false});
  add("GET", "/api/v1/bulletins/{id}", Get, false);
  add("PATCH", "/api/v1/bulletins/{id}", Patch, true);
  add("POST", "/api/v1/bulletins/{id}/publish", Publish, true);
  add("POST", "/api/v1/bulletins/{id}/withdraw", Withdraw, true);
  add("GET", "/api/v1/bulletins/{id}/deliveries", Deliveries, true);
}

}  // namespace rutile::cases
