// The subcommands of `chronicle`: each has an Args struct filled by CLI11,
// an Add...Command that declares its options, and a Run... that returns the
// process exit code. Run functions print errors as `file:line:col: message`.
#ifndef CHRONICLE_CLI_COMMANDS_H_
#define CHRONICLE_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace chronicle {

struct AnnotateArgs {
  std::vector<std::string> inputs;
  std::string from = "auto";
  std::string to;  // empty: tml for TimeML input, jsonl for JSON lines, else json
  std::string dct;
  std::string stages;
  std::string keep;
  std::string output;
  std::string data_dir;
  std::string models_dir;
  int threads = 1;
  int batch_size = 32;  // documents run stage by stage together (set to kBatchDocuments)
  int max_document_mb = 64;
  bool quiet = false;
};
CLI::App* AddAnnotateCommand(CLI::App& app, AnnotateArgs* args);
int RunAnnotate(const AnnotateArgs& args, const std::string& argv0);

struct EvalArgs {
  std::string gold;
  std::string system;
  bool json = false;
  std::string matres;  // MATRES pairs file: also score start-point relations
};
CLI::App* AddEvalCommand(CLI::App& app, EvalArgs* args);
int RunEval(const EvalArgs& args);

struct TrainArgs {
  std::string what;  // tagger, lemmatizer, parser, events, relations
  std::string train;
  std::vector<std::string> also_train;  // tagger: more CoNLL-U files
  std::string dev;
  std::string output;
  std::string data_dir;
  std::string models_dir;
  int iterations = 0;  // 0: the model's default
  uint64_t seed = 1;
};
CLI::App* AddTrainCommand(CLI::App& app, TrainArgs* args);
int RunTrain(const TrainArgs& args, const std::string& argv0);

struct TimelineArgs {
  std::string input;
  std::string from = "auto";
  std::string dct;
  std::string output;
  std::string data_dir;
  std::string models_dir;
};
CLI::App* AddTimelineCommand(CLI::App& app, TimelineArgs* args);
int RunTimeline(const TimelineArgs& args, const std::string& argv0);

struct ServeArgs {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::vector<std::string> stages;
  std::string data_dir;
  std::string models_dir;
  int max_body_mb = 16;
  int threads = 0;
};
CLI::App* AddServeCommand(CLI::App& app, ServeArgs* args);
int RunServe(const ServeArgs& args, const std::string& argv0);

// Prints an error (with the caret line when known) to stderr.
void PrintError(const struct Error& e);

}  // namespace chronicle

#endif  // CHRONICLE_CLI_COMMANDS_H_
