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

Response SessionResponse(const Request& r, const Session& s, std::int64_t now_hint, int status,
                         json::object extra) {
  extra["token"] = s.token;
  extra["expires_at"] = s.expires_at;
  extra["user"] = UserJson(s.user);
  Response res = http::Json(extra, status);
  res.SetHeader("Set-Cookie",
                SessionCookie(r, s.token, std::max<std::int64_t>(0, s.expires_at - now_hint)));
  return res;
}

template <typename T, typename F>
Response Reply(Result<T> result, F&& to_json, int status = 200) {
  if (!result.has_value()) return http::Problem(result.error());
  return http::Json(to_json(*result), status);
}

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

NewOrganization ReadOrganization(JsonFields& f) {
  NewOrganization o;
  o.name = f.String("name", true, 200).value_or("");
  o.kind = f.String("kind", true, 64).value_or("");
  o.region = f.String("region", true, 64).value_or("");
  o.industry = f.String("industry", false, 64).value_or("");
  o.park_id = f.Int("park_id", false, 1).value_or(0);
  o.headcount = f.Int("headcount", false, 0, 10'000'000);
  o.annual_revenue = f.Number("annual_revenue", false, 0);
  return o;
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
  auto reg = service.Register(user, org);
  if (!reg.has_value()) return http::Problem(reg.error());
  return SessionResponse(r, reg->session, NowSeconds(), 201,
                         json::object{{"organization", OrganizationJson(reg->organization)}});
}

Response Login(IdentityService& service, Request& r) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  auto email = body->String("email", true, 254);
  auto password = body->String("password", true, 256);
  if (auto s = body->Finish(); !s.has_value()) return http::Problem(s.error());
  auto session = service.Login(*email, *password, r.remote_address);
  if (!session.has_value()) {
    Response res = http::Problem(session.error());
    if (session.error().code() == ErrorCode::kResourceExhausted)
      res.SetHeader("Retry-After", "900");
    return res;
  }
  return SessionResponse(r, *session, NowSeconds(), 200, {});
}

Response Logout(IdentityService& service, Request& r) {
  std::optional<std::string> token;
  if (auto auth = r.Header("authorization"); auth && auth->rfind("Bearer ", 0) == 0)
    token = auth->substr(7);
  else
    token = r.Cookie(kSessionCookie);
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

Response AddMember(IdentityService& service, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  auto email = body->String("email", true, 254);
  auto role_name = body->String("role", false, 16).value_or("member");
  auto role = ParseOrgRole(role_name);
  if (!role) body->AddError("role", "must be member or admin");
  if (auto s = body->Finish(); !s.has_value()) return http::Problem(s.error());
  return Reply(service.AddMember(r.principal, *id, *email, *role), MemberJson, 201);
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
  router.Add(Route{"POST", "/api/v1/orgs/{id}/members",
                   [&s](Request& r) { return AddMember(s, r); }, Execution::kBlocking, true});
  router.Add(Route{"POST", "/api/v1/orgs/{id}/real-name-filing",
                   [&s](Request& r) { return RequestFiling(s, r); }, Execution::kBlocking, true});
  router.Add(Route{"POST", "/api/v1/orgs/{id}/real-name-filing/decision",
                   [&s](Request& r) { return DecideFiling(s, r); }, Execution::kBlocking, true});
}

}  // namespace rutile::identity
