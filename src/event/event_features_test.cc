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

}  // namespace
}  // namespace chronicle
