#include "identity_routes.h"

#include <boost/json.hpp>

#include "rutile/http/json_body.h"
#include "rutile/http/params.h"

namespace rutile::identity {
namespace {

namespace json = boost::json;
using http::JsonFields;
using http::Request;
using http::Response;

json::object OrganizationJson(const Organization& o) {
  json::object j;
  j["id"] = o.id;
  j["name"] = o.name;
  j["kind"] = OrgKindName(o.kind);
  j["region"] = o.region;
  j["industry"] = o.industry;
  j["park_id"] = o.park_id == 0 ? json::value(nullptr) : json::value(o.park_id);
  j["scale_class"] =
      o.scale_class ? json::value(ScaleClassName(*o.scale_class)) : json::value(nullptr);
  if (o.headcount) j["headcount"] = *o.headcount;
  if (o.annual_revenue) j["annual_revenue"] = *o.annual_revenue;
  j["real_name_status"] = RealNameStatusName(o.real_name_status);
  json::array assoc;
  for (auto a : o.association_ids) assoc.push_back(a);
  j["association_ids"] = std::move(assoc);
  j["created_at"] = o.created_at;
  return j;
}

json::object UserJson(const User& u) {
  return {{"id", u.id}, {"email", u.email}, {"name", u.name}, {"language", u.language}};
}

std::string SessionCookie(const Request& r, const std::string& token, std::int64_t max_age) {
  std::string c = std::string(kSessionCookie) + "=" + token +
                  "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (r.secure) c += "; Secure";
  return c;
}

Response SessionResponse(const Request& r, const Session& s, int status, json::object extra) {
  extra["token"] = s.token;
  extra["expires_at"] = s.expires_at;
  extra["user"] = UserJson(s.user);
  Response res = http::Json(extra, status);
  res.SetHeader("Set-Cookie", SessionCookie(r, s.token, std::max<std::int64_t>(0, s.max_age)));
  return res;
}

using http::Reply;

NewOrganization ReadOrganization(JsonFields& f) {
  NewOrganization o;
  o.name = f.String("name", true, 200).value_or("");
  o.kind = f.String("kind", true, 64).value_or("");
  o.region = f.String("region", true, 64).value_or("");
  o.industry = f.String("industry", false, 64).value_or("");
  o.park_id = f.Int("park_id", false, 1).value_or(0);
  o.headcount = f.Int("headcount", false, 0, 10'000'000);
  o.annual_revenue = f.Number("annual_revenue", false, 0);
  // A park or associations named here become join requests, decided by them.
  if (const json::value* a = f.Raw("association_ids"); a != nullptr && !a->is_null()) {
    if (!a->is_array() || a->get_array().size() > 20) {
      f.AddError("association_ids", "must be a list of at most 20 association ids");
    } else {
      for (const auto& v : a->get_array()) {
        if (!v.is_int64() || v.get_int64() < 1) {
          f.AddError("association_ids", "must be a list of association ids");
          break;
        }
        o.association_ids.push_back(v.get_int64());
      }
    }
  }
  return o;
}

json::object JoinRequestJson(const JoinRequest& j) {
  return {{"id", j.id},
          {"org_id", j.org_id},
          {"org_name", j.org_name},
          {"target", JoinTargetName(j.target)},
          {"target_id", j.target_id},
          {"target_name", j.target_name},
          {"status", JoinRequestStatusName(j.status)},
          {"created_at", j.created_at},
          {"decided_at", j.decided_at == 0 ? json::value(nullptr) : json::value(j.decided_at)}};
}

json::object InvitationJson(const Invitation& i) {
  return {{"id", i.id},
          {"org_id", i.org_id},
          {"org_name", i.org_name},
          {"email", i.email},
          {"role", OrgRoleName(i.role)},
          {"status", InvitationStatusName(i.status)},
          {"created_at", i.created_at},
          {"decided_at", i.decided_at == 0 ? json::value(nullptr) : json::value(i.decided_at)}};
}

// The session token the request carries (bearer header first, then the cookie).
std::optional<std::string> RequestToken(const Request& r) {
  if (auto auth = r.Header("authorization"); auth && auth->rfind("Bearer ", 0) == 0)
    return auth->substr(7);
  return r.Cookie(kSessionCookie);
}

Response Throttled(const Error& error, std::chrono::seconds retry_after) {
  Response res = http::Problem(error);
  if (error.code() == ErrorCode::kResourceExhausted)
    res.SetHeader("Retry-After", std::to_string(retry_after.count()));
  return res;
}

Response Register(IdentityService& service, Request& r) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  NewUser user;
  user.email = body->String("email", true, 254).value_or("");
  user.password = body->String("password", true, 256).value_or("");
  user.name = body->String("name", true, 200).value_or("");
  user.language = body->String("language", false, 8).value_or("en");
  NewOrganization org;
  std::vector<FieldError> nested_errors;
  const json::value* o = body->Raw("organization");
  if (o == nullptr) {
    body->AddError("organization", "is required");
  } else if (!o->is_object()) {
    body->AddError("organization", "must be an object");
  } else {
    JsonFields nested = JsonFields::FromObject(o->get_object(), "organization.");
    org = ReadOrganization(nested);
    if (auto s = nested.Finish(); !s.has_value()) nested_errors = s.error().fields();
  }
  auto outer = body->Finish();
  if (!outer.has_value() || !nested_errors.empty()) {
    std::vector<FieldError> all =
        outer.has_value() ? std::vector<FieldError>{} : outer.error().fields();
    all.insert(all.end(), nested_errors.begin(), nested_errors.end());
    return http::Problem(InvalidArgument("the request body has invalid fields", std::move(all)));
  }
  auto reg = service.Register(user, org, r.remote_address);
  if (!reg.has_value()) return Throttled(reg.error(), service.options().registration_window);
  json::array requests;
  for (const auto& j : reg->join_requests) requests.push_back(JoinRequestJson(j));
  return SessionResponse(r, reg->session, 201,
                         json::object{{"organization", OrganizationJson(reg->organization)},
                                      {"join_requests", std::move(requests)}});
}

Response Login(IdentityService& service, Request& r) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  auto email = body->String("email", true, 254);
  auto password = body->String("password", true, 256);
  if (auto s = body->Finish(); !s.has_value()) return http::Problem(s.error());
  auto session = service.Login(*email, *password, r.remote_address);
  if (!session.has_value()) return Throttled(session.error(), service.options().throttle_window);
  return SessionResponse(r, *session, 200, {});
}

Response Logout(IdentityService& service, Request& r) {
  std::optional<std::string> token = RequestToken(r);
  if (token) {
    if (auto s = service.Logout(*token); !s.has_value()) return http::Problem(s.error());
  }
  Response res = http::NoContent();
  res.SetHeader("Set-Cookie", SessionCookie(r, "", 0));
  return res;
}

Response DescribeMe(IdentityService& service, Request& r) {
  return Reply(service.DescribeMe(r.principal), [](const Me& me) {
    json::array orgs;
    for (const auto& o : me.organizations) {
      json::object j = OrganizationJson(o.organization);
      j["role"] = OrgRoleName(o.role);
      orgs.push_back(std::move(j));
    }
    json::array roles;
    for (auto role : me.platform_roles) roles.push_back(json::string(PlatformRoleName(role)));
    return json::object{{"user", UserJson(me.user)},
                        {"organizations", std::move(orgs)},
                        {"platform_roles", std::move(roles)}};
  });
}

json::object Names(const std::map<std::string, std::string>& names) {
  json::object j;
  for (const auto& [lang, text] : names) j[lang] = text;
  return j;
}

Response ListRegions(IdentityService& service) {
  json::array regions;
  for (const auto& r : service.regions().regions()) {
    const auto& n = r.names;
    regions.push_back(json::object{
        {"code", r.code},
        {"name", n.count("en") ? n.at("en") : r.code},
        {"names", Names(n)},
        {"category", r.category},
        {"currency", r.thresholds.currency},
    });
  }
  json::array industries;
  for (const auto& i : service.regions().industries())
    industries.push_back(json::object{{"id", i.id}, {"names", Names(i.names)}});
  return http::Json(
      json::object{{"regions", std::move(regions)}, {"industries", std::move(industries)}});
}

Response ListParks(IdentityService& service, Request& r) {
  return Reply(service.ListParks(r.Query("region").value_or("")),
               [](const std::vector<Park>& parks) {
                 json::array a;
                 for (const auto& p : parks)
                   a.push_back(json::object{{"id", p.id},
                                            {"name", p.name},
                                            {"region", p.region},
                                            {"manager_org_id", p.manager_org_id}});
                 return json::object{{"parks", std::move(a)}};
               });
}

Response GetOrganization(IdentityService& service, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  return Reply(service.GetOrganization(r.principal, *id), OrganizationJson);
}

Response ListOrganizations(IdentityService& service, Request& r) {
  return Reply(service.ListOrganizations(r.Query("region").value_or("")),
               [](const std::vector<Organization>& orgs) {
                 json::array a;
                 for (const auto& o : orgs) {
                   json::object j = OrganizationJson(o);
                   j.erase("headcount");
                   j.erase("annual_revenue");
                   a.push_back(std::move(j));
                 }
                 return json::object{{"organizations", std::move(a)}};
               });
}

json::object MemberJson(const Member& m) {
  return {
      {"user_id", m.user_id}, {"email", m.email}, {"name", m.name}, {"role", OrgRoleName(m.role)}};
}

Response ListMembers(IdentityService& service, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  return Reply(service.ListMembers(r.principal, *id), [](const std::vector<Member>& members) {
    json::array a;
    for (const auto& m : members) a.push_back(MemberJson(m));
    return json::object{{"members", std::move(a)}};
  });
}

Response NoContentOr(Status s) {
  if (!s.has_value()) return http::Problem(s.error());
  return http::NoContent();
}

Response LogoutEverywhere(IdentityService& service, Request& r) {
  if (auto s = service.LogoutEverywhere(r.principal); !s.has_value())
    return http::Problem(s.error());
  Response res = http::NoContent();
  res.SetHeader("Set-Cookie", SessionCookie(r, "", 0));
  return res;
}

Response ChangePassword(IdentityService& service, Request& r) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  auto current = body->String("current_password", true, 256);
  auto next = body->String("new_password", true, 256);
  if (auto s = body->Finish(); !s.has_value()) return http::Problem(s.error());
  auto s = service.ChangePassword(r.principal, RequestToken(r).value_or(""), *current, *next);
  if (!s.has_value()) return Throttled(s.error(), service.options().throttle_window);
  return http::NoContent();
}

Response Invite(IdentityService& service, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  auto email = body->String("email", true, 254);
  auto role_name = body->String("role", false, 16).value_or("member");
  auto role = ParseOrgRole(role_name);
  if (!role) body->AddError("role", "must be member or admin");
  if (auto s = body->Finish(); !s.has_value()) return http::Problem(s.error());
  return Reply(service.Invite(r.principal, *id, *email, *role), InvitationJson, 201);
}

json::object InvitationList(const std::vector<Invitation>& list) {
  json::array a;
  for (const auto& i : list) a.push_back(InvitationJson(i));
  return json::object{{"invitations", std::move(a)}};
}

json::object JoinRequestList(const std::vector<JoinRequest>& list) {
  json::array a;
  for (const auto& j : list) a.push_back(JoinRequestJson(j));
  return json::object{{"join_requests", std::move(a)}};
}

Response ListInvitations(IdentityService& service, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  return Reply(service.ListInvitations(r.principal, *id), InvitationList);
}

Response MyInvitations(IdentityService& service, Request& r) {
  return Reply(service.MyInvitations(r.principal), InvitationList);
}

Response DecideInvitation(IdentityService& service, Request& r, std::string_view action) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  if (action == "accept") return Reply(service.AcceptInvitation(r.principal, *id), MemberJson, 201);
  if (action == "decline")
    return Reply(service.DeclineInvitation(r.principal, *id), InvitationJson);
  return Reply(service.RevokeInvitation(r.principal, *id), InvitationJson);
}

Response RemoveMember(IdentityService& service, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto user = http::PathId(r, "user_id");
  if (!user.has_value()) return http::Problem(user.error());
  return NoContentOr(service.RemoveMember(r.principal, *id, *user));
}

Response LeaveOrganization(IdentityService& service, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  return NoContentOr(service.LeaveOrganization(r.principal, *id));
}

Response RequestJoin(IdentityService& service, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  auto target_name = body->String("target", true, 16);
  auto target_id = body->Int("target_id", true, 1);
  std::optional<JoinTarget> target;
  if (target_name) {
    target = ParseJoinTarget(*target_name);
    if (!target) body->AddError("target", "must be park or association");
  }
  if (auto s = body->Finish(); !s.has_value()) return http::Problem(s.error());
  return Reply(service.RequestJoin(r.principal, *id, *target, *target_id), JoinRequestJson, 201);
}

Response ListJoinRequests(IdentityService& service, Request& r, bool incoming) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  return Reply(incoming ? service.ListIncomingJoinRequests(r.principal, *id)
                        : service.ListJoinRequests(r.principal, *id),
               JoinRequestList);
}

Response DecideJoinRequest(IdentityService& service, Request& r, std::string_view action) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  if (action == "withdraw")
    return Reply(service.WithdrawJoinRequest(r.principal, *id), JoinRequestJson);
  return Reply(service.DecideJoinRequest(r.principal, *id, action == "approve"), JoinRequestJson);
}

Response RequestFiling(IdentityService& service, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  auto number = body->String("registration_number", true, 64);
  if (auto s = body->Finish(); !s.has_value()) return http::Problem(s.error());
  return Reply(service.RequestRealNameFiling(r.principal, *id, *number), OrganizationJson);
}

Response DecideFiling(IdentityService& service, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  auto approve = body->Bool("approve", true);
  if (auto s = body->Finish(); !s.has_value()) return http::Problem(s.error());
  return Reply(service.DecideRealNameFiling(r.principal, *id, *approve), OrganizationJson);
}

}  // namespace

void RegisterIdentityRoutes(http::Router& router, IdentityService& s) {
  using http::Execution;
  using http::Route;
  router.Post("/api/v1/auth/register", [&s](Request& r) { return Register(s, r); });
  router.Post("/api/v1/auth/login", [&s](Request& r) { return Login(s, r); });
  router.Post("/api/v1/auth/logout", [&s](Request& r) { return Logout(s, r); });
  router.Add(Route{"GET", "/api/v1/me", [&s](Request& r) { return DescribeMe(s, r); },
                   Execution::kBlocking, true});
  router.Get(
      "/api/v1/regions", [&s](Request&) { return ListRegions(s); }, Execution::kInline);
  router.Get("/api/v1/parks", [&s](Request& r) { return ListParks(s, r); });
  router.Add(Route{"GET", "/api/v1/orgs", [&s](Request& r) { return ListOrganizations(s, r); },
                   Execution::kBlocking, true});
  router.Get("/api/v1/orgs/{id}", [&s](Request& r) { return GetOrganization(s, r); });
  router.Add(Route{"GET", "/api/v1/orgs/{id}/members",
                   [&s](Request& r) { return ListMembers(s, r); }, Execution::kBlocking, true});
  auto login_route = [&router](std::string method, std::string pattern, http::Handler h) {
    router.Add(
        Route{std::move(method), std::move(pattern), std::move(h), Execution::kBlocking, true});
  };
  login_route("POST", "/api/v1/auth/logout-everywhere",
              [&s](Request& r) { return LogoutEverywhere(s, r); });
  login_route("POST", "/api/v1/me/password", [&s](Request& r) { return ChangePassword(s, r); });
  login_route("GET", "/api/v1/me/invitations", [&s](Request& r) { return MyInvitations(s, r); });
  login_route("POST", "/api/v1/invitations/{id}/accept",
              [&s](Request& r) { return DecideInvitation(s, r, "accept"); });
  login_route("POST", "/api/v1/invitations/{id}/decline",
              [&s](Request& r) { return DecideInvitation(s, r, "decline"); });
  login_route("POST", "/api/v1/invitations/{id}/revoke",
              [&s](Request& r) { return DecideInvitation(s, r, "revoke"); });
  login_route("GET", "/api/v1/orgs/{id}/invitations",
              [&s](Request& r) { return ListInvitations(s, r); });
  login_route("POST", "/api/v1/orgs/{id}/invitations", [&s](Request& r) { return Invite(s, r); });
  login_route("DELETE", "/api/v1/orgs/{id}/members/{user_id}",
              [&s](Request& r) { return RemoveMember(s, r); });
  login_route("POST", "/api/v1/orgs/{id}/leave",
              [&s](Request& r) { return LeaveOrganization(s, r); });
  login_route("GET", "/api/v1/orgs/{id}/join-requests",
              [&s](Request& r) { return ListJoinRequests(s, r, false); });
  login_route("GET", "/api/v1/orgs/{id}/join-requests/incoming",
              [&s](Request& r) { return ListJoinRequests(s, r, true); });
  login_route("POST", "/api/v1/orgs/{id}/join-requests",
              [&s](Request& r) { return RequestJoin(s, r); });
  login_route("POST", "/api/v1/join-requests/{id}/approve",
              [&s](Request& r) { return DecideJoinRequest(s, r, "approve"); });
  login_route("POST", "/api/v1/join-requests/{id}/reject",
              [&s](Request& r) { return DecideJoinRequest(s, r, "reject"); });
  login_route("POST", "/api/v1/join-requests/{id}/withdraw",
              [&s](Request& r) { return DecideJoinRequest(s, r, "withdraw"); });

  router.Add(Route{"POST", "/api/v1/orgs/{id}/real-name-filing",
                   [&s](Request& r) { return RequestFiling(s, r); }, Execution::kBlocking, true});
  router.Add(Route{"POST", "/api/v1/orgs/{id}/real-name-filing/decision",
                   [&s](Request& r) { return DecideFiling(s, r); }, Execution::kBlocking, true});
}

}  // namespace rutile::identity
