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
  return p;
}

}  // namespace chronicle
