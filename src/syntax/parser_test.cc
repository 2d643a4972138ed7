// Tests of the parser's punctuation rule (ReattachPunctuation) and of the
// flags in parser model files (punctuation rule, feature template sets).
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "learn/model_file.h"
#include "learn/perceptron.h"
#include "syntax/corpus.h"
#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "syntax/test_support.h"
#include "syntax/train.h"
#include "util/file.h"

namespace chronicle {
namespace {

struct Sent {
  std::vector<std::string> words;
  std::vector<char> punct;
  std::vector<std::string_view> form;
};

// Words separated by spaces; punctuation = a token without letters or digits.
Sent Make(const std::string& text) {
  Sent s;
  size_t at = 0;
  while (at < text.size()) {
    size_t sp = text.find(' ', at);
    if (sp == std::string::npos) sp = text.size();
    s.words.push_back(text.substr(at, sp - at));
    at = sp + 1;
  }
  for (const std::string& w : s.words) {
    bool p = true;
    for (unsigned char c : w) p = p && !(std::isalnum(c) != 0);
    s.punct.push_back(p ? 1 : 0);
  }
  for (const std::string& w : s.words) s.form.emplace_back(w);
  return s;
}

TEST(ReattachPunctuationTest, FinalPeriodGoesToTheRootWord) {
  // John left early .   (the parser put "." under "early")
  Sent s = Make("John left early .");
  std::vector<int> head = {1, 4, 1, 2};
  ReattachPunctuation(s.punct, s.form, &head);
  EXPECT_EQ(head, (std::vector<int>{1, 4, 1, 1}));
}

TEST(ReattachPunctuationTest, CommasOfARelativeClauseGoToItsHead) {
  // John , who left , came .
  // 0    1 2   3    4 5    6
  Sent s = Make("John , who left , came .");
  // As parsed: both commas under "came", the period under "left".
  std::vector<int> head = {5, 5, 3, 0, 5, 7, 3};
  ReattachPunctuation(s.punct, s.form, &head);
  EXPECT_EQ(head[1], 3);  // the lower candidate: "left" is inside "John"'s subtree
  // The second comma: "left" cannot climb to "John" because its subtree
  // (with the period) reaches past the comma; "left" is below "came".
  EXPECT_EQ(head[4], 3);
  EXPECT_EQ(head[6], 5);  // the period: "came" once the period itself is left out
  EXPECT_EQ(head[0], 5);  // words keep their heads
  EXPECT_EQ(head[3], 0);
}

TEST(ReattachPunctuationTest, LeftCandidateClimbsWhileItsHeadIsLeft) {
  // John , who left , came .   with the period already under "came"
  Sent s = Make("John , who left , came .");
  std::vector<int> head = {5, 5, 3, 0, 5, 7, 5};
  ReattachPunctuation(s.punct, s.form, &head);
  EXPECT_EQ(head[4], 0);  // "left" climbs to "John"; "John" is below "came"
  EXPECT_EQ(head[6], 5);
}

TEST(ReattachPunctuationTest, ParenthesesGoToTheHeadInside) {
  // the cost ( about $ 5 ) rose
  // 0   1    2 3     4 5 6 7
  Sent s = Make("the cost ( about 5 dollars ) rose");
  // the->cost, cost->rose, (->rose, about->5, 5->dollars, dollars->cost, )->rose, rose->ROOT
  std::vector<int> head = {1, 7, 7, 4, 5, 1, 7, 8};
  ReattachPunctuation(s.punct, s.form, &head);
  EXPECT_EQ(head[2], 5);
  EXPECT_EQ(head[6], 5);
}

TEST(ReattachPunctuationTest, DependentsOfPunctuationMoveUp) {
  // a - b   with b under "-" and "-" under a
  Sent s = Make("yes - no");
  std::vector<int> head = {3, 0, 1};
  ReattachPunctuation(s.punct, s.form, &head);
  EXPECT_EQ(head[2], 0);
  EXPECT_EQ(head[1], 2);  // the dash: lower of "yes" (root word) and "no" (its dependent)
}

TEST(ReattachPunctuationTest, LeavesBadInputAlone) {
  Sent s = Make("a , b");
  std::vector<int> cycle = {2, 0, 0};  // a <-> b, no root
  ReattachPunctuation(s.punct, s.form, &cycle);
  EXPECT_EQ(cycle, (std::vector<int>{2, 0, 0}));
  std::vector<int> out_of_range = {3, 7, 0};
  ReattachPunctuation(s.punct, s.form, &out_of_range);
  EXPECT_EQ(out_of_range, (std::vector<int>{3, 7, 0}));
  std::vector<int> punct_root = {1, 3, 1};
  ReattachPunctuation(s.punct, s.form, &punct_root);
  EXPECT_EQ(punct_root, (std::vector<int>{1, 3, 1}));
  std::vector<int> wrong_size = {3};
  ReattachPunctuation(s.punct, s.form, &wrong_size);
  EXPECT_EQ(wrong_size, (std::vector<int>{3}));
}

TEST(ReattachPunctuationTest, LongSentenceStaysATree) {
  // 5,000 tokens "w , w , w ..." as a right-branching chain.
  std::string text = "w";
  for (int i = 0; i < 2500; ++i) text += " , w";
  Sent s = Make(text);
  const int n = static_cast<int>(s.words.size());
  std::vector<int> head(n);
  for (int i = 0; i < n; ++i) head[i] = i == 0 ? n : i - 1;
  ReattachPunctuation(s.punct, s.form, &head);
  int roots = 0;
  for (int i = 0; i < n; ++i) {
    roots += head[i] == n;
    if (s.punct[i]) {
      EXPECT_FALSE(s.punct[head[i]]);
    }
    int x = i, steps = 0;
    while (x != n && steps <= n) {
      x = head[x];
      ++steps;
    }
    ASSERT_EQ(x, n) << "token " << i << " does not reach ROOT";
  }
  EXPECT_EQ(roots, 1);
}

TEST(ParserTrainTest, TwoMembersAreDeterministicAndCarryThePunctuationFlag) {
  const std::string train = EwtSlice("en_ewt-ud-train.conllu", 300, "train.conllu");
  const std::string more = EwtSlice("en_ewt-ud-dev.conllu", 100, "more.conllu");
  TrainOptions o{.train_path = train, .output_path = ScratchDir() + "/p1.model", .iterations = 2, .seed = 3};
  o.jackknife_folds = 2;
  o.jackknife_iterations = 1;
  o.parser_members = 2;
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  o.output_path = ScratchDir() + "/p2.model";
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  const std::string a = ReadFile(ScratchDir() + "/p1.model").value();
  EXPECT_EQ(a, ReadFile(o.output_path).value());  // threads do not change the bytes
  Result<ModelReader> r = OpenModel(a, "p1.model", "parser");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().flags & 2u, 2u);  // kParserPunctRule
  EXPECT_NE(r.value().settings.find("members=2"), std::string::npos);

  // One member, no punctuation rule: other bytes, no flag.
  o.parser_members = 1;
  o.parser_punct_rule = false;
  o.output_path = ScratchDir() + "/p3.model";
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  const std::string b = ReadFile(o.output_path).value();
  EXPECT_NE(a, b);
  Result<ModelReader> rb = OpenModel(b, "p3.model", "parser");
  ASSERT_TRUE(rb.ok());
  EXPECT_EQ(rb.value().flags & 2u, 0u);

  // More training files: their sentences are used (other weights) and named.
  o.more_train_paths = {more};
  o.output_path = ScratchDir() + "/p4.model";
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  const std::string c = ReadFile(o.output_path).value();
  EXPECT_NE(b, c);
  Result<ModelReader> rc = OpenModel(c, "p4.model", "parser");
  ASSERT_TRUE(rc.ok());
  EXPECT_NE(rc.value().settings.find("more.conllu"), std::string::npos);

  // The flagged model's parses obey the rule: each tree has one root, and
  // punctuation hangs from words only (unless the root itself is
  // punctuation, which a model this small sometimes picks).
  Result<Parser> parser = Parser::Load(ScratchDir() + "/p1.model");
  ASSERT_TRUE(parser.ok());
  Result<Document> doc = ReadConlluFile(more);
  ASSERT_TRUE(doc.ok());
  for (Token& t : doc.value().tokens) {
    t.head = kNoHead;
    t.deprel.clear();
  }
  parser.value().Parse(&doc.value());
  const Document& d = doc.value();
  int checked = 0;
  for (auto [first, end] : TokenRanges(d)) {
    int roots = 0;
    bool punct_root = false;
    for (uint32_t i = first; i < end; ++i) {
      roots += d.tokens[i].head == kRootHead;
      punct_root = punct_root || (d.tokens[i].head == kRootHead && d.tokens[i].upos == "PUNCT");
    }
    EXPECT_EQ(roots, 1);
    if (punct_root) continue;  // the rule leaves such sentences alone
    ++checked;
    for (uint32_t i = first; i < end; ++i) {
      const Token& t = d.tokens[i];
      if (t.upos == "PUNCT" && t.head != kRootHead) {
        EXPECT_NE(d.tokens[t.head].upos, "PUNCT") << "token " << i;
      }
    }
  }
  EXPECT_GT(checked, 80);
}

TEST(ParserTrainTest, DumpsEachMembersWeightsAfterTheListedIterations) {
  const std::string train = EwtSlice("en_ewt-ud-train.conllu", 200, "dump_train.conllu");
  const std::string prefix = ScratchDir() + "/dump";
  TrainOptions o{.train_path = train, .output_path = ScratchDir() + "/dumped.model", .iterations = 2, .seed = 5};
  o.jackknife_folds = 0;
  o.parser_members = 2;
  o.parser_dump_prefix = prefix;
  o.parser_dump_iterations = {1, 2};
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  std::vector<std::string> bytes;
  for (const char* name : {".m0.it1.model", ".m1.it1.model", ".m0.it2.model", ".m1.it2.model"}) {
    Result<std::string> b = ReadFile(prefix + name);
    ASSERT_TRUE(b.ok()) << name;
    ASSERT_TRUE(Parser::FromBytes(b.value(), name).ok()) << name;
    for (const std::string& earlier : bytes) EXPECT_NE(earlier, b.value()) << name;
    bytes.push_back(b.value());
  }
  EXPECT_FALSE(ReadFile(prefix + ".m2.it2.model").ok());  // two members only
  // Dumping changes nothing in the model itself.
  const std::string dumped = ReadFile(o.output_path).value();
  o.parser_dump_prefix.clear();
  o.output_path = ScratchDir() + "/undumped.model";
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  EXPECT_EQ(dumped, ReadFile(o.output_path).value());
}

// The attachment and clause templates are flags in the model: training with
// them changes the weights and names the templates, and a reader honours the
// flags (the same weights read without them parse differently).
TEST(ParserTrainTest, AttachmentAndClauseTemplatesAreModelFlags) {
  const std::string train = EwtSlice("en_ewt-ud-train.conllu", 300, "tmpl_train.conllu");
  const std::string dev = EwtSlice("en_ewt-ud-dev.conllu", 100, "tmpl_dev.conllu");
  TrainOptions o{.train_path = train, .output_path = ScratchDir() + "/plain.model", .iterations = 2, .seed = 7};
  o.jackknife_folds = 0;
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  const std::string plain = ReadFile(o.output_path).value();
  o.parser_attach_features = true;
  o.parser_clause_features = true;
  o.output_path = ScratchDir() + "/tmpl.model";
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  const std::string tmpl = ReadFile(o.output_path).value();
  EXPECT_NE(plain, tmpl);
  Result<ModelReader> r = OpenModel(tmpl, "tmpl.model", "parser");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().flags & 12u, 12u);  // kParserAttachFeatures | kParserClauseFeatures
  EXPECT_NE(r.value().settings.find("attachment_templates="), std::string::npos);
  EXPECT_NE(r.value().settings.find("clause_templates="), std::string::npos);
  Result<ModelReader> rp = OpenModel(plain, "plain.model", "parser");
  ASSERT_TRUE(rp.ok());
  EXPECT_EQ(rp.value().flags & 12u, 0u);
  EXPECT_EQ(rp.value().settings.find("attachment_templates="), std::string::npos);

  // The same labels and weights with the template flags cleared.
  ModelReader& in = r.value();
  const uint32_t flags = in.flags;
  const std::string settings = in.settings;
  ModelWriter w;
  w.Strings(in.Strings("labels"));
  LinearModel::Read(&in).Write(&w);
  ASSERT_TRUE(in.ok());
  const std::string cleared = EncodeModel("parser", flags & ~12u, settings, w);

  auto parse = [&](const std::string& bytes) {
    Result<Parser> p = Parser::FromBytes(bytes, "model");
    EXPECT_TRUE(p.ok());
    Document d = ReadConlluFile(dev).value();
    if (p.ok()) p.value().Parse(&d);
    std::vector<int32_t> heads;
    for (auto [first, end] : TokenRanges(d)) {
      int roots = 0;
      for (uint32_t i = first; i < end; ++i) {
        roots += d.tokens[i].head == kRootHead;
        heads.push_back(d.tokens[i].head);
      }
      EXPECT_EQ(roots, 1);
    }
    return heads;
  };
  const std::vector<int32_t> with = parse(tmpl), without = parse(cleared);
  ASSERT_EQ(with.size(), without.size());
  EXPECT_NE(with, without);
}

}  // namespace
}  // namespace chronicle
