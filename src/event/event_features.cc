#include "event/event_features.h"

#include <algorithm>
#include <string>

#include "learn/hash.h"

namespace chronicle {
namespace {

// Template ids (part of the model format, see kEventFeatureVersion).
enum Template : uint64_t {
  kBias = 1,
  kWord,
  kLemma,
  kSuffix2,
  kSuffix3,
  kSuffix4,
  kShape,
  kXpos,
  kUpos,  // not emitted since version 5 (kXpos has it)
  kXposPrevCur,
  kXposCurNext,
  kWordPrev,
  kWordNext,
  kWordPrev2,
  kWordNext2,
  kXposPrev,  // not emitted since version 5 (kXposPrevCur has it)
  kXposNext,  // not emitted since version 5 (kXposCurNext has it)
  kXposPrev2Prev,
  kNounFirst,
  kNounSense,
  kVerbFirst,
  kVerbSense,
  kNounFirstXpos,
  kDeprel,
  kHeadLemma,
  kHeadXposDeprel,
  kPathToRoot,
  kChildDeprel,
  kLemmaDeprel,
  kLemmaXpos,
  kNoLexfile,
  kBigramPrev,
  kLemmaPrev,
  kHeadIsRoot,
  kSentenceStart,
  kLemmaChildDeprel,
  kChildDeprelLemma,
  kNextWordPair,
  // Version 2.
  kDerivVerb,
  kDerivVerbXpos,
  kDerivNoun,
  // Version 3 on.
  kDocSameLemma,
  kDocVerbSameLemma,
  kPriorUnseen,
  kPriorRate,
  kPriorMajority,
  kPriorRateXpos,
  kPriorRateDeprel,
  // Version 6.
  kLemmaChildDeprelXpos,
};

// Buckets of a fraction: 0, (0, .2), [.2, .4), [.4, .6), [.6, .8), [.8, 1), 1.
uint64_t FractionBucket(uint32_t part, uint32_t whole) {
  if (part == 0) return 0;
  if (part == whole) return 6;
  return 1 + static_cast<uint64_t>(5.0 * part / whole);
}

// Buckets of a count: 1, 2-3, 4-9, 10+.
uint64_t CountBucket(uint32_t n) { return n <= 1 ? 0 : n <= 3 ? 1 : n <= 9 ? 2 : 3; }

uint64_t HashLower(std::string_view s) {
  uint64_t h = kFnvOffset;
  for (char c : s) {
    unsigned char b = static_cast<unsigned char>(c);
    if (b >= 'A' && b <= 'Z') b = static_cast<unsigned char>(b + 32);
    h = HashByte(h, b);
  }
  return h;
}

// Shape: X for an uppercase letter, x lowercase, d digit, other bytes kept;
// runs collapsed ("Reagan" -> "Xx", "1990s" -> "dx").
uint64_t Shape(std::string_view s) {
  uint64_t h = kFnvOffset;
  char last = 0;
  for (char c : s) {
    char k = (c >= 'A' && c <= 'Z') ? 'X' : (c >= 'a' && c <= 'z') ? 'x'
             : (c >= '0' && c <= '9') ? 'd' : (static_cast<unsigned char>(c) >= 0x80 ? 'u' : c);
    if (k != last) h = HashByte(h, static_cast<unsigned char>(k));
    last = k;
  }
  return h;
}

// A suffix of the lowercased word by bytes, whole word when shorter.
uint64_t Suffix(std::string_view s, size_t n) {
  return HashLower(s.size() <= n ? s : s.substr(s.size() - n));
}

inline uint32_t Key(uint64_t tmpl, uint64_t a) { return FeatureKey(HashCombine(tmpl, a)); }
inline uint32_t Key(uint64_t tmpl, uint64_t a, uint64_t b) {
  return FeatureKey(HashCombine(HashCombine(tmpl, a), b));
}

constexpr uint64_t kBoundary = 0x5eed5eed5eed5eedULL;  // hash of "no token here"

}  // namespace

void PrepareTokens(const Document& doc, const LexfileTable& lex, PreparedTokens* out,
                   const std::vector<uint64_t>& closed_xpos) {
  size_t n = doc.tokens.size();
  out->tokens.assign(n, TokenHashes());
  std::string lower, base;
  // Per lemma: its tokens and verbs in the document.
  FlatMap<uint64_t, LemmaTally>& tally = out->lemma_tally;
  tally.Clear();
  tally.Reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const Token& t = doc.tokens[i];
    std::string_view w = doc.Text(t.span);
    TokenHashes& h = out->tokens[i];
    h.word = HashLower(w);
    h.xpos = HashBytes(t.xpos);
    for (uint64_t c : closed_xpos) h.closed |= c == h.xpos;
    for (char c : w) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        h.candidate = true;
        break;
      }
    }
    std::string_view lemma = t.lemma.empty() ? w : std::string_view(t.lemma);
    lower.assign(lemma);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    // The lexicographer files, suffixes, shape and lemma counts only serve
    // the token's own features: not needed for tokens that are not scored.
    const bool scored = h.candidate && !h.closed;
    if (t.lemma.empty()) {
      // No lemmatizer: the WordNet base form stands in for the lemma.
      h.lex = lex.FindInflected(lower, &base);
      h.lemma = HashBytes(base);
    } else {
      h.lemma = HashBytes(lower);
      if (scored) h.lex = lex.Find(lower, h.lemma);
    }
    h.prior_key = PriorKey(h.lemma, t.xpos);
    h.upos = HashBytes(t.upos);
    h.deprel = HashBytes(t.deprel);
    LemmaTally& ls = tally[h.lemma];
    ++ls.tokens;
    ls.verbs += t.xpos.size() >= 2 && t.xpos[0] == 'V' && t.xpos[1] == 'B';
    if (!scored) continue;
    h.suffix2 = Suffix(w, 2);
    h.suffix3 = Suffix(w, 3);
    h.suffix4 = Suffix(w, 4);
    h.shape = Shape(w);
  }
  // The lemma's other tokens in the document, and whether one is a verb.
  for (size_t i = 0; i < n; ++i) {
    TokenHashes& h = out->tokens[i];
    if (!h.candidate || h.closed) continue;
    const LemmaTally& ls = *tally.Find(h.lemma);
    const std::string& x = doc.tokens[i].xpos;
    const uint32_t self_verb = x.size() >= 2 && x[0] == 'V' && x[1] == 'B';
    h.doc_same_lemma = static_cast<uint8_t>(std::min<uint32_t>(ls.tokens - 1, 3));
    h.doc_verb_same_lemma = ls.verbs > self_verb;
  }
  // Dependents by counting sort on the head.
  out->child_begin.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    int32_t hd = doc.tokens[i].head;
    if (hd >= 0 && static_cast<size_t>(hd) < n) ++out->child_begin[hd + 1];
  }
  for (size_t i = 0; i < n; ++i) out->child_begin[i + 1] += out->child_begin[i];
  out->children.assign(out->child_begin[n], 0);
  std::vector<uint32_t> fill(out->child_begin.begin(), out->child_begin.end() - 1);
  for (size_t i = 0; i < n; ++i) {
    int32_t hd = doc.tokens[i].head;
    if (hd >= 0 && static_cast<size_t>(hd) < n) out->children[fill[hd]++] = static_cast<uint32_t>(i);
  }
}

namespace {
bool IsHyphen(const Document& doc, uint32_t k) { return doc.Text(doc.tokens[k].span) == "-"; }
}  // namespace

std::pair<uint32_t, uint32_t> HyphenatedWord(const Document& doc, const Sentence& s, uint32_t i) {
  const std::vector<Token>& t = doc.tokens;
  auto joined = [&](uint32_t k) {  // tokens k-1 and k are one word
    return t[k - 1].span.end == t[k].span.begin && (IsHyphen(doc, k - 1) || IsHyphen(doc, k));
  };
  uint32_t a = i, b = i + 1;
  while (a > s.first_token && joined(a)) --a;
  while (b < s.end_token && b < t.size() && joined(b)) ++b;
  while (a < i && IsHyphen(doc, a)) ++a;
  while (b > i + 1 && IsHyphen(doc, b - 1)) --b;
  return {a, b};
}

void TokenFeatures(const Document& doc, const PreparedTokens& p, const Sentence& s, uint32_t i,
                   std::vector<uint32_t>* keys) {
  keys->clear();
  const std::vector<TokenHashes>& t = p.tokens;
  const TokenHashes& c = t[i];
  auto at = [&](int64_t j) -> const TokenHashes* {
    if (j < static_cast<int64_t>(s.first_token) || j >= static_cast<int64_t>(s.end_token)) {
      return nullptr;
    }
    return &t[j];
  };
  auto word = [&](int64_t j) { const TokenHashes* x = at(j); return x ? x->word : kBoundary; };
  auto xpos = [&](int64_t j) { const TokenHashes* x = at(j); return x ? x->xpos : kBoundary; };
  auto lemma = [&](int64_t j) { const TokenHashes* x = at(j); return x ? x->lemma : kBoundary; };

  keys->push_back(Key(kBias, 0));
  keys->push_back(Key(kWord, c.word));
  keys->push_back(Key(kLemma, c.lemma));
  keys->push_back(Key(kSuffix2, c.suffix2));
  keys->push_back(Key(kSuffix3, c.suffix3));
  keys->push_back(Key(kSuffix4, c.suffix4));
  keys->push_back(Key(kShape, c.shape));
  keys->push_back(Key(kXpos, c.xpos));
  keys->push_back(Key(kXposPrevCur, xpos(i - 1), c.xpos));
  keys->push_back(Key(kXposCurNext, c.xpos, xpos(i + 1)));
  keys->push_back(Key(kWordPrev, word(i - 1)));
  keys->push_back(Key(kWordNext, word(i + 1)));
  keys->push_back(Key(kWordPrev2, word(i - 2)));
  keys->push_back(Key(kWordNext2, word(i + 2)));
  keys->push_back(Key(kXposPrev2Prev, xpos(i - 2), xpos(i - 1)));
  keys->push_back(Key(kBigramPrev, word(i - 1), c.word));
  keys->push_back(Key(kLemmaPrev, lemma(i - 1)));
  keys->push_back(Key(kLemmaXpos, c.lemma, c.xpos));
  keys->push_back(Key(kNextWordPair, word(i + 1), word(i + 2)));
  if (i == s.first_token) keys->push_back(Key(kSentenceStart, 0));
  // How often the lemma recurs in the document, and as a verb ("the
  // attack" where "attacked" occurs too).
  keys->push_back(Key(kDocSameLemma, c.doc_same_lemma, c.upos));
  if (c.doc_verb_same_lemma) keys->push_back(Key(kDocVerbSameLemma, c.upos));
  if (c.lex) {
    if (c.lex->noun_first != LexfileTable::kNone) {
      keys->push_back(Key(kNounFirst, c.lex->noun_first));
      keys->push_back(Key(kNounFirstXpos, c.lex->noun_first, c.xpos));
    }
    if (c.lex->verb_first != LexfileTable::kNone) keys->push_back(Key(kVerbFirst, c.lex->verb_first));
    for (uint64_t m = c.lex->noun_mask, b = 0; m; m >>= 1, ++b) {
      if (m & 1) keys->push_back(Key(kNounSense, b));
    }
    for (uint64_t m = c.lex->verb_mask, b = 0; m; m >>= 1, ++b) {
      if (m & 1) keys->push_back(Key(kVerbSense, b));
    }
    // Nominals derived from verbs ("production" <- "produce").
    for (uint64_t m = c.lex->deriv_verb_mask, b = 0; m; m >>= 1, ++b) {
      if (m & 1) keys->push_back(Key(kDerivVerb, b));
    }
    keys->push_back(Key(kDerivVerbXpos, c.lex->deriv_verb_mask != 0, c.xpos));
    for (uint64_t m = c.lex->deriv_noun_mask, b = 0; m; m >>= 1, ++b) {
      if (m & 1) keys->push_back(Key(kDerivNoun, b));
    }
  } else {
    keys->push_back(Key(kNoLexfile, 0));
  }
  // The lemma prior: how often the lemma (with this coarse part of speech)
  // was an event in training, and of which classes.
  {
    const LemmaCounts& pr = c.prior;
    if (pr.tokens == 0) {
      keys->push_back(Key(kPriorUnseen, c.upos));
    } else {
      keys->push_back(Key(kPriorRate, FractionBucket(pr.events, pr.tokens), CountBucket(pr.tokens)));
      keys->push_back(Key(kPriorRateXpos, FractionBucket(pr.events, pr.tokens), c.xpos));
      keys->push_back(Key(kPriorRateDeprel, FractionBucket(pr.events, pr.tokens), c.deprel));
      if (pr.events > 0) {
        int best = 0;
        for (int k = 1; k < kPriorClasses; ++k) {
          if (pr.cls[k] > pr.cls[best]) best = k;
        }
        keys->push_back(Key(kPriorMajority, best,
                            FractionBucket(pr.cls[best], pr.events) * 4 + CountBucket(pr.events)));
      }
    }
  }
  const Token& tok = doc.tokens[i];
  if (tok.head != kNoHead) {
    keys->push_back(Key(kDeprel, c.deprel));
    keys->push_back(Key(kLemmaDeprel, c.lemma, c.deprel));
    if (tok.head >= 0 && static_cast<size_t>(tok.head) < t.size()) {
      const TokenHashes& h = t[tok.head];
      keys->push_back(Key(kHeadLemma, h.lemma));
      keys->push_back(Key(kHeadXposDeprel, h.xpos, c.deprel));
    } else {
      keys->push_back(Key(kHeadIsRoot, 0));
    }
    // Relations on the path to the root, at most four steps.
    uint64_t path = kFnvOffset;
    int32_t j = static_cast<int32_t>(i);
    for (int step = 0; step < 4 && j >= 0 && static_cast<size_t>(j) < t.size(); ++step) {
      path = HashCombine(path, t[j].deprel);
      j = doc.tokens[j].head;
    }
    keys->push_back(Key(kPathToRoot, path));
    for (uint32_t k = p.child_begin[i]; k < p.child_begin[i + 1]; ++k) {
      const TokenHashes& child = t[p.children[k]];
      keys->push_back(Key(kChildDeprel, child.deprel));
      // "agree" + xcomp, "say" + ccomp: the complements that make I_ACTION,
      // I_STATE and REPORTING.
      keys->push_back(Key(kLemmaChildDeprel, c.lemma, child.deprel));
      keys->push_back(Key(kChildDeprelLemma, child.deprel, child.lemma));
      // The complement's form: "expect" + xcomp VB (to-infinitive) against
      // xcomp VBG, ccomp VBD (finite clause), obj NN.
      keys->push_back(Key(kLemmaChildDeprelXpos, c.lemma, HashCombine(child.deprel, child.xpos)));
    }
  }
}

}  // namespace chronicle
