// Speed of the tokenizer + sentence splitter on the TimeBank and AQUAINT
// texts (the <TEXT> of every .tml file, tags stripped crudely), next to a
// baseline that only counts lines with memchr over the same bytes.
//
//   build-x/tokenize_bench --benchmark_min_time=2
//
// Reports bytes_per_second (MB/s) per benchmark.
#include <benchmark/benchmark.h>

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "text/tokenizer.h"
#include "util/file.h"

namespace chronicle {
namespace {

// <TEXT> content with every <...> tag removed.
std::string StripTags(const std::string& xml) {
  size_t b = xml.find("<TEXT>");
  size_t e = xml.find("</TEXT>");
  if (b == std::string::npos || e == std::string::npos || e < b) return {};
  std::string out;
  out.reserve(e - b);
  bool in_tag = false;
  for (size_t i = b + 6; i < e; ++i) {
    char c = xml[i];
    if (c == '<') in_tag = true;
    if (!in_tag) out.push_back(c);
    if (c == '>') in_tag = false;
  }
  return out;
}

const std::vector<std::string>& Texts() {
  static const std::vector<std::string>* texts = [] {
    auto* v = new std::vector<std::string>();
    Result<std::vector<std::string>> files =
        ListFiles(CHRONICLE_SHARED_DIR "/corpora/tbaq", {".tml"});
    if (!files.ok()) {
      std::cerr << files.error().ToString() << "\n";
      return v;
    }
    for (const std::string& f : files.value()) {
      Result<std::string> xml = ReadFile(f);
      if (xml.ok()) v->push_back(StripTags(xml.value()));
    }
    return v;
  }();
  return *texts;
}

int64_t TotalBytes() {
  int64_t n = 0;
  for (const std::string& t : Texts()) n += static_cast<int64_t>(t.size());
  return n;
}

void BM_CountLinesMemchr(benchmark::State& state) {
  const std::vector<std::string>& texts = Texts();
  for (auto _ : state) {
    size_t lines = 0;
    for (const std::string& t : texts) {
      const char* p = t.data();
      const char* end = p + t.size();
      while ((p = static_cast<const char*>(std::memchr(p, '\n', end - p)))) {
        ++lines;
        ++p;
      }
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_CountLinesMemchr);

void BM_TokenizeAndSplit(benchmark::State& state) {
  Result<Tokenizer> tok = Tokenizer::Load(CHRONICLE_SOURCE_DIR "/data");
  if (!tok.ok()) {
    state.SkipWithError(tok.error().ToString().c_str());
    return;
  }
  const std::vector<std::string>& texts = Texts();
  std::vector<Document> docs(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) docs[i].text = texts[i];
  size_t tokens = 0, sentences = 0;
  for (auto _ : state) {
    tokens = sentences = 0;
    for (Document& d : docs) {
      tok.value().Tokenize(&d);
      tokens += d.tokens.size();
      sentences += d.sentences.size();
    }
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  state.counters["docs"] = static_cast<double>(docs.size());
  state.counters["tokens"] = static_cast<double>(tokens);
  state.counters["sentences"] = static_cast<double>(sentences);
}
BENCHMARK(BM_TokenizeAndSplit);

// The cost the Document model alone imposes: filling doc->tokens with as
// many (empty) Token structs as the tokenizer makes, without scanning. The
// tokenizer's own work is the difference to BM_TokenizeAndSplit.
void BM_TokenVectorOnly(benchmark::State& state) {
  Result<Tokenizer> tok = Tokenizer::Load(CHRONICLE_SOURCE_DIR "/data");
  if (!tok.ok()) {
    state.SkipWithError(tok.error().ToString().c_str());
    return;
  }
  const std::vector<std::string>& texts = Texts();
  std::vector<Document> docs(texts.size());
  std::vector<size_t> counts(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    docs[i].text = texts[i];
    tok.value().Tokenize(&docs[i]);
    counts[i] = docs[i].tokens.size();
  }
  for (auto _ : state) {
    for (size_t i = 0; i < docs.size(); ++i) {
      std::vector<Token>& v = docs[i].tokens;
      v.clear();
      v.reserve(docs[i].text.size() / 5 + 1);
      for (size_t k = 0; k < counts[i]; ++k) {
        v.emplace_back().span = Span{static_cast<uint32_t>(k),
                                     static_cast<uint32_t>(k + 1)};
      }
      benchmark::DoNotOptimize(v.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_TokenVectorOnly);

void BM_Load(benchmark::State& state) {
  for (auto _ : state) {
    Result<Tokenizer> tok = Tokenizer::Load(CHRONICLE_SOURCE_DIR "/data");
    benchmark::DoNotOptimize(tok.ok());
  }
}
BENCHMARK(BM_Load)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace chronicle

BENCHMARK_MAIN();
