// Closure speed: the incremental TemporalGraph against the naive fixed-point
// closure (reason/naive_closure.h) on the same graphs, in the same run, and
// the worst cases for the incremental one.
//
//   build/closure_bench --benchmark_min_time=0.2
//
// Graphs:
//  - Document: n nodes shaped like a TimeBank document (n events, n/5 times
//    and the DCT): each node gets its true relation to the DCT, to the
//    previous node and to one random earlier node, drawn from random
//    intervals so the graph is consistent; about 3 links a node.
//  - ChainInOrder / ChainShuffled / ChainReversed: n-1 BEFORE links forming
//    one total order, so every one of the (2n)^2 point labels gets decided.
//    In order is the worst case found for the incremental closure: each new
//    link extends the end of the chain, so the bit rows of every earlier
//    point change, n^2 / 2 row updates of n / 32 words in all (rows only
//    grow, so no input can do asymptotically more). Reversed order touches
//    only the new node's rows; shuffled lies between.
// The naive closure is run on the document graphs and the in-order chain.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "reason/naive_closure.h"
#include "reason/temporal_graph.h"

namespace chronicle {
namespace {

struct Interval {
  int begin, end;
};

// The TimeML relation between two integer intervals, if TimeML names it.
std::optional<TimeMLRel> RelationOf(Interval x, Interval y) {
  auto cmp = [](int a, int b) -> PointRel { return a < b ? kLt : a == b ? kEq : kGt; };
  IntervalRelation r{{cmp(x.begin, y.begin), cmp(x.begin, y.end), cmp(x.end, y.begin),
                      cmp(x.end, y.end)}};
  return FromPoints(r);
}

std::vector<IndexedLink> DocumentGraph(size_t events, uint32_t seed) {
  std::mt19937 rng(seed);
  const size_t nodes = events + events / 5 + 1;  // node 0 is the DCT
  std::vector<Interval> iv(nodes);
  iv[0] = {900, 1000};
  for (size_t i = 1; i < nodes; ++i) {
    int b = static_cast<int>(rng() % 1000);
    iv[i] = {b, b + 1 + static_cast<int>(rng() % 60)};
  }
  std::vector<IndexedLink> links;
  auto link = [&](size_t a, size_t b) {
    if (auto r = RelationOf(iv[a], iv[b])) {
      links.push_back({static_cast<uint32_t>(a), *r, static_cast<uint32_t>(b)});
    }
  };
  for (size_t i = 1; i < nodes; ++i) {
    link(i, 0);
    link(i, i - 1);
    link(i, rng() % i);
  }
  return links;
}

std::vector<IndexedLink> Chain(size_t n, int order, uint32_t seed) {
  std::vector<IndexedLink> links;
  for (uint32_t i = 0; i + 1 < n; ++i) links.push_back({i, TimeMLRel::kBefore, i + 1});
  if (order == 1) std::shuffle(links.begin(), links.end(), std::mt19937(seed));
  if (order == 2) std::reverse(links.begin(), links.end());
  return links;
}

size_t NodeCount(const std::vector<IndexedLink>& links) {
  uint32_t m = 0;
  for (const auto& l : links) m = std::max({m, l.source, l.target});
  return m + 1;
}

void RunFast(benchmark::State& state, const std::vector<IndexedLink>& links) {
  const size_t nodes = NodeCount(links);
  std::vector<std::string> names;
  for (size_t i = 0; i < nodes; ++i) names.push_back("n" + std::to_string(i));
  for (auto _ : state) {
    TemporalGraph g;
    for (const auto& name : names) g.AddNode(name);
    for (const auto& l : links) benchmark::DoNotOptimize(g.Add(l.source, l.rel, l.target));
    benchmark::DoNotOptimize(g.PointRelation(0, 1));
  }
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["links"] = static_cast<double>(links.size());
}

void RunNaive(benchmark::State& state, const std::vector<IndexedLink>& links) {
  const size_t nodes = NodeCount(links);
  for (auto _ : state) {
    NaiveClosure c = NaiveClose(nodes, links);
    benchmark::DoNotOptimize(c.consistent);
  }
  state.counters["nodes"] = static_cast<double>(nodes);
  state.counters["links"] = static_cast<double>(links.size());
}

void BM_FastDocument(benchmark::State& s) { RunFast(s, DocumentGraph(s.range(0), 7)); }
void BM_NaiveDocument(benchmark::State& s) { RunNaive(s, DocumentGraph(s.range(0), 7)); }
void BM_FastChainInOrder(benchmark::State& s) { RunFast(s, Chain(s.range(0), 0, 7)); }
void BM_NaiveChainInOrder(benchmark::State& s) { RunNaive(s, Chain(s.range(0), 0, 7)); }
void BM_FastChainShuffled(benchmark::State& s) { RunFast(s, Chain(s.range(0), 1, 7)); }
void BM_FastChainReversed(benchmark::State& s) { RunFast(s, Chain(s.range(0), 2, 7)); }

BENCHMARK(BM_FastDocument)->Arg(50)->Arg(100)->Arg(200)->Arg(400)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NaiveDocument)->Arg(50)->Arg(100)->Arg(200)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FastChainInOrder)->Arg(100)->Arg(240)->Arg(500)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NaiveChainInOrder)->Arg(100)->Arg(240)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FastChainShuffled)->Arg(100)->Arg(240)->Arg(500)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FastChainReversed)->Arg(100)->Arg(240)->Arg(500)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace chronicle

BENCHMARK_MAIN();
