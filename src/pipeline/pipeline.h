// The annotation pipeline: runs the stages a user asks for, in order, on one
// Document at a time.
//
//   PipelineOptions opts;
//   opts.resources = FindResources({}, argv[0]);
//   opts.stages = {"tokens", "timex"};
//   Result<Pipeline> p = Pipeline::Create(opts);
//   if (!p.ok()) { report(p.error()); }
//   Document doc = ...;          // from a reader in src/io/
//   p.value().Run(&doc);         // adds tokens, sentences, TIMEX3...
//
// Stages: tokens, tags, parse, timex, events, tlinks. A stage pulls in the
// stages it needs (timex needs tokens; tlinks needs timex and events, unless
// those are kept from the input). A Pipeline is immutable after Create() and Run() is thread-safe:
// one Pipeline serves every thread.
#ifndef CHRONICLE_PIPELINE_PIPELINE_H_
#define CHRONICLE_PIPELINE_PIPELINE_H_

#include <memory>
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
