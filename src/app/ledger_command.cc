// `rutile ledger verify|checkpoint|prove`: offline checks of the governance ledger stored in
// the database, against the log key in the data directory (or a verifier key given).
#include <iostream>

#include "command.h"
#include "rutile/ledger/ledger_commands.h"
#include "rutile/ledger/ledger_service.h"

namespace rutile::app {
namespace {

struct LedgerFlags {
  StoreFlags store;
  std::optional<std::string> verifier_key;
  std::optional<std::int64_t> index, from, size;
};

struct Opened {
  std::unique_ptr<store::Database> db;
  std::string verifier_key;
};

Result<Opened> Open(const GlobalOptions& g, const LedgerFlags& f) {
  RUTILE_ASSIGN_OR_RETURN(PlatformOptions options, ResolvePlatformOptions(g, f.store));
  Opened o;
  RUTILE_ASSIGN_OR_RETURN(o.db, store::OpenDatabase(options.database_url, 1));
  if (f.verifier_key) {
    o.verifier_key = *f.verifier_key;
  } else {
    auto key = ledger::ReadVerifierKey(options.data_dir);
    if (!key.has_value())
      return FailedPrecondition("no log key in " + options.data_dir + " (" + key.error().message() +
                                "); pass --verifier-key");
    o.verifier_key = *key;
  }
  return o;
}

int Verify(const GlobalOptions& g, const LedgerFlags& f) {
  auto o = Open(g, f);
  if (!o.has_value()) return PrintError(o.error());
  auto report = ledger::LedgerVerify(*o->db, o->verifier_key);
  if (!report.has_value()) return PrintError(report.error());
  std::cout << report->ToString() << "\n";
  return report->ok ? 0 : 3;
}

int Checkpoint(const GlobalOptions& g, const LedgerFlags& f) {
  auto o = Open(g, f);
  if (!o.has_value()) return PrintError(o.error());
  auto text = ledger::LedgerCheckpointText(*o->db);
  if (!text.has_value()) return PrintError(text.error());
  std::cout << *text;
  return 0;
}

int Prove(const GlobalOptions& g, const LedgerFlags& f) {
  if (f.index.has_value() == f.from.has_value())
    return PrintError(InvalidArgument("give either --index (inclusion) or --from (consistency)"));
  auto o = Open(g, f);
  if (!o.has_value()) return PrintError(o.error());
  auto text = f.index ? ledger::LedgerProveInclusion(*o->db, o->verifier_key, *f.index, f.size)
                      : ledger::LedgerProveConsistency(*o->db, o->verifier_key, *f.from, f.size);
  if (!text.has_value()) return PrintError(text.error());
  std::cout << *text;
  if (!text->empty() && text->back() != '\n') std::cout << "\n";
  return 0;
}

}  // namespace

void AddLedgerCommands(CLI::App& app, GlobalOptions& global, CommandFn& run) {
  CLI::App* ledger = app.add_subcommand("ledger", "Check the tamper-evident governance ledger");
  ledger->require_subcommand(1);
  auto f = std::make_shared<LedgerFlags>();
  auto common = [&](CLI::App* cmd) {
    AddStoreFlags(*cmd, f->store);
    cmd->add_option("--verifier-key", f->verifier_key,
                    "Trusted verifier key name+hash+base64 (default: the data directory's key)");
  };
  CLI::App* verify = ledger->add_subcommand(
      "verify",
      "Recompute the whole stored log against its signed checkpoints; exit 3 and name "
      "the first corrupt index if anything was changed");
  common(verify);
  verify->callback([&, f] { run = [&global, f] { return Verify(global, *f); }; });
  CLI::App* checkpoint = ledger->add_subcommand("checkpoint", "Print the latest signed checkpoint");
  common(checkpoint);
  checkpoint->callback([&, f] { run = [&global, f] { return Checkpoint(global, *f); }; });
  CLI::App* prove =
      ledger->add_subcommand("prove", "Print and check an inclusion or consistency proof");
  common(prove);
  prove->add_option("--index", f->index, "Entry index for an inclusion proof");
  prove->add_option("--from", f->from, "Older tree size for a consistency proof");
  prove->add_option("--size", f->size, "Tree size (default: the latest checkpoint)");
  prove->callback([&, f] { run = [&global, f] { return Prove(global, *f); }; });
}

}  // namespace rutile::app
