#include "application_routes.h"

#include <boost/json.hpp>

#include "rutile/http/json_body.h"
#include "rutile/http/params.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;
using http::Request;
using http::Response;

json::array Strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

json::object ApplicationToJson(const CaseApplication& a) {
  json::object o{
      {"id", a.id},
      {"public_case_id", a.public_case_id},
      {"purpose", a.purpose},
      {"requested_fields", Strings(a.requested_fields)},
      {"status", ApplicationStatusName(a.status)},
      {"created_at", a.created_at},
      {"decided_at", a.decided_at == 0 ? json::value(nullptr) : json::value(a.decided_at)},
      {"reason", a.reason},
      {"expires_at", a.expires_at == 0 ? json::value(nullptr) : json::value(a.expires_at)},
      {"applicant", json::object{{"user_id", a.applicant_user_id},
                                 {"name", a.applicant_name},
                                 {"organization", a.applicant_org_name}}},
      {"allowed_actions", Strings(a.allowed_actions)}};
  if (a.case_id != 0) o["case_id"] = a.case_id;
  return o;
}

// A body that may be empty (decisions without a reason); otherwise strict JSON.
Result<http::JsonFields> OptionalBody(const Request& r) {
  if (r.body.empty()) return http::JsonFields::ParseBody("{}");
  return http::JsonFields::Parse(r);
}

Response Apply(CaseApplicationService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = http::JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  ApplicationInput in;
  if (auto purpose = body->String("purpose", true, 2000)) {
    in.purpose = *purpose;
    if (in.purpose.find_first_not_of(" \t\r\n") == std::string::npos)
      body->AddError("purpose", "must not be blank");
  }
  if (const json::value* f = body->Raw("requested_fields"); f != nullptr && !f->is_null()) {
    if (!f->is_array()) {
      body->AddError("requested_fields", "must be an array of field names");
    } else {
      for (std::size_t i = 0; i < f->as_array().size(); ++i) {
        const json::value& item = f->as_array()[i];
        if (item.is_string())
          in.requested_fields.emplace_back(item.as_string());
        else
          body->AddError("requested_fields[" + std::to_string(i) + "]", "must be a string");
      }
    }
  }
  if (auto st = body->Finish(); !st.has_value()) return http::Problem(st.error());
  auto a = s.Apply(r.principal, *id, in);
  if (!a.has_value()) return http::Problem(a.error());
  return http::Json(ApplicationToJson(*a), 201);
}

Response List(CaseApplicationService& s, Request& r) {
  auto list = s.List(r.principal, r.Query("role").value_or("applicant"));
  if (!list.has_value()) return http::Problem(list.error());
  json::array items;
  for (const auto& a : *list) items.push_back(ApplicationToJson(a));
  return http::Json(json::object{{"items", std::move(items)}});
}

Response Get(CaseApplicationService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto a = s.Get(r.principal, *id);
  if (!a.has_value()) return http::Problem(a.error());
  return http::Json(ApplicationToJson(*a));
}

template <bool kGrant>
Response DecideRoute(CaseApplicationService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto body = OptionalBody(r);
  if (!body.has_value()) return http::Problem(body.error());
  Decision d;
  d.reason = body->String("reason", !kGrant, 2000).value_or("");
  d.expires_at = body->Int("expires_at", false, 1);
  if (auto st = body->Finish(); !st.has_value()) return http::Problem(st.error());
  auto a = kGrant ? s.Grant(r.principal, *id, d) : s.Refuse(r.principal, *id, d);
  if (!a.has_value()) return http::Problem(a.error());
  return http::Json(ApplicationToJson(*a));
}

Response Detail(CaseApplicationService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto d = s.Detail(r.principal, *id);
  if (!d.has_value()) return http::Problem(d.error());
  Response res = http::Json(json::object{{"application_id", d->application_id},
                                         {"public_case_id", d->public_case_id},
                                         {"released_at", d->released_at},
                                         {"expires_at", d->expires_at},
                                         {"fields", d->fields}});
  res.SetHeader("Cache-Control", "no-store");
  return res;
}

Response AccessLog(CaseApplicationService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto log = s.AccessLog(r.principal, *id);
  if (!log.has_value()) return http::Problem(log.error());
  json::array items;
  for (const auto& e : *log)
    items.push_back(json::object{{"user_id", e.user_id},
                                 {"user_name", e.user_name},
                                 {"at", e.at},
                                 {"fields", Strings(e.fields)}});
  return http::Json(json::object{{"items", std::move(items)}});
}

json::object AttachmentToJson(const Attachment& a) {
  return json::object{{"n", a.n},
                      {"media_type", MediaTypeName(a.media_type)},
                      {"size_bytes", a.size_bytes},
                      {"published", a.published_bytes > 0},
                      {"review", AttachmentReviewName(a.review)},
                      {"created_at", a.created_at}};
}

Response Content(const AttachmentContent& c, const std::string& name) {
  Response res = http::Text(c.bytes, std::string(MediaTypeName(c.media_type)));
  const char* ext = c.media_type == MediaType::kJpeg   ? ".jpg"
                    : c.media_type == MediaType::kPng  ? ".png"
                    : c.media_type == MediaType::kWebp ? ".webp"
                                                       : ".pdf";
  res.SetHeader("Content-Disposition", "inline; filename=\"" + name + ext + "\"");
  res.SetHeader("Cache-Control", "private, no-store");
  return res;
}

Response Upload(CaseAttachmentService& s, Request& r) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto a = s.Upload(r.principal, *id, r.body);
  if (!a.has_value()) return http::Problem(a.error());
  return http::Json(AttachmentToJson(*a), 201);
}

Response ListAttachments(CaseAttachmentService& s, Request& r, bool public_side) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto list = public_side ? s.ListPublic(r.principal, *id) : s.List(r.principal, *id);
  if (!list.has_value()) return http::Problem(list.error());
  json::array items;
  for (const auto& a : *list) items.push_back(AttachmentToJson(a));
  return http::Json(json::object{{"items", std::move(items)}});
}

Response GetAttachment(CaseAttachmentService& s, Request& r, bool public_side) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto n = http::PathId(r, "n");
  if (!n.has_value()) return http::Problem(n.error());
  auto c = public_side ? s.Published(r.principal, *id, *n) : s.Original(r.principal, *id, *n);
  if (!c.has_value()) return http::Problem(c.error());
  return Content(*c, (public_side ? "public-case-" : "case-") + std::to_string(*id) + "-" +
                         std::to_string(*n));
}

Response ListPendingAttachments(CaseAttachmentService& s, Request& r, bool) {
  auto list = s.ListPending(r.principal);
  if (!list.has_value()) return http::Problem(list.error());
  json::array items;
  for (const auto& p : *list) {
    json::object o = AttachmentToJson(p.attachment);
    o["case_id"] = p.case_id;
    o["public_case_id"] =
        p.public_case_id == 0 ? json::value(nullptr) : json::value(p.public_case_id);
    items.push_back(std::move(o));
  }
  return http::Json(json::object{{"items", std::move(items)}});
}

Response GetPendingAttachment(CaseAttachmentService& s, Request& r, bool) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto n = http::PathId(r, "n");
  if (!n.has_value()) return http::Problem(n.error());
  auto c = s.PendingCopy(r.principal, *id, *n);
  if (!c.has_value()) return http::Problem(c.error());
  return Content(*c, "case-" + std::to_string(*id) + "-" + std::to_string(*n) + "-review");
}

Response DecideAttachment(CaseAttachmentService& s, Request& r, bool approve) {
  auto id = http::PathId(r, "id");
  if (!id.has_value()) return http::Problem(id.error());
  auto n = http::PathId(r, "n");
  if (!n.has_value()) return http::Problem(n.error());
  auto a = s.Decide(r.principal, *id, *n, approve);
  if (!a.has_value()) return http::Problem(a.error());
  return http::Json(AttachmentToJson(*a));
}

}  // namespace

void RegisterCaseApplicationRoutes(http::Router& router, CaseApplicationService& s) {
  auto add = [&](const char* method, const char* pattern,
                 Response (*fn)(CaseApplicationService&, Request&)) {
    router.Add(http::Route{method, pattern, [&s, fn](Request& r) { return fn(s, r); },
                           http::Execution::kBlocking, true});
  };
  add("POST", "/api/v1/public-cases/{id}/applications", Apply);
  add("GET", "/api/v1/case-applications", List);
  add("GET", "/api/v1/case-applications/{id}", Get);
  add("POST", "/api/v1/case-applications/{id}/grant", DecideRoute<true>);
  add("POST", "/api/v1/case-applications/{id}/refuse", DecideRoute<false>);
  add("GET", "/api/v1/case-applications/{id}/detail", Detail);
  add("GET", "/api/v1/case-applications/{id}/access-log", AccessLog);
}

void RegisterCaseAttachmentRoutes(http::Router& router, CaseAttachmentService& s) {
  auto add = [&](const char* method, const char* pattern,
                 Response (*fn)(CaseAttachmentService&, Request&, bool), bool public_side) {
    router.Add(http::Route{method, pattern,
                           [&s, fn, public_side](Request& r) { return fn(s, r, public_side); },
                           http::Execution::kBlocking, true});
  };
  router.Add(http::Route{"POST", "/api/v1/cases/{id}/attachments",
                         [&s](Request& r) { return Upload(s, r); }, http::Execution::kBlocking,
                         true});
  add("GET", "/api/v1/cases/{id}/attachments", ListAttachments, false);
  add("GET", "/api/v1/cases/{id}/attachments/{n}", GetAttachment, false);
  add("GET", "/api/v1/public-cases/{id}/attachments", ListAttachments, true);
  add("GET", "/api/v1/public-cases/{id}/attachments/{n}", GetAttachment, true);
  add("GET", "/api/v1/case-attachments/pending", ListPendingAttachments, false);
  add("GET", "/api/v1/cases/{id}/attachments/{n}/review-copy", GetPendingAttachment, false);
  router.Add(http::Route{"POST", "/api/v1/cases/{id}/attachments/{n}/approve",
                         [&s](Request& r) { return DecideAttachment(s, r, true); },
                         http::Execution::kBlocking, true});
  router.Add(http::Route{"POST", "/api/v1/cases/{id}/attachments/{n}/reject",
                         [&s](Request& r) { return DecideAttachment(s, r, false); },
                         http::Execution::kBlocking, true});
}

}  // namespace rutile::cases
