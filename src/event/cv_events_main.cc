// K-fold cross-validation of the event stage on TimeBank (the project's
// training side; never AQUAINT): trains one model per fold with TrainEvents
// (the same call as `chronicle train events`), annotates the held-out fold,
// and prints the TempEval-3 figures over all folds plus the class confusion
// matrix over exact-span matches. Not part of the library (the module glob
// leaves *_main.cc out); build by hand, see docs/benchmarks/events.md.
//
//   cv_events TBAQ_TIMEBANK_DIR DATA_DIR FOLDS [iterations] [seed] [threshold]
//             [tagger lemmatizer parser]
//
// Fold k holds every file whose index in sorted order is k mod FOLDS. With
// CV_DUMP=1 in the environment, every missed or misclassified gold event
// is listed on standard error ("MISS class word tag lemma deprel head",
// "CONF gold system word ...", "SPUR system word ..." for spurious ones);
// CV_CONTEXT=1 adds 60 bytes of text on each side. CV_BAGS=N and
// CV_CLASS_ITERATIONS=N set EventTrainOptions::bags / class_iterations.
#include <cstdlib>
#include <iostream>
#include <map>

#include <fmt/core.h>

#include "eval/evaluate.h"
#include "event/event_tagger.h"
#include "event/preprocess.h"
#include "io/timeml.h"
#include "util/file.h"

int main(int argc, char** argv) {
  using namespace chronicle;
  if (argc < 4) {
    std::cerr << "usage: cv_events TIMEBANK_DIR DATA_DIR FOLDS [iterations] [seed] [threshold] "
                 "[tagger lemmatizer parser]\n";
    return 2;
  }
  Result<std::vector<std::string>> files = ListFiles(argv[1], {".tml"});
  if (!files.ok()) {
    std::cerr << files.error().ToString() << "\n";
    return 1;
  }
  const int folds = std::atoi(argv[3]);
  EventTrainOptions base;
  base.data_dir = argv[2];
  if (argc > 4) base.iterations = std::atoi(argv[4]);
  if (argc > 5) base.seed = std::strtoull(argv[5], nullptr, 10);
  if (argc > 6) base.threshold = std::strtof(argv[6], nullptr);
  // Variants without a positional argument, from the environment.
  if (const char* v = std::getenv("CV_BAGS")) base.bags = std::atoi(v);
  if (const char* v = std::getenv("CV_CLASS_ITERATIONS")) base.class_iterations = std::atoi(v);
  if (argc > 9) {
    base.tagger_model = argv[7];
    base.lemmatizer_model = argv[8];
    base.parser_model = argv[9];
  }
  Result<EventPreprocessor> pre = EventPreprocessor::Load({.data_dir = base.data_dir,
                                                           .tagger_model = base.tagger_model,
                                                           .lemmatizer_model = base.lemmatizer_model,
                                                           .parser_model = base.parser_model});
  if (!pre.ok()) {
    std::cerr << pre.error().ToString() << "\n";
    return 1;
  }
  std::vector<Document> gold, sys;
  gold.reserve(files.value().size());
  sys.reserve(files.value().size());
  for (int k = 0; k < folds; ++k) {
    EventTrainOptions o = base;
    std::vector<std::string> held;
    for (size_t i = 0; i < files.value().size(); ++i) {
      (static_cast<int>(i % folds) == k ? held : o.train_files).push_back(files.value()[i]);
    }
    o.output_path = fmt::format("/tmp/cv_events_{}_{}.model", getpid(), k);
    Status s = TrainEvents(o, nullptr);
    if (!s.ok()) {
      std::cerr << s.error().ToString() << "\n";
      return 1;
    }
    Result<EventTagger> t = EventTagger::Load(o.output_path, base.data_dir);
    std::remove(o.output_path.c_str());
    if (!t.ok()) {
      std::cerr << t.error().ToString() << "\n";
      return 1;
    }
    for (const std::string& f : held) {
      Result<std::string> content = ReadFile(f);
      Result<Document> g = ParseTimeML(content.value(), f, nullptr);
      if (!g.ok()) {
        std::cerr << g.error().ToString() << "\n";
        return 1;
      }
      gold.push_back(std::move(g).value());
      Document d = gold.back();
      d.ClearAnnotations();
      pre.value().Run(&d);
      t.value().Annotate(&d);
      sys.push_back(std::move(d));
    }
    std::cerr << "fold " << k << " done\n";
  }
  std::vector<std::pair<const Document*, const Document*>> pairs;
  for (size_t i = 0; i < gold.size(); ++i) pairs.emplace_back(&gold[i], &sys[i]);
  Result<EvalReport> r = Evaluate(pairs);
  if (!r.ok()) {
    std::cerr << r.error().ToString() << "\n";
    return 1;
  }
  std::cout << FormatReport(r.value());
  // Class confusion over exact-span matches: rows gold, columns system.
  std::map<std::string, std::map<std::string, int>> conf;
  std::map<std::string, int> missed, spurious;
  // "word/tag/lemma/deprel head-lemma" of the token at a span, for the dump.
  auto describe = [](const Document& d, std::pair<uint32_t, uint32_t> span) {
    std::string out(d.text.substr(span.first, span.second - span.first));
    for (const Token& t : d.tokens) {
      if (t.span.begin == span.first) {
        std::string head = t.head >= 0 && static_cast<size_t>(t.head) < d.tokens.size()
                               ? d.tokens[t.head].lemma : "ROOT";
        out += fmt::format(" {} {} {} {}", t.xpos, t.lemma, t.deprel, head);
        break;
      }
    }
    if (std::getenv("CV_CONTEXT")) {
      size_t a = span.first >= 60 ? span.first - 60 : 0;
      std::string left(d.text.substr(a, span.first - a)), right(d.text.substr(span.second, 60));
      for (char& c : left) c = c == '\n' ? ' ' : c;
      for (char& c : right) c = c == '\n' ? ' ' : c;
      out += fmt::format(" | {}[[{}]]{}", left,
                         d.text.substr(span.first, span.second - span.first), right);
    }
    return out;
  };
  const bool dump = std::getenv("CV_DUMP") != nullptr;
  for (size_t i = 0; i < gold.size(); ++i) {
    std::map<std::pair<uint32_t, uint32_t>, std::string> g;
    for (const Event& e : gold[i].events) g[{e.span.begin, e.span.end}] = e.event_class;
    std::map<std::pair<uint32_t, uint32_t>, std::string> s;
    for (const Event& e : sys[i].events) s[{e.span.begin, e.span.end}] = e.event_class;
    for (const auto& [span, c] : g) {
      auto it = s.find(span);
      if (it == s.end()) {
        ++missed[c];
        if (dump) std::cerr << "MISS " << c << " " << describe(sys[i], span) << "\n";
      } else {
        ++conf[c][it->second];
        if (dump && c != it->second) {
          std::cerr << "CONF " << c << " " << it->second << " " << describe(sys[i], span) << "\n";
        }
      }
    }
    for (const auto& [span, c] : s) {
      if (g.count(span)) continue;
      ++spurious[c];
      if (dump) std::cerr << "SPUR " << c << " " << describe(sys[i], span) << "\n";
    }
  }
  const char* names[] = {"OCCURRENCE", "REPORTING", "I_ACTION", "I_STATE",
                         "ASPECTUAL",  "PERCEPTION", "STATE"};
  std::cout << fmt::format("{:>11}", "gold\\sys");
  for (const char* n : names) std::cout << fmt::format(" {:>6.6}", n);
  std::cout << fmt::format(" {:>7}\n", "missed");
  for (const char* g : names) {
    std::cout << fmt::format("{:>11}", g);
    for (const char* s : names) std::cout << fmt::format(" {:>6}", conf[g][s]);
    std::cout << fmt::format(" {:>7}\n", missed[g]);
  }
  std::cout << fmt::format("{:>11}", "spurious");
  for (const char* s : names) std::cout << fmt::format(" {:>6}", spurious[s]);
  std::cout << "\n";
  return 0;
}
