// Features of a token for the event classifiers (internal to src/event/).
//
// Per document, PrepareTokens() hashes each token's word, lemma, tags,
// affixes, shape and WordNet lexicographer files once, and lists each
// token's dependents; TokenFeatures() then combines them into feature keys
// (learn/hash.h) for one token without allocating. The feature templates
// are versioned by kEventFeatureVersion, stored in the model: changing a
// template requires a new version.
//
// Features use what the tokens carry: tags, lemmas and heads when present,
// else only the word and its context (a model trained with tags expects
// them at run time).
#ifndef CHRONICLE_EVENT_EVENT_FEATURES_H_
#define CHRONICLE_EVENT_EVENT_FEATURES_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "doc/document.h"
#include "event/lemma_prior.h"
#include "event/lexfile_table.h"
#include "learn/flat_map.h"

namespace chronicle {

// 2: WordNet derivations (noun <-> verb) of the token.
// 3: the lemma prior (event/lemma_prior.h), stored after the lexfile table,
//    and the lemma's counts in the document (commit ef06bbf only).
// 4: as 3 without the per-class prior keys (commit 5185347 only).
// 5: as 4 without the upos, previous-tag and next-tag keys (the tag and
//    tag-bigram keys carry them): fewer keys to score, same accuracy.
// 6: the lemma x each dependent's relation and tag (the complement's form:
//    to-infinitive, gerund, finite clause, noun phrase).
inline constexpr uint32_t kEventFeatureVersion = 6;

struct TokenHashes {
  uint64_t word = 0;   // lowercased form
  uint64_t lemma = 0;  // lemma, or the lowercased form when there is none
  uint64_t xpos = 0;
  uint64_t upos = 0;
  uint64_t deprel = 0;
  uint64_t suffix2 = 0, suffix3 = 0, suffix4 = 0;
  uint64_t shape = 0;
  const LexfileTable::Entry* lex = nullptr;
  bool candidate = false;  // has a letter: may be an event
  // Its tag is one of PrepareTokens()' closed_xpos: the token is not scored,
  // so lex, the suffixes, the shape and the document counts are not set.
  bool closed = false;
  // Document context of the lemma: other tokens of the document with the
  // same lemma (0, 1, 2, 3 = three or more) and whether one of them is a
  // verb (VB*).
  uint8_t doc_same_lemma = 0;
  bool doc_verb_same_lemma = false;
  uint64_t prior_key = 0;  // PriorKey(lemma, xpos)
  // The lemma prior's counts for prior_key (zero when unseen). Not set by
  // PrepareTokens(): the caller fills it for the tokens it will featurize
  // (at run time from the model's LemmaPrior, in training from the other
  // training documents).
  LemmaCounts prior;
};

// A lemma's tokens and verbs (VB*) in one document.
struct LemmaTally {
  uint32_t tokens = 0;
  uint32_t verbs = 0;
};

struct PreparedTokens {
  std::vector<TokenHashes> tokens;
  // Dependents of token i: children[child_begin[i] .. child_begin[i+1]).
  std::vector<uint32_t> child_begin;
  std::vector<uint32_t> children;
  // Scratch space of PrepareTokens(): per lemma hash of the document, its
  // tokens and verbs.
  FlatMap<uint64_t, LemmaTally> lemma_tally;
};

// Hashes every token of doc and counts each lemma's other occurrences in
// it (`prior` stays zero). Tokens whose tag hashes (HashBytes) to one of
// closed_xpos are marked `closed` and only get what their neighbours'
// features read (word, lemma, tags, relation). Thread-safe (lex is
// read-only).
void PrepareTokens(const Document& doc, const LexfileTable& lex, PreparedTokens* out,
                   const std::vector<uint64_t>& closed_xpos = {});

// Replaces *keys with the feature keys of token i in sentence s.
void TokenFeatures(const Document& doc, const PreparedTokens& p, const Sentence& s, uint32_t i,
                   std::vector<uint32_t>* keys);

// The tokens [first, end) of the word token i of sentence s is part of.
// TimeML annotates whole whitespace-separated words ("write-down",
// "price-cutting", "British-owned"), never a part of a hyphenated one,
// while the tokenizer splits most of them ("write" "-" "down"): tokens
// joined to i by "-" tokens without spaces belong to its word; a leading or
// trailing "-" does not. {i, i + 1} when token i stands alone. Thread-safe.
std::pair<uint32_t, uint32_t> HyphenatedWord(const Document& doc, const Sentence& s, uint32_t i);

}  // namespace chronicle

#endif  // CHRONICLE_EVENT_EVENT_FEATURES_H_
