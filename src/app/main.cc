// The `rutile` command: serve, migrate, demo data, organizations and users, and the engine and
// ledger tools. Exceptions end here: each is reported and turned into a non-zero exit.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "command.h"

#ifndef RUTILE_VERSION
#define RUTILE_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace rutile::app;
  try {
    // Logs go to stderr: stdout carries data (and serve's "listening on" line).
    spdlog::set_default_logger(spdlog::stderr_logger_mt("rutile"));
    CLI::App app{"Rutile: anti-corrosion public service platform for titanium heating equipment",
                 "rutile"};
    app.set_version_flag("--version", std::string("rutile ") + RUTILE_VERSION);
    app.require_subcommand(1);
    GlobalOptions global;
    app.add_option("--config", global.config_path,
                   "Config file of key = value lines (env RUTILE_CONFIG)");
    app.add_flag("--json", global.json, "Print data as JSON");
    CommandFn run;
    AddServeCommand(app, global, run);
    AddAdminCommands(app, global, run);
    AddDemoCommand(app, global, run);
    AddLedgerCommands(app, global, run);
    AddEngineCommands(app, global, run);
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      return app.exit(e);
    }
    return run ? run() : 0;
  } catch (const std::exception& e) {
    std::cerr << "rutile: unexpected failure: " << e.what() << "\n";
    return 70;
  }
}
