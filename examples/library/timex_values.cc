// Prints every time expression of a text file with its TimeML type and value,
// one per line: `July 23, 2021<TAB>DATE<TAB>2021-07-23`. The file may begin
// with `date YYYY-MM-DD` (the creation time); else pass it as the second
// argument.
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/formats.h"
#include "pipeline/pipeline.h"
#include "util/file.h"

int main(int argc, char** argv) {
  using namespace chronicle;
  if (argc < 2) {
    std::fprintf(stderr, "usage: timex_values FILE [YYYY-MM-DD]\n");
    return 2;
  }
  PipelineOptions options;
  // CHRONICLE_HOME, then the install's share/chronicle, then the source tree.
  options.resources = FindResources({}, argv[0]);
  options.stages = {"tokens", "timex"};
  Result<Pipeline> pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "%s\n", pipeline.error().ToString().c_str());
    return 1;
  }
  Result<std::string> text = ReadFile(argv[1]);
  if (!text.ok()) {
    std::fprintf(stderr, "%s\n", text.error().ToString().c_str());
    return 1;
  }
  std::optional<std::string_view> dct;
  if (argc > 2) dct = argv[2];
  std::vector<Error> warnings;
  Result<Document> doc = ReadDocument(text.value(), argv[1], Format::kText, dct, &warnings);
  if (!doc.ok()) {
    std::fprintf(stderr, "%s\n", doc.error().ToString().c_str());
    return 1;
  }
  Document d = std::move(doc).value();
  pipeline.value().Run(&d);
  for (const Timex& t : d.timexes) {
    std::string surface = d.text.substr(t.span.begin, t.span.end - t.span.begin);
    std::printf("%s\t%s\t%s\n", surface.c_str(), t.type.c_str(), t.value.c_str());
  }
  return 0;
}
