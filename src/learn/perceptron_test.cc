#include "learn/perceptron.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "learn/hash.h"

namespace chronicle {
namespace {

// A toy problem: the class is the index of the one "strong" feature present,
// with noise features that carry no signal.
struct Example {
  std::vector<uint32_t> keys;
  int gold;
};

std::vector<Example> Toy(uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Example> out;
  for (int i = 0; i < 600; ++i) {
    Example e;
    e.gold = static_cast<int>(rng() % 4);
    e.keys.push_back(FeatureKey(HashCombine(1, e.gold)));
    e.keys.push_back(FeatureKey(HashCombine(2, rng() % 50)));
    e.keys.push_back(FeatureKey(HashCombine(3, 0)));  // bias
    out.push_back(e);
  }
  return out;
}

int Argmax(const std::vector<float>& s) {
  return static_cast<int>(std::max_element(s.begin(), s.end()) - s.begin());
}

LinearModel Train(const std::vector<Example>& data) {
  PerceptronTrainer t(4);
  std::vector<float> scores(4);
  for (int it = 0; it < 5; ++it) {
    for (const Example& e : data) {
      std::fill(scores.begin(), scores.end(), 0.0f);
      t.Score(e.keys.data(), e.keys.size(), scores.data());
      t.Update(e.keys.data(), e.keys.size(), e.gold, Argmax(scores));
      t.NextExample();
    }
  }
  return t.Average(0.0f);
}

TEST(PerceptronTest, LearnsAndRoundTripsThroughTheFile) {
  std::vector<Example> data = Toy(7);
  LinearModel m = Train(data);
  EXPECT_GT(m.num_features(), 0u);
  ModelWriter w;
  m.Write(&w);
  std::string bytes = EncodeModel("toy", 0, "", w);
  Result<ModelReader> r = OpenModel(bytes, "toy.bin", "toy");
  ASSERT_TRUE(r.ok());
  LinearModel back = LinearModel::Read(&r.value());
  ASSERT_TRUE(r.value().ok()) << r.value().error().ToString();
  int correct = 0;
  for (const Example& e : Toy(8)) {
    std::vector<float> a(4, 0.0f), b(4, 0.0f);
    m.AddScores(e.keys.data(), e.keys.size(), a.data());
    back.AddScores(e.keys.data(), e.keys.size(), b.data());
    EXPECT_EQ(a, b);
    correct += Argmax(a) == e.gold;
  }
  EXPECT_EQ(correct, 600);
}

TEST(PerceptronTest, DeterministicBytes) {
  ModelWriter a, b;
  Train(Toy(1)).Write(&a);
  Train(Toy(1)).Write(&b);
  EXPECT_EQ(a.bytes(), b.bytes());
}

TEST(PerceptronTest, PruningAfterAveragingEqualsPruningWhileAveraging) {
  std::vector<Example> data = Toy(3);
  PerceptronTrainer t(4);
  std::vector<float> scores(4);
  for (const Example& e : data) {
    std::fill(scores.begin(), scores.end(), 0.0f);
    t.Score(e.keys.data(), e.keys.size(), scores.data());
    t.Update(e.keys.data(), e.keys.size(), e.gold, Argmax(scores));
    t.NextExample();
  }
  ModelWriter a, b;
  t.Average(0.0f).Pruned(0.05f).Write(&a);
  t.Average(0.05f).Write(&b);
  EXPECT_EQ(a.bytes(), b.bytes());
  EXPECT_LT(t.Average(0.05f).num_weights(), t.Average(0.0f).num_weights());
}

TEST(PerceptronTest, MeanOfModels) {
  LinearModel a = Train(Toy(1));
  LinearModel b = Train(Toy(2));
  // The mean of a model with itself is that model, byte for byte.
  ModelWriter wa, wm;
  a.Write(&wa);
  LinearModel::Mean({a, a}).Write(&wm);
  EXPECT_EQ(wa.bytes(), wm.bytes());
  // Otherwise scores are the mean of the two models' scores (up to rounding).
  LinearModel m = LinearModel::Mean({a, b});
  EXPECT_GE(m.num_features(), std::max(a.num_features(), b.num_features()));
  for (const Example& e : Toy(9)) {
    std::vector<float> sa(4, 0.0f), sb(4, 0.0f), sm(4, 0.0f);
    a.AddScores(e.keys.data(), e.keys.size(), sa.data());
    b.AddScores(e.keys.data(), e.keys.size(), sb.data());
    m.AddScores(e.keys.data(), e.keys.size(), sm.data());
    for (int c = 0; c < 4; ++c) EXPECT_NEAR(sm[c], (sa[c] + sb[c]) / 2, 1e-4f);
  }
  EXPECT_EQ(LinearModel::Mean({}).num_features(), 0u);
  PerceptronTrainer three(3);
  EXPECT_EQ(LinearModel::Mean({a, three.Average(0.0f)}).num_classes(), 0);
}

TEST(PerceptronTest, UnknownFeaturesScoreNothing) {
  LinearModel m = Train(Toy(1));
  std::vector<float> s(4, 0.0f);
  uint32_t k = FeatureKey(HashCombine(99, 99));
  m.AddScores(&k, 1, s.data());
  EXPECT_EQ(s, std::vector<float>(4, 0.0f));
}

TEST(PerceptronTest, CorruptWeightsAreRejected) {
  LinearModel m = Train(Toy(1));
  ModelWriter w;
  m.Write(&w);
  // Rewrite with a class index past the end: find the classes array by
  // re-serializing by hand.
  ModelWriter bad;
  bad.U32(2);  // claims 2 classes while weights use 0..3
  std::string rest = w.bytes().substr(4);
  std::string body = bad.bytes() + rest;
  ModelWriter framed;
  for (char c : body) framed.U8(static_cast<uint8_t>(c));
  std::string bytes = EncodeModel("toy", 0, "", framed);
  Result<ModelReader> r = OpenModel(bytes, "toy.bin", "toy");
  ASSERT_TRUE(r.ok());
  LinearModel back = LinearModel::Read(&r.value());
  ASSERT_FALSE(r.value().ok());
  EXPECT_EQ(r.value().error().ToString(),
            "toy.bin: expected weight classes below 2, found 2");
}

// The runtime table is a probe array pointing into one arena of records
// (run length, classes as bytes or 32-bit words, then weights): scores must
// equal, float for float, the sums taken in key order straight from the
// serialized arrays, for runs of every length (empty ones included),
// unknown and repeated keys, and queries longer than one prefetch chunk,
// with byte-sized classes and with wide ones.
void ExpectScoresEqualSerializedWeights(uint32_t num_classes, int max_run, uint64_t seed,
                                        float start = 0.5f, bool sorted_runs = true) {
  std::mt19937_64 rng(seed);
  const uint32_t kClasses = num_classes;
  std::vector<uint32_t> keys, offsets{0};
  std::vector<uint16_t> classes;
  std::vector<float> weights;
  uint32_t key = 0;
  for (int f = 0; f < 5000; ++f) {
    key += 1 + static_cast<uint32_t>(rng() % 100000);
    keys.push_back(key);
    int run = static_cast<int>(rng() % (max_run + 1));  // 0..max_run pairs
    std::vector<uint16_t> cs;
    while (static_cast<int>(cs.size()) < run) {
      uint16_t c = static_cast<uint16_t>(rng() % std::min<uint32_t>(kClasses, 65536));
      // Unsorted runs may repeat a class (a file is not checked for order).
      if (!sorted_runs || std::find(cs.begin(), cs.end(), c) == cs.end()) cs.push_back(c);
    }
    if (sorted_runs) std::sort(cs.begin(), cs.end());
    for (uint16_t c : cs) {
      classes.push_back(c);
      weights.push_back(std::uniform_real_distribution<float>(-3.0f, 3.0f)(rng));
    }
    offsets.push_back(static_cast<uint32_t>(weights.size()));
  }
  ModelWriter w;
  w.U32(kClasses);
  w.U32s(keys);
  w.U32s(offsets);
  w.U16s(classes);
  w.F32s(weights);
  std::string bytes = EncodeModel("toy", 0, "", w);
  Result<ModelReader> r = OpenModel(bytes, "toy.bin", "toy");
  ASSERT_TRUE(r.ok());
  LinearModel m = LinearModel::Read(&r.value());
  ASSERT_TRUE(r.value().ok()) << r.value().error().ToString();
  EXPECT_EQ(m.num_features(), keys.size());
  EXPECT_EQ(m.num_classes(), static_cast<int>(num_classes));
  for (int q = 0; q < 200; ++q) {
    std::vector<uint32_t> query(rng() % 400);
    for (uint32_t& k : query) {
      k = rng() % 4 == 0 ? static_cast<uint32_t>(rng() | 1) : keys[rng() % keys.size()];
    }
    std::vector<float> want(kClasses, start), got(kClasses, start);
    for (uint32_t k : query) {
      auto it = std::lower_bound(keys.begin(), keys.end(), k);
      if (it == keys.end() || *it != k) continue;
      size_t i = it - keys.begin();
      for (uint32_t j = offsets[i]; j < offsets[i + 1]; ++j) want[classes[j]] += weights[j];
    }
    m.AddScores(query.data(), query.size(), got.data());
    for (uint32_t c = 0; c < kClasses; ++c) {
      ASSERT_EQ(std::memcmp(&want[c], &got[c], sizeof(float)), 0)
          << "query " << q << " class " << c << ": " << want[c] << " vs " << got[c];
    }
  }
  // The same weights written back out: the file format is unchanged.
  ModelWriter again;
  m.Write(&again);
  EXPECT_EQ(again.bytes(), w.bytes());
}

TEST(PerceptronTest, ScoresEqualTheSerializedWeightsAddedInKeyOrder) {
  ExpectScoresEqualSerializedWeights(23, 6, 11);
}

TEST(PerceptronTest, ScoresEqualTheSerializedWeightsWithFullRuns) {
  ExpectScoresEqualSerializedWeights(255, 255, 12);  // the largest byte-sized classes
}

TEST(PerceptronTest, ScoresEqualTheSerializedWeightsWithWideClasses) {
  ExpectScoresEqualSerializedWeights(300, 300, 13);
  ExpectScoresEqualSerializedWeights(70000, 4, 14);
}

// Long runs are stored as dense windows of classes (8 floats added at a
// time, -0.0f for the classes not in the run): still bit-identical, for
// class counts that are and are not multiples of 8, windows that reach the
// last class, and scores that start at +0.0, -0.0 or anything else.
TEST(PerceptronTest, ScoresEqualTheSerializedWeightsWithWindowRecords) {
  for (uint32_t nc : {102u, 103u, 8u, 9u, 16u, 17u, 7u, 2u}) {
    for (float start : {0.0f, -0.0f, 0.5f, -1e30f}) {
      SCOPED_TRACE(testing::Message() << nc << " classes, scores from " << start);
      ExpectScoresEqualSerializedWeights(nc, static_cast<int>(nc), 20 + nc, start);
    }
  }
  ExpectScoresEqualSerializedWeights(300, 300, 21, -0.0f);  // wide classes
}

TEST(PerceptronTest, ArgMaxIsStdMaxElement) {
  std::mt19937_64 rng(5);
  const float kSpecial[] = {0.0f, -0.0f, 1.0f, -1.0f, std::numeric_limits<float>::quiet_NaN(),
                            std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()};
  for (int t = 0; t < 20000; ++t) {
    std::vector<float> s(1 + rng() % 120);
    for (float& x : s) {
      // Few distinct values, so ties are common; sometimes special ones.
      x = rng() % 8 == 0 ? kSpecial[rng() % 7] : static_cast<float>(static_cast<int>(rng() % 9) - 4);
    }
    const int want = static_cast<int>(std::max_element(s.begin(), s.end()) - s.begin());
    ASSERT_EQ(ArgMax(s.data(), static_cast<int>(s.size())), want) << "case " << t;
  }
}

TEST(PerceptronTest, UnsortedRunsInAFileAreSummedInFileOrder) {
  ExpectScoresEqualSerializedWeights(103, 60, 30, 0.5f, /*sorted_runs=*/false);
}

}  // namespace
}  // namespace chronicle
