// How often each lemma (with its coarse part of speech) was an event, and
// of which class, in the training documents: the "lemma prior" the event
// features back off to ("report"/N: an event 12 times in 21, REPORTING 2,
// OCCURRENCE 10). Stored in the events model.
//
//   LemmaPrior prior;
//   prior.Add(PriorKey(lemma_hash, "NN"), /*is_event=*/true, /*cls=*/0);
//   const LemmaCounts* c = prior.Find(PriorKey(lemma_hash, "NN"));
//
// During training the features of a document read counts from the other
// training documents only (EventTrainOptions: a jackknife over document
// groups), so that the classifiers learn how far counts from unseen text
// can be trusted; at run time the counts are those of all training
// documents. Read-only after construction; Find() is thread-safe.
#ifndef CHRONICLE_EVENT_LEMMA_PRIOR_H_
#define CHRONICLE_EVENT_LEMMA_PRIOR_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "learn/flat_map.h"
#include "learn/model_file.h"

namespace chronicle {

inline constexpr int kPriorClasses = 7;  // event classes, in classifier order

struct LemmaCounts {
  uint32_t tokens = 0;  // candidate tokens with this key
  uint32_t events = 0;  // of them, gold events
  uint32_t cls[kPriorClasses] = {};  // events per class
};

// The key of a lemma (HashBytes of the lowercase lemma) and a tag: the tag's
// first letter stands for its coarse part of speech (N, V, J, R, ...).
uint64_t PriorKey(uint64_t lemma_hash, std::string_view xpos);

class LemmaPrior {
 public:
  // Counts one candidate token; cls < 0 or >= kPriorClasses when it is not
  // an event or its class is unknown (then only `events` counts it).
  void Add(uint64_t key, bool is_event, int cls);
  // The counts of `key`, or nullptr when training never saw it: one probe
  // of a flat open-addressing table (learn/flat_map.h).
  const LemmaCounts* Find(uint64_t key) const;
  size_t size() const { return counts_.size(); }

  // Serialization inside the events model: count, then per key in ascending
  // order: u64 key, u32 tokens, u32 events, u32 per class.
  void Write(ModelWriter* w) const;
  // Reads what Write() wrote; on failure records the error in *r.
  static LemmaPrior Read(ModelReader* r);

 private:
  FlatMap<uint64_t, LemmaCounts> counts_;
};

}  // namespace chronicle

#endif  // CHRONICLE_EVENT_LEMMA_PRIOR_H_
