// Engine throughput on one core, in process, over a realistic mix of requests (plating baths,
// acids, brines, gases, errors excluded). Prints evaluations/s for: a baseline loop that only
// copies the requests, the typed engine (full assessment with alternatives, and grade only),
// and the JSON path (decode + assess + encode) with its own string-copy baseline.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "rutile/engine/risk_engine.h"
#include "rutile/engine/wire/engine_wire.h"

namespace {

namespace w = rutile::engine::wire;
using rutile::engine::AssessmentRequest;

const std::vector<std::string>& RequestJson() {
  static const std::vector<std::string> requests = {
      R"({"material":"Ti-Gr2","medium":{"preset":"hard-chrome-sulfate","temperature_c":55}})",
      R"({"material":"Ti-Gr2","medium":{"preset":"hard-chrome-mixed-catalyst","temperature_c":55}})",
      R"({"material":"Ti-Gr2","medium":{"preset":"watts-nickel","temperature_c":60},"features":{"crevices":true}})",
      R"({"material":"Ti-Gr1","medium":{"preset":"acid-copper-sulfate","temperature_c":25}})",
      R"({"material":"Ti-Gr2","medium":{"components":[{"species":"HCl","wt_pct":5}],"temperature_c":40,"aeration":"aerated"}})",
      R"({"material":"Ti-Gr7","medium":{"components":[{"species":"HCl","wt_pct":10},{"species":"Fe3+","mg_per_l":50}],"temperature_c":80}})",
      R"({"material":"Ti-Gr12","medium":{"preset":"saturated-brine","temperature_c":95,"ph":6},"features":{"crevices":true}})",
      R"({"material":"Ti-Gr2","medium":{"preset":"sulfuric-anodizing","temperature_c":20}})",
      R"({"material":"Ti-Gr2","medium":{"preset":"alkaline-electrocleaner","temperature_c":70},"features":{"cathodic_protection":true}})",
      R"({"material":"Ti-Gr2","medium":{"preset":"wet-chlorine","temperature_c":60}})",
      R"({"material":"SS316L","medium":{"preset":"seawater","temperature_c":30}})",
      R"({"material":"Ti-Gr2","medium":{"components":[{"species":"CH3OH","wt_pct":99},{"species":"HCl","wt_pct":0.4}],"temperature_c":25}})",
  };
  return requests;
}

const std::vector<AssessmentRequest>& Requests() {
  static const std::vector<AssessmentRequest> requests = [] {
    std::vector<AssessmentRequest> out;
    for (const auto& json : RequestJson()) out.push_back(w::DecodeAssessmentRequest(json).value());
    return out;
  }();
  return requests;
}

void BM_BaselineCopyRequest(benchmark::State& state) {
  const auto& requests = Requests();
  std::size_t i = 0;
  for (auto _ : state) {
    AssessmentRequest copy = requests[i++ % requests.size()];
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BaselineCopyRequest);

void BM_AssessTyped(benchmark::State& state) {
  const auto& kb = w::DefaultKnowledge();
  const auto& requests = Requests();
  std::size_t i = 0;
  for (auto _ : state) {
    auto a = rutile::engine::Assess(kb, requests[i++ % requests.size()]);
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessTyped);

void BM_AssessGradeOnly(benchmark::State& state) {
  const auto& kb = w::DefaultKnowledge();
  const auto& requests = Requests();
  std::size_t i = 0;
  for (auto _ : state) {
    auto g = rutile::engine::AssessGrade(kb, requests[i++ % requests.size()]);
    benchmark::DoNotOptimize(g);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessGradeOnly);

void BM_BaselineCopyJson(benchmark::State& state) {
  const auto& requests = RequestJson();
  std::size_t i = 0;
  for (auto _ : state) {
    std::string copy = requests[i++ % requests.size()];
    benchmark::DoNotOptimize(copy);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BaselineCopyJson);

void BM_AssessJson(benchmark::State& state) {
  const auto& kb = w::DefaultKnowledge();
  const auto& requests = RequestJson();
  std::size_t i = 0;
  for (auto _ : state) {
    auto out = w::AssessJson(kb, requests[i++ % requests.size()]);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessJson);

// Prints the ratios after the standard report.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) {
      const double per_s = r.iterations / r.cpu_accumulated_time;
      rates_.emplace_back(r.benchmark_name(), per_s);
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    auto rate = [&](const std::string& name) {
      for (const auto& [n, v] : rates_) {
        if (n == name) return v;
      }
      return 0.0;
    };
    const double base = rate("BM_BaselineCopyRequest");
    const double typed = rate("BM_AssessTyped");
    const double grade = rate("BM_AssessGradeOnly");
    const double json_base = rate("BM_BaselineCopyJson");
    const double json = rate("BM_AssessJson");
    std::printf("\nengine evaluations/s per CPU second, one core:\n");
    std::printf("  typed Assess (with 5 ranked alternatives): %12.0f /s  (%.4f x baseline copy)\n",
                typed, base > 0 ? typed / base : 0);
    std::printf("  typed AssessGrade:                         %12.0f /s  (%.4f x baseline copy)\n",
                grade, base > 0 ? grade / base : 0);
    std::printf("  JSON decode + Assess + encode:             %12.0f /s  (%.4f x baseline copy)\n",
                json, json_base > 0 ? json / json_base : 0);
  }

 private:
  std::vector<std::pair<std::string, double>> rates_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
