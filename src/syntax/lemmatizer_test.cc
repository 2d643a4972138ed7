// Lemmatizer tests on tiny treebanks written here (fast; the EWT slices and
// the shipped model are exercised in syntax_test.cc / syntax_slowtest.cc).
#include "syntax/lemmatizer.h"

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "doc/document.h"
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
  TrainOptions o{.train_path = Scratch(name + ".conllu"), .output_path = Scratch(name + ".model"),
                 .jackknife_folds = 0};  // tables only: no case model
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
  Lemmatizer l = Train({{"Sept.", "September", "NNP"},
                        {"Greater", "Great", "NNP"},
                        {"Sweeter", "Sweet", "NNP"},
                        {"cats", "cat", "NNS"},
                        {"hats", "hat", "NNS"},
                        {"rats", "rat", "NNS"}},
                       "one_word", 20);
  EXPECT_EQ(l.LemmaOf("Sept.", "NNP"), "September");  // the table still knows the word
  EXPECT_EQ(l.LemmaOf("Capt.", "NNP"), "Capt.");
  EXPECT_EQ(l.LemmaOf("Intercept", "NNP"), "Intercept");
  // Two words are not enough either ("Slater" is not "Slat")...
  EXPECT_EQ(l.LemmaOf("Slater", "NNP"), "Slater");
  // ... three are: "-ats" -> "-at" applies to a fourth word.
  EXPECT_EQ(l.LemmaOf("bats", "NNS"), "bat");
}

TEST(LemmatizerSuffixTest, WordsWithoutLemmaTeachNothing) {
  // "_" (no lemma) in the treebank must not become an empty lemma.
  Lemmatizer l = Train({{"priced", "_", "JJ"}, {"priced", "_", "JJ"}}, "no_lemma");
  EXPECT_EQ(l.LemmaOf("priced", "JJ"), "priced");
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
  // An elongated word tagged as a name is the word WordNet knows.
  Lemmatizer wn = Lemmatizer::Load(Scratch("case.model"), "/usr/share/wordnet").value();
  EXPECT_EQ(wn.LemmaOf("VERYYYY", "NNP"), "very");
  EXPECT_EQ(wn.LemmaOf("Sooooo", "NNP"), "so");
  EXPECT_EQ(wn.LemmaOf("Ballla", "NNP"), "Ballla");
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

// Sentences of CoNLL-U from (form, lemma, xpos) words.
std::string Sentences(const std::vector<std::vector<Word>>& sentences, int times) {
  std::string out;
  for (int r = 0; r < times; ++r) {
    for (const auto& words : sentences) {
      std::string text;
      for (const Word& w : words) text += (text.empty() ? "" : " ") + w.form;
      out += "# text = " + text + "\n";
      for (size_t i = 0; i < words.size(); ++i) {
        const Word& w = words[i];
        const std::string upos = w.xpos.compare(0, 3, "NNP") == 0 ? "PROPN" : w.xpos == "NN" ? "NOUN" : "X";
        out += std::to_string(i + 1) + "\t" + w.form + "\t" + w.lemma + "\t" + upos + "\t" + w.xpos + "\t_\t" +
               (i == 0 ? "0\troot" : "1\tdep") + "\t_\t_\n";
      }
      out += "\n";
    }
  }
  return out;
}

Document Tagged(const std::vector<std::pair<std::string, std::string>>& words) {
  Document d;
  Sentence s;
  for (const auto& [form, xpos] : words) {
    if (!d.text.empty()) d.text += ' ';
    Token t;
    t.span.begin = static_cast<uint32_t>(d.text.size());
    d.text += form;
    t.span.end = static_cast<uint32_t>(d.text.size());
    t.xpos = xpos;
    d.tokens.push_back(t);
  }
  s.span = Span{0, static_cast<uint32_t>(d.text.size())};
  s.end_token = static_cast<uint32_t>(d.tokens.size());
  d.sentences.push_back(s);
  return d;
}

TEST(LemmatizerCaseModelTest, OverrulesAWrongTagOnTheCaseOfTheLemma) {
  // "Zorblax" is always a proper noun in this treebank ("Table", a heading,
  // a common noun); the case model learns it on jackknifed tags, so that a
  // wrong tag at run time does not decide the lemma's case.
  const std::string train = Scratch("case_model.conllu");
  ASSERT_TRUE(WriteFileAtomic(train, Sentences({{{"I", "I", "PRP"}, {"like", "like", "VBP"},
                                                 {"Zorblax", "Zorblax", "NNP"}, {".", ".", "."}},
                                                {{"Table", "table", "NN"}, {"of", "of", "IN"},
                                                 {"contents", "content", "NNS"}, {".", ".", "."}}},
                                               10))
                  .ok());
  TrainOptions o{.train_path = train, .output_path = Scratch("case_model.model"), .iterations = 3,
                 .jackknife_folds = 2, .jackknife_iterations = 2};
  ASSERT_TRUE(TrainLemmatizer(o, nullptr).ok());
  Lemmatizer with = Lemmatizer::Load(o.output_path, "").value();
  EXPECT_NE(ReadFile(o.output_path).value().find("case_model=averaged perceptron, 3 epochs"), std::string::npos);
  o.jackknife_folds = 0;
  o.output_path = Scratch("no_case_model.model");
  ASSERT_TRUE(TrainLemmatizer(o, nullptr).ok());
  Lemmatizer without = Lemmatizer::Load(o.output_path, "").value();

  Document a = Tagged({{"I", "PRP"}, {"like", "VBP"}, {"Zorblax", "NN"}, {".", "."}});
  Document b = Tagged({{"Table", "NNP"}, {"of", "IN"}, {"contents", "NNS"}, {".", "."}});
  Document a2 = a, b2 = b;
  without.Lemmatize(&a);
  without.Lemmatize(&b);
  EXPECT_EQ(a.tokens[2].lemma, "zorblax");  // the tag decides
  EXPECT_EQ(b.tokens[0].lemma, "Table");
  with.Lemmatize(&a2);
  with.Lemmatize(&b2);
  EXPECT_EQ(a2.tokens[2].lemma, "Zorblax");
  // Tokens that are not capitalized nouns or adjectives are left alone.
  EXPECT_EQ(b2.tokens[1].lemma, "of");
  EXPECT_EQ(b2.tokens[2].lemma, "content");
  // LemmaOf has no context: the tag alone decides there.
  EXPECT_EQ(with.LemmaOf("Zorblax", "NN"), "zorblax");
}

TEST(LemmatizerModelTest, TrainsOnSeveralFiles) {
  ASSERT_TRUE(WriteFileAtomic(Scratch("a.conllu"), Conllu({{"geese", "goose", "NNS"}})).ok());
  ASSERT_TRUE(WriteFileAtomic(Scratch("b.conllu"), Conllu({{"mice", "mouse", "NNS"}})).ok());
  TrainOptions o{.train_path = Scratch("a.conllu"), .more_train_paths = {Scratch("b.conllu")},
                 .output_path = Scratch("ab.model"), .jackknife_folds = 0};
  ASSERT_TRUE(TrainLemmatizer(o, nullptr).ok());
  Lemmatizer l = Lemmatizer::Load(o.output_path, "").value();
  EXPECT_EQ(l.LemmaOf("geese", "NNS"), "goose");
  EXPECT_EQ(l.LemmaOf("mice", "NNS"), "mouse");
  EXPECT_NE(ReadFile(o.output_path).value().find("training_data=a.conllu + b.conllu"), std::string::npos);
}

TEST(LemmatizerModelTest, DeterministicAndVersioned) {
  std::vector<Word> words = {{"ROBERTO", "Roberto", "NNP"}, {"cats", "cat", "NNS"}, {"hats", "hat", "NNS"}};
  Train(words, "det");
  const std::string a = ReadFile(Scratch("det.model")).value();
  Train(words, "det");
  EXPECT_EQ(a, ReadFile(Scratch("det.model")).value());
  EXPECT_NE(a.find("format_version=3"), std::string::npos);
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
            v1 + ": lemmatizer format version 1 is not supported (this build reads versions 2 to 3; rebuild "
                 "the model with `chronicle train lemmatizer`)");
  ModelWriter future;
  future.U32(4);
  const std::string v4 = Scratch("v4.model");
  ASSERT_TRUE(WriteModelFile(v4, "lemmatizer", 1, "model=lemmatizer\n", future).ok());
  Result<Lemmatizer> l4 = Lemmatizer::Load(v4, "");
  ASSERT_FALSE(l4.ok());
  EXPECT_NE(l4.error().ToString().find("lemmatizer format version 4 is not supported"), std::string::npos)
      << l4.error().ToString();
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

TEST(LemmatizerModelTest, Version2FilesStillLoad) {
  // Session 4's layout: no word table after the proper-noun case table.
  ModelWriter v2;
  v2.U32(2);
  v2.Strings({"goose"});
  for (int table = 0; table < 2; ++table) v2.U32(0);  // form, lowercase tables
  v2.U32(0);                                          // suffix rules
  for (int table = 0; table < 2; ++table) v2.U32(0);  // suffix, proper-noun case tables
  const std::string path = Scratch("v2.model");
  ASSERT_TRUE(WriteModelFile(path, "lemmatizer", 1, "model=lemmatizer\n", v2).ok());
  Result<Lemmatizer> l = Lemmatizer::Load(path, "/usr/share/wordnet");
  ASSERT_TRUE(l.ok()) << l.error().ToString();
  EXPECT_EQ(l.value().LemmaOf("geese", "NNS"), "goose");  // WordNet's exception list
  EXPECT_EQ(l.value().LemmaOf("cats", "NNS"), "cat");
}

TEST(LemmatizerTypoTest, MisspellingsGetTheLemmaOfTheWordMeant) {
  // The treebank lemmatizes misspellings as the word meant ("wrok" ->
  // "work"); an unknown word one edit from a word of the training data
  // (not at its first letter) is read as that word. Needs the word counts
  // of a model with a case model, and WordNet (known words are never
  // corrected).
  const std::string train = Scratch("typo.conllu");
  ASSERT_TRUE(WriteFileAtomic(train, Sentences({{{"I", "I", "PRP"}, {"work", "work", "VBP"},
                                                 {"because", "because", "IN"}, {"people", "people", "NNS"},
                                                 {"blorpa", "blorpa", "NN"}, {"blorpe", "blorpe", "NN"},
                                                 {".", ".", "."}},
                                                {{"The", "the", "DT"}, {"work", "work", "NN"},
                                                 {"zorbla", "Zorbla", "NNP"}, {".", ".", "."}}},
                                               6))
                  .ok());
  TrainOptions o{.train_path = train, .output_path = Scratch("typo.model"), .iterations = 2,
                 .jackknife_folds = 2, .jackknife_iterations = 2};
  ASSERT_TRUE(TrainLemmatizer(o, nullptr).ok());
  Lemmatizer l = Lemmatizer::Load(o.output_path, "/usr/share/wordnet").value();
  EXPECT_EQ(l.LemmaOf("wrok", "NN"), "work");       // two letters swapped
  EXPECT_EQ(l.LemmaOf("beacuse", "IN"), "because");
  EXPECT_EQ(l.LemmaOf("becuse", "IN"), "because");  // a letter missing
  EXPECT_EQ(l.LemmaOf("becausse", "IN"), "because");  // one too many
  // A mis-tagged misspelling: the meant word's own lemma.
  EXPECT_EQ(l.LemmaOf("peopel", "NN"), "people");
  // Not corrected: a word WordNet knows, an edit at the first letter,
  // names, acronyms, short words, and a tie between two words.
  EXPECT_EQ(l.LemmaOf("fork", "NN"), "fork");
  EXPECT_EQ(l.LemmaOf("zwork", "NN"), "zwork");
  EXPECT_EQ(l.LemmaOf("Wrok", "NNP"), "Wrok");
  EXPECT_EQ(l.LemmaOf("Wrok", "NN"), "wrok");  // capitalized: mostly names
  EXPECT_EQ(l.LemmaOf("WROK", "NN"), "wrok");
  EXPECT_EQ(l.LemmaOf("zorbal", "NN"), "zorbal");  // "zorbla" is a name: "Zorbla"
  EXPECT_EQ(l.LemmaOf("wrk", "NN"), "wrk");
  EXPECT_EQ(l.LemmaOf("blorpi", "NN"), "blorpi");
  // A known word with a derivational suffix is a word, not a misspelling of
  // its neighbour ("hunky" is not "hunk"): "worky" (work + y) and "peoply"
  // (people - e + y) stay; a doubled letter is no suffix ("workk", "peoplee").
  EXPECT_EQ(l.LemmaOf("worky", "JJ"), "worky");
  EXPECT_EQ(l.LemmaOf("peoply", "JJ"), "peoply");
  EXPECT_EQ(l.LemmaOf("becausee", "IN"), "because");
  EXPECT_EQ(l.LemmaOf("peoplee", "NN"), "people");
  // Without WordNet nothing is corrected (every word could be a real one).
  Lemmatizer no_wordnet = Lemmatizer::Load(o.output_path, "").value();
  EXPECT_EQ(no_wordnet.LemmaOf("wrok", "NN"), "wrok");
}

}  // namespace
}  // namespace chronicle
