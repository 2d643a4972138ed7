// The view of a Document the relation stage works on: words (the document's
// tokens, or a light word split when there are none), sentences (likewise),
// and the temporal entities (event instances, TIMEX3s, the DCT) placed on
// them; plus the TempEval-3 candidate pairs over those entities.
//
//   RelContext ctx = BuildContext(doc);
//   for (const Candidate& c : Candidates(ctx)) {
//     const RelEntity& a = ctx.entities[c.a];   // the pair, oriented
//   }
//
// Internal to src/relation (the tagger and the trainer share it). Pure
// functions of the document; thread-safe.
#ifndef CHRONICLE_RELATION_CONTEXT_H_
#define CHRONICLE_RELATION_CONTEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "doc/document.h"
#include "timeline/calendar.h"

namespace chronicle {

struct RelWord {
  Span span;
  std::string lower;
  std::string lemma;  // from the tagger, else empty
  std::string xpos;   // from the tagger, else empty
  int head = -1;      // word index of the syntactic head; -1 root or unknown
  std::string deprel;
};

struct RelEntity {
  std::string id;  // "ei3", "t2", "t0"
  bool is_event = false;
  bool is_dct = false;
  Span span;
  int sentence = -1;    // -1 for the DCT
  int first_word = -1;  // words covered, [first_word, end_word)
  int end_word = -1;
  int head_word = -1;   // the syntactic head of the span (last word without a parse)
  const Event* event = nullptr;
  const EventInstance* instance = nullptr;
  const Timex* timex = nullptr;
  // An event's part of speech (VERB, NOUN, ADJECTIVE, PREPOSITION, OTHER):
  // from the tagger's tag of its head word when the words are tagged, so
  // that a corpus convention (AQUAINT's gold pos="UNKNOWN" on most events,
  // which no tagger produces) is not a feature; else the instance's pos.
  std::string pos;
  std::optional<CalendarInterval> interval;  // timexes and the DCT
  // For a timex: the event it modifies (its syntactic governor when
  // parsed, else the nearest event of its sentence), or -1.
  int governed_event = -1;
  bool is_main = false;  // the main event of its sentence (MainEvents)
  // The function words the parse attaches to the head word: its
  // subordinators ("mark" children: after, when, because, if) and
  // auxiliaries ("aux" children: will, would, have, could), lower-case, in
  // text order, joined by '+'; empty when none or unparsed.
  std::string mark, aux;
  // For an event: the nearest event of its sentence whose head word is a
  // (transitive) syntactic head of this event's head word, or -1 (root
  // event, or unparsed).
  int event_governor = -1;
  // For an event: its index among the events of its sentence (0 first)
  // and how many events the sentence has.
  int sentence_rank = 0, sentence_events = 0;
};

struct RelContext {
  std::vector<RelWord> words;
  std::vector<std::pair<int, int>> sentences;  // word ranges [first, end)
  std::vector<RelEntity> entities;             // in text order; the DCT last
  int dct = -1;                                // index of the DCT entity, or -1
  bool has_parse = false;                      // heads given for the words
  int event_count = 0;                         // event entities of the document
  std::optional<CalendarInterval> dct_interval;
};

// use_syntax = false ignores the tagger's and parser's layers (lemma, xpos,
// heads) even when present, for a model trained without them.
RelContext BuildContext(const Document& doc, bool use_syntax = true);

enum class PairKind : uint8_t {
  kEventEvent,  // every pair of a sentence or of consecutive sentences,
                // and repeated mentions of an event word; a is first in the text
  kEventTimex,  // same sentence; a is the event
  kEventDct,    // every event; b is the DCT
  kTimexTimex,  // same or consecutive sentence; a is first in the text
  kTimexDct,    // every timex with a calendar value; b is the DCT
};
inline constexpr int kPairKindCount = 5;
const char* PairKindName(PairKind k);

struct Candidate {
  int a = 0;  // index into RelContext::entities
  int b = 0;
  PairKind kind = PairKind::kEventEvent;
};

// The candidate pairs TempEval-3 relates, each once, oriented as PairKind
// says. Deterministic order.
std::vector<Candidate> Candidates(const RelContext& ctx);

// The index of the main event of each sentence (the event nearest the root
// of the parse; without a parse the first verb event, else the first
// event), or -1.
std::vector<int> MainEvents(const RelContext& ctx);

// True when word `anc` is a (transitive) syntactic head of word `w`.
bool Dominates(const RelContext& ctx, int anc, int w);

}  // namespace chronicle

#endif  // CHRONICLE_RELATION_CONTEXT_H_
