// libFuzzer target for every ledger decoder of outside input: entries, entry bundles, tile
// paths, checkpoints, signed notes and verifier keys. Decoders must never crash, and whatever
// they accept must re-encode to the same bytes (canonical encodings).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rutile/core/base64.h"
#include "rutile/ledger/entry.h"
#include "rutile/ledger/note.h"
#include "rutile/ledger/tiles.h"

using namespace rutile::ledger;

namespace {

const NoteVerifier& Verifier() {
  static const NoteVerifier v = [] {
    std::array<std::uint8_t, 32> seed{};
    return NoteSigner::FromSeed("rutile.example/ledger", seed).value().Verifier();
  }();
  return v;
}

void Require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  if (auto e = DecodeEntry(in); e.has_value()) Require(EncodeEntry(*e).value() == in);
  if (auto b = DecodeEntryBundle(in); b.has_value()) Require(EncodeEntryBundle(*b).value() == in);
  if (auto t = ParseTilePath(in); t.has_value()) Require(TilePath(*t) == in);
  if (auto c = ParseCheckpoint(in); c.has_value()) {
    std::string again = FormatCheckpoint(*c);
    Require(in.substr(0, again.size()) == again);
  }
  (void)OpenCheckpoint(in, Verifier());
  if (auto v = NoteVerifier::Parse(in); v.has_value()) Require(v->ToString() == in);
  if (auto d = base64::Decode(in); d.has_value()) Require(base64::Encode(*d) == in);
  return 0;
}
