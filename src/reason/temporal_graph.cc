#include "reason/temporal_graph.h"

#include <algorithm>
#include <cassert>
#include <iterator>

namespace chronicle {

// Data layout: le_ and lt_ are row-major bit matrices over all endpoints,
// words_ 64-bit words a row, grown by doubling. Invariants between calls:
// both are transitively closed (le_ also reflexive), lt_ is a subset of
// le_, no point is lt_ itself (consistency), and start(n) < end(n).

TemporalGraph::NodeId TemporalGraph::AddNode(std::string_view name) {
  auto it = ids_.find(std::string(name));
  if (it != ids_.end()) return it->second;
  NodeId id = static_cast<NodeId>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  Grow(2 * names_.size());
  const uint32_t s = 2 * id, e = s + 1;
  uint64_t* le_s = &le_[s * words_];
  uint64_t* le_e = &le_[e * words_];
  uint64_t* lt_s = &lt_[s * words_];
  std::fill_n(le_s, 2 * words_, 0);  // rows s and e are adjacent
  std::fill_n(lt_s, 2 * words_, 0);
  le_s[s >> 6] |= uint64_t{1} << (s & 63);
  le_s[e >> 6] |= uint64_t{1} << (e & 63);
  lt_s[e >> 6] |= uint64_t{1} << (e & 63);
  le_e[e >> 6] |= uint64_t{1} << (e & 63);
  return id;
}

std::optional<TemporalGraph::NodeId> TemporalGraph::FindNode(std::string_view name) const {
  auto it = ids_.find(std::string(name));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

void TemporalGraph::Grow(size_t points) {
  if (points <= words_ * 64) return;
  size_t words = std::max<size_t>(1, words_ * 2);
  while (words * 64 < points) words *= 2;
  size_t rows = words * 64;
  size_t used = 2 * (names_.size() - 1);  // points present before this node
  for (std::vector<uint64_t>* m : {&le_, &lt_}) {
    std::vector<uint64_t> grown(rows * words, 0);
    for (size_t p = 0; p < used; ++p) {
      std::copy_n(m->begin() + p * words_, words_, grown.begin() + p * words);
    }
    m->swap(grown);
  }
  words_ = words;
}

PointRel TemporalGraph::PointRelation(uint32_t p, uint32_t q) const {
  if (Lt(p, q)) return kLt;
  if (Lt(q, p)) return kGt;
  bool le = Le(p, q), ge = Le(q, p);
  if (le && ge) return kEq;
  if (le) return kLe;
  if (ge) return kGe;
  return kAll;
}

// Every new path runs x ->* p -> q ->* y with x any point that reaches p,
// so x's rows gain q's rows; the path is strict when the new edge is, or
// x < p, or q < y. Rows of q itself never change here: q reaching p means
// q <= p, which with a strict edge or q < p is the conflict rejected first.
bool TemporalGraph::AddEdge(uint32_t p, uint32_t q, bool strict) {
  if (strict ? Le(q, p) : Lt(q, p)) return false;
  if (strict ? Lt(p, q) : Le(p, q)) return true;
  const uint32_t n = static_cast<uint32_t>(PointCount());
  const uint64_t* le_q = Row(le_, q);
  const uint64_t* lt_q = Row(lt_, q);
  for (uint32_t x = 0; x < n; ++x) {
    if (!Le(x, p)) continue;
    const uint64_t* add_lt = (strict || Lt(x, p)) ? le_q : lt_q;
    uint64_t* le_x = &le_[static_cast<size_t>(x) * words_];
    uint64_t* lt_x = &lt_[static_cast<size_t>(x) * words_];
    bool changes = false;
    for (size_t w = 0; w < words_ && !changes; ++w) {
      changes = (le_q[w] & ~le_x[w]) || (add_lt[w] & ~lt_x[w]);
    }
    if (!changes) continue;
    trail_points_.push_back(x);
    saved_.insert(saved_.end(), le_x, le_x + words_);
    saved_.insert(saved_.end(), lt_x, lt_x + words_);
    for (size_t w = 0; w < words_; ++w) {
      le_x[w] |= le_q[w];
      lt_x[w] |= add_lt[w];
    }
  }
  return true;
}

void TemporalGraph::Rollback() {
  for (size_t i = trail_points_.size(); i-- > 0;) {
    const uint64_t* old = &saved_[i * 2 * words_];
    std::copy_n(old, words_, &le_[static_cast<size_t>(trail_points_[i]) * words_]);
    std::copy_n(old + words_, words_, &lt_[static_cast<size_t>(trail_points_[i]) * words_]);
  }
  trail_points_.clear();
  saved_.clear();
}

TemporalGraph::AddOutcome TemporalGraph::Add(NodeId a, TimeMLRel rel, NodeId b) {
  assert(a < names_.size() && b < names_.size());
  if (Entails(a, rel, b)) return AddOutcome::kEntailed;
  trail_points_.clear();
  saved_.clear();
  const IntervalRelation pts = ToPoints(rel);
  const uint32_t xs = 2 * a, xe = xs + 1, ys = 2 * b, ye = ys + 1;
  const uint32_t from[4] = {xs, xs, xe, xe};
  const uint32_t to[4] = {ys, ye, ys, ye};
  bool ok = true;
  for (int i = 0; i < 4 && ok; ++i) {
    switch (pts.p[i]) {
      case kLt: ok = AddEdge(from[i], to[i], true); break;
      case kGt: ok = AddEdge(to[i], from[i], true); break;
      case kEq: ok = AddEdge(from[i], to[i], false) && AddEdge(to[i], from[i], false); break;
      default: assert(false && "TimeML relations have basic endpoint relations");
    }
  }
  if (!ok) {
    Rollback();
    return AddOutcome::kConflict;
  }
  trail_points_.clear();
  saved_.clear();
  return AddOutcome::kAdded;
}

TemporalGraph::AddOutcome TemporalGraph::Add(std::string_view a, TimeMLRel rel,
                                             std::string_view b) {
  NodeId na = AddNode(a);
  NodeId nb = AddNode(b);
  return Add(na, rel, nb);
}

IntervalRelation TemporalGraph::Query(NodeId a, NodeId b) const {
  const uint32_t xs = 2 * a, xe = xs + 1, ys = 2 * b, ye = ys + 1;
  IntervalRelation r;
  r.p[kSS] = PointRelation(xs, ys);
  r.p[kSE] = PointRelation(xs, ye);
  r.p[kES] = PointRelation(xe, ys);
  r.p[kEE] = PointRelation(xe, ye);
  return r;
}

bool TemporalGraph::Entails(NodeId a, TimeMLRel rel, NodeId b) const {
  // The labels are minimal, so the link holds in every model iff each
  // endpoint label is inside the link's own (closed) endpoint relation.
  const IntervalRelation want = ToPoints(rel);
  const IntervalRelation have = Query(a, b);
  for (int i = 0; i < 4; ++i) {
    if ((have.p[i] & ~want.p[i]) != 0) return false;
  }
  return true;
}

bool TemporalGraph::Entails(std::string_view a, TimeMLRel rel, std::string_view b) const {
  auto na = FindNode(a);
  auto nb = FindNode(b);
  if (!na || !nb) return a == b && Normalize(rel) == TimeMLRel::kSimultaneous;
  return Entails(*na, rel, *nb);
}

std::optional<TimeMLRel> TemporalGraph::QueryTimeML(NodeId a, NodeId b) const {
  return FromPoints(Query(a, b));
}

std::optional<TimeMLRel> TemporalGraph::QueryTimeML(std::string_view a,
                                                   std::string_view b) const {
  auto na = FindNode(a);
  auto nb = FindNode(b);
  if (!na || !nb) return std::nullopt;
  return QueryTimeML(*na, *nb);
}

std::optional<size_t> FindConflict(const std::vector<Link>& links) {
  TemporalGraph g;
  for (size_t i = 0; i < links.size(); ++i) {
    if (g.Add(links[i].source, links[i].rel, links[i].target) ==
        TemporalGraph::AddOutcome::kConflict) {
      return i;
    }
  }
  return std::nullopt;
}

Reduction Reduce(const std::vector<Link>& links) {
  Reduction out;
  for (size_t i = 0; i < links.size(); ++i) {
    switch (out.graph.Add(links[i].source, links[i].rel, links[i].target)) {
      case TemporalGraph::AddOutcome::kAdded:
        out.kept.push_back(i);
        break;
      case TemporalGraph::AddOutcome::kEntailed:
        out.redundant.push_back(i);
        break;
      case TemporalGraph::AddOutcome::kConflict:
        out.kept.push_back(i);
        out.conflicting.push_back(i);
        break;
    }
  }
  return out;
}

std::vector<size_t> MinimalReduce(const std::vector<Link>& links) {
  Reduction red = Reduce(links);
  std::vector<size_t> keep;
  std::set_difference(red.kept.begin(), red.kept.end(), red.conflicting.begin(),
                      red.conflicting.end(), std::back_inserter(keep));
  // Walking back, drop a link when the remaining ones entail it; removing an
  // entailed link leaves the closure unchanged, so later checks stay valid.
  for (size_t pos = keep.size(); pos-- > 0;) {
    TemporalGraph g;
    for (size_t j = 0; j < keep.size(); ++j) {
      if (j != pos) g.Add(links[keep[j]].source, links[keep[j]].rel, links[keep[j]].target);
    }
    const Link& l = links[keep[pos]];
    if (g.Entails(l.source, l.rel, l.target)) keep.erase(keep.begin() + pos);
  }
  return keep;
}

}  // namespace chronicle
