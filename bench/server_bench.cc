// `chronicle serve` against the alternatives, in one run, on the text of
// all 256 TBAQ documents (tags stripped, DCT passed as ?dct=):
//
//   BM_Service         the server's own work without sockets (read the body,
//                      all stages, write JSON): the floor
//   BM_HttpLoopback    the same requests over HTTP on 127.0.0.1, one
//                      keep-alive connection (counter http_overhead_pct)
//   BM_ProcessPerDocument  what a user without the server does: one
//                      `chronicle annotate` process a document (pays model
//                      loading every time), on the first 8 documents;
//                      counter per_document_ms against the server's
//
//   build/server_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>
#include <httplib.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/pipeline.h"
#include "server/server.h"
#include "tbaq_corpus.h"

namespace chronicle {
namespace {

struct Request {
  std::string dct;
  std::string text;
};

const std::vector<Request>& Corpus() {
  static const std::vector<Request> docs = [] {
    std::vector<Request> out;
    for (const Document& d : TbaqDocuments()) {
      if (d.dct) out.push_back({d.dct->value.substr(0, 10), d.text});
    }
    return out;
  }();
  return docs;
}

int64_t CorpusBytes() { return TbaqBytes(); }

const Pipeline& FullPipeline() {
  static const Pipeline* p = [] {
    PipelineOptions o;
    o.resources = FindResources({}, "");
    Result<Pipeline> r = Pipeline::Create(o);
    if (!r.ok()) {
      std::fprintf(stderr, "server_bench: %s\n", r.error().ToString().c_str());
      std::exit(1);
    }
    return new Pipeline(std::move(r).value());
  }();
  return *p;
}

double g_service_ms_per_pass = 0;  // set by BM_Service, read by the others
double g_http_ms_per_document = 0;

double WallNowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

double CpuNowMs() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void BM_Service(benchmark::State& state) {
  Service service(&FullPipeline());
  // One untimed pass: the timex stage builds its matcher state on first use,
  // which the HTTP row (run after this one) would otherwise not pay.
  for (const Request& r : Corpus()) (void)service.Handle("POST", "/annotate", {{"dct", r.dct}}, r.text);
  size_t bytes_out = 0;
  double start = CpuNowMs();
  for (auto _ : state) {
    for (const Request& r : Corpus()) {
      HttpReply reply = service.Handle("POST", "/annotate", {{"dct", r.dct}}, r.text);
      if (reply.status != 200) state.SkipWithError(reply.body.c_str());
      bytes_out += reply.body.size();
    }
  }
  g_service_ms_per_pass = (CpuNowMs() - start) / static_cast<double>(state.iterations());
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
  state.counters["json_out_MB"] = static_cast<double>(bytes_out) / 1e6 / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Service)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

void BM_HttpLoopback(benchmark::State& state) {
  Service service(&FullPipeline());
  HttpServer server(&service, {.host = "127.0.0.1", .port = 0});
  Result<int> port = server.Bind();
  if (!port.ok()) {
    state.SkipWithError(port.error().ToString().c_str());
    return;
  }
  std::thread serving([&] { (void)server.Serve(); });
  httplib::Client client("127.0.0.1", port.value());
  client.set_keep_alive(true);
  client.set_tcp_nodelay(true);
  client.set_read_timeout(60, 0);
  double start = CpuNowMs();
  double wall_start = WallNowMs();
  for (auto _ : state) {
    for (const Request& r : Corpus()) {
      auto res = client.Post(("/annotate?dct=" + r.dct).c_str(), r.text, "text/plain");
      if (!res || res->status != 200) {
        state.SkipWithError("request failed");
        break;
      }
      benchmark::DoNotOptimize(res->body.data());
    }
  }
  double ms_per_pass = (CpuNowMs() - start) / static_cast<double>(state.iterations());
  double wall_ms_per_pass = (WallNowMs() - wall_start) / static_cast<double>(state.iterations());
  server.Stop();
  serving.join();
  state.SetBytesProcessed(state.iterations() * CorpusBytes());
  g_http_ms_per_document = wall_ms_per_pass / static_cast<double>(Corpus().size());
  state.counters["per_document_ms"] = g_http_ms_per_document;
  if (g_service_ms_per_pass > 0) {
    state.counters["http_overhead_pct"] = 100.0 * (ms_per_pass / g_service_ms_per_pass - 1.0);
  }
}
// Client and server threads both count: process CPU time, wall time shown.
BENCHMARK(BM_HttpLoopback)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();

void BM_ProcessPerDocument(benchmark::State& state) {
  namespace fs = std::filesystem;
  const size_t n = std::min<size_t>(8, Corpus().size());
  fs::path dir = fs::temp_directory_path() / ("server_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (size_t i = 0; i < n; ++i) {
    std::FILE* f = std::fopen((dir / (std::to_string(i) + ".txt")).c_str(), "wb");
    std::string body = "date " + Corpus()[i].dct + "\n" + Corpus()[i].text;
    std::fwrite(body.data(), 1, body.size(), f);
    std::fclose(f);
  }
  double wall_start = WallNowMs();
  for (auto _ : state) {
    for (size_t i = 0; i < n; ++i) {
      std::string cmd = std::string("'") + CHRONICLE_BIN + "' annotate -q '" +
                        (dir / (std::to_string(i) + ".txt")).string() + "' -o '" +
                        (dir / (std::to_string(i) + ".json")).string() + "'";
      if (std::system(cmd.c_str()) != 0) state.SkipWithError("chronicle annotate failed");
    }
  }
  double per_document_ms =
      (WallNowMs() - wall_start) / static_cast<double>(state.iterations() * n);
  fs::remove_all(dir);
  state.counters["documents"] = static_cast<double>(n);
  state.counters["per_document_ms"] = per_document_ms;
  if (g_http_ms_per_document > 0) {
    // How many times faster the server answers a document (the mean over
    // all of TBAQ) than a fresh process does (the first 8 documents).
    state.counters["server_speedup"] = per_document_ms / g_http_ms_per_document;
  }
}
// Child processes: wall time is the measure.
BENCHMARK(BM_ProcessPerDocument)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

}  // namespace
}  // namespace chronicle

BENCHMARK_MAIN();
