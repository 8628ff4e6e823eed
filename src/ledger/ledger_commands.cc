#include "rutile/ledger/ledger_commands.h"

#include <sstream>

#include "rutile/ledger/entry.h"
#include "rutile/ledger/ledger_store.h"
#include "rutile/ledger/note.h"

namespace rutile::ledger {
namespace {

// The latest checkpoint, verified with the trusted key.
Result<Checkpoint> TrustedHead(LedgerReader& reader, const NoteVerifier& verifier) {
  RUTILE_ASSIGN_OR_RETURN(TreeHead head, reader.Head());
  if (head.size == 0) return Fail(NotFound("the ledger is empty"));
  RUTILE_ASSIGN_OR_RETURN(Checkpoint cp, OpenCheckpoint(head.checkpoint, verifier));
  return cp;
}

void PrintProof(std::ostringstream& out, const std::vector<Hash>& proof) {
  if (proof.empty()) out << "  (empty)\n";
  for (const Hash& h : proof) out << "  " << HashToBase64(h) << "\n";
}

// Root at `size`, proven consistent with the trusted checkpoint when older.
Result<Hash> ProvenRootAt(LedgerReader& reader, const Checkpoint& cp, std::int64_t size,
                          std::ostringstream& out) {
  if (size == cp.size) return cp.root;
  RUTILE_ASSIGN_OR_RETURN(Hash root, reader.RootAt(size));
  RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> proof, reader.ConsistencyProof(size, cp.size));
  RUTILE_TRY(VerifyConsistency(size, cp.size, root, cp.root, proof));
  out << "root at size " << size << ": " << HashToBase64(root) << " (consistent with the "
      << "signed checkpoint at size " << cp.size << ")\n";
  return root;
}

}  // namespace

Result<VerifyReport> LedgerVerify(store::Database& db, std::string_view verifier_key) {
  RUTILE_ASSIGN_OR_RETURN(NoteVerifier verifier, NoteVerifier::Parse(verifier_key));
  return VerifyLog(db, verifier);
}

Result<std::string> LedgerCheckpointText(store::Database& db) {
  LedgerReader reader(db);
  RUTILE_ASSIGN_OR_RETURN(TreeHead head, reader.Head());
  if (head.checkpoint.empty()) return Fail(NotFound("the ledger has no checkpoint yet"));
  return head.checkpoint;
}

Result<std::string> LedgerProveInclusion(store::Database& db, std::string_view verifier_key,
                                         std::int64_t index, std::optional<std::int64_t> size) {
  RUTILE_ASSIGN_OR_RETURN(NoteVerifier verifier, NoteVerifier::Parse(verifier_key));
  LedgerReader reader(db);
  RUTILE_ASSIGN_OR_RETURN(Checkpoint cp, TrustedHead(reader, verifier));
  std::int64_t n = size.value_or(cp.size);
  if (n > cp.size || n < 1 || index < 0 || index >= n)
    return Fail(InvalidArgument("need 0 <= index < size <= " + std::to_string(cp.size)));
  std::ostringstream out;
  RUTILE_ASSIGN_OR_RETURN(std::string bytes, reader.EntryBytes(index));
  RUTILE_ASSIGN_OR_RETURN(Entry entry, DecodeEntry(bytes));
  Hash leaf = LeafHash(bytes);
  out << "entry " << index << ": " << entry.input.record_type << " " << entry.input.record_id
      << ", content sha256 " << ToHex(entry.input.content_sha256) << ", org " << entry.input.org_id
      << ", region '" << entry.input.region << "', time " << entry.time_unix_ms << " ms\n";
  out << "leaf hash: " << HashToBase64(leaf) << "\n";
  RUTILE_ASSIGN_OR_RETURN(Hash root, ProvenRootAt(reader, cp, n, out));
  RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> proof, reader.InclusionProof(index, n));
  out << "inclusion proof in tree size " << n << " (leaf to root):\n";
  PrintProof(out, proof);
  RUTILE_TRY(VerifyInclusion(index, n, leaf, proof, root));
  out << "verified against checkpoint " << cp.origin << " size " << cp.size << " root "
      << HashToBase64(cp.root) << "\n";
  return out.str();
}

Result<std::string> LedgerProveConsistency(store::Database& db, std::string_view verifier_key,
                                           std::int64_t from, std::optional<std::int64_t> size) {
  RUTILE_ASSIGN_OR_RETURN(NoteVerifier verifier, NoteVerifier::Parse(verifier_key));
  LedgerReader reader(db);
  RUTILE_ASSIGN_OR_RETURN(Checkpoint cp, TrustedHead(reader, verifier));
  std::int64_t n = size.value_or(cp.size);
  if (from < 1 || from > n || n > cp.size)
    return Fail(InvalidArgument("need 1 <= from <= size <= " + std::to_string(cp.size)));
  std::ostringstream out;
  RUTILE_ASSIGN_OR_RETURN(Hash new_root, ProvenRootAt(reader, cp, n, out));
  RUTILE_ASSIGN_OR_RETURN(Hash old_root, reader.RootAt(from));
  RUTILE_ASSIGN_OR_RETURN(std::vector<Hash> proof, reader.ConsistencyProof(from, n));
  out << "consistency proof " << from << " -> " << n << ":\n";
  PrintProof(out, proof);
  RUTILE_TRY(VerifyConsistency(from, n, old_root, new_root, proof));
  out << "root at size " << from << ": " << HashToBase64(old_root) << "\n";
  out << "verified against checkpoint " << cp.origin << " size " << cp.size << "\n";
  return out.str();
}

}  // namespace rutile::ledger
