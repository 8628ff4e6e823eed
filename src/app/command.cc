#include "command.h"

#include <boost/json/serialize.hpp>
#include <iostream>

namespace rutile::app {

Result<Settings> LoadSettings(const GlobalOptions& global) {
  std::map<std::string, std::string> config;
  std::optional<std::string> path = global.config_path;
  if (!path) path = Settings::ProcessEnvironment()("RUTILE_CONFIG");
  if (path) {
    RUTILE_ASSIGN_OR_RETURN(config, ReadConfigFile(*path));
  }
  Settings settings(std::move(config), Settings::ProcessEnvironment());
  if (auto key = settings.UnknownKey({"listen",
                                      "database",
                                      "data-dir",
                                      "static-dir",
                                      "log-level",
                                      "io-threads",
                                      "worker-threads",
                                      "body-limit",
                                      "mqtt-url",
                                      "mqtt-username",
                                      "mqtt-password",
                                      "public-base-url",
                                      "min-cell-size",
                                      "smtp-host",
                                      "smtp-port",
                                      "smtp-from",
                                      "reminder-interval-s",
                                      "trusted-proxies",
                                      "metrics-access",
                                      "max-connections"}))
    return InvalidArgument("unknown key '" + *key + "' in the config file");
  return settings;
}

void AddStoreFlags(CLI::App& cmd, StoreFlags& flags) {
  cmd.add_option("--database", flags.database,
                 "Database URL: sqlite:PATH or postgresql://... (env RUTILE_DATABASE; "
                 "default sqlite:var/rutile.db)");
  cmd.add_option("--data-dir", flags.data_dir,
                 "Directory for keys and files (env RUTILE_DATA_DIR; default var)");
}

Result<PlatformOptions> ResolvePlatformOptions(const GlobalOptions& global,
                                               const StoreFlags& flags) {
  RUTILE_ASSIGN_OR_RETURN(Settings settings, LoadSettings(global));
  PlatformOptions options;
  options.data_dir = settings.Resolve("data-dir", flags.data_dir, "var");
  options.database_url =
      settings.Resolve("database", flags.database, "sqlite:" + options.data_dir + "/rutile.db");
  return options;
}

int PrintError(const Error& error) {
  std::cerr << "rutile: " << error.message() << "\n";
  for (const auto& f : error.fields()) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return 1;
}

void PrintJson(const boost::json::value& value) {
  std::cout << boost::json::serialize(value) << "\n";
}

}  // namespace rutile::app
