#include "event/event_features.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace chronicle {
namespace {

// "Talks collapsed" with hand-set tokens; tags and heads added on demand.
Document TwoWords(bool with_syntax) {
  Document doc;
  doc.text = "Talks collapsed";
  doc.tokens.resize(2);
  doc.tokens[0].span = {0, 5};
  doc.tokens[1].span = {6, 15};
  if (with_syntax) {
    doc.tokens[0].xpos = "NNS";
    doc.tokens[0].upos = "NOUN";
    doc.tokens[0].head = 1;
    doc.tokens[0].deprel = "nsubj";
    doc.tokens[1].xpos = "VBD";
    doc.tokens[1].upos = "VERB";
    doc.tokens[1].lemma = "collapse";
    doc.tokens[1].head = kRootHead;
    doc.tokens[1].deprel = "root";
  }
  doc.sentences.push_back({{0, 15}, 0, 2});
  return doc;
}

LexfileTable Table() {
  LexfileTable::Entry collapse;
  collapse.verb_first = 30;  // verb.change
  collapse.verb_mask = uint64_t{1} << 30;
  return LexfileTable::FromEntries({{"collapse", collapse}});
}

TEST(EventFeaturesTest, DeterministicAndContextSensitive) {
  LexfileTable lex = Table();
  Document doc = TwoWords(false);
  PreparedTokens p;
  PrepareTokens(doc, lex, &p);
  std::vector<uint32_t> a, b, c;
  TokenFeatures(doc, p, doc.sentences[0], 1, &a);
  TokenFeatures(doc, p, doc.sentences[0], 1, &b);
  EXPECT_EQ(a, b);
  TokenFeatures(doc, p, doc.sentences[0], 0, &c);
  EXPECT_NE(a, c);
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE(std::find(a.begin(), a.end(), 0u) == a.end());  // 0 is never a key
  // Without a lemma, "collapsed" finds "collapse" through morphy.
  EXPECT_NE(p.tokens[1].lex, nullptr);
  EXPECT_EQ(p.tokens[0].lex, nullptr);
}

TEST(EventFeaturesTest, SyntaxAddsFeaturesAndChildren) {
  LexfileTable lex = Table();
  Document plain = TwoWords(false);
  Document rich = TwoWords(true);
  PreparedTokens pp, pr;
  PrepareTokens(plain, lex, &pp);
  PrepareTokens(rich, lex, &pr);
  ASSERT_EQ(pr.child_begin.size(), 3u);
  EXPECT_EQ(pr.child_begin[2] - pr.child_begin[1], 1u);  // "collapsed" has one dependent
  EXPECT_EQ(pr.children[pr.child_begin[1]], 0u);
  std::vector<uint32_t> a, b;
  TokenFeatures(plain, pp, plain.sentences[0], 1, &a);
  TokenFeatures(rich, pr, rich.sentences[0], 1, &b);
  EXPECT_GT(b.size(), a.size());
}

TEST(EventFeaturesTest, PunctuationIsNoCandidate) {
  Document doc;
  doc.text = "Rain , 1998";
  doc.tokens.resize(3);
  doc.tokens[0].span = {0, 4};
  doc.tokens[1].span = {5, 6};
  doc.tokens[2].span = {7, 11};
  doc.sentences.push_back({{0, 11}, 0, 3});
  PreparedTokens p;
  PrepareTokens(doc, LexfileTable(), &p);
  EXPECT_TRUE(p.tokens[0].candidate);
  EXPECT_FALSE(p.tokens[1].candidate);
  EXPECT_FALSE(p.tokens[2].candidate);
}

// Counts of the same lemma elsewhere in the document, and as a verb.
TEST(EventFeaturesTest, DocumentCountsOfTheLemma) {
  Document doc;
  doc.text = "attack attacked attack rain";
  const char* lemma[] = {"attack", "attack", "attack", "rain"};
  const char* xpos[] = {"NN", "VBD", "NN", "NN"};
  uint32_t begin[] = {0, 7, 16, 23}, end[] = {6, 15, 22, 27};
  doc.tokens.resize(4);
  for (int i = 0; i < 4; ++i) {
    doc.tokens[i].span = {begin[i], end[i]};
    doc.tokens[i].lemma = lemma[i];
    doc.tokens[i].xpos = xpos[i];
  }
  doc.sentences.push_back({{0, 27}, 0, 4});
  PreparedTokens p;
  PrepareTokens(doc, LexfileTable(), &p);
  EXPECT_EQ(p.tokens[0].doc_same_lemma, 2);
  EXPECT_TRUE(p.tokens[0].doc_verb_same_lemma);
  EXPECT_FALSE(p.tokens[1].doc_verb_same_lemma);  // the only verb is itself
  EXPECT_EQ(p.tokens[3].doc_same_lemma, 0);
  EXPECT_FALSE(p.tokens[3].doc_verb_same_lemma);
  // The noun with a verb of its lemma nearby has features "rain" lacks,
  // and the lemma prior's counts change the features.
  std::vector<uint32_t> unseen, seen, other;
  TokenFeatures(doc, p, doc.sentences[0], 0, &unseen);
  p.tokens[0].prior.tokens = 10;
  p.tokens[0].prior.events = 6;
  p.tokens[0].prior.cls[0] = 6;
  TokenFeatures(doc, p, doc.sentences[0], 0, &seen);
  p.tokens[0].prior.cls[0] = 2;
  p.tokens[0].prior.cls[6] = 4;
  TokenFeatures(doc, p, doc.sentences[0], 0, &other);
  EXPECT_NE(unseen, seen);
  EXPECT_NE(seen, other);
  EXPECT_GT(seen.size(), unseen.size());
}

// Version 6: the form of a dependent ("expects ... win" as a to-infinitive,
// VB, or a gerund, VBG) changes the head's features, by one key.
TEST(EventFeaturesTest, ComplementFormChangesOneKey) {
  auto make = [](const char* child_xpos) {
    Document doc;
    doc.text = "Smith expects to win";
    const char* lemma[] = {"smith", "expect", "to", "win"};
    const char* xpos[] = {"NNP", "VBZ", "TO", child_xpos};
    const char* deprel[] = {"nsubj", "root", "mark", "xcomp"};
    int32_t head[] = {1, kRootHead, 3, 1};
    uint32_t begin[] = {0, 6, 14, 17}, end[] = {5, 13, 16, 20};
    doc.tokens.resize(4);
    for (int i = 0; i < 4; ++i) {
      doc.tokens[i].span = {begin[i], end[i]};
      doc.tokens[i].lemma = lemma[i];
      doc.tokens[i].xpos = xpos[i];
      doc.tokens[i].deprel = deprel[i];
      doc.tokens[i].head = head[i];
    }
    doc.sentences.push_back({{0, 20}, 0, 4});
    return doc;
  };
  Document inf = make("VB"), ger = make("VBG");
  PreparedTokens pi, pg;
  PrepareTokens(inf, LexfileTable(), &pi);
  PrepareTokens(ger, LexfileTable(), &pg);
  std::vector<uint32_t> a, b;
  TokenFeatures(inf, pi, inf.sentences[0], 1, &a);
  TokenFeatures(ger, pg, ger.sentences[0], 1, &b);
  ASSERT_EQ(a.size(), b.size());
  size_t differ = 0;
  for (size_t k = 0; k < a.size(); ++k) differ += a[k] != b[k];
  EXPECT_EQ(differ, 1u);
}

TEST(EventFeaturesTest, HyphenatedWordSpansItsPieces) {
  // Tokens: "-" "write" "-" "down" "-" " " "cease" "-" "fire" "x"
  Document doc;
  doc.text = "-write-down- cease-fire x";
  uint32_t begin[] = {0, 1, 6, 7, 11, 13, 18, 19, 24};
  uint32_t end[] = {1, 6, 7, 11, 12, 18, 19, 23, 25};
  doc.tokens.resize(9);
  for (int i = 0; i < 9; ++i) doc.tokens[i].span = {begin[i], end[i]};
  doc.sentences.push_back({{0, 25}, 0, 9});
  using Range = std::pair<uint32_t, uint32_t>;
  EXPECT_EQ(HyphenatedWord(doc, doc.sentences[0], 1), Range(1, 4));  // "write-down"
  EXPECT_EQ(HyphenatedWord(doc, doc.sentences[0], 3), Range(1, 4));
  EXPECT_EQ(HyphenatedWord(doc, doc.sentences[0], 5), Range(5, 8));  // "cease-fire"
  EXPECT_EQ(HyphenatedWord(doc, doc.sentences[0], 8), Range(8, 9));  // alone
  // The sentence bounds the word.
  Document cut = doc;
  cut.sentences[0] = {{7, 25}, 3, 9};
  EXPECT_EQ(HyphenatedWord(cut, cut.sentences[0], 3), Range(3, 4));
}

}  // namespace
}  // namespace chronicle
