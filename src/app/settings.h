// Settings resolution for the command line: a flag beats its RUTILE_* environment variable,
// which beats the config file, which beats the built-in default. Value type.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "rutile/core/result.h"

namespace rutile::app {

// "key = value" lines; '#' starts a comment; values may be quoted. Keys use the flag names
// ("listen", "database", "data-dir", ...).
Result<std::map<std::string, std::string>> ParseConfigText(const std::string& text);
Result<std::map<std::string, std::string>> ReadConfigFile(const std::string& path);

class Settings {
 public:
  using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

  Settings(std::map<std::string, std::string> config, EnvLookup env);
  static EnvLookup ProcessEnvironment();

  // The environment variable for a key: "data-dir" -> "RUTILE_DATA_DIR".
  static std::string EnvName(const std::string& key);

  std::string Resolve(const std::string& key, const std::optional<std::string>& flag,
                      const std::string& fallback) const;

  // Keys in the config file that no command knows: a typo there must not pass silently.
  std::optional<std::string> UnknownKey(const std::vector<std::string>& known) const;

 private:
  std::map<std::string, std::string> config_;
  EnvLookup env_;
};

}  // namespace rutile::app
