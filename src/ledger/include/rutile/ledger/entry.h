// The canonical ledger entry: what one leaf of the log commits to. Only identifiers and hashes,
// never record content. Value types; the byte layout is in docs/design/ledger_format.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rutile/core/result.h"
#include "rutile/ledger/merkle.h"

namespace rutile::ledger {

// What a module asks the ledger to record. record_type names the governance record kind
// ("standard.release", "case.publication", "certificate.issue", ...).
struct EntryInput {
  std::string record_type;  // 1..64 chars of [a-z0-9._-]
  std::string record_id;    // 1..128 printable ASCII chars, no spaces
  Hash content_sha256{};    // SHA-256 of the record's canonical content
  std::int64_t org_id = 0;  // acting organization; 0 = the platform itself
  std::string region;       // 0..64 chars of [a-z0-9._-]; empty = central node
};

// A decoded entry: the input plus the time the log accepted it.
struct Entry {
  std::int64_t time_unix_ms = 0;
  EntryInput input;
};

inline constexpr std::uint8_t kEntryVersion = 1;
inline constexpr std::size_t kMaxEntryBytes = 1024;

// Field checks shared by Append and the decoder; kInvalidArgument with field errors.
Status ValidateEntryInput(const EntryInput& input);
// Canonical bytes (the leaf data). Fails only on invalid input.
Result<std::string> EncodeEntry(const Entry& entry);
// Strict decoder: rejects unknown versions, trailing bytes and non-canonical fields.
Result<Entry> DecodeEntry(std::string_view bytes);

}  // namespace rutile::ledger
