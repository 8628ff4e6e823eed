#include "rutile/cases/bulletin_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "bulletin_repository.h"
#include "case_repository.h"
#include "rutile/access/policy.h"
#include "rutile/cases/bulletin_json.h"
#include "rutile/cases/desensitizer.h"
#include "rutile/notifications/notification_service.h"

namespace rutile::cases {
namespace {

using access::Principal;
namespace repo = bulletin_repository;

constexpr std::size_t kMaxCitedCases = 50;
constexpr std::int64_t kSecondsPerDay = 86400;

// Published bulletins are public records that visitors may read too.
access::RecordRef PublishedRef() {
  access::RecordRef r;
  r.level = access::DataLevel::kPublic;
  r.open_to_visitors = true;
  return r;
}

Status RequireReviewer(const Principal& caller) {
  if (caller.anonymous()) return Unauthenticated("log in first");
  if (!IsBulletinReviewer(caller))
    return PermissionDenied("only platform operators and experts manage warning bulletins");
  return Ok();
}

// Loads the cited public cases; one field error per id that is not a public case.
Result<std::vector<PublicCase>> LoadCited(store::Connection& c, std::vector<std::int64_t>& ids) {
  if (ids.empty() || ids.size() > kMaxCitedCases)
    return InvalidArgument(
        "the bulletin is not valid",
        {{"case_ids", "must cite 1 to " + std::to_string(kMaxCitedCases) + " public cases"}});
  std::vector<FieldError> e;
  std::set<std::int64_t> seen;
  std::vector<PublicCase> cases;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string field = "case_ids[" + std::to_string(i) + "]";
    if (!seen.insert(ids[i]).second) {
      e.push_back({field, "appears twice"});
      continue;
    }
    auto pc = repository::LoadPublicCase(c, ids[i]);
    if (!pc.has_value()) {
      if (pc.error().code() != ErrorCode::kNotFound) return Fail(pc.error());
      e.push_back({field, "is not a public case"});
      continue;
    }
    cases.push_back(std::move(pc).value());
  }
  if (!e.empty()) return InvalidArgument("the bulletin is not valid", std::move(e));
  std::sort(ids.begin(), ids.end());
  std::sort(cases.begin(), cases.end(),
            [](const PublicCase& a, const PublicCase& b) { return a.id < b.id; });
  return cases;
}

// Reviewer-written texts pass through the desensitizer with the platform's name dictionary, so
// a name or number typed from memory does not reach the public page.
Result<std::vector<BulletinText>> ScrubTexts(store::Connection& c,
                                             std::vector<BulletinText> texts) {
  RUTILE_ASSIGN_OR_RETURN(auto dictionary, repository::LoadDictionary(c));
  const Desensitizer desensitizer(dictionary);
  for (auto& t : texts) {
    PlaceholderMap placeholders;
    t.title = desensitizer.Scrub(t.title, placeholders).text;
    t.summary = desensitizer.Scrub(t.summary, placeholders).text;
  }
  return texts;
}

std::string Canonical(const Bulletin& b) {
  boost::json::object o = BulletinToJson(b, false);
  o.erase("published_at");
  o.erase("withdrawn_at");
  return boost::json::serialize(o);
}

notifications::Message DeliveryMessage(const Bulletin& b, std::int64_t items) {
  return notifications::CodedMessage("cases.bulletin",
                                     notifications::NoticeParams()
                                         .Add("bulletin_id", b.id)
                                         .Add("severity", BulletinSeverityName(b.severity))
                                         .Add("items", items),
                                     "/bulletins#bulletin-" + std::to_string(b.id));
}

}  // namespace

bool IsBulletinReviewer(const Principal& caller) {
  return caller.HasPlatformRole(access::PlatformRole::kOperator) ||
         caller.HasPlatformRole(access::PlatformRole::kExpert);
}

std::vector<store::Migration> BulletinMigrations() {
  return {{550, "cases_warning_bulletins", R"sql(
CREATE TABLE bulletins (
  id {{AUTOINCREMENT_PK}},
  state TEXT NOT NULL,
  severity TEXT NOT NULL,
  origin TEXT NOT NULL,
  cluster_key TEXT NOT NULL,
  author_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  published_at BIGINT NOT NULL,
  withdrawn_at BIGINT NOT NULL,
  body_json TEXT NOT NULL
);
CREATE INDEX bulletins_state ON bulletins(state, published_at);
CREATE TABLE bulletin_cases (
  bulletin_id BIGINT NOT NULL REFERENCES bulletins(id),
  case_id BIGINT NOT NULL REFERENCES public_cases(id),
  PRIMARY KEY (bulletin_id, case_id)
);
CREATE TABLE bulletin_deliveries (
  bulletin_id BIGINT NOT NULL REFERENCES bulletins(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  items_matched BIGINT NOT NULL,
  delivered_at BIGINT NOT NULL,
  PRIMARY KEY (bulletin_id, org_id)
);
)sql"}};
}

BulletinService::BulletinService(store::Database& db, const Clock& clock, EquipmentLister equipment,
                                 identity::GovernanceSink governance)
    : db_(db),
      clock_(clock),
      equipment_(std::move(equipment)),
      governance_(std::move(governance)) {}

std::int64_t BulletinService::Now() const { return UnixSeconds(clock_.Now()); }

Result<Bulletin> BulletinService::Create(const Principal& caller, const BulletinDraft& draft) {
  RUTILE_TRY(RequireReviewer(caller));
  if (!draft.texts.empty()) RUTILE_TRY(ValidateTexts(draft.texts));
  if (draft.rule) RUTILE_TRY(ValidateRule(*draft.rule));
  const std::int64_t now = Now();
  return store::Write(db_, [&](store::Connection& c) -> Result<Bulletin> {
    Bulletin b;
    b.case_ids = draft.case_ids;
    RUTILE_ASSIGN_OR_RETURN(auto cases, LoadCited(c, b.case_ids));
    b.severity = draft.severity;
    if (draft.texts.empty()) {
      b.texts = TextsFromCases(cases);
    } else {
      RUTILE_ASSIGN_OR_RETURN(b.texts, ScrubTexts(c, draft.texts));
      RUTILE_TRY(ValidateTexts(b.texts));  // placeholders may have made a text too long
    }
    b.rule = draft.rule ? *draft.rule : RuleFromCases(cases);
    RUTILE_TRY(ValidateRule(b.rule));
    b.origin = "manual";
    b.author_id = caller.user_id;
    b.created_at = b.updated_at = now;
    RUTILE_ASSIGN_OR_RETURN(b.id, repo::Insert(c, b));
    return b;
  });
}

Result<Bulletin> BulletinService::Update(const Principal& caller, std::int64_t id,
                                         const BulletinPatch& patch) {
  RUTILE_TRY(RequireReviewer(caller));
  if (patch.texts) RUTILE_TRY(ValidateTexts(*patch.texts));
  if (patch.rule) RUTILE_TRY(ValidateRule(*patch.rule));
  const std::int64_t now = Now();
  return store::Write(db_, [&](store::Connection& c) -> Result<Bulletin> {
    RUTILE_ASSIGN_OR_RETURN(Bulletin b, repo::Load(c, id));
    if (b.state != BulletinState::kDraft)
      return Conflict("bulletin " + std::to_string(id) + " is " +
                      std::string(BulletinStateName(b.state)) + "; only drafts are edited");
    if (patch.severity) b.severity = *patch.severity;
    if (patch.case_ids) {
      b.case_ids = *patch.case_ids;
      RUTILE_TRY(LoadCited(c, b.case_ids));
    }
    if (patch.texts) {
      RUTILE_ASSIGN_OR_RETURN(b.texts, ScrubTexts(c, *patch.texts));
      RUTILE_TRY(ValidateTexts(b.texts));
    }
    if (patch.rule) b.rule = *patch.rule;
    b.updated_at = now;
    RUTILE_TRY(repo::Update(c, b));
    return b;
  });
}

Result<Bulletin> BulletinService::Publish(const Principal& caller, std::int64_t id) {
  RUTILE_TRY(RequireReviewer(caller));
  if (governance_ && governance_.ready) RUTILE_TRY(governance_.ready());
  const std::int64_t now = Now();
  RUTILE_ASSIGN_OR_RETURN(
      Bulletin published, store::Write(db_, [&](store::Connection& c) -> Result<Bulletin> {
        RUTILE_ASSIGN_OR_RETURN(Bulletin b, repo::Load(c, id));
        if (b.state != BulletinState::kDraft)
          return Conflict("bulletin " + std::to_string(id) + " is " +
                          std::string(BulletinStateName(b.state)) + ", not a draft");
        RUTILE_TRY(LoadCited(c, b.case_ids));  // every cited case must still be public
        RUTILE_TRY(ValidateTexts(b.texts));
        RUTILE_TRY(ValidateRule(b.rule));
        b.state = BulletinState::kPublished;
        b.published_at = b.updated_at = now;
        RUTILE_TRY(repo::Update(c, b));
        if (equipment_) {
          RUTILE_ASSIGN_OR_RETURN(auto items, equipment_(c));
          std::map<std::int64_t, std::int64_t> matched;  // org -> items
          for (const auto& item : items)
            if (Matches(b.rule, item)) ++matched[item.org_id];
          for (const auto& [org, count] : matched) {
            RUTILE_TRY(notifications::NotificationService::NotifyOrganizationIn(
                c, org, DeliveryMessage(b, count), false, now));
            RUTILE_TRY(repo::InsertDelivery(c, b.id, {org, count, now}));
          }
        }
        return b;
      }));
  if (governance_) {
    RUTILE_TRY(governance_.record(identity::GovernanceEvent{
        "bulletin.publication", std::to_string(published.id), Canonical(published), 0, ""}));
  }
  return published;
}

Result<Bulletin> BulletinService::Withdraw(const Principal& caller, std::int64_t id) {
  RUTILE_TRY(RequireReviewer(caller));
  if (governance_ && governance_.ready) RUTILE_TRY(governance_.ready());
  const std::int64_t now = Now();
  RUTILE_ASSIGN_OR_RETURN(
      Bulletin withdrawn, store::Write(db_, [&](store::Connection& c) -> Result<Bulletin> {
        RUTILE_ASSIGN_OR_RETURN(Bulletin b, repo::Load(c, id));
        if (b.state != BulletinState::kPublished)
          return Conflict("bulletin " + std::to_string(id) + " is " +
                          std::string(BulletinStateName(b.state)) + ", not published");
        b.state = BulletinState::kWithdrawn;
        b.withdrawn_at = b.updated_at = now;
        RUTILE_TRY(repo::Update(c, b));
        return b;
      }));
  if (governance_) {
    RUTILE_TRY(governance_.record(identity::GovernanceEvent{
        "bulletin.withdrawal", std::to_string(withdrawn.id), Canonical(withdrawn), 0, ""}));
  }
  return withdrawn;
}

Result<std::vector<BulletinDelivery>> BulletinService::Deliveries(const Principal& caller,
                                                                  std::int64_t id) {
  RUTILE_TRY(RequireReviewer(caller));
  return store::Read(db_, [&](store::Connection& c) -> Result<std::vector<BulletinDelivery>> {
    RUTILE_TRY(repo::Load(c, id));
    return repo::Deliveries(c, id);
  });
}

Result<std::vector<Bulletin>> BulletinService::AutoDraft(const Principal& caller,
                                                         const AutoDraftRequest& request) {
  RUTILE_TRY(RequireReviewer(caller));
  return DraftClusters(caller.user_id, request);
}

Result<std::vector<Bulletin>> BulletinService::RunAutoDrafting(const AutoDraftRequest& request) {
  return DraftClusters(0, request);
}

Result<std::vector<Bulletin>> BulletinService::DraftClusters(std::int64_t author_id,
                                                             const AutoDraftRequest& request) {
  std::vector<FieldError> e;
  if (request.window_days < 1 || request.window_days > 3650)
    e.push_back({"window_days", "must be from 1 to 3650"});
  if (request.min_cases < 2 || request.min_cases > 100)
    e.push_back({"min_cases", "must be from 2 to 100"});
  if (!e.empty()) return InvalidArgument("the auto-draft request is not valid", std::move(e));
  const std::int64_t now = Now();
  const std::int64_t since = now - static_cast<std::int64_t>(request.window_days) * kSecondsPerDay;
  // One write transaction: two job runs at once cannot both draft the same cluster.
  return store::Write(db_, [&](store::Connection& c) -> Result<std::vector<Bulletin>> {
    RUTILE_ASSIGN_OR_RETURN(
        auto all, repository::PublicCasesPublishedSince(c, since, request.include_synthetic));
    RUTILE_ASSIGN_OR_RETURN(auto coverage, repo::LoadCoverage(c));
    std::vector<Bulletin> drafts;
    for (const CaseCluster& cluster : ClusterCases(all, request.min_cases)) {
      if (coverage.cluster_keys.count(cluster.key)) continue;
      if (std::all_of(cluster.cases.begin(), cluster.cases.end(),
                      [&](const PublicCase& pc) { return coverage.cited_cases.count(pc.id); }))
        continue;
      const BulletinDraft d = DraftFromCluster(cluster, request.min_cases);
      Bulletin b;
      b.case_ids = d.case_ids;
      b.severity = d.severity;
      b.texts = d.texts;
      b.rule = *d.rule;
      b.origin = "auto";
      b.cluster_key = cluster.key;
      b.author_id = author_id;
      b.created_at = b.updated_at = now;
      if (b.case_ids.size() > kMaxCitedCases) b.case_ids.resize(kMaxCitedCases);
      RUTILE_ASSIGN_OR_RETURN(b.id, repo::Insert(c, b));
      drafts.push_back(std::move(b));
    }
    return drafts;
  });
}

Result<Bulletin> BulletinService::Get(const Principal& caller, std::int64_t id) {
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, PublishedRef()));
  RUTILE_ASSIGN_OR_RETURN(
      Bulletin b, store::Read(db_, [&](store::Connection& c) { return repo::Load(c, id); }));
  // Drafts and withdrawn bulletins exist only for reviewers.
  if (b.state != BulletinState::kPublished && !IsBulletinReviewer(caller))
    return NotFound("bulletin " + std::to_string(id) + " does not exist");
  return b;
}

Result<std::vector<Bulletin>> BulletinService::List(const Principal& caller,
                                                    const BulletinListQuery& query) {
  RUTILE_TRY(access::Authorize(caller, access::Action::kRead, PublishedRef()));
  if (query.limit < 1 || query.limit > 200)
    return InvalidArgument("invalid limit", {{"limit", "must be from 1 to 200"}});
  if (query.offset < 0) return InvalidArgument("invalid offset", {{"offset", "must be 0 or more"}});
  std::optional<BulletinState> state = query.state;
  if (!IsBulletinReviewer(caller)) {
    if (state && *state != BulletinState::kPublished) return Fail(RequireReviewer(caller).error());
    state = BulletinState::kPublished;
  }
  return store::Read(
      db_, [&](store::Connection& c) { return repo::List(c, state, query.limit, query.offset); });
}

Result<std::vector<Bulletin>> BulletinService::Feed(int limit) {
  return store::Read(db_, [&](store::Connection& c) {
    return repo::List(c, BulletinState::kPublished, std::clamp(limit, 1, 200), 0);
  });
}

}  // namespace rutile::cases
