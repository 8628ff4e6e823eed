// Shared plumbing for the `rutile` subcommands: global options, settings, printing results
// and errors. Each subcommand lives in its own *_command.cc and registers itself on the app.
#pragma once

#include <CLI/CLI.hpp>
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>

#include "platform.h"
#include "rutile/core/result.h"
#include "settings.h"

namespace rutile::app {

struct GlobalOptions {
  std::optional<std::string> config_path;  // --config
  bool json = false;                       // --json: print data as JSON
};

// The command's outcome: the process exit status.
using CommandFn = std::function<int()>;

// Settings from the config file (if any) and the environment.
Result<Settings> LoadSettings(const GlobalOptions& global);

// Database and data-dir options shared by the commands that open the platform.
struct StoreFlags {
  std::optional<std::string> database;
  std::optional<std::string> data_dir;
};
void AddStoreFlags(CLI::App& cmd, StoreFlags& flags);
Result<PlatformOptions> ResolvePlatformOptions(const GlobalOptions& global,
                                               const StoreFlags& flags);

// Prints "rutile: <message>" and every field error to stderr; returns the exit status 1.
int PrintError(const Error& error);
// Prints JSON (pretty enough for a terminal) to stdout.
void PrintJson(const boost::json::value& value);

// Registration of the subcommands; each sets the callback it needs through `run`.
void AddServeCommand(CLI::App& app, GlobalOptions& global, CommandFn& run);
void AddAdminCommands(CLI::App& app, GlobalOptions& global, CommandFn& run);
void AddDemoCommand(CLI::App& app, GlobalOptions& global, CommandFn& run);
void AddLedgerCommands(CLI::App& app, GlobalOptions& global, CommandFn& run);
void AddEngineCommands(CLI::App& app, GlobalOptions& global, CommandFn& run);

}  // namespace rutile::app
