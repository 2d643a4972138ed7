#include "learn/perceptron.h"

#include <algorithm>
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

}  // namespace
}  // namespace chronicle
