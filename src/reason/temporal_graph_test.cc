#include "reason/temporal_graph.h"

#include <gtest/gtest.h>

#include <random>

#include "reason/naive_closure.h"

namespace chronicle {
namespace {

using Outcome = TemporalGraph::AddOutcome;

TEST(TemporalGraph, BeforeIsTransitive) {
  TemporalGraph g;
  EXPECT_EQ(g.Add("a", TimeMLRel::kBefore, "b"), Outcome::kAdded);
  EXPECT_EQ(g.Add("b", TimeMLRel::kBefore, "c"), Outcome::kAdded);
  EXPECT_EQ(g.QueryTimeML("a", "c"), TimeMLRel::kBefore);
  EXPECT_EQ(g.QueryTimeML("c", "a"), TimeMLRel::kAfter);
  EXPECT_TRUE(g.Entails("a", TimeMLRel::kBefore, "c"));
  EXPECT_TRUE(g.Entails("c", TimeMLRel::kAfter, "a"));
  EXPECT_FALSE(g.Entails("a", TimeMLRel::kIBefore, "c"));
  EXPECT_EQ(g.Add("a", TimeMLRel::kBefore, "c"), Outcome::kEntailed);
}

TEST(TemporalGraph, MixedRelationsCompose) {
  TemporalGraph g;
  // a IBEFORE b, b BEGINS c: a ends where c starts, so a IBEFORE c.
  g.Add("a", TimeMLRel::kIBefore, "b");
  g.Add("b", TimeMLRel::kBegins, "c");
  EXPECT_EQ(g.QueryTimeML("a", "c"), TimeMLRel::kIBefore);
  // d IS_INCLUDED c, c SIMULTANEOUS e: d IS_INCLUDED e.
  g.Add("d", TimeMLRel::kIsIncluded, "c");
  g.Add("c", TimeMLRel::kIdentity, "e");
  EXPECT_EQ(g.QueryTimeML("d", "e"), TimeMLRel::kIsIncluded);
  EXPECT_EQ(g.QueryTimeML("e", "d"), TimeMLRel::kIncludes);
  // b starts with c and d starts strictly inside c, so b starts first; how
  // their ends relate is unknown, so no TimeML relation is pinned down.
  EXPECT_EQ(g.QueryTimeML("b", "d"), std::nullopt);
  IntervalRelation bd = g.Query(*g.FindNode("b"), *g.FindNode("d"));
  EXPECT_EQ(bd.p[kSS], kLt);
  EXPECT_EQ(bd.p[kEE], kAll);
}

TEST(TemporalGraph, ConflictLeavesGraphUnchanged) {
  TemporalGraph g;
  g.Add("a", TimeMLRel::kBefore, "b");
  g.Add("b", TimeMLRel::kIncludes, "c");
  g.Add("x", TimeMLRel::kSimultaneous, "y");
  std::vector<PointRel> before;
  for (uint32_t p = 0; p < g.PointCount(); ++p)
    for (uint32_t q = 0; q < g.PointCount(); ++q) before.push_back(g.PointRelation(p, q));
  // c is inside b, b after a: "c BEFORE a" contradicts.
  EXPECT_EQ(g.Add("c", TimeMLRel::kBefore, "a"), Outcome::kConflict);
  size_t i = 0;
  for (uint32_t p = 0; p < g.PointCount(); ++p)
    for (uint32_t q = 0; q < g.PointCount(); ++q) EXPECT_EQ(g.PointRelation(p, q), before[i++]);
  EXPECT_EQ(g.QueryTimeML("a", "c"), TimeMLRel::kBefore);
}

TEST(TemporalGraph, SelfLinks) {
  TemporalGraph g;
  EXPECT_EQ(g.Add("a", TimeMLRel::kSimultaneous, "a"), Outcome::kEntailed);
  EXPECT_EQ(g.Add("a", TimeMLRel::kBefore, "a"), Outcome::kConflict);
  EXPECT_EQ(g.Add("a", TimeMLRel::kIncludes, "a"), Outcome::kConflict);
  EXPECT_TRUE(g.Entails("unknown", TimeMLRel::kIdentity, "unknown"));
  EXPECT_FALSE(g.Entails("unknown", TimeMLRel::kBefore, "other"));
}

TEST(TemporalGraph, GrowsPastInitialCapacity) {
  TemporalGraph g;
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(g.Add("n" + std::to_string(i), TimeMLRel::kBefore, "n" + std::to_string(i + 1)),
              Outcome::kAdded);
  }
  EXPECT_EQ(g.NodeCount(), 101u);
  EXPECT_EQ(g.QueryTimeML("n0", "n100"), TimeMLRel::kBefore);
  EXPECT_EQ(g.Add("n100", TimeMLRel::kBefore, "n0"), Outcome::kConflict);
}

TEST(FindConflict, ReturnsTheFirstContradictingLink) {
  std::vector<Link> links = {{"a", TimeMLRel::kBefore, "b"},
                             {"b", TimeMLRel::kBefore, "c"},
                             {"c", TimeMLRel::kIncludes, "d"},
                             {"d", TimeMLRel::kBefore, "a"},
                             {"a", TimeMLRel::kAfter, "c"}};
  EXPECT_EQ(FindConflict(links), 3u);
  links.erase(links.begin() + 3);
  EXPECT_EQ(FindConflict(links), 3u);  // now "a AFTER c"
  links.pop_back();
  EXPECT_EQ(FindConflict(links), std::nullopt);
}

TEST(Reduce, DropsLinksEntailedByEarlierOnes) {
  std::vector<Link> links = {{"a", TimeMLRel::kBefore, "b"},
                             {"b", TimeMLRel::kBefore, "c"},
                             {"a", TimeMLRel::kBefore, "c"},     // entailed
                             {"c", TimeMLRel::kAfter, "a"},      // entailed (inverse)
                             {"c", TimeMLRel::kBefore, "a"},     // conflict
                             {"c", TimeMLRel::kIncludes, "d"}};
  Reduction r = Reduce(links);
  EXPECT_EQ(r.kept, (std::vector<size_t>{0, 1, 4, 5}));
  EXPECT_EQ(r.redundant, (std::vector<size_t>{2, 3}));
  EXPECT_EQ(r.conflicting, (std::vector<size_t>{4}));
  EXPECT_EQ(r.graph.QueryTimeML("a", "d"), TimeMLRel::kBefore);
}

TEST(MinimalReduce, RemovesLinksMadeRedundantByLaterOnes) {
  // Greedy Reduce keeps all three (a BEFORE c comes first); the minimal form
  // drops it since the other two imply it.
  std::vector<Link> links = {{"a", TimeMLRel::kBefore, "c"},
                             {"a", TimeMLRel::kBefore, "b"},
                             {"b", TimeMLRel::kBefore, "c"},
                             {"c", TimeMLRel::kBefore, "a"}};
  EXPECT_EQ(Reduce(links).kept, (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_EQ(MinimalReduce(links), (std::vector<size_t>{1, 2}));
}

TEST(NaiveClosure, ChainsAndConflicts) {
  NaiveClosure c = NaiveClose(3, {{0, TimeMLRel::kBefore, 1}, {1, TimeMLRel::kBefore, 2}});
  EXPECT_TRUE(c.consistent);
  EXPECT_EQ(c.At(1, 4), kLt);
  EXPECT_EQ(c.At(4, 1), kGt);
  c = NaiveClose(2, {{0, TimeMLRel::kBefore, 1}, {1, TimeMLRel::kIncludes, 0}});
  EXPECT_FALSE(c.consistent);
}

// Differential test: the incremental closure with rollback must accept the
// same links and reach the same matrix as closing from scratch after every
// link. Relations are drawn so that graphs are dense enough to conflict.
TEST(TemporalGraph, MatchesNaiveClosureOnRandomGraphs) {
  int conflicts_seen = 0;
  for (uint32_t seed = 1; seed <= 1000; ++seed) {
    std::mt19937 rng(seed);
    const size_t nodes = 2 + rng() % 13;
    const size_t link_count = rng() % (2 * nodes + 4);
    std::vector<IndexedLink> links;
    for (size_t i = 0; i < link_count; ++i) {
      links.push_back({static_cast<uint32_t>(rng() % nodes),
                       static_cast<TimeMLRel>(rng() % kTimeMLRelCount),
                       static_cast<uint32_t>(rng() % nodes)});
    }
    std::vector<size_t> accepted;
    NaiveClosure ref = NaiveCloseGreedy(nodes, links, &accepted);
    TemporalGraph g;
    for (size_t v = 0; v < nodes; ++v) g.AddNode("n" + std::to_string(v));
    std::vector<size_t> fast_accepted;
    for (size_t i = 0; i < links.size(); ++i) {
      if (g.Add(links[i].source, links[i].rel, links[i].target) != Outcome::kConflict) {
        fast_accepted.push_back(i);
      } else {
        ++conflicts_seen;
      }
    }
    ASSERT_EQ(fast_accepted, accepted) << "seed " << seed;
    ASSERT_TRUE(ref.consistent);
    for (uint32_t p = 0; p < ref.points; ++p) {
      for (uint32_t q = 0; q < ref.points; ++q) {
        ASSERT_EQ(g.PointRelation(p, q), ref.At(p, q))
            << "seed " << seed << " points " << p << "," << q;
      }
    }
  }
  EXPECT_GT(conflicts_seen, 50);  // the test exercised rollback
}

}  // namespace
}  // namespace chronicle

namespace chronicle {
namespace {

// On random graphs: the minimal reduced form has the same closure as all the
// links, and none of its links follows from the others.
TEST(MinimalReduce, IsEquivalentAndIrredundantOnRandomGraphs) {
  for (uint32_t seed = 1; seed <= 200; ++seed) {
    std::mt19937 rng(seed);
    const size_t nodes = 3 + rng() % 6;
    std::vector<Link> links;
    for (size_t i = 0, n = rng() % 20; i < n; ++i) {
      links.push_back({"n" + std::to_string(rng() % nodes),
                       static_cast<TimeMLRel>(rng() % kTimeMLRelCount),
                       "n" + std::to_string(rng() % nodes)});
    }
    Reduction full = Reduce(links);
    std::vector<size_t> minimal = MinimalReduce(links);
    TemporalGraph g;
    for (size_t v = 0; v < nodes; ++v) g.AddNode("n" + std::to_string(v));
    for (size_t i : minimal) g.Add(links[i].source, links[i].rel, links[i].target);
    for (size_t a = 0; a < nodes; ++a) {
      for (size_t b = 0; b < nodes; ++b) {
        std::string na = "n" + std::to_string(a), nb = "n" + std::to_string(b);
        if (!full.graph.FindNode(na) || !full.graph.FindNode(nb)) continue;
        ASSERT_EQ(g.Query(*g.FindNode(na), *g.FindNode(nb)),
                  full.graph.Query(*full.graph.FindNode(na), *full.graph.FindNode(nb)))
            << "seed " << seed;
      }
    }
    for (size_t k = 0; k < minimal.size(); ++k) {
      TemporalGraph rest;
      for (size_t j = 0; j < minimal.size(); ++j) {
        if (j != k) rest.Add(links[minimal[j]].source, links[minimal[j]].rel, links[minimal[j]].target);
      }
      const Link& l = links[minimal[k]];
      EXPECT_FALSE(rest.Entails(l.source, l.rel, l.target)) << "seed " << seed;
    }
  }
}

}  // namespace
}  // namespace chronicle
