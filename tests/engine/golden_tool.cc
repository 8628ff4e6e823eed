// rutile_engine_golden: prints the native engine output for golden scenarios as JSON lines,
// {"id": ..., "output": <assessment or error JSON>}, for byte comparison with the WebAssembly
// build (wasm_golden.mjs). Arguments: scenario files (.jsonl); "-" reads bare requests from
// stdin, one per line, and prints the outputs only.
#include <fstream>
#include <iostream>
#include <string>

#include "rutile/engine/wire/engine_wire.h"
#include "rutile/engine/wire/json.h"

namespace w = rutile::engine::wire;

namespace {

std::string Run(std::string_view request) {
  auto out = w::AssessJson(w::DefaultKnowledge(), request);
  return out.has_value() ? out.value() : w::ErrorJson(out.error());
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-") {
      std::string line;
      while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        std::cout << Run(line) << "\n";
      }
      continue;
    }
    std::ifstream in(arg);
    if (!in) {
      std::cerr << "cannot open " << arg << "\n";
      return 2;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto scenario = w::ParseJson(line);
      if (!scenario.has_value() || scenario->Find("request") == nullptr ||
          scenario->Find("id") == nullptr) {
        std::cerr << arg << ": bad scenario line\n";
        return 2;
      }
      const std::string request = w::SerializeJson(*scenario->Find("request"));
      std::string out = "{\"id\":";
      w::AppendJsonString(out, scenario->Find("id")->as_string());
      out += ",\"output\":";
      out += Run(request);
      out += "}";
      std::cout << out << "\n";
    }
  }
  return 0;
}
