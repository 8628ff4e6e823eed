// `rutile assess`, `rutile atmosphere` and `rutile thickness`: the engine's JSON wire format on
// stdin and stdout, byte for byte what the HTTP API and the offline engine answer.
#include <boost/json.hpp>
#include <iostream>
#include <iterator>

#include "command.h"
#include "rutile/engine/wire/engine_wire.h"

namespace rutile::app {
namespace {

namespace wire = engine::wire;
using Compute = std::function<Result<std::string>(std::string_view)>;

std::string ReadAll(std::istream& in) {
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// One request on stdin, one answer on stdout; an error goes to stderr with its fields.
int RunOne(const Compute& compute) {
  std::string input = ReadAll(std::cin);
  if (input.find_first_not_of(" \t\r\n") == std::string::npos)
    return PrintError(InvalidArgument("expected one JSON request on standard input"));
  auto out = compute(input);
  if (!out.has_value()) return PrintError(out.error());
  std::cout << *out << "\n";
  return 0;
}

// JSON Lines: one request per line, one answer per line in the same order. A bad line gets an
// {"error": ...} line and the exit status says some lines failed.
int RunLines(const Compute& compute) {
  std::string line;
  int failed = 0, number = 0;
  while (std::getline(std::cin, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto out = compute(line);
    if (out.has_value()) {
      std::cout << *out << "\n";
      continue;
    }
    ++failed;
    boost::json::array fields;
    for (const auto& f : out.error().fields())
      fields.push_back(boost::json::object{{"field", f.field}, {"message", f.message}});
    std::cout << boost::json::serialize(boost::json::object{
                     {"error", boost::json::object{{"line", number},
                                                   {"message", out.error().message()},
                                                   {"errors", std::move(fields)}}}})
              << "\n";
  }
  if (failed > 0) std::cerr << "rutile: " << failed << " of the requests failed\n";
  return failed > 0 ? 1 : 0;
}

}  // namespace

void AddEngineCommands(CLI::App& app, GlobalOptions& global, CommandFn& run) {
  struct AssessFlags {
    bool jsonl = false;
    bool vocabulary = false;
  };
  auto f = std::make_shared<AssessFlags>();
  CLI::App* assess = app.add_subcommand(
      "assess", "Corrosion risk grade for a material in a medium: JSON request on stdin");
  assess->add_flag("--jsonl", f->jsonl, "Read JSON Lines: one request per line");
  assess->add_flag("--vocabulary", f->vocabulary,
                   "Print the materials, species with aliases and bath presets");
  assess->callback([&run, f] {
    run = [f]() -> int {
      const auto& kb = wire::DefaultKnowledge();
      if (f->vocabulary) {
        auto v = wire::VocabularyJson(kb);
        if (!v.has_value()) return PrintError(v.error());
        std::cout << *v << "\n";
        return 0;
      }
      Compute c = [&kb](std::string_view in) { return wire::AssessJson(kb, in); };
      return f->jsonl ? RunLines(c) : RunOne(c);
    };
  });
  CLI::App* atmosphere = app.add_subcommand(
      "atmosphere", "ISO 9223 corrosivity category from climate and pollution: JSON on stdin");
  atmosphere->callback([&run] { run = [] { return RunOne(wire::AtmosphereJson); }; });
  CLI::App* thickness = app.add_subcommand(
      "thickness",
      "API 510/570 corrosion rates, remaining life and next inspection: JSON on stdin");
  thickness->callback([&run] { run = [] { return RunOne(wire::ThicknessJson); }; });
  (void)global;
}

}  // namespace rutile::app
