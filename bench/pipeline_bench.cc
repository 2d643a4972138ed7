// Whole-pipeline throughput, stage by stage, on the text of all 256 TBAQ
// documents (tags stripped, DCT kept), next to a baseline measured in the
// same run (copying the same text into fresh Documents).
//
//   build/pipeline_bench --benchmark_min_time=2
//
// Each benchmark runs the pipeline up to and including one stage, so the
// cost of a stage is the difference between consecutive rows.
#include <benchmark/benchmark.h>

#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "event/event_tagger.h"
#include "io/timeml.h"
#include "pipeline/pipeline.h"
#include "syntax/lemmatizer.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "tbaq_corpus.h"
#include "text/tokenizer.h"
#include "timex/timex_tagger.h"
#include "util/file.h"

namespace chronicle {
namespace {

const std::vector<Document>& Corpus() { return TbaqDocuments(); }

int64_t CorpusBytes() { return TbaqBytes(); }

void BM_CopyBaseline(benchmark::State& state) {
  for (auto _ : state) {
    for (const Document& d : Corpus()) {
      Document copy;
      copy.text = d.text;
      copy.dct = d.dct;
      benchmark::DoNotOptimize(copy.text.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_CopyBaseline)->Unit(benchmark::kMillisecond);

// The checkout's models and data, running the comma-separated `stages`.
PipelineOptions OptionsFor(const std::string& stages) {
  PipelineOptions options;
  options.resources = FindResources({}, "");
  for (size_t b = 0; b <= stages.size();) {
    size_t e = stages.find(',', b);
    if (e == std::string::npos) e = stages.size();
    options.stages.push_back(stages.substr(b, e - b));
    b = e + 1;
  }
  return options;
}

// One pass of `p` over fresh copies of the corpus (text and DCT only), as
// `chronicle annotate` sees documents.
void RunCorpusPass(const Pipeline& p) {
  for (const Document& d : Corpus()) {
    Document copy;
    copy.text = d.text;
    copy.dct = d.dct;
    p.Run(&copy);
    benchmark::DoNotOptimize(copy.tokens.data());
  }
}

void BM_PipelineUpTo(benchmark::State& state, std::string stages) {
  PipelineOptions options = OptionsFor(stages);
  Result<Pipeline> p = Pipeline::Create(options);
  if (!p.ok()) {
    state.SkipWithError(p.error().ToString().c_str());
    return;
  }
  for (auto _ : state) RunCorpusPass(p.value());
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK_CAPTURE(BM_PipelineUpTo, tokens, "tokens")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineUpTo, tokens_timex, "tokens,timex")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineUpTo, tags, "tags")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineUpTo, parse, "parse")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineUpTo, timex, "parse,timex")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineUpTo, events, "events,timex")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineUpTo, tlinks, "tlinks")->Unit(benchmark::kMillisecond);

// One pass of `p` over fresh copies of the corpus as `chronicle annotate`
// runs them: in batches of consecutive documents (at most `batch_docs`
// documents, a batch ends once its text reaches kBatchTextBytes), each
// batch stage by stage (Pipeline::RunBatch). Copies are made per batch, so
// memory is as in annotate.
void RunCorpusPassBatched(const Pipeline& p, size_t batch_docs) {
  const std::vector<Document>& corpus = Corpus();
  std::vector<Document> batch;
  std::vector<Document*> ptrs;
  for (size_t i = 0; i < corpus.size();) {
    batch.clear();
    size_t bytes = 0;
    for (; i < corpus.size() && batch.size() < batch_docs && bytes < kBatchTextBytes; ++i) {
      Document copy;
      copy.text = corpus[i].text;
      copy.dct = corpus[i].dct;
      bytes += copy.text.size();
      batch.push_back(std::move(copy));
    }
    ptrs.clear();
    for (Document& d : batch) ptrs.push_back(&d);
    p.RunBatch(ptrs);
    benchmark::DoNotOptimize(batch.back().tokens.data());
  }
}

// BM_PipelineUpTo with annotate's batches (kBatchDocuments): the difference
// is what running stage by stage saves (the output is the same).
void BM_PipelineBatchUpTo(benchmark::State& state, std::string stages) {
  Result<Pipeline> p = Pipeline::Create(OptionsFor(stages));
  if (!p.ok()) {
    state.SkipWithError(p.error().ToString().c_str());
    return;
  }
  for (auto _ : state) RunCorpusPassBatched(p.value(), kBatchDocuments);
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK_CAPTURE(BM_PipelineBatchUpTo, tokens, "tokens")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineBatchUpTo, tokens_timex, "tokens,timex")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineBatchUpTo, tags, "tags")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineBatchUpTo, parse, "parse")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineBatchUpTo, timex, "parse,timex")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineBatchUpTo, events, "events,timex")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineBatchUpTo, tlinks, "tlinks")->Unit(benchmark::kMillisecond);

// All stages (up to tlinks) after one untimed pass, with batches of
// range(0) documents: how the gain depends on the batch size (1 = Run).
void BM_PipelineBatchSize(benchmark::State& state) {
  Result<Pipeline> p = Pipeline::Create(OptionsFor("tlinks"));
  if (!p.ok()) {
    state.SkipWithError(p.error().ToString().c_str());
    return;
  }
  const size_t n = static_cast<size_t>(state.range(0));
  RunCorpusPassBatched(p.value(), n);
  for (auto _ : state) RunCorpusPassBatched(p.value(), n);
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_PipelineBatchSize)->Arg(1)->Arg(4)->Arg(8)->Arg(16)->Arg(32)->Arg(64)->Arg(256)
    ->Unit(benchmark::kMillisecond);

// The same after one untimed pass over the corpus: the steady state. Stages
// build some state on first use (the timex stage's trigger index and the
// RE2 DFAs of its prefilter: about 160 ms on the first pass, 2026-11-25),
// which BM_PipelineUpTo pays once per benchmark run, i.e. spread over the
// few iterations of its slow rows but over 100+ in BM_TimexOnParsed.
void BM_PipelineWarmUpTo(benchmark::State& state, std::string stages) {
  Result<Pipeline> p = Pipeline::Create(OptionsFor(stages));
  if (!p.ok()) {
    state.SkipWithError(p.error().ToString().c_str());
    return;
  }
  RunCorpusPass(p.value());
  for (auto _ : state) RunCorpusPass(p.value());
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK_CAPTURE(BM_PipelineWarmUpTo, tags, "tags")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineWarmUpTo, parse, "parse")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineWarmUpTo, timex, "parse,timex")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_PipelineWarmUpTo, events, "events,timex")->Unit(benchmark::kMillisecond);

// The first pass after loading, alone (loading not timed): the steady
// state plus what the stages build on first use.
void BM_FirstPassUpTo(benchmark::State& state, std::string stages) {
  for (auto _ : state) {
    state.PauseTiming();
    Result<Pipeline> p = Pipeline::Create(OptionsFor(stages));
    if (!p.ok()) {
      state.SkipWithError(p.error().ToString().c_str());
      return;
    }
    state.ResumeTiming();
    RunCorpusPass(p.value());
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK_CAPTURE(BM_FirstPassUpTo, events, "events,timex")->Unit(benchmark::kMillisecond);

// Loading: Pipeline::Create for the stages up to events (reads the tagger,
// lemmatizer, parser and events models and the timex rules, and builds the
// models' runtime tables).
void BM_LoadUpTo(benchmark::State& state, std::string stages) {
  PipelineOptions options = OptionsFor(stages);
  for (auto _ : state) {
    Result<Pipeline> p = Pipeline::Create(options);
    if (!p.ok()) {
      state.SkipWithError(p.error().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(&p.value());
  }
}
BENCHMARK_CAPTURE(BM_LoadUpTo, events, "events,timex")->Unit(benchmark::kMillisecond);

// The timex stage alone on documents that already carry tokens, tags and
// parse (computed once), next to copying those documents: isolates the
// stage from the run-to-run noise of the parse rows above.
const std::vector<Document>& ParsedCorpus() {
  static const std::vector<Document> docs = [] {
    PipelineOptions options;
    options.resources = FindResources({}, "");
    options.stages = {"parse"};
    Result<Pipeline> p = Pipeline::Create(options);
    std::vector<Document> out;
    if (!p.ok()) return out;
    for (const Document& d : Corpus()) {
      Document copy;
      copy.text = d.text;
      copy.dct = d.dct;
      p.value().Run(&copy);
      out.push_back(std::move(copy));
    }
    return out;
  }();
  return docs;
}

void BM_CopyParsed(benchmark::State& state) {
  ParsedCorpus();  // built once, outside the timing
  for (auto _ : state) {
    for (const Document& d : ParsedCorpus()) {
      Document copy = d;
      benchmark::DoNotOptimize(copy.tokens.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_CopyParsed)->Unit(benchmark::kMillisecond);

void BM_TimexOnParsed(benchmark::State& state) {
  Result<TimexTagger> t = TimexTagger::Load(FindResources({}, "").data_dir);
  if (!t.ok()) {
    state.SkipWithError(t.error().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    for (const Document& d : ParsedCorpus()) {
      Document copy = d;
      t.value().Annotate(&copy);
      benchmark::DoNotOptimize(copy.timexes.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_TimexOnParsed)->Unit(benchmark::kMillisecond);

// Where the time of the pipeline up to events goes, stage by stage, inside
// one run: the same stage objects Pipeline::Run uses, timed one call at a
// time with the thread's CPU clock. Argument 0 runs them as Pipeline::Run
// does (document by document: every stage on one document, then the next
// document); argument 1 runs each stage over all documents before the next
// stage (every stage's tables stay in the caches while it runs). The
// counters are milliseconds of CPU per corpus pass for each stage, after
// one untimed pass.
double ThreadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void BM_StageTimes(benchmark::State& state) {
  const ResourcePaths r = FindResources({}, "");
  auto model = [&](const char* f) { return (std::filesystem::path(r.models_dir) / f).string(); };
  Result<Tokenizer> tok = Tokenizer::Load(r.data_dir);
  Result<Tagger> tag = Tagger::Load(model("tagger.model"));
  Result<Lemmatizer> lem = Lemmatizer::Load(model("lemmatizer.model"), r.wordnet_dir);
  Result<Parser> par = Parser::Load(model("parser.model"));
  Result<TimexTagger> tmx = TimexTagger::Load(r.data_dir);
  Result<EventTagger> evt = EventTagger::Load(model("events.model"), r.data_dir);
  if (!tok.ok() || !tag.ok() || !lem.ok() || !par.ok() || !tmx.ok() || !evt.ok()) {
    state.SkipWithError("could not load the stages");
    return;
  }
  constexpr int kStages = 6;
  const char* kNames[kStages] = {"tokens", "tags", "lemmas", "parse", "timex", "events"};
  auto run = [&](int stage, Document* d) {
    switch (stage) {
      case 0: tok.value().Tokenize(d); break;
      case 1: tag.value().Tag(d); break;
      case 2: lem.value().Lemmatize(d); break;
      case 3: par.value().Parse(d); break;
      case 4: tmx.value().Annotate(d); break;
      default: evt.value().Annotate(d); break;
    }
  };
  const bool stage_major = state.range(0) == 1;
  double ms[kStages] = {};
  std::vector<Document> docs(Corpus().size());
  // One untimed pass first: stages build some state on first use (see
  // BM_PipelineWarmUpTo).
  for (size_t i = 0; i < docs.size(); ++i) {
    docs[i].text = Corpus()[i].text;
    docs[i].dct = Corpus()[i].dct;
    for (int s = 0; s < kStages; ++s) run(s, &docs[i]);
  }
  for (auto _ : state) {
    for (size_t i = 0; i < docs.size(); ++i) {
      docs[i] = Document();
      docs[i].text = Corpus()[i].text;
      docs[i].dct = Corpus()[i].dct;
    }
    if (stage_major) {
      for (int s = 0; s < kStages; ++s) {
        double t0 = ThreadCpuMs();
        for (Document& d : docs) run(s, &d);
        ms[s] += ThreadCpuMs() - t0;
      }
    } else {
      for (Document& d : docs) {
        for (int s = 0; s < kStages; ++s) {
          double t0 = ThreadCpuMs();
          run(s, &d);
          ms[s] += ThreadCpuMs() - t0;
        }
      }
    }
    benchmark::DoNotOptimize(docs.data());
  }
  double total = 0;
  for (int s = 0; s < kStages; ++s) {
    state.counters[kNames[s]] = ms[s] / static_cast<double>(state.iterations());
    total += ms[s];
  }
  state.counters["sum"] = total / static_cast<double>(state.iterations());
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
}
BENCHMARK(BM_StageTimes)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace chronicle

BENCHMARK_MAIN();
