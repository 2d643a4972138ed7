// Averaged perceptron: a trainer with growable maps and a compact read-only
// runtime model.
//
// Features are 32-bit keys (learn/hash.h's FeatureKey); classes are small
// integers 0..num_classes-1. Training:
//
//   PerceptronTrainer t(num_classes);
//   for each example:
//     t.Score(keys.data(), keys.size(), scores.data());   // current weights
//     int guess = argmax(scores);
//     t.Update(keys.data(), keys.size(), gold, guess);     // no-op if equal
//     t.NextExample();
//   LinearModel m = t.Average(/*prune_below=*/1e-3f);
//
// Runtime: LinearModel::AddScores() adds each known feature's weights into a
// caller-owned score array: one hash-table probe per feature, then one
// record holding its run of (class, weight) pairs, so scoring allocates
// nothing and touches about two cache lines per known feature. A LinearModel
// is immutable after construction and safe to share across threads; the
// trainer is not thread-safe.
#ifndef CHRONICLE_LEARN_PERCEPTRON_H_
#define CHRONICLE_LEARN_PERCEPTRON_H_

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "learn/model_file.h"

namespace chronicle {

class LinearModel {
 public:
  LinearModel() = default;

  int num_classes() const { return static_cast<int>(num_classes_); }
  size_t num_features() const { return keys_.size(); }
  size_t num_weights() const { return weights_.size(); }

  // scores[c] += sum of weight(key, c) over the given keys (unknown keys add
  // nothing). `scores` must have num_classes() entries. Each scores[c]
  // receives its terms in key order (bit-identical to summing the serialized
  // runs key by key).
  void AddScores(const uint32_t* keys, size_t n, float* scores) const {
    if (wide_classes_) {
      AddScoresWide(*this, keys, n, scores);
    } else {
      AddScoresByte(*this, keys, n, scores);
    }
  }

  // A copy without the weights whose magnitude is below `threshold` (and
  // without features left with none). Pruning an averaged model this way
  // equals PerceptronTrainer::Average(threshold) when threshold is at least
  // the one it was averaged with.
  LinearModel Pruned(float threshold) const;

  // The mean of several models with the same number of classes (e.g.
  // perceptrons averaged over different shuffles of the data): weight(key,
  // c) = sum over models / models.size(), summed in the given order, so the
  // result is deterministic. Pairs whose mean is 0 are left out. Returns an
  // empty model when `models` is empty or the class counts differ.
  static LinearModel Mean(const std::vector<LinearModel>& models);

  // Serializes into a model body.
  void Write(ModelWriter* w) const;
  // Reads what Write() wrote; on failure records the error in `r` (and
  // returns an empty model): check r->ok().
  static LinearModel Read(ModelReader* r);

 private:
  friend class PerceptronTrainer;
  // Builds the probe table from keys_/offsets_.
  void BuildIndex();

  // The runtime table, built at load from keys_/offsets_/classes_/weights_
  // (which stay the serialized form). A probe slot holds a key and the
  // offset of its record in `arena_`. A record is either
  //  - sparse: the run length and the run's classes, each a C (uint8_t when
  //    the model has at most 255 classes and no run longer than 255, else
  //    uint32_t), padded to 4 bytes, followed by the run's weights; or
  //  - a window (slot offset with its top bit set): the first class `lo` (a
  //    multiple of 8) and the count `width`, then `width` floats, the
  //    weights of classes lo..lo+width-1 with -0.0f for the classes not in
  //    the run (x + -0.0f == x bit for bit for every float x, so the sums are
  //    unchanged). Long runs are stored so and added 8 floats at a time.
  // So a known feature costs two cache lines (slot, record) and an unknown
  // one a single line.
  struct Slot {
    uint32_t key = 0;     // 0 = empty
    uint32_t record = 0;  // word offset into arena_ (| 1 << 31 for a window); 0 = none
  };

  // The scoring kernels (perceptron.cc), one per class width; compiled for
  // the baseline instruction set and for AVX2, chosen at run time.
  static void AddScoresByte(const LinearModel& m, const uint32_t* keys, size_t n, float* scores);
  static void AddScoresWide(const LinearModel& m, const uint32_t* keys, size_t n, float* scores);

  uint32_t num_classes_ = 0;
  std::vector<uint32_t> keys_;     // sorted, unique, nonzero
  std::vector<uint32_t> offsets_;  // keys_.size() + 1 entries into classes_/weights_
  std::vector<uint16_t> classes_;
  std::vector<float> weights_;
  // One empty slot and an arena holding only the unused word 0 until
  // BuildIndex runs: every key then misses.
  std::vector<Slot> slots_ = std::vector<Slot>(1);
  std::vector<uint32_t> arena_ = std::vector<uint32_t>(1);
  uint32_t shift_ = 32;
  bool wide_classes_ = false;
};

// The index of the first largest of scores[0..n) (n >= 1), exactly what
// std::max_element returns (a NaN is never larger than anything, nor
// anything larger than a NaN; +0 and -0 tie), but with the running maximum
// kept in a register: std::max_element reloads it through a pointer on every
// element, a chain of dependent loads (measured at 77% of the tagger's own
// time outside scoring).
inline int ArgMax(const float* scores, int n) {
  float best = scores[0];
  int at = 0;
  for (int i = 1; i < n; ++i) {
    if (best < scores[i]) {
      best = scores[i];
      at = i;
    }
  }
  return at;
}

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes) : num_classes_(num_classes) {}

  int num_classes() const { return num_classes_; }

  // scores[c] += current (not averaged) weights.
  void Score(const uint32_t* keys, size_t n, float* scores) const;
  // When gold != predicted: +amount for gold, -amount for predicted on every
  // key.
  void Update(const uint32_t* keys, size_t n, int gold, int predicted, float amount = 1.0f);
  // Advances the averaging clock; call once per training example.
  void NextExample() { ++time_; }

  // The averaged weights, dropping those with |w| < prune_below.
  // Deterministic: the result depends only on the sequence of calls.
  LinearModel Average(float prune_below) const;

 private:
  struct Param {
    uint16_t cls;
    float w;
    double total;
    uint64_t stamp;
  };
  int num_classes_;
  uint64_t time_ = 1;
  std::unordered_map<uint32_t, uint32_t> row_of_;
  std::vector<std::vector<Param>> rows_;
};

}  // namespace chronicle

#endif  // CHRONICLE_LEARN_PERCEPTRON_H_
