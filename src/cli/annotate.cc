// `chronicle annotate`: read inputs, run the pipeline, write outputs.
//
// Outputs are written through AtomicWriter (temporary file + rename), so an
// input that fails leaves no output behind and other inputs go on; the exit
// code is that of the first failing input (in input order). Documents are
// annotated in batches, stage by stage (Pipeline::RunBatch: the output is
// the same as one document at a time, and faster). With --threads N the
// batches (of files, or of JSON lines) are processed in parallel and the
// output is byte-identical to one thread.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <span>
#include <sstream>
#include <thread>

#include <fmt/core.h>

#include "cli/commands.h"
#include "io/jsonl.h"
#include "pipeline/formats.h"
#include "pipeline/pipeline.h"
#include "util/error.h"
#include "util/file.h"

namespace chronicle {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

struct Job {
  std::string input;   // a path, or "-"
  std::string subdir;  // folder of `input` under the directory it was listed from ("" if none)
  Format from;
  std::string output;  // a path, or "-"
};

void PrintWarnings(const std::vector<Error>& warnings, bool quiet) {
  if (quiet) return;
  for (const Error& w : warnings) {
    Error copy = w;
    copy.message = "warning: " + copy.message;
    std::cerr << copy.ToString() << "\n";
  }
}

// One document is held in memory with its annotations (about 35 bytes of
// tokens and layers per byte of text), so a single document has a size cap;
// bigger collections go through JSON lines, which are streamed.
Error TooBig(const std::string& path, uintmax_t bytes, int max_mb) {
  return Error::Invalid(
      fmt::format("{:.1f} MiB is more than the {} MiB one document may have (--max-document-mb): "
                  "split it, or give one document a line as JSON lines (.jsonl), which are "
                  "streamed",
                  static_cast<double>(bytes) / (1 << 20), max_mb),
      path);
}

// Reads one whole-document input (not JSON lines) into `out`, its id set
// from the file name when the input has none.
Status ReadWholeDocument(const Job& job, const std::optional<std::string_view>& dct, bool quiet,
                         int max_mb, Document* out) {
  const uintmax_t limit = static_cast<uintmax_t>(max_mb) << 20;
  if (job.input != "-") {
    std::error_code ec;
    uintmax_t size = fs::file_size(job.input, ec);
    if (!ec && size > limit) return TooBig(job.input, size, max_mb);
  }
  Result<std::string> content = ReadFile(job.input);
  if (!content.ok()) return content.error();
  if (content.value().size() > limit) return TooBig(job.input, content.value().size(), max_mb);
  std::vector<Error> warnings;
  Result<Document> doc = ReadDocument(content.value(), job.input, job.from, dct, &warnings);
  PrintWarnings(warnings, quiet);
  if (!doc.ok()) return doc.error();
  *out = std::move(doc).value();
  if (out->id.empty()) out->id = Stem(job.input);
  return Status();
}

// Runs a batch of whole-document inputs: reads them all, runs the pipeline
// stage by stage over those that could be read (Pipeline::RunBatch), then
// writes each output atomically. `report(i, error)` is called for every
// input that fails (the others go on): read errors as they happen, write
// errors after the batch ran, each in input order.
template <class Report>
void RunDocumentBatch(const Pipeline& pipeline, std::span<const Job> jobs,
                      const std::function<Format(const Job&)>& output_format,
                      const std::optional<std::string_view>& dct, bool quiet, int max_mb,
                      Report&& report) {
  std::vector<Document> docs(jobs.size());
  std::vector<Document*> ok;
  std::vector<size_t> ok_index;
  for (size_t i = 0; i < jobs.size(); ++i) {
    Status s = ReadWholeDocument(jobs[i], dct, quiet, max_mb, &docs[i]);
    if (!s.ok()) {
      report(i, s.error());
      docs[i] = Document();
      continue;
    }
    ok.push_back(&docs[i]);
    ok_index.push_back(i);
  }
  pipeline.RunBatch(ok);
  for (size_t k = 0; k < ok.size(); ++k) {
    const size_t i = ok_index[k];
    Status s = WriteFileAtomic(jobs[i].output, WriteDocument(docs[i], output_format(jobs[i])));
    docs[i] = Document();  // free the annotations early
    if (!s.ok()) report(i, s.error());
  }
}

// Streams a JSON lines input: memory bounded by the batches in flight, not
// by the number of documents. Lines are read in batches (kBatchTextBytes of
// text or batch_docs documents); each batch runs stage by stage, and with
// threads > 1 up to `threads` batches run at once; outputs are written in
// input order.
Status RunJsonLines(const Pipeline& pipeline, const Job& job, Format to, int threads,
                    size_t batch_docs) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (job.input != "-") {
    if (IsDirectory(job.input)) return Error::Io("is a directory, expected a file", job.input);
    file.open(job.input, std::ios::binary);
    if (!file) return Error::Io("cannot open", job.input);
    in = &file;
  }
  AtomicWriter out;
  if (Status s = out.Open(job.output); !s.ok()) return s;
  JsonlReader reader(in, job.input);
  const size_t groups = static_cast<size_t>(std::max(threads, 1));
  std::vector<std::vector<Document>> batches(groups);
  for (bool done = false; !done;) {
    size_t filled = 0;
    for (; filled < groups && !done; ++filled) {
      std::vector<Document>& batch = batches[filled];
      batch.clear();
      size_t bytes = 0;
      while (batch.size() < batch_docs && bytes < kBatchTextBytes) {
        Document d;
        Result<bool> more = reader.Next(&d);
        if (!more.ok()) return more.error();
        if (!more.value()) {
          done = true;
          break;
        }
        bytes += d.text.size();
        batch.push_back(std::move(d));
      }
      if (batch.empty()) break;
    }
    auto run = [&](std::vector<Document>& batch) {
      std::vector<Document*> ptrs;
      for (Document& d : batch) ptrs.push_back(&d);
      pipeline.RunBatch(ptrs);
    };
    if (filled <= 1) {
      if (filled == 1) run(batches[0]);
    } else {
      std::atomic<size_t> next{0};
      std::vector<std::thread> pool;
      for (size_t t = 0; t < filled; ++t) {
        pool.emplace_back([&] {
          for (size_t i; (i = next.fetch_add(1)) < filled;) run(batches[i]);
        });
      }
      for (auto& th : pool) th.join();
    }
    for (size_t b = 0; b < filled; ++b) {
      for (const Document& d : batches[b]) out.Write(WriteDocument(d, to));
    }
  }
  return out.Commit();
}

struct InputFile {
  std::string path;
  std::string subdir;  // relative folder under the listed directory ("" at its top)
};

// Expands directories into their files (recursively, sorted); keeps files and
// "-". Each listed file remembers its folder relative to the directory, so
// outputs mirror the input tree and same-named files in different folders
// don't overwrite each other.
Result<std::vector<InputFile>> ExpandInputs(const std::vector<std::string>& inputs,
                                            Format from, bool* any_directory) {
  std::vector<InputFile> files;
  for (const std::string& in : inputs) {
    if (in != "-" && IsDirectory(in)) {
      *any_directory = true;
      std::vector<std::string> exts;
      switch (from) {
        case Format::kText: exts = {".txt"}; break;
        case Format::kTimeML: exts = {".tml", ".xml"}; break;
        case Format::kJson: exts = {".json"}; break;
        case Format::kJsonl: exts = {".jsonl"}; break;
        case Format::kConllu: exts = {".conllu"}; break;
        default: exts = {".txt", ".tml", ".json", ".jsonl", ".conllu"}; break;
      }
      Result<std::vector<std::string>> listed = ListFiles(in, exts);
      if (!listed.ok()) return listed.error();
      for (const std::string& f : listed.value()) {
        fs::path rel = fs::path(f).lexically_relative(in).parent_path();
        files.push_back({f, rel.string()});
      }
    } else {
      files.push_back({in, ""});
    }
  }
  return files;
}

}  // namespace

void PrintError(const Error& e) { std::cerr << e.Pretty() << "\n"; }

CLI::App* AddAnnotateCommand(CLI::App& app, AnnotateArgs* args) {
  CLI::App* cmd = app.add_subcommand(
      "annotate",
      "Finds time expressions (and the other layers that exist) and writes them out.\n\n"
      "Example:\n"
      "  chronicle annotate ../shared/examples/seed-article.txt --to json\n"
      "  chronicle annotate --from tml --keep timex,event doc.tml -o out.tml\n"
      "  chronicle annotate corpus/ -o annotated/ --to tml --threads 2\n\n"
      "A text input starts with a line `date YYYY-MM-DD` (the document creation time,\n"
      "not part of the text) or takes --dct. JSON offsets are Unicode code points.");
  cmd->add_option("INPUT", args->inputs, "file, directory, or - for standard input")
      ->required();
  cmd->add_option("--from", args->from,
                  "auto|text|tml|jsonl|json|conllu (auto: by extension; .tml TimeML, "
                  ".jsonl JSON lines, .json JSON, .conllu CoNLL-U, else text)")
      ->capture_default_str();
  cmd->add_option("--to", args->to,
                  "tml|json|jsonl|html|conllu (default: tml for TimeML input, jsonl for "
                  "JSON lines, json otherwise)");
  cmd->add_option("--dct", args->dct,
                  "YYYY-MM-DD[Thh:mm]: the creation time when the input carries none");
  cmd->add_option("--stages", args->stages,
                  "comma-separated stages to run: tokens,tags,parse,timex,events,tlinks "
                  "(default: all; a stage brings the stages it needs)");
  cmd->add_option("--keep", args->keep,
                  "timex,event: keep the input's own TIMEX3 / EVENT+MAKEINSTANCE instead of "
                  "predicting them (TempEval-3 Task C)");
  cmd->add_option("-o,--output", args->output,
                  "output file; a directory when INPUT is a directory (one output per input, "
                  "named after the input file, in the input's sub-folders); default: "
                  "standard output");
  cmd->add_option("--threads", args->threads, "documents annotated in parallel")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  args->batch_size = static_cast<int>(kBatchDocuments);
  cmd->add_option("--batch-size", args->batch_size,
                  "documents annotated together, stage by stage (a batch also ends at 1 MiB of "
                  "text); 1: one at a time. The output is the same for every value")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  cmd->add_option("--data", args->data_dir, "rule and lexicon folder (default: the checkout's data/)");
  cmd->add_option("--models", args->models_dir, "model folder (default: the checkout's models/)");
  cmd->add_option("--max-document-mb", args->max_document_mb,
                  "largest single document read whole (JSON lines are streamed and have no cap)")
      ->check(CLI::Range(1, 1 << 20))
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "no warnings on standard error");
  return cmd;
}

int RunAnnotate(const AnnotateArgs& args, const std::string& argv0) {
  auto fail = [](const Error& e) {
    PrintError(e);
    return ExitCodeFor(e.kind);
  };
  Result<Format> from = ParseFormat(args.from);
  if (!from.ok()) return fail(from.error());
  std::optional<Format> to;
  if (!args.to.empty()) {
    Result<Format> t = ParseFormat(args.to);
    if (!t.ok()) return fail(t.error());
    if (t.value() == Format::kAuto || t.value() == Format::kText) {
      return fail(Error::Usage("--to takes tml, json, jsonl, html or conllu"));
    }
    to = t.value();
  }

  PipelineOptions options;
  options.resources = FindResources({args.data_dir, args.models_dir}, argv0);
  options.stages = SplitList(args.stages);
  for (const std::string& k : SplitList(args.keep)) {
    if (k == "timex") options.keep_timex = true;
    else if (k == "event" || k == "events") options.keep_event = true;
    else return fail(Error::Usage(fmt::format("--keep takes timex and/or event, not \"{}\"", k)));
  }
  std::optional<std::string_view> dct;
  if (!args.dct.empty()) dct = args.dct;

  bool any_directory = false;
  Result<std::vector<InputFile>> files = ExpandInputs(args.inputs, from.value(), &any_directory);
  if (!files.ok()) return fail(files.error());
  if (files.value().empty()) {
    return fail(Error::Usage("no input files found (directories are searched for .txt, .tml, "
                             ".json, .jsonl and .conllu files)"));
  }

  // Decide every output before loading models, so usage errors come fast.
  const bool many = files.value().size() > 1 || any_directory;
  std::vector<Job> jobs;
  for (const InputFile& in : files.value()) {
    Job job;
    job.input = in.path;
    job.subdir = in.subdir;
    job.from = from.value() == Format::kAuto ? DetectFormat(in.path) : from.value();
    jobs.push_back(job);
  }
  auto output_format = [&](const Job& j) {
    if (to) return *to;
    if (j.from == Format::kTimeML) return Format::kTimeML;
    if (j.from == Format::kJsonl) return Format::kJsonl;
    return Format::kJson;
  };
  if (many) {
    if (args.output.empty()) {
      return fail(Error::Usage("several inputs: give an output directory with -o DIR"));
    }
    std::error_code ec;
    fs::create_directories(args.output, ec);
    if (!IsDirectory(args.output)) {
      return fail(Error::Io("cannot create the output directory", args.output));
    }
    std::map<std::string, const Job*> by_output;
    for (Job& j : jobs) {
      if (j.input == "-") return fail(Error::Usage("standard input cannot go to a directory"));
      Format f = output_format(j);
      std::string name = (f == j.from) ? BaseName(j.input)
                                       : Stem(j.input) + std::string(FormatExtension(f));
      fs::path dir = fs::path(args.output) / j.subdir;
      j.output = (dir / name).string();
      auto [it, fresh] = by_output.emplace(j.output, &j);
      if (!fresh) {
        return fail(Error::Usage(fmt::format("{} and {} would both be written to {}",
                                             it->second->input, j.input, j.output)));
      }
      if (!j.subdir.empty()) {
        fs::create_directories(dir, ec);
        if (!IsDirectory(dir.string())) {
          return fail(Error::Io("cannot create the output directory", dir.string()));
        }
      }
    }
  } else {
    jobs[0].output = args.output.empty() ? "-" : args.output;
    if (IsDirectory(jobs[0].output)) {
      Format f = output_format(jobs[0]);
      std::string base = jobs[0].input == "-" ? "stdin" : Stem(jobs[0].input);
      jobs[0].output = (fs::path(jobs[0].output) /
                        (f == jobs[0].from ? BaseName(jobs[0].input)
                                           : base + std::string(FormatExtension(f)))).string();
    }
  }

  Result<Pipeline> pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) return fail(pipeline.error());
  PrintWarnings(pipeline.value().warnings(), args.quiet);

  // Work units: a JSON lines input alone, or a run of consecutive
  // whole-document inputs forming one batch (kBatchTextBytes of input or
  // --batch-size documents, whichever comes first).
  const size_t batch_docs = static_cast<size_t>(std::max(args.batch_size, 1));
  struct Unit {
    size_t begin, end;  // jobs[begin, end)
    bool jsonl;
  };
  std::vector<Unit> units;
  for (size_t i = 0; i < jobs.size();) {
    if (jobs[i].from == Format::kJsonl) {
      units.push_back({i, i + 1, true});
      ++i;
      continue;
    }
    size_t e = i;
    uintmax_t bytes = 0;
    while (e < jobs.size() && jobs[e].from != Format::kJsonl && e - i < batch_docs &&
           bytes < kBatchTextBytes) {
      std::error_code ec;
      uintmax_t size = jobs[e].input == "-" ? 0 : fs::file_size(jobs[e].input, ec);
      if (!ec) bytes += size;
      ++e;
    }
    units.push_back({i, e, false});
    i = e;
  }

  // Errors are printed as they come; the exit code is that of the failing
  // input that comes first in input order (the same with any thread count).
  std::mutex err_mu;
  int exit_code = 0;
  size_t first_failure = jobs.size();
  auto report = [&](size_t job_index, const Error& e) {
    std::lock_guard<std::mutex> lock(err_mu);
    PrintError(e);
    if (job_index < first_failure) {
      first_failure = job_index;
      exit_code = ExitCodeFor(e.kind);
    }
  };
  auto run_unit = [&](const Unit& u, int inner_threads) {
    if (u.jsonl) {
      const Job& job = jobs[u.begin];
      Status s = RunJsonLines(pipeline.value(), job, output_format(job), inner_threads, batch_docs);
      if (!s.ok()) report(u.begin, s.error());
      return;
    }
    RunDocumentBatch(pipeline.value(), std::span<const Job>(jobs).subspan(u.begin, u.end - u.begin),
                     output_format, dct, args.quiet, args.max_document_mb,
                     [&](size_t i, const Error& e) { report(u.begin + i, e); });
  };
  if (args.threads <= 1 || units.size() == 1) {
    for (const Unit& u : units) run_unit(u, args.threads);
  } else {
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    const int n = static_cast<int>(std::min<size_t>(static_cast<size_t>(args.threads), units.size()));
    for (int t = 0; t < n; ++t) {
      pool.emplace_back([&] {
        for (size_t i; (i = next.fetch_add(1)) < units.size();) run_unit(units[i], 1);
      });
    }
    for (auto& th : pool) th.join();
  }
  return exit_code;
}

}  // namespace chronicle
