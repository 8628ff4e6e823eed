#include "rutile/cases/case_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <set>

#include "case_index.h"
#include "case_repository.h"
#include "rutile/access/policy.h"
#include "rutile/cases/case_json.h"
#include "rutile/cases/desensitizer.h"
#include "rutile/identity/regions.h"
#include "rutile/notifications/notification_service.h"

namespace rutile::cases {
namespace {

namespace json = boost::json;
using access::Action;
using access::DataLevel;
using access::Principal;
using access::RecordRef;

RecordRef PrivateRef(std::int64_t org_id) {
  RecordRef r;
  r.owner_org_id = org_id;
  r.level = DataLevel::kPrivate;
  return r;
}
// Public cases are desensitized for everyone: visitors read and search them without an account.
RecordRef PublicRef() {
  RecordRef r;
  r.level = DataLevel::kPublic;
  r.open_to_visitors = true;
  return r;
}

// Rounds to two significant digits (1234 -> 1200): concentrations stay comparable without
// reproducing a plant's exact laboratory figure.
double TwoSignificant(double v) {
  if (v <= 0) return 0;
  const double scale = std::pow(10.0, std::floor(std::log10(v)) - 1);
  return std::round(v / scale) * scale;
}

std::optional<double> Map(const std::optional<double>& v, double (*f)(double)) {
  return v ? std::optional<double>(f(*v)) : std::nullopt;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
std::string Number(const std::optional<double>& v) { return v ? Number(*v) : ""; }

// The publication of one private case: desensitized text, generalized identifiers.
PublicationPreview Propose(const FailureCase& fc, const NameDictionary& dictionary,
                           const std::vector<QuasiIdentifiers>& population, int k) {
  const CaseInput& in = fc.input;
  NameDictionary names = dictionary;
  for (const std::string* field : {&in.narrative, &in.root_cause, &in.corrective_actions,
                                   &in.morphology, &in.medium, &in.material, &in.grade}) {
    NameDictionary found = DiscoverNames(*field);
    names.people.insert(names.people.end(), found.people.begin(), found.people.end());
    names.organizations.insert(names.organizations.end(), found.organizations.begin(),
                               found.organizations.end());
  }
  const Desensitizer desensitizer(names);
  PlaceholderMap placeholders;
  PublicationPreview p;
  p.case_id = fc.id;
  p.k = k;
  PublicCase& pc = p.proposed;
  auto text = [&](const char* field, const std::string& original) {
    ScrubbedText s = desensitizer.Scrub(original, placeholders);
    p.replacements += s.findings.size();
    p.fields.push_back({field, original, s.text, FindResidualRisks(s.text)});
    return std::move(s.text);
  };
  auto value = [&](const char* field, const std::string& original, const std::string& published) {
    p.fields.push_back({field, original, published, {}});
    return published;
  };
  pc.equipment_type = text("equipment_type", in.equipment_type);
  pc.material = text("material", in.material);
  pc.grade = text("grade", in.grade);
  pc.bath_preset = value("bath_preset", in.bath_preset, in.bath_preset);
  pc.medium = text("medium", in.medium);
  for (const auto& c : in.components)
    pc.components.push_back({desensitizer.Scrub(c.species, placeholders).text,
                             TwoSignificant(c.concentration_g_per_l)});
  pc.temperature_c = RoundTo(in.temperature_c, 5);
  value("temperature_c", Number(in.temperature_c), Number(pc.temperature_c));
  pc.ph = in.ph ? std::optional<double>(RoundTo(*in.ph, 0.5)) : std::nullopt;
  value("ph", Number(in.ph), Number(pc.ph));
  pc.chloride_mg_per_l = Map(in.chloride_mg_per_l, TwoSignificant);
  value("chloride_mg_per_l", Number(in.chloride_mg_per_l), Number(pc.chloride_mg_per_l));
  pc.fluoride_mg_per_l = Map(in.fluoride_mg_per_l, TwoSignificant);
  value("fluoride_mg_per_l", Number(in.fluoride_mg_per_l), Number(pc.fluoride_mg_per_l));
  pc.service_time_band = in.service_months ? ServiceTimeBand(*in.service_months) : "";
  value("service_months", in.service_months ? std::to_string(*in.service_months) : "",
        pc.service_time_band);
  pc.failure_mode = in.failure_mode;
  pc.mechanism_ids =
      in.mechanism_ids.empty() ? DefaultMechanisms(in.failure_mode) : in.mechanism_ids;
  pc.morphology = text("morphology", in.morphology);
  pc.root_cause = text("root_cause", in.root_cause);
  pc.corrective_actions = text("corrective_actions", in.corrective_actions);
  pc.cost_band = in.cost_band;
  pc.downtime_band = in.downtime_band;
  const Generalized g =
      GeneralizeForK(QuasiIdentifiers{in.region, in.industry, in.scale}, population, k);
  p.generalization_level = g.level;
  p.class_size = g.class_size;
  pc.region = value("region", in.region, g.published.region);
  pc.industry = value("industry", in.industry, g.published.industry);
  pc.scale = value("scale", in.scale, g.published.scale);
  pc.period = value("occurred_on", in.occurred_on, QuarterOf(in.occurred_on));
  pc.narrative = text("narrative", in.narrative);
  pc.language = in.language;
  return p;
}

std::string Canonical(const PublicCase& pc) {
  json::object o = PublicCaseToJson(pc);
  o.erase("id");
  o.erase("published_at");
  return json::serialize(o);
}

Status CheckRegionAndIndustry(const CaseInput& in) {
  std::vector<FieldError> e;
  const auto& catalog = identity::RegionCatalog::Default();
  if (!in.region.empty() && catalog.FindRegion(in.region) == nullptr)
    e.push_back({"region", "is not a region of the catalog"});
  if (!in.industry.empty() && !catalog.HasIndustry(in.industry))
    e.push_back({"industry", "is not an industry of the catalog"});
  if (!e.empty()) return InvalidArgument("the case is not valid", std::move(e));
  return Ok();
}

// A private case someone may not read is reported as missing: its existence is not theirs.
Status AuthorizePrivate(const Principal& caller, Action action, std::int64_t org_id,
                        std::int64_t id) {
  Status s = access::Authorize(caller, action, PrivateRef(org_id));
  if (!s.has_value() && s.error().code() == ErrorCode::kPermissionDenied) {
    if (action == Action::kRead || !access::Allowed(caller, Action::kRead, PrivateRef(org_id)))
      return NotFound("case " + std::to_string(id) + " does not exist");
  }
  return s;
}

// Number of code points in strictly valid UTF-8 (no overlongs, surrogates or values past
// U+10FFFF); nullopt when the text is not valid.
std::optional<std::size_t> StrictUtf8Length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++count) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = 0;
    char32_t cp = 0;
    if (b < 0x80) {
      len = 1;
      cp = b;
    } else if ((b & 0xE0) == 0xC0) {
      len = 2;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      cp = b & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + len > s.size()) return std::nullopt;
    for (int k = 1; k < len; ++k) {
      const auto cb = static_cast<unsigned char>(s[i + k]);
      if ((cb & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cb & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return std::nullopt;
    i += len;
  }
  return count;
}

std::string_view TrimSpace(std::string_view s) {
  const auto space = [](char ch) {
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool IsReviewer(const Principal& caller) {
  return caller.HasPlatformRole(access::PlatformRole::kOperator) ||
         caller.HasPlatformRole(access::PlatformRole::kExpert);
}

}  // namespace

std::vector<store::Migration> CaseMigrations() {
  return {{500, "cases_failure_database", R"sql(
CREATE TABLE failure_cases (
  id {{AUTOINCREMENT_PK}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  submitted_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  input_json TEXT NOT NULL,
  proposed_json TEXT,
  public_case_id BIGINT
);
CREATE INDEX failure_cases_org ON failure_cases(org_id, id);
CREATE TABLE public_cases (
  id {{AUTOINCREMENT_PK}},
  published_at BIGINT NOT NULL,
  failure_mode TEXT NOT NULL,
  material TEXT NOT NULL,
  industry TEXT NOT NULL,
  region TEXT NOT NULL,
  synthetic BIGINT NOT NULL,
  body_json TEXT NOT NULL
);
CREATE TABLE public_case_facets (
  case_id BIGINT NOT NULL REFERENCES public_cases(id),
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (case_id, facet, value)
);
CREATE INDEX public_case_facets_value ON public_case_facets(facet, value);
CREATE TABLE public_case_terms (
  term TEXT NOT NULL,
  case_id BIGINT NOT NULL REFERENCES public_cases(id),
  weight DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (term, case_id)
);
)sql"},
          {501, "public_cases_by_publication_time", R"sql(
CREATE INDEX public_cases_published ON public_cases(published_at);
)sql"},
          {502, "cases_publication_reviews", R"sql(
CREATE TABLE case_publication_reviews (
  id {{AUTOINCREMENT_PK}},
  case_id BIGINT NOT NULL REFERENCES failure_cases(id),
  decision TEXT NOT NULL,
  reviewer_id BIGINT NOT NULL REFERENCES users(id),
  comment TEXT NOT NULL,
  decided_at BIGINT NOT NULL
);
CREATE INDEX case_publication_reviews_case ON case_publication_reviews(case_id, id);
)sql"}};
}

CaseService::CaseService(store::Database& db, const Clock& clock,
                         identity::GovernanceSink governance, CaseOptions options)
    : db_(db),
      clock_(clock),
      governance_(std::move(governance)),
      options_(options),
      index_(std::make_shared<CaseIndex>()) {}

Result<FailureCase> CaseService::Submit(const Principal& caller, std::int64_t org_id,
                                        const CaseInput& input) {
  if (caller.anonymous()) return Unauthenticated("log in to submit a case");
  if (org_id == 0) {
    if (caller.memberships.size() != 1)
      return InvalidArgument("choose the organization",
                             {{"org_id", "is required when you belong to several organizations"}});
    org_id = caller.memberships[0].org_id;
  }
  RUTILE_TRY(access::Authorize(caller, Action::kWrite, PrivateRef(org_id)));
  RUTILE_TRY(ValidateCaseInput(input));
  RUTILE_TRY(CheckRegionAndIndustry(input));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<FailureCase> {
    RUTILE_ASSIGN_OR_RETURN(auto org, repository::LoadOrgProfile(c, org_id));
    FailureCase fc;
    fc.org_id = org_id;
    fc.submitted_by = caller.user_id;
    fc.created_at = now;
    fc.input = input;
    if (fc.input.region.empty()) fc.input.region = org.region;
    if (fc.input.industry.empty()) fc.input.industry = org.industry;
    if (fc.input.scale.empty()) fc.input.scale = org.scale;
    if (fc.input.mechanism_ids.empty())
      fc.input.mechanism_ids = DefaultMechanisms(fc.input.failure_mode);
    RUTILE_ASSIGN_OR_RETURN(fc.id,
                            repository::InsertCase(c, org_id, caller.user_id, now, fc.input));
    return fc;
  });
}

Result<FailureCase> CaseService::Get(const Principal& caller, std::int64_t id) {
  if (caller.anonymous()) return Unauthenticated("log in to read cases");
  return store::Read(db_, [&](store::Connection& c) -> Result<FailureCase> {
    RUTILE_ASSIGN_OR_RETURN(auto stored, repository::LoadCase(c, id));
    RUTILE_TRY(AuthorizePrivate(caller, Action::kRead, stored.value.org_id, id));
    return stored.value;
  });
}

Result<PublicationPreview> CaseService::RequestPublication(const Principal& caller,
                                                           std::int64_t id) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  return store::Write(db_, [&](store::Connection& c) -> Result<PublicationPreview> {
    RUTILE_ASSIGN_OR_RETURN(auto stored, repository::LoadCase(c, id));
    RUTILE_TRY(AuthorizePrivate(caller, Action::kWrite, stored.value.org_id, id));
    if (stored.value.status == CaseStatus::kPublished)
      return Conflict("case " + std::to_string(id) + " is already published");
    RUTILE_ASSIGN_OR_RETURN(auto dictionary, repository::LoadDictionary(c));
    RUTILE_ASSIGN_OR_RETURN(auto population, repository::LoadPopulation(c));
    PublicationPreview preview = Propose(stored.value, dictionary, population, options_.k);
    RUTILE_TRY(repository::SetProposal(c, id, Canonical(preview.proposed)));
    return preview;
  });
}

Result<PublicCase> CaseService::ApprovePublication(const Principal& caller, std::int64_t id) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  if (!caller.HasPlatformRole(access::PlatformRole::kOperator) &&
      !caller.HasPlatformRole(access::PlatformRole::kExpert))
    return PermissionDenied("only platform operators and experts approve publications");
  if (governance_ && governance_.ready) RUTILE_TRY(governance_.ready());
  const std::int64_t now = UnixSeconds(clock_.Now());
  RUTILE_ASSIGN_OR_RETURN(
      PublicCase published, store::Write(db_, [&](store::Connection& c) -> Result<PublicCase> {
        RUTILE_ASSIGN_OR_RETURN(auto stored, repository::LoadCase(c, id));
        if (stored.value.status != CaseStatus::kPublicationRequested)
          return Conflict("case " + std::to_string(id) + " has no pending publication request");
        if (caller.IsMemberOf(stored.value.org_id))
          return PermissionDenied("a reviewer does not approve a case of their own organization");
        RUTILE_ASSIGN_OR_RETURN(auto dictionary, repository::LoadDictionary(c));
        RUTILE_ASSIGN_OR_RETURN(auto population, repository::LoadPopulation(c));
        PublicCase pc = Propose(stored.value, dictionary, population, options_.k).proposed;
        if (Canonical(pc) != stored.proposed_json)
          return Conflict(
              "the publication preview is out of date; the submitter must request "
              "publication again");
        RUTILE_ASSIGN_OR_RETURN(pc.id, repository::InsertPublicCase(c, pc, now));
        pc.published_at = now;
        RUTILE_TRY(repository::MarkPublished(c, id, pc.id));
        RUTILE_TRY(repository::InsertReview(c, {id, "approved", caller.user_id, "", now}));
        RUTILE_TRY(notifications::NotificationService::NotifyOrganizationIn(
            c, stored.value.org_id,
            notifications::CodedMessage(
                "cases.published",
                notifications::NoticeParams().Add("case_id", id).Add("public_case_id", pc.id),
                "/cases?case=" + std::to_string(pc.id)),
            true, now));
        return pc;
      }));
  if (governance_) {
    // Only the public record's content: no organization, no source case id.
    RUTILE_TRY(governance_.record(
        identity::GovernanceEvent{"case.publication", std::to_string(published.id),
                                  Canonical(published), 0, published.region}));
  }
  return published;
}

Result<ReviewDecision> CaseService::ReturnPublication(const Principal& caller, std::int64_t id,
                                                      std::string_view comment) {
  return Decide(caller, id, comment, "returned");
}

Result<ReviewDecision> CaseService::RejectPublication(const Principal& caller, std::int64_t id,
                                                      std::string_view comment) {
  return Decide(caller, id, comment, "rejected");
}

Result<ReviewDecision> CaseService::Decide(const Principal& caller, std::int64_t id,
                                           std::string_view comment, const char* decision) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  const std::string missing = "case " + std::to_string(id) + " does not exist";
  // Whoever may not decide learns nothing about the case: the same answer as a missing one.
  if (!IsReviewer(caller)) return NotFound(missing);
  const std::optional<std::size_t> length = StrictUtf8Length(comment);
  if (!length) return InvalidArgument("invalid comment", {{"comment", "must be valid UTF-8"}});
  const std::string_view trimmed = TrimSpace(comment);
  const std::size_t chars = StrictUtf8Length(trimmed).value_or(0);
  if (chars < 1 || chars > 2000)
    return InvalidArgument("invalid comment", {{"comment", "is required: 1 to 2000 characters"}});
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<ReviewDecision> {
    auto stored = repository::LoadCase(c, id);
    if (!stored.has_value()) return NotFound(missing);
    if (caller.IsMemberOf(stored->value.org_id)) return NotFound(missing);
    if (stored->value.status != CaseStatus::kPublicationRequested)
      return Conflict("case " + std::to_string(id) + " has no pending publication request");
    ReviewDecision d{id, decision, caller.user_id, std::string(trimmed), now};
    RUTILE_TRY(repository::InsertReview(c, d));
    RUTILE_TRY(repository::MarkPrivate(c, id));
    const std::string code = std::string("case.publication_") + decision;
    RUTILE_TRY(notifications::NotificationService::NotifyOrganizationIn(
        c, stored->value.org_id,
        notifications::CodedMessage(code, notifications::NoticeParams().Add("case_id", id),
                                    "/cases"),
        true, now));
    return d;
  });
}

Result<std::vector<ReviewDecision>> CaseService::ListReviews(const Principal& caller,
                                                             std::int64_t id) {
  if (caller.anonymous()) return Unauthenticated("log in to read cases");
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<ReviewDecision>> {
    RUTILE_ASSIGN_OR_RETURN(auto stored, repository::LoadCase(c, id));
    RUTILE_TRY(AuthorizePrivate(caller, Action::kRead, stored.value.org_id, id));
    return repository::LoadReviews(c, id);
  });
}

Result<std::vector<PendingPublication>> CaseService::ListPendingPublications(
    const Principal& caller) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  if (!caller.HasPlatformRole(access::PlatformRole::kOperator) &&
      !caller.HasPlatformRole(access::PlatformRole::kExpert))
    return PermissionDenied("only platform operators and experts review publications");
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<PendingPublication>> {
    RUTILE_ASSIGN_OR_RETURN(auto rows, repository::PendingProposals(c));
    std::vector<PendingPublication> out;
    for (const auto& [id, text] : rows) {
      boost::system::error_code ec;
      json::value v = json::parse(text, ec);
      if (ec || !v.is_object()) return Corruption("stored proposal is malformed");
      RUTILE_ASSIGN_OR_RETURN(PublicCase pc, PublicCaseFromJson(v.as_object()));
      out.push_back({id, std::move(pc)});
    }
    return out;
  });
}

Result<PublicCase> CaseService::GetPublic(const Principal& caller, std::int64_t id) {
  RUTILE_TRY(access::Authorize(caller, Action::kRead, PublicRef()));
  return store::Read(db_, [&](store::Connection& c) { return repository::LoadPublicCase(c, id); });
}

Result<SearchPage> CaseService::Search(const Principal& caller, const SearchQuery& q) {
  RUTILE_TRY(access::Authorize(caller, Action::kRead, PublicRef()));
  if (q.limit < 1 || q.limit > 100)
    return InvalidArgument("invalid limit", {{"limit", "must be from 1 to 100"}});
  if (q.offset < 0) return InvalidArgument("invalid offset", {{"offset", "must be 0 or more"}});
  if (q.text.size() > 500)
    return InvalidArgument("invalid q", {{"q", "must be at most 500 bytes"}});
  // Names of materials, species and baths reach their names in the other languages.
  const std::vector<TermGroup> groups = CaseVocabulary().ExpandQuery(q.text);
  std::vector<std::pair<std::string, std::string>> filters;
  for (const auto& [facet, value] :
       {std::pair<const char*, const std::string&>{"mechanism", q.mechanism},
        {"industry", q.industry},
        {"region", q.region},
        {"material", q.material}})
    if (!value.empty()) filters.emplace_back(facet, value);
  return store::Read(db_, [&](store::Connection& c) -> Result<SearchPage> {
    RUTILE_TRY(index_->Refresh(c));
    IndexedPage found = index_->Search(groups, filters, static_cast<std::size_t>(q.offset),
                                       static_cast<std::size_t>(q.limit));
    SearchPage page;
    page.total = found.total;
    page.facets = std::move(found.facets);
    for (const auto& hit : found.hits) {
      RUTILE_ASSIGN_OR_RETURN(auto pc, repository::LoadPublicCase(c, hit.id));
      page.items.push_back({std::move(pc), hit.score});
    }
    return page;
  });
}

Result<std::vector<SimilarCase>> CaseService::Similar(const Principal& caller,
                                                      const SimilarityProbe& probe, int limit) {
  RUTILE_TRY(access::Authorize(caller, Action::kRead, PublicRef()));
  if (limit < 1 || limit > 50)
    return InvalidArgument("invalid limit", {{"limit", "must be from 1 to 50"}});
  for (std::size_t i = 0; i < probe.mechanism_ids.size(); ++i)
    if (std::find(KnownMechanismIds().begin(), KnownMechanismIds().end(), probe.mechanism_ids[i]) ==
        KnownMechanismIds().end())
      return InvalidArgument(
          "the similarity query is not valid",
          {{"mechanism_ids[" + std::to_string(i) + "]", "is not a known mechanism id"}});
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<SimilarCase>> {
    RUTILE_TRY(index_->Refresh(c));
    std::vector<SimilarCase> out;
    for (const auto& hit : index_->Similar(probe, static_cast<std::size_t>(limit))) {
      RUTILE_ASSIGN_OR_RETURN(PublicCase pc, repository::LoadPublicCase(c, hit.id));
      SimilarityResult r = ScoreSimilarity(probe, pc);  // the same score, with what matched
      out.push_back({std::move(pc), std::move(r)});
    }
    return out;
  });
}

Status CaseService::RefreshIndex() {
  return store::Read(db_, [&](store::Connection& c) { return index_->Refresh(c); });
}

Result<PublicCase> CaseService::PublishSynthetic(const CaseInput& input) {
  RUTILE_TRY(ValidateCaseInput(input));
  RUTILE_TRY(CheckRegionAndIndustry(input));
  const std::int64_t now = UnixSeconds(clock_.Now());
  return store::Write(db_, [&](store::Connection& c) -> Result<PublicCase> {
    RUTILE_ASSIGN_OR_RETURN(auto dictionary, repository::LoadDictionary(c));
    FailureCase fc;
    fc.input = input;
    // Synthetic cases describe no real organization: their fields are kept as written, and
    // the text still passes through the desensitizer.
    std::vector<QuasiIdentifiers> population(static_cast<std::size_t>(options_.k),
                                             {input.region, input.industry, input.scale});
    PublicCase pc = Propose(fc, dictionary, population, options_.k).proposed;
    pc.synthetic = true;
    RUTILE_ASSIGN_OR_RETURN(pc.id, repository::InsertPublicCase(c, pc, now));
    pc.published_at = now;
    return pc;
  });
}

}  // namespace rutile::cases
