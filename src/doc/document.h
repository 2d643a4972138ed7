// The Document: one news text and every annotation layer Chronicle adds to it.
//
// A Document owns its text (UTF-8) and flat vectors of annotations. Every
// annotation carries a Span of BYTE offsets into `text`; writers that speak
// code points (JSON, HTML) convert with util/utf8.h's OffsetMap. The text is
// never changed after reading, so spans stay valid and the text rebuilds
// exactly from the tokens and the gaps between them.
//
//   Document doc;
//   doc.text = "Sales fell last month.";
//   doc.dct = Timex{.id = "t0", .type = "DATE", .value = "2020-10-02"};
//   Tokenize(&doc);                     // src/text/tokenizer.h
//   for (const Token& t : doc.tokens) std::cout << doc.Text(t.span) << "\n";
//
// Ids: entities keep the string ids of TimeML ("t1", "e1", "ei1", "s1",
// "l1") so that a document read and written again keeps them; stages that
// create entities number them with NextId().
//
// This header knows no file format and no rule: see src/io/ for readers and
// writers. Not thread-safe for concurrent mutation; concurrent reads are fine.
#ifndef CHRONICLE_DOC_DOCUMENT_H_
#define CHRONICLE_DOC_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/error.h"

namespace chronicle {

// Half-open byte range [begin, end) into Document::text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Overlaps(Span o) const { return begin < o.end && o.begin < end; }
  friend bool operator==(Span a, Span b) = default;
};

// Attributes a reader found but that have no field of their own; kept in
// input order so a writer can reproduce them.
using ExtraAttributes = std::vector<std::pair<std::string, std::string>>;

inline constexpr int32_t kNoHead = -2;  // head not predicted / not given
inline constexpr int32_t kRootHead = -1;

struct Token {
  Span span;
  // Linguistic layer; empty until the tagger / parser run.
  std::string upos;
  std::string xpos;
  std::string lemma;
  std::string feats;
  std::string deprel;
  int32_t head = kNoHead;  // index into Document::tokens, kRootHead or kNoHead
  // True when the token is followed directly by the next one (no space);
  // CoNLL-U's SpaceAfter=No. Derivable from spans; cached by the tokenizer.
  bool space_after = true;
};

struct Sentence {
  Span span;
  uint32_t first_token = 0;  // index into Document::tokens
  uint32_t end_token = 0;    // one past the last token
};

// TIMEX3. For the DCT, span is empty and function_in_document is
// "CREATION_TIME".
struct Timex {
  std::string id;  // "t1"
  Span span;
  std::string type;   // DATE, TIME, DURATION, SET
  std::string value;  // ISO-8601 / TimeML value: 2020-09, P3Y, PRESENT_REF...
  std::string mod;    // BEFORE, AFTER, START, MID, END, MORE_THAN, ...
  std::string quant;
  std::string freq;
  std::string temporal_function;  // "true", "false" or "" (absent)
  std::string function_in_document;  // CREATION_TIME, NONE, ... or ""
  std::string anchor_time_id;
  std::string begin_point;
  std::string end_point;
  ExtraAttributes extra;
  friend bool operator==(const Timex&, const Timex&) = default;
};

// EVENT: the span and its class; tense, aspect and the rest live on the
// instance (TimeML's MAKEINSTANCE).
struct Event {
  std::string id;  // "e1"
  Span span;
  std::string event_class;  // OCCURRENCE, REPORTING, I_ACTION, ...
  ExtraAttributes extra;    // rare EVENT-level attributes (stem, tense, ...)
  friend bool operator==(const Event&, const Event&) = default;
};

struct EventInstance {
  std::string id;        // "ei1"
  std::string event_id;  // "e1"
  std::string tense;     // PAST, PRESENT, FUTURE, NONE, INFINITIVE, ...
  std::string aspect;    // NONE, PROGRESSIVE, PERFECTIVE, ...
  std::string polarity;  // POS, NEG
  std::string modality;  // "would", "can", ... or ""
  std::string pos;       // VERB, NOUN, ADJECTIVE, OTHER, ...
  std::string cardinality;
  std::string signal_id;
  ExtraAttributes extra;
  friend bool operator==(const EventInstance&, const EventInstance&) = default;
};

struct Signal {
  std::string id;  // "s1"
  Span span;
  friend bool operator==(const Signal&, const Signal&) = default;
};

// TLINK between event instances and/or times. source_id / target_id name an
// EventInstance ("ei3") or a Timex ("t2", "t0").
struct TLink {
  std::string id;  // "l1"
  std::string rel_type;  // BEFORE, AFTER, INCLUDES, IS_INCLUDED, ...
  std::string source_id;
  bool source_is_event = true;
  std::string target_id;
  bool target_is_event = true;
  std::string signal_id;
  std::string origin;
  ExtraAttributes extra;
  friend bool operator==(const TLink&, const TLink&) = default;
};

struct SLink {
  std::string id;
  std::string rel_type;  // MODAL, EVIDENTIAL, FACTIVE, ...
  std::string event_instance_id;
  std::string subordinated_event_instance;
  std::string signal_id;
  std::string syntax;
  ExtraAttributes extra;
  friend bool operator==(const SLink&, const SLink&) = default;
};

struct ALink {
  std::string id;
  std::string rel_type;  // INITIATES, CULMINATES, TERMINATES, ...
  std::string event_instance_id;
  std::string related_to_event_instance;
  std::string signal_id;
  std::string syntax;
  ExtraAttributes extra;
  friend bool operator==(const ALink&, const ALink&) = default;
};

// An XML element outside <TEXT> that is not DOCID, DCT, MAKEINSTANCE or a
// link (EXTRAINFO, TITLE, ...), kept verbatim so the TimeML layout survives a
// round trip. `before_text` tells on which side of <TEXT> it stood.
struct RawElement {
  std::string xml;
  bool before_text = true;
  friend bool operator==(const RawElement&, const RawElement&) = default;
};

class Document {
 public:
  std::string id;           // DOCID, or the input file's stem
  std::string source_name;  // the file it came from ("-" for stdin)
  std::string text;         // UTF-8; for TimeML, <TEXT> with tags removed
  std::optional<Timex> dct;  // the creation time, id "t0" by convention
  // The DCT element's own text in TimeML ("19980108"), kept so a document
  // read and written again keeps it; writers use dct->value when empty.
  std::string dct_text;

  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<Timex> timexes;
  std::vector<Event> events;
  std::vector<EventInstance> instances;
  std::vector<Signal> signals;
  std::vector<TLink> tlinks;
  std::vector<SLink> slinks;
  std::vector<ALink> alinks;
  std::vector<RawElement> raw_elements;

  std::string_view Text(Span s) const {
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }

  // The DCT's value ("2020-10-02"), or "" when there is none.
  std::string_view DctValue() const {
    return dct ? std::string_view(dct->value) : std::string_view();
  }

  // The smallest unused id of the form prefix + N (N >= 1) among all
  // entities of the document, e.g. NextId("t") after t0, t1, t7 gives "t8".
  std::string NextId(std::string_view prefix) const;

  // Checks the invariants every stage relies on: spans inside the text and
  // on UTF-8 character boundaries, ids unique per kind, instances pointing at
  // existing events, links pointing at existing instances / times. Returns
  // the first violation as an Error naming `source_name`; problems that can
  // be recovered are not errors here (readers decide that).
  Status Validate() const;

  // Drops every annotation layer but the text, id, source and DCT.
  void ClearAnnotations();
};

}  // namespace chronicle

#endif  // CHRONICLE_DOC_DOCUMENT_H_
