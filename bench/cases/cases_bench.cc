// Failure case database at scale (not a test): loads N synthetic public cases into a fresh SQLite
// file through the cases repository (import rate), then times CaseService search and similar-case
// queries (p50/p95 against the 50 ms target) beside a baseline of plain indexed SELECTs on the same
// file. Prints figures only.
// Usage: cases_bench DB_PATH [cases=1000000] [search_queries=200] [similar_queries=20]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "case_repository.h"
#include "rutile/cases/case_service.h"
#include "rutile/identity/identity_migrations.h"
#include "rutile/notifications/notification_service.h"

namespace {

using namespace rutile;
using Steady = std::chrono::steady_clock;

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Percentiles {
  double p50 = 0, p95 = 0, max = 0;
};
Percentiles Of(std::vector<double> v) {
  if (v.empty()) return {};
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
  };
  return {at(0.5), at(0.95), v.back()};
}

// Vocabulary of the synthetic cases: enough variety that terms and facets have realistic spread.
const std::vector<std::string> kMedia = {
    "Watts nickel bath",  "hard chrome bath", "HF pickling",        "hot hydrochloric acid",
    "acidified brine",    "seawater",         "caustic soda",       "methanol",
    "electroless nickel", "zinc phosphating", "sulfuric anodizing", "wet chlorine"};
const std::vector<std::string> kWords = {
    "pitting",   "crevice",  "gasket",  "weld",    "anode",    "rack",       "stray",    "current",
    "fluoride",  "film",     "passive", "hydride", "cathodic", "coil",       "heater",   "sheath",
    "deposit",   "scale",    "flow",    "erosion", "thinning", "perforated", "leak",     "shutdown",
    "镍槽",      "钛管",     "点蚀",    "穿孔",    "缝隙",     "氟化物",     "杂散电流", "焊缝",
    "corrosión", "picadura", "fissure", "soudure", "corrosão", "vazamento",  "تآكل",     "تسرب"};
const std::vector<cases::FailureMode> kModes = {
    cases::FailureMode::kPitting,         cases::FailureMode::kCrevice,
    cases::FailureMode::kHydriding,       cases::FailureMode::kFluorideAttack,
    cases::FailureMode::kErosion,         cases::FailureMode::kScc,
    cases::FailureMode::kGeneralThinning, cases::FailureMode::kWeld};
const std::vector<std::string> kRegions = {"cn-east", "cn-west", "eu-south", "cn", ""};
const std::vector<std::string> kIndustries = {"electroplating", "heater_manufacturing",
                                              "chemical_processing", ""};
const std::vector<std::string> kLanguages = {"en", "zh", "es", "fr", "pt", "ar"};

std::string Sentence(std::mt19937& rng, int words) {
  std::string s;
  for (int i = 0; i < words; ++i) s += (i ? " " : "") + kWords[rng() % kWords.size()];
  return s;
}

cases::PublicCase Synthetic(std::mt19937& rng) {
  cases::PublicCase pc;
  pc.equipment_type = rng() % 2 ? "immersion_heater" : "coil";
  pc.material = rng() % 3 ? "ti_cp" : "ti_pd";
  pc.grade = rng() % 2 ? "Gr.2" : "Gr.7";
  pc.medium = kMedia[rng() % kMedia.size()];
  pc.temperature_c = 5.0 * static_cast<double>(rng() % 20);
  pc.ph = 0.5 * static_cast<double>(rng() % 28);
  pc.failure_mode = kModes[rng() % kModes.size()];
  pc.mechanism_ids = cases::DefaultMechanisms(pc.failure_mode);
  pc.morphology = Sentence(rng, 2);
  pc.root_cause = Sentence(rng, 4);
  pc.corrective_actions = Sentence(rng, 3);
  pc.cost_band = "unknown";
  pc.downtime_band = "unknown";
  pc.region = kRegions[rng() % kRegions.size()];
  pc.industry = kIndustries[rng() % kIndustries.size()];
  pc.period = "202" + std::to_string(rng() % 5) + "-Q" + std::to_string(rng() % 4 + 1);
  pc.narrative = "[SYNTHETIC] " + Sentence(rng, 12);
  pc.language = kLanguages[rng() % kLanguages.size()];
  pc.synthetic = true;
  return pc;
}

// Resident set size of this process (Linux), in MB.
long RssMb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmRSS: %ld kB", &kb) == 1) break;
  std::fclose(f);
  return kb < 0 ? -1 : kb / 1024;
}

void Report(const char* name, const std::vector<double>& ms, double baseline_p50) {
  const Percentiles p = Of(ms);
  std::printf("%-34s n=%-4zu p50 %9.2f ms  p95 %9.2f ms  max %9.2f ms  target p95<=50ms: %s", name,
              ms.size(), p.p50, p.p95, p.max, p.p95 <= 50 ? "met" : "NOT met");
  if (baseline_p50 > 0) std::printf("  p50/baseline %.0fx", p.p50 / baseline_p50);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB_PATH [cases] [search_queries] [similar_queries]\n", argv[0]);
    return 2;
  }
  const std::string path = argv[1];
  const long n = argc > 2 ? std::atol(argv[2]) : 1000000;
  const int search_queries = argc > 3 ? std::atoi(argv[3]) : 200;
  const int similar_queries = argc > 4 ? std::atoi(argv[4]) : 20;
  std::filesystem::remove(path);
  auto db = store::OpenDatabase("sqlite:" + path).value();
  auto migrations = identity::IdentityMigrations();
  for (auto& m : notifications::NotificationMigrations()) migrations.push_back(m);
  for (auto& m : cases::CaseMigrations()) migrations.push_back(m);
  if (!store::ApplyMigrations(*db, migrations).has_value()) return 1;

  // Import: batches of 5000 cases per transaction, through the same repository code the
  // publication path uses (record, facets, index terms).
  std::mt19937 rng(42);
  const auto import_start = Steady::now();
  long done = 0;
  while (done < n) {
    const long batch = std::min(5000L, n - done);
    auto ok = store::Write(*db, [&](store::Connection& c) -> Status {
      for (long i = 0; i < batch; ++i)
        RUTILE_TRY(cases::repository::InsertPublicCase(c, Synthetic(rng), 1'750'000'000));
      return Ok();
    });
    if (!ok.has_value()) {
      std::fprintf(stderr, "import failed: %s\n", ok.error().ToString().c_str());
      return 1;
    }
    done += batch;
    if (done % 100000 == 0) std::fprintf(stderr, "  imported %ld\n", done);
  }
  const double import_s = Ms(Steady::now() - import_start) / 1000;
  auto count = [&](const char* table) {
    return store::Read(*db,
                       [&](store::Connection& c) -> Result<std::int64_t> {
                         RUTILE_ASSIGN_OR_RETURN(
                             auto r, c.Query(std::string("SELECT COUNT(*) FROM ") + table));
                         return r.at(0).Int(0);
                       })
        .value();
  };
  const std::int64_t facets = count("public_case_facets"), terms = count("public_case_terms");
  std::printf(
      "import: %ld cases in %.1f s = %.0f cases/s (%.0f rows/s with %lld facet and %lld "
      "term rows); file %.0f MB\n",
      n, import_s, static_cast<double>(n) / import_s,
      static_cast<double>(n + facets + terms) / import_s, static_cast<long long>(facets),
      static_cast<long long>(terms), static_cast<double>(std::filesystem::file_size(path)) / 1e6);

  FakeClock clock{FromUnixSeconds(1'750'000'000)};
  cases::CaseService service(*db, clock);
  access::Principal reader;
  reader.user_id = 1;

  // Baseline: one indexed lookup of the kind search is built from (a facet page and one term's
  // postings), on the same file.
  std::vector<double> baseline;
  for (int q = 0; q < search_queries; ++q) {
    const std::string term = kWords[static_cast<std::size_t>(q) % kWords.size()];
    const auto t0 = Steady::now();
    auto r = store::Read(*db, [&](store::Connection& c) -> Result<std::size_t> {
      RUTILE_ASSIGN_OR_RETURN(
          auto rows, c.Query("SELECT case_id FROM public_case_facets WHERE facet = 'mechanism' "
                             "AND value = ? LIMIT 20",
                             {std::string("crevice_corrosion")}));
      RUTILE_ASSIGN_OR_RETURN(
          auto posting,
          c.Query("SELECT case_id, weight FROM public_case_terms WHERE term = ? LIMIT 20", {term}));
      return rows.size() + posting.size();
    });
    baseline.push_back(Ms(Steady::now() - t0));
    if (!r.has_value()) return 1;
  }
  const double base_p50 = Of(baseline).p50;
  Report("baseline indexed SELECT", baseline, 0);

  // The first query builds the service's in-memory index from the stored cases; later ones only
  // read what was published since.
  {
    const auto t0 = Steady::now();
    auto page = service.Search(reader, cases::SearchQuery{});
    if (!page.has_value()) return 1;
    std::printf("index warm-up (first query)         %.0f ms for %lld cases; process RSS %ld MB\n",
                Ms(Steady::now() - t0), static_cast<long long>(page->total), RssMb());
  }

  std::vector<double> search;
  for (int q = 0; q < search_queries; ++q) {
    cases::SearchQuery query;
    query.text = kWords[static_cast<std::size_t>(q) % kWords.size()] + " " +
                 kWords[static_cast<std::size_t>(q * 7 + 3) % kWords.size()];
    if (q % 3 == 0) query.mechanism = "crevice_corrosion";
    const auto t0 = Steady::now();
    auto page = service.Search(reader, query);
    search.push_back(Ms(Steady::now() - t0));
    if (!page.has_value()) return 1;
  }
  Report("CaseService::Search (2 terms)", search, base_p50);

  std::vector<double> similar;
  for (int q = 0; q < similar_queries; ++q) {
    cases::SimilarityProbe probe;
    probe.failure_mode = kModes[static_cast<std::size_t>(q) % kModes.size()];
    probe.temperature_c = 40 + q % 30;
    probe.medium = kMedia[static_cast<std::size_t>(q) % kMedia.size()];
    const auto t0 = Steady::now();
    auto r = service.Similar(reader, probe, 10);
    similar.push_back(Ms(Steady::now() - t0));
    if (!r.has_value()) return 1;
  }
  Report("CaseService::Similar", similar, base_p50);
  return 0;
}
