// Desensitizer throughput (not a test): MB/s of Desensitizer::Scrub on ordinary case text in six
// languages and on 20 KB pathological inputs, each beside a baseline that only walks and copies
// the same bytes (memchr + append), so the ratio shows the cost of recognition itself.
// Run: build/<dir>/src/cases/desensitizer_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "rutile/cases/desensitizer.h"

namespace {

using rutile::cases::Desensitizer;
using rutile::cases::NameDictionary;

constexpr std::size_t kSize = 20000;

std::string Repeat(const std::string& unit, std::size_t size = kSize) {
  std::string s;
  while (s.size() + unit.size() <= size) s += unit;
  return s;
}

// Inputs by index: the benchmark argument picks one.
struct Input {
  const char* name;
  std::string text;
};

const std::vector<Input>& Inputs() {
  static const std::vector<Input> inputs = [] {
    const std::string normal =
        "On 12 March John Carter of Acme Titanium Heaters Ltd. found pits on the Gr.2 coil in the "
        "nickel bath at 60 °C; chloride 1200 mg/L. Call +44 20 7946 0958. "
        "苏州华瑞电镀有限公司的王工发现钛盘管在85℃镀镍液中点蚀，联系电话13812345678。 "
        "El Sr. Ramírez de Galvanoplastia Iberia S.L. midió pH 2,5 en la cuba. "
        "M. Lefèvre a constaté une corrosion caverneuse sur la Rue des Moulins 12. "
        "O engenheiro João Pereira trocou o aquecedor por Ti Gr.7. "
        "لاحظ المهندس أحمد الفارسي تآكلاً في خزان النيكل عند 60 درجة. ";
    std::string cjk;
    while (cjk.size() + 3 <= kSize) cjk += "钛";
    std::string nested = std::string(kSize / 2, '(') + std::string(kSize / 2, ')');
    return std::vector<Input>{
        {"normal", Repeat(normal)},
        {"digits", std::string(kSize, '7')},
        {"emails", Repeat("a@a.a")},
        {"separators", Repeat("1 -. ")},
        {"cjk", cjk},
        {"brackets", nested},
        {"capitals", Repeat("Mr A B C ")},
        {"streets", Repeat("Via 1 , ")},
        {"groups", Repeat("100 ")},
        {"groups_comma", Repeat("100,")},
    };
  }();
  return inputs;
}

const Desensitizer& Scrubber() {
  static const Desensitizer d(NameDictionary{
      {"王建国", "李晓梅", "Carlos Mendes", "Marie Dubois", "أحمد الفارسي", "João Pereira"},
      {"苏州华瑞电镀有限公司", "Acme Titanium Heaters Ltd.", "Galvanoplastia Iberia S.L."},
      {"吴中经济开发区", "Parque Industrial Norte"}});
  return d;
}

void BM_BaselineCopy(benchmark::State& state) {
  const Input& in = Inputs()[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(in.name);
  for (auto _ : state) {
    std::string out;
    out.reserve(in.text.size());
    const char* p = in.text.data();
    const char* end = p + in.text.size();
    while (p < end) {
      const void* hit = std::memchr(p, ' ', static_cast<std::size_t>(end - p));
      const char* stop = hit == nullptr ? end : static_cast<const char*>(hit) + 1;
      out.append(p, static_cast<std::size_t>(stop - p));
      p = stop;
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.text.size()));
}

void BM_Scrub(benchmark::State& state) {
  const Input& in = Inputs()[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(in.name);
  const Desensitizer& d = Scrubber();
  for (auto _ : state) {
    rutile::cases::PlaceholderMap map;
    auto out = d.Scrub(in.text, map);
    benchmark::DoNotOptimize(out.text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * in.text.size()));
}

BENCHMARK(BM_BaselineCopy)->DenseRange(0, 9)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Scrub)->DenseRange(0, 9)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
