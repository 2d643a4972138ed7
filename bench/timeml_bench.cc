// Throughput of the TimeML reader and writer over the whole TBAQ corpus
// (256 files, 4.3 MB), read into memory once, next to baselines measured in
// the same run over the same bytes: counting newlines with memchr (a lower
// bound for any pass over the input) and checking UTF-8 (which the reader
// does first).
//
//   ninja -C build timeml_bench && ./build/timeml_bench
//
// bytes_per_second is input bytes for the readers and baselines, output
// bytes for the writer. One thread.
#include <cstring>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "io/timeml.h"
#include "util/file.h"
#include "util/utf8.h"

namespace chronicle {
namespace {

struct Corpus {
  std::vector<std::string> names;
  std::vector<std::string> files;
  size_t bytes = 0;
};

const Corpus& TheCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    Result<std::vector<std::string>> paths =
        ListFiles(std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq", {".tml"});
    if (!paths.ok()) return c;
    for (const std::string& path : paths.value()) {
      Result<std::string> content = ReadFile(path);
      if (!content.ok()) continue;
      c.bytes += content.value().size();
      c.names.push_back(path);
      c.files.push_back(std::move(content).value());
    }
    return c;
  }();
  return corpus;
}

void BM_BaselineMemchrNewlines(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  for (auto _ : state) {
    size_t lines = 0;
    for (const std::string& f : c.files) {
      const char* p = f.data();
      const char* end = p + f.size();
      while (const void* nl = std::memchr(p, '\n', end - p)) {
        ++lines;
        p = static_cast<const char*>(nl) + 1;
      }
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_BaselineMemchrNewlines);

void BM_BaselineUtf8Check(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  for (auto _ : state) {
    bool ok = true;
    for (const std::string& f : c.files) ok &= IsValidUtf8(f);
    benchmark::DoNotOptimize(ok);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
}
BENCHMARK(BM_BaselineUtf8Check);

void BM_ParseTimeML(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  size_t entities = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < c.files.size(); ++i) {
      Result<Document> doc = ParseTimeML(c.files[i], c.names[i], nullptr);
      if (!doc.ok()) {
        state.SkipWithError(doc.error().ToString().c_str());
        return;
      }
      entities += doc.value().events.size();
      benchmark::DoNotOptimize(doc);
    }
  }
  benchmark::DoNotOptimize(entities);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.counters["files"] = static_cast<double>(c.files.size());
}
BENCHMARK(BM_ParseTimeML);

void BM_WriteTimeML(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  std::vector<Document> docs;
  for (size_t i = 0; i < c.files.size(); ++i) {
    Result<Document> doc = ParseTimeML(c.files[i], c.names[i], nullptr);
    if (doc.ok()) docs.push_back(std::move(doc).value());
  }
  size_t out_bytes = 0;
  for (auto _ : state) {
    for (const Document& d : docs) {
      std::string xml = WriteTimeML(d);
      out_bytes += xml.size();
      benchmark::DoNotOptimize(xml);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(out_bytes));
}
BENCHMARK(BM_WriteTimeML);

}  // namespace
}  // namespace chronicle

BENCHMARK_MAIN();
