// `chronicle timeline INPUT -o timeline.html`: the picture of what happened
// when. An input that already carries TLINKs (a TimeML or JSON output of
// `annotate`, or gold TimeML) is drawn as it is; any other input is first
// annotated by the whole pipeline, keeping the TIMEX3 and EVENTs it has.
// `-o NAME.json` writes the timeline data (WriteTimelineJson) instead of the
// page.
#include <iostream>

#include "cli/commands.h"
#include "pipeline/formats.h"
#include "pipeline/pipeline.h"
#include "pipeline/sentences.h"
#include "timeline/timeline.h"
#include "util/file.h"

namespace chronicle {

CLI::App* AddTimelineCommand(CLI::App& app, TimelineArgs* args) {
  CLI::App* cmd = app.add_subcommand(
      "timeline",
      "Draws the timeline of a document as a self-contained HTML page: dated events on a "
      "time axis, undated events in order beside it, the sentence on hover.\n\n"
      "Example:\n"
      "  chronicle timeline ../shared/examples/seed-article.txt -o timeline.html\n\n"
      "An input that carries TLINKs (TimeML or JSON) is drawn as it is; any other input is "
      "annotated first, keeping the time expressions and events it has. With -o NAME.json the data the page draws is written instead "
      "(docs/timeline.md).");
  cmd->add_option("INPUT", args->input, "text, TimeML or JSON file, or - for standard input")
      ->required();
  cmd->add_option("--from", args->from, "auto|text|tml|json|conllu")->capture_default_str();
  cmd->add_option("--dct", args->dct, "YYYY-MM-DD: the creation time when the input has none");
  cmd->add_option("-o,--output", args->output,
                  "the HTML file, or a .json file for the timeline data (default: HTML on standard output)");
  cmd->add_option("--data", args->data_dir, "rule and lexicon folder");
  cmd->add_option("--models", args->models_dir, "model folder");
  return cmd;
}

int RunTimeline(const TimelineArgs& args, const std::string& argv0) {
  auto fail = [](const Error& e) {
    PrintError(e);
    return ExitCodeFor(e.kind);
  };
  Result<Format> from = ParseFormat(args.from);
  if (!from.ok()) return fail(from.error());
  Format f = from.value() == Format::kAuto ? DetectFormat(args.input) : from.value();
  if (f == Format::kJsonl || f == Format::kHtml) {
    return fail(Error::Usage("timeline reads one document: text, tml, json or conllu"));
  }
  Result<std::string> content = ReadFile(args.input);
  if (!content.ok()) return fail(content.error());
  std::optional<std::string_view> dct;
  if (!args.dct.empty()) dct = args.dct;
  std::vector<Error> warnings;
  Result<Document> read = ReadDocument(content.value(), args.input, f, dct, &warnings);
  for (const Error& w : warnings) std::cerr << w.ToString() << "\n";
  if (!read.ok()) return fail(read.error());
  Document doc = std::move(read).value();
  if (doc.id.empty()) doc.id = Stem(args.input);
  PipelineOptions options;
  options.resources = FindResources({args.data_dir, args.models_dir}, argv0);
  if (doc.tlinks.empty()) {
    // Annotate; time expressions and events the input already has are kept
    // (TempEval-3 Task C), the rest is predicted.
    options.keep_timex = !doc.timexes.empty();
    options.keep_event = !doc.events.empty();
    Result<Pipeline> pipeline = Pipeline::Create(options);
    if (!pipeline.ok()) return fail(pipeline.error());
    for (const Error& w : pipeline.value().warnings()) {
      std::cerr << "warning: " << w.ToString() << "\n";
    }
    pipeline.value().Run(&doc);
  }
  Timeline timeline;
  if (doc.sentences.empty()) {
    // Drawn as given; the tokenizer only splits the sentences shown on
    // hover. It runs on a copy (the stages drop the input's annotations),
    // and the output keeps the input as it was.
    options.stages = {"tokens"};
    Result<Pipeline> pipeline = Pipeline::Create(options);
    if (!pipeline.ok()) return fail(pipeline.error());
    Document with_sentences = doc;
    AddSentences(pipeline.value(), &with_sentences);
    timeline = BuildTimeline(with_sentences);
  } else {
    timeline = BuildTimeline(doc);
  }
  // "-o NAME.json" writes the data the page draws instead of the page.
  bool json = args.output.size() >= 5 && args.output.compare(args.output.size() - 5, 5, ".json") == 0;
  Status s = WriteFileAtomic(args.output.empty() ? "-" : args.output,
                             json ? WriteTimelineJson(doc, timeline) + "\n" : WriteTimelineHtml(doc, timeline));
  if (!s.ok()) return fail(s.error());
  return 0;
}

}  // namespace chronicle
