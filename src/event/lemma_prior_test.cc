#include "event/lemma_prior.h"

#include <gtest/gtest.h>

#include "learn/hash.h"

namespace chronicle {
namespace {

TEST(LemmaPriorTest, CountsByLemmaAndCoarseTag) {
  uint64_t report = HashBytes("report");
  LemmaPrior p;
  p.Add(PriorKey(report, "NN"), true, 1);    // REPORTING
  p.Add(PriorKey(report, "NNS"), true, 0);   // OCCURRENCE: same coarse tag N
  p.Add(PriorKey(report, "NN"), false, -1);
  p.Add(PriorKey(report, "VBD"), true, 1);
  p.Add(PriorKey(report, "NN"), true, -1);   // an event of unknown class
  ASSERT_EQ(p.size(), 2u);
  const LemmaCounts* n = p.Find(PriorKey(report, "NN"));
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->tokens, 4u);
  EXPECT_EQ(n->events, 3u);
  EXPECT_EQ(n->cls[0], 1u);
  EXPECT_EQ(n->cls[1], 1u);
  const LemmaCounts* v = p.Find(PriorKey(report, "VBZ"));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->tokens, 1u);
  EXPECT_EQ(p.Find(PriorKey(report, "JJ")), nullptr);
  EXPECT_EQ(p.Find(PriorKey(HashBytes("reports"), "NN")), nullptr);
  EXPECT_NE(PriorKey(report, ""), PriorKey(report, "NN"));
}

TEST(LemmaPriorTest, RoundTripIsDeterministic) {
  LemmaPrior p;
  for (int i = 0; i < 50; ++i) p.Add(PriorKey(HashBytes(std::to_string(i)), "VB"), i % 3 == 0, i % 7);
  ModelWriter w1, w2;
  p.Write(&w1);
  ModelReader r(w1.bytes(), "prior");
  LemmaPrior q = LemmaPrior::Read(&r);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  r.ExpectEnd();
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(q.size(), p.size());
  q.Write(&w2);
  EXPECT_EQ(w1.bytes(), w2.bytes());
  const LemmaCounts* c = q.Find(PriorKey(HashBytes("21"), "VBD"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->events, 1u);
  EXPECT_EQ(c->cls[0], 1u);
}

TEST(LemmaPriorTest, ReadRejectsInconsistentCountsAndTruncation) {
  ModelWriter w;
  w.U32(1);
  w.U64(42);
  w.U32(1);  // tokens
  w.U32(2);  // events > tokens
  for (int c = 0; c < kPriorClasses; ++c) w.U32(0);
  ModelReader r(w.bytes(), "bad.model");
  LemmaPrior::Read(&r);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().ToString().find("2 events of 1 tokens"), std::string::npos)
      << r.error().ToString();
  ModelReader cut(std::string_view(w.bytes()).substr(0, 10), "cut.model");
  LemmaPrior::Read(&cut);
  EXPECT_FALSE(cut.ok());
  // A key twice.
  ModelWriter twice;
  twice.U32(2);
  for (int k = 0; k < 2; ++k) {
    twice.U64(42);
    twice.U32(1);
    twice.U32(0);
    for (int c = 0; c < kPriorClasses; ++c) twice.U32(0);
  }
  ModelReader rt(twice.bytes(), "twice.model");
  LemmaPrior::Read(&rt);
  ASSERT_FALSE(rt.ok());
  EXPECT_NE(rt.error().ToString().find("repeated"), std::string::npos) << rt.error().ToString();
}

// Every key is allowed (the flat table keeps key 0 aside), and many keys
// read back with their counts.
TEST(LemmaPriorTest, KeyZeroAndManyKeys) {
  LemmaPrior p;
  p.Add(0, true, 3);
  for (uint64_t k = 1; k <= 5000; ++k) p.Add(k * 0x9e3779b97f4a7c15ULL, k % 2 == 0, -1);
  ModelWriter w;
  p.Write(&w);
  ModelReader r(w.bytes(), "prior");
  LemmaPrior q = LemmaPrior::Read(&r);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(q.size(), 5001u);
  const LemmaCounts* zero = q.Find(0);
  ASSERT_NE(zero, nullptr);
  EXPECT_EQ(zero->cls[3], 1u);
  for (uint64_t k = 1; k <= 5000; ++k) {
    const LemmaCounts* c = q.Find(k * 0x9e3779b97f4a7c15ULL);
    ASSERT_NE(c, nullptr) << k;
    EXPECT_EQ(c->events, k % 2 == 0 ? 1u : 0u);
  }
  EXPECT_EQ(q.Find(12345), nullptr);
}

}  // namespace
}  // namespace chronicle
