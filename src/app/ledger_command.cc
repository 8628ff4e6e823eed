// `rutile ledger verify|checkpoint|prove`: offline checks of the governance ledger stored in
// the database, against the log key in the data directory (or a verifier key given).
#include <boost/json.hpp>
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
  if (g.json) {
    const auto& r = *report;
    boost::json::object j{{"ok", r.ok},
                          {"tree_size", r.tree_size},
                          {"entries_checked", r.entries_checked},
                          {"hashes_checked", r.hashes_checked},
                          {"checkpoints_checked", r.checkpoints_checked},
                          {"signatures_checked", r.signatures_checked},
                          {"problem", r.problem}};
    j["first_bad_index"] =
        r.first_bad_index ? boost::json::value(*r.first_bad_index) : boost::json::value(nullptr);
    j["bad_checkpoint_size"] = r.bad_checkpoint_size ? boost::json::value(*r.bad_checkpoint_size)
                                                     : boost::json::value(nullptr);
    PrintJson(j);
  } else {
    std::cout << report->ToString() << "\n";
  }
  return report->ok ? 0 : 3;
}

int Checkpoint(const GlobalOptions& g, const LedgerFlags& f) {
  auto o = Open(g, f);
  if (!o.has_value()) return PrintError(o.error());
  auto text = ledger::LedgerCheckpointText(*o->db);
  if (!text.has_value()) return PrintError(text.error());
  if (g.json) {
    // The note's body: origin, size and root, one per line (C2SP tlog-checkpoint).
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (int i = 0; i < 3; ++i) {
      std::size_t end = text->find('\n', start);
      if (end == std::string::npos) break;
      lines.push_back(text->substr(start, end - start));
      start = end + 1;
    }
    if (lines.size() < 3) return PrintError(Corruption("the stored checkpoint is malformed"));
    PrintJson(boost::json::object{
        {"origin", lines[0]}, {"size", std::stoll(lines[1])}, {"root", lines[2]}, {"note", *text}});
  } else {
    std::cout << *text;
  }
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
