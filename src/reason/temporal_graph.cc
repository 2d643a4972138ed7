#include "reason/temporal_graph.h"

#include <algorithm>
#include <cassert>
#include <iterator>

namespace chronicle {

// Data layout: one square byte matrix over all endpoints, stride cap_, grown
// by doubling so that adding nodes one by one stays amortized O(n^2) in
// total. Invariants between calls: m_[p][p] == kEq, m_[q][p] ==
// Converse(m_[p][q]), start(n) < end(n), and the matrix is path-consistent
// (for all p, q, k: m_[p][q] is a subset of m_[p][k] ; m_[k][q]).

TemporalGraph::NodeId TemporalGraph::AddNode(std::string_view name) {
  auto it = ids_.find(std::string(name));
  if (it != ids_.end()) return it->second;
  NodeId id = static_cast<NodeId>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  Grow(2 * names_.size());
  uint32_t s = 2 * id, e = s + 1;
  for (uint32_t q = 0; q < 2 * id + 2; ++q) {
    At(s, q) = At(q, s) = kAll;
    At(e, q) = At(q, e) = kAll;
  }
  At(s, s) = At(e, e) = kEq;
  At(s, e) = kLt;
  At(e, s) = kGt;
  return id;
}

std::optional<TemporalGraph::NodeId> TemporalGraph::FindNode(std::string_view name) const {
  auto it = ids_.find(std::string(name));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

void TemporalGraph::Grow(size_t points) {
  if (points <= cap_) return;
  size_t cap = std::max<size_t>(16, cap_ * 2);
  while (cap < points) cap *= 2;
  std::vector<PointRel> m(cap * cap, kAll);
  size_t used = 2 * (names_.size() - 1);  // points present before this node
  for (size_t p = 0; p < used; ++p) {
    std::copy_n(m_.begin() + p * cap_, used, m.begin() + p * cap);
  }
  m_.swap(m);
  cap_ = cap;
}

bool TemporalGraph::Tighten(uint32_t p, uint32_t q, PointRel r) {
  PointRel old = At(p, q);
  PointRel now = old & r;
  if (now == old) return true;
  trail_.push_back({p, q, old});
  At(p, q) = now;
  At(q, p) = Converse(now);
  if (now == kNone) return false;
  queue_.emplace_back(p, q);
  return true;
}

// Allen's propagation: a label (i, j) that changed can only tighten the
// labels of triangles through the edge i-j, i.e. (i, k) via (i, j);(j, k)
// and (k, j) via (k, i);(i, j). The converse triangles are covered because
// the matrix is stored symmetrically.
bool TemporalGraph::Propagate() {
  const uint32_t n = static_cast<uint32_t>(PointCount());
  while (!queue_.empty()) {
    auto [i, j] = queue_.back();
    queue_.pop_back();
    const PointRel rij = At(i, j);
    const PointRel* row_j = &m_[j * cap_];
    const PointRel* row_i = &m_[i * cap_];
    for (uint32_t k = 0; k < n; ++k) {
      if (k == i || k == j) continue;
      PointRel rjk = row_j[k];
      if (rjk != kAll) {
        PointRel c = Compose(rij, rjk);
        if (c != kAll && (row_i[k] & c) != row_i[k] && !Tighten(i, k, c)) return false;
      }
      PointRel rki = Converse(row_i[k]);
      if (rki != kAll) {
        PointRel c = Compose(rki, rij);
        PointRel rkj = Converse(row_j[k]);
        if (c != kAll && (rkj & c) != rkj && !Tighten(k, j, c)) return false;
      }
    }
  }
  return true;
}

void TemporalGraph::Rollback() {
  for (auto it = trail_.rbegin(); it != trail_.rend(); ++it) {
    At(it->p, it->q) = it->old;
    At(it->q, it->p) = Converse(it->old);
  }
  trail_.clear();
  queue_.clear();
}

TemporalGraph::AddOutcome TemporalGraph::Add(NodeId a, TimeMLRel rel, NodeId b) {
  assert(a < names_.size() && b < names_.size());
  if (Entails(a, rel, b)) return AddOutcome::kEntailed;
  trail_.clear();
  queue_.clear();
  const IntervalRelation pts = ToPoints(rel);
  const uint32_t xs = 2 * a, xe = xs + 1, ys = 2 * b, ye = ys + 1;
  const uint32_t from[4] = {xs, xs, xe, xe};
  const uint32_t to[4] = {ys, ye, ys, ye};
  bool ok = true;
  for (int i = 0; i < 4 && ok; ++i) ok = Tighten(from[i], to[i], pts.p[i]);
  if (ok) ok = Propagate();
  if (!ok) {
    Rollback();
    return AddOutcome::kConflict;
  }
  trail_.clear();
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
