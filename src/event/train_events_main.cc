// A stand-alone driver for TrainEvents, for use before `chronicle train
// events` builds (it is the same call). Not part of the library (the module
// glob leaves *_main.cc out); build it by hand, see docs/benchmarks/events.md.
//
//   train_events TRAIN_DIR DEV_DIR OUTPUT DATA_DIR [iterations] [seed] [threshold]
//            [tagger lemmatizer parser]
#include <cstdlib>
#include <iostream>

#include "event/event_tagger.h"
#include "util/file.h"

int main(int argc, char** argv) {
  using namespace chronicle;
  if (argc < 5) {
    std::cerr << "usage: train_events TRAIN DEV OUTPUT DATA_DIR [iterations] [seed] [threshold] "
                 "[tagger lemmatizer parser]\n";
    return 2;
  }
  auto list = [](const std::string& p) -> std::vector<std::string> {
    if (p == "-") return {};
    if (IsDirectory(p)) {
      Result<std::vector<std::string>> r = ListFiles(p, {".tml"});
      if (r.ok()) return r.value();
      return {};
    }
    // A file listing .tml paths, one a line, or one .tml file.
    if (p.size() > 4 && p.substr(p.size() - 4) == ".tml") return {p};
    Result<std::string> c = ReadFile(p);
    std::vector<std::string> out;
    if (!c.ok()) return out;
    size_t pos = 0;
    const std::string& s = c.value();
    while (pos < s.size()) {
      size_t e = s.find('\n', pos);
      if (e == std::string::npos) e = s.size();
      if (e > pos) out.push_back(s.substr(pos, e - pos));
      pos = e + 1;
    }
    return out;
  };
  EventTrainOptions o;
  o.train_files = list(argv[1]);
  o.dev_files = list(argv[2]);
  o.output_path = argv[3];
  o.data_dir = argv[4];
  if (argc > 5) o.iterations = std::atoi(argv[5]);
  if (argc > 6) o.seed = std::strtoull(argv[6], nullptr, 10);
  if (argc > 7) o.threshold = std::strtof(argv[7], nullptr);
  if (argc > 10) {
    o.tagger_model = argv[8];
    o.lemmatizer_model = argv[9];
    o.parser_model = argv[10];
  }
  Status s = TrainEvents(o, &std::cerr);
  if (!s.ok()) {
    std::cerr << s.error().ToString() << "\n";
    return ExitCodeFor(s.error().kind);
  }
  return 0;
}
