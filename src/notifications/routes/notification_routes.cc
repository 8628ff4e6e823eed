#include "notification_routes.h"

#include <boost/json.hpp>

#include "rutile/http/params.h"

namespace rutile::notifications {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

Response List(NotificationService& s, Request& r) {
  auto limit = http::QueryInt(r, "limit", 50, 1, 200);
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
  auto id = http::PathId(r, "id");
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
