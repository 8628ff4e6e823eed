#include "notification_routes.h"

#include <boost/json.hpp>
#include <charconv>

namespace rutile::notifications {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Result<std::int64_t> ParseNumber(const std::string& text, const std::string& field,
                                 std::int64_t min, std::int64_t max) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max)
    return InvalidArgument("invalid " + field,
                           {{field, "must be a whole number from " + std::to_string(min) + " to " +
                                        std::to_string(max)}});
  return v;
}

Response List(NotificationService& s, Request& r) {
  auto limit = ParseNumber(r.Query("limit").value_or("50"), "limit", 1, 200);
  if (!limit.has_value()) return http::Problem(limit.error());
  auto unread = r.Query("unread").value_or("false");
  if (unread != "true" && unread != "false")
    return http::Problem(InvalidArgument("invalid unread", {{"unread", "must be true or false"}}));
  auto inbox = s.List(r.principal, static_cast<int>(*limit), unread == "true");
  if (!inbox.has_value()) return http::Problem(inbox.error());
  json::array items;
  for (const auto& n : inbox->items)
    items.push_back(json::object{{"id", n.id},
                                 {"kind", n.kind},
                                 {"title", n.title},
                                 {"body", n.body},
                                 {"link", n.link},
                                 {"created_at", n.created_at},
                                 {"read", n.read}});
  return http::Json(json::object{{"items", std::move(items)}, {"unread", inbox->unread}});
}

Response MarkRead(NotificationService& s, Request& r) {
  auto id = ParseNumber(r.PathParam("id"), "id", 1, INT64_MAX);
  if (!id.has_value()) return http::Problem(id.error());
  if (auto st = s.MarkRead(r.principal, *id); !st.has_value()) return http::Problem(st.error());
  return http::NoContent();
}

}  // namespace

void RegisterNotificationRoutes(http::Router& router, NotificationService& s) {
  using http::Execution;
  using http::Route;
  router.Add(Route{"GET", "/api/v1/notifications", [&s](Request& r) { return List(s, r); },
                   Execution::kBlocking, true});
  router.Add(Route{"POST", "/api/v1/notifications/{id}/read",
                   [&s](Request& r) { return MarkRead(s, r); }, Execution::kBlocking, true});
  router.Add(Route{"POST", "/api/v1/notifications/read-all",
                   [&s](Request& r) {
                     if (auto st = s.MarkAllRead(r.principal); !st.has_value())
                       return http::Problem(st.error());
                     return http::NoContent();
                   },
                   Execution::kBlocking, true});
}

}  // namespace rutile::notifications
