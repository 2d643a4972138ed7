// `chronicle serve`: the pipeline behind an HTTP port (src/server), loaded
// once. Prints the address it listens on, then answers until killed.
#include <iostream>

#include "cli/commands.h"
#include "pipeline/pipeline.h"
#include "server/server.h"

namespace chronicle {

CLI::App* AddServeCommand(CLI::App& app, ServeArgs* args) {
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Answers annotation and timeline requests over HTTP with the models loaded once.\n\n"
      "Example:\n"
      "  chronicle serve --port 8080 &\n"
      "  curl --data-binary @../shared/examples/seed-article.txt "
      "'http://127.0.0.1:8080/annotate?to=json'\n\n"
      "Routes: GET / (a page to try it), GET /health, POST /annotate?from=&to=&dct=&id=, "
      "POST /timeline?from=&to=html|json&dct= (docs/server.md).");
  cmd->add_option("--host", args->host, "address to listen on (0.0.0.0: every interface)")
      ->capture_default_str();
  cmd->add_option("--port", args->port, "TCP port; 0 picks a free one")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--stages", args->stages, "stages to run, comma-separated (default: all)")
      ->delimiter(',');
  cmd->add_option("--threads", args->threads, "requests answered at once (default: one per core)")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--max-body-mb", args->max_body_mb, "largest document accepted, in MB")
      ->capture_default_str()
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--data", args->data_dir, "rule and lexicon folder");
  cmd->add_option("--models", args->models_dir, "model folder");
  return cmd;
}

int RunServe(const ServeArgs& args, const std::string& argv0) {
  auto fail = [](const Error& e) {
    PrintError(e);
    return ExitCodeFor(e.kind);
  };
  PipelineOptions options;
  options.resources = FindResources({args.data_dir, args.models_dir}, argv0);
  options.stages = args.stages;
  Result<Pipeline> pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) return fail(pipeline.error());
  for (const Error& w : pipeline.value().warnings()) std::cerr << "warning: " << w.ToString() << "\n";
  Service service(&pipeline.value(), static_cast<size_t>(args.max_body_mb) << 20);
  HttpServer server(&service, {.host = args.host, .port = args.port, .threads = args.threads});
  Result<int> port = server.Bind();
  if (!port.ok()) return fail(port.error());
  std::cerr << "chronicle serve: listening on http://" << args.host << ":" << port.value() << "/"
            << std::endl;
  Status s = server.Serve();
  if (!s.ok()) return fail(s.error());
  return 0;
}

}  // namespace chronicle
