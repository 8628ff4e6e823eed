// SQL for the cases module (internal). Functions run inside the caller's transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rutile/cases/anonymity.h"
#include "rutile/cases/case_service.h"
#include "rutile/cases/desensitizer.h"
#include "rutile/cases/model.h"
#include "rutile/core/result.h"
#include "rutile/store/database.h"

namespace rutile::cases::repository {

struct OrgProfile {
  std::string region;
  std::string industry;
  std::string scale;
};

Result<OrgProfile> LoadOrgProfile(store::Connection& c, std::int64_t org_id);
Result<std::int64_t> InsertCase(store::Connection& c, std::int64_t org_id,
                                std::int64_t submitted_by, std::int64_t now,
                                const CaseInput& input);

struct StoredCase {
  FailureCase value;
  std::string proposed_json;  // empty until publication is requested
};
Result<StoredCase> LoadCase(store::Connection& c, std::int64_t id);
// (case id, proposed public JSON) of every case waiting for review, oldest first.
Result<std::vector<std::pair<std::int64_t, std::string>>> PendingProposals(store::Connection& c);
Status SetProposal(store::Connection& c, std::int64_t id, const std::string& proposed_json);
// Back to private after a return or rejection: the proposal is dropped.
Status MarkPrivate(store::Connection& c, std::int64_t id);
Status InsertReview(store::Connection& c, const ReviewDecision& d);
Result<std::vector<ReviewDecision>> LoadReviews(store::Connection& c, std::int64_t case_id);
Status MarkPublished(store::Connection& c, std::int64_t id, std::int64_t public_id);

// Names of every user, organization and park (the desensitizer's dictionary).
Result<NameDictionary> LoadDictionary(store::Connection& c);
// Region, industry and scale of every organization whose real-name filing is approved (the
// k-anonymity population).
Result<std::vector<QuasiIdentifiers>> LoadPopulation(store::Connection& c);

// Search terms of a public case with their weights (structured fields count double).
std::map<std::string, double> WeightedTerms(const PublicCase& pc);
// The (facet, value) pairs a public case is filed under.
std::set<std::pair<std::string, std::string>> FacetsOf(const PublicCase& pc);

// Inserts the public record with its facets and index terms; returns its id.
Result<std::int64_t> InsertPublicCase(store::Connection& c, const PublicCase& pc, std::int64_t now);
Result<PublicCase> LoadPublicCase(store::Connection& c, std::int64_t id);
Result<std::vector<PublicCase>> LoadAllPublicCases(store::Connection& c);
// Public cases published at or after `since` (unix seconds), in id order.
Result<std::vector<PublicCase>> PublicCasesPublishedSince(store::Connection& c, std::int64_t since,
                                                          bool include_synthetic);
// Up to `limit` public cases (-1: all) with ids above `after_id`, in id order.
Result<std::vector<PublicCase>> PublicCasesAfter(store::Connection& c, std::int64_t after_id,
                                                 std::int64_t limit);
Result<std::int64_t> LatestPublicCaseId(store::Connection& c);  // 0 when there is none
Result<std::int64_t> CountSyntheticPublicCases(store::Connection& c);

}  // namespace rutile::cases::repository
