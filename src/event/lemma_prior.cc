#include "event/lemma_prior.h"

#include <algorithm>
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

const LemmaCounts* LemmaPrior::Find(uint64_t key) const { return counts_.Find(key); }

void LemmaPrior::Write(ModelWriter* w) const {
  std::vector<uint64_t> keys;
  keys.reserve(counts_.size());
  counts_.ForEach([&](uint64_t k, const LemmaCounts&) { keys.push_back(k); });
  std::sort(keys.begin(), keys.end());
  w->U32(static_cast<uint32_t>(keys.size()));
  for (uint64_t k : keys) {
    const LemmaCounts& c = *counts_.Find(k);
    w->U64(k);
    w->U32(c.tokens);
    w->U32(c.events);
    for (uint32_t n : c.cls) w->U32(n);
  }
}

LemmaPrior LemmaPrior::Read(ModelReader* r) {
  LemmaPrior p;
  uint32_t n = r->U32("lemma prior size");
  // A damaged count must not reserve gigabytes: entries beyond the bound
  // just grow the table as they are read.
  if (r->ok()) p.counts_.Reserve(std::min<uint32_t>(n, 1u << 20));
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
    if (p.counts_.Contains(k)) {
      r->Fail(fmt::format("lemma prior entry {}: key {:016x} repeated", i, k));
      break;
    }
    p.counts_.Insert(k, c);
  }
  return p;
}

}  // namespace chronicle
