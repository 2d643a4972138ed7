#include "learn/perceptron.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <sys/mman.h>

#include <fmt/core.h>

namespace chronicle {
namespace {

// Asks the kernel to back [data, data + bytes) with transparent huge pages
// where whole 2 MiB pages fit. Scoring probes these tables at random, so
// with 4 KiB pages nearly every probe is a TLB miss. Must be called before
// the memory is first touched; only a hint (failure is harmless).
void AdviseHugePages(const void* data, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// Windows: runs of at least kMinWindowRun pairs whose window (from the
// multiple of 8 at or below the first class to the multiple of 8 above the
// last, capped at the class count) holds at most kMaxWindowPerPair floats
// per pair are stored dense (see perceptron.h). Replaying one pipeline
// pass's AddScores calls, this cut the time of the calls by 15-20%: the
// tagger adds 41 and the parser 24 pairs per known feature on average.
constexpr uint32_t kMinWindowRun = 8;
constexpr uint32_t kWindowBit = 0x80000000u;  // in a slot's record offset
constexpr uint32_t kMaxWindowPerPair = 3;

// The window of classes [lo, lo + width) of a run of classes first..last.
struct Window {
  uint32_t lo, width;
};
Window WindowOf(uint32_t first, uint32_t last, uint32_t num_classes) {
  const uint32_t lo = first / 8 * 8;
  const uint64_t hi = std::min<uint64_t>((uint64_t{last} / 8 + 1) * 8, num_classes);
  return Window{lo, static_cast<uint32_t>(hi - lo)};
}

// Eight floats; compiled to one AVX2 add in the AVX2 clone below, to two SSE
// adds otherwise. Each lane is an IEEE single-precision add, as scalar code.
typedef float Float8 __attribute__((vector_size(32)));

// The scoring loop (see LinearModel::AddScores). `slots` are {key, record}
// pairs. Three passes over chunks of keys so the memory loads overlap: the
// tables are far larger than the caches and every feature is a random
// access (prefetch the slots, then the records, then add).
template <typename C>
__attribute__((always_inline)) inline void Kernel(const uint32_t* slots, const uint32_t* arena,
                                                  uint32_t shift, const uint32_t* keys, size_t n,
                                                  float* scores) {
  constexpr size_t kChunk = 128;
  uint32_t home[kChunk];
  uint32_t found[kChunk];
  for (size_t base = 0; base < n; base += kChunk) {
    const size_t m = n - base < kChunk ? n - base : kChunk;
    for (size_t i = 0; i < m; ++i) {
      home[i] = static_cast<uint32_t>((uint64_t{keys[base + i] * 0x9e3779b1u}) >> shift);
      __builtin_prefetch(&slots[2 * size_t{home[i]}]);
    }
    for (size_t i = 0; i < m; ++i) {
      const uint32_t k = keys[base + i];
      // Linear probing without wrap-around: the table has spare slots past
      // the last home slot and always ends with an empty one.
      const uint32_t* s = &slots[2 * size_t{home[i]}];
      while (s[0] != k && s[0] != 0) s += 2;
      found[i] = s[0] == k ? s[1] : 0;
      __builtin_prefetch(&arena[found[i] & ~kWindowBit]);
    }
    for (size_t i = 0; i < m; ++i) {
      const uint32_t f = found[i];
      if (f == 0) continue;
      if (f & kWindowBit) {
        const uint32_t* head = &arena[f & ~kWindowBit];
        const uint32_t lo = head[0], width = head[1];
        const unsigned char* w = reinterpret_cast<const unsigned char*>(head + 2);
        float* out = scores + lo;
        uint32_t c = 0;
        for (; c + 8 <= width; c += 8) {
          Float8 a, b;
          __builtin_memcpy(&a, out + c, sizeof(a));
          __builtin_memcpy(&b, w + 4 * c, sizeof(b));
          a += b;
          __builtin_memcpy(out + c, &a, sizeof(a));
        }
        for (; c < width; ++c) {
          float x;
          __builtin_memcpy(&x, w + 4 * c, sizeof(float));
          out[c] += x;
        }
        continue;
      }
      const unsigned char* head = reinterpret_cast<const unsigned char*>(&arena[f]);
      C count;
      __builtin_memcpy(&count, head, sizeof(C));
      const unsigned char* w = head + (sizeof(C) * (1 + count) + 3) / 4 * 4;
      for (uint32_t j = 0; j < count; ++j) {
        C c;
        float x;
        __builtin_memcpy(&c, head + sizeof(C) * (1 + j), sizeof(C));
        __builtin_memcpy(&x, w + 4 * j, sizeof(float));
        scores[c] += x;
      }
    }
  }
}

// Defining CHRONICLE_KERNEL_CLONES empty on the command line builds the
// baseline kernel only (how its results are checked on an AVX2 machine).
#if !defined(CHRONICLE_KERNEL_CLONES)
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CHRONICLE_KERNEL_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CHRONICLE_KERNEL_CLONES
#endif
#endif

CHRONICLE_KERNEL_CLONES void ByteKernel(const uint32_t* slots, const uint32_t* arena, uint32_t shift,
                                        const uint32_t* keys, size_t n, float* scores) {
  Kernel<uint8_t>(slots, arena, shift, keys, n, scores);
}

CHRONICLE_KERNEL_CLONES void WideKernel(const uint32_t* slots, const uint32_t* arena, uint32_t shift,
                                        const uint32_t* keys, size_t n, float* scores) {
  Kernel<uint32_t>(slots, arena, shift, keys, n, scores);
}

}  // namespace

void LinearModel::AddScoresByte(const LinearModel& m, const uint32_t* keys, size_t n, float* scores) {
  static_assert(sizeof(Slot) == 8 && alignof(Slot) == 4, "slots are {key, record} word pairs");
  ByteKernel(reinterpret_cast<const uint32_t*>(m.slots_.data()), m.arena_.data(), m.shift_, keys, n, scores);
}

void LinearModel::AddScoresWide(const LinearModel& m, const uint32_t* keys, size_t n, float* scores) {
  WideKernel(reinterpret_cast<const uint32_t*>(m.slots_.data()), m.arena_.data(), m.shift_, keys, n, scores);
}

// Data layout: features sorted by key; feature i owns the (class, weight)
// pairs [offsets_[i], offsets_[i+1]) sorted by class. The runtime table is
// rebuilt at load (not stored): open addressing with linear probing at most
// a quarter full (measured faster than half full: fewer probes past the
// first slot), without wrap-around (spare slots follow the last home slot),
// each slot pointing at its feature's record in one arena (see
// perceptron.h). Records go in by decreasing run length (ties by key):
// long runs belong to frequent features, so the hot records share cache
// lines and pages at the front of the arena (an order that changes no sum).
void LinearModel::BuildIndex() {
  const size_t nf = keys_.size();
  size_t cap = 1;
  int bits = 0;
  while (cap < nf * 4) {
    cap <<= 1;
    ++bits;
  }
  shift_ = static_cast<uint32_t>(32 - bits);
  uint32_t max_run = 0;
  for (size_t i = 0; i < nf; ++i) max_run = std::max(max_run, offsets_[i + 1] - offsets_[i]);
  wide_classes_ = num_classes_ > 255 || max_run > 255;
  const size_t width = wide_classes_ ? 4 : 1;
  // A run's window, or width 0 when it is stored sparse (also when its
  // classes are not strictly increasing: a window holds one weight per
  // class, and a file's runs are not checked for order).
  bool windows = true;
  auto window_of = [&](size_t i) {
    const uint32_t begin = offsets_[i], run = offsets_[i + 1] - begin;
    if (!windows || run < kMinWindowRun) return Window{0, 0};
    for (uint32_t j = begin + 1; j < begin + run; ++j) {
      if (classes_[j] <= classes_[j - 1]) return Window{0, 0};
    }
    Window w = WindowOf(classes_[begin], classes_[begin + run - 1], num_classes_);
    return w.width <= kMaxWindowPerPair * run ? w : Window{0, 0};
  };
  auto record_words = [&](size_t i) -> size_t {
    const size_t run = offsets_[i + 1] - offsets_[i];
    const Window w = window_of(i);
    return w.width > 0 ? 2 + w.width : (width * (1 + run) + 3) / 4 + run;
  };

  // Counting sort: features by decreasing run length, ties by key.
  std::vector<uint32_t> order(nf);
  {
    std::vector<size_t> start(max_run + 2, 0);
    for (size_t i = 0; i < nf; ++i) ++start[max_run - (offsets_[i + 1] - offsets_[i]) + 1];
    for (size_t r = 1; r < start.size(); ++r) start[r] += start[r - 1];
    for (size_t i = 0; i < nf; ++i) order[start[max_run - (offsets_[i + 1] - offsets_[i])]++] = static_cast<uint32_t>(i);
  }
  // Built in place in storage advised for huge pages (no copy, no second
  // peak): the arena's size is known in advance; the slots rarely outgrow
  // their reserve.
  size_t arena_words = 1;  // word 0: no record
  for (size_t i = 0; i < nf; ++i) arena_words += record_words(i);
  if (arena_words >= size_t{kWindowBit}) {
    // Window offsets need the top bit (an arena of 8 GiB): sparse records only.
    windows = false;
    arena_words = 1;
    for (size_t i = 0; i < nf; ++i) arena_words += record_words(i);
  }
  std::vector<uint32_t> arena;
  arena.reserve(arena_words);
  AdviseHugePages(arena.data(), arena_words * sizeof(uint32_t));
  arena.resize(arena_words, 0);
  std::vector<Slot> slots;
  slots.reserve(cap + 64);
  AdviseHugePages(slots.data(), (cap + 64) * sizeof(Slot));
  slots.resize(cap + 1);
  std::vector<uint32_t> record_of(nf);
  size_t at = 1;
  for (uint32_t i : order) {
    const uint32_t begin = offsets_[i], end = offsets_[i + 1], run = end - begin;
    const Window win = window_of(i);
    if (win.width > 0) {
      record_of[i] = static_cast<uint32_t>(at) | kWindowBit;
      arena[at] = win.lo;
      arena[at + 1] = win.width;
      const float kNoWeight = -0.0f;  // adds nothing, bit for bit
      float* w = reinterpret_cast<float*>(&arena[at + 2]);
      for (uint32_t c = 0; c < win.width; ++c) std::memcpy(&w[c], &kNoWeight, sizeof(float));
      for (uint32_t j = begin; j < end; ++j) std::memcpy(&w[classes_[j] - win.lo], &weights_[j], sizeof(float));
      at += 2 + win.width;
      continue;
    }
    record_of[i] = static_cast<uint32_t>(at);
    unsigned char* head = reinterpret_cast<unsigned char*>(&arena[at]);
    if (wide_classes_) {
      std::memcpy(head, &run, 4);
      for (uint32_t j = 0; j < run; ++j) {
        const uint32_t c = classes_[begin + j];
        std::memcpy(head + 4 * (1 + j), &c, 4);
      }
    } else {
      head[0] = static_cast<unsigned char>(run);
      for (uint32_t j = 0; j < run; ++j) head[1 + j] = static_cast<unsigned char>(classes_[begin + j]);
    }
    at += record_words(i);
    std::memcpy(&arena[at - run], &weights_[begin], run * sizeof(float));
  }
  // Slots filled block by block of home slots (a counting sort on the top
  // bits of the home slot), so the writes sweep the table instead of
  // missing the cache on every insertion; within a block, in run order.
  auto home = [&](uint32_t key) {
    return static_cast<uint32_t>(uint64_t{key * 0x9e3779b1u} >> shift_);
  };
  const int block_bits = bits > 12 ? bits - 12 : 0;  // at most 4096 blocks
  std::vector<uint32_t> by_home(nf);
  {
    std::vector<size_t> start((cap >> block_bits) + 1, 0);
    for (uint32_t i : order) ++start[(home(keys_[i]) >> block_bits) + 1];
    for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
    for (uint32_t i : order) by_home[start[home(keys_[i]) >> block_bits]++] = i;
  }
  for (uint32_t i : by_home) {
    size_t slot = home(keys_[i]);
    while (slots[slot].key != 0) ++slot;
    slots[slot] = Slot{keys_[i], record_of[i]};
    if (slot + 1 == slots.size()) slots.emplace_back();  // keep an empty slot last
  }
  slots_ = std::move(slots);
  arena_ = std::move(arena);
}

void LinearModel::Write(ModelWriter* w) const {
  w->U32(num_classes_);
  w->U32s(keys_);
  w->U32s(offsets_);
  w->U16s(classes_);
  w->F32s(weights_);
}

LinearModel LinearModel::Read(ModelReader* r) {
  LinearModel m;
  m.num_classes_ = r->U32("the number of classes");
  m.keys_ = r->U32s("the feature keys");
  m.offsets_ = r->U32s("the feature offsets");
  m.classes_ = r->U16s("the weight classes");
  m.weights_ = r->F32s("the weights");
  if (!r->ok()) return LinearModel();
  // Validate every invariant AddScores relies on, so a corrupt file cannot
  // make it read out of bounds.
  if (m.offsets_.size() != m.keys_.size() + 1) {
    r->Fail(fmt::format("expected {} feature offsets, found {}", m.keys_.size() + 1,
                        m.offsets_.size()));
  } else if (m.classes_.size() != m.weights_.size()) {
    r->Fail(fmt::format("expected as many weight classes as weights ({}), found {}",
                        m.weights_.size(), m.classes_.size()));
  } else if (m.offsets_.front() != 0 || m.offsets_.back() != m.weights_.size()) {
    r->Fail(fmt::format("expected feature offsets from 0 to {}, found {} to {}",
                        m.weights_.size(), m.offsets_.front(), m.offsets_.back()));
  }
  for (size_t i = 0; r->ok() && i < m.keys_.size(); ++i) {
    if (m.keys_[i] == 0 || (i > 0 && m.keys_[i] <= m.keys_[i - 1])) {
      r->Fail(fmt::format("expected sorted nonzero feature keys, found {} at index {}", m.keys_[i], i));
    } else if (m.offsets_[i] > m.offsets_[i + 1]) {
      r->Fail(fmt::format("expected nondecreasing feature offsets, found {} after {}",
                          m.offsets_[i + 1], m.offsets_[i]));
    }
  }
  for (size_t j = 0; r->ok() && j < m.classes_.size(); ++j) {
    if (m.classes_[j] >= m.num_classes_) {
      r->Fail(fmt::format("expected weight classes below {}, found {}", m.num_classes_, m.classes_[j]));
    }
  }
  if (!r->ok()) return LinearModel();
  m.BuildIndex();
  return m;
}

LinearModel LinearModel::Pruned(float threshold) const {
  LinearModel m;
  m.num_classes_ = num_classes_;
  m.offsets_.push_back(0);
  for (size_t i = 0; i < keys_.size(); ++i) {
    size_t before = m.weights_.size();
    for (uint32_t j = offsets_[i]; j < offsets_[i + 1]; ++j) {
      if (std::fabs(weights_[j]) >= threshold) {
        m.classes_.push_back(classes_[j]);
        m.weights_.push_back(weights_[j]);
      }
    }
    if (m.weights_.size() == before) continue;
    m.keys_.push_back(keys_[i]);
    m.offsets_.push_back(static_cast<uint32_t>(m.weights_.size()));
  }
  m.BuildIndex();
  return m;
}

LinearModel LinearModel::Mean(const std::vector<LinearModel>& models) {
  LinearModel m;
  if (models.empty()) return m;
  for (const LinearModel& x : models) {
    if (x.num_classes_ != models[0].num_classes_) return m;
  }
  m.num_classes_ = models[0].num_classes_;
  // Merge the sorted key lists; sum each class's weights in model order.
  std::vector<size_t> at(models.size(), 0);
  std::vector<float> sum(m.num_classes_);
  std::vector<uint8_t> seen(m.num_classes_);
  const float scale = 1.0f / static_cast<float>(models.size());
  m.offsets_.push_back(0);
  while (true) {
    uint32_t key = 0;
    bool any = false;
    for (size_t k = 0; k < models.size(); ++k) {
      if (at[k] < models[k].keys_.size() && (!any || models[k].keys_[at[k]] < key)) {
        key = models[k].keys_[at[k]];
        any = true;
      }
    }
    if (!any) break;
    std::fill(sum.begin(), sum.end(), 0.0f);
    std::fill(seen.begin(), seen.end(), 0);
    for (size_t k = 0; k < models.size(); ++k) {
      const LinearModel& x = models[k];
      if (at[k] >= x.keys_.size() || x.keys_[at[k]] != key) continue;
      for (uint32_t j = x.offsets_[at[k]]; j < x.offsets_[at[k] + 1]; ++j) {
        sum[x.classes_[j]] += x.weights_[j];
        seen[x.classes_[j]] = 1;
      }
      ++at[k];
    }
    size_t before = m.weights_.size();
    for (uint32_t c = 0; c < m.num_classes_; ++c) {
      float w = sum[c] * scale;
      if (seen[c] && w != 0.0f) {
        m.classes_.push_back(static_cast<uint16_t>(c));
        m.weights_.push_back(w);
      }
    }
    if (m.weights_.size() == before) continue;
    m.keys_.push_back(key);
    m.offsets_.push_back(static_cast<uint32_t>(m.weights_.size()));
  }
  m.BuildIndex();
  return m;
}

void PerceptronTrainer::Score(const uint32_t* keys, size_t n, float* scores) const {
  for (size_t i = 0; i < n; ++i) {
    auto it = row_of_.find(keys[i]);
    if (it == row_of_.end()) continue;
    for (const Param& p : rows_[it->second]) scores[p.cls] += p.w;
  }
}

void PerceptronTrainer::Update(const uint32_t* keys, size_t n, int gold, int predicted,
                               float amount) {
  if (gold == predicted) return;
  for (size_t i = 0; i < n; ++i) {
    auto [it, inserted] = row_of_.try_emplace(keys[i], static_cast<uint32_t>(rows_.size()));
    if (inserted) rows_.emplace_back();
    std::vector<Param>& row = rows_[it->second];
    for (int k = 0; k < 2; ++k) {
      int cls = k == 0 ? gold : predicted;
      float delta = k == 0 ? amount : -amount;
      Param* p = nullptr;
      for (Param& q : row) {
        if (q.cls == cls) {
          p = &q;
          break;
        }
      }
      if (p == nullptr) {
        row.push_back(Param{static_cast<uint16_t>(cls), 0.0f, 0.0, time_});
        p = &row.back();
      }
      p->total += static_cast<double>(time_ - p->stamp) * p->w;
      p->stamp = time_;
      p->w += delta;
    }
  }
}

LinearModel PerceptronTrainer::Average(float prune_below) const {
  LinearModel m;
  m.num_classes_ = static_cast<uint32_t>(num_classes_);
  std::vector<std::pair<uint32_t, uint32_t>> order(row_of_.begin(), row_of_.end());
  std::sort(order.begin(), order.end());
  m.offsets_.push_back(0);
  std::vector<std::pair<uint16_t, float>> pairs;
  for (const auto& [key, row] : order) {
    pairs.clear();
    for (const Param& p : rows_[row]) {
      double total = p.total + static_cast<double>(time_ - p.stamp) * p.w;
      float avg = static_cast<float>(total / static_cast<double>(time_));
      if (std::fabs(avg) >= prune_below && avg != 0.0f) pairs.emplace_back(p.cls, avg);
    }
    if (pairs.empty()) continue;
    std::sort(pairs.begin(), pairs.end());
    m.keys_.push_back(key);
    for (const auto& [c, w] : pairs) {
      m.classes_.push_back(c);
      m.weights_.push_back(w);
    }
    m.offsets_.push_back(static_cast<uint32_t>(m.weights_.size()));
  }
  m.BuildIndex();
  return m;
}

}  // namespace chronicle
