#include "reason/naive_closure.h"

namespace chronicle {

NaiveClosure NaiveClose(size_t node_count, const std::vector<IndexedLink>& links) {
  NaiveClosure c;
  const size_t n = 2 * node_count;
  c.points = n;
  c.matrix.assign(n * n, kAll);
  auto at = [&](size_t p, size_t q) -> PointRel& { return c.matrix[p * n + q]; };
  auto meet = [&](size_t p, size_t q, PointRel r) {
    at(p, q) &= r;
    at(q, p) &= Converse(r);
  };
  for (size_t p = 0; p < n; ++p) at(p, p) = kEq;
  for (size_t v = 0; v < node_count; ++v) meet(2 * v, 2 * v + 1, kLt);
  for (const IndexedLink& l : links) {
    IntervalRelation pts = ToPoints(l.rel);
    size_t xs = 2 * l.source, xe = xs + 1, ys = 2 * l.target, ye = ys + 1;
    meet(xs, ys, pts.p[kSS]);
    meet(xs, ye, pts.p[kSE]);
    meet(xe, ys, pts.p[kES]);
    meet(xe, ye, pts.p[kEE]);
  }
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        for (size_t k = 0; k < n; ++k) {
          PointRel now = at(i, j) & Compose(at(i, k), at(k, j));
          if (now != at(i, j)) {
            at(i, j) = now;
            changed = true;
          }
          if (now == kNone) {
            c.consistent = false;
            return c;
          }
        }
      }
    }
  }
  return c;
}

NaiveClosure NaiveCloseGreedy(size_t node_count, const std::vector<IndexedLink>& links,
                              std::vector<size_t>* accepted) {
  std::vector<IndexedLink> kept;
  accepted->clear();
  for (size_t i = 0; i < links.size(); ++i) {
    kept.push_back(links[i]);
    if (NaiveClose(node_count, kept).consistent) {
      accepted->push_back(i);
    } else {
      kept.pop_back();
    }
  }
  return NaiveClose(node_count, kept);
}

}  // namespace chronicle
