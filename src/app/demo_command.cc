#include <boost/json.hpp>
#include <iostream>

#include "command.h"
#include "demo_data.h"

namespace rutile::app {
namespace {

int Demo(const GlobalOptions& g, const StoreFlags& s) {
  auto options = ResolvePlatformOptions(g, s);
  if (!options.has_value()) return PrintError(options.error());
  options->pool_size = 1;
  auto platform = Platform::Open(*options);
  if (!platform.has_value()) return PrintError(platform.error());
  auto summary = LoadDemoData(**platform);
  if (!summary.has_value()) return PrintError(summary.error());
  if (g.json) {
    boost::json::array accounts;
    for (const auto& a : summary->accounts) accounts.push_back(boost::json::string(a));
    PrintJson(boost::json::object{{"parks_created", summary->parks_created},
                                  {"organizations_created", summary->organizations_created},
                                  {"users_created", summary->users_created},
                                  {"demo_cases_added", summary->demo_cases_added},
                                  {"password", kDemoPassword},
                                  {"accounts", std::move(accounts)}});
    return 0;
  }
  std::cout << "demo data: " << summary->parks_created << " parks, "
            << summary->organizations_created << " organizations, " << summary->users_created
            << " users, " << summary->demo_cases_added << " synthetic failure cases created\n"
            << "accounts (password " << kDemoPassword << "):\n";
  for (const auto& a : summary->accounts) std::cout << "  " << a << "\n";
  return 0;
}

}  // namespace

void AddDemoCommand(CLI::App& app, GlobalOptions& global, CommandFn& run) {
  auto flags = std::make_shared<StoreFlags>();
  CLI::App* cmd = app.add_subcommand("demo", "Load the demo data set (idempotent)");
  AddStoreFlags(*cmd, *flags);
  cmd->callback(
      [&global, &run, flags] { run = [&global, flags] { return Demo(global, *flags); }; });
}

}  // namespace rutile::app
