#include "syntax/clusters.h"

#include <unistd.h>

#include <filesystem>
#include <string>

#include <fmt/core.h>
#include <gtest/gtest.h>

#include "syntax/parser.h"
#include "syntax/tagger.h"
#include "syntax/test_support.h"
#include "syntax/train.h"
#include "util/file.h"

namespace chronicle {
namespace {

TEST(ClusterTokensTest, SplitsPunctuationAndClitics) {
  std::vector<std::string> t = ClusterTokens("\"He didn't go,\" said the U.S. firm's (chief).");
  std::vector<std::string> want = {"\"", "He", "did", "n't", "go", ",", "\"", "said", "the", "U.S.",
                                   "firm", "'s", "(", "chief", ")", "."};
  EXPECT_EQ(t, want);
  EXPECT_TRUE(ClusterTokens("   \n").empty());
}

// A corpus where days and months each fill their own contexts: each group
// must share a cluster, and the two groups must differ at the finest level.
std::string TinyCorpus() {
  std::string text = "<TimeML><TEXT>\n";
  const char* days[] = {"monday", "tuesday", "friday"};
  const char* months[] = {"january", "march", "june"};
  const char* fillers[] = {"alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa"};
  for (int r = 0; r < 30; ++r) {
    for (int k = 0; k < 4; ++k) {
      for (const char* d : days) text += fmt::format("it rained on {} night .\n", d);
      for (const char* m : months) text += fmt::format("in early {} 1999 &amp; then .\n", m);
    }
    for (const char* f : fillers) text += fmt::format("the {} of &lt;x&gt; it <EVENT>is</EVENT> .\n", f);
  }
  return text + "</TEXT></TimeML>\n";
}

TEST(ClusterTest, LearnsDeterministicClustersOfSharedContexts) {
  std::string corpus = ScratchDir() + "/tiny.tml";
  ASSERT_TRUE(WriteFileAtomic(corpus, TinyCorpus()).ok());
  ClusterOptions o;
  o.text_files = {corpus};
  o.context_words = 20;
  o.sizes = {2, 4, 16};  // k-means starts from the 16 most frequent words
  Result<std::string> a = LearnClusters(o, nullptr);
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  Result<std::string> b = LearnClusters(o, nullptr);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a.value(), b.value());
  Result<WordClusters> c = WordClusters::Parse(a.value(), "c.tsv");
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  auto id = [&](const std::string& w) {
    size_t pos = a.value().find("\n" + w + "\t");
    EXPECT_NE(pos, std::string::npos) << w;
    return a.value().substr(pos + 1, a.value().find('\n', pos + 1) - pos - 1);
  };
  auto fine = [&](const std::string& w) { std::string l = id(w); return l.substr(l.rfind('\t') + 1); };
  EXPECT_EQ(fine("monday"), fine("tuesday"));
  EXPECT_EQ(fine("monday"), fine("friday"));
  EXPECT_EQ(fine("january"), fine("june"));
  EXPECT_NE(fine("monday"), fine("january"));
  // Markup never becomes a word; entities are decoded.
  EXPECT_EQ(a.value().find("EVENT"), std::string::npos);
  EXPECT_NE(a.value().find("\n&\t"), std::string::npos);
  // Too few words for the clusters asked for.
  o.sizes = {2, 4, 5000};
  Result<std::string> many = LearnClusters(o, nullptr);
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.error().kind, Error::Kind::kUsage);
}

TEST(ClusterTest, ParseErrorsNameTheLine) {
  Result<WordClusters> ok = WordClusters::Parse("# comment\nthe\t1\t2\t3\nThe\t1\t2\t3\n", "c.tsv");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().table.size(), 1u);  // keys are lowercased
  Result<WordClusters> bad = WordClusters::Parse("the\t1\t2\n", "c.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().file, "c.tsv");
  EXPECT_EQ(bad.error().line, 1);
  EXPECT_FALSE(WordClusters::Parse("the 1 2 3\n", "c.tsv").ok());
  EXPECT_FALSE(WordClusters::Parse("the\t1\t2\tx\n", "c.tsv").ok());
  EXPECT_FALSE(WordClusters::Parse("the\t1\t2\t3\t4\n", "c.tsv").ok());
  EXPECT_FALSE(WordClusters::Load("/nonexistent/c.tsv").ok());
}

// The tagger and parser trained with clusters store them, load back, and
// differ from the models trained without.
TEST(ClusterTest, TaggerAndParserUseClusters) {
  Result<std::string> all = ReadFile(std::string(CHRONICLE_SHARED_DIR) +
                                     "/corpora/ud-english-ewt/en_ewt-ud-train.conllu");
  ASSERT_TRUE(all.ok());
  size_t pos = 0;
  for (int i = 0; i < 200; ++i) pos = all.value().find("\n\n", pos) + 2;
  std::string train = ScratchDir() + "/slice.conllu";
  ASSERT_TRUE(WriteFileAtomic(train, all.value().substr(0, pos)).ok());
  ClusterOptions co;
  co.conllu_files = {train};
  co.min_count = 2;
  co.context_words = 100;
  co.sizes = {8, 16, 32};
  co.iterations = 3;
  Result<std::string> table = LearnClusters(co, nullptr);
  ASSERT_TRUE(table.ok()) << table.error().ToString();
  std::string clusters = ScratchDir() + "/c.tsv";
  ASSERT_TRUE(WriteFileAtomic(clusters, table.value()).ok());
  TrainOptions o{.train_path = train, .output_path = ScratchDir() + "/t.model", .iterations = 2, .seed = 3,
                 .clusters_path = clusters, .jackknife_folds = 2, .jackknife_iterations = 1};
  ASSERT_TRUE(TrainTagger(o, nullptr).ok());
  std::string with = ReadFile(o.output_path).value();
  {
    TrainOptions again = o;
    again.output_path = ScratchDir() + "/t_again.model";
    ASSERT_TRUE(TrainTagger(again, nullptr).ok());
    EXPECT_EQ(ReadFile(again.output_path).value(), with);  // deterministic
  }
  Result<Tagger> t = Tagger::Load(o.output_path);
  ASSERT_TRUE(t.ok()) << t.error().ToString();
  EXPECT_NE(t.value().settings().find("word_clusters=c.tsv"), std::string::npos);
  // Truncated inside the cluster table: a clean error.
  EXPECT_FALSE(Tagger::FromBytes(std::string_view(with).substr(0, with.size() - 8), "t.model").ok());
  o.output_path = ScratchDir() + "/p.model";
  o.parser_clusters = true;
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  Result<Parser> p = Parser::Load(o.output_path);
  ASSERT_TRUE(p.ok()) << p.error().ToString();
  EXPECT_NE(p.value().settings().find("word_clusters=c.tsv"), std::string::npos);
  std::string parser_with = ReadFile(o.output_path).value();
  {
    TrainOptions again = o;
    again.output_path = ScratchDir() + "/p_again.model";
    ASSERT_TRUE(TrainParser(again, nullptr).ok());
    EXPECT_EQ(ReadFile(again.output_path).value(), parser_with);  // deterministic
  }
  o.parser_clusters = false;  // the default: clusters reach the parser only through the jackknife taggers
  ASSERT_TRUE(TrainParser(o, nullptr).ok());
  EXPECT_NE(ReadFile(o.output_path).value(), parser_with);
  Result<Parser> p0 = Parser::Load(o.output_path);
  ASSERT_TRUE(p0.ok());
  EXPECT_EQ(p0.value().settings().find("word_clusters="), std::string::npos);
  EXPECT_NE(p0.value().settings().find("jackknife_tagger_clusters=c.tsv"), std::string::npos);
  o.clusters_path.clear();
  o.output_path = ScratchDir() + "/t0.model";
  ASSERT_TRUE(TrainTagger(o, nullptr).ok());
  EXPECT_NE(ReadFile(o.output_path).value(), with);
  o.clusters_path = "/nonexistent/c.tsv";
  EXPECT_FALSE(TrainTagger(o, nullptr).ok());
}

}  // namespace
}  // namespace chronicle
