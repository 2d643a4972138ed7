// Scores of predicted tags, lemmas and dependencies against gold ones on the
// same tokens (the CoNLL 2018 shared task measures with gold tokenization:
// every token counts, punctuation included).
//
//   Result<SyntaxScores> s = EvaluateSyntax(gold_doc, predicted_doc);
//   fmt::print("UPOS {:.2f} LAS {:.2f}\n", s.value().Upos(), s.value().Las());
//
// EvaluateAligned() scores an analysis whose tokens and sentences are our
// own (from raw text) against gold ones on the same text, CoNLL 2018 style:
//
//   Result<AlignedScores> a = EvaluateAligned(gold_doc, from_raw_text_doc);
//   fmt::print("Tokens F1 {:.2f} LAS F1 {:.2f}\n", a.value().Tokens(), a.value().Las());
//
// Pure and thread-safe.
#ifndef CHRONICLE_SYNTAX_EVALUATE_H_
#define CHRONICLE_SYNTAX_EVALUATE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "doc/document.h"
#include "util/error.h"

namespace chronicle {

struct SyntaxScores {
  size_t tokens = 0;
  size_t upos = 0, xpos = 0, feats = 0, lemma = 0;
  size_t uas = 0;        // head correct
  size_t las = 0;        // head and full relation (with subtype) correct
  size_t las_univ = 0;   // head and universal relation (before ':') correct

  static double Pct(size_t n, size_t d) { return d == 0 ? 0.0 : 100.0 * n / d; }
  double Upos() const { return Pct(upos, tokens); }
  double Xpos() const { return Pct(xpos, tokens); }
  double Feats() const { return Pct(feats, tokens); }
  double Lemma() const { return Pct(lemma, tokens); }
  double Uas() const { return Pct(uas, tokens); }
  double Las() const { return Pct(las, tokens); }
  double LasUniversal() const { return Pct(las_univ, tokens); }
  void Add(const SyntaxScores& o);
  // "UPOS 95.12 XPOS ... LAS 80.01" (percentages, two decimals).
  std::string ToString() const;
};

// Compares token by token. Errors: kUsage when the documents do not have the
// same number of tokens with the same spans.
Result<SyntaxScores> EvaluateSyntax(const Document& gold, const Document& predicted);

// Scores of an analysis from raw text (our own tokens and sentences) against
// gold tokens on the same text, as the CoNLL 2018 shared task's evaluation
// does: a token counts as found when a predicted token has exactly its byte
// span; a sentence when a predicted sentence covers exactly the same tokens'
// extent (first token begin to last token end). Words (syntactic words, i.e.
// Tokens) are aligned through their tokens: the words of a matched token are
// paired in order when both sides split it into the same number of words
// (words sharing one span, as a multiword token "del" = "de" "el" does, form
// one token). Every measure is an F1 over gold and predicted counts:
// 2 * correct / (gold + predicted). A word's head counts as right when the
// predicted head word is aligned to the gold head word (or both are the
// root); LAS also needs the same relation with subtype.
struct AlignedScores {
  size_t gold_tokens = 0, predicted_tokens = 0, tokens = 0;
  size_t gold_sentences = 0, predicted_sentences = 0, sentences = 0;
  size_t gold_words = 0, predicted_words = 0, words = 0;
  size_t upos = 0, xpos = 0, feats = 0, lemma = 0, uas = 0, las = 0;

  static double F1(size_t correct, size_t gold, size_t predicted) {
    return gold + predicted == 0 ? 0.0 : 200.0 * correct / (gold + predicted);
  }
  double Tokens() const { return F1(tokens, gold_tokens, predicted_tokens); }
  double Sentences() const { return F1(sentences, gold_sentences, predicted_sentences); }
  double Words() const { return F1(words, gold_words, predicted_words); }
  double Upos() const { return F1(upos, gold_words, predicted_words); }
  double Xpos() const { return F1(xpos, gold_words, predicted_words); }
  double Feats() const { return F1(feats, gold_words, predicted_words); }
  double Lemma() const { return F1(lemma, gold_words, predicted_words); }
  double Uas() const { return F1(uas, gold_words, predicted_words); }
  double Las() const { return F1(las, gold_words, predicted_words); }
  // "Tokens 98.70 Sentences 80.12 Words ... LAS 77.01" (F1, two decimals).
  std::string ToString() const;
};

// Errors: kUsage when the two documents do not have the same text.
Result<AlignedScores> EvaluateAligned(const Document& gold, const Document& predicted);

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_EVALUATE_H_
