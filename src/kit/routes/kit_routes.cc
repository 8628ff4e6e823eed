#include "kit_routes.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <mutex>

#include "rutile/kit/kit_document.h"
#include "rutile/texts/catalogue.h"

namespace rutile::kit {
namespace {

namespace json = boost::json;

json::array SourcesJson(const std::vector<SourceCitation>& sources) {
  json::array out;
  for (const SourceCitation& s : sources)
    out.push_back(json::object{{"id", s.id}, {"citation", s.citation}});
  return out;
}

json::object PositiveListJson(const Kit& kit) {
  json::array temps;
  for (double t : kit.config.temperatures_c) temps.push_back(t);
  json::array rows;
  for (const PositiveRow& r : kit.positive_list) {
    json::array clauses;
    for (const ClauseLink& c : r.clauses)
      clauses.push_back(json::object{{"id", c.id}, {"number", c.number}});
    rows.push_back(json::object{{"preset", r.preset},
                                {"material", r.material},
                                {"grade", r.grade},
                                {"temperature_min_c", r.temperature_min_c},
                                {"temperature_max_c", r.temperature_max_c},
                                {"clauses", std::move(clauses)}});
  }
  json::array baths;
  for (const Bath& b : kit.baths) {
    json::array components;
    for (const BathComponent& c : b.components) {
      components.push_back(
          json::object{{"species", c.species}, {"unit", c.unit}, {"value", c.value}});
    }
    json::object bath{{"preset", b.preset}, {"components", std::move(components)}};
    if (b.ph) bath["ph"] = *b.ph;
    baths.push_back(std::move(bath));
  }
  return {{"temperatures_c", std::move(temps)},
          {"max_grade", kit.config.max_grade},
          {"knowledge_version", kit.knowledge_version},
          {"baths", std::move(baths)},
          {"rows", std::move(rows)}};
}

json::object BlacklistJson(const Kit& kit) {
  json::array reagents;
  for (const Reagent& r : kit.blacklist) {
    json::array species;
    for (const std::string& s : r.species) species.push_back(json::value(s));
    reagents.push_back(json::object{{"code", r.code},
                                    {"mechanism", r.mechanism},
                                    {"species", std::move(species)},
                                    {"sources", SourcesJson(r.sources)},
                                    {"confidence", r.confidence}});
  }
  return {{"reagents", std::move(reagents)}};
}

json::object GuidesJson(const Kit& kit) {
  json::array guides;
  for (const Guide& g : kit.guides) {
    json::array steps;
    for (const GuideStep& s : g.steps) {
      json::object step{{"code", s.code},
                        {"kind", s.kind == StepKind::kDecision ? "decision" : "action"},
                        {"sources", SourcesJson(s.sources)}};
      if (!s.next.empty()) step["next"] = s.next;
      if (!s.yes.empty()) step["yes"] = s.yes;
      if (!s.no.empty()) step["no"] = s.no;
      steps.push_back(std::move(step));
    }
    guides.push_back(
        json::object{{"code", g.code}, {"flowchart", g.flowchart}, {"steps", std::move(steps)}});
  }
  return {{"guides", std::move(guides)}};
}

http::Response Cached(http::Response response) {
  response.SetHeader("Cache-Control", "public, max-age=3600");
  return response;
}

// The kit never changes while the server runs, so each language's PDF is rendered once, on its
// first request, and kept (six files of a few hundred kilobytes to about a megabyte).
class PdfCache {
 public:
  explicit PdfCache(const Kit& kit) : kit_(kit) {}
  Result<std::string> Get(const std::string& lang) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = pdfs_.find(lang);
    if (it != pdfs_.end()) return it->second;
    auto pdf = RenderKitPdf(kit_, texts::Catalogue::ForLanguage(lang));
    if (pdf.has_value()) pdfs_.emplace(lang, *pdf);
    return pdf;
  }

 private:
  const Kit& kit_;
  std::mutex mutex_;
  std::map<std::string, std::string> pdfs_;
};

}  // namespace

void RegisterKitRoutes(http::Router& router, const Kit& kit) {
  using http::Execution;
  // The JSON answers only change with the data files, so they are rendered once.
  auto positive = std::make_shared<std::string>(json::serialize(PositiveListJson(kit)));
  auto blacklist = std::make_shared<std::string>(json::serialize(BlacklistJson(kit)));
  auto guides = std::make_shared<std::string>(json::serialize(GuidesJson(kit)));
  for (auto [path, body] :
       {std::pair{"/api/v1/kit/positive-list", positive},
        std::pair{"/api/v1/kit/blacklist", blacklist}, std::pair{"/api/v1/kit/guides", guides}}) {
    router.Get(
        path, [body](http::Request&) { return Cached(http::Text(*body, "application/json")); },
        Execution::kInline);
  }
  auto pdfs = std::make_shared<PdfCache>(kit);
  router.Get("/api/v1/kit/kit.pdf", [pdfs](http::Request& r) {
    std::string lang = r.Query("lang").value_or("en");
    if (!texts::IsLanguage(lang)) {
      return http::Problem(InvalidArgument("the kit language is not supported",
                                           {{"lang", "must be one of en, zh, es, fr, pt, ar"}}));
    }
    auto pdf = pdfs->Get(lang);
    if (!pdf.has_value()) return http::Problem(pdf.error());
    http::Response response = http::Text(std::move(pdf).value(), "application/pdf");
    response.SetHeader("Content-Disposition",
                       "attachment; filename=\"rutile-basic-kit-" + lang + ".pdf\"");
    response.SetHeader("Content-Language", lang);
    response.SetHeader("X-Content-Type-Options", "nosniff");
    return Cached(std::move(response));
  });
}

}  // namespace rutile::kit
