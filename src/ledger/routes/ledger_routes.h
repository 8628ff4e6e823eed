// The public, read-only HTTP API of the ledger (no login): checkpoint, verifier key, entries,
// proofs and C2SP tlog-tiles under /api/v1/ledger. Handlers are thin: parse, call the
// LedgerService's reader, map the result. The service must outlive the router.
#pragma once

#include "rutile/http/router.h"
#include "rutile/ledger/ledger_service.h"

namespace rutile::ledger {

//   GET /api/v1/ledger/checkpoint                 signed note (text/plain)
//   GET /api/v1/ledger/verifier-key               "name+hash+base64" (text/plain)
//   GET /api/v1/ledger/entries/{index}            exact entry bytes (application/octet-stream)
//   GET /api/v1/ledger/entries/{index}/info       decoded fields + leaf hash (JSON)
//   GET /api/v1/ledger/proof/inclusion?index=I&size=N     {"hashes": [...]} leaf to root
//   GET /api/v1/ledger/proof/consistency?from=M&size=N    {"hashes": [...]}
//   GET /api/v1/ledger/tile/<L>/<N>[.p/<W>], /api/v1/ledger/tile/entries/<N>[.p/<W>]
// Hashes are standard base64 with padding. Bad numbers give 400 problem+json.
void RegisterLedgerRoutes(http::Router& router, LedgerService& service);

}  // namespace rutile::ledger
