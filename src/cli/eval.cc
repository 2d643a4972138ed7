// `chronicle eval GOLD SYSTEM`: TempEval-3 measures over files or
// directories paired by file name.
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "cli/commands.h"
#include "eval/evaluate.h"
#include "eval/matres.h"
#include "pipeline/formats.h"
#include "util/file.h"

namespace chronicle {
namespace {

namespace fs = std::filesystem;

Result<Document> Load(const std::string& path) {
  Result<std::string> content = ReadFile(path);
  if (!content.ok()) return content.error();
  std::vector<Error> warnings;
  Format f = DetectFormat(path);
  if (f == Format::kJsonl) return Error::Usage(fmt::format("{}: eval reads .tml or .json files", path));
  return ReadDocument(content.value(), path, f, std::nullopt, &warnings);
}

}  // namespace

CLI::App* AddEvalCommand(CLI::App& app, EvalArgs* args) {
  CLI::App* cmd = app.add_subcommand(
      "eval",
      "Scores SYSTEM against GOLD with the TempEval-3 measures: TIMEX3 and EVENT "
      "strict/relaxed P/R/F1, attribute F1, TLINK temporal awareness.\n\n"
      "Example:\n"
      "  chronicle eval ../shared/corpora/tbaq/AQUAINT out/\n"
      "  chronicle eval gold.tml system.tml --json\n\n"
      "Directories are paired by file name; a gold file without a system file counts as "
      "an empty system answer.");
  cmd->add_option("GOLD", args->gold, "gold TimeML file or directory")->required();
  cmd->add_option("SYSTEM", args->system, "system TimeML file or directory")->required();
  cmd->add_flag("--json", args->json, "print the figures as JSON");
  cmd->add_option("--matres", args->matres,
                  "MATRES pairs file (e.g. ../shared/corpora/matres/aquaint.txt): also print "
                  "MATRES-style pairwise F1 of the system's event start points (pairs of "
                  "documents not given are skipped)");
  return cmd;
}

int RunEval(const EvalArgs& args) {
  auto fail = [](const Error& e) {
    PrintError(e);
    return ExitCodeFor(e.kind);
  };
  std::vector<std::pair<std::string, std::string>> paths;
  if (IsDirectory(args.gold)) {
    if (!IsDirectory(args.system)) {
      return fail(Error::Usage("GOLD is a directory, so SYSTEM must be one too"));
    }
    Result<std::vector<std::string>> gold = ListFiles(args.gold, {".tml", ".xml", ".json"});
    if (!gold.ok()) return fail(gold.error());
    Result<std::vector<std::string>> sys = ListFiles(args.system, {".tml", ".xml", ".json"});
    if (!sys.ok()) return fail(sys.error());
    // A gold file is paired with the system file at the same path under
    // SYSTEM, else with the only system file of the same name anywhere under
    // it; two candidates of that name are an error, never a guess.
    std::map<std::string, std::string> by_rel;
    std::map<std::string, std::vector<std::string>> by_name;
    for (const auto& s : sys.value()) {
      by_rel[fs::path(s).lexically_relative(args.system).string()] = s;
      by_name[BaseName(s)].push_back(s);
    }
    for (const auto& g : gold.value()) {
      auto rel = by_rel.find(fs::path(g).lexically_relative(args.gold).string());
      if (rel != by_rel.end()) {
        paths.emplace_back(g, rel->second);
        continue;
      }
      auto it = by_name.find(BaseName(g));
      if (it != by_name.end() && it->second.size() > 1) {
        return fail(Error::Usage(fmt::format("{}: {} and {} both match this gold file", g,
                                             it->second[0], it->second[1])));
      }
      paths.emplace_back(g, it == by_name.end() ? std::string() : it->second[0]);
    }
    if (paths.empty()) return fail(Error::Usage(fmt::format("{}: no .tml files", args.gold)));
  } else {
    paths.emplace_back(args.gold, args.system);
  }

  std::vector<Document> golds, systems;
  golds.reserve(paths.size());
  systems.reserve(paths.size());
  for (const auto& [g, s] : paths) {
    Result<Document> gd = Load(g);
    if (!gd.ok()) return fail(gd.error());
    golds.push_back(std::move(gd).value());
    if (s.empty()) {
      std::cerr << g << ": warning: no system file of that name; scored as an empty answer\n";
      Document empty;
      empty.id = golds.back().id;
      empty.source_name = g;
      empty.text = golds.back().text;
      empty.dct = golds.back().dct;
      systems.push_back(std::move(empty));
      continue;
    }
    Result<Document> sd = Load(s);
    if (!sd.ok()) return fail(sd.error());
    systems.push_back(std::move(sd).value());
  }
  std::vector<std::pair<const Document*, const Document*>> pairs;
  for (size_t i = 0; i < golds.size(); ++i) pairs.emplace_back(&golds[i], &systems[i]);
  Result<EvalReport> report = Evaluate(pairs);
  if (!report.ok()) return fail(report.error());
  std::optional<MatresScores> matres;
  if (!args.matres.empty()) {
    Result<std::vector<MatresPair>> m = ReadMatres(args.matres);
    if (!m.ok()) return fail(m.error());
    std::vector<MatresDocument> docs;
    for (size_t i = 0; i < golds.size(); ++i)
      docs.push_back({Stem(paths[i].first), &golds[i], &systems[i]});
    matres = EvaluateMatres(m.value(), docs);
  }
  if (args.json) {
    nlohmann::json j = ReportToJson(report.value());
    if (matres) {
      j["matres"] = {{"precision", 100 * matres->micro.Precision()},
                     {"recall", 100 * matres->micro.Recall()},
                     {"f1", 100 * matres->micro.F1()},
                     {"pairs", matres->pairs},
                     {"skipped_pairs", matres->skipped_pairs},
                     {"unmatched_endpoints", matres->unmatched_endpoints}};
    }
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << FormatReport(report.value());
    if (matres) std::cout << FormatMatres(*matres);
  }
  return 0;
}

}  // namespace chronicle
