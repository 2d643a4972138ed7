#include "event/linear_model.h"

#include <cmath>
#include <cstring>

#include <fmt/core.h>

namespace chronicle {

void ByteWriter::U32(uint32_t v) {
  for (int i = 0; i < 4; ++i) U8(static_cast<uint8_t>(v >> (8 * i)));
}
void ByteWriter::U64(uint64_t v) {
  for (int i = 0; i < 8; ++i) U8(static_cast<uint8_t>(v >> (8 * i)));
}
void ByteWriter::F32(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  U32(bits);
}
void ByteWriter::Str(std::string_view s) {
  U32(static_cast<uint32_t>(s.size()));
  out_.append(s);
}

void ByteReader::Fail(std::string why) {
  if (ok_) failure_ = std::move(why);
  ok_ = false;
}
bool ByteReader::Need(size_t n) {
  if (!ok_) return false;
  if (in_.size() - pos_ < n) {
    Fail(fmt::format("truncated: needed {} more bytes at byte {}, found {}", n, pos_,
                     in_.size() - pos_));
    return false;
  }
  return true;
}
uint8_t ByteReader::U8() {
  if (!Need(1)) return 0;
  return static_cast<uint8_t>(in_[pos_++]);
}
uint32_t ByteReader::U32() {
  if (!Need(4)) return 0;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t{static_cast<uint8_t>(in_[pos_ + i])} << (8 * i);
  pos_ += 4;
  return v;
}
uint64_t ByteReader::U64() {
  if (!Need(8)) return 0;
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{static_cast<uint8_t>(in_[pos_ + i])} << (8 * i);
  pos_ += 8;
  return v;
}
float ByteReader::F32() {
  uint32_t bits = U32();
  float v;
  std::memcpy(&v, &bits, 4);
  return v;
}
std::string ByteReader::Str() {
  uint32_t n = U32();
  if (!Need(n)) return {};
  std::string s(in_.substr(pos_, n));
  pos_ += n;
  return s;
}

void LinearModel::Scores(const std::vector<uint32_t>& features,
                         std::vector<float>* scores) const {
  scores->assign(classes_, 0.0f);
  for (uint32_t f : features) {
    const float* row = &weights_[static_cast<size_t>(f) * classes_];
    for (int c = 0; c < classes_; ++c) (*scores)[c] += row[c];
  }
}

float LinearModel::Score(const std::vector<uint32_t>& features) const {
  float s = 0;
  for (uint32_t f : features) s += weights_[f];
  return s;
}

int LinearModel::Predict(const std::vector<uint32_t>& features) const {
  if (classes_ == 1) return Score(features) > 0 ? 1 : 0;
  std::vector<float> scores;
  Scores(features, &scores);
  int best = 0;
  for (int c = 1; c < classes_; ++c) {
    if (scores[c] > scores[best]) best = c;
  }
  return best;
}

void LinearModel::Write(ByteWriter* w) const {
  w->U32(static_cast<uint32_t>(hash_bits_));
  w->U32(static_cast<uint32_t>(classes_));
  size_t buckets = size_t{1} << hash_bits_;
  uint32_t nonzero = 0;
  for (size_t b = 0; b < buckets; ++b) {
    for (int c = 0; c < classes_; ++c) {
      if (weights_[b * classes_ + c] != 0.0f) {
        ++nonzero;
        break;
      }
    }
  }
  w->U32(nonzero);
  for (size_t b = 0; b < buckets; ++b) {
    bool any = false;
    for (int c = 0; c < classes_; ++c) any |= weights_[b * classes_ + c] != 0.0f;
    if (!any) continue;
    w->U32(static_cast<uint32_t>(b));
    for (int c = 0; c < classes_; ++c) w->F32(weights_[b * classes_ + c]);
  }
}

LinearModel LinearModel::Read(ByteReader* r) {
  uint32_t bits = r->U32();
  uint32_t classes = r->U32();
  if (!r->ok()) return {};
  if (bits < 1 || bits > 26 || classes < 1 || classes > 64) {
    r->Fail(fmt::format("linear model with {} hash bits and {} classes (expected 1-26 bits, "
                        "1-64 classes)", bits, classes));
    return {};
  }
  size_t buckets = size_t{1} << bits;
  uint32_t nonzero = r->U32();
  if (!r->ok()) return {};
  if (nonzero > buckets || r->remaining() / (4 + 4 * size_t{classes}) < nonzero) {
    r->Fail(fmt::format("truncated: linear model claims {} non-zero rows but only {} bytes remain",
                        nonzero, r->remaining()));
    return {};
  }
  std::vector<float> weights(buckets * classes, 0.0f);
  int64_t last = -1;
  for (uint32_t i = 0; i < nonzero; ++i) {
    uint32_t b = r->U32();
    if (b >= buckets || static_cast<int64_t>(b) <= last) {
      r->Fail(fmt::format("linear model row {} has bucket {} (expected increasing, below {})",
                          i, b, buckets));
      return {};
    }
    last = b;
    for (uint32_t c = 0; c < classes; ++c) {
      float v = r->F32();
      if (!std::isfinite(v)) {
        r->Fail(fmt::format("linear model row {} has a non-finite weight", i));
        return {};
      }
      weights[size_t{b} * classes + c] = v;
    }
  }
  return LinearModel(static_cast<int>(bits), static_cast<int>(classes), std::move(weights));
}

PerceptronTrainer::PerceptronTrainer(int hash_bits, int classes)
    : hash_bits_(hash_bits),
      classes_(classes),
      w_((size_t{1} << hash_bits) * classes, 0.0),
      total_((size_t{1} << hash_bits) * classes, 0.0) {}

void PerceptronTrainer::Update(const std::vector<uint32_t>& features, int cls, double delta) {
  for (uint32_t f : features) {
    size_t i = static_cast<size_t>(f) * classes_ + cls;
    w_[i] += delta;
    total_[i] += static_cast<double>(tick_) * delta;
  }
}

int PerceptronTrainer::Train(const std::vector<uint32_t>& features, int gold) {
  int predicted;
  if (classes_ == 1) {
    double s = 0;
    for (uint32_t f : features) s += w_[f];
    predicted = s > 0 ? 1 : 0;
    if (predicted != gold) Update(features, 0, gold == 1 ? 1.0 : -1.0);
  } else {
    std::vector<double> scores(classes_, 0.0);
    for (uint32_t f : features) {
      const double* row = &w_[static_cast<size_t>(f) * classes_];
      for (int c = 0; c < classes_; ++c) scores[c] += row[c];
    }
    predicted = 0;
    for (int c = 1; c < classes_; ++c) {
      if (scores[c] > scores[predicted]) predicted = c;
    }
    if (predicted != gold) {
      Update(features, gold, 1.0);
      Update(features, predicted, -1.0);
    }
  }
  ++tick_;
  return predicted;
}

LinearModel PerceptronTrainer::Averaged() const {
  std::vector<float> avg(w_.size());
  double t = static_cast<double>(tick_);
  for (size_t i = 0; i < w_.size(); ++i) {
    double a = w_[i] - total_[i] / t;
    // Tiny averaged weights carry no decision; dropping them keeps the file
    // small and the output identical across runs (it is all deterministic).
    avg[i] = std::fabs(a) < 1e-4 ? 0.0f : static_cast<float>(a);
  }
  return LinearModel(hash_bits_, classes_, std::move(avg));
}

}  // namespace chronicle
