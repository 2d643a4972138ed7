#include "pipeline/pipeline.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include <fmt/core.h>

#include "event/event_tagger.h"
#include "relation/relation_tagger.h"
#include "syntax/lemmatizer.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "text/tokenizer.h"
#include "timex/timex_tagger.h"

namespace chronicle {
namespace {

namespace fs = std::filesystem;

// Each stage with the stages it needs. Order is pipeline order.
struct StageInfo {
  const char* name;
  std::vector<std::string> needs;
};

const std::vector<StageInfo>& StageTable() {
  static const std::vector<StageInfo> kStages = {
      {"tokens", {}},
      {"tags", {"tokens"}},
      {"parse", {"tokens", "tags"}},
      {"timex", {"tokens"}},
      {"events", {"tokens", "tags", "parse"}},
      {"tlinks", {"tokens", "tags", "parse", "timex", "events"}},
  };
  return kStages;
}

std::string ModelPath(const ResourcePaths& r, std::string_view file) {
  return (fs::path(r.models_dir) / file).string();
}

}  // namespace

const std::vector<std::string>& AllStages() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& s : StageTable()) names.push_back(s.name);
    return names;
  }();
  return kNames;
}

struct Pipeline::Impl {
  PipelineOptions options;
  std::vector<std::string> stages;
  std::optional<Tokenizer> tokenizer;
  std::optional<Tagger> tagger;
  std::optional<Lemmatizer> lemmatizer;
  std::optional<Parser> parser;
  std::optional<TimexTagger> timex;
  std::optional<EventTagger> events;
  std::optional<RelationTagger> relations;
  std::vector<Error> warnings;  // from loading (e.g. models out of step)

  bool Has(std::string_view stage) const {
    return std::find(stages.begin(), stages.end(), stage) != stages.end();
  }
};

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;
Pipeline::~Pipeline() = default;

const std::vector<std::string>& Pipeline::stages() const { return impl_->stages; }
const std::vector<Error>& Pipeline::warnings() const { return impl_->warnings; }

Result<Pipeline> Pipeline::Create(const PipelineOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  std::vector<std::string> wanted = options.stages.empty() ? AllStages() : options.stages;
  std::vector<bool> on(StageTable().size(), false);
  for (const std::string& w : wanted) {
    auto it = std::find_if(StageTable().begin(), StageTable().end(),
                           [&](const StageInfo& s) { return w == s.name; });
    if (it == StageTable().end()) {
      std::string known;
      for (const auto& s : AllStages()) known += (known.empty() ? "" : ",") + s;
      return Error::Usage(fmt::format("unknown stage \"{}\": expected some of {}", w, known));
    }
    on[it - StageTable().begin()] = true;
    for (const std::string& need : it->needs) {
      for (size_t i = 0; i < StageTable().size(); ++i) {
        if (need == StageTable()[i].name) on[i] = true;
      }
    }
  }
  for (size_t i = 0; i < on.size(); ++i) {
    std::string_view name = StageTable()[i].name;
    // A stage whose entities are kept from the input does not run.
    if ((name == "timex" && options.keep_timex) || (name == "events" && options.keep_event)) {
      continue;
    }
    if (on[i]) impl->stages.push_back(StageTable()[i].name);
  }

  const ResourcePaths& r = options.resources;
  if (impl->Has("tokens")) {
    Result<Tokenizer> t = Tokenizer::Load(r.data_dir);
    if (!t.ok()) return t.error();
    impl->tokenizer.emplace(std::move(t).value());
  }
  if (impl->Has("tags")) {
    Result<Tagger> t = Tagger::Load(ModelPath(r, "tagger.model"));
    if (!t.ok()) return t.error();
    impl->tagger.emplace(std::move(t).value());
    Result<Lemmatizer> l = Lemmatizer::Load(ModelPath(r, "lemmatizer.model"), r.wordnet_dir);
    if (!l.ok()) return l.error();
    impl->lemmatizer.emplace(std::move(l).value());
  }
  if (impl->Has("parse")) {
    Result<Parser> p = Parser::Load(ModelPath(r, "parser.model"));
    if (!p.ok()) return p.error();
    impl->parser.emplace(std::move(p).value());
  }
  if (impl->Has("timex")) {
    Result<TimexTagger> t = TimexTagger::Load(r.data_dir);
    if (!t.ok()) return t.error();
    impl->timex.emplace(std::move(t).value());
  }
  if (impl->Has("events")) {
    Result<EventTagger> e = EventTagger::Load(ModelPath(r, "events.model"), r.data_dir);
    if (!e.ok()) return e.error();
    impl->events.emplace(std::move(e).value());
    for (const Error& w : impl->events->warnings()) impl->warnings.push_back(w);
  }
  if (impl->Has("tlinks")) {
    Result<RelationTagger> t = RelationTagger::Load(ModelPath(r, "relations.model"), r.data_dir);
    if (!t.ok()) return t.error();
    impl->relations.emplace(std::move(t).value());
  }
  return Pipeline(std::move(impl));
}

void Pipeline::Run(Document* doc) const {
  Document* one[] = {doc};
  RunBatch(one);
}

void Pipeline::RunBatch(std::span<Document* const> docs) const {
  const Impl& p = *impl_;
  // Each step below runs over the whole batch before the next one starts.
  auto each = [&](auto&& step) {
    for (Document* doc : docs) {
      if (doc != nullptr) step(doc);
    }
  };
  each([&](Document* doc) {
    // Never let a stage see gold annotations it is asked to predict.
    if (!p.options.keep_timex) doc->timexes.clear();
    if (!p.options.keep_event) {
      doc->events.clear();
      doc->instances.clear();
    }
    doc->signals.clear();
    doc->tlinks.clear();
    doc->slinks.clear();
    doc->alinks.clear();
    // Given tokens (CoNLL-U or JSON input) are kept; otherwise tokenize.
    if (p.tokenizer && doc->tokens.empty()) p.tokenizer->Tokenize(doc);
  });
  if (p.tagger) {
    each([&](Document* doc) { p.tagger->Tag(doc); });
    each([&](Document* doc) { p.lemmatizer->Lemmatize(doc); });
  }
  if (p.parser) each([&](Document* doc) { p.parser->Parse(doc); });
  if (p.timex) each([&](Document* doc) { p.timex->Annotate(doc); });
  if (p.events) each([&](Document* doc) { p.events->Annotate(doc); });
  if (p.relations) each([&](Document* doc) { p.relations->Annotate(doc); });
}

}  // namespace chronicle
