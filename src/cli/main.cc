// The `chronicle` command: parses the command line, calls the library,
// prints. Every subcommand's --help leads with a runnable example.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <string>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace chronicle;
  CLI::App app(
      "Chronicle: finds time expressions and events in English news and tells what "
      "happened when (TimeML, TempEval-3).\n\n"
      "Example:\n"
      "  chronicle annotate ../shared/examples/seed-article.txt --to json\n",
      "chronicle");
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("chronicle ") + CHRONICLE_VERSION);
  app.footer("Run `chronicle COMMAND --help` for a command's options and an example.");

  AnnotateArgs annotate;
  CLI::App* a = AddAnnotateCommand(app, &annotate);
  EvalArgs eval;
  CLI::App* e = AddEvalCommand(app, &eval);
  TimelineArgs timeline;
  CLI::App* tl = AddTimelineCommand(app, &timeline);
  TrainArgs train;
  CLI::App* t = AddTrainCommand(app, &train);
  ServeArgs serve;
  CLI::App* sv = AddServeCommand(app, &serve);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& err) {
    return app.exit(err);
  }
  std::string argv0 = argc > 0 ? argv[0] : "";
  if (a->parsed()) return RunAnnotate(annotate, argv0);
  if (e->parsed()) return RunEval(eval);
  if (tl->parsed()) return RunTimeline(timeline, argv0);
  if (t->parsed()) return RunTrain(train, argv0);
  if (sv->parsed()) return RunServe(serve, argv0);
  return 2;
}
