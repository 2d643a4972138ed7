// The obvious closure, kept as the reference the fast TemporalGraph is
// tested and benchmarked against (see temporal_graph_test.cc and
// bench/closure_bench.cc): it rebuilds the point matrix from scratch and
// sweeps every triple until nothing changes. O(iterations * (2n)^3); use it
// only on small graphs or to measure.
//
//   NaiveClosure c = NaiveClose(3, {{0, TimeMLRel::kBefore, 1},
//                                   {1, TimeMLRel::kBefore, 2}});
//   c.consistent;                 // true
//   c.At(1, 4) == kLt;            // end of node 0 < start of node 2
//
// Pure function; thread-safe.
#ifndef CHRONICLE_REASON_NAIVE_CLOSURE_H_
#define CHRONICLE_REASON_NAIVE_CLOSURE_H_

#include <cstdint>
#include <vector>

#include "reason/point_algebra.h"

namespace chronicle {

struct IndexedLink {
  uint32_t source = 0;  // node index, < node_count
  TimeMLRel rel = TimeMLRel::kBefore;
  uint32_t target = 0;
};

struct NaiveClosure {
  bool consistent = true;
  size_t points = 0;            // 2 * node_count; point 2n+1 ends node n
  std::vector<PointRel> matrix;  // points x points, row-major
  PointRel At(size_t p, size_t q) const { return matrix[p * points + q]; }
};

// Closes all `links` at once. When they are inconsistent, `consistent` is
// false and the matrix holds whatever the sweep reached.
NaiveClosure NaiveClose(size_t node_count, const std::vector<IndexedLink>& links);

// The naive counterpart of Reduce()'s acceptance rule: takes the links in
// order and keeps one only if all kept links plus it are still consistent
// (closing from scratch each time). Returns the closure of the kept links
// and, in *accepted, their indices.
NaiveClosure NaiveCloseGreedy(size_t node_count, const std::vector<IndexedLink>& links,
                              std::vector<size_t>* accepted);

}  // namespace chronicle

#endif  // CHRONICLE_REASON_NAIVE_CLOSURE_H_
