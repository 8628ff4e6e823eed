// BulletinService: warning bulletins composed by platform reviewers (operators and experts)
// from public failure cases, auto-drafted when similar failures cluster, published to everyone
// (visitors included) and delivered to the inbox of organizations whose registered equipment
// matches. Holds references to the database and clock; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "rutile/access/principal.h"
#include "rutile/cases/bulletin.h"
#include "rutile/core/clock.h"
#include "rutile/core/result.h"
#include "rutile/identity/identity_service.h"
#include "rutile/store/database.h"
#include "rutile/store/migrations.h"

namespace rutile::cases {

// Schema (versions 550-569). Needs the identity tables and CaseMigrations().
std::vector<store::Migration> BulletinMigrations();

struct AutoDraftRequest {
  int window_days = 90;            // public cases published in the last window_days (1..3650)
  int min_cases = 3;               // smallest cluster that yields a draft (2..100)
  bool include_synthetic = false;  // demo cases describe no real failure: left out by default
};

struct BulletinListQuery {
  std::optional<BulletinState> state;  // reviewers only; others always see published ones
  int limit = 50;                      // 1..200
  int offset = 0;
};

// One organization reached by a published bulletin.
struct BulletinDelivery {
  std::int64_t org_id = 0;
  std::int64_t items_matched = 0;
  std::int64_t delivered_at = 0;
};

class BulletinService {
 public:
  // `equipment` lists registered equipment for delivery; when empty, publishing reaches nobody.
  BulletinService(store::Database& db, const Clock& clock, EquipmentLister equipment = {},
                  identity::GovernanceSink governance = {});

  // Reviewers. A draft cites public cases; missing texts and rule are generated from them.
  Result<Bulletin> Create(const access::Principal& caller, const BulletinDraft& draft);
  Result<Bulletin> Update(const access::Principal& caller, std::int64_t id,
                          const BulletinPatch& patch);  // drafts only
  // Draft -> published: inbox messages to every organization with matching equipment, one
  // delivery row each, and a "bulletin.publication" ledger entry.
  Result<Bulletin> Publish(const access::Principal& caller, std::int64_t id);
  // Published -> withdrawn, with a "bulletin.withdrawal" ledger entry.
  Result<Bulletin> Withdraw(const access::Principal& caller, std::int64_t id);
  Result<std::vector<BulletinDelivery>> Deliveries(const access::Principal& caller,
                                                   std::int64_t id);
  // Clusters recent public cases and stores a draft for every new cluster; returns the drafts.
  Result<std::vector<Bulletin>> AutoDraft(const access::Principal& caller,
                                          const AutoDraftRequest& request);
  // The same for the periodic job (no caller; drafts have author 0).
  Result<std::vector<Bulletin>> RunAutoDrafting(const AutoDraftRequest& request = {});

  // Everyone (visitors too) reads published bulletins; reviewers read every state.
  Result<Bulletin> Get(const access::Principal& caller, std::int64_t id);
  Result<std::vector<Bulletin>> List(const access::Principal& caller,
                                     const BulletinListQuery& query);
  // Published bulletins, newest first, for the Atom feed.
  Result<std::vector<Bulletin>> Feed(int limit = 50);

  std::int64_t Now() const;

 private:
  Result<std::vector<Bulletin>> DraftClusters(std::int64_t author_id,
                                              const AutoDraftRequest& request);
  Result<Bulletin> ChangeState(const access::Principal& caller, std::int64_t id, BulletinState from,
                               BulletinState to);

  store::Database& db_;
  const Clock& clock_;
  EquipmentLister equipment_;
  identity::GovernanceSink governance_;
};

// True for platform operators and experts, who compose and publish bulletins.
bool IsBulletinReviewer(const access::Principal& caller);

}  // namespace rutile::cases
