// The narrative reference time and the tense logic of the timex stage.
//
// Two questions decide the calendar value of a relative expression:
//  - Which way does it point? "Monday" or "January" without a year point
//    back in a past-tense sentence ("Back in January, she spoke ...") and
//    forward in a future one ("will meet Monday"); in a present-tense clause
//    or one without a cue a weekday is the nearest such day, up to three
//    days either way (Resolve() in timex_value.cc applies the windows).
//    GoverningTense() answers
//    from POS tags when the document has them (MD will, VBD...) and else
//    from word cues (will/'ll/going to/plans -> future; did/-ed/said ->
//    past), taking the cue nearest to the expression in its sentence.
//  - What is it relative to? Deictic words (yesterday, last week) use the
//    DCT; anaphoric ones ("the following day", "a year earlier" after "the
//    third quarter") use the narrative reference time: the last explicit
//    date mentioned, which NarrativeReference tracks and lets expire.
//
//   TenseCues cues = ...;  // from data/en/timex/lexicon/tense_cues.tsv
//   Tense t = GoverningTense(doc, span, cues);
//
// Thread-safety: TenseCues is immutable after construction and may be
// shared; NarrativeReference is per document (not shared).
#ifndef CHRONICLE_TIMEX_REFERENCE_TIME_H_
#define CHRONICLE_TIMEX_REFERENCE_TIME_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "doc/document.h"
#include "timex/timex_value.h"

namespace chronicle {

// Word cues for the tense of a clause, keyed by lower-cased word.
class TenseCues {
 public:
  TenseCues() = default;
  // `word` is lower-cased ASCII; later additions override earlier ones.
  void Add(std::string word, Tense tense) {
    SetFilterBit(word);
    cues_[std::move(word)] = tense;
  }
  // The tense a word signals on its own (lexicon, then the -ed rule), or
  // kUnknown. `word` may have any case.
  Tense Classify(std::string_view word) const;
  // The tense a two-word phrase signals ("set to", "is to"): the lexicon
  // entry "first second", or kUnknown.
  Tense ClassifyPair(std::string_view first, std::string_view second) const;
  size_t size() const { return cues_.size(); }

 private:
  // Transparent hash: lookups take the lower-cased word in a stack buffer.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Tense, Hash, std::equal_to<>> cues_;
  // One bit per key hash (FNV-1a, 13 bits): most words of a sentence are no
  // cue, and a clear bit says so without touching the map.
  static constexpr uint32_t kFilterBits = 1 << 13;
  static uint32_t FilterHash(std::string_view lower) {
    uint32_t h = 2166136261u;
    for (char c : lower) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return (h ^ (h >> 15)) & (kFilterBits - 1);
  }
  void SetFilterBit(std::string_view lower) {
    uint32_t b = FilterHash(lower);
    filter_[b >> 6] |= uint64_t{1} << (b & 63);
  }
  bool MayHave(std::string_view lower) const {
    uint32_t b = FilterHash(lower);
    return (filter_[b >> 6] >> (b & 63) & 1) != 0;
  }
  uint64_t filter_[kFilterBits / 64] = {};
};

// True when a sentence ends just after text[i] (one of . ! ?): white space
// and an upper-case letter or quote follow, and the word before is no
// abbreviation ("Aug.", "Dr.", "Corp.", "p.m.", "U.S.", initials), which
// could be inside a temporal expression.
bool SentenceEndsAt(std::string_view text, size_t i);

// The sentence around byte offset `pos`: from doc.sentences when present,
// else by scanning for sentence punctuation followed by a capital letter or
// a blank line. Never fails; returns at least [pos, pos).
Span SentenceAround(const Document& doc, uint32_t pos);

// Tense governing the expression at `span`: the nearest tense cue in its
// sentence, using POS tags (doc.tokens[i].xpos) when present. kUnknown when
// the sentence has no cue.
Tense GoverningTense(const Document& doc, Span span, const TenseCues& cues);

// GoverningTense() in two steps, so that several expressions of one
// sentence share the scan: SentenceTenseCues() lists the tense cues of the
// sentence `sentence` (= SentenceAround(doc, pos)) in text order, and
// NearestTense() picks the one governing `span` exactly as
// GoverningTense(doc, span, cues) does. Never fail; thread-safe (`out` is
// the caller's).
struct TenseCue {
  Tense tense = Tense::kUnknown;
  uint32_t begin = 0;
  uint32_t end = 0;
};
void SentenceTenseCues(const Document& doc, Span sentence, const TenseCues& cues,
                       std::vector<TenseCue>* out);
Tense NearestTense(const std::vector<TenseCue>& sentence_cues, Span span);

// Tracks the last explicit calendar point of the narrative. A point older
// than `max_distance` bytes is forgotten (anaphora rarely reaches further).
class NarrativeReference {
 public:
  explicit NarrativeReference(uint32_t max_distance = 1000) : max_distance_(max_distance) {}
  // Records what a resolved expression at byte `pos` established.
  void Observe(const ResolvedTimex& r, uint32_t pos);
  // Fills ctx->has_narrative / narrative / narrative_unit for byte `pos`.
  void Fill(ResolveContext* ctx, uint32_t pos) const;

 private:
  uint32_t max_distance_;
  bool has_ = false;
  uint32_t pos_ = 0;
  CivilDate date_;
  Unit unit_ = Unit::kNone;
};

}  // namespace chronicle

#endif  // CHRONICLE_TIMEX_REFERENCE_TIME_H_
