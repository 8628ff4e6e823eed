// What the `rutile ledger ...` subcommands run. Each returns human-readable text (or a report)
// for the CLI to print; none writes to the log. Thread-safe; read-only on the database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rutile/core/result.h"
#include "rutile/ledger/log_check.h"
#include "rutile/store/database.h"

namespace rutile::ledger {

// `rutile ledger verify`: the whole-log check (VerifyLog) against a trusted verifier key
// ("name+hash+base64", e.g. from ReadVerifierKey(data_dir)). report.ok false = corrupt log;
// the CLI should exit non-zero then. report.ToString() is the text to print.
Result<VerifyReport> LedgerVerify(store::Database& db, std::string_view verifier_key);

// `rutile ledger checkpoint`: the latest signed checkpoint note, exactly as served.
Result<std::string> LedgerCheckpointText(store::Database& db);

// `rutile ledger prove --index I [--size N]`: the entry, its leaf hash and its inclusion proof
// in the tree of size N (default: the latest checkpoint), checked against the latest signed
// checkpoint and, when N is older, a consistency proof to it.
Result<std::string> LedgerProveInclusion(store::Database& db, std::string_view verifier_key,
                                         std::int64_t index,
                                         std::optional<std::int64_t> size = std::nullopt);

// `rutile ledger prove --from M [--size N]`: consistency proof between two sizes, checked.
Result<std::string> LedgerProveConsistency(store::Database& db, std::string_view verifier_key,
                                           std::int64_t from,
                                           std::optional<std::int64_t> size = std::nullopt);

}  // namespace rutile::ledger
