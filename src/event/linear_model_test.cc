#include "event/linear_model.h"

#include <gtest/gtest.h>

namespace chronicle {
namespace {

// Golden values pin the hash function: changing it invalidates every model.
TEST(FeatureHashTest, GoldenValues) {
  FeatureHash empty(0);
  EXPECT_EQ(empty.value(), 0xaf63bd4c8601b7dfull);  // FNV-1a of the byte 0x00
  FeatureHash h(3);
  h.Add("production");
  EXPECT_EQ(h.value(), 0x9d5ca3a9ab899871ull);
  EXPECT_EQ(h.Bucket(20), 0x53bd8u);
}

TEST(FeatureHashTest, LowerAndSeparator) {
  FeatureHash a(1), b(1), c(1), d(1);
  a.AddLower("Said");
  b.Add("said");
  EXPECT_EQ(a.value(), b.value());
  c.Add("ab");
  c.Sep();
  c.Add("c");
  d.Add("a");
  d.Sep();
  d.Add("bc");
  EXPECT_NE(c.value(), d.value());
  FeatureHash e(2);
  e.Add("said");
  EXPECT_NE(e.value(), b.value());  // the template id matters
}

TEST(PerceptronTest, LearnsSeparableMulticlass) {
  PerceptronTrainer t(8, 3);
  std::vector<std::vector<uint32_t>> xs = {{1, 10}, {2, 10}, {3, 10}};
  for (int epoch = 0; epoch < 5; ++epoch) {
    for (int i = 0; i < 3; ++i) (void)t.Train(xs[i], i);
  }
  LinearModel m = t.Averaged();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(m.Predict(xs[i]), i);
}

TEST(PerceptronTest, LearnsBinary) {
  PerceptronTrainer t(8, 1);
  for (int epoch = 0; epoch < 5; ++epoch) {
    (void)t.Train({1, 5}, 1);
    (void)t.Train({2, 5}, 0);
  }
  LinearModel m = t.Averaged();
  EXPECT_GT(m.Score({1, 5}), 0);
  EXPECT_LT(m.Score({2, 5}), 0);
}

TEST(LinearModelTest, RoundTripsAndRejectsTruncation) {
  PerceptronTrainer t(6, 2);
  (void)t.Train({1, 2}, 1);
  (void)t.Train({3}, 0);
  LinearModel m = t.Averaged();
  ByteWriter w;
  m.Write(&w);
  ByteReader r(w.bytes());
  LinearModel back = LinearModel::Read(&r);
  ASSERT_TRUE(r.ok()) << r.failure();
  EXPECT_EQ(back.Predict({1, 2}), m.Predict({1, 2}));
  EXPECT_EQ(back.Predict({3}), m.Predict({3}));
  std::string cut = w.bytes().substr(0, w.bytes().size() - 3);
  ByteReader rc(cut);
  (void)LinearModel::Read(&rc);
  EXPECT_FALSE(rc.ok());
  EXPECT_NE(rc.failure().find("truncated"), std::string::npos);
}

TEST(ByteReaderTest, LittleEndian) {
  ByteWriter w;
  w.U32(0x01020304);
  EXPECT_EQ(w.bytes(), std::string("\x04\x03\x02\x01", 4));
  ByteReader r(w.bytes());
  EXPECT_EQ(r.U32(), 0x01020304u);
  EXPECT_EQ(r.U8(), 0);
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace chronicle
