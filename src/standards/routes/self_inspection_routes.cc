#include "self_inspection_routes.h"

#include <boost/json.hpp>

#include "rutile/core/base64.h"
#include "rutile/http/params.h"
#include "rutile/ledger/merkle.h"

namespace rutile::standards {
namespace {

namespace json = boost::json;
using http::Execution;
using http::JsonFields;
using http::Request;
using http::Response;
using http::Route;

json::value OptRate(const std::optional<double>& r) {
  return r ? json::value(*r) : json::value(nullptr);
}

json::object RatesJson(const ComplianceRates& r) {
  json::object o{{"mandatory_items", r.mandatory_items},
                 {"mandatory_yes", r.mandatory_yes},
                 {"mandatory_no", r.mandatory_no},
                 {"mandatory_not_applicable", r.mandatory_not_applicable},
                 {"mandatory_unanswered", r.mandatory_unanswered},
                 {"items", r.items},
                 {"yes", r.yes},
                 {"no", r.no},
                 {"not_applicable", r.not_applicable},
                 {"unanswered", r.unanswered}};
  o["mandatory_rate"] = OptRate(r.mandatory_rate);
  o["overall_rate"] = OptRate(r.overall_rate);
  return o;
}

json::object ItemJson(const ChecklistItem& it) {
  json::object o{{"clause_id", it.clause_id},
                 {"number", it.number},
                 {"kind", ClauseKindName(it.kind)},
                 {"title", it.title},
                 {"question", it.question},
                 {"remediation", it.remediation},
                 {"note", it.note}};
  o["answer"] = it.answer ? json::value(AnswerName(*it.answer)) : json::value(nullptr);
  o["answered_at"] = it.answered_at == 0 ? json::value(nullptr) : json::value(it.answered_at);
  o["evidence"] = it.evidence_name.empty() ? json::value(nullptr)
                                           : json::value(json::object{{"name", it.evidence_name},
                                                                      {"type", it.evidence_type},
                                                                      {"size", it.evidence_size}});
  return o;
}

json::object InspectionJson(const SelfInspection& s, bool with_items) {
  json::object o{{"id", s.id},
                 {"org_id", s.org_id},
                 {"title", s.title},
                 {"grade", s.grade},
                 {"lang", s.lang},
                 {"state", s.state},
                 {"created_by", s.created_by},
                 {"created_at", s.created_at},
                 {"updated_at", s.updated_at},
                 {"rates", RatesJson(s.rates)}};
  o["completed_at"] = s.completed_at == 0 ? json::value(nullptr) : json::value(s.completed_at);
  if (with_items) {
    json::array items, gaps;
    for (const auto& it : s.items) items.push_back(ItemJson(it));
    for (const auto& it : s.gaps)
      gaps.push_back(json::object{{"clause_id", it.clause_id},
                                  {"number", it.number},
                                  {"kind", ClauseKindName(it.kind)},
                                  {"title", it.title},
                                  {"note", it.note},
                                  {"remediation", it.remediation}});
    o["items"] = std::move(items);
    o["gaps"] = std::move(gaps);
    boost::system::error_code ec;
    json::value profile = json::parse(s.profile_json, ec);
    o["profile"] = ec ? json::value(nullptr) : profile;
  }
  return o;
}

Response Reply(const Result<SelfInspection>& r, int status = 200) {
  if (!r.has_value()) return http::Problem(r.error());
  return http::Json(InspectionJson(*r, true), status);
}

Response CreateRoute(SelfInspectionService& s, Request& r) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  JsonFields& f = *body;
  NewSelfInspection in;
  in.org_id = f.Int("org_id", true, 1).value_or(0);
  if (auto t = f.String("title", true, 200)) {
    in.title = *t;
    if (t->empty()) f.AddError("title", "must not be empty");
  }
  in.profile = ReadProfileMember(f, "profile", &in.profile_json);
  if (auto st = f.Finish(); !st.has_value()) return http::Problem(st.error());
  return Reply(s.Create(r.principal, in), 201);
}

Response AnswersRoute(SelfInspectionService& s, Request& r, std::int64_t id) {
  auto body = JsonFields::Parse(r);
  if (!body.has_value()) return http::Problem(body.error());
  JsonFields& f = *body;
  std::vector<AnswerInput> answers;
  const json::value* list = f.Raw("answers");
  if (list == nullptr || !list->is_array() || list->as_array().empty() ||
      list->as_array().size() > 500) {
    f.AddError("answers", "must be an array of 1 to 500 answers");
  } else {
    int i = 0;
    for (const auto& av : list->as_array()) {
      const std::string prefix = "answers[" + std::to_string(i++) + "]";
      if (!av.is_object()) {
        f.AddError(prefix, "must be an object");
        continue;
      }
      JsonFields af = JsonFields::FromObject(av.as_object(), prefix + ".");
      AnswerInput a;
      a.clause_id = af.String("clause_id", true, 64).value_or("");
      if (auto v = af.String("answer", true, 32)) {
        if (auto parsed = ParseAnswer(*v))
          a.answer = *parsed;
        else
          af.AddError("answer", "must be yes, no or not_applicable");
      }
      a.note = af.String("note", false, 4000).value_or("");
      if (const json::value* ev = af.Raw("evidence"); ev && !ev->is_null()) {
        if (!ev->is_object()) {
          af.AddError("evidence", "must be an object {name, type, content_base64}");
        } else {
          JsonFields ef = JsonFields::FromObject(ev->as_object(), prefix + ".evidence.");
          Evidence e;
          e.name = ef.String("name", true, 200).value_or("");
          e.content_type = ef.String("type", true, 100).value_or("");
          auto content = ef.String("content_base64", true, kMaxEvidenceBytes * 4 / 3 + 8);
          if (content) {
            auto decoded = base64::Decode(*content);
            if (decoded.has_value())
              e.bytes = std::move(*decoded);
            else
              ef.AddError("content_base64", "must be standard base64");
          }
          if (auto st = ef.Finish(); !st.has_value())
            for (const auto& fe : st.error().fields()) f.AddError(fe.field, fe.message);
          a.evidence = std::move(e);
        }
      }
      if (auto st = af.Finish(); !st.has_value())
        for (const auto& fe : st.error().fields()) f.AddError(fe.field, fe.message);
      answers.push_back(std::move(a));
    }
  }
  if (auto st = f.Finish(); !st.has_value()) return http::Problem(st.error());
  return Reply(s.SetAnswers(r.principal, id, answers));
}

std::string ReportLanguage(const Request& r, const SelfInspection& s) {
  auto lang = r.Query("lang");
  return lang && !lang->empty() && lang->size() <= 16 ? *lang : s.lang;
}

}  // namespace

MatchProfile ReadMatchProfile(JsonFields& f) {
  MatchProfile p;
  if (auto g = f.Int("grade", false, 1, 4)) p.grade = static_cast<int>(*g);
  p.material = f.String("material", false, 64).value_or("");
  p.preset = f.String("preset", false, 64).value_or("");
  p.temperature_c = f.Number("temperature_c", false, -50, 1000);
  p.ph = f.Number("ph", false, -2, 16);
  p.crevices = f.Bool("crevices", false);
  p.industry = f.String("industry", false, 64).value_or("");
  p.equipment_type = f.String("equipment_type", false, 64).value_or("");
  p.region_category = f.String("region_category", false, 8).value_or("");
  p.scale_class = f.String("scale_class", false, 16).value_or("");
  p.lang = f.String("lang", false, 16).value_or("en");
  const json::value* comps = f.Raw("components");
  if (comps == nullptr || comps->is_null()) return p;
  if (!comps->is_array() || comps->as_array().size() > 20) {
    f.AddError("components", "must be an array of at most 20 components");
    return p;
  }
  int i = 0;
  for (const auto& cv : comps->as_array()) {
    const std::string name = "components[" + std::to_string(i++) + "]";
    if (!cv.is_object()) {
      f.AddError(name, "must be an object");
      continue;
    }
    JsonFields cf = JsonFields::FromObject(cv.as_object(), "");
    MatchComponent mc;
    mc.species = cf.String("species", true, 64).value_or("");
    mc.unit = cf.String("unit", true, 16).value_or("");
    mc.value = cf.Number("value", true, 0, 1e6).value_or(0);
    if (auto st = cf.Finish(); !st.has_value())
      for (const auto& e : st.error().fields()) f.AddError(name + "." + e.field, e.message);
    p.components.push_back(std::move(mc));
  }
  return p;
}

MatchProfile ReadProfileMember(JsonFields& f, std::string_view name, std::string* raw_json) {
  const json::value* member = f.Raw(name);
  if (member == nullptr || !member->is_object()) {
    f.AddError(name, "is required and must be an object");
    return {};
  }
  JsonFields pf = JsonFields::FromObject(member->as_object(), std::string(name) + ".");
  MatchProfile profile = ReadMatchProfile(pf);
  if (auto st = pf.Finish(); !st.has_value())
    for (const auto& e : st.error().fields()) f.AddError(e.field, e.message);
  if (raw_json != nullptr) *raw_json = json::serialize(*member);
  return profile;
}

void AddRouteWithId(http::Router& router, std::string method, std::string pattern,
                    bool requires_login, std::function<Response(Request&, std::int64_t)> fn) {
  router.Add(Route{std::move(method), std::move(pattern),
                   [fn = std::move(fn)](Request& r) {
                     auto id = http::PathId(r, "id");
                     if (!id.has_value()) return http::Problem(id.error());
                     return fn(r, *id);
                   },
                   Execution::kBlocking, requires_login});
}

void RegisterSelfInspectionRoutes(http::Router& router, SelfInspectionService& s,
                                  SelfInspectionPdf pdf) {
  router.Add(Route{"POST", "/api/v1/self-inspections",
                   [&s](Request& r) { return CreateRoute(s, r); }, Execution::kBlocking, true});
  router.Add(Route{"GET", "/api/v1/self-inspections",
                   [&s](Request& r) {
                     std::vector<FieldError> errors;
                     auto org = http::QueryInt(r, "org_id", 0, 1, INT64_MAX);
                     auto limit = http::QueryInt(r, "limit", 50, 1, 200);
                     if (!org.has_value()) errors.push_back(org.error().fields().at(0));
                     if (!limit.has_value()) errors.push_back(limit.error().fields().at(0));
                     if (org.has_value() && *org == 0) errors.push_back({"org_id", "is required"});
                     if (!errors.empty())
                       return http::Problem(InvalidArgument("invalid query", std::move(errors)));
                     auto h = s.History(r.principal, *org, static_cast<int>(*limit));
                     if (!h.has_value()) return http::Problem(h.error());
                     json::array items;
                     for (const auto& i : *h) items.push_back(InspectionJson(i, false));
                     return http::Json(json::object{{"items", std::move(items)}});
                   },
                   Execution::kBlocking, true});
  AddRouteWithId(router, "GET", "/api/v1/self-inspections/{id}", true,
                 [&s](Request& r, std::int64_t id) { return Reply(s.Get(r.principal, id)); });
  AddRouteWithId(router, "PUT", "/api/v1/self-inspections/{id}/answers", true,
                 [&s](Request& r, std::int64_t id) { return AnswersRoute(s, r, id); });
  AddRouteWithId(router, "POST", "/api/v1/self-inspections/{id}/complete", true,
                 [&s](Request& r, std::int64_t id) { return Reply(s.Complete(r.principal, id)); });
  AddRouteWithId(
      router, "GET", "/api/v1/self-inspections/{id}/items/{clause_id}/evidence", true,
      [&s](Request& r, std::int64_t id) {
        auto e = s.GetEvidence(r.principal, id, r.PathParam("clause_id"));
        if (!e.has_value()) return http::Problem(e.error());
        Response out = http::Text(std::move(e->bytes), e->content_type);
        std::string safe;
        for (char ch : e->name)
          safe += (ch == '"' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20) ? '_' : ch;
        out.SetHeader("Content-Disposition", "attachment; filename=\"" + safe + "\"");
        out.SetHeader("X-Content-Type-Options", "nosniff");
        return out;
      });
  AddRouteWithId(router, "GET", "/api/v1/self-inspections/{id}/report.pdf", true,
                 [&s, pdf](Request& r, std::int64_t id) {
                   auto got = s.Get(r.principal, id);
                   if (!got.has_value()) return http::Problem(got.error());
                   if (!pdf) return http::Problem(Unavailable("PDF reports are not available"));
                   auto bytes = pdf(*got, ReportLanguage(r, *got));
                   if (!bytes.has_value()) return http::Problem(bytes.error());
                   Response out = http::Text(std::move(*bytes), "application/pdf");
                   out.SetHeader("Content-Disposition", "attachment; filename=\"self-inspection-" +
                                                            std::to_string(id) + ".pdf\"");
                   return out;
                 });
}

}  // namespace rutile::standards
