// The annotation pipeline: runs the stages a user asks for, in order, on one
// Document (Run) or on a batch of them, stage by stage (RunBatch: the same
// output, faster on many documents).
//
//   PipelineOptions opts;
//   opts.resources = FindResources({}, argv[0]);
//   opts.stages = {"tokens", "timex"};
//   Result<Pipeline> p = Pipeline::Create(opts);
//   if (!p.ok()) { report(p.error()); }
//   Document doc = ...;          // from a reader in src/io/
//   p.value().Run(&doc);         // adds tokens, sentences, TIMEX3...
//
//   std::vector<Document*> batch = ...;   // many documents: stage by stage
//   p.value().RunBatch(batch);            // same output as Run on each, faster
//
// Stages: tokens, tags, parse, timex, events, tlinks. A stage pulls in the
// stages it needs (timex needs tokens; tlinks needs timex and events, unless
// those are kept from the input). A Pipeline is immutable after Create();
// Run() and RunBatch() are thread-safe: one Pipeline serves every thread.
#ifndef CHRONICLE_PIPELINE_PIPELINE_H_
#define CHRONICLE_PIPELINE_PIPELINE_H_

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "doc/document.h"
#include "pipeline/paths.h"
#include "util/error.h"

namespace chronicle {

// Every stage name in pipeline order.
const std::vector<std::string>& AllStages();

struct PipelineOptions {
  ResourcePaths resources;
  // Stage names (see AllStages()); empty means all stages that exist.
  std::vector<std::string> stages;
  // Keep the input's own TIMEX3 / EVENT + MAKEINSTANCE instead of predicting
  // them (TempEval-3 Task C). Without these every annotation of the input
  // but the DCT is dropped before the stages run.
  bool keep_timex = false;
  bool keep_event = false;
};

// A batch size that keeps most of RunBatch's gain with bounded memory (a
// document holds about 35 bytes of annotations per byte of text): a batch
// ends after kBatchDocuments documents or once its text reaches
// kBatchTextBytes, whichever comes first. `chronicle annotate` uses these.
inline constexpr size_t kBatchDocuments = 32;
inline constexpr size_t kBatchTextBytes = size_t{1} << 20;

class Pipeline {
 public:
  // Loads every resource the chosen stages need. Errors: kUsage for an
  // unknown stage name, kModel / kIo for a rule or model file that is missing
  // or broken (naming the file).
  static Result<Pipeline> Create(const PipelineOptions& options);

  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;
  ~Pipeline();

  // Runs the stages on `doc`. Annotations the stages produce are replaced;
  // the text, id and DCT are kept. Thread-safe.
  void Run(Document* doc) const;

  // Runs the stages on every document of `docs`, stage by stage: the first
  // stage on all of them, then the second on all of them, and so on. Each
  // document ends up exactly as Run() would leave it (the stages treat
  // documents independently), but a stage's model tables stay in the CPU
  // caches while it runs, instead of being evicted by the other stages
  // between two documents: on TBAQ's small documents a pass is about a
  // quarter faster (docs/benchmarks/s6-speed.md). Null pointers are skipped.
  // Memory: every document of the batch is held with its annotations, so
  // keep batches bounded (kBatchDocuments / kBatchTextBytes). Thread-safe:
  // threads may run distinct batches at once.
  void RunBatch(std::span<Document* const> docs) const;

  // The stages that will run, in order, after dependencies were added.
  const std::vector<std::string>& stages() const;

  // What loading noticed but did not refuse, e.g. an events model trained
  // with other tagger / lemmatizer / parser files than the ones loaded (the
  // output stays valid, accuracy may not). Callers show these once.
  const std::vector<Error>& warnings() const;

 private:
  struct Impl;
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chronicle

#endif  // CHRONICLE_PIPELINE_PIPELINE_H_
