#include "syntax/evaluate.h"

#include <fmt/core.h>

namespace chronicle {
namespace {

std::string_view Universal(std::string_view rel) { return rel.substr(0, rel.find(':')); }

}  // namespace

void SyntaxScores::Add(const SyntaxScores& o) {
  tokens += o.tokens;
  upos += o.upos;
  xpos += o.xpos;
  feats += o.feats;
  lemma += o.lemma;
  uas += o.uas;
  las += o.las;
  las_univ += o.las_univ;
}

std::string SyntaxScores::ToString() const {
  return fmt::format(
      "tokens {} UPOS {:.2f} XPOS {:.2f} UFeats {:.2f} Lemma {:.2f} UAS {:.2f} LAS {:.2f} "
      "LAS(universal) {:.2f}",
      tokens, Upos(), Xpos(), Feats(), Lemma(), Uas(), Las(), LasUniversal());
}

Result<SyntaxScores> EvaluateSyntax(const Document& gold, const Document& predicted) {
  if (gold.tokens.size() != predicted.tokens.size()) {
    return Error::Usage(fmt::format("cannot compare {} gold tokens with {} predicted tokens",
                                    gold.tokens.size(), predicted.tokens.size()));
  }
  SyntaxScores s;
  for (size_t i = 0; i < gold.tokens.size(); ++i) {
    const Token& g = gold.tokens[i];
    const Token& p = predicted.tokens[i];
    if (!(g.span == p.span)) {
      return Error::Usage(fmt::format("token {} differs: gold [{}, {}), predicted [{}, {})", i,
                                      g.span.begin, g.span.end, p.span.begin, p.span.end));
    }
    ++s.tokens;
    s.upos += g.upos == p.upos;
    s.xpos += g.xpos == p.xpos;
    s.feats += g.feats == p.feats;
    s.lemma += g.lemma == p.lemma;
    if (g.head == p.head) {
      ++s.uas;
      s.las += g.deprel == p.deprel;
      s.las_univ += Universal(g.deprel) == Universal(p.deprel);
    }
  }
  return s;
}

}  // namespace chronicle
