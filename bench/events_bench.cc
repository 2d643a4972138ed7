// Throughput of the event stage alone (tokens given), on the text of the
// TBAQ corpus (TimeBank + AQUAINT, ~256 news documents).
//
//   ninja -C build events_bench && ./build/events_bench
//
// bytes_per_second is over Document::text. The documents are tokenized once
// before timing (and tagged / lemmatized / parsed when the events model was
// trained with those stages: see docs/benchmarks/events.md), so only
// EventTagger::Annotate is measured, on one thread.
#include <benchmark/benchmark.h>

#include <iostream>

#include "event/event_tagger.h"
#include "io/timeml.h"
#include "event/preprocess.h"
#include "util/file.h"

namespace chronicle {
namespace {

const std::string kSource = CHRONICLE_SOURCE_DIR;

std::vector<Document> LoadCorpus() {
  std::vector<Document> docs;
  auto model = [](const char* name) {
    std::string p = kSource + "/models/" + name;
    return ReadFile(p).ok() ? p : std::string();
  };
  Result<EventPreprocessor> pre = EventPreprocessor::Load(
      {.data_dir = kSource + "/data",
       .tagger_model = model("tagger.model"),
       .lemmatizer_model = model("lemmatizer.model"),
       .parser_model = model("parser.model")});
  if (!pre.ok()) {
    std::cerr << pre.error().ToString() << "\n";
    return docs;
  }
  for (const char* part : {"TimeBank", "AQUAINT"}) {
    Result<std::vector<std::string>> files =
        ListFiles(std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq/" + part, {".tml"});
    if (!files.ok()) continue;
    for (const std::string& f : files.value()) {
      Result<std::string> content = ReadFile(f);
      if (!content.ok()) continue;
      Result<Document> d = ParseTimeML(content.value(), f, nullptr);
      if (!d.ok()) continue;
      Document doc = std::move(d).value();
      doc.ClearAnnotations();
      pre.value().Run(&doc);
      docs.push_back(std::move(doc));
    }
  }
  return docs;
}

void BM_EventsStage(benchmark::State& state) {
  static std::vector<Document> docs = LoadCorpus();
  Result<EventTagger> tagger =
      EventTagger::Load(kSource + "/models/events.model", kSource + "/data");
  if (!tagger.ok() || docs.empty()) {
    state.SkipWithError(tagger.ok() ? "no corpus" : tagger.error().ToString().c_str());
    return;
  }
  int64_t bytes = 0;
  for (const Document& d : docs) bytes += static_cast<int64_t>(d.text.size());
  int64_t events = 0;
  for (auto _ : state) {
    for (Document& d : docs) {
      tagger.value().Annotate(&d);
      events += static_cast<int64_t>(d.events.size());
      d.events.clear();
      d.instances.clear();
    }
  }
  state.SetBytesProcessed(bytes * state.iterations());
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EventsStage)->Unit(benchmark::kMillisecond);

void BM_EventsLoad(benchmark::State& state) {
  for (auto _ : state) {
    Result<EventTagger> tagger =
        EventTagger::Load(kSource + "/models/events.model", kSource + "/data");
    benchmark::DoNotOptimize(tagger.ok());
  }
}
BENCHMARK(BM_EventsLoad)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace chronicle

BENCHMARK_MAIN();
