// The ledger's tables (migrations 300..399) and read access to a stored log through
// rutile::store. LedgerReader holds a reference to the Database; it is stateless and
// thread-safe. Writes go through LedgerService only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rutile/core/result.h"
#include "rutile/ledger/entry.h"
#include "rutile/ledger/merkle.h"
#include "rutile/ledger/tiles.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::ledger {

// Tables ledger_entries, ledger_hashes, ledger_checkpoints and the one-row ledger_state.
std::vector<store::Migration> LedgerMigrations();

// The sequencer state: the committed tree and its latest signed checkpoint.
struct TreeHead {
  std::int64_t size = 0;
  Hash root = EmptyTreeHash();
  std::string checkpoint;    // signed note; empty before the first append
  std::string verifier_key;  // key that signs this log; empty before the first start
};

// Reads stored hashes through one connection: "SELECT ... WHERE idx IN (...)".
class DbHashReader final : public HashReader {
 public:
  explicit DbHashReader(store::Connection& conn) : conn_(conn) {}
  Result<std::vector<Hash>> ReadHashes(std::span<const std::int64_t> indexes) override;

 private:
  store::Connection& conn_;
};

Result<TreeHead> ReadTreeHead(store::Connection& conn, bool for_update = false);

// One entry of a listing: its index in the log and its decoded content.
struct ListedEntry {
  std::int64_t index = 0;
  Entry entry;
};

// Which entries a listing keeps. record_type matches exactly or as a dotted prefix
// ("organization" keeps "organization.registered"); subject is a case-insensitive substring of
// the record id. Empty means any.
struct EntryFilter {
  std::string record_type;
  std::string subject;
};

// A page of a listing, newest first. next_before is the index to pass as `before` for the next
// page; -1 when the log has no older entries.
struct EntryPage {
  std::vector<ListedEntry> entries;
  std::int64_t next_before = -1;
};

inline constexpr int kMaxListLimit = 100;
inline constexpr std::int64_t kMaxListScan = 5000;  // entries decoded per call at most

class LedgerReader {
 public:
  explicit LedgerReader(store::Database& db) : db_(db) {}

  Result<TreeHead> Head();
  // The exact stored bytes of entry `index`; kNotFound beyond the tree.
  Result<std::string> EntryBytes(std::int64_t index);
  // Proofs against a tree size up to the current one; kInvalidArgument for bad arguments,
  // including sizes beyond the current tree.
  Result<std::vector<Hash>> InclusionProof(std::int64_t index, std::int64_t size);
  Result<std::vector<Hash>> ConsistencyProof(std::int64_t old_size, std::int64_t size);
  // tlog-tiles content for the current tree; kNotFound if the tile (at that width) does not
  // exist yet.
  Result<std::string> Tile(const TileRef& tile);
  // The root of the stored tree at any size up to the current one.
  Result<Hash> RootAt(std::int64_t size);
  // Entries with index < before (the whole tree when before < 0), newest first, that pass the
  // filter; at most `limit` (1..kMaxListLimit) of them, scanning at most kMaxListScan entries.
  Result<EntryPage> List(std::int64_t before, int limit, const EntryFilter& filter);

 private:
  store::Database& db_;
};

}  // namespace rutile::ledger
