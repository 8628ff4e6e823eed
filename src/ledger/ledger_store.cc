#include "rutile/ledger/ledger_store.h"

#include <unordered_map>

namespace rutile::ledger {
namespace {

constexpr std::size_t kMaxInList = 500;

std::string Placeholders(std::size_t n) {
  std::string s;
  s.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) s += i == 0 ? "?" : ",?";
  return s;
}

}  // namespace

std::vector<store::Migration> LedgerMigrations() {
  return {
      {300, "0300_ledger",
       // Leaves in order: idx is the leaf number, data the canonical entry bytes.
       "CREATE TABLE ledger_entries (\n"
       "  idx BIGINT PRIMARY KEY,\n"
       "  data {{BLOB}} NOT NULL,\n"
       "  leaf_hash {{BLOB}} NOT NULL\n"
       ");\n"
       // Stored hashes in Go tlog's StoredHashIndex layout.
       "CREATE TABLE ledger_hashes (\n"
       "  idx BIGINT PRIMARY KEY,\n"
       "  hash {{BLOB}} NOT NULL\n"
       ");\n"
       // Every checkpoint the log signed, one per committed batch.
       "CREATE TABLE ledger_checkpoints (\n"
       "  tree_size BIGINT PRIMARY KEY,\n"
       "  root {{BLOB}} NOT NULL,\n"
       "  note TEXT NOT NULL,\n"
       "  created_at BIGINT NOT NULL\n"
       ");\n"
       // The sequencer: one row, locked by each write transaction.
       "CREATE TABLE ledger_state (\n"
       "  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
       "  tree_size BIGINT NOT NULL,\n"
       "  root {{BLOB}},\n"
       "  checkpoint TEXT NOT NULL,\n"
       "  verifier_key TEXT NOT NULL\n"
       ");\n"
       "INSERT INTO ledger_state (id, tree_size, root, checkpoint, verifier_key) "
       "VALUES (1, 0, NULL, '', '');\n"},
  };
}

Result<std::vector<Hash>> DbHashReader::ReadHashes(std::span<const std::int64_t> indexes) {
  std::unordered_map<std::int64_t, Hash> found;
  for (std::size_t start = 0; start < indexes.size(); start += kMaxInList) {
    std::size_t n = std::min(kMaxInList, indexes.size() - start);
    std::vector<store::Value> params;
    params.reserve(n);
    for (std::size_t i = 0; i < n; ++i) params.emplace_back(indexes[start + i]);
    RUTILE_ASSIGN_OR_RETURN(
        auto rows,
        conn_.Query("SELECT idx, hash FROM ledger_hashes WHERE idx IN (" + Placeholders(n) + ")",
                    params));
    for (const store::Row& row : rows) {
      RUTILE_ASSIGN_OR_RETURN(Hash h, HashFromBytes(row.Bytes(1)));
      found[row.Int(0)] = h;
    }
  }
  std::vector<Hash> out;
  out.reserve(indexes.size());
  for (std::int64_t i : indexes) {
    auto it = found.find(i);
    if (it == found.end())
      return Fail(Corruption("stored hash " + std::to_string(i) + " is missing"));
    out.push_back(it->second);
  }
  return out;
}

Result<TreeHead> ReadTreeHead(store::Connection& conn, bool for_update) {
  std::string sql =
      "SELECT tree_size, root, checkpoint, verifier_key FROM ledger_state WHERE id = 1";
  if (for_update && conn.dialect() == store::Dialect::kPostgres) sql += " FOR UPDATE";
  RUTILE_ASSIGN_OR_RETURN(auto rows, conn.Query(sql));
  if (rows.empty()) return Fail(FailedPrecondition("ledger_state row is missing; run migrations"));
  TreeHead head;
  head.size = rows[0].Int(0);
  if (head.size < 0) return Fail(Corruption("ledger_state has a negative tree size"));
  if (!rows[0].IsNull(1)) {
    RUTILE_ASSIGN_OR_RETURN(head.root, HashFromBytes(rows[0].Bytes(1)));
  } else if (head.size != 0) {
    return Fail(Corruption("ledger_state has no root for a non-empty tree"));
  }
  head.checkpoint = rows[0].Text(2);
  head.verifier_key = rows[0].Text(3);
  return head;
}

Result<TreeHead> LedgerReader::Head() {
  RUTILE_ASSIGN_OR_RETURN(auto conn, db_.Acquire());
  return ReadTreeHead(*conn);
}

Result<std::string> LedgerReader::EntryBytes(std::int64_t index) {
  if (index < 0) return Fail(InvalidArgument("entry index must not be negative"));
  RUTILE_ASSIGN_OR_RETURN(auto conn, db_.Acquire());
  RUTILE_ASSIGN_OR_RETURN(TreeHead head, ReadTreeHead(*conn));
  if (index >= head.size)
    return Fail(NotFound("entry " + std::to_string(index) + " is beyond the tree size " +
                         std::to_string(head.size)));
  RUTILE_ASSIGN_OR_RETURN(auto rows,
                          conn->Query("SELECT data FROM ledger_entries WHERE idx = ?", {index}));
  if (rows.empty()) return Fail(Corruption("entry " + std::to_string(index) + " is missing"));
  return rows[0].Bytes(0);
}

Result<std::vector<Hash>> LedgerReader::InclusionProof(std::int64_t index, std::int64_t size) {
  if (size < 1 || index < 0 || index >= size)
    return Fail(InvalidArgument("inclusion proof needs 0 <= index < size"));
  RUTILE_ASSIGN_OR_RETURN(auto conn, db_.Acquire());
  RUTILE_ASSIGN_OR_RETURN(TreeHead head, ReadTreeHead(*conn));
  if (size > head.size)
    return Fail(InvalidArgument("size " + std::to_string(size) + " is beyond the tree size " +
                                std::to_string(head.size)));
  DbHashReader reader(*conn);
  return ledger::InclusionProof(index, size, reader);
}

Result<std::vector<Hash>> LedgerReader::ConsistencyProof(std::int64_t old_size, std::int64_t size) {
  if (old_size < 1 || old_size > size)
    return Fail(InvalidArgument("consistency proof needs 1 <= from <= size"));
  RUTILE_ASSIGN_OR_RETURN(auto conn, db_.Acquire());
  RUTILE_ASSIGN_OR_RETURN(TreeHead head, ReadTreeHead(*conn));
  if (size > head.size)
    return Fail(InvalidArgument("size " + std::to_string(size) + " is beyond the tree size " +
                                std::to_string(head.size)));
  DbHashReader reader(*conn);
  return ledger::ConsistencyProof(old_size, size, reader);
}

Result<Hash> LedgerReader::RootAt(std::int64_t size) {
  if (size < 0) return Fail(InvalidArgument("size must not be negative"));
  RUTILE_ASSIGN_OR_RETURN(auto conn, db_.Acquire());
  RUTILE_ASSIGN_OR_RETURN(TreeHead head, ReadTreeHead(*conn));
  if (size > head.size)
    return Fail(InvalidArgument("size " + std::to_string(size) + " is beyond the tree size " +
                                std::to_string(head.size)));
  DbHashReader reader(*conn);
  return TreeHash(size, reader);
}

Result<std::string> LedgerReader::Tile(const TileRef& tile) {
  RUTILE_ASSIGN_OR_RETURN(auto conn, db_.Acquire());
  RUTILE_ASSIGN_OR_RETURN(TreeHead head, ReadTreeHead(*conn));
  if (TileWidthAt(tile, head.size) < tile.width)
    return Fail(NotFound("tile " + TilePath(tile) + " does not exist at tree size " +
                         std::to_string(head.size)));
  if (!tile.entries) {
    DbHashReader reader(*conn);
    return ReadHashTile(tile, head.size, reader);
  }
  std::int64_t first = tile.index * kTileWidth;
  RUTILE_ASSIGN_OR_RETURN(
      auto rows, conn->Query("SELECT idx, data FROM ledger_entries WHERE idx >= ? AND idx < ? "
                             "ORDER BY idx",
                             {first, first + tile.width}));
  if (static_cast<int>(rows.size()) != tile.width)
    return Fail(Corruption("entries missing in " + TilePath(tile)));
  std::vector<std::string> entries;
  entries.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].Int(0) != first + static_cast<std::int64_t>(i))
      return Fail(Corruption("entries missing in " + TilePath(tile)));
    entries.push_back(rows[i].Bytes(1));
  }
  return EncodeEntryBundle(entries);
}

}  // namespace rutile::ledger

namespace rutile::ledger {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool ContainsFolded(std::string_view text, std::string_view part) {
  if (part.empty()) return true;
  if (part.size() > text.size()) return false;
  for (std::size_t i = 0; i + part.size() <= text.size(); ++i) {
    std::size_t j = 0;
    while (j < part.size() && Lower(text[i + j]) == Lower(part[j])) ++j;
    if (j == part.size()) return true;
  }
  return false;
}

bool Keeps(const EntryFilter& filter, const EntryInput& in) {
  const std::string& t = in.record_type;
  const std::string& want = filter.record_type;
  bool type_ok =
      want.empty() || t == want ||
      (t.size() > want.size() && t.compare(0, want.size(), want) == 0 && t[want.size()] == '.');
  return type_ok && ContainsFolded(in.record_id, filter.subject);
}

}  // namespace

Result<EntryPage> LedgerReader::List(std::int64_t before, int limit, const EntryFilter& filter) {
  if (limit < 1 || limit > kMaxListLimit)
    return Fail(
        InvalidArgument("limit must be between 1 and " + std::to_string(kMaxListLimit),
                        {{"limit", "must be between 1 and " + std::to_string(kMaxListLimit)}}));
  RUTILE_ASSIGN_OR_RETURN(auto conn, db_.Acquire());
  RUTILE_ASSIGN_OR_RETURN(TreeHead head, ReadTreeHead(*conn));
  std::int64_t upper = before < 0 || before > head.size ? head.size : before;
  EntryPage page;
  std::int64_t scanned = 0;
  constexpr std::int64_t kBatch = 200;
  while (upper > 0 && static_cast<int>(page.entries.size()) < limit && scanned < kMaxListScan) {
    std::int64_t lower = upper > kBatch ? upper - kBatch : 0;
    RUTILE_ASSIGN_OR_RETURN(auto rows, conn->Query("SELECT idx, data FROM ledger_entries WHERE "
                                                   "idx >= ? AND idx < ? ORDER BY idx DESC",
                                                   {lower, upper}));
    for (const auto& row : rows) {
      std::int64_t index = row.Int(0);
      upper = index;  // the next scan starts below this entry
      ++scanned;
      auto entry = DecodeEntry(row.Bytes(1));
      if (!entry.has_value())
        return Fail(Corruption("entry " + std::to_string(index) + " does not decode"));
      if (Keeps(filter, entry->input)) page.entries.push_back({index, std::move(*entry)});
      if (static_cast<int>(page.entries.size()) == limit || scanned >= kMaxListScan) break;
    }
    if (rows.empty()) upper = lower;
  }
  page.next_before = upper > 0 ? upper : -1;
  return page;
}

}  // namespace rutile::ledger
