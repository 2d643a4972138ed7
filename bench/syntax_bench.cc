// Speed of the linguistic layer on one core: tagger, lemmatizer and parser
// tokens per second on EWT dev (gold tokens), model load times, and a
// unigram most-frequent-tag tagger as the baseline in the same run.
// BM_RawTextEwtTest runs tokenizer + sentence splitter, tagger, lemmatizer
// and parser on the raw text of EWT test and reports, besides its speed,
// the CoNLL 2018-style aligned F1 scores against the gold treebank
// (counters Tokens, Sentences, Words, UPOS, XPOS, Lemma, UAS, LAS):
//
//   ./build/syntax_bench --benchmark_filter=RawText
//
//   ninja -C build syntax_bench && ./build/syntax_bench
//
// Models are read from models/ in the source tree (CHRONICLE_SOURCE_DIR), or
// from the folder in the environment variable CHRONICLE_SYNTAX_MODELS (to
// compare two sets of models with the same binary).
#include <cstdlib>
#include <string>
#include <unordered_map>

#include <benchmark/benchmark.h>

#include "syntax/corpus.h"
#include "syntax/evaluate.h"
#include "syntax/lemmatizer.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "text/tokenizer.h"

namespace chronicle {
namespace {

const std::string kModels = std::getenv("CHRONICLE_SYNTAX_MODELS") != nullptr
                                ? std::string(std::getenv("CHRONICLE_SYNTAX_MODELS")) + "/"
                                : std::string(CHRONICLE_SOURCE_DIR) + "/models/";
const std::string kDev =
    std::string(CHRONICLE_SHARED_DIR) + "/corpora/ud-english-ewt/en_ewt-ud-dev.conllu";

const Document& Dev() {
  static const Document d = [] {
    Document doc = ReadConlluFile(kDev).value();
    for (Token& t : doc.tokens) t = Token{.span = t.span, .space_after = t.space_after};
    return doc;
  }();
  return d;
}
const Tagger& TheTagger() {
  static const Tagger t = Tagger::Load(kModels + "tagger.model").value();
  return t;
}
const Parser& TheParser() {
  static const Parser p = Parser::Load(kModels + "parser.model").value();
  return p;
}
const Lemmatizer& TheLemmatizer() {
  static const Lemmatizer l =
      Lemmatizer::Load(kModels + "lemmatizer.model", "/usr/share/wordnet").value();
  return l;
}
const Document& TaggedDev() {
  static const Document d = [] {
    Document doc = Dev();
    TheTagger().Tag(&doc);
    return doc;
  }();
  return d;
}

void BM_LoadTagger(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Tagger::Load(kModels + "tagger.model").ok());
}
void BM_LoadParser(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Parser::Load(kModels + "parser.model").ok());
}
void BM_LoadLemmatizer(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        Lemmatizer::Load(kModels + "lemmatizer.model", "/usr/share/wordnet").ok());
  }
}

void BM_Tag(benchmark::State& state) {
  const Tagger& tagger = TheTagger();
  Document doc = Dev();
  for (auto _ : state) tagger.Tag(&doc);
  state.SetItemsProcessed(state.iterations() * doc.tokens.size());
}

// Baseline: each word's most frequent tag in the (tagged) dev text itself,
// through a hash map of strings; unknown words get NN. The cheapest
// reasonable tagger, to compare the perceptron's cost against.
void BM_UnigramBaseline(benchmark::State& state) {
  const Document& tagged = TaggedDev();
  std::unordered_map<std::string, std::string> table;
  for (const Token& t : tagged.tokens) table.emplace(std::string(tagged.Text(t.span)), t.xpos);
  Document doc = Dev();
  const std::string nn = "NN";
  for (auto _ : state) {
    for (Token& t : doc.tokens) {
      auto it = table.find(std::string(doc.Text(t.span)));
      t.xpos = it == table.end() ? nn : it->second;
    }
  }
  state.SetItemsProcessed(state.iterations() * doc.tokens.size());
}

void BM_Lemmatize(benchmark::State& state) {
  const Lemmatizer& lem = TheLemmatizer();
  Document doc = TaggedDev();
  for (auto _ : state) lem.Lemmatize(&doc);
  state.SetItemsProcessed(state.iterations() * doc.tokens.size());
}

void BM_Parse(benchmark::State& state) {
  const Parser& parser = TheParser();
  Document doc = TaggedDev();
  for (auto _ : state) parser.Parse(&doc);
  state.SetItemsProcessed(state.iterations() * doc.tokens.size());
}

// From raw text: EWT test's text (the sentences' `# text` lines, paragraphs
// on lines of their own) through our own tokenizer and sentence splitter.
void BM_RawTextEwtTest(benchmark::State& state) {
  static const Document gold =
      ReadConlluFile(std::string(CHRONICLE_SHARED_DIR) + "/corpora/ud-english-ewt/en_ewt-ud-test.conllu")
          .value();
  static const Tokenizer tokenizer = Tokenizer::Load(std::string(CHRONICLE_SOURCE_DIR) + "/data").value();
  Document doc;
  for (auto _ : state) {
    doc = Document{};
    doc.text = gold.text;
    tokenizer.Tokenize(&doc);
    TheTagger().Tag(&doc);
    TheLemmatizer().Lemmatize(&doc);
    TheParser().Parse(&doc);
  }
  state.SetBytesProcessed(state.iterations() * gold.text.size());
  AlignedScores s = EvaluateAligned(gold, doc).value();
  state.counters["Tokens"] = s.Tokens();
  state.counters["Sentences"] = s.Sentences();
  state.counters["Words"] = s.Words();
  state.counters["UPOS"] = s.Upos();
  state.counters["XPOS"] = s.Xpos();
  state.counters["Lemma"] = s.Lemma();
  state.counters["UAS"] = s.Uas();
  state.counters["LAS"] = s.Las();
}

BENCHMARK(BM_LoadTagger)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadParser)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadLemmatizer)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_UnigramBaseline)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tag)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lemmatize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RawTextEwtTest)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace chronicle

BENCHMARK_MAIN();
