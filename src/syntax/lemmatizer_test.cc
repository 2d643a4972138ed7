// Lemmatizer tests on tiny treebanks written here (fast; the EWT slices and
// the shipped model are exercised in syntax_test.cc / syntax_slowtest.cc).
#include "syntax/lemmatizer.h"

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "learn/model_file.h"
#include "syntax/train.h"
#include "util/file.h"

namespace chronicle {
namespace {

std::string Scratch(const std::string& name) {
  static const std::string dir = [] {
    std::string d = testing::TempDir() + "/chronicle_lemmatizer_test_" + std::to_string(getpid());
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir + "/" + name;
}

struct Word {
  std::string form, lemma, xpos;
};

// One sentence per word (heads and relations are not read by the trainer).
std::string Conllu(const std::vector<Word>& words) {
  std::string out;
  for (const Word& w : words) {
    const std::string upos = w.xpos.compare(0, 3, "NNP") == 0 ? "PROPN" : "NOUN";
    out += "# text = " + w.form + "\n1\t" + w.form + "\t" + w.lemma + "\t" + upos + "\t" + w.xpos +
           "\t_\t0\troot\t_\t_\n\n";
  }
  return out;
}

// Trains on `words` (each repeated `times` times) and loads the model
// without WordNet, so that only what the treebank teaches is used.
Lemmatizer Train(const std::vector<Word>& words, const std::string& name, int times = 1) {
  std::vector<Word> all;
  for (int i = 0; i < times; ++i) all.insert(all.end(), words.begin(), words.end());
  TrainOptions o{.train_path = Scratch(name + ".conllu"), .output_path = Scratch(name + ".model")};
  EXPECT_TRUE(WriteFileAtomic(o.train_path, Conllu(all)).ok());
  Status s = TrainLemmatizer(o, nullptr);
  EXPECT_TRUE(s.ok()) << s.error().ToString();
  Result<Lemmatizer> l = Lemmatizer::Load(o.output_path, "");
  EXPECT_TRUE(l.ok()) << l.error().ToString();
  return l.value();
}

TEST(LemmatizerSuffixTest, RuleFromOneWordDoesNotRewriteOthers) {
  // "Sept." -> "September" seen many times, but it is one word: its suffix
  // must not turn "Capt." into "Captember".
  Lemmatizer l = Train({{"Sept.", "September", "NNP"}, {"cats", "cat", "NNS"}, {"hats", "hat", "NNS"}},
                       "one_word", 20);
  EXPECT_EQ(l.LemmaOf("Sept.", "NNP"), "September");  // the table still knows the word
  EXPECT_EQ(l.LemmaOf("Capt.", "NNP"), "Capt.");
  EXPECT_EQ(l.LemmaOf("Intercept", "NNP"), "Intercept");
  // "-ats" -> "-at" is shown by two words: it applies to a third.
  EXPECT_EQ(l.LemmaOf("bats", "NNS"), "bat");
}

TEST(LemmatizerCaseTest, ProperNounsOfUnseenShapesFollowTheTreebank) {
  // Long all-capital names (7 letters or more here) are title-cased in the
  // lemma, short ones (acronyms) kept, as this treebank does; other shapes
  // keep their case.
  Lemmatizer l = Train({{"ROBERTO", "Roberto", "NNP"},
                        {"GEORGIA", "Georgia", "NNP"},
                        {"LAGESSE", "Lagesse", "NNP"},
                        {"NASA", "NASA", "NNP"},
                        {"ACME", "ACME", "NNP"},
                        {"W.H.S.", "W.H.S.", "NNP"},
                        {"Zanzibar", "Zanzibar", "NNP"}},
                       "case");
  EXPECT_EQ(l.LemmaOf("VISAKHA", "NNP"), "Visakha");
  EXPECT_EQ(l.LemmaOf("PIRAMAR", "NNP"), "Piramar");
  EXPECT_EQ(l.LemmaOf("VINGAS", "NNP"), "VINGAS");  // 6 letters: no row learned
  EXPECT_EQ(l.LemmaOf("ABCD", "NNP"), "ABCD");
  EXPECT_EQ(l.LemmaOf("R.J.T.S.", "NNP"), "R.J.T.S.");  // not letters only
  EXPECT_EQ(l.LemmaOf("Qwerty", "NNP"), "Qwerty");
  // Common nouns are lowercased whatever their shape.
  EXPECT_EQ(l.LemmaOf("VINGAS", "NN"), "vingas");
}

TEST(LemmatizerCaseTest, CapitalizedProperNounKeepsItsCasing) {
  // "CA" is known; "Ca" is not: its lemma is itself, not "CA". A lowercase
  // form still gets the known casing ("lisa" -> "Lisa").
  Lemmatizer l = Train({{"CA", "CA", "NNP"}, {"Lisa", "Lisa", "NNP"}, {"holocaust", "holocaust", "NNP"}},
                       "casing");
  EXPECT_EQ(l.LemmaOf("CA", "NNP"), "CA");
  EXPECT_EQ(l.LemmaOf("Ca", "NNP"), "Ca");
  EXPECT_EQ(l.LemmaOf("Holocaust", "NNP"), "Holocaust");
  EXPECT_EQ(l.LemmaOf("lisa", "NNP"), "Lisa");
}

TEST(LemmatizerModelTest, DeterministicAndVersioned) {
  std::vector<Word> words = {{"ROBERTO", "Roberto", "NNP"}, {"cats", "cat", "NNS"}, {"hats", "hat", "NNS"}};
  Train(words, "det");
  const std::string a = ReadFile(Scratch("det.model")).value();
  Train(words, "det");
  EXPECT_EQ(a, ReadFile(Scratch("det.model")).value());
  EXPECT_NE(a.find("format_version=2"), std::string::npos);
}

TEST(LemmatizerModelTest, OldAndUnknownVersionsAreNamedErrors) {
  // A session 1-3 file: no version flag, the body starts with the lemmas.
  ModelWriter old;
  old.Strings({"cat"});
  const std::string v1 = Scratch("v1.model");
  ASSERT_TRUE(WriteModelFile(v1, "lemmatizer", 0, "model=lemmatizer\n", old).ok());
  Result<Lemmatizer> l1 = Lemmatizer::Load(v1, "");
  ASSERT_FALSE(l1.ok());
  EXPECT_EQ(l1.error().kind, Error::Kind::kModel);
  EXPECT_EQ(l1.error().ToString(),
            v1 + ": lemmatizer format version 1 is not supported (this build reads version 2; rebuild "
                 "the model with `chronicle train lemmatizer`)");
  ModelWriter future;
  future.U32(3);
  const std::string v3 = Scratch("v3.model");
  ASSERT_TRUE(WriteModelFile(v3, "lemmatizer", 1, "model=lemmatizer\n", future).ok());
  Result<Lemmatizer> l3 = Lemmatizer::Load(v3, "");
  ASSERT_FALSE(l3.ok());
  EXPECT_NE(l3.error().ToString().find("lemmatizer format version 3 is not supported"), std::string::npos)
      << l3.error().ToString();
  // Version 2 with its tables cut off.
  ModelWriter cut;
  cut.U32(2);
  cut.Strings({"cat"});
  const std::string v2 = Scratch("cut.model");
  ASSERT_TRUE(WriteModelFile(v2, "lemmatizer", 1, "model=lemmatizer\n", cut).ok());
  Result<Lemmatizer> l2 = Lemmatizer::Load(v2, "");
  ASSERT_FALSE(l2.ok());
  EXPECT_EQ(l2.error().kind, Error::Kind::kModel);
  EXPECT_EQ(l2.error().file, v2);
}

}  // namespace
}  // namespace chronicle
