// The timex stage's speed and accuracy on the TimeBank + AQUAINT texts.
//
//   timex_bench                      Google Benchmark: rule loading, and
//                                    recognition + normalization (MB/s) with
//                                    the RE2::Set prefilter and with the
//                                    plain loop over all rules
//   timex_bench --eval DIR...        strips the gold TIMEX3 of every .tml
//                                    under DIR, tags with the gold DCT, and
//                                    prints TempEval-3 timex figures
//                                    (src/eval/evaluate.h)
//   timex_bench --errors DIR         lists the differences (development)
//   timex_bench --throughput N DIR.. annotates the texts N times and prints
//                                    "bytes cpu_seconds MB/s expressions"
//                                    (bench/timex_vs_chrono.sh): the timex
//                                    stage alone, on untokenized documents
//   timex_bench --throughput-pipeline N DIR..  the same for what
//                                    `chronicle annotate --stages
//                                    tokens,timex` runs: Pipeline::Run with
//                                    the tokens and timex stages
//   timex_bench --dump-texts OUT DIR..  writes each document's text and DCT
//                                    as OUT/NAME.txt ("DCT\ntext") so that
//                                    bench/chrono/run.mjs reads the same text
//   timex_bench --hyperscan-stats N  (built when pkg-config finds libhs)
//                                    Hyperscan as a candidate prefilter:
//                                    compile time, database size, scan time
//                                    of every rule pattern in one block-mode
//                                    database over the whole texts, next to
//                                    the RE2::Set over the same texts, best
//                                    of N rounds; then the 15 costliest
//                                    rules compiled alone
#include <benchmark/benchmark.h>

#include <algorithm>
#include <ctime>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "eval/evaluate.h"
#include "io/timeml.h"
#include "pipeline/pipeline.h"
#include "timex/rule_loader.h"
#include "timex/timex_tagger.h"
#include "timex/trigger_index.h"
#include "util/file.h"

#ifdef CHRONICLE_HAVE_HS
#include <hs/hs.h>
#include <re2/set.h>
#endif

namespace chronicle {
namespace {

const std::string kDataDir = std::string(CHRONICLE_SOURCE_DIR) + "/data";

std::vector<Document> ReadCorpus(const std::vector<std::string>& dirs) {
  std::vector<Document> docs;
  for (const std::string& dir : dirs) {
    Result<std::vector<std::string>> files = ListFiles(dir, {".tml"});
    if (!files.ok()) {
      std::cerr << files.error().ToString() << "\n";
      continue;
    }
    for (const std::string& f : files.value()) {
      Result<std::string> content = ReadFile(f);
      if (!content.ok()) continue;
      std::vector<Error> warnings;
      Result<Document> doc = ParseTimeML(content.value(), f, &warnings);
      if (!doc.ok()) {
        std::cerr << doc.error().ToString() << "\n";
        continue;
      }
      docs.push_back(std::move(doc).value());
    }
  }
  return docs;
}

std::vector<std::string> DefaultDirs() {
  std::string base = std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq/";
  return {base + "TimeBank", base + "AQUAINT"};
}

// Copies of `gold` with only text, id and DCT, as `chronicle annotate` sees them.
std::vector<Document> Stripped(const std::vector<Document>& gold) {
  std::vector<Document> out;
  out.reserve(gold.size());
  for (const Document& g : gold) {
    Document d;
    d.id = g.id;
    d.source_name = g.source_name;
    d.text = g.text;
    d.dct = g.dct;
    out.push_back(std::move(d));
  }
  return out;
}

const TimexTagger& Tagger() {
  static const TimexTagger* tagger = [] {
    Result<TimexTagger> t = TimexTagger::Load(kDataDir);
    if (!t.ok()) {
      std::cerr << t.error().ToString() << "\n";
      std::exit(1);
    }
    return new TimexTagger(std::move(t).value());
  }();
  return *tagger;
}

const std::vector<Document>& Corpus() {
  static const std::vector<Document>* docs = new std::vector<Document>(Stripped(ReadCorpus(DefaultDirs())));
  return *docs;
}

void BM_LoadRules(benchmark::State& state) {
  for (auto _ : state) {
    Result<TimexTagger> t = TimexTagger::Load(kDataDir);
    benchmark::DoNotOptimize(t.ok());
  }
}
BENCHMARK(BM_LoadRules)->Unit(benchmark::kMillisecond);

void Annotate(benchmark::State& state, TimexTagger::Matching matching) {
  const TimexTagger& tagger = Tagger();
  const std::vector<Document>& corpus = Corpus();
  // Builds the trigger index (lazy) before timing.
  if (matching == TimexTagger::Matching::kTriggers) benchmark::DoNotOptimize(tagger.untriggered_rule_count());
  int64_t bytes = 0;
  size_t found = 0;
  for (auto _ : state) {
    for (const Document& src : corpus) {
      Document d;
      d.text = src.text;
      d.dct = src.dct;
      tagger.Annotate(&d, matching);
      found += d.timexes.size();
      bytes += static_cast<int64_t>(d.text.size());
    }
  }
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(bytes);
}

void BM_AnnotatePrefilter(benchmark::State& state) {
  Annotate(state, TimexTagger::Matching::kPrefilter);
}
BENCHMARK(BM_AnnotatePrefilter)->Unit(benchmark::kMillisecond);

void BM_AnnotateTriggers(benchmark::State& state) {
  Annotate(state, TimexTagger::Matching::kTriggers);
}
BENCHMARK(BM_AnnotateTriggers)->Unit(benchmark::kMillisecond);

void BM_BuildTriggerIndex(benchmark::State& state) {
  Result<RuleSet> set = LoadRuleSet(kDataDir + "/en/timex");
  std::vector<std::string> patterns;
  for (const CompiledRule& r : set.value().rules) patterns.push_back(r.pattern);
  for (auto _ : state) {
    TriggerIndex index = TriggerIndex::Build(patterns);
    benchmark::DoNotOptimize(index.entry_count());
  }
}
BENCHMARK(BM_BuildTriggerIndex)->Unit(benchmark::kMillisecond);

void BM_AnnotateAllRules(benchmark::State& state) {
  Annotate(state, TimexTagger::Matching::kAllRules);
}
BENCHMARK(BM_AnnotateAllRules)->Unit(benchmark::kMillisecond);

int RunEval(const std::vector<std::string>& dirs, bool errors) {
  std::vector<Document> gold = ReadCorpus(dirs);
  std::vector<Document> sys = Stripped(gold);
  for (Document& d : sys) Tagger().Annotate(&d);
  std::vector<std::pair<const Document*, const Document*>> pairs;
  for (size_t i = 0; i < gold.size(); ++i) pairs.emplace_back(&gold[i], &sys[i]);
  Result<EvalReport> r = Evaluate(pairs);
  if (!r.ok()) {
    std::cerr << r.error().ToString() << "\n";
    return 1;
  }
  if (errors) {
    for (size_t i = 0; i < gold.size(); ++i) {
      for (const Timex& g : gold[i].timexes) {
        const Timex* m = nullptr;
        for (const Timex& s : sys[i].timexes) {
          if (s.span.Overlaps(g.span)) m = &s;
        }
        std::string gt(gold[i].Text(g.span));
        if (m == nullptr) {
          std::cout << "FN " << gold[i].id << " [" << gt << "] " << g.type << " " << g.value << "\n";
        } else if (m->value != g.value || m->type != g.type || !(m->span == g.span)) {
          std::cout << "DIFF " << gold[i].id << " [" << gt << "] " << g.type << " " << g.value
                    << " | [" << sys[i].Text(m->span) << "] " << m->type << " " << m->value << "\n";
        }
      }
      for (const Timex& s : sys[i].timexes) {
        bool matched = false;
        for (const Timex& g : gold[i].timexes) matched |= s.span.Overlaps(g.span);
        if (!matched) {
          std::cout << "FP " << gold[i].id << " [" << sys[i].Text(s.span) << "] " << s.type << " "
                    << s.value << "\n";
        }
      }
    }
  }
  const EntityScores& t = r.value().timex;
  std::printf("documents %lld  gold %lld  system %lld\n", static_cast<long long>(r.value().documents),
              static_cast<long long>(t.strict.gold), static_cast<long long>(t.strict.system));
  std::printf("strict   P %.2f R %.2f F1 %.2f\n", 100 * t.strict.Precision(),
              100 * t.strict.Recall(), 100 * t.strict.F1());
  std::printf("relaxed  P %.2f R %.2f F1 %.2f\n", 100 * t.relaxed.Precision(),
              100 * t.relaxed.Recall(), 100 * t.relaxed.F1());
  for (const AttributeScore& a : t.attributes) {
    std::printf("%-8s F1 %.2f (accuracy on relaxed matches %.2f)\n", a.name.c_str(),
                100 * a.prf.F1(), 100 * a.Accuracy());
  }
  return 0;
}

// Runs `annotate` on a copy (text and DCT) of every document, one warm-up
// round (RE2 builds its DFA states lazily, as run.mjs warms up node's JIT)
// and `rounds` timed rounds, and prints "bytes cpu_seconds MB/s
// expressions_per_round". Times process CPU: the machine may be shared, and
// node's side (run.mjs) measures process.cpuUsage() the same way.
template <typename Annotate>
int Throughput(int rounds, const std::vector<Document>& docs, Annotate annotate) {
  for (const Document& src : docs) {
    Document d;
    d.text = src.text;
    d.dct = src.dct;
    annotate(&d);
  }
  int64_t bytes = 0;
  size_t found = 0;
  std::clock_t cpu_start = std::clock();
  for (int r = 0; r < rounds; ++r) {
    for (const Document& src : docs) {
      Document d;
      d.text = src.text;
      d.dct = src.dct;
      annotate(&d);
      found += d.timexes.size();
      bytes += static_cast<int64_t>(d.text.size());
    }
  }
  double secs = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  std::printf("%lld %.6f %.3f %zu\n", static_cast<long long>(bytes), secs, bytes / secs / 1e6,
              found / (rounds > 0 ? rounds : 1));
  return 0;
}

int RunThroughput(int rounds, const std::vector<std::string>& dirs) {
  std::vector<Document> docs = Stripped(ReadCorpus(dirs));
  const TimexTagger& tagger = Tagger();
  TimexTagger::Matching m = std::getenv("TIMEX_MATCHING") != nullptr &&
                                    std::string(std::getenv("TIMEX_MATCHING")) == "triggers"
                                ? TimexTagger::Matching::kTriggers
                                : TimexTagger::Matching::kPrefilter;
  return Throughput(rounds, docs, [&tagger, m](Document* d) { tagger.Annotate(d, m); });
}

// What `chronicle annotate --stages tokens,timex` runs on each document.
int RunPipelineThroughput(int rounds, const std::vector<std::string>& dirs, const char* argv0) {
  std::vector<Document> docs = Stripped(ReadCorpus(dirs));
  PipelineOptions options;
  ResourcePaths given;
  given.data_dir = kDataDir;
  options.resources = FindResources(given, argv0);
  options.stages = {"tokens", "timex"};
  Result<Pipeline> pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) {
    std::cerr << pipeline.error().ToString() << "\n";
    return 1;
  }
  const Pipeline& p = pipeline.value();
  return Throughput(rounds, docs, [&p](Document* d) { p.Run(d); });
}

// Per rule: what the trigger index derived from its pattern, how long the
// derivation took, and how many trigger positions it reports on the corpus.
int TriggerStats(const std::vector<std::string>& dirs) {
  Result<RuleSet> set = LoadRuleSet(kDataDir + "/en/timex");
  if (!set.ok()) {
    std::cerr << set.error().ToString() << "\n";
    return 1;
  }
  std::vector<std::string> patterns;
  for (const CompiledRule& r : set.value().rules) patterns.push_back(r.pattern);
  if (const char* dump = std::getenv("TRIGGER_PATTERNS_OUT")) {
    std::string all;
    for (const std::string& p : patterns) all += p + "\n";
    (void)WriteFileAtomic(dump, all);
  }
  std::vector<size_t> hits_per_rule(patterns.size());
  TriggerIndex index = TriggerIndex::Build(patterns);
  std::vector<uint64_t> hits;
  std::vector<Document> docs = Stripped(ReadCorpus(dirs));
  size_t may_match = 0;
  for (const Document& d : docs) {
    hits.clear();
    index.Collect(d.text, &hits);
    for (uint64_t h : hits) {
      if (index.WordsMayMatch(static_cast<int>(h >> 32), d.text, static_cast<uint32_t>(h))) ++may_match;
      ++hits_per_rule[h >> 32];
      const char* show = std::getenv("TRIGGER_SHOW_RULE");
      if (show != nullptr && set.value().rules[h >> 32].name == show && hits_per_rule[h >> 32] % 37 == 0) {
        std::printf("  hit: %s\n", std::string(d.text.substr(static_cast<uint32_t>(h), 30)).c_str());
      }
    }
  }
  std::clock_t c0 = std::clock();
  size_t bytes = 0;
  for (int round = 0; round < 5; ++round) {
    for (const Document& d : docs) {
      hits.clear();
      index.Collect(d.text, &hits);
      bytes += d.text.size();
    }
  }
  double collect_s = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  std::printf("Collect alone over whole texts: %.1f MB/s\n", bytes / collect_s / 1e6);
  size_t total = 0;
  for (size_t r = 0; r < patterns.size(); ++r) {
    std::clock_t t0 = std::clock();
    PatternTriggers t = AnalyzePattern(patterns[r]);
    double ms = 1000.0 * static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC;
    size_t seconds = 0;
    for (const PatternTriggers::Entry& e : t.entries) seconds += e.second.size();
    std::printf("%-28s analyzed %d  first %4zu  second %6zu  start_bytes %3zu  %7.2f ms  hits %zu\n",
                set.value().rules[r].name.c_str(), t.analyzed, t.entries.size(), seconds,
                t.start_bytes.count(), ms, hits_per_rule[r]);
    total += hits_per_rule[r];
  }
  std::printf("total hits %zu (%zu pass the word automata), untriggered rules %zu, entries %zu\n", total,
              may_match, index.untriggered().size(), index.entry_count());
  return 0;
}

#ifdef CHRONICLE_HAVE_HS
double CpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Best-of-`rounds` CPU milliseconds of one Hyperscan pass over `texts`
// (every match reported to a counting callback); -1 when `db` is null.
double HyperscanPassMs(const hs_database_t* db, const std::vector<std::string>& texts, int rounds,
                       size_t* hits) {
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) return -1;
  auto count = [](unsigned int, unsigned long long, unsigned long long, unsigned int,
                  void* ctx) -> int {
    ++*static_cast<size_t*>(ctx);
    return 0;
  };
  double best = 1e30;
  for (int r = 0; r < rounds; ++r) {
    *hits = 0;
    double t0 = CpuSeconds();
    for (const std::string& t : texts) {
      hs_scan(db, t.data(), static_cast<unsigned int>(t.size()), 0, scratch, count, hits);
    }
    best = std::min(best, CpuSeconds() - t0);
  }
  hs_free_scratch(scratch);
  return best * 1e3;
}

// Hyperscan, measured as the replacement of the RE2::Set prefilter that
// issue 4 suggested (docs/benchmarks/timexspeed.md, session 4).
int HyperscanStats(int rounds, const std::vector<std::string>& dirs) {
  Result<RuleSet> set = LoadRuleSet(kDataDir + "/en/timex");
  if (!set.ok()) {
    std::cerr << set.error().ToString() << "\n";
    return 1;
  }
  const std::vector<CompiledRule>& rules = set.value().rules;
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (const Document& d : Stripped(ReadCorpus(dirs))) {
    texts.push_back(d.text);
    bytes += d.text.size();
  }
  std::printf("%zu rules, %zu texts, %zu bytes a pass, best of %d rounds, CPU time\n", rules.size(),
              texts.size(), bytes, rounds);
  // The same case-insensitive patterns the tagger compiles with RE2; byte
  // mode (TBAQ is ASCII) and UTF-8 mode.
  for (unsigned utf8 : {0u, static_cast<unsigned>(HS_FLAG_UTF8)}) {
    std::vector<const char*> patterns;
    std::vector<unsigned> flags, ids;
    for (size_t i = 0; i < rules.size(); ++i) {
      patterns.push_back(rules[i].pattern.c_str());
      flags.push_back(HS_FLAG_CASELESS | utf8);
      ids.push_back(static_cast<unsigned>(i));
    }
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    double c0 = CpuSeconds();
    if (hs_compile_multi(patterns.data(), flags.data(), ids.data(),
                         static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db,
                         &err) != HS_SUCCESS) {
      std::printf("hyperscan%s: compile error: %s (pattern %d)\n", utf8 ? " utf8" : "",
                  err->message, err->expression);
      hs_free_compile_error(err);
      continue;
    }
    double compile_ms = (CpuSeconds() - c0) * 1e3;
    size_t db_bytes = 0;
    hs_database_size(db, &db_bytes);
    char* serialized = nullptr;
    size_t serialized_bytes = 0;
    double load_ms = -1;
    if (hs_serialize_database(db, &serialized, &serialized_bytes) == HS_SUCCESS) {
      hs_database_t* back = nullptr;
      double d0 = CpuSeconds();
      if (hs_deserialize_database(serialized, serialized_bytes, &back) == HS_SUCCESS) {
        load_ms = (CpuSeconds() - d0) * 1e3;
        hs_free_database(back);
      }
      std::free(serialized);
    }
    size_t hits = 0;
    double scan_ms = HyperscanPassMs(db, texts, rounds, &hits);
    std::printf("hyperscan%s: compile %.0f ms, database %zu bytes (deserialize %.2f ms), "
                "scan %.2f ms a pass = %.1f MB/s, %zu matches reported\n",
                utf8 ? " utf8" : "", compile_ms, db_bytes, load_ms, scan_ms,
                bytes / scan_ms / 1e3, hits);
    hs_free_database(db);
  }
  // The RE2::Set of the tagger over the same whole texts (no positions).
  RE2::Options opts;
  opts.set_case_sensitive(false);
  opts.set_log_errors(false);
  opts.set_max_mem(32 << 20);
  RE2::Set re2_set(opts, RE2::UNANCHORED);
  for (const CompiledRule& r : rules) re2_set.Add(r.pattern, nullptr);
  if (re2_set.Compile()) {
    std::vector<int> which;
    double best = 1e30;
    for (int r = 0; r < rounds + 1; ++r) {  // the first round builds the DFA
      double t0 = CpuSeconds();
      for (const std::string& t : texts) re2_set.Match(t, &which);
      if (r > 0) best = std::min(best, CpuSeconds() - t0);
    }
    std::printf("RE2::Set (after a warm-up round): %.2f ms a pass = %.1f MB/s\n", best * 1e3,
                bytes / best / 1e6);
  }
  // Each rule alone.
  std::vector<std::pair<double, size_t>> alone;
  for (size_t i = 0; i < rules.size(); ++i) {
    hs_database_t* db = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile(rules[i].pattern.c_str(), HS_FLAG_CASELESS, HS_MODE_BLOCK, nullptr, &db, &err) !=
        HS_SUCCESS) {
      std::printf("  %s: compile error: %s\n", rules[i].name.c_str(), err->message);
      hs_free_compile_error(err);
      continue;
    }
    size_t hits = 0;
    alone.emplace_back(HyperscanPassMs(db, texts, std::max(1, rounds / 2), &hits), i);
    hs_free_database(db);
  }
  std::sort(alone.rbegin(), alone.rend());
  double sum = 0;
  for (const auto& [ms, i] : alone) sum += ms;
  std::printf("rules compiled alone: sum of their scans %.1f ms a pass; costliest:\n", sum);
  for (size_t k = 0; k < alone.size() && k < 15; ++k) {
    std::printf("  %-30s %.2f ms\n", rules[alone[k].second].name.c_str(), alone[k].first);
  }
  return 0;
}
#endif  // CHRONICLE_HAVE_HS

int DumpTexts(const std::string& out, const std::vector<std::string>& dirs) {
  for (const Document& d : ReadCorpus(dirs)) {
    Status s = WriteFileAtomic(out + "/" + Stem(d.source_name) + ".txt",
                               (d.dct ? d.dct->value : std::string()) + "\n" + d.text);
    if (!s.ok()) {
      std::cerr << s.error().ToString() << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace
}  // namespace chronicle

int main(int argc, char** argv) {
  using namespace chronicle;
  if (argc >= 2 && (std::strcmp(argv[1], "--eval") == 0 || std::strcmp(argv[1], "--errors") == 0)) {
    std::vector<std::string> dirs(argv + 2, argv + argc);
    if (dirs.empty()) dirs = DefaultDirs();
    return RunEval(dirs, std::strcmp(argv[1], "--errors") == 0);
  }
  if (argc >= 3 && std::strcmp(argv[1], "--throughput") == 0) {
    std::vector<std::string> dirs(argv + 3, argv + argc);
    if (dirs.empty()) dirs = DefaultDirs();
    return RunThroughput(std::atoi(argv[2]), dirs);
  }
  if (argc >= 3 && std::strcmp(argv[1], "--throughput-pipeline") == 0) {
    std::vector<std::string> dirs(argv + 3, argv + argc);
    if (dirs.empty()) dirs = DefaultDirs();
    return RunPipelineThroughput(std::atoi(argv[2]), dirs, argv[0]);
  }
  if (argc >= 2 && std::strcmp(argv[1], "--trigger-stats") == 0) {
    std::vector<std::string> dirs(argv + 2, argv + argc);
    if (dirs.empty()) dirs = DefaultDirs();
    return TriggerStats(dirs);
  }
  if (argc >= 3 && std::strcmp(argv[1], "--dump-texts") == 0) {
    std::vector<std::string> dirs(argv + 3, argv + argc);
    if (dirs.empty()) dirs = DefaultDirs();
    return DumpTexts(argv[2], dirs);
  }
#ifdef CHRONICLE_HAVE_HS
  if (argc >= 3 && std::strcmp(argv[1], "--hyperscan-stats") == 0) {
    std::vector<std::string> dirs(argv + 3, argv + argc);
    if (dirs.empty()) dirs = DefaultDirs();
    return HyperscanStats(std::atoi(argv[2]), dirs);
  }
#endif
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
