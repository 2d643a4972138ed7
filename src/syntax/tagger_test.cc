// Tests of the tagger's training options added in session 4 (the rest of
// the tagger is covered by syntax_test.cc): the mean of several perceptrons
// and the optional second pass, trained on small EWT slices, are stored in
// the model, read back, and training stays deterministic.
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "syntax/corpus.h"
#include "syntax/evaluate.h"
#include "syntax/tagger.h"
#include "syntax/test_support.h"
#include "syntax/train.h"
#include "util/file.h"

namespace chronicle {
namespace {

TrainOptions SecondPassOptions(const std::string& train, const std::string& out) {
  TrainOptions o{.train_path = train, .output_path = out, .iterations = 3, .seed = 7};
  o.tagger_second_pass = true;
  o.tagger_second_pass_folds = 3;
  o.tagger_second_pass_iterations = 3;
  // Every token rescored (small slices have few unsure tokens).
  o.tagger_second_pass_train_margin = 1e9f;
  o.tagger_second_pass_margin = 1e9f;
  return o;
}

TEST(TaggerSecondPassTest, TrainedStoredAndDeterministic) {
  const std::string train = EwtSlice("en_ewt-ud-train.conllu", 300, "slice.conllu");
  TrainOptions o = SecondPassOptions(train, ScratchDir() + "/two.model");
  std::ostringstream progress;
  ASSERT_TRUE(TrainTagger(o, &progress).ok());
  EXPECT_NE(progress.str().find("tagger second pass: fold 3/3"), std::string::npos) << progress.str();
  EXPECT_NE(progress.str().find("tagger second pass iteration 3/3"), std::string::npos);

  Result<Tagger> two = Tagger::Load(o.output_path);
  ASSERT_TRUE(two.ok()) << two.error().message;
  EXPECT_NE(two.value().settings().find("\nsecond_pass="), std::string::npos);

  // Same options, same bytes.
  TrainOptions again = SecondPassOptions(train, ScratchDir() + "/two_again.model");
  ASSERT_TRUE(TrainTagger(again, nullptr).ok());
  EXPECT_EQ(ReadFile(again.output_path).value(), ReadFile(o.output_path).value());

  // Without the second pass the model is smaller and says nothing of it.
  TrainOptions one = o;
  one.tagger_second_pass = false;
  one.output_path = ScratchDir() + "/one.model";
  ASSERT_TRUE(TrainTagger(one, nullptr).ok());
  Result<Tagger> first = Tagger::Load(one.output_path);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first.value().settings().find("\nsecond_pass="), std::string::npos);
  EXPECT_LT(ReadFile(one.output_path).value().size(), ReadFile(o.output_path).value().size());

  // Both tag their training data well.
  Result<Document> gold = ReadConlluFile(train);
  ASSERT_TRUE(gold.ok());
  Document a = gold.value(), b = gold.value();
  two.value().Tag(&a);
  first.value().Tag(&b);
  Result<SyntaxScores> sa = EvaluateSyntax(gold.value(), a);
  Result<SyntaxScores> sb = EvaluateSyntax(gold.value(), b);
  ASSERT_TRUE(sa.ok() && sb.ok());
  EXPECT_GT(sa.value().Xpos(), 90.0);
  EXPECT_GT(sb.value().Xpos(), 90.0);
}

TEST(TaggerBagsTest, MeanOfPerceptronsIsStoredAndDeterministic) {
  const std::string train = EwtSlice("en_ewt-ud-train.conllu", 200, "slice200.conllu");
  TrainOptions o{.train_path = train, .output_path = ScratchDir() + "/bags.model", .iterations = 3, .seed = 7};
  o.tagger_bags = 2;
  ASSERT_TRUE(TrainTagger(o, nullptr).ok());
  Result<Tagger> bags = Tagger::Load(o.output_path);
  ASSERT_TRUE(bags.ok()) << bags.error().message;
  EXPECT_NE(bags.value().settings().find("\nbags="), std::string::npos);

  TrainOptions again = o;
  again.output_path = ScratchDir() + "/bags_again.model";
  ASSERT_TRUE(TrainTagger(again, nullptr).ok());
  EXPECT_EQ(ReadFile(again.output_path).value(), ReadFile(o.output_path).value());

  // One perceptron alone is another model (the second one's weights count).
  TrainOptions one = o;
  one.tagger_bags = 1;
  one.output_path = ScratchDir() + "/bags_one.model";
  ASSERT_TRUE(TrainTagger(one, nullptr).ok());
  EXPECT_NE(ReadFile(one.output_path).value(), ReadFile(o.output_path).value());
  EXPECT_EQ(Tagger::Load(one.output_path).value().settings().find("\nbags="), std::string::npos);

  Result<Document> gold = ReadConlluFile(train);
  ASSERT_TRUE(gold.ok());
  Document tagged = gold.value();
  bags.value().Tag(&tagged);
  Result<SyntaxScores> sc = EvaluateSyntax(gold.value(), tagged);
  ASSERT_TRUE(sc.ok());
  EXPECT_GT(sc.value().Xpos(), 90.0);
}

// JackknifeTags: fold f's sentences (index % folds == f) get the tags of a
// tagger trained on the other folds with seed + 1 + f and
// jackknife_iterations: the same tags as a tagger trained by TrainTagger on
// a file holding just those sentences.
TEST(TaggerJackknifeTest, EachFoldIsTaggedByATaggerOfTheOtherFolds) {
  const std::string train = EwtSlice("en_ewt-ud-train.conllu", 90, "jk.conllu");
  TrainOptions o{.train_path = train, .output_path = ScratchDir() + "/jk.model", .iterations = 9, .seed = 5,
                 .jackknife_folds = 3, .jackknife_iterations = 2};
  const Document gold = ReadConlluFile(train).value();
  Document jk = gold;
  std::ostringstream progress;
  ASSERT_TRUE(JackknifeTags(o, &jk, &progress).ok());
  EXPECT_NE(progress.str().find("fold 3/3"), std::string::npos) << progress.str();
  Document again = gold;
  ASSERT_TRUE(JackknifeTags(o, &again, nullptr).ok());

  // The sentences of folds 0 and 2 as a file (the blocks of the slice).
  const std::string text = ReadFile(train).value();
  std::string rest;
  size_t pos = 0;
  for (int r = 0; pos < text.size(); ++r) {
    size_t e = text.find("\n\n", pos);
    e = e == std::string::npos ? text.size() : e + 2;
    if (r % 3 != 1) rest += text.substr(pos, e - pos);
    pos = e;
  }
  const std::string rest_path = ScratchDir() + "/jk_rest.conllu";
  ASSERT_TRUE(WriteFileAtomic(rest_path, rest).ok());
  TrainOptions fold{.train_path = rest_path, .output_path = ScratchDir() + "/jk_fold1.model", .iterations = 2,
                    .seed = 5 + 1 + 1};
  ASSERT_TRUE(TrainTagger(fold, nullptr).ok());
  Document by_file = gold;
  Tagger::Load(fold.output_path).value().Tag(&by_file);

  ASSERT_EQ(gold.sentences.size(), 90u);
  size_t checked = 0, wrong = 0;
  for (size_t r = 0; r < gold.sentences.size(); ++r) {
    const Sentence& s = gold.sentences[r];
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      EXPECT_EQ(jk.tokens[i].xpos, again.tokens[i].xpos) << i;  // deterministic
      EXPECT_FALSE(jk.tokens[i].upos.empty());
      EXPECT_EQ(jk.tokens[i].lemma, gold.tokens[i].lemma);  // only tags change
      wrong += jk.tokens[i].xpos != gold.tokens[i].xpos;
      if (r % 3 == 1) {
        EXPECT_EQ(jk.tokens[i].xpos, by_file.tokens[i].xpos) << i;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 200u);
  EXPECT_GT(wrong, 0u);  // held-out tags are not the gold ones

  o.jackknife_folds = 1;
  Status one = JackknifeTags(o, &jk, nullptr);
  ASSERT_FALSE(one.ok());
  EXPECT_EQ(one.error().kind, Error::Kind::kUsage);
}

TEST(TaggerSecondPassTest, TruncatedModelWithSecondPassIsAnError) {
  const std::string train = EwtSlice("en_ewt-ud-train.conllu", 100, "small.conllu");
  TrainOptions o = SecondPassOptions(train, ScratchDir() + "/small.model");
  ASSERT_TRUE(TrainTagger(o, nullptr).ok());
  std::string bytes = ReadFile(o.output_path).value();
  // Cutting the file anywhere gives an error naming it, never a crash.
  for (size_t cut : {bytes.size() - 1, bytes.size() - 40, bytes.size() / 2}) {
    Result<Tagger> t = Tagger::FromBytes(std::string_view(bytes).substr(0, cut), "cut.model");
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().kind, Error::Kind::kModel);
    EXPECT_EQ(t.error().file, "cut.model");
  }
}

}  // namespace
}  // namespace chronicle

namespace chronicle {
namespace {

// Training on several treebanks (the shipped tagger: EWT train + dev):
// the sentences of every file count, in order, and an error names the file
// it is in, not the first one.
TEST(TrainingTreebanksTest, SeveralFilesAreOneTreebank) {
  const std::string a = EwtSlice("en_ewt-ud-train.conllu", 20, "a.conllu");
  const std::string b = EwtSlice("en_ewt-ud-train.conllu", 7, "b.conllu");
  Result<Document> one = ReadConlluFile(a);
  Result<Document> two = ReadConlluFile(b);
  Result<Document> both = ReadConlluFiles(a, {b});
  ASSERT_TRUE(one.ok() && two.ok() && both.ok());
  EXPECT_EQ(both.value().sentences.size(), one.value().sentences.size() + two.value().sentences.size());
  ASSERT_EQ(both.value().tokens.size(), one.value().tokens.size() + two.value().tokens.size());
  const Token& first_of_b = both.value().tokens[one.value().tokens.size()];
  const Document& d2 = two.value();
  EXPECT_EQ(both.value().text.substr(first_of_b.span.begin, first_of_b.span.end - first_of_b.span.begin),
            d2.text.substr(d2.tokens[0].span.begin, d2.tokens[0].span.end - d2.tokens[0].span.begin));
  EXPECT_EQ(first_of_b.xpos, two.value().tokens[0].xpos);

  const std::string bad = ScratchDir() + "/bad.conllu";
  ASSERT_TRUE(WriteFileAtomic(bad, "1\tword\n").ok());
  Result<Document> broken = ReadConlluFiles(a, {bad});
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(BaseName(broken.error().file), "bad.conllu") << broken.error().message;

  EXPECT_EQ(TrainingDataNote("x/a.conllu", {"y/b.conllu"}), "a.conllu + b.conllu");
}

// The model trained on two files equals the one trained on their
// concatenation written as one file (what `chronicle train tagger` does with
// EWT train + dev).
TEST(TrainingTreebanksTest, TaggerTrainedOnTwoFilesEqualsOneConcatenatedFile) {
  const std::string a = EwtSlice("en_ewt-ud-train.conllu", 60, "ta.conllu");
  const std::string b = EwtSlice("en_ewt-ud-train.conllu", 25, "tb.conllu");
  const std::string cat = ScratchDir() + "/cat.conllu";
  ASSERT_TRUE(WriteFileAtomic(cat, ReadFile(a).value() + ReadFile(b).value()).ok());
  TrainOptions two{.train_path = a, .output_path = ScratchDir() + "/two_files.model", .iterations = 2, .seed = 3};
  two.more_train_paths = {b};
  TrainOptions one{.train_path = cat, .output_path = ScratchDir() + "/one_file.model", .iterations = 2, .seed = 3};
  ASSERT_TRUE(TrainTagger(two, nullptr).ok());
  ASSERT_TRUE(TrainTagger(one, nullptr).ok());
  Result<Tagger> t2 = Tagger::Load(two.output_path);
  Result<Tagger> t1 = Tagger::Load(one.output_path);
  ASSERT_TRUE(t1.ok() && t2.ok());
  EXPECT_NE(t2.value().settings().find("ta.conllu + tb.conllu"), std::string::npos);
  Document d1 = ReadConlluFile(b).value();
  Document d2 = d1;
  t1.value().Tag(&d1);
  t2.value().Tag(&d2);
  for (size_t i = 0; i < d1.tokens.size(); ++i) EXPECT_EQ(d1.tokens[i].xpos, d2.tokens[i].xpos) << i;
}

}  // namespace
}  // namespace chronicle
