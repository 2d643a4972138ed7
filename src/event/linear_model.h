// Feature hashing, a multiclass averaged perceptron and its binary form:
// the learning machinery of the event stage.
//
// This is a deliberately small, self-contained version kept inside
// src/event/ because src/learn/ did not exist yet when the event stage was
// written; it should be merged with src/learn/ (same idea: pinned hash,
// averaged perceptron, explicit little-endian serialization).
//
//   FeatureHasher h(kHashBits);
//   std::vector<uint32_t> feats;
//   feats.push_back(h.Hash(3, "production"));     // template 3, value
//   LinearModel model = ...;                       // from a trainer or Read()
//   int label = model.Predict(feats);
//
// Hashing: FNV-1a 64 over the template id byte, then the value bytes read as
// unsigned; bucket = (h ^ (h >> 32)) & (2^bits - 1). Golden values are in
// linear_model_test.cc: changing the function invalidates every model.
//
// LinearModel is read-only after construction and safe to share between
// threads. PerceptronTrainer is not thread-safe.
#ifndef CHRONICLE_EVENT_LINEAR_MODEL_H_
#define CHRONICLE_EVENT_LINEAR_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace chronicle {

// Incremental FNV-1a 64: Begin(template) then Add() pieces, then Bucket().
class FeatureHash {
 public:
  static constexpr uint64_t kOffset = 14695981039346656037ull;
  static constexpr uint64_t kPrime = 1099511628211ull;

  explicit FeatureHash(uint8_t template_id) { AddByte(template_id); }
  void AddByte(uint8_t b) {
    h_ ^= b;
    h_ *= kPrime;
  }
  void Add(std::string_view s) {
    for (char c : s) AddByte(static_cast<uint8_t>(c));
  }
  // Adds s with ASCII letters lowered (other bytes unchanged).
  void AddLower(std::string_view s) {
    for (char c : s) {
      uint8_t b = static_cast<uint8_t>(c);
      if (b >= 'A' && b <= 'Z') b = static_cast<uint8_t>(b + 32);
      AddByte(b);
    }
  }
  // A separator between pieces, so ("ab","c") and ("a","bc") differ.
  void Sep() { AddByte(0x1f); }
  uint64_t value() const { return h_; }
  uint32_t Bucket(int bits) const {
    return static_cast<uint32_t>((h_ ^ (h_ >> 32)) & ((uint64_t{1} << bits) - 1));
  }

 private:
  uint64_t h_ = kOffset;
};

// Byte buffer writer/reader with explicit little-endian fixed-width fields.
class ByteWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v);
  void U64(uint64_t v);
  void F32(float v);
  void Str(std::string_view s);  // u32 length + bytes
  std::string& bytes() { return out_; }

 private:
  std::string out_;
};

// Reads what ByteWriter wrote. Every read checks the remaining size; after
// the first failure ok() is false and reads return zeros.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  uint8_t U8();
  uint32_t U32();
  uint64_t U64();
  float F32();
  std::string Str();
  bool ok() const { return ok_; }
  size_t offset() const { return pos_; }
  size_t remaining() const { return in_.size() - pos_; }
  // What failed, for the error message: "truncated at byte N".
  std::string failure() const { return failure_; }
  void Fail(std::string why);

 private:
  bool Need(size_t n);
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
  std::string failure_;
};

// A linear multiclass model over hashed features: score(c) = sum over
// features f of w[f * classes + c]. With classes == 1 it is a binary model
// whose single score is compared with a threshold.
class LinearModel {
 public:
  LinearModel() = default;
  LinearModel(int hash_bits, int classes, std::vector<float> weights)
      : hash_bits_(hash_bits), classes_(classes), weights_(std::move(weights)) {}

  int hash_bits() const { return hash_bits_; }
  int classes() const { return classes_; }

  // Scores for every class into *scores (resized to classes()).
  void Scores(const std::vector<uint32_t>& features, std::vector<float>* scores) const;
  // The binary score (classes() must be 1).
  float Score(const std::vector<uint32_t>& features) const;
  // The best class (ties go to the lower index).
  int Predict(const std::vector<uint32_t>& features) const;

  // Sparse serialization: hash bits, classes, count of non-zero buckets, then
  // (bucket u32, classes x f32) rows in bucket order.
  void Write(ByteWriter* w) const;
  // Reads what Write() wrote; on failure marks the reader failed with why.
  static LinearModel Read(ByteReader* r);

 private:
  int hash_bits_ = 0;
  int classes_ = 0;
  std::vector<float> weights_;  // (1 << hash_bits) * classes
};

// Averaged perceptron trainer (multiclass, or binary with classes == 1 and
// labels 0/1 where 1 means score > 0). Averaging uses the usual timestamp
// trick so an update costs O(features). Deterministic: no randomness inside.
class PerceptronTrainer {
 public:
  PerceptronTrainer(int hash_bits, int classes);

  // Predicts with the current (non-averaged) weights, updates on a mistake,
  // and advances the example counter. Returns the predicted label.
  int Train(const std::vector<uint32_t>& features, int gold);
  // The averaged model.
  LinearModel Averaged() const;

 private:
  void Update(const std::vector<uint32_t>& features, int cls, double delta);
  int hash_bits_;
  int classes_;
  int64_t tick_ = 1;
  std::vector<double> w_;
  std::vector<double> total_;  // sum of tick * update, for averaging
};

}  // namespace chronicle

#endif  // CHRONICLE_EVENT_LINEAR_MODEL_H_
