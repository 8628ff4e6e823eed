// CaseService: private failure cases, their desensitized publication and search over the
// public set. Every read and write asks access::Authorize; publication is approved by a
// platform reviewer and recorded in the governance ledger. Holds references to the database
// and clock; thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/cases/anonymity.h"
#include "rutile/cases/model.h"
#include "rutile/cases/text_index.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/identity/identity_service.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::cases {

// Schema (versions 500-599). Needs the identity tables (organizations, users, parks).
std::vector<store::Migration> CaseMigrations();

struct CaseOptions {
  int k = kDefaultK;  // minimum organizations sharing a published region/industry/scale
};

struct SearchQuery {
  std::string text;  // any language; empty lists by newest
  std::string mechanism;
  std::string industry;
  std::string region;
  std::string material;
  int limit = 20;  // 1..100
  int offset = 0;
};

struct SearchHit {
  PublicCase item;
  double score = 0;  // 0 when the query has no text
};

struct FacetCount {
  std::string facet;  // "mechanism", "industry", "region", "material", "failure_mode"
  std::string value;
  std::int64_t count = 0;
};

struct SearchPage {
  std::vector<SearchHit> items;
  std::int64_t total = 0;
  std::vector<FacetCount> facets;  // over every match, not only this page
};

// A publication waiting for review: only the proposed public record, never the original.
struct PendingPublication {
  std::int64_t case_id = 0;
  PublicCase proposed;
};

// A reviewer's decision on one publication request. The comment is private to the owner
// organization and reviewers; it never reaches a public record.
struct ReviewDecision {
  std::int64_t case_id = 0;
  std::string decision;  // "returned", "rejected" or "approved"
  std::int64_t reviewer_id = 0;
  std::string comment;  // empty for approvals
  std::int64_t decided_at = 0;
};

class CaseIndex;

struct SimilarCase {
  PublicCase item;
  SimilarityResult similarity;
};

class CaseService {
 public:
  CaseService(store::Database& db, const Clock& clock, identity::GovernanceSink governance = {},
              CaseOptions options = {});

  // org_id 0: the caller's only organization. The case is private to that organization.
  Result<FailureCase> Submit(const access::Principal& caller, std::int64_t org_id,
                             const CaseInput& input);
  Result<FailureCase> Get(const access::Principal& caller, std::int64_t id);

  // The submitter's organization asks to publish: returns what would be published beside the
  // original and marks the case as waiting for review. May be asked again to refresh.
  Result<PublicationPreview> RequestPublication(const access::Principal& caller, std::int64_t id);
  // A platform operator or expert approves: creates the separate public record and appends a
  // "case.publication" ledger entry. Conflict when the preview no longer matches.
  Result<PublicCase> ApprovePublication(const access::Principal& caller, std::int64_t id);
  // The same reviewers return a request for changes or reject it, with a required comment
  // (trimmed, 1..2000 characters of valid UTF-8). The case becomes private again (the owner may
  // edit and request again), leaves the queue, and the owner organization's administrators get
  // a coded notice. NotFound for callers who may not decide (as for a missing case); Conflict
  // when no request is pending; InvalidArgument naming "comment".
  Result<ReviewDecision> ReturnPublication(const access::Principal& caller, std::int64_t id,
                                           std::string_view comment);
  Result<ReviewDecision> RejectPublication(const access::Principal& caller, std::int64_t id,
                                           std::string_view comment);
  // The decisions on one case, oldest first, for whoever may read the case.
  Result<std::vector<ReviewDecision>> ListReviews(const access::Principal& caller, std::int64_t id);
  // What reviewers (platform operator or expert) are asked to approve, oldest first.
  Result<std::vector<PendingPublication>> ListPendingPublications(const access::Principal& caller);

  Result<SearchPage> Search(const access::Principal& caller, const SearchQuery& query);
  Result<PublicCase> GetPublic(const access::Principal& caller, std::int64_t id);
  Result<std::vector<SimilarCase>> Similar(const access::Principal& caller,
                                           const SimilarityProbe& probe, int limit);
  // Brings the search index up to date with the public cases; the first call builds it, which
  // takes seconds per hundred thousand cases. Queries do this themselves; a server calls it at
  // start and periodically so that no visitor waits for it.
  Status RefreshIndex();

  // Demo and import path (no caller check): a synthetic case straight into the public set,
  // still desensitized. Synthetic cases carry synthetic=true and no ledger entry.
  Result<PublicCase> PublishSynthetic(const CaseInput& input);

 private:
  Result<ReviewDecision> Decide(const access::Principal& caller, std::int64_t id,
                                std::string_view comment, const char* decision);

  store::Database& db_;
  const Clock& clock_;
  identity::GovernanceSink governance_;
  CaseOptions options_;
  std::shared_ptr<CaseIndex> index_;  // search and similarity over public cases
};

// Loads the embedded synthetic demo cases (knowledge/cases/demo_cases.json) into the public
// set unless synthetic cases are already there. Returns how many were added.
Result<int> LoadDemoCases(CaseService& service, store::Database& db);

}  // namespace rutile::cases
