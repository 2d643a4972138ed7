// TemporalGraph: TLINKs over named intervals, closed incrementally.
//
// Nodes are named intervals (event instance ids "ei3", time ids "t2", the
// DCT "t0"). Each node has a start and an end point (start < end). After
// every Add the graph holds the closure: for every pair of points the
// tightest PointRel the added links entail (the labels path consistency
// gives; for the convex point relations TimeML produces these labels are
// exact, and the graph is consistent iff no label is empty).
//
//   TemporalGraph g;
//   g.Add("ei1", TimeMLRel::kBefore, "ei2");
//   g.Add("ei2", TimeMLRel::kBefore, "t1");
//   g.QueryTimeML("ei1", "t1");                   // kBefore (by closure)
//   g.Add("t1", TimeMLRel::kBefore, "ei1");        // kConflict, not added
//
//   Reduction red = Reduce(links);   // TempEval-3's reduced graph
//
// How: convex point relations are <, <=, = and their converses, so the
// closure is reachability in the graph of "<=" and "<" edges between points:
// p <= q is entailed iff a path leads from p to q, p < q iff some path does
// through a strict edge, and a link conflicts iff it closes a cycle holding a
// strict edge. Each point keeps two bit rows (points it is <= to, points it
// is < to); adding an edge p -> q ORs q's rows into the rows of every point
// that reaches p, O(n / 64) words per such point. A conflict is seen in O(1)
// before anything changes, and the rows touched by a half-added link are
// restored from an undo log. Closing a 200-event document takes well under a
// millisecond; a total order of n nodes (the worst case, every label decided)
// is O(n^3 / 64) (bench/closure_bench.cc). The naive fixed-point closure in
// naive_closure.h is the reference it is tested against.
// Not thread-safe for mutation; const methods may run concurrently.
#ifndef CHRONICLE_REASON_TEMPORAL_GRAPH_H_
#define CHRONICLE_REASON_TEMPORAL_GRAPH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reason/point_algebra.h"

namespace chronicle {

class TemporalGraph {
 public:
  using NodeId = uint32_t;

  enum class AddOutcome {
    kAdded,     // the link added information; the closure was updated
    kEntailed,  // the closure already implied it; nothing changed
    kConflict,  // it contradicts the closure; the graph is left unchanged
  };

  // Returns the node named `name`, creating it (related to nothing yet) when
  // it does not exist.
  NodeId AddNode(std::string_view name);
  std::optional<NodeId> FindNode(std::string_view name) const;
  size_t NodeCount() const { return names_.size(); }
  const std::string& NodeName(NodeId n) const { return names_[n]; }

  // Adds "a rel b" and restores path consistency. A self link (a == b) is
  // entailed when rel is SIMULTANEOUS-like and a conflict otherwise.
  AddOutcome Add(NodeId a, TimeMLRel rel, NodeId b);
  // Same, creating the nodes when needed.
  AddOutcome Add(std::string_view a, TimeMLRel rel, std::string_view b);

  // True when every model of the graph satisfies "a rel b". Unknown names
  // entail nothing (false), except a node with itself under SIMULTANEOUS.
  bool Entails(NodeId a, TimeMLRel rel, NodeId b) const;
  bool Entails(std::string_view a, TimeMLRel rel, std::string_view b) const;

  // The closed endpoint relations of a to b (all kAll when unrelated).
  IntervalRelation Query(NodeId a, NodeId b) const;
  // The TimeML relation a ? b when the closure pins one down, else nullopt
  // (unrelated, a disjunction, or an Allen relation TimeML cannot name).
  std::optional<TimeMLRel> QueryTimeML(NodeId a, NodeId b) const;
  std::optional<TimeMLRel> QueryTimeML(std::string_view a, std::string_view b) const;

  // Raw point access for tests and benchmarks: point 2n is the start of node
  // n, point 2n+1 its end.
  size_t PointCount() const { return 2 * names_.size(); }
  PointRel PointRelation(uint32_t p, uint32_t q) const;

 private:
  // Bit rows: le_ row of p has bit q when p <= q is entailed (p itself
  // included), lt_ row when p < q is.
  const uint64_t* Row(const std::vector<uint64_t>& m, uint32_t p) const {
    return &m[static_cast<size_t>(p) * words_];
  }
  bool Bit(const std::vector<uint64_t>& m, uint32_t p, uint32_t q) const {
    return (Row(m, p)[q >> 6] >> (q & 63)) & 1;
  }
  bool Le(uint32_t p, uint32_t q) const { return Bit(le_, p, q); }
  bool Lt(uint32_t p, uint32_t q) const { return Bit(lt_, p, q); }
  void Grow(size_t points);
  // Adds p <= q (strict: p < q) and closes. Returns false, changing
  // nothing, when it contradicts the closure.
  bool AddEdge(uint32_t p, uint32_t q, bool strict);
  void Rollback();

  std::vector<std::string> names_;
  std::unordered_map<std::string, NodeId> ids_;
  size_t words_ = 0;  // 64-bit words a row (capacity in points / 64)
  std::vector<uint64_t> le_;
  std::vector<uint64_t> lt_;
  // Undo log of the Add in progress: the point whose rows changed, and its
  // old le_ and lt_ rows (2 * words_ each) in saved_.
  std::vector<uint32_t> trail_points_;
  std::vector<uint64_t> saved_;
};

// A TLINK by node names, for the functions below.
struct Link {
  std::string source;
  TimeMLRel rel = TimeMLRel::kBefore;
  std::string target;
  friend bool operator==(const Link&, const Link&) = default;
};

// The index of the first link that contradicts the links before it (the
// conflicting relation), or nullopt when all of them are consistent.
std::optional<size_t> FindConflict(const std::vector<Link>& links);

// TempEval-3's reduced graph (UzZaman & Allen 2011, as the official scorer
// builds it): links are taken in order; a link the earlier accepted links
// already entail is dropped as redundant, a link that contradicts them is
// kept in `kept` but not added to `graph` (the scorer scores violations
// too), any other link is kept and added. `graph` is the closure of the
// accepted links. Indices refer to `links`.
struct Reduction {
  std::vector<size_t> kept;         // reduced form, including conflicts
  std::vector<size_t> redundant;    // entailed by earlier links
  std::vector<size_t> conflicting;  // subset of kept not added to graph
  TemporalGraph graph;
};
Reduction Reduce(const std::vector<Link>& links);

// A minimal reduced form: the consistent links of Reduce() minus every link
// the others entail, checked from the last one back, so that no link of the
// result is implied by the rest. Its closure equals Reduce(links).graph.
// Costs one closure per kept link.
std::vector<size_t> MinimalReduce(const std::vector<Link>& links);

}  // namespace chronicle

#endif  // CHRONICLE_REASON_TEMPORAL_GRAPH_H_
