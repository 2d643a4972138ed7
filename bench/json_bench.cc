// Throughput of the JSON writer and parser (and the HTML page around the
// JSON) on one large document built from the TimeBank texts, next to
// baselines measured in the same run: copying the same bytes, and
// nlohmann::json parsing them into its DOM without building a Document.
//
//   ninja -C build json_bench && ./build/json_bench
//
// The document: the <TEXT> of all 183 TimeBank files with tags removed and
// straight double quotes turned into curly ones (so that byte and code point
// offsets differ, as in real news), whitespace-separated tokens, one sentence
// per line, a TIMEX3 on every 15th token, an EVENT with an instance on every
// 6th, and a TLINK per event. Synthetic annotations, real text.
#include <algorithm>
#include <cstring>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "io/html.h"
#include "io/json.h"
#include "io/jsonl.h"
#include "util/file.h"

namespace chronicle {
namespace {

std::string TimeBankText() {
  std::string all;
  Result<std::vector<std::string>> files =
      ListFiles(std::string(CHRONICLE_SHARED_DIR) + "/corpora/tbaq/TimeBank", {".tml"});
  if (!files.ok()) return all;
  for (const std::string& path : files.value()) {
    Result<std::string> content = ReadFile(path);
    if (!content.ok()) continue;
    const std::string& c = content.value();
    size_t b = c.find("<TEXT>"), e = c.find("</TEXT>");
    if (b == std::string::npos || e == std::string::npos) continue;
    bool in_tag = false;
    for (size_t i = b + 6; i < e; ++i) {
      char ch = c[i];
      if (ch == '<') in_tag = true;
      if (!in_tag) {
        if (ch == '"') {
          all += "\xE2\x80\x9D";
        } else {
          all += ch;
        }
      }
      if (ch == '>') in_tag = false;
    }
    all += "\n";
  }
  return all;
}

Document BigDocument() {
  Document doc;
  doc.id = "timebank-all";
  doc.text = TimeBankText();
  doc.dct = Timex{.id = "t0", .type = "DATE", .value = "1998-02-06",
                  .temporal_function = "false", .function_in_document = "CREATION_TIME"};
  const std::string& t = doc.text;
  size_t i = 0, sentence_start = 0, sentence_first = 0;
  while (i < t.size()) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\n')) {
      if (t[i] == '\n' && doc.tokens.size() > sentence_first) {
        doc.sentences.push_back(Sentence{.span = {static_cast<uint32_t>(sentence_start),
                                                  doc.tokens.back().span.end},
                                         .first_token = static_cast<uint32_t>(sentence_first),
                                         .end_token = static_cast<uint32_t>(doc.tokens.size())});
        sentence_first = doc.tokens.size();
      }
      ++i;
    }
    if (i >= t.size()) break;
    if (doc.tokens.size() == sentence_first) sentence_start = i;
    size_t b = i;
    while (i < t.size() && t[i] != ' ' && t[i] != '\n') ++i;
    Token tok;
    tok.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(i)};
    tok.upos = "NOUN";
    tok.lemma = t.substr(b, std::min<size_t>(i - b, 8));
    doc.tokens.push_back(tok);
    size_t n = doc.tokens.size();
    if (n % 15 == 0) {
      doc.timexes.push_back(Timex{.id = fmt::format("t{}", doc.timexes.size() + 1),
                                  .span = tok.span, .type = "DATE", .value = "1998-02"});
    } else if (n % 6 == 0) {
      std::string e = fmt::format("e{}", doc.events.size() + 1);
      std::string ei = fmt::format("ei{}", doc.events.size() + 1);
      doc.events.push_back(Event{.id = e, .span = tok.span, .event_class = "OCCURRENCE"});
      doc.instances.push_back(EventInstance{.id = ei, .event_id = e, .tense = "PAST",
                                            .aspect = "NONE", .polarity = "POS", .pos = "VERB"});
      doc.tlinks.push_back(TLink{.id = fmt::format("l{}", doc.tlinks.size() + 1),
                                 .rel_type = "BEFORE", .source_id = ei, .target_id = "t0",
                                 .target_is_event = false});
    }
  }
  return doc;
}

const Document& Doc() {
  static const Document doc = BigDocument();
  return doc;
}

void Describe(benchmark::State& state, size_t bytes) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["tokens"] = static_cast<double>(Doc().tokens.size());
  state.counters["json_MB"] = static_cast<double>(bytes) / 1e6;
}

void BM_CopyBaseline(benchmark::State& state) {
  std::string json = WriteJson(Doc(), false);
  std::string copy;
  for (auto _ : state) {
    copy.assign(json);  // the same bytes, one memcpy and maybe an allocation
    benchmark::DoNotOptimize(copy.data());
    benchmark::ClobberMemory();
  }
  Describe(state, json.size());
}
BENCHMARK(BM_CopyBaseline)->Unit(benchmark::kMillisecond);

void BM_WriteJsonCompact(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json = WriteJson(Doc(), false);
    bytes = json.size();
    benchmark::DoNotOptimize(json.data());
  }
  Describe(state, bytes);
}
BENCHMARK(BM_WriteJsonCompact)->Unit(benchmark::kMillisecond);

void BM_WriteJsonPretty(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json = WriteJson(Doc(), true);
    bytes = json.size();
    benchmark::DoNotOptimize(json.data());
  }
  Describe(state, bytes);
}
BENCHMARK(BM_WriteJsonPretty)->Unit(benchmark::kMillisecond);

void BM_NlohmannDomParseBaseline(benchmark::State& state) {
  std::string json = WriteJson(Doc(), false);
  for (auto _ : state) {
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(json);
    benchmark::DoNotOptimize(j);
  }
  Describe(state, json.size());
}
BENCHMARK(BM_NlohmannDomParseBaseline)->Unit(benchmark::kMillisecond);

void BM_ParseJson(benchmark::State& state) {
  std::string json = WriteJson(Doc(), false);
  for (auto _ : state) {
    Result<Document> doc = ParseJson(json, "big.json", 0);
    if (!doc.ok()) {
      state.SkipWithError(doc.error().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(doc.value().tokens.data());
  }
  Describe(state, json.size());
}
BENCHMARK(BM_ParseJson)->Unit(benchmark::kMillisecond);

void BM_WriteHtml(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state) {
    std::string html = WriteHtml(Doc());
    bytes = html.size();
    benchmark::DoNotOptimize(html.data());
  }
  Describe(state, bytes);
}
BENCHMARK(BM_WriteHtml)->Unit(benchmark::kMillisecond);

// JSON lines: the same text as 183-ish small documents (one a line).
void BM_JsonlReadAll(benchmark::State& state) {
  std::ostringstream out;
  JsonlWriter writer(&out);
  const Document& big = Doc();
  size_t docs = 0;
  for (const Sentence& s : big.sentences) {
    Document d;
    d.id = fmt::format("s{}", docs++);
    d.text = std::string(big.Text(s.span));
    d.dct = big.dct;
    for (uint32_t k = s.first_token; k < s.end_token; ++k) {
      Token tok = big.tokens[k];
      tok.span.begin -= s.span.begin;
      tok.span.end -= s.span.begin;
      d.tokens.push_back(tok);
    }
    if (!writer.Write(d).ok()) state.SkipWithError("write failed");
  }
  std::string lines = out.str();
  for (auto _ : state) {
    std::istringstream in(lines);
    JsonlReader reader(&in, "big.jsonl");
    Document d;
    size_t n = 0;
    for (;;) {
      Result<bool> more = reader.Next(&d);
      if (!more.ok() || !more.value()) break;
      ++n;
    }
    if (n != docs) state.SkipWithError("lost documents");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * lines.size()));
  state.counters["docs"] = static_cast<double>(docs);
}
BENCHMARK(BM_JsonlReadAll)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace chronicle

BENCHMARK_MAIN();
