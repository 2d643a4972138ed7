// The timex stage's trigger index: where in a text each rule can begin a
// match, found with one hash lookup per word instead of a regex pass over
// every byte.
//
// At load time each rule's expanded pattern (RE2 syntax) is parsed and its
// possible starts are derived from it, never from a hand list: the first
// word of a match (as a shape: one byte set per character, ASCII letters in
// both cases, complete or only a prefix) and, when the first word is
// complete, the second word after the separators. A match that can begin
// with a non-word character (or with a word character not preceded by \b)
// gives a byte trigger instead: every position holding such a byte. The
// derivation over-approximates (assertions other than \b are ignored, case
// is ignored, separators are not tracked), so every position where the
// rule's regex can match anchored is reported: running the rule anchored at
// the reported positions finds exactly what an unanchored search finds.
// A pattern the analysis does not understand (or too large to expand)
// leaves its rule untriggered: the caller runs it over the whole chunk.
// Rules whose matches always start a word also get a word automaton
// (WordsMayMatch) that follows the next words of a trigger before any regex
// runs. Building takes ~100-150 ms for the shipped rules (TimexTagger builds
// it on first use of Matching::kTriggers).
//
//   TriggerIndex index = TriggerIndex::Build(patterns);   // patterns[i]: rule i
//   std::vector<uint64_t> hits;                            // (rule << 32) | offset
//   index.Collect(chunk, &hits);
//   // for each hit: if index.WordsMayMatch(rule, chunk, offset), run the
//   // rule anchored at offset
//   for (int r : index.untriggered()) { ... search rule r over the chunk ... }
//
// "Word" means what RE2's \b means: a run of the ASCII bytes [0-9A-Za-z_].
// Thread-safety: a built index is immutable; Collect() is const and may run
// on many chunks in parallel.
#ifndef CHRONICLE_TIMEX_TRIGGER_INDEX_H_
#define CHRONICLE_TIMEX_TRIGGER_INDEX_H_

#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chronicle {

// A set of byte values (a 256-bit set with the bitset operations used here).
class ByteSet {
 public:
  class Ref {
   public:
    Ref(uint64_t* w, unsigned bit) : w_(w), bit_(bit) {}
    Ref& operator=(bool v) {
      if (v) {
        *w_ |= uint64_t{1} << bit_;
      } else {
        *w_ &= ~(uint64_t{1} << bit_);
      }
      return *this;
    }
    operator bool() const { return (*w_ >> bit_) & 1; }

   private:
    uint64_t* w_;
    unsigned bit_;
  };
  bool operator[](size_t c) const { return (w_[c >> 6] >> (c & 63)) & 1; }
  Ref operator[](size_t c) { return Ref(&w_[c >> 6], static_cast<unsigned>(c & 63)); }
  void set() { w_[0] = w_[1] = w_[2] = w_[3] = ~uint64_t{0}; }
  size_t count() const {
    return __builtin_popcountll(w_[0]) + __builtin_popcountll(w_[1]) + __builtin_popcountll(w_[2]) +
           __builtin_popcountll(w_[3]);
  }
  bool any() const { return (w_[0] | w_[1] | w_[2] | w_[3]) != 0; }
  bool none() const { return !any(); }
  // Lowest member, or -1.
  int first() const {
    for (int i = 0; i < 4; ++i) {
      if (w_[i] != 0) return i * 64 + __builtin_ctzll(w_[i]);
    }
    return -1;
  }
  ByteSet operator&(const ByteSet& o) const {
    ByteSet r;
    for (int i = 0; i < 4; ++i) r.w_[i] = w_[i] & o.w_[i];
    return r;
  }
  ByteSet operator|(const ByteSet& o) const {
    ByteSet r;
    for (int i = 0; i < 4; ++i) r.w_[i] = w_[i] | o.w_[i];
    return r;
  }
  ByteSet operator~() const {
    ByteSet r;
    for (int i = 0; i < 4; ++i) r.w_[i] = ~w_[i];
    return r;
  }
  ByteSet& operator|=(const ByteSet& o) {
    for (int i = 0; i < 4; ++i) w_[i] |= o.w_[i];
    return *this;
  }
  friend bool operator==(const ByteSet&, const ByteSet&) = default;
  const uint64_t* words() const { return w_; }

 private:
  uint64_t w_[4] = {0, 0, 0, 0};
};

// One word of a match: a byte set per character; `complete` when the word
// ends after these characters, else they are only its beginning.
struct WordShape {
  std::vector<ByteSet> chars;
  bool complete = false;
  // True when `word` (a whole word of the text) fits the shape.
  bool Matches(std::string_view word) const;
  // The lower-case word when every character is one letter (either case)
  // or one other byte, else "".
  std::string Literal() const;
};

// A rule as an automaton over the words of the text (separators are not
// tracked): from the start, an edge whose shape fits the first word leads to
// a state; from a state, an edge fitting the next word leads on. Edge next
// -1: the match may end inside or right after that word; can_end: the match
// may end before the next word. A superset of the rule's matches.
struct WordAutomaton {
  struct Edge {
    WordShape shape;
    int next = -1;
  };
  struct State {
    bool can_end = false;
    std::vector<Edge> edges;
  };
  std::vector<Edge> initial;
  std::vector<State> states;
};

// What the analysis found for one pattern (exposed for tests).
struct PatternTriggers {
  bool analyzed = false;  // false: untriggered (run over every chunk)
  ByteSet start_bytes;  // match may start at any position with these bytes
  ByteSet after_start;  // ... and then go on with one of these bytes
  struct Entry {
    WordShape first;              // at a word start
    bool any_second = false;      // no condition on the next word
    std::vector<WordShape> second;  // else the next word fits one of these
  };
  std::vector<Entry> entries;
  // Only for patterns without byte triggers (every match starts a word).
  bool has_automaton = false;
  WordAutomaton automaton;
};

// Derives the triggers of one RE2 pattern. Never fails: an unsupported
// construct or a pattern needing more than `budget` expansion steps gives
// analyzed == false.
PatternTriggers AnalyzePattern(std::string_view pattern, int budget = 2000000);

class TriggerIndex {
 public:
  // Builds the index of patterns[i] for rule i. Never fails.
  static TriggerIndex Build(const std::vector<std::string>& patterns);

  // Appends (rule << 32) | offset for every offset of `chunk` where a rule
  // may match (offsets relative to chunk, which is also the matching context
  // for \b); unsorted, may repeat. Untriggered rules are not reported.
  void Collect(std::string_view chunk, std::vector<uint64_t>* out) const;

  // False when rule cannot match at offset p of chunk (a word start
  // reported by Collect), judged on the next words by the rule's word
  // automaton; true when it may, or when the rule has no automaton.
  bool WordsMayMatch(int rule, std::string_view chunk, size_t p) const;

  // Rules without triggers: the caller searches them over every chunk.
  const std::vector<int>& untriggered() const { return untriggered_; }
  // True when rule's pattern may use ^, $, \A or \z (a character '^' or
  // '$' or those escapes anywhere in it): its matches depend on where the
  // text ends, not only on the bytes next to them.
  bool mentions_text_anchor(int rule) const { return text_anchor_[rule]; }
  // Number of (rule, first word) entries, for diagnostics.
  size_t entry_count() const { return entry_count_; }

 private:
  // What may follow one first word (or first-word shape): rules with no
  // condition on the second word, rules keyed by a literal second word (in
  // pairs_, tagged with this Follow's id), and rules per second-word shape.
  struct SecondShape {
    WordShape shape;
    std::vector<int> rules;
  };
  struct Follow {
    std::vector<int> any_rules;
    bool has_pairs = false;
    std::vector<std::vector<SecondShape>> by_length;  // complete shapes, index: length
    std::vector<SecondShape> open;
  };
  struct ShapeGroup {
    WordShape first;
    uint32_t follow = 0;  // into follows_
  };
  struct ByteBucket {
    std::vector<std::vector<uint32_t>> complete_by_length;  // into shape_groups_
    // Per length, per position: the union of the groups' byte sets (a word
    // outside it is rejected without looking at the groups).
    std::vector<std::vector<ByteSet>> complete_union;
    std::vector<uint32_t> open;
  };
  // A lower-cased word of at most 16 bytes packed in two integers, with a
  // tag (which first word, for pairs); keys of an open-addressing table.
  struct PackedKey {
    uint64_t a = 0, b = 0;
    uint32_t len = 0, tag = 0;
    friend bool operator==(const PackedKey&, const PackedKey&) = default;
  };
  class FlatMap {
   public:
    void Build(const std::vector<std::pair<PackedKey, int32_t>>& items);
    int32_t Find(const PackedKey& k) const;  // -1 when absent

   private:
    struct Slot {
      PackedKey key;
      int32_t value = -1;
    };
    std::vector<Slot> slots_;
    uint64_t mask_ = 0;
    std::vector<uint64_t> bloom_;  // one bit per key hash: most lookups stop here
  };
  static bool Pack(std::string_view word, uint32_t tag, PackedKey* out);

  void Follows(uint32_t follow, std::string_view second_word, size_t p, std::vector<uint64_t>* out) const;

  std::vector<Follow> follows_;
  std::vector<ShapeGroup> shape_groups_;
  FlatMap words_;                        // literal first word -> follows_
  std::vector<std::vector<int>> pair_rules_;
  FlatMap pairs_;                        // (follow + 1, literal second word) -> pair_rules_
  std::array<ByteBucket, 256> shapes_;  // by first byte of the word
  struct ByteRule {
    int rule = 0;
    ByteSet after;  // allowed next bytes
  };
  std::array<std::vector<ByteRule>, 256> byte_rules_;
  std::bitset<256> has_byte_rules_;
  std::bitset<256> has_shapes_;
  std::vector<int> untriggered_;
  std::vector<bool> text_anchor_;
  // Word automata in lookup form: per rule its start state and states
  // (global ids); literal edges in auto_words_ keyed (state + 1, word).
  struct AutoState {
    bool can_end = false;
    // Non-literal edges (next: global id, -1 accept): complete shapes by
    // length, then shapes that are only a word's beginning.
    std::vector<std::vector<std::pair<WordShape, int>>> by_length;
    std::vector<std::pair<WordShape, int>> open;
  };
  std::vector<int> auto_start_;                 // by rule: global id of its start, -1: none
  std::vector<AutoState> auto_states_;
  std::vector<std::vector<int>> auto_targets_;  // literal edges' targets
  FlatMap auto_words_;
  size_t entry_count_ = 0;
};

}  // namespace chronicle

#endif  // CHRONICLE_TIMEX_TRIGGER_INDEX_H_
