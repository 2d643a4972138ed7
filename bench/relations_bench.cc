// The relation stage (candidates, sieves, classifier, consistency through
// TemporalGraph, reduction) on the TBAQ corpus with its gold TIMEX3 and
// EVENT annotation (TLINKs removed), one thread; a synthetic worst case of
// 200 events in one document; and, once, the TempEval-3 Task C figure on
// AQUAINT (the project's dev split) as counters.
//
//   ninja -C build relations_bench && ./build/relations_bench
//
// bytes_per_second is over Document::text. Closure on its own is measured
// by bench/closure_bench.cc (src/reason); this measures what the stage adds
// to the pipeline. docs/benchmarks/relations.md has the figures.
#include <benchmark/benchmark.h>

#include <iostream>

#include <chrono>

#include "eval/evaluate.h"
#include "event/event_tagger.h"
#include "text/tokenizer.h"
#include "timex/timex_tagger.h"
#include "io/timeml.h"
#include "relation/relation_tagger.h"
#include "util/file.h"

namespace chronicle {
namespace {

const std::string kSource = CHRONICLE_SOURCE_DIR;

std::vector<Document> LoadPart(const char* part) {
  std::vector<Document> docs;
  Result<std::vector<std::string>> files =
      ListFiles(std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq/" + part, {".tml"});
  if (!files.ok()) return docs;
  for (const std::string& f : files.value()) {
    Result<std::string> content = ReadFile(f);
    if (!content.ok()) continue;
    Result<Document> d = ParseTimeML(content.value(), f, nullptr);
    if (d.ok()) docs.push_back(std::move(d).value());
  }
  return docs;
}

const RelationTagger* Tagger() {
  static Result<RelationTagger> t =
      RelationTagger::Load(kSource + "/models/relations.model", kSource + "/data");
  if (!t.ok()) {
    std::cerr << t.error().ToString() << "\n";
    return nullptr;
  }
  return &t.value();
}

void BM_RelationsStage(benchmark::State& state) {
  static std::vector<Document> docs = [] {
    std::vector<Document> all = LoadPart("TimeBank");
    for (Document& d : LoadPart("AQUAINT")) all.push_back(std::move(d));
    for (Document& d : all) d.tlinks.clear();
    return all;
  }();
  const RelationTagger* tagger = Tagger();
  if (!tagger || docs.empty()) {
    state.SkipWithError("no model or no corpus");
    return;
  }
  int64_t bytes = 0;
  for (const Document& d : docs) bytes += static_cast<int64_t>(d.text.size());
  int64_t links = 0;
  for (auto _ : state) {
    for (Document& d : docs) {
      tagger->Annotate(&d);
      links += static_cast<int64_t>(d.tlinks.size());
      d.tlinks.clear();
    }
  }
  state.SetBytesProcessed(bytes * state.iterations());
  state.counters["docs"] = static_cast<double>(docs.size());
  state.counters["tlinks/s"] =
      benchmark::Counter(static_cast<double>(links), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RelationsStage)->Unit(benchmark::kMillisecond);

// A long document: `n` events in sentences of five events and one date
// each, every event with its tense; the candidate pairs grow with the
// square of the events per sentence and linearly with sentences.
Document Synthetic(int n) {
  Document d;
  d.id = "synthetic";
  d.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02",
                .function_in_document = "CREATION_TIME"};
  const char* verbs[] = {"rose", "said", "fell", "expects", "will sell"};
  const char* tenses[] = {"PAST", "PAST", "PAST", "PRESENT", "FUTURE"};
  const char* classes[] = {"OCCURRENCE", "REPORTING", "OCCURRENCE", "I_STATE", "OCCURRENCE"};
  for (int i = 0; i < n; ++i) {
    if (i % 5 == 0) {
      std::string month = std::to_string(1 + (i / 5) % 12);
      std::string value = "2020-" + std::string(month.size() == 1 ? "0" : "") + month;
      d.text += "In ";
      uint32_t b = static_cast<uint32_t>(d.text.size());
      d.text += "month " + month;
      d.timexes.push_back(Timex{.id = "t" + std::to_string(d.timexes.size() + 1),
                                .span = {b, static_cast<uint32_t>(d.text.size())},
                                .type = "DATE",
                                .value = value});
      d.text += " the company";
    }
    d.text += " ";
    uint32_t b = static_cast<uint32_t>(d.text.size());
    d.text += verbs[i % 5];
    std::string id = std::to_string(i + 1);
    d.events.push_back(Event{.id = "e" + id,
                             .span = {b, static_cast<uint32_t>(d.text.size())},
                             .event_class = classes[i % 5]});
    d.instances.push_back(EventInstance{.id = "ei" + id, .event_id = "e" + id,
                                        .tense = tenses[i % 5], .aspect = "NONE",
                                        .polarity = "POS", .pos = "VERB"});
    d.text += i % 5 == 4 ? " shares. " : " and";
  }
  return d;
}

void BM_RelationsLongDocument(benchmark::State& state) {
  const RelationTagger* tagger = Tagger();
  if (!tagger) {
    state.SkipWithError("no model");
    return;
  }
  Document doc = Synthetic(static_cast<int>(state.range(0)));
  int64_t links = 0;
  for (auto _ : state) {
    Document d = doc;
    tagger->Annotate(&d);
    links = static_cast<int64_t>(d.tlinks.size());
  }
  state.counters["tlinks"] = static_cast<double>(links);
  state.SetBytesProcessed(static_cast<int64_t>(doc.text.size()) * state.iterations());
}
BENCHMARK(BM_RelationsLongDocument)->Arg(50)->Arg(200)->Arg(400)->Unit(benchmark::kMillisecond);

// TempEval-3 Task C on AQUAINT: gold TIMEX3 / EVENT kept, TLINKs predicted,
// scored by src/eval (temporal awareness). Runs once; the figures are
// counters (percentages).
void BM_TaskC_Aquaint(benchmark::State& state) {
  const RelationTagger* tagger = Tagger();
  std::vector<Document> gold = LoadPart("AQUAINT");
  if (!tagger || gold.empty()) {
    state.SkipWithError("no model or no corpus");
    return;
  }
  std::vector<Document> sys;
  for (auto _ : state) {
    sys.clear();
    for (const Document& g : gold) {
      Document s = g;
      s.tlinks.clear();
      tagger->Annotate(&s);
      sys.push_back(std::move(s));
    }
  }
  std::vector<std::pair<const Document*, const Document*>> pairs;
  for (size_t i = 0; i < gold.size(); ++i) pairs.push_back({&gold[i], &sys[i]});
  Result<EvalReport> r = Evaluate(pairs);
  if (!r.ok()) {
    state.SkipWithError(r.error().ToString().c_str());
    return;
  }
  const PrfCounts& a = r.value().tlink.awareness;
  state.counters["P"] = 100 * a.Precision();
  state.counters["R"] = 100 * a.Recall();
  state.counters["F1"] = 100 * a.F1();
  state.counters["system_links"] = static_cast<double>(a.system);
  state.counters["gold_links"] = static_cast<double>(a.gold);
}
BENCHMARK(BM_TaskC_Aquaint)->Iterations(1)->Unit(benchmark::kMillisecond);

// TempEval-3 Task ABC on AQUAINT, end to end from the text and DCT: the
// tokenizer, timex, events, then relations; scored against the
// gold. Runs once; also reports the share of the relation stage in the
// time of the whole run (counter relations_share, percent).
void BM_TaskABC_Aquaint(benchmark::State& state) {
  const RelationTagger* tagger = Tagger();
  // The tokenizer only: no tagger / parser models are shipped yet (the
  // events model in models/ was trained on tokens alone).
  Result<Tokenizer> tokenizer = Tokenizer::Load(kSource + "/data");
  Result<TimexTagger> timex = TimexTagger::Load(kSource + "/data");
  Result<EventTagger> events = EventTagger::Load(kSource + "/models/events.model", kSource + "/data");
  std::vector<Document> gold = LoadPart("AQUAINT");
  if (!tokenizer.ok()) std::cerr << tokenizer.error().ToString() << "\n";
  if (!timex.ok()) std::cerr << timex.error().ToString() << "\n";
  if (!events.ok()) std::cerr << events.error().ToString() << "\n";
  if (!tagger || !tokenizer.ok() || !timex.ok() || !events.ok() || gold.empty()) {
    state.SkipWithError("a stage or the corpus is missing");
    return;
  }
  std::vector<Document> sys;
  double before_s = 0, relations_s = 0;
  for (auto _ : state) {
    sys.clear();
    for (const Document& g : gold) {
      Document s = g;
      s.ClearAnnotations();
      auto t0 = std::chrono::steady_clock::now();
      tokenizer.value().Tokenize(&s);
      timex.value().Annotate(&s);
      events.value().Annotate(&s);
      auto t1 = std::chrono::steady_clock::now();
      tagger->Annotate(&s);
      auto t2 = std::chrono::steady_clock::now();
      before_s += std::chrono::duration<double>(t1 - t0).count();
      relations_s += std::chrono::duration<double>(t2 - t1).count();
      sys.push_back(std::move(s));
    }
  }
  std::vector<std::pair<const Document*, const Document*>> pairs;
  for (size_t i = 0; i < gold.size(); ++i) pairs.push_back({&gold[i], &sys[i]});
  Result<EvalReport> r = Evaluate(pairs);
  if (!r.ok()) {
    state.SkipWithError(r.error().ToString().c_str());
    return;
  }
  const PrfCounts& a = r.value().tlink.awareness;
  state.counters["P"] = 100 * a.Precision();
  state.counters["R"] = 100 * a.Recall();
  state.counters["F1"] = 100 * a.F1();
  state.counters["timex_F1"] = 100 * r.value().timex.relaxed.F1();
  state.counters["event_F1"] = 100 * r.value().event.relaxed.F1();
  state.counters["relations_added_pct"] = 100 * relations_s / before_s;
}
BENCHMARK(BM_TaskABC_Aquaint)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace chronicle

BENCHMARK_MAIN();
