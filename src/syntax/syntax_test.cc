#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "io/conllu.h"
#include "syntax/corpus.h"
#include "syntax/evaluate.h"
#include "syntax/lemmatizer.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "syntax/test_support.h"
#include "syntax/train.h"
#include "syntax/word_info.h"
#include "util/file.h"

namespace chronicle {
namespace {

const std::string kEwt = std::string(CHRONICLE_SHARED_DIR) + "/corpora/ud-english-ewt/";

struct Models {
  std::string train, tagger, lemmatizer, parser;
};

// Trains the three models once on a small slice (a few seconds).
const Models& Trained() {
  static const Models m = [] {
    Models r;
    r.train = EwtSlice("en_ewt-ud-train.conllu", 400, "slice.conllu");
    std::string dir = ScratchDir();
    TrainOptions o{.train_path = r.train, .output_path = dir + "/t.model", .iterations = 3, .seed = 7};
    r.tagger = o.output_path;
    EXPECT_TRUE(TrainTagger(o, nullptr).ok());
    o.output_path = r.lemmatizer = dir + "/l.model";
    EXPECT_TRUE(TrainLemmatizer(o, nullptr).ok());
    o.output_path = r.parser = dir + "/p.model";
    EXPECT_TRUE(TrainParser(o, nullptr).ok());
    return r;
  }();
  return m;
}

TEST(SyntaxTrainTest, TrainingIsDeterministic) {
  const Models& m = Trained();
  std::string dir = ScratchDir();
  TrainOptions o{.train_path = m.train, .output_path = dir + "/t2.model", .iterations = 3, .seed = 7};
  ASSERT_TRUE(TrainTagger(o, nullptr).ok());
  EXPECT_EQ(ReadFile(o.output_path).value(), ReadFile(m.tagger).value());
  o.output_path = dir + "/p2.model";
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  EXPECT_EQ(ReadFile(o.output_path).value(), ReadFile(m.parser).value());
  o.output_path = dir + "/l2.model";
  ASSERT_TRUE(TrainLemmatizer(o, nullptr).ok());
  EXPECT_EQ(ReadFile(o.output_path).value(), ReadFile(m.lemmatizer).value());
  // Another seed changes the sentence order, hence the weights.
  o.seed = 8;
  o.output_path = dir + "/t3.model";
  ASSERT_TRUE(TrainTagger(o, nullptr).ok());
  EXPECT_NE(ReadFile(o.output_path).value(), ReadFile(m.tagger).value());
}

TEST(SyntaxTrainTest, ProgressLinesPerIteration) {
  const Models& m = Trained();
  std::ostringstream progress;
  TrainOptions o{.train_path = m.train, .dev_path = m.train,
                 .output_path = ScratchDir() + "/t4.model", .iterations = 2, .seed = 7};
  ASSERT_TRUE(TrainTagger(o, &progress).ok());
  EXPECT_NE(progress.str().find("tagger iteration 1/2"), std::string::npos) << progress.str();
  EXPECT_NE(progress.str().find("tagger iteration 2/2"), std::string::npos);
  EXPECT_NE(progress.str().find("dev UPOS"), std::string::npos);
}

TEST(SyntaxTrainTest, MissingTrainingFileIsAnError) {
  TrainOptions o{.train_path = "/nonexistent.conllu", .output_path = ScratchDir() + "/x.model"};
  Status s = TrainTagger(o, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, Error::Kind::kIo);
}

TEST(SyntaxTest, ModelsFitTheirTrainingData) {
  const Models& m = Trained();
  Result<Document> gold = ReadConlluFile(m.train);
  ASSERT_TRUE(gold.ok());
  Document doc = gold.value();
  for (Token& t : doc.tokens) t = Token{.span = t.span, .space_after = t.space_after};
  Result<Tagger> tagger = Tagger::Load(m.tagger);
  Result<Lemmatizer> lem = Lemmatizer::Load(m.lemmatizer, "/usr/share/wordnet");
  Result<Parser> parser = Parser::Load(m.parser);
  ASSERT_TRUE(tagger.ok()) << tagger.error().ToString();
  ASSERT_TRUE(lem.ok()) << lem.error().ToString();
  ASSERT_TRUE(parser.ok()) << parser.error().ToString();
  tagger.value().Tag(&doc);
  lem.value().Lemmatize(&doc);
  parser.value().Parse(&doc);
  SyntaxScores s = EvaluateSyntax(gold.value(), doc).value();
  EXPECT_GT(s.Upos(), 93.0) << s.ToString();
  EXPECT_GT(s.Xpos(), 93.0) << s.ToString();
  EXPECT_GT(s.Lemma(), 97.0) << s.ToString();
  EXPECT_GT(s.Uas(), 75.0) << s.ToString();
  EXPECT_GT(s.Las(), 65.0) << s.ToString();
}

// Every sentence gets a tree: one root, heads inside the sentence, no cycle.
void ExpectTrees(const Document& doc) {
  for (auto [first, end] : TokenRanges(doc)) {
    int roots = 0;
    for (uint32_t i = first; i < end; ++i) {
      int32_t h = doc.tokens[i].head;
      if (h == kRootHead) {
        ++roots;
        continue;
      }
      ASSERT_GE(h, static_cast<int32_t>(first));
      ASSERT_LT(h, static_cast<int32_t>(end));
      // Walk up: must reach the root within the sentence length.
      int32_t x = static_cast<int32_t>(i);
      uint32_t steps = 0;
      while (x != kRootHead && steps <= end - first) {
        x = doc.tokens[x].head;
        ++steps;
      }
      ASSERT_EQ(x, kRootHead) << "cycle at token " << i;
    }
    EXPECT_EQ(roots, 1);
  }
}

TEST(SyntaxTest, ParserBuildsTreesOnDev) {
  const Models& m = Trained();
  Result<Document> dev = ReadConlluFile(kEwt + "en_ewt-ud-dev.conllu");
  ASSERT_TRUE(dev.ok());
  Document doc = dev.value();
  Tagger::Load(m.tagger).value().Tag(&doc);
  Parser::Load(m.parser).value().Parse(&doc);
  ExpectTrees(doc);
  for (const Token& t : doc.tokens) EXPECT_FALSE(t.deprel.empty());
}

// A document built from words (one sentence per vector).
Document Build(const std::vector<std::vector<std::string>>& sentences) {
  Document d;
  for (const auto& words : sentences) {
    Sentence s;
    s.first_token = static_cast<uint32_t>(d.tokens.size());
    if (!d.text.empty()) d.text += ' ';
    s.span.begin = static_cast<uint32_t>(d.text.size());
    for (size_t i = 0; i < words.size(); ++i) {
      if (i > 0) d.text += ' ';
      Token t;
      t.span.begin = static_cast<uint32_t>(d.text.size());
      d.text += words[i];
      t.span.end = static_cast<uint32_t>(d.text.size());
      d.tokens.push_back(t);
    }
    s.span.end = static_cast<uint32_t>(d.text.size());
    s.end_token = static_cast<uint32_t>(d.tokens.size());
    d.sentences.push_back(s);
  }
  return d;
}

void RunAll(Document* doc) {
  const Models& m = Trained();
  Tagger::Load(m.tagger).value().Tag(doc);
  Lemmatizer::Load(m.lemmatizer, "/usr/share/wordnet").value().Lemmatize(doc);
  Parser::Load(m.parser).value().Parse(doc);
}

TEST(SyntaxBadInputTest, VeryLongToken) {
  Document doc = Build({{"The", std::string(5000, 'a'), std::string(1200, '-'), "ran", "."}});
  RunAll(&doc);
  for (const Token& t : doc.tokens) {
    EXPECT_FALSE(t.xpos.empty());
    EXPECT_FALSE(t.lemma.empty());
  }
  ExpectTrees(doc);
}

TEST(SyntaxBadInputTest, FiveThousandTokenSentence) {
  std::vector<std::string> words;
  for (int i = 0; i < 5000; ++i) words.push_back(i % 7 == 6 ? "," : (i % 2 ? "dogs" : "bark"));
  Document doc = Build({words});
  RunAll(&doc);
  ExpectTrees(doc);
}

TEST(SyntaxBadInputTest, NonLatinScriptsAndOddBytes) {
  Document doc = Build({{"\xe6\x9d\xb1\xe4\xba\xac", "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
                         "\xd8\xa7\xd9\x84\xd9\x82\xd8\xa7\xd9\x87\xd8\xb1\xd8\xa9", "\xf0\x9f\x98\x80"},
                        {"x"},
                        {}});
  RunAll(&doc);
  for (const Token& t : doc.tokens) EXPECT_FALSE(t.lemma.empty());
  ExpectTrees(doc);
}

TEST(SyntaxBadInputTest, TokensWithoutSentencesAreStillAnnotated) {
  Document doc = Build({{"I", "saw", "it"}});
  doc.sentences.clear();
  RunAll(&doc);
  for (const Token& t : doc.tokens) {
    EXPECT_FALSE(t.upos.empty());
    EXPECT_NE(t.head, kNoHead);
  }
}

TEST(SyntaxModelTest, CorruptTruncatedAndWrongModelsFailCleanly) {
  const Models& m = Trained();
  std::string bytes = ReadFile(m.tagger).value();
  // Truncated anywhere: an error naming the file, never a crash.
  for (size_t n : {size_t{0}, size_t{5}, size_t{12}, size_t{40}, bytes.size() / 2, bytes.size() - 1}) {
    Result<Tagger> t = Tagger::FromBytes(std::string_view(bytes).substr(0, n), "t.model");
    ASSERT_FALSE(t.ok()) << n;
    EXPECT_EQ(t.error().kind, Error::Kind::kModel);
    EXPECT_EQ(t.error().file, "t.model");
  }
  std::string corrupt = bytes;
  corrupt[bytes.size() / 2] ^= 0x5a;
  Result<Tagger> c = Tagger::FromBytes(corrupt, "t.model");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("checksum"), std::string::npos) << c.error().ToString();
  std::string version = bytes;
  version[8] = 2;
  Result<Tagger> v = Tagger::FromBytes(version, "t.model");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().ToString(),
            "t.model: model format version 2 is not supported (this build reads version 1)");
  // A parser model given to the tagger says what it is.
  Result<Tagger> wrong = Tagger::Load(m.parser);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().ToString(),
            m.parser + ": expected a tagger model, found a \"parser\" model");
  Result<Parser> p = Parser::FromBytes(std::string_view(ReadFile(m.parser).value()).substr(0, 100), "p.model");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().file, "p.model");
  Result<Lemmatizer> l = Lemmatizer::Load(m.tagger, "/usr/share/wordnet");
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.error().kind, Error::Kind::kModel);
  Result<Lemmatizer> nowordnet = Lemmatizer::Load(m.lemmatizer, "/nonexistent");
  ASSERT_FALSE(nowordnet.ok());
  EXPECT_EQ(nowordnet.error().kind, Error::Kind::kIo);
}

TEST(LemmatizerTest, WordNetExceptionsMorphyAndCase) {
  const Models& m = Trained();
  Lemmatizer lem = Lemmatizer::Load(m.lemmatizer, "/usr/share/wordnet").value();
  // Irregular forms the 400-sentence slice has not seen: WordNet's lists.
  EXPECT_EQ(lem.LemmaOf("swam", "VBD"), "swim");
  EXPECT_EQ(lem.LemmaOf("geese", "NNS"), "goose");
  EXPECT_EQ(lem.LemmaOf("Oxen", "NNS"), "ox");
  // Morphy detachment checked against index.<pos>.
  EXPECT_EQ(lem.LemmaOf("boxes", "NNS"), "box");
  EXPECT_EQ(lem.LemmaOf("scribbling", "VBG"), "scribble");
  EXPECT_EQ(lem.LemmaOf("quirkier", "JJR"), "quirky");
  // Base forms are lowercased; proper nouns keep their case.
  EXPECT_EQ(lem.LemmaOf("Zebra", "NN"), "zebra");
  EXPECT_EQ(lem.LemmaOf("Zanzibar", "NNP"), "Zanzibar");
  // Treebank table: contractions.
  EXPECT_EQ(lem.LemmaOf("n't", "RB"), "not");
  // No tag at all still gives a lemma.
  EXPECT_EQ(lem.LemmaOf("Qwxz", ""), "qwxz");
  // Addresses keep their case; grouped numbers lose their commas.
  EXPECT_EQ(lem.LemmaOf("http://Example.com/A", "ADD"), "http://Example.com/A");
  EXPECT_EQ(lem.LemmaOf("6,606,000", "CD"), "6606000");
  EXPECT_EQ(lem.LemmaOf("3,40", "CD"), "3,40");
  // Elongated spellings of known words.
  EXPECT_EQ(lem.LemmaOf("Sooooo", "RB"), "so");
  EXPECT_EQ(lem.LemmaOf("goooood", "JJ"), "good");
  EXPECT_EQ(lem.LemmaOf("zzzzqx", "NN"), "zzzzqx");
  // A plural WordNet lists as such, without a singular ("fece").
  EXPECT_EQ(lem.LemmaOf("feces", "NNS"), "feces");
  // "'s" is "have" before "been" (also after one adverb), else "be".
  Document d = Build({{"It", "'s", "never", "been", "easy", ";", "it", "'s", "easy"}});
  const char* tags[] = {"PRP", "VBZ", "RB", "VBN", "JJ", ":", "PRP", "VBZ", "JJ"};
  for (size_t i = 0; i < d.tokens.size(); ++i) d.tokens[i].xpos = tags[i];
  lem.Lemmatize(&d);
  EXPECT_EQ(d.tokens[1].lemma, "have");
  EXPECT_EQ(d.tokens[7].lemma, "be");
}

TEST(EvaluateTest, CountsAndMismatch) {
  Document g = Build({{"a", "b"}});
  g.tokens[0].upos = "X";
  g.tokens[0].head = 1;
  g.tokens[0].deprel = "nmod:poss";
  g.tokens[1].head = kRootHead;
  g.tokens[1].deprel = "root";
  Document p = g;
  p.tokens[0].deprel = "nmod";
  p.tokens[1].upos = "Y";
  SyntaxScores s = EvaluateSyntax(g, p).value();
  EXPECT_EQ(s.tokens, 2u);
  EXPECT_EQ(s.upos, 1u);
  EXPECT_EQ(s.uas, 2u);
  EXPECT_EQ(s.las, 1u);
  EXPECT_EQ(s.las_univ, 2u);
  p.tokens.pop_back();
  EXPECT_FALSE(EvaluateSyntax(g, p).ok());
}

Document Spans(const std::string& text, const std::vector<std::pair<uint32_t, uint32_t>>& spans,
               const std::vector<int32_t>& heads, const std::vector<uint32_t>& sentence_ends) {
  Document d;
  d.text = text;
  for (size_t i = 0; i < spans.size(); ++i) {
    Token t;
    t.span = Span{spans[i].first, spans[i].second};
    t.head = heads[i];
    t.deprel = heads[i] == kRootHead ? "root" : "dep";
    t.upos = "X";
    d.tokens.push_back(t);
  }
  uint32_t first = 0;
  for (uint32_t end : sentence_ends) {
    Sentence s;
    s.first_token = first;
    s.end_token = end;
    s.span = Span{d.tokens[first].span.begin, d.tokens[end - 1].span.end};
    d.sentences.push_back(s);
    first = end;
  }
  return d;
}

TEST(EvaluateTest, AlignedScoresFromDifferentTokenizations) {
  const std::string text = "I can't go. Yes";
  // Gold: I ca n't go . | Yes (two sentences); predicted: I can't go . Yes
  // (one sentence), "Yes" attached to "go" instead of being a root.
  Document g = Spans(text, {{0, 1}, {2, 4}, {4, 7}, {8, 10}, {10, 11}, {12, 15}},
                     {3, 3, 3, kRootHead, 3, kRootHead}, {5, 6});
  Document p = Spans(text, {{0, 1}, {2, 7}, {8, 10}, {10, 11}, {12, 15}}, {2, 2, kRootHead, 2, 2}, {5});
  p.tokens[3].upos = "PUNCT";
  AlignedScores s = EvaluateAligned(g, p).value();
  EXPECT_EQ(s.gold_tokens, 6u);
  EXPECT_EQ(s.predicted_tokens, 5u);
  EXPECT_EQ(s.tokens, 4u);  // I, go, ., Yes
  EXPECT_EQ(s.words, 4u);
  EXPECT_EQ(s.upos, 3u);
  EXPECT_EQ(s.uas, 3u);  // I -> go, go root, . -> go; not Yes
  EXPECT_EQ(s.las, 3u);
  EXPECT_EQ(s.gold_sentences, 2u);
  EXPECT_EQ(s.predicted_sentences, 1u);
  EXPECT_EQ(s.sentences, 0u);
  EXPECT_NEAR(s.Tokens(), 200.0 * 4 / 11, 1e-9);
  EXPECT_NEAR(s.Uas(), 200.0 * 3 / 11, 1e-9);
  // The same document against itself scores 100 everywhere.
  AlignedScores same = EvaluateAligned(g, g).value();
  EXPECT_DOUBLE_EQ(same.Tokens(), 100.0);
  EXPECT_DOUBLE_EQ(same.Sentences(), 100.0);
  EXPECT_DOUBLE_EQ(same.Las(), 100.0);
  // Words sharing one span (a multiword token) form one token.
  Document m = Spans("del", {{0, 3}, {0, 3}}, {kRootHead, 0}, {2});
  AlignedScores ms = EvaluateAligned(m, m).value();
  EXPECT_EQ(ms.gold_tokens, 1u);
  EXPECT_EQ(ms.words, 2u);
  EXPECT_EQ(ms.uas, 2u);
  p.text += " ";
  EXPECT_FALSE(EvaluateAligned(g, p).ok());
}

TEST(WordInfoTest, ShapeAndAffixes) {
  WordInfo a, b, c;
  ComputeWordInfo("Running", &a);
  ComputeWordInfo("running", &b);
  ComputeWordInfo("Walking", &c);
  EXPECT_EQ(a.lower, b.lower);
  EXPECT_NE(a.form, b.form);
  EXPECT_EQ(a.suffix[2], c.suffix[2]);  // "ing"
  EXPECT_EQ(a.shape, c.shape);          // "Xxx"
  EXPECT_TRUE(a.flags & kTitle);
  WordInfo e;
  ComputeWordInfo("", &e);  // must not crash
  WordInfo u1, u2;
  ComputeWordInfo("\xe6\x9d\xb1\xe4\xba\xac", &u1);
  ComputeWordInfo("\xe4\xba\xac", &u2);
  EXPECT_EQ(u1.suffix[0], u2.suffix[0]);  // last code point, not last byte
  EXPECT_TRUE(u1.flags & kNonAscii);
}

}  // namespace
}  // namespace chronicle
