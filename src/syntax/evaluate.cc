#include "syntax/evaluate.h"

#include <algorithm>
#include <utility>

#include <fmt/core.h>

namespace chronicle {
namespace {

std::string_view Universal(std::string_view rel) { return rel.substr(0, rel.find(':')); }

// Groups of consecutive tokens with the same span (one surface token each).
struct Group {
  Span span;
  uint32_t first = 0, end = 0;
};

std::vector<Group> Groups(const Document& doc) {
  std::vector<Group> out;
  for (uint32_t i = 0; i < doc.tokens.size(); ++i) {
    if (!out.empty() && out.back().span == doc.tokens[i].span) {
      out.back().end = i + 1;
    } else {
      out.push_back(Group{doc.tokens[i].span, i, i + 1});
    }
  }
  return out;
}

std::vector<std::pair<uint32_t, uint32_t>> SentenceExtents(const Document& doc) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const Sentence& s : doc.sentences) {
    if (s.first_token >= s.end_token || s.end_token > doc.tokens.size()) continue;
    out.emplace_back(doc.tokens[s.first_token].span.begin, doc.tokens[s.end_token - 1].span.end);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool SpanLess(const Span& a, const Span& b) {
  return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
}

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

std::string AlignedScores::ToString() const {
  return fmt::format(
      "Tokens {:.2f} Sentences {:.2f} Words {:.2f} UPOS {:.2f} XPOS {:.2f} UFeats {:.2f} "
      "Lemma {:.2f} UAS {:.2f} LAS {:.2f}",
      Tokens(), Sentences(), Words(), Upos(), Xpos(), Feats(), Lemma(), Uas(), Las());
}

Result<AlignedScores> EvaluateAligned(const Document& gold, const Document& predicted) {
  if (gold.text != predicted.text) {
    return Error::Usage(fmt::format("cannot align documents with different texts ({} and {} bytes)",
                                    gold.text.size(), predicted.text.size()));
  }
  AlignedScores s;
  s.gold_words = gold.tokens.size();
  s.predicted_words = predicted.tokens.size();
  const std::vector<Group> g = Groups(gold), p = Groups(predicted);
  s.gold_tokens = g.size();
  s.predicted_tokens = p.size();
  // Predicted word index -> aligned gold word index (or -1).
  std::vector<int64_t> to_gold(predicted.tokens.size(), -1);
  std::vector<int64_t> to_predicted(gold.tokens.size(), -1);
  size_t j = 0;
  for (const Group& gg : g) {
    while (j < p.size() && SpanLess(p[j].span, gg.span)) ++j;
    if (j >= p.size()) break;
    if (!(p[j].span == gg.span)) continue;
    ++s.tokens;
    if (p[j].end - p[j].first == gg.end - gg.first) {
      for (uint32_t k = 0; k < gg.end - gg.first; ++k) {
        to_gold[p[j].first + k] = gg.first + k;
        to_predicted[gg.first + k] = p[j].first + k;
      }
    }
    ++j;
  }
  for (size_t gi = 0; gi < gold.tokens.size(); ++gi) {
    if (to_predicted[gi] < 0) continue;
    const Token& gw = gold.tokens[gi];
    const Token& pw = predicted.tokens[to_predicted[gi]];
    ++s.words;
    s.upos += gw.upos == pw.upos;
    s.xpos += gw.xpos == pw.xpos;
    s.feats += gw.feats == pw.feats;
    s.lemma += gw.lemma == pw.lemma;
    bool head_ok = false;
    if (gw.head == kRootHead || pw.head == kRootHead) {
      head_ok = gw.head == pw.head;
    } else if (gw.head >= 0 && pw.head >= 0 && static_cast<size_t>(pw.head) < to_gold.size()) {
      head_ok = to_gold[pw.head] == gw.head;
    }
    if (head_ok) {
      ++s.uas;
      s.las += gw.deprel == pw.deprel;
    }
  }
  const auto gs = SentenceExtents(gold), ps = SentenceExtents(predicted);
  s.gold_sentences = gs.size();
  s.predicted_sentences = ps.size();
  size_t k = 0;
  for (const auto& e : gs) {
    while (k < ps.size() && ps[k] < e) ++k;
    if (k < ps.size() && ps[k] == e) ++s.sentences;
  }
  return s;
}

}  // namespace chronicle
