#include "settings.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace rutile::app {
namespace {

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

Result<std::map<std::string, std::string>> ParseConfigText(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    std::size_t eq = t.find('=');
    if (eq == std::string::npos)
      return InvalidArgument("config line " + std::to_string(number) + ": expected key = value");
    std::string key = Trim(t.substr(0, eq));
    std::string value = Trim(t.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    if (key.empty())
      return InvalidArgument("config line " + std::to_string(number) + ": empty key");
    out[key] = value;
  }
  return out;
}

Result<std::map<std::string, std::string>> ReadConfigFile(const std::string& path) {
  std::ifstream f(path);
  if (!f) return NotFound("cannot read config file " + path);
  std::ostringstream s;
  s << f.rdbuf();
  auto parsed = ParseConfigText(s.str());
  if (!parsed.has_value()) return InvalidArgument(path + ": " + parsed.error().message());
  return parsed;
}

Settings::Settings(std::map<std::string, std::string> config, EnvLookup env)
    : config_(std::move(config)), env_(std::move(env)) {}

Settings::EnvLookup Settings::ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };
}

std::string Settings::EnvName(const std::string& key) {
  std::string out = "RUTILE_";
  for (char c : key)
    out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Settings::Resolve(const std::string& key, const std::optional<std::string>& flag,
                              const std::string& fallback) const {
  if (flag) return *flag;
  if (env_) {
    if (auto v = env_(EnvName(key))) return *v;
  }
  if (auto it = config_.find(key); it != config_.end()) return it->second;
  return fallback;
}

std::optional<std::string> Settings::UnknownKey(const std::vector<std::string>& known) const {
  for (const auto& [key, value] : config_)
    if (std::find(known.begin(), known.end(), key) == known.end()) return key;
  return std::nullopt;
}

}  // namespace rutile::app
