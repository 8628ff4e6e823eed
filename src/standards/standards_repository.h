// SQL of the standards module. Internal to rutile_standards; every function runs inside the
// caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/standards/model.h"
#include "rutile/standards/standards_service.h"
#include "rutile/store/database.h"

namespace rutile::standards::repository {

Result<std::optional<std::int64_t>> FindDocumentByCode(store::Connection& c,
                                                       const std::string& code);
Result<std::int64_t> InsertDocument(store::Connection& c, const StandardDocument& d,
                                    std::int64_t now);
Result<std::int64_t> InsertVersion(store::Connection& c, std::int64_t document_id,
                                   const std::string& version, std::int64_t now);
Status InsertClauses(store::Connection& c, std::int64_t version_id,
                     const std::vector<Clause>& clauses);
Status SupersedeOtherVersions(store::Connection& c, std::int64_t document_id,
                              std::int64_t current_version_id);

Result<std::vector<StandardDocument>> LoadDocuments(store::Connection& c);
Result<std::optional<StandardVersion>> CurrentVersion(store::Connection& c,
                                                      std::int64_t document_id);
Result<std::optional<std::int64_t>> VersionId(store::Connection& c, std::int64_t document_id,
                                              const std::string& version);
// Clauses of one version, in number order.
Result<std::vector<Clause>> LoadClauses(store::Connection& c, std::int64_t version_id);
// Clauses of every document's current released version, in number order.
Result<std::vector<Clause>> LoadCurrentClauses(store::Connection& c);
// clause id -> number of distinct query terms it contains (current versions; lang "" = any).
Result<std::vector<std::pair<std::string, int>>> MatchTerms(store::Connection& c,
                                                            const std::vector<std::string>& terms,
                                                            const std::string& lang);

Result<std::int64_t> InsertProposal(store::Connection& c, const Proposal& p);
Result<Proposal> LoadProposal(store::Connection& c, std::int64_t id);
Result<std::vector<std::int64_t>> ListProposalIds(store::Connection& c);
Status UpdateProposalState(store::Connection& c, std::int64_t id, ProposalState state,
                           std::int64_t now);

std::string ChangesToJson(const std::vector<ClauseChange>& changes);

}  // namespace rutile::standards::repository
