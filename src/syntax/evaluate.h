// Scores of predicted tags, lemmas and dependencies against gold ones on the
// same tokens (the CoNLL 2018 shared task measures with gold tokenization:
// every token counts, punctuation included).
//
//   Result<SyntaxScores> s = EvaluateSyntax(gold_doc, predicted_doc);
//   fmt::print("UPOS {:.2f} LAS {:.2f}\n", s.value().Upos(), s.value().Las());
//
// Pure and thread-safe.
#ifndef CHRONICLE_SYNTAX_EVALUATE_H_
#define CHRONICLE_SYNTAX_EVALUATE_H_

#include <cstddef>
#include <string>

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

}  // namespace chronicle

#endif  // CHRONICLE_SYNTAX_EVALUATE_H_
