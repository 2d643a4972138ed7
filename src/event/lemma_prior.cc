#include "event/lemma_prior.h"

#include <algorithm>
#include <bit>
#include <vector>

#include <fmt/core.h>

#include "learn/hash.h"

namespace chronicle {

uint64_t PriorKey(uint64_t lemma_hash, std::string_view xpos) {
  return HashCombine(lemma_hash, xpos.empty() ? 0 : static_cast<unsigned char>(xpos[0]));
}

void LemmaPrior::Add(uint64_t key, bool is_event, int cls) {
  LemmaCounts& c = counts_[key];
  ++c.tokens;
  if (!is_event) return;
  ++c.events;
  if (cls >= 0 && cls < kPriorClasses) ++c.cls[cls];
}

const LemmaCounts* LemmaPrior::Find(uint64_t key) const {
  if (slots_.empty()) {
    auto it = counts_.find(key);
    return it == counts_.end() ? nullptr : &it->second;
  }
  size_t mask = slots_.size() - 1;
  for (size_t k = static_cast<size_t>((key * 0x9e3779b97f4a7c15ULL) >> shift_);; k = (k + 1) & mask) {
    const Slot& s = slots_[k];
    if (s.index == 0) return nullptr;
    if (s.key == key) return &values_[s.index - 1];
  }
}

void LemmaPrior::Write(ModelWriter* w) const {
  std::vector<uint64_t> keys;
  keys.reserve(counts_.size());
  for (const auto& [k, c] : counts_) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  w->U32(static_cast<uint32_t>(keys.size()));
  for (uint64_t k : keys) {
    const LemmaCounts& c = counts_.at(k);
    w->U64(k);
    w->U32(c.tokens);
    w->U32(c.events);
    for (uint32_t n : c.cls) w->U32(n);
  }
}

LemmaPrior LemmaPrior::Read(ModelReader* r) {
  LemmaPrior p;
  uint32_t n = r->U32("lemma prior size");
  for (uint32_t i = 0; i < n && r->ok(); ++i) {
    uint64_t k = r->U64("lemma prior key");
    LemmaCounts c;
    c.tokens = r->U32("lemma prior tokens");
    c.events = r->U32("lemma prior events");
    uint32_t sum = 0;
    for (uint32_t& x : c.cls) sum += (x = r->U32("lemma prior class count"));
    if (!r->ok()) break;
    if (c.events > c.tokens || sum > c.events) {
      r->Fail(fmt::format("lemma prior entry {}: {} events of {} tokens, {} with a class", i,
                          c.events, c.tokens, sum));
      break;
    }
    if (!p.counts_.emplace(k, c).second) {
      r->Fail(fmt::format("lemma prior entry {}: key {:016x} repeated", i, k));
      break;
    }
  }
  if (!r->ok()) return p;
  size_t capacity = 16;
  while (capacity < 2 * p.counts_.size()) capacity *= 2;
  p.slots_.assign(capacity, Slot());
  p.shift_ = 64 - std::countr_zero(capacity);
  p.values_.reserve(p.counts_.size());
  for (const auto& [key, c] : p.counts_) {
    size_t k = static_cast<size_t>((key * 0x9e3779b97f4a7c15ULL) >> p.shift_);
    while (p.slots_[k].index != 0) k = (k + 1) & (capacity - 1);
    p.values_.push_back(c);
    p.slots_[k] = Slot{key, static_cast<uint32_t>(p.values_.size())};
  }
  return p;
}

}  // namespace chronicle
